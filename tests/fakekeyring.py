"""An in-memory keyring backend, so no test touches the real OS keyring."""

from __future__ import annotations

from typing import TYPE_CHECKING

import keyring
import keyring.core
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

if TYPE_CHECKING:
    import pytest


class FakeKeyring(KeyringBackend):
    """Secrets in a dict: ``secrets[(service, account)]``."""

    priority = 1  # type: ignore[assignment]  # a usable backend, like the real ones

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("no such secret")


def install(monkeypatch: pytest.MonkeyPatch, backend: KeyringBackend) -> None:
    """Make ``backend`` the keyring until the test ends, then restore the one before.

    The previous backend is saved as it is (possibly not yet chosen) rather than through
    ``keyring.get_keyring()``, which would load the real OS backend.
    """
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.core._keyring_backend)
    keyring.set_keyring(backend)
