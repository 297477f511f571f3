"""A table model over a short list of core values, one row each (the letters of a signing
batch, verified files, trust roots): the list plumbing and the column titles are here, what a
cell shows is the subclass's ``data``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

_Index = QModelIndex | QPersistentModelIndex

__all__ = ["ItemsTableModel"]


class ItemsTableModel(QAbstractTableModel):
    """Rows of :attr:`_items`, under the titles of :attr:`titles` (evaluated when shown, after
    the translator is installed)."""

    titles: Sequence[Callable[[], str]] = ()
    """One function per column giving its title."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []

    def _set_items(self, items: Sequence[Any]) -> None:
        """Show ``items`` instead of the rows shown."""
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def _item(self, index: _Index) -> Any:
        """The value of ``index``'s row, or None for an index outside the rows."""
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self._items[index.row()]

    # -- Qt overrides -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.titles)
        ):
            return self.titles[section]()
        return None
