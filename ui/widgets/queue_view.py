"""A list of one queue: the filter bar over a table of a paged model, with an empty state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.models.paged import PagedProxyModel, PagedRole
from ui.widgets.tables import list_table

if TYPE_CHECKING:
    from ui.models.paged import PagedTableModel
    from ui.widgets.filter_bar import FilterBar

__all__ = ["QueueView"]


class QueueView(QWidget):
    """Filter bar, table and empty state for one paged model."""

    sig_current_changed = Signal(str)
    """The selected row changed (its id, "" when none: str)."""
    sig_activated = Signal(str)
    """A row was double-clicked or Enter pressed on it (its id: str)."""
    sig_hint_clicked = Signal(str)
    """The hint under the empty state was clicked (what it offers, see :meth:`set_hint`: str)."""

    def __init__(
        self,
        model: PagedTableModel,
        filters: FilterBar,
        *,
        name: str,
        empty_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.filters = filters
        self.proxy = PagedProxyModel(self)
        self.proxy.setSourceModel(model)
        self.empty_text = empty_text

        self.table = list_table(self.proxy, name, row_height=30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for i, column in enumerate(model.columns):
            header.resizeSection(i, column.width)
        header.setSectionResizeMode(model.stretch_column, QHeaderView.ResizeMode.Stretch)
        if model.sort_key:
            sort_column = next(
                (i for i, c in enumerate(model.columns) if c.sort_key == model.sort_key), -1
            )
            order = (
                Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
            )
            self.proxy.show_sort(sort_column, order)
            header.setSortIndicator(sort_column, order)
        # after the indicator: enabling sorting sorts by the indicated column at once, and a
        # sort is a new core query (by subject, a sort of the whole queue)
        self.table.setSortingEnabled(True)

        self.empty = QLabel()
        self.empty.setObjectName("empty_state")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        # under the empty state, what to do instead ("switch to X to review", in a demo)
        self.hint = QPushButton()
        self.hint.setObjectName("empty_hint")
        self.hint.setIcon(icon("user", accent=True))
        self.hint.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hint.setFlat(True)
        self.hint.hide()
        self._hint_value = ""
        self._empty = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.setSpacing(8)
        layout.addWidget(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(0)

        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(self._on_double_clicked)
        model.sig_page_loaded.connect(self._on_page_loaded)
        filters.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.hint.clicked.connect(lambda: self.sig_hint_clicked.emit(self._hint_value))

    # -- public API ---------------------------------------------------------------------------

    def current_key(self) -> str:
        """The id of the selected row, or ""."""
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(PagedRole.KEY)) if rows else ""

    def select_key(self, key: str) -> bool:
        """Select the loaded row with id ``key``; False when it is not loaded."""
        row = self.model.find(key)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _fit_columns(self) -> None:
        """Widen the columns that must not elide ("Diperiksa · Pemeriksaan", a number) to
        their widest text loaded; free-text columns keep their width and end in "…"."""
        header = self.table.horizontalHeader()
        for i, column in enumerate(self.model.columns):
            if column.elide or i == self.model.stretch_column:
                continue
            wanted = max(column.width, self.table.sizeHintForColumn(i), header.sectionSizeHint(i))
            if header.sectionSize(i) < wanted:
                header.resizeSection(i, wanted)

    def set_hint(self, text: str, value: str = "") -> None:
        """Offer ``text`` as a clickable hint while the list is empty (``""``: none); a click
        emits :attr:`sig_hint_clicked` with ``value``."""
        self._hint_value = value
        self.hint.setText(text)
        self.hint.setVisible(bool(text) and self._empty)

    def is_empty(self) -> bool:
        """Whether the last page loaded found nothing (the empty state is shown)."""
        return self._empty

    def select_first(self) -> None:
        """Select the first row, if any."""
        if self.proxy.rowCount() > 0:
            self.table.selectRow(0)

    # -- slots --------------------------------------------------------------------------------

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.sig_current_changed.emit(self.current_key())

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.sig_activated.emit(str(index.data(PagedRole.KEY) or ""))

    def _on_page_loaded(self, rows: int) -> None:
        empty = self._empty = rows == 0
        self.empty.setText(self.empty_text)
        self.empty.setVisible(empty)
        self.table.setVisible(not empty)
        self._fit_columns()
        self.hint.setVisible(empty and bool(self.hint.text()))
