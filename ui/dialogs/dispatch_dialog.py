"""Dispatch a signed letter: choose the recipients (all not yet sent to, by default)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ui.dialogs.buttons import button_box
from ui.models.checklist import CheckListModel

if TYPE_CHECKING:
    from tnde.workflow import LetterState

__all__ = ["DispatchDialog"]


class DispatchDialog(QDialog):
    """Recipients of ``state`` with a check box each; internal ones arrive in the unit's
    incoming register, external ones are recorded for delivery by e-mail or by hand."""

    def __init__(self, parent: QWidget | None, state: LetterState) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dispatch letter"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName("dispatch_dialog")
        items = []
        for i, r in enumerate(state.recipients):
            role = self.tr("To") if r.role == "tujuan" else self.tr("Copy")
            how = (
                self.tr("in the system")
                if r.jabatan_id
                else (self.tr("by e-mail") if r.email else self.tr("by hand or post"))
            )
            sent = self.tr(", already sent") if i in state.dispatched else ""
            items.append((str(i), f"{role}: {r.text} ({how}{sent})"))
        self.model = CheckListModel(
            items,
            title=lambda: self.tr("Recipient"),
            checked=[str(i) for i in range(len(state.recipients)) if i not in state.dispatched],
        )
        intro = QLabel(
            self.tr("Letter %1 will be dispatched to the checked recipients.").replace(
                "%1", state.nomor
            )
        )
        intro.setWordWrap(True)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Recipients"))
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setShowGrid(False)
        self.buttons = button_box(self.tr("Dispatch"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.model.sig_checked_changed.connect(self._on_checked_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self._on_checked_changed()

    def recipients(self) -> list[int]:
        """Indexes of the checked recipients."""
        return [int(key) for key in self.model.checked()]

    def _on_checked_changed(self) -> None:
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setEnabled(bool(self.model.checked()))
