"""Linking this computer to the office's archive, and signing in again.

:class:`LinkDialog` asks what the administrator handed over (the archive's address, the
certificate fingerprint read out, the official's NIP and one-time enrolment code) and a new
password, then makes a workspace joined to that archive (:func:`tnde.sync.join_office`: the
office's org chart and profile come from the archive). :class:`SignInDialog` asks only for
the password, with the reason the archive gave (expired, computer removed, account
disabled). The code and password live in the fields only while the dialog is open; they are
handed to the core once and never stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tnde import sync
from tnde.paths import default_workspace_path
from ui.dialogs.buttons import button_box
from ui.messages import describe_error
from ui.workers import QueryOp

if TYPE_CHECKING:
    from collections.abc import Callable

    from tnde.secrets import SecretStore
    from tnde.workspace import Workspace

__all__ = ["LinkDialog", "SignInDialog"]

MIN_PASSWORD = 10
"""The archive refuses shorter passwords; said here before anything is sent."""


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class _FormDialog(QDialog):
    """A form with an error line and OK/Cancel; OK runs :meth:`submit` off the GUI thread."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("error_text")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = button_box()
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.busy = False
        self.secret_fields: list[QLineEdit] = []
        """Cleared whenever the dialog closes, however it closes."""
        self.finished.connect(self._forget_secrets)

    def _forget_secrets(self, _result: int = 0) -> None:
        for field in self.secret_fields:
            field.clear()

    def _finish_layout(self, intro: QLabel) -> None:
        layout = QVBoxLayout(self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def show_error(self, text: str) -> None:
        """Say what is wrong, under the form."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _on_ok(self) -> None:
        if self.busy:
            return
        problem = self.check()
        if problem:
            self.show_error(problem)
            return
        self.show_error("")
        self.busy = True
        self.buttons.setEnabled(False)
        # on the shared pool, not the write pool: the archive may take seconds to answer,
        # and nothing the official does elsewhere should wait behind it
        QueryOp(self, self.work()).with_progress(self.tr("Contacting the archive…")).success(
            self._on_done
        ).failure(self._on_failed).run()

    def _on_done(self, result: object) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        self.done_with(result)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        self.show_error(describe_error(exc)[0])

    # -- for subclasses ---------------------------------------------------------------------

    def check(self) -> str:
        """What is wrong with the form ("" when it can be sent)."""
        return ""

    def work(self) -> Callable[[], object]:
        """The core call, as a function of no arguments."""
        raise NotImplementedError

    def done_with(self, result: object) -> None:
        """Keep the result before the dialog closes."""


class LinkDialog(_FormDialog):
    """Link this computer to the office's archive: a new workspace joined to it."""

    sig_linked = Signal(object)
    """The workspace was made and linked (:class:`tnde.workspace.Workspace`)."""

    def __init__(
        self, secrets: SecretStore, parent: QWidget | None = None, *, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.secrets = secrets
        self.workspace: Workspace | None = None
        self.setWindowTitle(self.tr("Link to the office's archive"))
        self.setMinimumWidth(560)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://arsip.dinas.go.id")
        self.url.setAccessibleName(self.tr("Archive address"))
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText(self.tr("as read out by the administrator"))
        self.fingerprint.setAccessibleName(self.tr("Certificate fingerprint"))
        self.nip = QLineEdit()
        self.nip.setMaxLength(18)
        self.nip.setAccessibleName(self.tr("NIP"))
        self.has_password = QCheckBox(
            self.tr("I already have a password (I linked another computer before)")
        )
        self.has_password.toggled.connect(self._on_mode_changed)
        self.code = _secret_field(self.tr("Enrolment code"))
        self.code.setEchoMode(QLineEdit.EchoMode.Normal)  # read off paper: shown while typed
        self.password = _secret_field(self.tr("New password"))
        self.repeat = _secret_field(self.tr("New password again"))
        self.secret_fields = [self.code, self.password, self.repeat]
        self.folder = QLineEdit(str(folder or _free_folder(default_workspace_path())))
        self.folder.setAccessibleName(self.tr("Workspace folder"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._on_browse)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        self.form.addRow(self.tr("Archive address:"), self.url)
        self.form.addRow(self.tr("Certificate fingerprint:"), self.fingerprint)
        self.form.addRow(self.tr("NIP:"), self.nip)
        self.form.addRow("", self.has_password)
        self.form.addRow(self.tr("Enrolment code:"), self.code)
        self.password_label = QLabel(self.tr("New password:"))
        self.form.addRow(self.password_label, self.password)
        self.form.addRow(self.tr("Repeat the password:"), self.repeat)
        self.form.addRow(self.tr("Workspace folder:"), where)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Link"))
        self._finish_layout(
            QLabel(
                self.tr(
                    "Your administrator gave you the archive's address, its certificate "
                    "fingerprint and a one-time enrolment code. Choose a password of at "
                    "least %1 characters: you sign in with it from other computers."
                ).replace("%1", str(MIN_PASSWORD))
            )
        )

    def check(self) -> str:
        if not self.url.text().strip():
            return self.tr("Type the archive's address.")
        nip = self.nip.text().strip()
        if len(nip) != 18 or not nip.isdigit():
            return self.tr("A NIP has 18 digits.")
        if self.has_password.isChecked():
            if not self.password.text():
                return self.tr("Type your password.")
            return (
                "" if self.folder.text().strip() else self.tr("Choose a folder for the workspace.")
            )
        if not self.code.text().strip():
            return self.tr("Type the enrolment code the administrator gave you.")
        if len(self.password.text()) < MIN_PASSWORD:
            return self.tr("The password needs at least %1 characters.").replace(
                "%1", str(MIN_PASSWORD)
            )
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        if not self.folder.text().strip():
            return self.tr("Choose a folder for the workspace.")
        return ""

    def work(self) -> Callable[[], object]:
        url, nip = self.url.text().strip(), self.nip.text().strip()
        enrol = not self.has_password.isChecked()
        secret = (
            f"{self.code.text().strip()}|{self.password.text()}" if enrol else self.password.text()
        )
        fingerprint, folder = self.fingerprint.text().strip(), Path(self.folder.text().strip())
        secrets = self.secrets

        def join() -> Workspace:
            return sync.join_office(
                folder,
                url,
                nip=nip,
                secret=secret,
                secrets=secrets,
                fingerprint=fingerprint,
                enrol=enrol,
            )

        return join

    def done_with(self, result: object) -> None:
        for field in (self.code, self.password, self.repeat):
            field.clear()
        self.workspace = result  # type: ignore[assignment]
        self.sig_linked.emit(result)

    def _on_mode_changed(self, has_password: bool) -> None:
        """With a password already chosen, no code is spent: the official signs in."""
        for field in (self.code, self.repeat):
            field.setVisible(not has_password)
            label = self.form.labelForField(field)
            if label is not None:
                label.setVisible(not has_password)
        self.password_label.setText(
            self.tr("Password:") if has_password else self.tr("New password:")
        )

    def _on_browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Workspace folder"))
        if folder:
            self.folder.setText(folder)


class SignInDialog(_FormDialog):
    """Sign in again with the password, after the archive refused the stored sign-in."""

    sig_signed_in = Signal()
    """The desk has a new sign-in."""

    def __init__(
        self,
        workspace: Workspace,
        secrets: SecretStore,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.secrets = secrets
        self.setWindowTitle(self.tr("Sign in to the archive"))
        self.setMinimumWidth(460)
        self.password = _secret_field(self.tr("Password"))
        self.secret_fields = [self.password]
        self.form.addRow(self.tr("Password:"), self.password)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Sign in"))
        intro = self.tr("Sign in with your archive password to send and receive again.")
        if reason:
            intro = f"{reason[:1].upper()}{reason[1:]}. {intro}"
        self._finish_layout(QLabel(intro))

    def check(self) -> str:
        return "" if self.password.text() else self.tr("Type your password.")

    def work(self) -> Callable[[], object]:
        ws, password, secrets = self.workspace, self.password.text(), self.secrets

        def sign_in() -> None:
            sync.sign_in_again(ws, password, secrets)

        return sign_in

    def done_with(self, result: object) -> None:
        self.password.clear()
        self.sig_signed_in.emit()


def _free_folder(base: Path) -> Path:
    """``base`` when it holds no workspace yet, else the first free ``base-2``, ``base-3`` …"""
    if not base.exists() or not any(base.iterdir()):
        return base
    for n in range(2, 100):
        candidate = base.with_name(f"{base.name}-{n}")
        if not candidate.exists() or not any(candidate.iterdir()):
            return candidate
    return base
