"""A letter opened from "Perlu perhatian": its detail pane (preview, metadata, history) in a
window of its own, for reading; acting on it happens in its queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ui.widgets.incoming_detail import IncomingDetail
from ui.widgets.letter_detail import LetterDetail

if TYPE_CHECKING:
    from ui.services import Services

__all__ = ["LetterWindow"]


class LetterWindow(QDialog):
    """One outgoing or incoming letter, read-only."""

    def __init__(
        self, services: Services, letter_id: str, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Letter — TNDE Desktop"))
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1100, 800)
        if kind == "incoming":
            incoming = IncomingDetail(services, self)
            incoming.read_only = True
            incoming.show_incoming(letter_id)
            self.detail: QWidget = incoming
        else:
            letter = LetterDetail(services, self)
            letter.read_only = True
            letter.show_letter(letter_id)
            self.detail = letter
        layout = QVBoxLayout(self)
        layout.addWidget(self.detail)
