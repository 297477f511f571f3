"""The files of a verification run as a table, and the verdict badge that the
table and the details pane draw: SAH green, TIDAK SAH red, TIDAK DAPAT DIPASTIKAN amber.

The verdict words are the core's Indonesian labels (:attr:`tnde.verify.Verdict.label`): they
are the legal terms printed in the Berita Acara, the same in both UI languages.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from tnde import verify
from ui.models.items import ItemsTableModel

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tnde.verify import FileReport

_Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate

__all__ = ["VERDICT_COLOURS", "FileResultsModel", "ResultRole", "VerdictBadge", "VerdictDelegate"]

VERDICT_COLOURS: dict[verify.Verdict, tuple[str, str]] = {
    verify.Verdict.VALID: ("#1e6b34", "#e2f2e5"),
    verify.Verdict.INVALID: ("#a61b1b", "#fbe1e1"),
    verify.Verdict.INDETERMINATE: ("#8a5a00", "#fdf0d5"),
}
"""Text and fill colour of each verdict (as in the printed Berita Acara)."""


class ResultRole(enum.IntEnum):
    """Custom data roles of :class:`FileResultsModel`."""

    REPORT = Qt.ItemDataRole.UserRole
    """The row's :class:`tnde.verify.FileReport`."""
    VERDICT = Qt.ItemDataRole.UserRole + 1
    """The row's verdict (a :class:`verify.Verdict` value: str)."""


class FileResultsModel(ItemsTableModel):
    """One row per verified file: name, verdict, signatures, first reason."""

    VERDICT_COLUMN = 1

    titles = (
        lambda: translate("FileResultsModel", "File"),
        lambda: translate("FileResultsModel", "Result"),
        lambda: translate("FileResultsModel", "Signatures"),
        lambda: translate("FileResultsModel", "Reason"),
    )

    # -- public API ---------------------------------------------------------------------------

    def set_reports(self, reports: Sequence[FileReport]) -> None:
        """Show ``reports`` (a new run replaces the old one)."""
        self._set_items(reports)

    def reports(self) -> list[FileReport]:
        """The reports, in order."""
        return list(self._items)

    # -- Qt overrides -------------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        report: FileReport | None = self._item(index)
        if report is None:
            return None
        column = index.column()
        if role == ResultRole.REPORT:
            return report
        if role == ResultRole.VERDICT:
            return report.verdict.value
        if role == Qt.ItemDataRole.DisplayRole:
            signatures = sum(1 for s in report.signatures if s.kind == "signature")
            first = report.reasons[0] if report.reasons else ""
            return (Path(report.path).name, report.verdict.label, str(signatures), first)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return report.path
            if column == 3 and report.reasons:
                return "\n".join(report.reasons)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return Qt.AlignmentFlag.AlignCenter
        return None


class VerdictDelegate(QStyledItemDelegate):
    """Draws the verdict column as a coloured pill."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        value = index.data(ResultRole.VERDICT)
        if not value:
            super().paint(painter, option, index)
            return
        verdict = verify.Verdict(value)
        ink, fill = VERDICT_COLOURS[verdict]
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(max(7.0, font.pointSizeF() - 0.5))
        metrics = QFontMetrics(font)
        text = verdict.label
        width = metrics.horizontalAdvance(text) + 18
        height = metrics.height() + 6
        rect = option.rect
        pill = QRectF(rect.x() + 6, rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor(ink))
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        metrics = QFontMetrics(option.font)
        return QSize(
            metrics.horizontalAdvance(verify.Verdict.INDETERMINATE.label) + 36, hint.height()
        )


class VerdictBadge(QLabel):
    """A verdict as a pill-shaped label (the details pane)."""

    def __init__(self, parent: QWidget | None = None, *, large: bool = False) -> None:
        super().__init__(parent)
        self._large = large
        self.setObjectName("verdict_badge")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.hide()

    def set_verdict(self, verdict: verify.Verdict | None, *, count: int | None = None) -> None:
        """Show ``verdict`` (None hides the badge), optionally with a count after it."""
        if verdict is None:
            self.hide()
            return
        ink, fill = VERDICT_COLOURS[verdict]
        size = "11pt" if self._large else "8.5pt"
        pad = "4px 14px" if self._large else "2px 10px"
        self.setText(verdict.label if count is None else f"{verdict.label}  {count}")
        radius = "12px" if self._large else "8px"  # at most half the height, or Qt drops it
        self.setStyleSheet(
            f"QLabel {{ background: {fill}; color: {ink}; border-radius: {radius}; "
            f"padding: {pad}; font-weight: 700; font-size: {size}; }}"
        )
        self.setAccessibleName(verdict.label)
        self.show()
