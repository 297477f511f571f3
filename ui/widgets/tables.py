"""The table view the app's lists share: whole rows selected one at a time, read-only, no
grid, alternating rows, no row numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QTableView

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel

__all__ = ["list_table"]


def list_table(model: QAbstractItemModel, name: str = "", *, row_height: int = 0) -> QTableView:
    """A list-like table of ``model`` (``name``: its accessible name; ``row_height``: a fixed
    row height in pixels, 0 for the style's)."""
    table = QTableView()
    table.setModel(model)
    if name:
        table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    if row_height:
        table.verticalHeader().setDefaultSectionSize(row_height)
    table.horizontalHeader().setHighlightSections(False)
    return table
