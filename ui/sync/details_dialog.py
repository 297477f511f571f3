"""The details behind the status bar's sync button: the archive, who is signed in, what
waits to be sent, when the desk last sent and received, the last problem; "Kirim sekarang"
and, when the archive wants a new sign-in, "Masuk kembali…"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tnde import sync
from ui.sync.status import describe_snapshot

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from tnde.sync import SyncSnapshot
    from tnde.workspace import Workspace

__all__ = ["SyncDetailsDialog"]


def _when(text: str, zone: ZoneInfo) -> str:
    """An ISO timestamp as ``07/12/2026 10:42`` in the office's zone ("-" when empty)."""
    if not text:
        return "-"
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return f"{moment.astimezone(zone):%d/%m/%Y %H:%M}"


class SyncDetailsDialog(QDialog):
    """What ``tnde sync status`` shows, in a window."""

    sig_send_requested = Signal()
    """The user asked to send now."""
    sig_sign_in_requested = Signal()
    """The user wants to sign in again."""

    def __init__(
        self,
        workspace: Workspace,
        snapshot: SyncSnapshot,
        zone: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Archive connection"))
        self.setMinimumWidth(520)
        found = sync.status(workspace)
        form = QFormLayout()
        state = QLabel(describe_snapshot(snapshot, zone))
        state.setObjectName("sync_state")
        state.setWordWrap(True)
        form.addRow(self.tr("State:"), state)
        form.addRow(self.tr("Archive:"), QLabel(f"{found['url']}  ({found['archive_id']})"))
        form.addRow(self.tr("Signed in as:"), QLabel(found["nip"]))
        form.addRow(self.tr("This computer:"), QLabel(workspace.device_id))
        form.addRow(self.tr("Waiting to be sent:"), QLabel(str(found["pending"])))
        form.addRow(self.tr("Last sent:"), QLabel(_when(found["last_push_at"], zone)))
        form.addRow(self.tr("Last received:"), QLabel(_when(found["last_pull_at"], zone)))
        problem = snapshot.signed_out or snapshot.error or found["last_error"]
        if problem:
            error = QLabel(problem)
            error.setObjectName("error_text")
            error.setWordWrap(True)
            form.addRow(self.tr("Last problem:"), error)
        buttons = QDialogButtonBox()
        self.send_button = QPushButton(self.tr("Send now"))
        self.send_button.setEnabled(not snapshot.signed_out)
        self.send_button.clicked.connect(self.sig_send_requested.emit)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sign_in_button = QPushButton(self.tr("Sign in again…"))
        self.sign_in_button.setVisible(bool(snapshot.signed_out))
        self.sign_in_button.clicked.connect(self._on_sign_in)
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _on_sign_in(self) -> None:
        self.accept()
        self.sig_sign_in_requested.emit()
