"""Settings → Signing device: which certificate file or token the batch dialog offers first.

A :class:`ui.dialogs.settings_page.SettingsPage` of the settings dialog. OK saves the
device (paths and token label, never a secret) in the UI settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.dialogs.settings_page import SettingsPage
from ui.signing.device import SigningSettings, demo_p12, initial_choice, remote_profiles
from ui.signing.device_form import DeviceForm

if TYPE_CHECKING:
    from ui.services import Services

__all__ = ["SigningSettingsPage"]


class SigningSettingsPage(SettingsPage):
    """The signing device: a PKCS#12 file or a PKCS#11 token."""

    def __init__(self, services: Services | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = SigningSettings()
        self.form = DeviceForm()
        if services is not None:
            self.form.set_remote_profiles(remote_profiles(services))
        self.form.set_choice(
            initial_choice(services, self.settings) if services else self.settings.device()
        )
        if services is not None and demo_p12(services) is not None:
            self.form.set_note(
                self.tr(
                    "In this demo workspace the acting official's DEMO certificate is used "
                    "unless you choose another file."
                )
            )
        note = QLabel(
            self.tr(
                "Only where the key is gets saved (for a remote service: which one, and your "
                "NIK there). The passphrase or PIN is asked each time you sign and is never "
                "stored."
            )
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addSpacing(8)
        layout.addWidget(note)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Signing device")

    def apply(self) -> None:
        self.settings.set_device(self.form.choice())
