"""Secrets in the OS keyring: the archive server's access token.

:class:`SecretStore` is the port the UI uses; :class:`KeyringSecretStore` implements it over the
``keyring`` package (Secret Service on Linux, Windows Credential Manager, macOS Keychain). When
no usable keyring exists — ``keyring`` fell back to its ``fail`` backend, the backend only has
a low priority (plain-text or null backends), or the backend refuses — every call raises
:class:`tnde.errors.SecretStoreUnavailable`. There is no fallback to a file, and secrets are
never logged.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

import keyring
import keyring.backends.fail
import keyring.errors

from tnde.errors import SecretStoreUnavailable
from tnde.messages import _

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

__all__ = [
    "SERVICE",
    "KeyringSecretStore",
    "MemorySecretStore",
    "SecretStore",
    "SecretStoreUnavailable",
    "archive_account",
    "keyring_usable",
]

SERVICE = "TNDE Desktop"
"""The keyring service name every TNDE secret is stored under."""


def archive_account(workspace_id: str, url: str) -> str:
    """The keyring account of a workspace's archive-server token.

    The URL is in it so a token is only ever sent to the server it was issued for; the
    workspace id so two workspaces on the same server keep their own tokens.
    """
    return f"{url} (ruang kerja {workspace_id})"


class SecretStore(Protocol):
    """Where secrets are kept. Every method raises ``SecretStoreUnavailable`` when it cannot."""

    def get(self, service: str, account: str) -> str | None:
        """The stored secret, or None when there is none."""
        ...

    def set(self, service: str, account: str, secret: str) -> None:
        """Store ``secret``, replacing any earlier one."""
        ...

    def delete(self, service: str, account: str) -> None:
        """Forget the secret; nothing happens when there is none."""
        ...


class KeyringSecretStore:
    """:class:`SecretStore` over the ``keyring`` package's current backend."""

    def get(self, service: str, account: str) -> str | None:
        backend = _usable_backend()
        try:
            return backend.get_password(service, account)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(backend, exc) from exc

    def set(self, service: str, account: str, secret: str) -> None:
        backend = _usable_backend()
        try:
            backend.set_password(service, account, secret)
        except keyring.errors.KeyringError as exc:
            # from None: the traceback of a refused write is not worth a secret in a log
            raise _unavailable(backend, exc) from None

    def delete(self, service: str, account: str) -> None:
        backend = _usable_backend()
        try:
            backend.delete_password(service, account)
        except keyring.errors.PasswordDeleteError:
            return  # nothing stored
        except keyring.errors.KeyringError as exc:
            raise _unavailable(backend, exc) from exc


def _usable_backend() -> KeyringBackend:
    """The keyring backend, if it is a real one; ``SecretStoreUnavailable`` otherwise."""
    try:
        backend = keyring.get_keyring()
        priority = backend.priority
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        # RuntimeError: how a backend's priority says it is unsuitable here
        raise _store_unavailable(reason=f"no keyring backend: {type(exc).__name__}") from exc
    if isinstance(backend, keyring.backends.fail.Keyring) or priority < 1:
        error = _store_unavailable(
            reason=f"keyring backend {type(backend).__name__} is not usable (priority {priority:g})"
        )
        log.warning("%s", error.reason)
        raise error
    return backend


def _store_unavailable(*, reason: str) -> SecretStoreUnavailable:
    """The one sentence the user sees whatever failed; ``reason`` only goes to the log."""
    return SecretStoreUnavailable(
        _(
            "The system's secret storage (keyring) is not available on this computer; the "
            "archive server token was not saved. Install and open Secret Service / Windows "
            "Credential Manager, then try again."
        ),
        reason=reason,
    )


def _unavailable(backend: KeyringBackend, exc: BaseException) -> SecretStoreUnavailable:
    error = _store_unavailable(
        reason=f"keyring backend {type(backend).__name__}: {type(exc).__name__}"
    )
    log.warning("%s", error.reason)
    return error


class MemorySecretStore:
    """:class:`SecretStore` in this process's memory only: for a DEMO office served on this
    computer, whose windows sign in with their DEMO passwords at every start, so nothing is
    kept once the app quits (and no keyring is needed)."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str], str] = {}

    def get(self, service: str, account: str) -> str | None:
        """The secret, or None."""
        return self._items.get((service, account))

    def set(self, service: str, account: str, secret: str) -> None:
        """Keep ``secret`` until the process ends."""
        self._items[(service, account)] = secret

    def delete(self, service: str, account: str) -> None:
        """Forget the secret."""
        self._items.pop((service, account), None)


def keyring_usable() -> bool:
    """Whether the OS keyring can keep secrets here (a desktop session has one; a server or a
    bare container often has none)."""
    try:
        _usable_backend()
    except SecretStoreUnavailable:
        return False
    return True
