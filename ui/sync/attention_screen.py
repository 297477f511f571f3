"""The "Perlu perhatian" queue: what the archive refused of this desk's actions, and drafts
edited at two desks.

Each item says what the user had done, why it did not go through (who did what instead, and
when, as the core words it: :func:`tnde.sync.attention`) and what can be done: let my action
go (it stays on record), open the letter, copy the note I wrote (to use it again), or, for a
draft edited at two desks, compare both texts and choose (:class:`BranchDialog`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tnde import sync
from tnde.lazy import lazy_function
from ui.dialogs.buttons import confirm
from ui.icons import icon
from ui.models.letter_list import format_when
from ui.workers import Op, QueryOp

if TYPE_CHECKING:
    from tnde.sync import AttentionItem
    from ui.services import Services
    from ui.sync.branch_dialog import BranchDialog
    from ui.sync.letter_window import LetterWindow
else:
    BranchDialog = lazy_function("ui.sync.branch_dialog", "BranchDialog")
    LetterWindow = lazy_function("ui.sync.letter_window", "LetterWindow")

__all__ = ["AttentionScreen"]

translate = QCoreApplication.translate


class AttentionScreen(QWidget):
    """The list of items on the left, the selected one explained on the right."""

    sig_changed = Signal(str)
    """Something was settled (the letter id: str); the window refreshes its queues."""
    sig_edit_requested = Signal(str)
    """The user wants to edit the draft (letter id: str)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.items: list[AttentionItem] = []
        title = QLabel(self.tr("Needs attention"))
        title.setObjectName("page_title")
        intro = QLabel(
            self.tr(
                "Actions of yours the archive did not accept, and drafts changed at two "
                "desks. Nothing here is lost: decide what happens to each."
            )
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Items needing attention"))
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.empty = QLabel(self.tr("Nothing needs your attention."))
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.heading = QLabel()
        self.heading.setObjectName("section_title")
        self.heading.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setObjectName("attention_reason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.when = QLabel()
        self.when.setObjectName("muted")
        self.note_label = QLabel(self.tr("Your note:"))
        self.note = QPlainTextEdit()
        self.note.setReadOnly(True)
        self.note.setMaximumHeight(110)
        self.note.setAccessibleName(self.tr("Your note"))
        self.discard_button = QPushButton(icon("cancel"), self.tr("Discard my action"))
        self.discard_button.setToolTip(
            self.tr("Let this action go; it stays in the letter's record as not accepted")
        )
        self.open_button = QPushButton(icon("document"), self.tr("Open the letter"))
        self.copy_button = QPushButton(icon("copy"), self.tr("Copy my note"))
        self.merge_button = QPushButton(icon("review"), self.tr("Compare and choose…"))
        self.discard_button.clicked.connect(lambda: self.discard_selected())
        self.open_button.clicked.connect(self._on_open)
        self.copy_button.clicked.connect(self._on_copy)
        self.merge_button.clicked.connect(self._on_merge)
        buttons = QHBoxLayout()
        for button in (self.merge_button, self.discard_button, self.open_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        detail = QWidget()
        right = QVBoxLayout(detail)
        right.setContentsMargins(16, 8, 16, 8)
        right.addWidget(self.heading)
        right.addWidget(self.reason)
        right.addWidget(self.when)
        right.addSpacing(8)
        right.addWidget(self.note_label)
        right.addWidget(self.note)
        right.addLayout(buttons)
        right.addStretch(1)
        self.detail = detail

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list)
        left_layout.addWidget(self.empty)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        self._show(None)

    # -- public API ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the items again."""
        services = self.services
        QueryOp(self, lambda: sync.attention(services.workspace, services.nip)).success(
            self._on_loaded
        ).run()

    def item_count(self) -> int:
        """How many items are listed."""
        return len(self.items)

    def select_row(self, row: int) -> None:
        """Select the item at ``row``."""
        self.list.setCurrentRow(row)

    def reason_text(self) -> str:
        """The explanation on show."""
        return self.reason.text()

    def selected(self) -> AttentionItem | None:
        """The item on show."""
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def discard_selected(self, *, confirm: bool = True) -> None:
        """Let the selected refused action go (asks first unless told not to)."""
        item = self.selected()
        if item is None or not item.event_id:
            return
        if confirm and not _confirm_discard(self, item):
            return
        ws = self.services.workspace
        Op(self, lambda: sync.discard(ws, item.event_id)).success(
            lambda _r: self._settled(item.letter_id)
        ).run()

    # -- slots --------------------------------------------------------------------------

    def _on_loaded(self, items: list[AttentionItem]) -> None:
        keep = self.selected()
        self.items = items
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            title = f"{item.action} · {item.hal or item.letter_id}"
            entry = QListWidgetItem(icon("alert"), f"{title}\n{item.reason}")
            entry.setToolTip(item.reason)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        self.empty.setVisible(not items)
        self.list.setVisible(bool(items))
        row = 0
        if keep is not None:
            row = next(
                (
                    n
                    for n, i in enumerate(items)
                    if (i.event_id, i.letter_id) == (keep.event_id, keep.letter_id)
                ),
                0,
            )
        if items:
            self.list.setCurrentRow(row)
        self._show(self.selected())

    def _on_row_changed(self, _row: int) -> None:
        self._show(self.selected())

    def _show(self, item: AttentionItem | None) -> None:
        self.detail.setEnabled(item is not None)
        if item is None:
            for label in (self.heading, self.reason, self.when):
                label.clear()
            self.note.clear()
            for button in (
                self.discard_button,
                self.open_button,
                self.copy_button,
                self.merge_button,
            ):
                button.hide()
            self.note_label.hide()
            self.note.hide()
            return
        number = f" ({item.nomor})" if item.nomor else ""
        self.heading.setText(f"{item.action}: {item.hal or item.letter_id}{number}")
        self.reason.setText(item.reason)
        when = _moment(item.refused_at)
        self.when.setText(
            self.tr("Refused %1").replace("%1", format_when(when, self.services)) if when else ""
        )
        self.note.setPlainText(item.note)
        self.note_label.setVisible(bool(item.note))
        self.note.setVisible(bool(item.note))
        self.discard_button.setVisible("discard" in item.choices)
        self.open_button.setVisible("open" in item.choices)
        self.copy_button.setVisible("copy_note" in item.choices and bool(item.note))
        self.merge_button.setVisible("merge" in item.choices)

    def _on_open(self) -> None:
        item = self.selected()
        if item is None:
            return
        window = LetterWindow(self.services, item.letter_id, item.letter_kind, self)
        self.letter_window = window
        window.show()

    def _on_copy(self) -> None:
        item = self.selected()
        if item is not None and item.note:
            QGuiApplication.clipboard().setText(item.note)
            self.window().statusBar().showMessage(self.tr("Your note was copied."), 4000)  # type: ignore[attr-defined]

    def _on_merge(self) -> None:
        item = self.selected()
        if item is None:
            return
        dialog = BranchDialog(self.services, item.letter_id, self)
        dialog.sig_resolved.connect(self._settled)
        dialog.sig_edit_requested.connect(self.sig_edit_requested.emit)
        self.branch_dialog = dialog
        dialog.open()

    def _settled(self, letter_id: str) -> None:
        self.refresh()
        self.sig_changed.emit(letter_id)


def _confirm_discard(parent: QWidget, item: AttentionItem) -> bool:
    return confirm(
        parent,
        translate("AttentionScreen", "Discard my action"),
        translate(
            "AttentionScreen",
            "Your action \u201c%1\u201d on \u201c%2\u201d will not be sent again. It stays in "
            "the record of this computer as not accepted.",
        )
        .replace("%1", item.action)
        .replace("%2", item.hal or item.letter_id),
        translate("AttentionScreen", "Discard"),
    )


def _moment(text: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
