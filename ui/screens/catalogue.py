"""Templat Naskah: the letter types (jenis naskah) and the fields each asks for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QListView, QTextBrowser, QWidget

from tnde.templates import load_all_templates
from ui.models.templates import TemplateListModel, TemplateRole

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex

__all__ = ["CatalogueScreen"]


class CatalogueScreen(QWidget):
    """A list of jenis naskah with the fields of the selected one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.templates = load_all_templates()
        self.view = QListView()
        self.view.setAccessibleName(self.tr("Letter types"))
        self.model = TemplateListModel(self.templates, self.view)
        self.view.setModel(self.model)
        self.view.setMaximumWidth(320)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Letter type details"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail, 2)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.setCurrentIndex(self.model.index(0))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        template = current.data(TemplateRole.TEMPLATE)
        if template is None:
            return
        required = self.tr("required")
        rows = "".join(
            f"<tr><td><b>{f.label}</b>{' <i>(' + required + ')</i>' if f.required else ''}</td>"
            f"<td>{f.help}</td></tr>"
            for f in template.fields
        )
        self.detail.setHtml(
            f"<h2>{template.nama}</h2><p>{template.description}</p>"
            f"<table cellpadding='5'>{rows}</table>"
        )
