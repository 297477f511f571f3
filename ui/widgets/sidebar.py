"""The side bar: the work queues with their counters (a list model and a delegate that draws
the counter as a badge; overdue work turns the badge red)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.icons import icon

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

_Index = QModelIndex | QPersistentModelIndex

__all__ = ["QueueItem", "Sidebar", "SidebarModel"]

ROLE_KEY = Qt.ItemDataRole.UserRole
ROLE_COUNT = Qt.ItemDataRole.UserRole + 1
ROLE_ALERT = Qt.ItemDataRole.UserRole + 2
ROLE_SECTION = Qt.ItemDataRole.UserRole + 3


@dataclass
class QueueItem:
    """One entry of the side bar."""

    key: str
    title: Callable[[], str]
    icon_name: str
    section: bool = False
    """A section heading rather than a queue."""
    count: int = 0
    alert: bool = False


class SidebarModel(QAbstractListModel):
    """The entries; :meth:`set_count` updates one badge."""

    def __init__(self, items: Sequence[QueueItem], parent: Any = None) -> None:
        super().__init__(parent)
        self.items = list(items)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.items[index.row()].section:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.title()} ({item.count})" if item.count else item.title()
        if role == Qt.ItemDataRole.DecorationRole and not item.section:
            return icon(item.icon_name)
        if role == ROLE_KEY:
            return item.key
        if role == ROLE_COUNT:
            return item.count
        if role == ROLE_ALERT:
            return item.alert
        if role == ROLE_SECTION:
            return item.section
        return None

    def row_of(self, key: str) -> int:
        """The row of the entry ``key``, or -1."""
        return next((i for i, item in enumerate(self.items) if item.key == key), -1)

    def set_count(self, key: str, count: int, *, alert: bool = False) -> None:
        """Show ``count`` (0 hides the badge) on ``key``'s entry."""
        row = self.row_of(key)
        if row < 0:
            return
        self.items[row].count = count
        self.items[row].alert = alert
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def count_of(self, key: str) -> int:
        """The counter shown on ``key``."""
        row = self.row_of(key)
        return self.items[row].count if row >= 0 else 0


class _Delegate(QStyledItemDelegate):
    """Draws the entry and its counter badge; section headings as small caps text."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        if index.data(ROLE_SECTION):
            return QSize(option.rect.width(), 30)
        return QSize(option.rect.width(), 34)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if index.data(ROLE_SECTION):
            painter.save()
            font = QFont(option.font)
            font.setPointSizeF(font.pointSizeF() * 0.85)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#7a8597"))
            rect = option.rect.adjusted(14, 8, -8, 0)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(index.data()).upper(),
            )
            painter.restore()
            return
        super().paint(painter, option, index)
        count = int(index.data(ROLE_COUNT) or 0)
        if not count:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = str(count) if count < 1000 else "999+"
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        width = max(22, painter.fontMetrics().horizontalAdvance(text) + 12)
        rect = option.rect
        badge = QRect(rect.right() - width - 10, rect.center().y() - 10, width, 20)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if index.data(ROLE_ALERT):
            fill, ink = QColor("#c62828"), QColor("#ffffff")
        elif selected:
            fill, ink = QColor("#ffffff"), QColor("#1f5fa8")
        else:
            fill, ink = QColor("#dfe7f2"), QColor("#1f3b63")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(badge, 10, 10)
        painter.setPen(ink)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class Sidebar(QListView):
    """The side bar view."""

    def __init__(self, model: SidebarModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setModel(model)
        self.setItemDelegate(_Delegate(self))
        self.setIconSize(QSize(18, 18))
        self.setAccessibleName(self.tr("Work queues"))
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(230)
        self.setMaximumWidth(280)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#eef2f7"))
        self.setPalette(palette)
