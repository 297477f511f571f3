"""Where a desk keeps its refresh token for an archive: the OS keyring, through
:class:`~tnde.secrets.SecretStore`.

The token is kept per workspace, archive (URL and id) and device, so it is only ever sent to
the archive that issued it. Windows' Credential Manager holds at most 2,560 bytes per secret
(UTF-16: about 1,280 characters). A token longer than :data:`KEYRING_LIMIT` characters (an
identity provider's token may be) is therefore stored in the workspace, encrypted with
AES-256-GCM (a random nonce, the keyring account name as associated data, so a file copied to
another account's place does not decrypt), and the keyring keeps the 32-byte key instead.
Either way nothing readable is on disk, and when no keyring is usable nothing is stored at
all: :class:`~tnde.errors.SecretStoreUnavailable` reaches the caller with its message.

What the keyring holds is ``token:<the token>`` or ``file-key:<base64 key>``; the file is
``<workspace>/sync/refresh-token-<16 hex>.enc`` = ``TNDE-RT1`` ‖ nonce (12 bytes) ‖ ciphertext.
The token is never logged.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import secrets
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tnde.errors import FileWriteError, TndeError
from tnde.fsutil import private_folder, write_atomic
from tnde.messages import _
from tnde.secrets import SERVICE, archive_account

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.secrets import SecretStore

__all__ = ["KEYRING_LIMIT", "CredentialError", "TokenVault", "vault_account"]

log = logging.getLogger(__name__)

KEYRING_LIMIT = 1000
"""The longest token kept in the keyring itself (characters); longer ones go to a file."""

SYNC_FOLDER = "sync"
_MAGIC = b"TNDE-RT1"
_NONCE = 12
_TOKEN, _FILE_KEY = "token:", "file-key:"


class CredentialError(TndeError):
    """The stored token cannot be read back; the desk signs in again to replace it.

    Attributes:
        kind: ``MISSING`` (the keyring names a file that is gone) or ``DAMAGED`` (the file or
            the keyring entry is not what was written).
        detail: the sentence for the user.
    """

    MISSING = "missing"
    DAMAGED = "damaged"

    def __init__(self, kind: str, detail: str) -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(detail)


def vault_account(workspace_id: str, archive_url: str, archive_id: str, device_id: str) -> str:
    """The keyring account of a desk's refresh token for one archive."""
    base = archive_account(workspace_id, archive_url)
    return f"{base} [arsip {archive_id}, perangkat {device_id}]"


class TokenVault:
    """The refresh token of one workspace's device for one archive."""

    def __init__(
        self,
        store: SecretStore,
        workspace: Path,
        *,
        workspace_id: str,
        archive_url: str,
        archive_id: str,
        device_id: str,
    ) -> None:
        self.store = store
        self.account = vault_account(workspace_id, archive_url, archive_id, device_id)
        """The keyring account name (also the file's associated data)."""
        digest = hashlib.sha256(self.account.encode("utf-8")).hexdigest()[:16]
        self.path = workspace / SYNC_FOLDER / f"refresh-token-{digest}.enc"
        """Where a long token is kept, encrypted."""

    def load(self) -> str | None:
        """The stored token, or ``None`` when none is stored.

        Raises:
            SecretStoreUnavailable: no usable keyring.
            CredentialError: the file is missing or damaged, or the keyring entry is.
        """
        stored = self.store.get(SERVICE, self.account)
        if stored is None:
            return None
        if stored.startswith(_TOKEN):
            return stored.removeprefix(_TOKEN)
        if not stored.startswith(_FILE_KEY):
            raise self._damaged()
        try:
            key = base64.b64decode(stored.removeprefix(_FILE_KEY), validate=True)
        except (binascii.Error, ValueError):
            raise self._damaged() from None
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            raise CredentialError(
                CredentialError.MISSING,
                _(
                    "the archive sign-in of this workspace is stored in {path}, which is "
                    "missing; sign in to the archive again",
                    path=self.path,
                ),
            ) from None
        except OSError as exc:
            raise self._damaged(exc.strerror or type(exc).__name__) from None
        if len(key) != 32 or not data.startswith(_MAGIC):
            raise self._damaged()
        nonce, ciphertext = data[len(_MAGIC) : len(_MAGIC) + _NONCE], data[len(_MAGIC) + _NONCE :]
        try:
            plain = AESGCM(key).decrypt(nonce, ciphertext, self.account.encode("utf-8"))
            return plain.decode("utf-8")
        except (InvalidTag, ValueError):
            raise self._damaged() from None

    def save(self, token: str) -> None:
        """Keep ``token``, replacing the one before.

        The keyring is written first: when it is unavailable nothing reaches the disk.

        Raises:
            SecretStoreUnavailable: no usable keyring; nothing was stored.
            FileWriteError: a long token's file cannot be written; nothing was stored.
        """
        if len(token) <= KEYRING_LIMIT:
            self.store.set(SERVICE, self.account, _TOKEN + token)
            self._remove_file()  # a long token's file from before
            return
        key = AESGCM.generate_key(bit_length=256)
        nonce = secrets.token_bytes(_NONCE)
        sealed = AESGCM(key).encrypt(nonce, token.encode("utf-8"), self.account.encode("utf-8"))
        self.store.set(SERVICE, self.account, _FILE_KEY + base64.b64encode(key).decode("ascii"))
        try:
            self.path.parent.mkdir(mode=0o700, exist_ok=True)
            private_folder(self.path.parent)
            write_atomic(self.path, _MAGIC + nonce + sealed, private=True)
        except (FileWriteError, OSError) as exc:
            self.store.delete(SERVICE, self.account)  # a key without its file helps nobody
            if isinstance(exc, FileWriteError):
                raise
            raise FileWriteError(str(self.path.parent), exc.strerror or str(exc)) from None
        log.debug("archive refresh token stored encrypted in the workspace (%d bytes)", len(sealed))

    def forget(self) -> None:
        """Remove the token from the keyring and the workspace (nothing happens when none).

        Raises:
            SecretStoreUnavailable: no usable keyring (the file is removed all the same).
            FileWriteError: the file cannot be removed.
        """
        try:
            self._remove_file()
        finally:
            self.store.delete(SERVICE, self.account)

    def _remove_file(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise FileWriteError(str(self.path), exc.strerror or type(exc).__name__) from None

    def _damaged(self, reason: str = "") -> CredentialError:
        log.warning(
            "the stored archive sign-in cannot be read back%s", f": {reason}" if reason else ""
        )
        return CredentialError(
            CredentialError.DAMAGED,
            _(
                "the stored archive sign-in of this workspace is damaged ({path}); sign in to "
                "the archive again",
                path=self.path,
            ),
        )
