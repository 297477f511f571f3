"""A checkable list of choices (recipients to dispatch to, jabatan to dispose to), with an
optional exclusive "leading" mark (the penanggung jawab utama of a disposition)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

_Index = QModelIndex | QPersistentModelIndex

__all__ = ["CheckListModel"]


class CheckListModel(QAbstractTableModel):
    """Column 0: a check box and the choice's text; column 1 (with ``leading_title``): an
    exclusive mark among the checked rows."""

    sig_checked_changed = Signal()
    """The checked set or the leading row changed."""

    def __init__(
        self,
        items: Sequence[tuple[str, str]],
        *,
        title: Callable[[], str],
        leading_title: Callable[[], str] | None = None,
        checked: Sequence[str] = (),
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._items = list(items)
        self._title = title
        self._leading_title = leading_title
        self._checked = {key for key, _ in self._items if key in set(checked)}
        self.leading = ""

    # -- public API ---------------------------------------------------------------------------

    def checked(self) -> list[str]:
        """Keys of the checked rows, in list order."""
        return [key for key, _ in self._items if key in self._checked]

    def set_checked(self, key: str, on: bool = True) -> None:
        """Check or uncheck ``key``."""
        row = self._row(key)
        if row >= 0:
            self.setData(
                self.index(row, 0),
                Qt.CheckState.Checked.value if on else Qt.CheckState.Unchecked.value,
                Qt.ItemDataRole.CheckStateRole,
            )

    def set_leading(self, key: str) -> None:
        """Mark ``key`` (checked) as the leading row."""
        row = self._row(key)
        if row >= 0:
            self.setData(
                self.index(row, 1), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
            )

    # -- Qt overrides -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else (2 if self._leading_title else 1)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self._title()
        return self._leading_title() if self._leading_title else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = self._items[index.row()][0]
        if index.column() == 0 or key in self._checked:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        key, text = self._items[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return text
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if key in self._checked else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.UserRole:
                return key
        elif role == Qt.ItemDataRole.CheckStateRole and key in self._checked:
            return Qt.CheckState.Checked if key == self.leading else Qt.CheckState.Unchecked
        return None

    def setData(  # noqa: N802 - Qt's name
        self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        key = self._items[index.row()][0]
        on = (
            Qt.CheckState(value) == Qt.CheckState.Checked
            if not isinstance(value, Qt.CheckState)
            else value == Qt.CheckState.Checked
        )
        if index.column() == 0:
            if on:
                self._checked.add(key)
            else:
                self._checked.discard(key)
                if self.leading == key:
                    self.leading = ""
        elif key in self._checked:
            self.leading = key if on else ""
        else:
            return False
        self.dataChanged.emit(
            self.index(0, 0), self.index(len(self._items) - 1, self.columnCount() - 1)
        )
        self.sig_checked_changed.emit()
        return True

    def _row(self, key: str) -> int:
        return next((i for i, (k, _) in enumerate(self._items) if k == key), -1)
