"""The editor's header: jenis naskah, save state, Save and Submit, and a banner line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EditorHeader(QWidget):
    """Title and state of the draft on the left, its two actions on the right."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = QLabel(title)
        self.title.setObjectName("editorTitle")
        self.state_label = QLabel(self.tr("New draft, not saved yet"))
        self.state_label.setObjectName("editorSubtitle")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the draft (Ctrl+S)"))
        self.submit_button = QPushButton(self.tr("Submit for review"))
        self.submit_button.setObjectName("primaryButton")
        self.submit_button.setToolTip(self.tr("Send the draft to the first reviewer of the route"))
        self.banner = QLabel()
        self.banner.setObjectName("editorBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self.state_label)
        row = QHBoxLayout()
        row.addLayout(texts, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.submit_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 12, 20, 12)
        outer.addLayout(row)
        outer.addWidget(self.banner)

    def show_banner(self, text: str) -> None:
        """A line under the title: why the draft came back, or why it is read-only."""
        self.banner.setText(text)
        self.banner.show()

    def lock(self, text: str) -> None:
        """Disable both actions and say why."""
        self.save_button.setEnabled(False)
        self.submit_button.setEnabled(False)
        self.show_banner(text)
