"""Dialog buttons with explicit words: Qt ships no Indonesian for its standard buttons, so
every button box of the app names its buttons here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

translate = QCoreApplication.translate

__all__ = ["button_box", "confirm"]


def button_box(ok_text: str = "", *, cancel: bool = True) -> QDialogButtonBox:
    """OK (named ``ok_text``, default "OK") and Cancel, both in the UI language."""
    buttons = QDialogButtonBox.StandardButton.Ok
    if cancel:
        buttons |= QDialogButtonBox.StandardButton.Cancel
    box = QDialogButtonBox(buttons)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text or translate("Buttons", "OK"))
    ok.setDefault(True)
    if cancel:
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Buttons", "Cancel"))
    return box


def confirm(parent: QWidget | None, title: str, text: str, yes_text: str) -> bool:
    """A short yes/no question (``exec()`` is fine for these)."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(translate("Buttons", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    box.setEscapeButton(no)
    box.setObjectName("confirm_box")
    box.exec()
    return box.clickedButton() is yes
