"""One outgoing-letter queue: its list on the left, the selected letter on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from tnde.incoming import SIFAT, URGENSI
from tnde.workflow import Action, Queue
from ui.labels import jenis_choices, letter_status_label
from ui.models.letter_list import LetterTableModel
from ui.screens.letter_actions import LetterActions
from ui.screens.list_detail import ListDetailScreen, filter_fields
from ui.widgets.filter_bar import FilterBar
from ui.widgets.letter_detail import LetterDetail
from ui.widgets.queue_view import QueueView
from ui.workers import QueryOp

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.services import Services

__all__ = ["LettersScreen"]

_STATUSES = (
    "konsep",
    "diajukan",
    "dikembalikan",
    "siap_tandatangan",
    "dinomori",
    "ditandatangani",
    "dikirim",
    "diarsipkan",
    "ditolak",
    "dibatalkan",
)


_HINT_VERBS: dict[Queue, Callable[[], str]] = {
    Queue.KONSEP: lambda: QCoreApplication.translate(
        "LettersScreen", "Switch to %1 to work on their drafts"
    ),
    Queue.PERLU_DIPERIKSA: lambda: QCoreApplication.translate(
        "LettersScreen", "Switch to %1 to review"
    ),
    Queue.PERLU_DITANDATANGANI: lambda: QCoreApplication.translate(
        "LettersScreen", "Switch to %1 to sign"
    ),
    Queue.SIAP_DIKIRIM: lambda: QCoreApplication.translate(
        "LettersScreen", "Switch to %1 to number and send"
    ),
}
"""The hint of an empty queue in a demo, by queue (evaluated late, after the translator)."""


class LettersScreen(ListDetailScreen):
    """A queue of outgoing letters with the detail pane of the selected one."""

    sig_counted = Signal(int)
    """The queue was counted with the current filters (the count: int)."""
    sig_switch_user_requested = Signal(str)
    """Demo: the user asked to act as another official, who has work here (NIP: str)."""

    def __init__(self, services: Services, queue: Queue, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.queue = queue
        self.model: LetterTableModel = LetterTableModel(services, queue, self)
        self.filters = FilterBar(
            statuses=[(s, letter_status_label(s)) for s in _STATUSES],
            jenis=jenis_choices(),
            sifat=SIFAT,
            urgensi=URGENSI,
            date_label=self.tr("Date"),
        )
        self.list = QueueView(
            self.model,
            self.filters,
            name=self.tr("Letters"),
            empty_text=self.tr("Nothing is waiting here."),
        )
        self.detail: LetterDetail = LetterDetail(services)
        self.controller = LetterActions(services, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._split())

        self.list.sig_current_changed.connect(self.detail.show_letter)
        self.list.sig_activated.connect(self._on_activated)
        self.filters.sig_filter_changed.connect(self._on_filter_changed)
        self.detail.sig_action_requested.connect(self._on_action_requested)
        self.controller.sig_letter_changed.connect(self._on_letter_changed)
        self.model.sig_page_loaded.connect(self._on_rows_loaded)
        self.list.sig_hint_clicked.connect(self.sig_switch_user_requested)

    # -- slots --------------------------------------------------------------------------------

    def _on_filter_changed(self) -> None:
        values = self.filters.values()
        self.model.set_filter(filter_fields(values, "jenis", "sifat"))

    def _on_action_requested(self, action: str, letter_id: str) -> None:
        info = self.detail.info
        state = info.state if info is not None and info.state.letter_id == letter_id else None
        self.controller.run(action, letter_id, state)

    def _on_activated(self, letter_id: str) -> None:
        info = self.detail.info
        if info is not None and info.state.letter_id == letter_id and Action.REVISE in info.actions:
            self.controller.sig_revise_requested.emit(letter_id)

    def _on_letter_changed(self, letter_id: str) -> None:
        self.refresh(select=letter_id)
        self.detail.reload()
        self.sig_changed.emit()

    def _on_rows_loaded(self, rows: int) -> None:
        """An empty queue in a demo names an official who has work of this kind."""
        if rows or not self.services.is_demo or self.queue not in _HINT_VERBS:
            return
        s, queue = self.services, self.queue

        def busiest() -> str:
            return s.busiest(queue, besides=s.nip)

        QueryOp(self, busiest).success(self._on_busiest_found).run()

    def _on_busiest_found(self, nip: str) -> None:
        if not nip or not self.list.is_empty():
            self.list.set_hint("")
            return
        who = self.services.person_name(nip)
        text = _HINT_VERBS[self.queue]().replace("%1", who)
        self.list.set_hint(text, nip)

    def _on_counted(self, total: int) -> None:
        self.filters.set_count(self.tr("%n letter(s)", "", total))
        self.sig_counted.emit(total)

    # -- helpers ------------------------------------------------------------------------------

    def _count(self) -> None:
        s, queue, flt = self.services, self.queue, self.model.filter

        def count() -> int:
            return s.letters.count(queue, s.nip, today=s.today(), flt=flt)

        QueryOp(self, count).success(self._on_counted).run()
