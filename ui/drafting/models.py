"""Item models of the drafting editor: org-chart jabatan, recipients, route steps, rows.

Each is a thin adapter over plain Python data; edits go through the model's own
methods so views update through ``begin…``/``end…`` calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtCore import QPersistentModelIndex

    _Index = QModelIndex | QPersistentModelIndex

_ROOT = QModelIndex()


class DraftRole(IntEnum):
    """Custom data roles shared by the drafting models."""

    ID = Qt.ItemDataRole.UserRole
    """The row's identifier (jabatan id, KKA code…)."""
    SEARCH = Qt.ItemDataRole.UserRole + 1
    """Text a search filter matches against."""
    ITEM = Qt.ItemDataRole.UserRole + 2
    """The row's Python object."""


@dataclass(frozen=True)
class JabatanEntry:
    """One jabatan of the org chart as the pickers show it."""

    jabatan_id: str
    nama: str
    """The jabatan's name, as printed in letters."""
    unit: str
    """Name of the unit it belongs to."""
    holder: str = ""
    """Who holds it today ("" when vacant), with Plt./Plh. when acting."""
    holder_nip: str = ""


class JabatanListModel(QAbstractListModel):
    """The org chart's jabatan, for pickers and completion."""

    def __init__(self, entries: Sequence[JabatanEntry] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._entries = list(entries)

    def set_entries(self, entries: Sequence[JabatanEntry]) -> None:
        """Replace every row (the chart is loaded once, off the GUI thread)."""
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> JabatanEntry:
        """The jabatan on ``row``."""
        return self._entries[row]

    def find(self, jabatan_id: str) -> JabatanEntry | None:
        """The jabatan with that id, if it is in the chart."""
        return next((e for e in self._entries if e.jabatan_id == jabatan_id), None)

    def find_by_name(self, nama: str) -> JabatanEntry | None:
        """The jabatan whose name is ``nama`` (case-insensitive), if any."""
        key = nama.split("(")[0].strip().casefold()
        return next((e for e in self._entries if e.nama.casefold() == key), None)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return e.nama
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{e.nama}\n{e.unit}\n{e.holder}".strip()
        if role == DraftRole.ID:
            return e.jabatan_id
        if role == DraftRole.SEARCH:
            return f"{e.nama} {e.unit} {e.holder} {e.jabatan_id}"
        if role == DraftRole.ITEM:
            return e
        return None


@dataclass(frozen=True)
class RecipientItem:
    """A line of a recipient list: printed text, and the jabatan when it is internal."""

    text: str
    jabatan_id: str = ""


class RecipientListModel(QAbstractListModel):
    """Tujuan or tembusan lines, editable in place, each maybe tied to a jabatan."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[RecipientItem] = []

    def items(self) -> list[RecipientItem]:
        """Every line, in order."""
        return list(self._items)

    def set_items(self, items: Sequence[RecipientItem]) -> None:
        """Replace every line."""
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def append(self, item: RecipientItem) -> None:
        """Add a line at the end."""
        row = len(self._items)
        self.beginInsertRows(_ROOT, row, row)
        self._items.append(item)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        """Remove one line."""
        self.beginRemoveRows(_ROOT, row, row)
        del self._items[row]
        self.endRemoveRows()

    def move(self, row: int, delta: int) -> bool:
        """Move a line up (-1) or down (+1); whether it moved."""
        target = row + delta
        if not (0 <= row < len(self._items) and 0 <= target < len(self._items)):
            return False
        dest = target + 1 if delta > 0 else target
        self.beginMoveRows(_ROOT, row, row, _ROOT, dest)
        self._items.insert(target, self._items.pop(row))
        self.endMoveRows()
        return True

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return item.text
        if role == DraftRole.ID:
            return item.jabatan_id
        if role == DraftRole.ITEM:
            return item
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        text = " ".join(str(value).split())
        if not text:
            return False
        old = self._items[index.row()]
        # editing the printed text by hand keeps the jabatan only for additions like
        # "(sebagai laporan)" after the same name
        keep = (
            old.jabatan_id if text.split("(")[0].strip() == old.text.split("(")[0].strip() else ""
        )
        self._items[index.row()] = RecipientItem(text, keep)
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base


class RowsTableModel(QAbstractTableModel):
    """Rows of a table field (or attachments): one dict per row, one column per key."""

    # When a form is torn down, Python may clear this object's attributes while its view,
    # not yet deleted, still asks for a header: then the model reads as empty.
    _columns: Sequence[tuple[str, str]] = ()
    _rows: list[dict[str, str]] = []  # noqa: RUF012 - read only as this fallback

    def __init__(self, columns: Sequence[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        """(key, header label) pairs."""
        self._rows = []

    def rows(self) -> list[dict[str, str]]:
        """Copies of every row."""
        return [dict(r) for r in self._rows]

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Replace every row."""
        self.beginResetModel()
        keys = [k for k, _ in self._columns]
        self._rows = [{k: str(r.get(k, "")) for k in keys} for r in rows]
        self.endResetModel()

    def append_row(self) -> int:
        """Add an empty row; its index."""
        row = len(self._rows)
        self.beginInsertRows(_ROOT, row, row)
        self._rows.append({k: "" for k, _ in self._columns})
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        """Remove one row."""
        self.beginRemoveRows(_ROOT, row, row)
        del self._rows[row]
        self.endRemoveRows()

    def set_cell(self, row: int, key: str, text: str) -> None:
        """Change one cell by column key."""
        col = [k for k, _ in self._columns].index(key)
        self.setData(self.index(row, col), text)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._rows[index.row()][self._columns[index.column()][0]]
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(text.split())  # one line in the table; the editor shows the rest
        if role == Qt.ItemDataRole.EditRole:
            return text
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        key = self._columns[index.column()][0]
        if self._rows[index.row()][key] == str(value):
            return False
        self._rows[index.row()][key] = str(value)
        self.dataChanged.emit(index, index)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self._columns[section][1] if 0 <= section < len(self._columns) else None
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base


@dataclass(frozen=True)
class RouteEntry:
    """One step of the route being planned."""

    kind: str
    """``periksa``, ``paraf_koordinasi`` or ``tandatangan``."""
    jabatan_id: str
    nama: str = ""
    holder: str = ""


class RouteStepModel(QAbstractTableModel):
    """The review route: reviewers in order, the signature last (No., step, jabatan, holder)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._steps: list[RouteEntry] = []
        self.kind_labels: dict[str, str] = {}
        """Display names of the step kinds (set by the panel, translated)."""
        self.headers: tuple[str, ...] = ("No.", "Step", "Jabatan", "Holder")
        """Column headers (set by the panel, translated)."""

    def steps(self) -> list[RouteEntry]:
        """Every step, in order."""
        return list(self._steps)

    def set_steps(self, steps: Sequence[RouteEntry]) -> None:
        """Replace the route."""
        self.beginResetModel()
        self._steps = list(steps)
        self.endResetModel()

    def insert_reviewer(self, entry: RouteEntry) -> int:
        """Add a reviewer just before the signature (or at the end without one); its row."""
        row = len(self._steps)
        if self._steps and self._steps[-1].kind == "tandatangan":
            row -= 1
        self.beginInsertRows(_ROOT, row, row)
        self._steps.insert(row, entry)
        self.endInsertRows()
        self._renumber()
        return row

    def remove(self, row: int) -> None:
        """Remove one step."""
        self.beginRemoveRows(_ROOT, row, row)
        del self._steps[row]
        self.endRemoveRows()
        self._renumber()

    def move(self, row: int, delta: int) -> bool:
        """Move a reviewer up or down; the signature stays last. Whether it moved."""
        target = row + delta
        last = len(self._steps) - 1
        fixed = last if self._steps and self._steps[-1].kind == "tandatangan" else None
        if not (0 <= row <= last and 0 <= target <= last) or fixed in (row, target):
            return False
        dest = target + 1 if delta > 0 else target
        self.beginMoveRows(_ROOT, row, row, _ROOT, dest)
        self._steps.insert(target, self._steps.pop(row))
        self.endMoveRows()
        self._renumber()
        return True

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step = self._steps[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return str(index.row() + 1)
            if column == 1:
                return self.kind_labels.get(step.kind, step.kind)
            if column == 2:
                return step.nama or step.jabatan_id
            return step.holder or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            return step.jabatan_id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return Qt.AlignmentFlag.AlignCenter
        if role == DraftRole.ID:
            return step.jabatan_id
        if role == DraftRole.ITEM:
            return step
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def _renumber(self) -> None:
        if self._steps:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._steps) - 1, 0))


class KkaListModel(QAbstractListModel):
    """Classification codes for completion: shows "code — name", completes to the code."""

    def __init__(self, items: Sequence[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self._items = list(items)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kode, nama = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{kode} — {nama}"
        if role in (Qt.ItemDataRole.EditRole, DraftRole.ID):
            return kode
        return None
