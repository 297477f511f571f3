"""Ask for the passphrase or PIN once per batch.

The field shows bullets, keeps no history and offers no copy; when OK is pressed its text is
turned into a :class:`bytearray` (which the signing op wipes when it is done) and the field
is cleared at once. The secret is never stored on a settings object, never logged, and not
kept by this dialog after :meth:`SecretDialog.take_secret`.

A Python ``str`` cannot be wiped: the text Qt hands over lives until the garbage collector
frees it. That is the limit of what a Python UI can do; the bytes the core sees are wiped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.buttons import button_box
from ui.icons import icon

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

__all__ = ["SecretDialog"]


class SecretDialog(QDialog):
    """Window-modal prompt for the device's passphrase (file) or PIN (token).

    Open it with :meth:`open` and call :meth:`take_secret` from ``finished``.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        device: str,
        pin: bool,
        count: int,
        message: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("secret_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("Enter PIN") if pin else self.tr("Enter passphrase"))
        self._secret: bytearray | None = None

        badge = QLabel()
        badge.setPixmap(icon("sign", accent=True).pixmap(32, 32))
        badge.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QLabel(self.tr("Sign %n letter(s)", "", count))
        heading.setObjectName("detail_title")
        prompt = QLabel(
            (
                self.tr("Enter the PIN of the token %1.")
                if pin
                else self.tr("Enter the passphrase of the certificate file %1.")
            ).replace("%1", f"<b>{_escape(device)}</b>")
        )
        prompt.setWordWrap(True)
        prompt.setTextFormat(Qt.TextFormat.RichText)
        note = QLabel(self.tr("It is used once for this batch and is not saved anywhere."))
        note.setObjectName("muted")
        note.setWordWrap(True)

        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setObjectName("secret_field")
        self.field.setAccessibleName(self.tr("PIN") if pin else self.tr("Passphrase"))
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.field.setMinimumWidth(320)

        self.error = QLabel(message)
        self.error.setObjectName("field_error")
        self.error.setWordWrap(True)
        self.error.setVisible(bool(message))
        if message:
            self.field.setProperty("invalid", True)

        self.buttons = button_box(self.tr("Sign"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setIcon(icon("sign"))
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(heading)
        text.addWidget(prompt)
        text.addSpacing(4)
        text.addWidget(self.field)
        text.addWidget(self.error)
        text.addWidget(note)
        row = QHBoxLayout()
        row.setSpacing(14)
        row.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.addLayout(row)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.field.setFocus()

    # -- public API ---------------------------------------------------------------------------

    def take_secret(self) -> bytearray:
        """The secret typed, handed over once: the dialog forgets it (empty after Cancel)."""
        secret, self._secret = self._secret, None
        return secret if secret is not None else bytearray()

    # -- slots --------------------------------------------------------------------------------

    def _on_accepted(self) -> None:
        if not self.field.text():
            self.error.setText(self.tr("Type the secret first."))
            self.error.show()
            return
        self._secret = bytearray(self.field.text().encode("utf-8"))
        self.field.clear()
        self.accept()

    # -- Qt overrides -------------------------------------------------------------------------

    def reject(self) -> None:
        self.field.clear()
        self._secret = None
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.field.clear()
        super().closeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
