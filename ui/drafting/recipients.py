"""Recipient lists (tujuan, tembusan): jabatan from the org chart or free text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.drafting.fields import FieldWidget
from ui.drafting.models import JabatanListModel, RecipientItem, RecipientListModel
from ui.drafting.picker import JabatanPickerDialog

if TYPE_CHECKING:
    from tnde.templates import FieldSpec
    from ui.drafting.directory import OrgDirectory
    from ui.drafting.models import JabatanEntry


class RecipientListField(FieldWidget):
    """An ordered list of recipients; each line is printed as typed.

    Lines chosen from the org chart remember their jabatan, so the letter is delivered
    inside the office (:meth:`items`); lines typed by hand are external recipients.
    """

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._directory: OrgDirectory | None = None
        self.model = RecipientListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(spec.label)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setMinimumHeight(60)
        self.view.setMaximumHeight(92)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("Type a jabatan or name, then Enter"))
        self.entry.setAccessibleName(self.tr("New line of %1").replace("%1", spec.label))
        self.entry.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("Add"))
        self.pick_button = QPushButton(self.tr("From org chart…"))
        self.pick_button.setEnabled(False)
        self.remove_button = QPushButton("✕")
        self.remove_button.setToolTip(self.tr("Remove the selected line"))
        self.up_button = QPushButton("↑")
        self.up_button.setToolTip(self.tr("Move up"))
        self.down_button = QPushButton("↓")
        self.down_button.setToolTip(self.tr("Move down"))
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setFixedWidth(32)

        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.addWidget(self.view, 0, 0, 1, 3)
        side = QVBoxLayout()
        side.addWidget(self.up_button)
        side.addWidget(self.down_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        grid.addLayout(side, 0, 3)
        grid.addWidget(self.entry, 1, 0)
        grid.addWidget(self.add_button, 1, 1)
        grid.addWidget(self.pick_button, 1, 2)
        grid.setColumnStretch(0, 1)
        self._layout.addWidget(box)
        self.setFocusProxy(self.entry)
        if spec.help:
            self.view.setToolTip(spec.help)

        self.entry.returnPressed.connect(self._on_add_clicked)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.pick_button.clicked.connect(self._on_pick_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.up_button.clicked.connect(self._on_up_clicked)
        self.down_button.clicked.connect(self._on_down_clicked)
        self.model.dataChanged.connect(self.sig_value_edited)

    # -- public API ---------------------------------------------------------------------------

    def value(self) -> Any:
        return [item.text for item in self.model.items()] or None

    def set_value(self, value: Any) -> None:
        lines = value if isinstance(value, list | tuple) else ([value] if value else [])
        self.set_items([RecipientItem(str(line)) for line in lines])

    def items(self) -> list[RecipientItem]:
        """Every line with its jabatan (internal) or without (external)."""
        return self.model.items()

    def set_items(self, items: list[RecipientItem]) -> None:
        """Show these lines; lines that name a jabatan of the chart are tied to it."""
        self.model.set_items([self._resolve(item) for item in items])

    def add_text(self, text: str) -> None:
        """Add one line as if typed and confirmed with Enter."""
        text = " ".join(text.split())
        if text:
            self.model.append(self._resolve(RecipientItem(text)))
            self.sig_value_edited.emit()

    def add_jabatan(self, entries: list[JabatanEntry]) -> None:
        """Add jabatan chosen from the org chart (internal recipients)."""
        for entry in entries:
            self.model.append(RecipientItem(entry.nama, entry.jabatan_id))
        if entries:
            self.sig_value_edited.emit()

    def focus_part(self, path: str) -> None:
        if "[" in path:
            row = int(path.split("[")[1].split("]")[0])
            if 0 <= row < self.model.rowCount():
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                self.view.setCurrentIndex(self.model.index(row))
                return
        super().focus_part(path)

    def set_directory(self, directory: OrgDirectory) -> None:
        self._directory = directory
        self.pick_button.setEnabled(bool(directory.entries))
        completer = QCompleter(JabatanListModel(directory.entries, self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.entry.setCompleter(completer)
        self.model.set_items([self._resolve(item) for item in self.model.items()])

    # -- slots --------------------------------------------------------------------------------

    def _on_up_clicked(self) -> None:
        self._move(-1)

    def _on_down_clicked(self) -> None:
        self._move(+1)

    def _on_add_clicked(self) -> None:
        self.add_text(self.entry.text())
        self.entry.clear()

    def _on_pick_clicked(self) -> None:
        if self._directory is None:
            return
        dialog = JabatanPickerDialog(self._directory.entries, title=self.spec.label, parent=self)
        dialog.accepted.connect(lambda: self.add_jabatan(dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_remove_clicked(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove(index.row())
            self.sig_value_edited.emit()

    # -- helpers ------------------------------------------------------------------------------

    def _move(self, delta: int) -> None:
        row = self.view.currentIndex().row()
        if self.model.move(row, delta):
            self.view.setCurrentIndex(self.model.index(row + delta))
            self.sig_value_edited.emit()

    def _resolve(self, item: RecipientItem) -> RecipientItem:
        """Tie a typed line to the jabatan it names, as the CLI does."""
        if item.jabatan_id or self._directory is None:
            return item
        key = item.text.split("(")[0].strip().casefold()
        entry = next((e for e in self._directory.entries if e.nama.casefold() == key), None)
        return RecipientItem(item.text, entry.jabatan_id) if entry else item
