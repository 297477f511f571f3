"""Which signing device the user signs with, remembered between runs as UI state.

Only *where* the key is gets stored (the kind, a ``.p12`` path, a PKCS#11 module path and a
token label, or a remote signing profile and the signer's NIK there): never a passphrase or
PIN. The keys live in the one settings table of :mod:`ui.settings`.

In a demo workspace the default device is the acting official's DEMO ``.p12``
(``<workspace>/pki/demo/officials/<NIP>.p12``), so practice signing needs no set-up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tnde import signing
from tnde.errors import ConfigError, PkiError
from tnde.pki import DemoPki, demo_folder, demo_nik
from ui.settings import UiSettings

if TYPE_CHECKING:
    from tnde.signing import SigningDevice
    from ui.services import Services

log = logging.getLogger(__name__)

__all__ = [
    "PKCS11",
    "PKCS12",
    "REMOTE",
    "DeviceChoice",
    "SigningSettings",
    "demo_p12",
    "device_for",
    "initial_choice",
    "remote_profiles",
]

PKCS12 = "pkcs12"
"""A certificate file (``.p12``/``.pfx``) opened with a passphrase."""
PKCS11 = "pkcs11"
"""A token or HSM behind a PKCS#11 module, opened with a PIN."""
REMOTE = "remote"
"""A remote signing service (BSrE) keeping the key, reached with the NIK and a passphrase."""


@dataclass(frozen=True)
class DeviceChoice:
    """Where the signing key is. Holds no secret."""

    kind: str = PKCS12
    """:data:`PKCS12` or :data:`PKCS11`."""
    p12_path: str = ""
    """The certificate file, for :data:`PKCS12`."""
    module: str = ""
    """The vendor's PKCS#11 library, for :data:`PKCS11`."""
    token_label: str = ""
    """The token's label, for :data:`PKCS11`."""
    remote_profile: str = ""
    """The remote signing profile's name, for :data:`REMOTE`."""
    nik: str = ""
    """The signer's NIK at the remote service ("" in a demo: the acting official's DEMO NIK)."""

    @property
    def is_complete(self) -> bool:
        """Whether enough is filled in to open the device."""
        if self.kind == REMOTE:
            return bool(self.remote_profile)
        if self.kind == PKCS11:
            return bool(self.module and self.token_label)
        return bool(self.p12_path)

    @property
    def uses_pin(self) -> bool:
        """A token asks for a PIN, a file for a passphrase."""
        return self.kind == PKCS11


class SigningSettings(UiSettings):
    """:class:`ui.settings.UiSettings` with the signing device keys."""

    def device(self) -> DeviceChoice:
        """The device chosen last (empty fields when none was)."""
        kind = str(self._get("signing/device_kind"))
        return DeviceChoice(
            kind=kind if kind in (PKCS12, PKCS11, REMOTE) else PKCS12,
            p12_path=str(self._get("signing/p12_path")),
            module=str(self._get("signing/pkcs11_module")),
            token_label=str(self._get("signing/token_label")),
            remote_profile=str(self._get("signing/remote_profile")),
            nik=str(self._get("signing/nik")),
        )

    def set_device(self, choice: DeviceChoice) -> None:
        """Remember ``choice`` (paths and label only)."""
        self._set("signing/device_kind", choice.kind)
        self._set("signing/p12_path", choice.p12_path)
        self._set("signing/pkcs11_module", choice.module)
        self._set("signing/token_label", choice.token_label)
        self._set("signing/remote_profile", choice.remote_profile)
        self._set("signing/nik", choice.nik)
        self.sync()


def demo_p12(services: Services) -> Path | None:
    """The acting official's DEMO ``.p12`` in a demo workspace, or None."""
    if not services.is_demo:
        return None

    try:
        return DemoPki.open(demo_folder(services.workspace.path)).p12_path(services.nip)
    except PkiError:
        log.info("no DEMO certificate for the acting official")
        return None


def initial_choice(services: Services, settings: SigningSettings) -> DeviceChoice:
    """The device to offer: the remembered one, except that in a demo workspace a file of
    its DEMO PKI (or nothing) becomes the acting official's own DEMO ``.p12``."""
    remembered = settings.device()
    demo = demo_p12(services)
    if demo is None or remembered.kind != PKCS12:
        return remembered

    folder = demo_folder(services.workspace.path).resolve()
    current = Path(remembered.p12_path).resolve() if remembered.p12_path else None
    if current is None or current.is_relative_to(folder) or not current.is_file():
        return replace(remembered, kind=PKCS12, p12_path=str(demo))
    return remembered


def remote_profiles(services: Services) -> list[tuple[str, str]]:
    """(name, label) of the workspace's remote signing profiles ("BSrE (simulasi)" in a demo)."""
    try:
        profiles = signing.workspace_remote_profiles(services.workspace)
    except ConfigError:
        log.warning("remote-signing.toml cannot be read", exc_info=True)
        return []
    return [(name, p.label) for name, p in sorted(profiles.items())]


def device_for(choice: DeviceChoice, services: Services | None = None) -> SigningDevice:
    """The core device object for ``choice`` (a remote one needs the workspace's services)."""

    if choice.kind == REMOTE and services is not None:
        nik = choice.nik or (demo_nik(services.nip) if services.is_demo else "")
        device: SigningDevice = signing.remote_device(
            services.workspace, choice.remote_profile, nik
        )
        return device
    if choice.kind == PKCS11:
        return signing.Pkcs11Device(Path(choice.module), choice.token_label)
    return signing.Pkcs12Device(Path(choice.p12_path))
