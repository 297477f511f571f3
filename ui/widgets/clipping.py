"""Find text the window cuts off: buttons narrower than their text, labels that do not wrap
and do not fit, combo boxes whose chosen text does not fit, table headers narrower than their
title, cells whose text is elided, and text already shortened with "…" in the middle.

The self-test and the tests walk every screen with :func:`clipped_texts`; a maintainer can run
``tools/clip_survey.py`` to see the same at another size or scale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel

__all__ = ["clipped_texts"]

_SLACK = 1
"""Pixels of rounding allowed between a size hint and the size given."""
_CELL_PADDING = 6
"""What a table cell keeps around its text (the style's margins, both sides)."""
_ROWS_CHECKED = 40
"""Cells looked at per column: the rows on the first screen."""


def clipped_texts(root: QWidget) -> list[str]:
    """Every visible text under ``root`` that is cut off, as ``"kind 'text': why"`` lines."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QToolBar):
            found += _toolbar(widget)
        elif isinstance(widget, QAbstractButton):
            found += _button(widget)
        elif isinstance(widget, QLabel):
            found += _label(widget)
        elif isinstance(widget, QComboBox):
            found += _combo(widget)
        elif isinstance(widget, QHeaderView):
            found += _header(widget)
        elif isinstance(widget, QTableView):
            found += _cells(widget)
    return found


def _shortened(kind: str, text: str) -> list[str]:
    """Text shortened by the code itself: an ellipsis with letters on both sides."""
    at = text.find("…")
    if 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum():
        return [f"{kind} {text!r}: shortened in the middle of a word"]
    return []


def _toolbar(bar: QToolBar) -> list[str]:
    more = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    if more is not None and more.isVisible():
        return [f"toolbar {bar.windowTitle() or bar.objectName()!r}: actions hidden behind »"]
    return []


def _button(button: QAbstractButton) -> list[str]:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text or (isinstance(button, QToolButton) and _icon_only(button)):
        return []
    problems = _shortened("button", text)
    needed = button.sizeHint().width()
    if isinstance(button, QPushButton):
        # the style gives every push button with text at least 80 px; a narrower one ("↑")
        # is cut only when its text and icon do not fit
        style = button.style()
        margins = 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin) + 4
        icon_room = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        needed = min(needed, button.fontMetrics().horizontalAdvance(text) + icon_room + margins)
    if button.width() + _SLACK < needed:
        problems.append(f"button {text!r}: {button.width()} px wide, needs {needed}")
    return problems


def _icon_only(button: QToolButton) -> bool:
    return button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly


def _label(label: QLabel) -> list[str]:
    text = label.text()
    if not text or label.textFormat() == Qt.TextFormat.RichText:
        return []
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + _SLACK and label.pixmap().isNull():
            return [f"label {text!r}: {label.height()} px high, needs {needed} for its lines"]
        return []
    if label.textFormat() != Qt.TextFormat.PlainText and "<" in text and ">" in text:
        return []  # rich text lays itself out; its width is not the text's
    problems = _shortened("label", text)
    if label.width() + _SLACK < label.sizeHint().width():
        problems.append(
            f"label {text!r}: {label.width()} px wide, needs {label.sizeHint().width()}"
        )
    return problems


def _combo(combo: QComboBox) -> list[str]:
    shown = getattr(combo, "shown_text", None)  # a box that shows less than its item's text
    text = shown() if callable(shown) else combo.currentText()
    if not text or combo.isEditable():
        return []
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    room = field.width() - (combo.iconSize().width() + 4 if not option.currentIcon.isNull() else 0)
    needed = combo.fontMetrics().horizontalAdvance(text)
    if room + _SLACK < needed:
        return [f"combo box {text!r}: {room} px for the text, needs {needed}"]
    return []


def _header(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return []
    font = QFont(header.font())
    font.setBold(True)  # the theme draws section titles in bold
    metrics = QFontMetrics(font)
    problems = []
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        title = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        needed = metrics.horizontalAdvance(title) + 2 * 6  # the theme's section padding
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            needed += 12  # the arrow
        if title and header.sectionSize(section) + _SLACK < needed:
            problems.append(
                f"column title {title!r}: {header.sectionSize(section)} px wide, needs {needed}"
            )
    return problems


def _cells(table: QTableView) -> list[str]:
    model = table.model()
    header = table.horizontalHeader()
    if model is None:
        return []
    metrics = table.fontMetrics()
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    columns = getattr(source, "columns", ())
    free_text = {i for i, c in enumerate(columns) if getattr(c, "elide", False)}
    problems = []
    for column in range(model.columnCount()):
        if table.isColumnHidden(column) or header.sectionSize(column) == 0:
            continue
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue  # the free-text column (the subject) takes what is left and may elide
        if column in free_text:
            continue  # a sender's name may end in "…" (ui.models.paged.Column.elide)
        room = table.columnWidth(column) - _CELL_PADDING
        widest = _widest_cell(model, column, metrics, table)
        if widest is not None and widest[0] > room + _SLACK:
            width, text = widest
            problems.append(f"cell {text!r}: {room} px for the text, needs {width}")
    return problems


def _widest_cell(
    model: QAbstractItemModel, column: int, metrics: QFontMetrics, table: QTableView
) -> tuple[int, str] | None:
    widest: tuple[int, str] | None = None
    for row in range(min(model.rowCount(), _ROWS_CHECKED)):
        index = model.index(row, column)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            continue
        font = index.data(Qt.ItemDataRole.FontRole)
        width = (QFontMetrics(font) if font is not None else metrics).horizontalAdvance(text)
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            width += table.iconSize().width() + 4
        if widest is None or width > widest[0]:
            widest = (width, text)
    return widest
