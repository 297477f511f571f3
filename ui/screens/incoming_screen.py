"""Naskah Masuk and Tembusan: the incoming register as the user sees it, with the detail
pane; a registry desk registers new letters here (toolbar, Ctrl+R, or a PDF dropped on the
list)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from tnde.incoming.desk import SIFAT, URGENSI
from tnde.incoming.queries import IncomingFilter
from ui.labels import incoming_status_label
from ui.models.letters import IncomingTableModel
from ui.models.paged import PAGE_SIZE
from ui.screens.incoming_actions import IncomingActions
from ui.widgets.filter_bar import FilterBar
from ui.widgets.incoming_detail import IncomingDetail
from ui.widgets.queue_view import QueueView
from ui.workers import QueryOp

if TYPE_CHECKING:
    from ui.services import Services

__all__ = ["IncomingScreen"]


class IncomingScreen(QWidget):
    """Incoming letters (or, with ``copies``, the tembusan) and the selected one."""

    sig_changed = Signal()
    """Something changed here: counters elsewhere should refresh."""

    def __init__(
        self, services: Services, *, copies: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.copies = copies
        self.model = IncomingTableModel(services, copies=copies, parent=self)
        statuses = (
            ("diregistrasi", "dibaca")
            if copies
            else ("diregistrasi", "dibaca", "didisposisi", "selesai")
        )
        self.filters = FilterBar(
            statuses=[(s, incoming_status_label(s)) for s in statuses],
            sifat=SIFAT,
            urgensi=URGENSI,
            date_label=self.tr("Received"),
        )
        self.list = QueueView(
            self.model,
            self.filters,
            name=self.tr("Incoming letters"),
            empty_text=self.tr("No incoming letters here."),
        )
        self.detail = IncomingDetail(services)
        self.controller = IncomingActions(services, self)
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
        self._pending_select = ""

        self.list.sig_current_changed.connect(self.detail.show_incoming)
        self.filters.sig_filter_changed.connect(self._on_filter_changed)
        self.detail.sig_action_requested.connect(self.controller.run)
        self.controller.sig_incoming_changed.connect(self._on_incoming_changed)
        self.model.sig_page_loaded.connect(self._on_page_loaded)

    def refresh(self, select: str = "") -> None:
        """Reload the list."""
        self._pending_select = select or self.list.current_key()
        self.model.reload()

    def _on_filter_changed(self) -> None:
        v = self.filters.values()
        self.model.set_filter(
            IncomingFilter(
                text=v.text,
                sifat=v.sifat,
                urgensi=v.urgensi,
                status=v.status,
                date_from=v.date_from,
                date_to=v.date_to,
                overdue_only=v.overdue_only,
            )
        )

    def _on_incoming_changed(self, incoming_id: str) -> None:
        self.refresh(select=incoming_id)
        if self.detail.incoming_id == incoming_id:
            self.detail.reload()
        else:
            self.detail.show_incoming(incoming_id)
        self.sig_changed.emit()

    def _on_page_loaded(self, rows: int) -> None:
        if rows <= PAGE_SIZE:
            self._count()
        if self._pending_select:
            key, self._pending_select = self._pending_select, ""
            self.list.select_key(key)

    def _count(self) -> None:
        from tnde.incoming.queries import count_incoming

        s, copies, flt = self.services, self.copies, self.model.filter
        QueryOp(
            self,
            lambda: count_incoming(
                s.workspace.thread_connection(), s.nip, today=s.today(), copies=copies, flt=flt
            ),
        ).success(lambda n: self.filters.set_count(self.tr("%n letter(s)", "", n))).run()
