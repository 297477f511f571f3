"""Add a root certificate to the workspace trust store: its name for the admin and how the
letter footer names the issuer of certificates under it.

The dialog shows what the file holds (subject, validity, fingerprint) before anything is
written; the store refuses files that are not self-signed CA certificates, and that refusal
is shown inside the dialog so the admin can pick another file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tnde.errors import PkiError
from tnde.formatting import format_tanggal
from tnde.pki import fingerprint, load_certificate
from ui.dialogs.buttons import button_box
from ui.errors import show_failure
from ui.workers import Op

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.pki import TrustDesk

__all__ = ["AddRootDialog"]


class AddRootDialog(QDialog):
    """Window-modal; ``accepted`` fires once the root is in the store."""

    def __init__(self, parent: QWidget | None, store: TrustDesk, path: Path) -> None:
        super().__init__(parent)
        self.setObjectName("add_root_dialog")
        self.setWindowTitle(self.tr("Add trust root"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.store = store
        self.path = path
        self._data = b""

        self.subject = QLabel()
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.validity = QLabel()
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("muted")
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label = QLineEdit()
        self.label.setAccessibleName(self.tr("Name"))
        self.footer = QLineEdit()
        self.footer.setAccessibleName(self.tr("Footer issuer"))
        self.footer.setPlaceholderText(self.tr("Empty: the issuing CA's own name"))
        hint = QLabel(
            self.tr(
                "The footer of a signed letter says who issued the certificate, e.g. "
                "“Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara”."
            )
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("field_error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = button_box(self.tr("Add"))
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("File"), QLabel(path.name))
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Valid"), self.validity)
        form.addRow("SHA-256", self.fingerprint)
        form.addRow(self.tr("Name"), self.label)
        form.addRow(self.tr("Footer issuer"), self.footer)
        form.addRow("", hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self._read()

    # -- slots --------------------------------------------------------------------------------

    def _on_accepted(self) -> None:
        if not self._data:
            return
        store, data = self.store, self._data
        label = self.label.text().strip() or None
        footer = self.footer.text().strip() or None
        source = str(self.path)
        self.buttons.setEnabled(False)
        Op(
            self,
            lambda: store.add(data, label=label, footer_issuer=footer, source=source),
        ).success(lambda _root: self.accept()).failure(self._on_failed).run()

    def _on_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, PkiError):
            self._show_error(exc.detail)
            return

        show_failure(self, exc)

    # -- helpers ------------------------------------------------------------------------------

    def _read(self) -> None:
        from cryptography.x509.oid import NameOID

        try:
            data = self.path.read_bytes()
            cert = load_certificate(data, source=str(self.path))
        except OSError as exc:
            self._show_error(self.tr("The file cannot be read: %1").replace("%1", str(exc)))
            return
        except PkiError as exc:
            self._show_error(exc.detail)
            return
        self._data = data
        cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        self.label.setText(str(cn[0].value) if cn else "")
        self.subject.setText(cert.subject.rfc4514_string())
        self.validity.setText(
            self.tr("%1 to %2")
            .replace("%1", format_tanggal(cert.not_valid_before_utc.date()))
            .replace("%2", format_tanggal(cert.not_valid_after_utc.date()))
        )
        digest = fingerprint(cert)
        self.fingerprint.setText(" ".join(digest[i : i + 8] for i in range(0, len(digest), 8)))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
