"""The disposition tree of an incoming letter (who passed it to whom) as a tree model over
:meth:`tnde.incoming.desk.IncomingDesk.tree`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ui.labels import disposition_status_label

if TYPE_CHECKING:
    from collections.abc import Callable

    from tnde.incoming import Disposition

_Index = QModelIndex | QPersistentModelIndex

translate = QCoreApplication.translate

__all__ = ["DispositionTreeModel"]

ROLE_ID = Qt.ItemDataRole.UserRole
"""The disposition id of a node."""


class _Node:
    def __init__(self, disposition: Disposition | None, parent: _Node | None) -> None:
        self.disposition = disposition
        self.parent = parent
        self.children: list[_Node] = []

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class DispositionTreeModel(QAbstractItemModel):
    """Columns: recipient (with the lead mark), status, due, report."""

    def __init__(
        self, name: Callable[[str], str], when: Callable[[str], str], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._root = _Node(None, None)
        self._name = name
        self._when = when
        self._headers = (
            lambda: translate("DispositionTree", "Recipient"),
            lambda: translate("DispositionTree", "Status"),
            lambda: translate("DispositionTree", "Due"),
            lambda: translate("DispositionTree", "Instruction and report"),
        )

    def set_tree(self, nodes: list[dict[str, Any]]) -> None:
        """Show ``nodes`` (the desk's tree: ``{"disposition", "children"}`` dicts)."""
        self.beginResetModel()
        self._root = _Node(None, None)

        def add(parent: _Node, items: list[dict[str, Any]]) -> None:
            for item in items:
                node = _Node(item["disposition"], parent)
                parent.children.append(node)
                add(node, item["children"])

        add(self._root, nodes)
        self.endResetModel()

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = parent.internalPointer() if parent.isValid() else self._root
        if not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        up = node.parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row(), 0, up)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() and parent.column() > 0:
            return 0
        node = parent.internalPointer() if parent.isValid() else self._root
        return len(node.children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]()
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d: Disposition = index.internalPointer().disposition
        if role == ROLE_ID:
            return d.disposisi_id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            tones = {"selesai": "#1e7d3c", "dibatalkan": "#6b7686", "terkirim": "#b26a00"}
            tone = tones.get(d.status.value)
            return QBrush(QColor(tone)) if tone else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            lead = translate("DispositionTree", " (lead)") if d.leading else ""
            return self._name(d.recipient_jabatan) + lead
        if column == 1:
            return disposition_status_label(d.status.value)
        if column == 2:
            return self._when(d.due_at)
        text = "; ".join(d.instructions)
        if d.note:
            text += f" — {d.note}"
        if d.report:
            text += "\n" + translate("DispositionTree", "Report: %1").replace("%1", d.report)
        elif d.progress_note:
            text += "\n" + translate("DispositionTree", "Progress: %1").replace(
                "%1", d.progress_note
            )
        return text
