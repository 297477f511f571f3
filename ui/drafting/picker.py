"""A window-modal dialog to pick jabatan from the org chart, with search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ui.drafting.models import DraftRole, JabatanEntry, JabatanListModel

if TYPE_CHECKING:
    from collections.abc import Sequence


class JabatanPickerDialog(QDialog):
    """Search the org chart by jabatan, unit or holder and choose one or more jabatan.

    Open it with :meth:`open` and read :meth:`chosen` when ``accepted`` fires.
    """

    def __init__(
        self,
        entries: Sequence[JabatanEntry],
        *,
        title: str,
        multiple: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(520, 460)

        self.model = JabatanListModel(entries, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(DraftRole.SEARCH)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search jabatan, unit or name…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the org chart"))
        self.view = QListView()
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multiple
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: palette(placeholder-text);")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self._on_search_text_changed)
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        self.view.doubleClicked.connect(self.accept)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.setFocus()
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    # -- public API ---------------------------------------------------------------------------

    def chosen(self) -> list[JabatanEntry]:
        """The selected jabatan, in list order."""
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex()]
        return [self.model.entry(self.proxy.mapToSource(i).row()) for i in rows]

    # -- slots --------------------------------------------------------------------------------

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _on_view_current_changed(self, current: object, _previous: object) -> None:
        index = self.view.currentIndex()
        entry = self.model.entry(self.proxy.mapToSource(index).row()) if index.isValid() else None
        if entry is None:
            self.detail.clear()
            return
        holder = entry.holder or self.tr("(vacant)")
        self.detail.setText(f"{entry.unit} · {holder}")
