"""A table model that loads its rows from the core one page at a time, off the GUI thread.

Subclasses say how to fetch a page (:meth:`PagedTableModel.fetch_page`, run on a worker
thread with its own database connection) and how to show a row (:meth:`cell`). The view asks
for more rows as it scrolls (``canFetchMore``/``fetchMore``); sorting and filtering are done
by the core query, so :class:`PagedProxyModel` hands ``sort()`` to the source instead of
sorting the loaded rows only.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ui.icons import icon
from ui.workers import QueryOp

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

translate = QCoreApplication.translate

__all__ = ["PAGE_SIZE", "Column", "PagedProxyModel", "PagedRole", "PagedTableModel"]

_Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
"""Rows per page: a screenful several times over, and one quick indexed query."""

OVERDUE_FOREGROUND = QColor("#b3261e")
OVERDUE_BACKGROUND = QColor("#fdecea")


class PagedRole(IntEnum):
    """Custom roles of every paged model."""

    ROW = Qt.ItemDataRole.UserRole
    """The core row value (a frozen dataclass)."""
    KEY = Qt.ItemDataRole.UserRole + 1
    """The row's id (letter, incoming or disposition id)."""
    OVERDUE = Qt.ItemDataRole.UserRole + 2
    """Whether the row is past its due time (bool)."""
    WAITING = Qt.ItemDataRole.UserRole + 3
    """Whether an action on the row waits to be sent to the archive (bool)."""


class Column:
    """One column: its title (a callable, so it is translated late), its sort key, width."""

    def __init__(
        self,
        title: Callable[[], str],
        sort_key: str = "",
        width: int = 120,
        *,
        elide: bool = False,
    ) -> None:
        self.title = title
        self.sort_key = sort_key
        self.width = width
        """The width it starts with; a column that does not elide widens to its texts."""
        self.elide = elide
        """Free text (a subject, a sender's name) that may end in "…" when long; other
        columns (number, status, dates) are widened to show their texts whole."""


class PagedTableModel(QAbstractTableModel):
    """Rows from the core, loaded page by page; reloaded when the query changes."""

    sig_page_loaded = Signal(int)
    """A page arrived (the number of rows now loaded: int)."""
    sig_load_failed = Signal(str)
    """A page could not be loaded (a short reason: str)."""

    columns: Sequence[Column] = ()
    stretch_column = 0
    """The column that takes the width left over (the subject)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._exhausted = False
        self._loading = False
        self._generation = 0
        self.sort_key = ""
        self.descending = False

    # -- to implement -----------------------------------------------------------------------------

    def fetch_page(self, offset: int, limit: int) -> list[Any]:
        """Rows ``offset``… of the current query (runs on a worker thread)."""
        raise NotImplementedError

    def row_key(self, row: Any) -> str:
        """The id of ``row``."""
        raise NotImplementedError

    def cell(self, row: Any, column: int) -> str:
        """The text of ``row`` in ``column``."""
        raise NotImplementedError

    def is_overdue(self, row: Any) -> bool:
        """Whether ``row`` is shown as overdue."""
        return bool(getattr(row, "overdue", False))

    def tooltip(self, row: Any, column: int) -> str | None:
        """A tooltip for the cell (default: none)."""
        return None

    def is_waiting(self, row: Any) -> bool:
        """Whether an action on ``row`` waits to be sent to the archive (default: no)."""
        return False

    # -- public API -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Drop the loaded rows and load the first page again."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self._loading = False
        self.endResetModel()
        self._load()

    def set_sort(self, key: str, descending: bool) -> None:
        """Sort by ``key`` (a column's sort key) and reload."""
        if (key, descending) == (self.sort_key, self.descending):
            return
        self.sort_key = key
        self.descending = descending
        self.reload()

    @property
    def is_loading(self) -> bool:
        """Whether a page is being loaded."""
        return self._loading

    def row_at(self, index: int) -> Any:
        """The loaded row ``index``."""
        return self._rows[index]

    def find(self, key: str) -> int:
        """The position of the loaded row with id ``key``, or -1."""
        for i, row in enumerate(self._rows):
            if self.row_key(row) == key:
                return i
        return -1

    # -- Qt overrides -----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title()
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 0 and self.is_waiting(row):
                return translate("Columns", "Waiting to be sent to the archive")
            return self.tooltip(row, index.column())
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return icon("upload") if self.is_waiting(row) else None
        if role == PagedRole.WAITING:
            return self.is_waiting(row)
        if role == PagedRole.ROW:
            return row
        if role == PagedRole.KEY:
            return self.row_key(row)
        if role == PagedRole.OVERDUE:
            return self.is_overdue(row)
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(row):
            return QBrush(OVERDUE_FOREGROUND)
        if role == Qt.ItemDataRole.BackgroundRole and self.is_overdue(row):
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and self.is_overdue(row) and index.column() == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802 - Qt's name
        if self.canFetchMore(parent):
            self._load()

    # -- private helpers --------------------------------------------------------------------------

    def _load(self) -> None:
        self._loading = True
        generation = self._generation
        offset = len(self._rows)

        def fetch() -> list[Any]:
            return self.fetch_page(offset, PAGE_SIZE)

        QueryOp(None, fetch).success(lambda rows: self._on_page(generation, offset, rows)).failure(
            lambda exc: self._on_page_failed(generation, exc)
        ).run()

    def _on_page(self, generation: int, offset: int, rows: list[Any]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return  # a reload happened meanwhile: this page belongs to the old query
        self._loading = False
        self._exhausted = len(rows) < PAGE_SIZE
        if rows:
            self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.sig_page_loaded.emit(len(self._rows))

    def _on_page_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._exhausted = True
        log.error("cannot load a page", exc_info=exc)
        self.sig_load_failed.emit(type(exc).__name__)


class PagedProxyModel(QSortFilterProxyModel):
    """Sorting goes to the core query (all rows, not only the loaded ones); filtering the
    loaded rows by a quick text gives feedback while the core query runs again."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if not isinstance(source, PagedTableModel) or not 0 <= column < len(source.columns):
            return
        key = source.columns[column].sort_key
        if not key:
            return
        self._sort_column = column
        self._sort_order = order
        source.set_sort(key, order == Qt.SortOrder.DescendingOrder)

    def show_sort(self, column: int, order: Qt.SortOrder) -> None:
        """Record the sort the source already uses (no reload)."""
        self._sort_column = column
        self._sort_order = order

    def sortColumn(self) -> int:  # noqa: N802 - Qt's name
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:  # noqa: N802 - Qt's name
        return self._sort_order

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802 - Qt's name
        source = self.sourceModel()
        return source is not None and source.canFetchMore(self.mapToSource(parent))

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802 - Qt's name
        source = self.sourceModel()
        if source is not None:
            source.fetchMore(self.mapToSource(parent))
