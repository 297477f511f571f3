"""The form dialogs whose OK hands the values to the caller's ``on_submit`` (which runs the
core operation) and stay open until the caller closes them, or shows why the core refused
with :meth:`SubmitDialog.show_error` so the user can correct the form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from ui.dialogs.buttons import button_box

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

__all__ = ["SubmitDialog"]


class SubmitDialog(QDialog):
    """A window-modal form with an error line and OK/Cancel. Subclasses lay out
    :attr:`error` and :attr:`buttons` and hand their values over in :meth:`_submit`."""

    def __init__(self, parent: QWidget | None, *, title: str, name: str, ok_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setObjectName(name)
        self.on_submit: Callable[..., None] | None = None
        """Called with the form's values when OK is pressed (None: OK just accepts)."""
        self.error = QLabel()
        self.error.setObjectName("field_error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = button_box(ok_text)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)

    # -- public API ---------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        """The core refused: say why and let the user correct the form."""
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)

    # -- to implement -------------------------------------------------------------------------

    def _submit(self, on_submit: Callable[..., Any]) -> None:
        """Call ``on_submit`` with the form's values."""
        raise NotImplementedError

    # -- slots --------------------------------------------------------------------------------

    def _on_accepted(self) -> None:
        self.error.hide()
        if self.on_submit is None:
            self.accept()
            return
        self.buttons.setEnabled(False)
        self._submit(self.on_submit)
