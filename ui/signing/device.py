"""Which signing device the user signs with, remembered between runs as UI state.

Only *where* the key is gets stored (the kind, a ``.p12`` path, a PKCS#11 module path and a
token label): never a passphrase or PIN. The keys live in the one settings
table of :mod:`ui.settings`.

In a demo workspace the default device is the acting official's DEMO ``.p12``
(``<workspace>/pki/demo/officials/<NIP>.p12``), so practice signing needs no set-up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tnde import signing
from tnde.errors import PkiError
from tnde.pki import DemoPki, demo_folder
from ui.settings import UiSettings

if TYPE_CHECKING:
    from tnde.signing import SigningDevice
    from ui.services import Services

log = logging.getLogger(__name__)

__all__ = [
    "PKCS11",
    "PKCS12",
    "DeviceChoice",
    "SigningSettings",
    "demo_p12",
    "device_for",
    "initial_choice",
]

PKCS12 = "pkcs12"
"""A certificate file (``.p12``/``.pfx``) opened with a passphrase."""
PKCS11 = "pkcs11"
"""A token or HSM behind a PKCS#11 module, opened with a PIN."""


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

    @property
    def is_complete(self) -> bool:
        """Whether enough is filled in to open the device."""
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
            kind=kind if kind in (PKCS12, PKCS11) else PKCS12,
            p12_path=str(self._get("signing/p12_path")),
            module=str(self._get("signing/pkcs11_module")),
            token_label=str(self._get("signing/token_label")),
        )

    def set_device(self, choice: DeviceChoice) -> None:
        """Remember ``choice`` (paths and label only)."""
        self._set("signing/device_kind", choice.kind)
        self._set("signing/p12_path", choice.p12_path)
        self._set("signing/pkcs11_module", choice.module)
        self._set("signing/token_label", choice.token_label)
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
        return DeviceChoice(PKCS12, str(demo), remembered.module, remembered.token_label)
    return remembered


def device_for(choice: DeviceChoice) -> SigningDevice:
    """The core device object for ``choice``."""

    if choice.kind == PKCS11:
        return signing.Pkcs11Device(Path(choice.module), choice.token_label)
    return signing.Pkcs12Device(Path(choice.p12_path))
