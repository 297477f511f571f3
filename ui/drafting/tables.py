"""Table fields (rows with declared columns) and attachment pages (judul + isi)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.drafting.fields import FieldWidget
from ui.drafting.models import RowsTableModel

if TYPE_CHECKING:
    from tnde.templates import FieldSpec


class TableField(FieldWidget):
    """Rows edited in place in a table, one column per declared column of the field."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.model = self._make_model(spec)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(spec.label)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setMinimumHeight(110)
        self.view.setMaximumHeight(200)
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.add_button = QPushButton(self.tr("Add row"))
        self.remove_button = QPushButton(self.tr("Remove row"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.column = QVBoxLayout()
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addWidget(self.view)
        self.column.addLayout(buttons)
        self._layout.addLayout(self.column)
        self.setFocusProxy(self.view)
        if spec.help:
            self.view.setToolTip(spec.help)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.model.dataChanged.connect(self.sig_value_edited)

    # -- public API ---------------------------------------------------------------------------

    def value(self) -> Any:
        rows = [r for r in self.model.rows() if any(v.strip() for v in r.values())]
        return [{k: v for k, v in r.items() if v.strip()} for r in rows] or None

    def set_value(self, value: Any) -> None:
        rows = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
        self.model.set_rows(rows)
        if rows:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def focus_part(self, path: str) -> None:
        if "[" in path:
            row = int(path.split("[")[1].split("]")[0])
            if 0 <= row < self.model.rowCount():
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                self.view.setCurrentIndex(self.model.index(row, 0))
                return
        super().focus_part(path)

    # -- slots --------------------------------------------------------------------------------

    def _on_add_clicked(self) -> None:
        row = self.model.append_row()
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.edit(self.model.index(row, 0))

    def _on_remove_clicked(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())
            self.sig_value_edited.emit()

    # -- helpers ------------------------------------------------------------------------------

    def _make_model(self, spec: FieldSpec) -> RowsTableModel:
        return RowsTableModel([(c.name, c.label) for c in spec.columns], self)


class AttachmentsField(TableField):
    """Attachment pages: a list of titles, and the selected page's title and text below."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.add_button.setText(self.tr("Add attachment"))
        self.remove_button.setText(self.tr("Remove attachment"))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setMaximumHeight(110)
        self.view.setColumnHidden(1, True)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Attachment title"))
        self.title.setAccessibleName(self.tr("Attachment title"))
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(self.tr("Attachment text: paragraphs, 1. or a. lists"))
        self.body.setAccessibleName(self.tr("Attachment text"))
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(110)
        self.hint = QLabel(self.tr("Add an attachment to print pages after the letter."))
        self.hint.setObjectName("fieldHelp")
        self.column.addWidget(self.hint)
        self.column.addWidget(self.title)
        self.column.addWidget(self.body)
        self._loading = False
        self.view.selectionModel().currentRowChanged.connect(self._on_view_row_changed)
        self.title.textEdited.connect(self._on_detail_edited)
        self.body.textChanged.connect(self._on_detail_edited)
        self._show_row(-1)

    # -- public API ---------------------------------------------------------------------------

    def value(self) -> Any:
        rows = [r for r in self.model.rows() if r["judul"].strip() or r["isi"].strip()]
        return rows or None

    def set_value(self, value: Any) -> None:
        super().set_value(value)
        self._show_row(self.view.currentIndex().row())

    def focus_part(self, path: str) -> None:
        super().focus_part(path)
        if path.endswith(".isi"):
            self.body.setFocus(Qt.FocusReason.OtherFocusReason)
        elif "[" in path:
            self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- slots --------------------------------------------------------------------------------

    def _on_add_clicked(self) -> None:
        row = self.model.append_row()
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_remove_clicked(self) -> None:
        super()._on_remove_clicked()
        self._show_row(self.view.currentIndex().row())

    def _on_view_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_row(current.row())

    def _on_detail_edited(self) -> None:
        row = self.view.currentIndex().row()
        if self._loading or row < 0:
            return
        self.model.set_cell(row, "judul", self.title.text())
        self.model.set_cell(row, "isi", self.body.toPlainText())

    # -- helpers ------------------------------------------------------------------------------

    def _make_model(self, spec: FieldSpec) -> RowsTableModel:
        return RowsTableModel([("judul", self.tr("Title")), ("isi", self.tr("Text"))], self)

    def _show_row(self, row: int) -> None:
        self._loading = True
        valid = 0 <= row < self.model.rowCount()
        rows = self.model.rows()
        self.title.setText(rows[row]["judul"] if valid else "")
        self.body.setPlainText(rows[row]["isi"] if valid else "")
        for widget in (self.title, self.body):
            widget.setEnabled(valid)
        self.hint.setVisible(self.model.rowCount() == 0)
        self._loading = False
