"""A note the user must write: returning a draft, rejecting, cancelling, reporting."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.buttons import button_box
from ui.errors import clear_field_error, show_field_error
from ui.icons import icon

__all__ = ["NoteDialog", "ReportDialog"]


class NoteDialog(QDialog):
    """Asks for a note; OK stays refused while the note is empty (when ``required``)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        prompt: str,
        ok_text: str,
        required: bool = True,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName("note_dialog")
        self.required = required
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(placeholder)
        self.note.setAccessibleName(title)
        self.note.setTabChangesFocus(True)
        self.prompt.setBuddy(self.note)
        self.error = QLabel()
        self.error.setObjectName("field_error")
        self.error.hide()
        self.buttons = button_box(ok_text)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, 260)
        self.note.setFocus()

    def text(self) -> str:
        """The note, trimmed."""
        return self.note.toPlainText().strip()

    def _on_accepted(self) -> None:
        if self.required and not self.text():
            show_field_error(self.error, self.note, self.tr("Please write a note."))
            self.note.setFocus()
            return
        clear_field_error(self.error, self.note)
        self.accept()


class ReportDialog(NoteDialog):
    """A completion report: the note and, optionally, a PDF showing the result."""

    def __init__(self, parent: QWidget | None, *, title: str, prompt: str, ok_text: str) -> None:
        super().__init__(parent, title=title, prompt=prompt, ok_text=ok_text)
        self.attachment: bytes | None = None
        self.attach = QPushButton(icon("folder"), self.tr("Attach a PDF…"))
        self.attach_label = QLabel()
        self.attach_label.setObjectName("muted")
        self.attach.clicked.connect(self._on_attach)
        row = QHBoxLayout()
        row.addWidget(self.attach)
        row.addWidget(self.attach_label, 1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(2, row)

    def set_attachment(self, path: str) -> bool:
        """Attach the PDF at ``path``; False when it cannot be read."""
        try:
            self.attachment = Path(path).read_bytes()
        except OSError:
            self.attach_label.setText(self.tr("Cannot read the file."))
            return False
        self.attach_label.setText(Path(path).name)
        return True

    def _on_attach(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Attach a PDF"), "", self.tr("PDF files (*.pdf)")
        )
        if path:
            self.set_attachment(path)
