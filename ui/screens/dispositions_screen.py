"""Disposisi: the dispositions addressed to the user, most urgent first, with the letter
they concern; and the tracking view of the user's unit (aging, overdue, export)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tnde.incoming import URGENSI
from ui.labels import disposition_status_label
from ui.models.letter_list import DispositionTableModel
from ui.models.paged import PagedRole
from ui.screens.incoming_actions import IncomingActions
from ui.screens.list_detail import ListDetailScreen, filter_fields
from ui.screens.tracking_view import TrackingView
from ui.widgets.filter_bar import FilterBar
from ui.widgets.incoming_detail import IncomingDetail
from ui.widgets.queue_view import QueueView
from ui.workers import QueryOp

if TYPE_CHECKING:
    from ui.services import Services

__all__ = ["DispositionsScreen"]


class DispositionsScreen(ListDetailScreen):
    """My dispositions, and tracking."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.model: DispositionTableModel = DispositionTableModel(services, self)
        self.filters = FilterBar(
            statuses=[
                (s, disposition_status_label(s))
                for s in ("terkirim", "dibaca", "dalam_proses", "selesai", "dibatalkan")
            ],
            urgensi=URGENSI,
            date_label=self.tr("Received"),
        )
        self.list = QueueView(
            self.model,
            self.filters,
            name=self.tr("Dispositions"),
            empty_text=self.tr("No dispositions for you."),
        )
        self.detail: IncomingDetail = IncomingDetail(services)
        self.controller = IncomingActions(services, self)
        split = self._split()
        self.tracking = TrackingView(services)
        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("For me"))
        self.tabs.addTab(self.tracking, self.tr("Tracking"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)

        self.list.sig_current_changed.connect(self._on_current_changed)
        self.filters.sig_filter_changed.connect(self._on_filter_changed)
        self.detail.sig_action_requested.connect(self.controller.run)
        self.controller.sig_incoming_changed.connect(self._on_changed)
        self.tabs.currentChanged.connect(self._on_tab_changed)

    def refresh(self, select: str = "") -> None:
        """Reload the list (and the tracking view when shown)."""
        super().refresh(select)
        if self.tabs.currentWidget() is self.tracking:
            self.tracking.refresh()

    def _on_current_changed(self, disposisi_id: str) -> None:
        rows = self.list.table.selectionModel().selectedRows()
        row = rows[0].data(PagedRole.ROW) if rows else None
        self.detail.show_incoming(row.incoming_id if row else "", disposisi_id)

    def _on_filter_changed(self) -> None:
        self.model.set_filter(filter_fields(self.filters.values()))

    def _on_changed(self, _incoming_id: str) -> None:
        self.refresh(select=self.detail.focus_disposition)
        self.detail.reload()
        self.sig_changed.emit()

    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.tracking:
            self.tracking.refresh()

    def _count(self) -> None:
        s, flt = self.services, self.model.filter
        QueryOp(
            self,
            lambda: s.desk.count_dispositions(s.nip, today=s.today(), now=s.clock(), flt=flt),
        ).success(lambda n: self.filters.set_count(self.tr("%n disposition(s)", "", n))).run()
