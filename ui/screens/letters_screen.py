"""One outgoing-letter queue: its list on the left, the selected letter on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
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


class LettersScreen(ListDetailScreen):
    """A queue of outgoing letters with the detail pane of the selected one."""

    sig_counted = Signal(int)
    """The queue was counted with the current filters (the count: int)."""

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

    def _on_counted(self, total: int) -> None:
        self.filters.set_count(self.tr("%n letter(s)", "", total))
        self.sig_counted.emit(total)

    # -- helpers ------------------------------------------------------------------------------

    def _count(self) -> None:
        s, queue, flt = self.services, self.queue, self.model.filter

        def count() -> int:
            return s.letters.count(queue, s.nip, today=s.today(), flt=flt)

        QueryOp(self, count).success(self._on_counted).run()
