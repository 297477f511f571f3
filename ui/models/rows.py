"""A read-only table model over a short list of already worded rows (a letter's route, its
history): the core values are turned into cells once, when the letter is loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.models.items import ItemsTableModel

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

_Index = QModelIndex | QPersistentModelIndex

__all__ = ["RowsTableModel"]

_TONES = {
    "done": QColor("#1e7d3c"),
    "current": QColor("#1f5fa8"),
    "bad": QColor("#b3261e"),
    "muted": QColor("#6b7686"),
}


class RowsTableModel(ItemsTableModel):
    """Rows of text; each row may carry a tone (``done``, ``current``, ``bad``, ``muted``)
    that colours its text."""

    def __init__(self, headers: Sequence[Callable[[], str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.titles = tuple(headers)
        self._items: list[tuple[str, ...]] = []
        self._tones: list[str] = []

    def set_rows(self, rows: Sequence[tuple[str, ...]], tones: Sequence[str] = ()) -> None:
        """Replace the rows (``tones``: one per row, or none)."""
        self.beginResetModel()
        self._items = [tuple(r) for r in rows]
        self._tones = list(tones) or [""] * len(self._items)
        self.endResetModel()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._item(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            tone = _TONES.get(self._tones[index.row()])
            return QBrush(tone) if tone is not None else None
        return None
