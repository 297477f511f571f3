"""A keyring kept in a JSON file, for tests that run the command line in a child process
(the machines that run the tests have no desktop keyring). Chosen with
``PYTHON_KEYRING_BACKEND=tests.sync.filekeyring.FileKeyring`` and ``TNDE_TEST_KEYRING``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend


class FileKeyring(keyring.backend.KeyringBackend):
    priority = 10  # type: ignore[assignment]

    @property
    def _path(self) -> Path:
        return Path(os.environ["TNDE_TEST_KEYRING"])

    def _items(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def get_password(self, service: str, username: str) -> str | None:
        return self._items().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._items()
        items[f"{service}\n{username}"] = password
        temporary = self._path.with_suffix(".tmp")
        temporary.write_text(json.dumps(items), encoding="utf-8")
        temporary.replace(self._path)

    def delete_password(self, service: str, username: str) -> None:
        items = self._items()
        items.pop(f"{service}\n{username}", None)
        self._path.write_text(json.dumps(items), encoding="utf-8")
