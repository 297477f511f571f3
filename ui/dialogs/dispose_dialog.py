"""Dispose an incoming letter (or forward a disposition): instructions, recipients with one
leading recipient, a due date and a note.

The dialog stays open while the core checks the disposition; a refusal is shown inside it
(the rules live in :mod:`tnde.incoming.rules`, not here).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.submit_dialog import SubmitDialog
from ui.models.checklist import CheckListModel

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["DisposeDialog", "DisposeValues"]


@dataclass(frozen=True)
class DisposeValues:
    """What the user chose."""

    instructions: list[str]
    recipients: list[str]
    """Jabatan ids, in list order."""
    leading: str
    """The leading recipient's jabatan id ("" when none was marked)."""
    due_at: dt.datetime | None
    """A due time set by hand, or None for the default from the letter's urgency."""
    note: str


class DisposeDialog(SubmitDialog):
    """The disposition form; :attr:`on_submit` receives the values when OK is pressed."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        letter_text: str,
        instructions: Sequence[str],
        recipients: Sequence[tuple[str, str]],
        default_due: dt.datetime,
    ) -> None:
        super().__init__(parent, title=title, name="dispose_dialog", ok_text=self.tr("Dispose"))
        self.on_submit: Callable[[DisposeValues], None] | None = None

        letter = QLabel(letter_text)
        letter.setWordWrap(True)
        letter.setObjectName("muted")

        box = QGroupBox(self.tr("Instructions"))
        grid = QGridLayout(box)
        self.instruction_boxes: list[QCheckBox] = []
        for i, text in enumerate(instructions):
            check = QCheckBox(text)
            self.instruction_boxes.append(check)
            grid.addWidget(check, i // 2, i % 2)

        self.recipients = CheckListModel(
            recipients,
            title=lambda: self.tr("Recipient"),
            leading_title=lambda: self.tr("Lead"),
        )
        self.recipient_view = QTableView()
        self.recipient_view.setModel(self.recipients)
        self.recipient_view.setAccessibleName(self.tr("Recipients"))
        self.recipient_view.verticalHeader().hide()
        self.recipient_view.setShowGrid(False)
        header = self.recipient_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.recipients.sig_checked_changed.connect(self._on_recipients_changed)

        self.custom_due = QCheckBox(self.tr("Set the due date by hand"))
        self.due = QDateTimeEdit(QDateTime(default_due))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.due.setEnabled(False)
        self.due.setAccessibleName(self.tr("Due date"))
        self.custom_due.toggled.connect(self.due.setEnabled)
        due_hint = QLabel(self.tr("By default the urgency of the letter sets the due date."))
        due_hint.setObjectName("muted")

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Note for the recipients (optional)"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)

        due_row = QHBoxLayout()
        due_row.addWidget(self.custom_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(letter)
        layout.addWidget(box)
        recipients_label = QLabel(self.tr("Recipients (mark one as lead when there are several)"))
        recipients_label.setBuddy(self.recipient_view)
        layout.addWidget(recipients_label)
        layout.addWidget(self.recipient_view, 1)
        layout.addLayout(due_row)
        layout.addWidget(due_hint)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 640)

    # -- public API ---------------------------------------------------------------------------

    def values(self) -> DisposeValues:
        """The form as filled in."""
        due = self.due.dateTime().toPython() if self.custom_due.isChecked() else None
        if isinstance(due, dt.datetime) and due.tzinfo is None:
            due = due.astimezone()
        return DisposeValues(
            instructions=[b.text() for b in self.instruction_boxes if b.isChecked()],
            recipients=self.recipients.checked(),
            leading=self.recipients.leading,
            due_at=due if isinstance(due, dt.datetime) else None,
            note=self.note.toPlainText().strip(),
        )

    # -- slots --------------------------------------------------------------------------------

    def _on_recipients_changed(self) -> None:
        checked = self.recipients.checked()
        if checked and self.recipients.leading not in checked:
            self.recipients.set_leading(checked[0])  # a sensible default the user can change

    def _submit(self, on_submit: Callable[[DisposeValues], None]) -> None:
        on_submit(self.values())
