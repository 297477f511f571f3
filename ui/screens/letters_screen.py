"""One outgoing-letter queue: its list on the left, the selected letter on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from tnde.incoming.desk import SIFAT, URGENSI
from tnde.workflow.queries import Action, LetterFilter, Queue
from ui.labels import jenis_choices, letter_status_label
from ui.models.letters import LetterTableModel
from ui.models.paged import PAGE_SIZE
from ui.screens.letter_actions import LetterActions
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


class LettersScreen(QWidget):
    """A queue of outgoing letters with the detail pane of the selected one."""

    sig_changed = Signal()
    """A letter changed here: counters elsewhere should refresh."""
    sig_counted = Signal(int)
    """The queue was counted with the current filters (the count: int)."""

    def __init__(self, services: Services, queue: Queue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.queue = queue
        self.model = LetterTableModel(services, queue, self)
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
        self.detail = LetterDetail(services)
        self.controller = LetterActions(services, self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([700, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.list.sig_current_changed.connect(self.detail.show_letter)
        self.list.sig_activated.connect(self._on_activated)
        self.filters.sig_filter_changed.connect(self._on_filter_changed)
        self.detail.sig_action_requested.connect(self._on_action_requested)
        self.controller.sig_letter_changed.connect(self._on_letter_changed)
        self.model.sig_page_loaded.connect(self._on_page_loaded)
        self._pending_select = ""

    # -- public API ---------------------------------------------------------------------------

    def refresh(self, select: str = "") -> None:
        """Reload the list (keeping or choosing the selection)."""
        self._pending_select = select or self.list.current_key()
        self.model.reload()

    # -- slots --------------------------------------------------------------------------------

    def _on_filter_changed(self) -> None:
        v = self.filters.values()
        self.model.set_filter(
            LetterFilter(
                text=v.text,
                jenis=v.jenis,
                sifat=v.sifat,
                urgensi=v.urgensi,
                status=v.status,
                date_from=v.date_from,
                date_to=v.date_to,
                overdue_only=v.overdue_only,
            )
        )

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

    def _on_page_loaded(self, rows: int) -> None:
        if rows <= PAGE_SIZE:  # the first page of a new query: count the whole of it
            self._count()
        if self._pending_select:
            key, self._pending_select = self._pending_select, ""
            self.list.select_key(key)

    def _on_counted(self, total: int) -> None:
        self.filters.set_count(self.tr("%n letter(s)", "", total))
        self.sig_counted.emit(total)

    # -- helpers ------------------------------------------------------------------------------

    def _count(self) -> None:
        from tnde.workflow.queries import count_letters

        s, queue, flt = self.services, self.queue, self.model.filter

        def count() -> int:
            return count_letters(
                s.workspace.thread_connection(),
                queue,
                s.nip,
                today=s.today(),
                flt=flt,
                zone=s.letters.zone,
            )

        QueryOp(self, count).success(self._on_counted).run()
