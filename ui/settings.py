"""UI state kept between runs: window geometry, splitters, language, the last
workspace and the official last acted as. Domain configuration lives in the workspace's
``config.toml`` (:mod:`tnde.workspace.config`), never here.

Every key has one type and one default in :data:`DEFAULTS`; the file is an INI file so
support staff can read it. Tests point it at a temporary folder with :func:`use_folder`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["DEFAULTS", "LANGUAGES", "UiSettings", "use_folder"]

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
"""UI languages: code → name shown in its own language."""

DEFAULTS: dict[str, Any] = {
    "ui/language": "id",
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/splitter": QByteArray(),
    "window/detail_splitter": QByteArray(),
    "workspace/path": "",
    "workspace/user_nip": "",
    "files/last_folder": "",
    # where the signing key is (ui.signing.device): never a passphrase or PIN
    "signing/device_kind": "pkcs12",
    "signing/p12_path": "",
    "signing/pkcs11_module": "",
    "signing/token_label": "",
    # a remote signing service (remote-signing.toml profile) and the signer's NIK there
    "signing/remote_profile": "",
    "signing/nik": "",
    # tell the user when the archive brings new work ("2 naskah perlu diperiksa")
    "sync/notify": True,
}
"""Every key with its default; the default's type is the key's type."""

_folder: list[str] = []


def use_folder(path: Path) -> None:
    """Keep the settings file in ``path`` (tests; a portable install)."""
    _folder[:] = [str(path)]


class UiSettings:
    """Typed access to the INI settings file."""

    def __init__(self) -> None:
        if _folder:
            self._q = QSettings(f"{_folder[0]}/tnde-desktop.ini", QSettings.Format.IniFormat)
        else:
            self._q = QSettings(
                QSettings.Format.IniFormat,
                QSettings.Scope.UserScope,
                "TNDE",
                "TNDE Desktop",
            )

    def _get(self, key: str) -> Any:
        default = DEFAULTS[key]
        value = self._q.value(key, default)
        if isinstance(default, QByteArray):
            return value if isinstance(value, QByteArray) else QByteArray()
        return type(default)(value) if value is not None else default

    def _set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._q.setValue(key, value)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._q.sync()

    # -- keys -----------------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """UI language code (``id`` by default, whatever the OS language)."""
        code = str(self._get("ui/language"))
        return code if code in LANGUAGES else "id"

    @language.setter
    def language(self, code: str) -> None:
        self._set("ui/language", code if code in LANGUAGES else "id")

    @property
    def workspace_path(self) -> str:
        """The workspace opened last ("" = the default place)."""
        return str(self._get("workspace/path"))

    @workspace_path.setter
    def workspace_path(self, path: str) -> None:
        self._set("workspace/path", path)

    @property
    def user_nip(self) -> str:
        """The official the user acted as last ("" = the workspace's default)."""
        return str(self._get("workspace/user_nip"))

    @user_nip.setter
    def user_nip(self, nip: str) -> None:
        self._set("workspace/user_nip", nip)

    @property
    def notify_arrivals(self) -> bool:
        """Whether new work brought by the sync is announced."""
        value = self._q.value("sync/notify", True)
        return value not in (False, "false", "0", 0)

    @notify_arrivals.setter
    def notify_arrivals(self, on: bool) -> None:
        self._set("sync/notify", bool(on))

    @property
    def last_folder(self) -> str:
        """The folder of the last file opened or saved."""
        return str(self._get("files/last_folder"))

    @last_folder.setter
    def last_folder(self, path: str) -> None:
        self._set("files/last_folder", path)

    def geometry(self, key: str) -> QByteArray:
        """A saved geometry/state blob (``window/geometry``, ``window/splitter`` …)."""
        value: QByteArray = self._get(key)
        return value

    def set_geometry(self, key: str, value: QByteArray) -> None:
        """Save a geometry/state blob."""
        self._set(key, value)
