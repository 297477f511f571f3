"""Shown instead of the queues when no workspace could be opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

__all__ = ["WelcomeScreen"]


class WelcomeScreen(QWidget):
    """Says that no workspace is open and where to choose one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("No workspace is open"))
        title.setObjectName("page_title")
        text = QLabel(self.tr("Choose a workspace folder in Settings (Ctrl+,), then restart."))
        text.setObjectName("muted")
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
