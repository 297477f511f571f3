"""Form widgets for the simple field types: one widget kind per :class:`FieldSpec` type.

Every field widget is a :class:`FieldWidget`: it shows a raw value (what a draft file holds:
str, int, list, dict) and reports edits; checking the value is the core's job
(:func:`tnde.templates.values.validate_values`), not the widget's.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ui.drafting.models import KkaListModel

if TYPE_CHECKING:
    from tnde.templates import FieldSpec
    from ui.drafting.directory import OrgDirectory

_NO_DATE = QDate(1900, 1, 1)
"""The "no date" value of optional date fields, shown as the special value text."""


class FieldWidget(QWidget):
    """Base of every field widget: a raw value in, edits out."""

    sig_value_edited = Signal()
    """The user changed the value (no arguments; read :meth:`value`)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setAccessibleName(spec.label)

    # -- public API ---------------------------------------------------------------------------

    def value(self) -> Any:
        """The raw value, or None when nothing is filled in."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show ``value`` (None clears the field) without reporting an edit."""
        raise NotImplementedError

    def focus_part(self, path: str) -> None:
        """Give the keyboard focus to the part named by a dotted ``path`` ("" = the field)."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_directory(self, directory: OrgDirectory) -> None:
        """Offer choices from the org chart and KKA list (widgets that use them override)."""

    # -- helpers ------------------------------------------------------------------------------

    def _add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        self.setFocusProxy(widget)
        widget.setAccessibleName(self.spec.label)
        if self.spec.help:
            widget.setToolTip(self.spec.help)


class TextField(FieldWidget):
    """One line of text (``text``)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self._add(self.edit)
        self.edit.textEdited.connect(self.sig_value_edited)

    def value(self) -> Any:
        return self.edit.text() or None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class KkaField(TextField):
    """A records classification code, completed from the office's KKA list."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit.setPlaceholderText("000.8.3.3")

    def set_directory(self, directory: OrgDirectory) -> None:
        """Offer completion from the classification codes, by code or by name."""

        completer = QCompleter(KkaListModel(directory.kka, self), self)
        completer.setCompletionRole(Qt.ItemDataRole.DisplayRole)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        completer.activated.connect(self._on_completer_activated)
        self.edit.setCompleter(completer)

    def _on_completer_activated(self, text: str) -> None:
        # the list shows "code — name"; only the code goes into the letter
        self.edit.setText(text.split(" — ")[0].strip())
        self.sig_value_edited.emit()


class RichTextField(FieldWidget):
    """Paragraphs and numbered lists (``richtext``), or one item per line (``list``)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(140 if spec.type == "richtext" else 84)
        self.edit.setPlaceholderText(spec.help)
        self._add(self.edit)
        self.edit.textChanged.connect(self._on_edit_changed)
        self._loading = False

    def value(self) -> Any:
        text = self.edit.toPlainText()
        if self.spec.type == "list":
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            return lines or None
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        if isinstance(value, list | tuple):
            value = "\n".join(str(v) for v in value)
        self._loading = True
        self.edit.setPlainText("" if value is None else str(value))
        self._loading = False

    def _on_edit_changed(self) -> None:
        if not self._loading:
            self.sig_value_edited.emit()


class DateField(FieldWidget):
    """A date with a calendar; optional dates may be left empty ("—")."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.edit.setDisplayFormat("d MMMM yyyy")
        self.edit.setMinimumDate(_NO_DATE)
        self.edit.setSpecialValueText("—")
        self.edit.setDate(_NO_DATE)
        self.edit.setMinimumWidth(180)
        self._add(self.edit)
        self._layout.addStretch(1)
        self.edit.dateChanged.connect(self._on_date_changed)
        self._loading = False

    def value(self) -> Any:
        date = self.edit.date()
        return None if date == _NO_DATE else date.toString(Qt.DateFormat.ISODate)

    def set_value(self, value: Any) -> None:
        self._loading = True
        if isinstance(value, dt.date):
            value = value.isoformat()
        date = QDate.fromString(str(value), Qt.DateFormat.ISODate) if value else _NO_DATE
        self.edit.setDate(date if date.isValid() else _NO_DATE)
        self._loading = False

    def _on_date_changed(self) -> None:
        if not self._loading:
            self.sig_value_edited.emit()


class ChoiceField(FieldWidget):
    """One of the template's choices; optional choices without a default may stay empty."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox()
        if not spec.required and spec.default is None:
            self.combo.addItem("—", None)
        for choice in spec.choices:
            self.combo.addItem(choice, choice)
        self.combo.setMinimumWidth(180)
        self._add(self.combo)
        self._layout.addStretch(1)
        self.combo.activated.connect(self.sig_value_edited)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(index, 0))


class IntegerField(FieldWidget):
    """A whole number; "—" (the lowest value) leaves it empty."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.spin = QSpinBox()
        self.spin.setRange(-1, 9999)
        self.spin.setSpecialValueText("—")
        self.spin.setValue(-1)
        self.spin.setMinimumWidth(100)
        self._add(self.spin)
        self._layout.addStretch(1)
        self.spin.valueChanged.connect(self._on_value_changed)
        self._loading = False

    def value(self) -> Any:
        return None if self.spin.value() < 0 else self.spin.value()

    def set_value(self, value: Any) -> None:
        self._loading = True
        self.spin.setValue(value if isinstance(value, int) and value >= 0 else -1)
        self._loading = False

    def _on_value_changed(self) -> None:
        if not self._loading:
            self.sig_value_edited.emit()
