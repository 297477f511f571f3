"""The settings pages of the signing screens: trust roots (add, refuse, remove) and the
signing device (remembered paths, never a secret)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from PySide6.QtCore import Qt

from tests.ui.helpers import accept_message_box, press_ok, wait_idle
from tnde.pki.trust import TrustStore
from ui.dialogs.settings_dialog import SettingsDialog
from ui.services import Services
from ui.settings import UiSettings
from ui.signing.device import PKCS11, DeviceChoice, SigningSettings
from ui.signing.settings_page import SigningSettingsPage
from ui.verification.trust_page import TrustRootsPage

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace


def certificate(tmp_path: Path, name: str, *, ca: bool) -> Path:
    """A self-signed certificate file (a CA root when ``ca``)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / f"{name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def test_trust_roots_are_listed_added_and_removed(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    page = TrustRootsPage(Services.open(demo_workspace))
    qtbot.addWidget(page)
    page.show()
    wait_idle(qtbot)
    model = page.model
    assert model.rowCount() == 1
    assert model.index(0, 1).data() == "DEMO"
    assert page.title() == "Sertifikat akar tepercaya"

    dialog = page.add_root_file(certificate(tmp_path, "Akar Uji Instansi", ca=True))
    assert dialog is not None
    assert dialog.label.text() == "Akar Uji Instansi"
    dialog.footer.setText("Balai Uji Sertifikasi")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert model.index(1, 4).data() == "Balai Uji Sertifikasi"
    stored = TrustStore.for_workspace(demo_workspace.path).list()
    assert [r.label for r in stored][-1] == "Akar Uji Instansi"

    page.table.selectRow(1)
    accept_message_box(qtbot, "Hapus")
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert len(TrustStore.for_workspace(demo_workspace.path).list()) == 1


def test_a_signer_certificate_is_refused_inside_the_dialog(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    page = TrustRootsPage(Services.open(demo_workspace))
    qtbot.addWidget(page)
    wait_idle(qtbot)
    dialog = page.add_root_file(certificate(tmp_path, "Bukan CA", ca=False))
    assert dialog is not None
    press_ok(qtbot, dialog)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "bukan sertifikat CA" in dialog.error.text()
    assert dialog.isVisible()
    wait_idle(qtbot)
    assert page.model.rowCount() == 1


def test_signing_device_page_plugs_into_settings_and_keeps_no_secret(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    services = Services.open(demo_workspace)
    dialog = SettingsDialog(None, services, UiSettings())
    qtbot.addWidget(dialog)
    page = dialog.signing_page
    assert isinstance(page, SigningSettingsPage)
    assert isinstance(dialog.trust_page, TrustRootsPage)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Perangkat penandatangan" in titles
    page.form.set_choice(DeviceChoice(PKCS11, "", "/usr/lib/softhsm/libsofthsm2.so", "TTE 1"))
    press_ok(qtbot, dialog)
    wait_idle(qtbot)
    kept = SigningSettings().device()
    # the remote service offered beside it may be remembered too; the token is what counts
    assert (kept.kind, kept.p12_path, kept.module, kept.token_label) == (
        PKCS11,
        "",
        "/usr/lib/softhsm/libsofthsm2.so",
        "TTE 1",
    )
    text = (tmp_path / "pengaturan" / "tnde-desktop.ini").read_text(encoding="utf-8")
    assert "TTE 1" in text
