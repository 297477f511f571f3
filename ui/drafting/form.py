"""The form of a draft, generated from its template: sections, fields, inline messages.

The form knows nothing of the rules: it shows the problems
:func:`tnde.templates.values.validate_values` finds, under the field each one names.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tnde.lint import LintContext
from tnde.numbering import default_kka
from tnde.templates import validate_values
from ui.drafting.fields import (
    ChoiceField,
    DateField,
    FieldWidget,
    IntegerField,
    KkaField,
    RichTextField,
    TextField,
)
from ui.drafting.models import RecipientItem
from ui.drafting.people import PersonField
from ui.drafting.recipients import RecipientListField
from ui.drafting.tables import AttachmentsField, TableField

if TYPE_CHECKING:
    from tnde.errors import ValidationError
    from tnde.profiles import Profile
    from tnde.templates import FieldSpec, Template
    from ui.drafting.directory import OrgDirectory

log = logging.getLogger(__name__)

SECTIONS = ("heading", "recipients", "body", "signature", "attachments")
"""Form sections in order; fields are placed by :func:`section_of`."""
_ATTACHMENT_COUNT = ("jumlah_lampiran", "satuan_lampiran")


def section_titles() -> dict[str, str]:
    """Section headings, translated when called (after the translator is installed)."""
    return {
        "heading": QCoreApplication.translate("DraftForm", "Letter details"),
        "recipients": QCoreApplication.translate("DraftForm", "Recipients"),
        "body": QCoreApplication.translate("DraftForm", "Content"),
        "signature": QCoreApplication.translate("DraftForm", "Signature"),
        "attachments": QCoreApplication.translate("DraftForm", "Attachments"),
    }


def field_root(path: str) -> str:
    """The field a problem path names: ``tembusan[1]`` → ``tembusan``, ``a.b`` → ``a``."""
    return path.split(".")[0].split("[")[0]


def recipient_fields(template: Template, profile: Profile) -> dict[str, str]:
    """List fields printed as addressees (``tujuan``) or copies (``tembusan``), by name.

    The core's lint context knows which fields the layout prints where.
    """

    ctx = LintContext(template, profile, {}, dt.date.today(), default_kka())
    roles = {name: "tembusan" for name in ctx.tembusan_fields()}
    roles.update({name: "tujuan" for name in ctx.addressee_fields()})
    return {n: r for n, r in roles.items() if (spec := template.field(n)) and spec.type == "list"}


def section_of(template: Template, spec: FieldSpec, recipients: dict[str, str]) -> str:
    """Which section of the form a field belongs to."""
    if spec.name in recipients or spec.name in ("di",):
        return "recipients"
    if spec.type in ("signer", "person"):
        return "signature"
    if spec.type == "attachments" or spec.name in _ATTACHMENT_COUNT:
        return "attachments"
    first_body = next(
        (i for i, f in enumerate(template.fields) if f.type in ("richtext", "list", "table")),
        len(template.fields),
    )
    if spec.type in ("text", "date", "choice", "kka", "integer") and (
        template.fields.index(spec) < first_body
    ):
        return "heading"
    return "body"


def make_field(spec: FieldSpec, recipients: dict[str, str]) -> FieldWidget:
    """The widget kind for a field type."""
    if spec.type == "list" and spec.name in recipients:
        return RecipientListField(spec)
    kinds: dict[str, type[FieldWidget]] = {
        "text": TextField,
        "kka": KkaField,
        "richtext": RichTextField,
        "list": RichTextField,
        "date": DateField,
        "choice": ChoiceField,
        "integer": IntegerField,
        "table": TableField,
        "attachments": AttachmentsField,
        "person": PersonField,
        "signer": PersonField,
    }
    return kinds[spec.type](spec)


class DraftForm(QScrollArea):
    """Every field of a template, in sections, with a message line under each field."""

    sig_values_edited = Signal()
    """The user changed a value (read :meth:`raw_values`)."""

    def __init__(self, template: Template, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.fields: dict[str, FieldWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        self._show_all = False
        self._boxes: dict[int, QFrame] = {}
        self.problems: list[ValidationError] = []
        """The problems of the current values, all of them (shown or not)."""

        content = QWidget()
        content.setObjectName("draftFormContent")
        self.column = QVBoxLayout(content)
        self.column.setContentsMargins(20, 12, 20, 20)
        self.column.setSpacing(6)
        recipients = recipient_fields(template, profile)
        self.recipient_roles = recipients
        """Recipient list fields by name → ``tujuan`` or ``tembusan``."""
        titles = section_titles()
        forms: dict[str, QFormLayout] = {}
        for spec in template.fields:
            section = section_of(template, spec, recipients)
            if section not in forms:
                forms[section] = self._section(titles[section])
            self._add_field(forms[section], make_field(spec, recipients))
        # sections in the fixed order, whatever order the template's fields came in
        for section in SECTIONS:
            form = forms.get(section)
            if form is not None:
                self.column.addWidget(self._boxes[id(form)])
        self.extra = QVBoxLayout()
        """Where the editor adds its own sections (the route) below the fields."""
        self.column.addLayout(self.extra)
        self.column.addStretch(1)
        self.setWidget(content)

    # -- public API ---------------------------------------------------------------------------

    def raw_values(self) -> dict[str, Any]:
        """The raw values of every filled field; a cleared field with a default stays ""."""
        raw: dict[str, Any] = {}
        for name, widget in self.fields.items():
            value = widget.value()
            if value is not None:
                raw[name] = value
            elif widget.spec.default is not None:
                raw[name] = ""  # cleared on purpose: do not fall back to the default
        return raw

    def set_values(self, raw: dict[str, Any]) -> None:
        """Show ``raw`` values; fields it does not name get their template default."""
        for name, widget in self.fields.items():
            widget.set_value(raw.get(name, widget.spec.default))

    def validate(self) -> tuple[dict[str, Any], list[ValidationError]]:
        """Check the current values with the core and show the messages of touched fields."""
        values, problems = validate_values(self.template, self.raw_values())
        self.problems = problems
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(field_root(problem.field), []).append(problem.detail)
        changed = False
        for name, label in self._errors.items():
            messages = by_field.get(name, []) if self._show_all or name in self._touched else []
            text = "\n".join(messages)
            changed = changed or text != label.text() or bool(messages) != label.isVisibleTo(self)
            label.setText(text)
            label.setVisible(bool(messages))
        if changed:
            # a message appearing or going away changes the height of its row; the form
            # layout keeps the old height of wrapped rows unless told (the help under Kode
            # Klasifikasi was cut to one line after typing)
            self._relayout_rows()
        return values, problems

    def _relayout_rows(self) -> None:
        for label in self._errors.values():
            holder = label.parentWidget()
            layout = holder.layout() if holder is not None else None
            if holder is not None and layout is not None and layout.hasHeightForWidth():
                layout.invalidate()
                holder.setMinimumHeight(max(0, layout.heightForWidth(max(1, holder.width()))))
        inner = self.widget()
        rows = inner.layout() if inner is not None else None
        if rows is not None:
            rows.invalidate()

    def reveal_all_problems(self) -> None:
        """Show the message of every field, touched or not (before submitting)."""
        self._show_all = True
        self.validate()

    def error_text(self, name: str) -> str:
        """The message shown under a field ("" when none is shown)."""
        label = self._errors[name]
        return label.text() if label.isVisibleTo(self) else ""

    def focus_field(self, path: str) -> bool:
        """Scroll to the field a path names and focus the part; whether the field exists."""
        widget = self.fields.get(field_root(path))
        if widget is None:
            return False
        self.ensureWidgetVisible(self._labels[widget.spec.name], 0, 40)
        self.ensureWidgetVisible(widget, 0, 40)
        widget.focus_part(path)
        return True

    def recipients(self) -> dict[str, list[dict[str, str]]]:
        """Tujuan and tembusan as :meth:`Letters.set_recipients` takes them."""
        roles: dict[str, list[dict[str, str]]] = {"tujuan": [], "tembusan": []}
        for name, role in self.recipient_roles.items():
            widget = self.fields[name]
            assert isinstance(widget, RecipientListField)
            for item in widget.items():
                entry = {"text": item.text}
                if item.jabatan_id:
                    entry["jabatan_id"] = item.jabatan_id
                roles[role].append(entry)
        return roles

    def tie_recipients(self, stored: list[tuple[str, str, str]]) -> None:
        """Tie the lines shown to the jabatan stored with the letter ((role, text, id))."""
        for name, role in self.recipient_roles.items():
            widget = self.fields[name]
            assert isinstance(widget, RecipientListField)
            ids = {text: jabatan for r, text, jabatan in stored if r == role and jabatan}
            widget.set_items([RecipientItem(i.text, ids.get(i.text, "")) for i in widget.items()])

    def add_section(self, title: str) -> QVBoxLayout:
        """A new section below the fields, for the editor's own widgets; its layout."""
        form = self._section(title)
        self.extra.addWidget(self._boxes[id(form)])
        layout = QVBoxLayout()
        form.addRow(layout)
        return layout

    def set_directory(self, directory: OrgDirectory) -> None:
        """Offer org-chart and KKA choices in the fields that use them."""
        for widget in self.fields.values():
            widget.set_directory(directory)

    # -- slots --------------------------------------------------------------------------------

    def _on_field_edited(self) -> None:
        sender = self.sender()
        if isinstance(sender, FieldWidget):
            self._touched.add(sender.spec.name)
        self.sig_values_edited.emit()

    # -- helpers ------------------------------------------------------------------------------

    def _section(self, title: str) -> QFormLayout:
        box = QFrame()
        box.setObjectName("formSection")
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 10, 0, 4)
        outer.setSpacing(8)
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        heading.setAccessibleName(title)
        outer.addWidget(heading)
        rule = QFrame()
        rule.setObjectName("sectionRule")
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Plain)
        outer.addWidget(rule)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(12)
        outer.addLayout(form)
        self._boxes[id(form)] = box
        return form

    def _add_field(self, form: QFormLayout, widget: FieldWidget) -> None:
        spec = widget.spec
        label = QLabel(f"{spec.label}{' *' if spec.required else ''}")
        label.setObjectName("fieldLabel")
        label.setBuddy(widget)
        label.setMinimumWidth(120)
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        if spec.required:
            label.setToolTip(QCoreApplication.translate("DraftForm", "Required"))
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        problem = QCoreApplication.translate("DraftForm", "Problem: %1")
        error.setAccessibleName(problem.replace("%1", spec.label))
        error.hide()
        column.addWidget(error)
        if spec.help and spec.type not in ("richtext", "list"):
            help_label = QLabel(spec.help)
            help_label.setObjectName("fieldHelp")
            help_label.setWordWrap(True)
            column.addWidget(help_label)
        form.addRow(label, holder)
        self.fields[spec.name] = widget
        self._errors[spec.name] = error
        self._labels[spec.name] = label
        widget.sig_value_edited.connect(self._on_field_edited)
