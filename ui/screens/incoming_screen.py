"""Naskah Masuk and Tembusan: the incoming register as the user sees it, with the detail
pane; a registry desk registers new letters here (toolbar, Ctrl+R, or a PDF dropped on the
list)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from tnde.incoming import SIFAT, URGENSI
from ui.labels import incoming_status_label
from ui.models.letter_list import IncomingTableModel
from ui.screens.incoming_actions import IncomingActions
from ui.screens.list_detail import ListDetailScreen, filter_fields
from ui.widgets.filter_bar import FilterBar
from ui.widgets.incoming_detail import IncomingDetail
from ui.widgets.queue_view import QueueView
from ui.workers import QueryOp

if TYPE_CHECKING:
    from ui.services import Services

__all__ = ["IncomingScreen"]


class IncomingScreen(ListDetailScreen):
    """Incoming letters (or, with ``copies``, the tembusan) and the selected one."""

    def __init__(
        self, services: Services, *, copies: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, parent)
        self.copies = copies
        self.model: IncomingTableModel = IncomingTableModel(services, copies=copies, parent=self)
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
            sender_and_kka=True,
        )
        self.list = QueueView(
            self.model,
            self.filters,
            name=self.tr("Incoming letters"),
            empty_text=self.tr("No incoming letters here."),
        )
        self.detail: IncomingDetail = IncomingDetail(services)
        self.controller = IncomingActions(services, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._split())

        self.list.sig_current_changed.connect(self.detail.show_incoming)
        self.filters.sig_filter_changed.connect(self._on_filter_changed)
        self.detail.sig_action_requested.connect(self.controller.run)
        self.controller.sig_incoming_changed.connect(self._on_incoming_changed)

    def _on_filter_changed(self) -> None:
        self.model.set_filter(filter_fields(self.filters.values(), "sifat", "asal", "kka"))

    def _on_incoming_changed(self, incoming_id: str) -> None:
        self.refresh(select=incoming_id)
        if self.detail.incoming_id == incoming_id:
            self.detail.reload()
        else:
            self.detail.show_incoming(incoming_id)
        self.sig_changed.emit()

    def _count(self) -> None:
        s, copies, flt = self.services, self.copies, self.model.filter
        QueryOp(
            self,
            lambda: s.desk.count_incoming(s.nip, today=s.today(), copies=copies, flt=flt),
        ).success(lambda n: self.filters.set_count(self.tr("%n letter(s)", "", n))).run()
