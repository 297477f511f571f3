"""What the queue screens share: a paged list with its filter bar on the left, the selected
item's detail pane on the right, the count of the filtered rows, and a selection that
survives a reload."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QWidget

from tnde.workflow import ListFilter
from ui.models.paged import PAGE_SIZE

if TYPE_CHECKING:
    from ui.models.paged import PagedTableModel
    from ui.services import Services
    from ui.widgets.filter_bar import FilterBar
    from ui.widgets.queue_view import QueueView

__all__ = ["ListDetailScreen", "filter_fields"]


def filter_fields(values: ListFilter, *names: str) -> ListFilter:
    """The filter bar's ``values`` with only the fields this list offers kept: ``names``,
    plus the ones every list has (text, urgensi, status, dates, overdue only)."""
    common = ("text", "urgensi", "status", "date_from", "date_to", "overdue_only")
    keep = {*names, *common}
    return ListFilter(**{k: v for k, v in vars(values).items() if k in keep})


class ListDetailScreen(QWidget):
    """Base of a list-and-detail screen. Subclasses build :attr:`model`, :attr:`filters`,
    :attr:`list` and :attr:`detail`, call :meth:`_split`, and count the rows in
    :meth:`_count`."""

    sig_changed = Signal()
    """Something changed here: counters elsewhere should refresh."""

    model: PagedTableModel
    filters: FilterBar
    list: QueueView
    detail: QWidget

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._pending_select = ""

    # -- public API ---------------------------------------------------------------------------

    def refresh(self, select: str = "") -> None:
        """Reload the list (keeping or choosing the selection)."""
        self._pending_select = select or self.list.current_key()
        self.model.reload()

    # -- to implement -------------------------------------------------------------------------

    def _count(self) -> None:
        """Count the rows of the current query (in a worker) and show the count."""
        raise NotImplementedError

    # -- slots --------------------------------------------------------------------------------

    def _on_page_loaded(self, rows: int) -> None:
        if rows <= PAGE_SIZE:  # the first page of a new query: count the whole of it
            self._count()
        if self._pending_select:
            key, self._pending_select = self._pending_select, ""
            self.list.select_key(key)

    # -- helpers ------------------------------------------------------------------------------

    def _split(self) -> QSplitter:
        """The list and the detail side by side (kept as :attr:`splitter`); also starts
        following the model's pages."""
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([700, 560])
        self.model.sig_page_loaded.connect(self._on_page_loaded)
        return self.splitter
