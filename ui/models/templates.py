"""A list model over the core's templates (jenis naskah)."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tnde.templates import Template

_Index = QModelIndex | QPersistentModelIndex


class TemplateRole(IntEnum):
    """Custom data roles of :class:`TemplateListModel`."""

    TEMPLATE = Qt.ItemDataRole.UserRole
    """The :class:`~tnde.templates.model.Template` itself."""
    JENIS = Qt.ItemDataRole.UserRole + 1
    """The jenis id (``surat_dinas``)."""


class TemplateListModel(QAbstractListModel):
    """One row per template, shown by its Indonesian name."""

    def __init__(self, templates: Sequence[Template], parent: Any = None) -> None:
        super().__init__(parent)
        self._templates = list(templates)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._templates)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._templates):
            return None
        template = self._templates[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return template.nama
        if role == Qt.ItemDataRole.ToolTipRole:
            return template.description
        if role == TemplateRole.TEMPLATE:
            return template
        if role == TemplateRole.JENIS:
            return template.jenis
        return None
