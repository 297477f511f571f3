"""The signing-device fields: a certificate file (PKCS#12), a token (PKCS#11 module and
token label) or a remote signing service (profile and NIK). Shared by the batch signing
dialog and the settings page; holds no secret."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.signing.device import PKCS11, PKCS12, REMOTE, DeviceChoice

__all__ = ["DeviceForm"]


class DeviceForm(QWidget):
    """Kind, file or module path, token label."""

    sig_changed = Signal()
    """The user changed the device (read :meth:`choice`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Certificate file (PKCS#12)"), PKCS12)
        self.kind.addItem(self.tr("Token or smart card (PKCS#11)"), PKCS11)
        self.kind.addItem(self.tr("Remote signing service (BSrE)"), REMOTE)
        self.kind.setAccessibleName(self.tr("Signing device"))

        self.p12_path = QLineEdit()
        self.p12_path.setPlaceholderText(self.tr("A .p12 or .pfx file"))
        self.p12_path.setAccessibleName(self.tr("Certificate file"))
        self.p12_choose = QPushButton(icon("folder"), self.tr("Choose…"))
        p12_row = QHBoxLayout()
        p12_row.setContentsMargins(0, 0, 0, 0)
        p12_row.addWidget(self.p12_path, 1)
        p12_row.addWidget(self.p12_choose)
        self.token_label = QLineEdit()
        self.token_label.setAccessibleName(self.tr("Token label"))
        self.token_label.setPlaceholderText(self.tr("As the token reports it"))

        self.module = QLineEdit()
        self.module.setPlaceholderText(self.tr("The vendor's PKCS#11 library (.so, .dll)"))
        self.module.setAccessibleName(self.tr("PKCS#11 module"))
        self.module_choose = QPushButton(icon("folder"), self.tr("Choose…"))
        module_row = QHBoxLayout()
        module_row.setContentsMargins(0, 0, 0, 0)
        module_row.addWidget(self.module, 1)
        module_row.addWidget(self.module_choose)

        self.remote_profile = QComboBox()
        self.remote_profile.setAccessibleName(self.tr("Remote signing service"))
        self.nik = QLineEdit()
        self.nik.setAccessibleName(self.tr("NIK"))
        self.nik.setMaxLength(19)  # 16 digits, perhaps typed in groups
        self.nik.setPlaceholderText(self.tr("16 digits, as registered at BSrE"))

        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.note.hide()

        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("Device"), self.kind)
        self.form.addRow(self.tr("File"), p12_row)
        self.form.addRow(self.tr("Module"), module_row)
        self.form.addRow(self.tr("Token label"), self.token_label)
        self.form.addRow(self.tr("Service"), self.remote_profile)
        self.form.addRow(self.tr("NIK"), self.nik)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        self._show_rows()

        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.p12_choose.clicked.connect(self._on_choose_p12)
        self.module_choose.clicked.connect(self._on_choose_module)
        for edit in (self.p12_path, self.module, self.token_label, self.nik):
            edit.textEdited.connect(lambda _t: self.sig_changed.emit())
        self.remote_profile.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())

    # -- public API ---------------------------------------------------------------------------

    def choice(self) -> DeviceChoice:
        """The device as filled in."""
        return DeviceChoice(
            kind=str(self.kind.currentData()),
            p12_path=self.p12_path.text().strip(),
            module=self.module.text().strip(),
            token_label=self.token_label.text().strip(),
            remote_profile=str(self.remote_profile.currentData() or ""),
            nik="".join(self.nik.text().split()),
        )

    def set_choice(self, choice: DeviceChoice) -> None:
        """Show ``choice``."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(choice.kind)))
        self.p12_path.setText(choice.p12_path)
        self.module.setText(choice.module)
        self.token_label.setText(choice.token_label)
        self.remote_profile.setCurrentIndex(
            max(0, self.remote_profile.findData(choice.remote_profile))
        )
        self.nik.setText(choice.nik)
        self._show_rows()

    def set_remote_profiles(self, profiles: list[tuple[str, str]]) -> None:
        """The remote signing services to offer, as (profile name, label)."""
        current = self.remote_profile.currentData()
        self.remote_profile.clear()
        for name, label in profiles:
            self.remote_profile.addItem(label, name)
        self.remote_profile.setCurrentIndex(max(0, self.remote_profile.findData(current)))

    def set_note(self, text: str) -> None:
        """A hint under the fields ("" hides it)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # -- slots --------------------------------------------------------------------------------

    def _on_kind_changed(self, _index: int) -> None:
        self._show_rows()
        self.sig_changed.emit()

    def _on_choose_p12(self) -> None:
        start = str(Path(self.p12_path.text()).parent) if self.p12_path.text() else ""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the certificate file"),
            start,
            self.tr("Certificate files (*.p12 *.pfx);;All files (*)"),
        )
        if path:
            self.p12_path.setText(path)
            self.sig_changed.emit()

    def _on_choose_module(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the PKCS#11 module"),
            "",
            self.tr("Libraries (*.so *.dll *.dylib);;All files (*)"),
        )
        if path:
            self.module.setText(path)
            self.sig_changed.emit()

    # -- helpers ------------------------------------------------------------------------------

    def _show_rows(self) -> None:
        kind = self.kind.currentData()
        self.form.setRowVisible(1, kind == PKCS12)
        self.form.setRowVisible(2, kind == PKCS11)
        self.form.setRowVisible(3, kind == PKCS11)
        self.form.setRowVisible(4, kind == REMOTE)
        self.form.setRowVisible(5, kind == REMOTE)
