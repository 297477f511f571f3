"""Person and signer fields: typed by hand or filled from the org chart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tnde.templates import DELEGATION_FORMS
from ui.drafting.fields import FieldWidget
from ui.drafting.models import JabatanListModel
from ui.drafting.picker import JabatanPickerDialog

if TYPE_CHECKING:
    from tnde.templates import FieldSpec
    from ui.drafting.directory import OrgDirectory

# Person keys shown for every person, and the extra ones of ``person`` fields.
_BASE_KEYS = ("jabatan", "nama", "nip", "pangkat", "golongan", "instansi")
_PERSON_EXTRA = ("nik", "alamat")
_DELEGATION_KEYS = ("atas_nama", "jabatan_antara", "dasar")


class PersonField(FieldWidget):
    """Nama, NIP, pangkat, golongan and jabatan; "Choose…" fills them from the org chart.

    Signer fields add the delegation (a.n., u.b., Plt., Plh., Pj.).
    """

    sig_jabatan_chosen = Signal(str)
    """The user picked a jabatan from the org chart for this person (jabatan id: str)."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._directory: OrgDirectory | None = None
        self._loading = False
        self._pelaksana = ""
        self._hidden: dict[str, Any] = {}
        frame = QFrame()
        frame.setObjectName("personFrame")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        self._layout.addWidget(frame)
        self.form = QFormLayout(frame)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setContentsMargins(10, 8, 10, 8)
        labels = {
            "jabatan": self.tr("Jabatan"),
            "nama": self.tr("Name"),
            "nip": self.tr("NIP"),
            "pangkat": self.tr("Rank"),
            "golongan": self.tr("Grade"),
            "instansi": self.tr("Agency"),
            "nik": self.tr("NIK"),
            "alamat": self.tr("Address"),
            "atas_nama": self.tr("On behalf of"),
            "jabatan_antara": self.tr("Intermediate jabatan"),
            "dasar": self.tr("Legal basis"),
        }
        self.edits: dict[str, QLineEdit] = {}
        keys = _BASE_KEYS + (_PERSON_EXTRA if spec.type == "person" else ())
        for key in keys:
            edit = self._line(key, labels[key])
            if key == "jabatan":
                self.choose_button = QPushButton(self.tr("Choose…"))
                self.choose_button.setToolTip(self.tr("Choose the jabatan from the org chart"))
                self.choose_button.setEnabled(False)
                self.choose_button.clicked.connect(self._on_choose_clicked)
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                row.addWidget(self.choose_button)
                self.form.addRow(labels[key], row)
            elif key == "pangkat":
                continue  # laid out together with golongan
            elif key == "golongan":
                row = QHBoxLayout()
                row.addWidget(self.edits["pangkat"], 3)
                row.addWidget(edit, 1)
                self.form.addRow(self.tr("Rank / grade"), row)
                edit.setPlaceholderText("III/b")
            else:
                self.form.addRow(labels[key], edit)
        self.edits["nip"].setPlaceholderText("19920315 201903 1 004")
        self.delegation: QComboBox | None = None
        if spec.type == "signer":
            self.delegation = QComboBox()
            self.delegation.addItem(self.tr("None (own authority)"), "")
            for form in DELEGATION_FORMS:
                self.delegation.addItem(form, form)
            self.delegation.setAccessibleName(self.tr("Delegation"))
            self.delegation.activated.connect(self._on_delegation_activated)
            self.form.addRow(self.tr("Delegation"), self.delegation)
            for key in _DELEGATION_KEYS:
                self.form.addRow(labels[key], self._line(key, labels[key]))
            self._update_delegation_rows()
        self.setFocusProxy(self.edits["jabatan"])

    # -- public API ---------------------------------------------------------------------------

    def value(self) -> Any:
        data: dict[str, Any] = dict(self._hidden)
        for key, edit in self.edits.items():
            if key not in _DELEGATION_KEYS and edit.text().strip():
                data[key] = edit.text()
        bentuk = self.delegation.currentData() if self.delegation is not None else ""
        if bentuk:
            delegasi = {"bentuk": bentuk}
            for key, shown in _delegation_rows(bentuk).items():
                if shown and self.edits[key].text().strip():
                    delegasi[key] = self.edits[key].text()
            if self._pelaksana and bentuk in ("a.n.", "u.b."):
                delegasi["pelaksana"] = self._pelaksana
            data["delegasi"] = delegasi
        return data or None

    def set_value(self, value: Any) -> None:
        self._loading = True
        data = value if isinstance(value, dict) else {}
        found = data.get("delegasi")
        delegasi: dict[str, Any] = found if isinstance(found, dict) else {}
        # keys this form has no line for (nik of a signer…) are kept as they came
        self._hidden = {
            k: v for k, v in data.items() if k not in self.edits and k != "delegasi" and v
        }
        for key, edit in self.edits.items():
            source = delegasi if key in _DELEGATION_KEYS else data
            edit.setText(str(source.get(key, "") or ""))
        # "Plh." under an a.n. comes only from the org chart; keep it while the form stays
        self._pelaksana = str(delegasi.get("pelaksana", "") or "")
        if self.delegation is not None:
            self.delegation.setCurrentIndex(
                max(self.delegation.findData(delegasi.get("bentuk")), 0)
            )
            self._update_delegation_rows()
        self._loading = False

    def focus_part(self, path: str) -> None:
        key = path.split(".")[-1]
        edit = self.edits.get(key)
        if edit is not None:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif key in ("delegasi", "bentuk") and self.delegation is not None:
            self.delegation.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            super().focus_part(path)

    def set_directory(self, directory: OrgDirectory) -> None:
        self._directory = directory
        self.choose_button.setEnabled(bool(directory.entries))
        completer = QCompleter(JabatanListModel(directory.entries, self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(self._on_jabatan_completed)
        self.edits["jabatan"].setCompleter(completer)

    def choose_jabatan(self, jabatan_id: str) -> bool:
        """Fill the person from today's holder of ``jabatan_id``; whether it was possible."""
        if self._directory is None:
            return False
        value = self._directory.signer_value(jabatan_id)
        if value is None:
            return False
        self.set_value(value)
        self.sig_value_edited.emit()
        self.sig_jabatan_chosen.emit(jabatan_id)
        return True

    # -- slots --------------------------------------------------------------------------------

    def _on_choose_clicked(self) -> None:
        if self._directory is None:
            return
        dialog = JabatanPickerDialog(
            self._directory.entries, title=self.spec.label, multiple=False, parent=self
        )
        dialog.accepted.connect(lambda: self._on_picker_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_picker_accepted(self, dialog: Any) -> None:
        chosen = dialog.chosen()
        if chosen:
            self.choose_jabatan(chosen[0].jabatan_id)

    def _on_jabatan_completed(self, text: str) -> None:
        if self._directory is None:
            return
        entry = next((e for e in self._directory.entries if e.nama == text), None)
        if entry is not None:
            self.choose_jabatan(entry.jabatan_id)

    def _on_delegation_activated(self) -> None:
        self._update_delegation_rows()
        self.sig_value_edited.emit()

    def _on_line_edited(self) -> None:
        if not self._loading:
            self.sig_value_edited.emit()

    # -- helpers ------------------------------------------------------------------------------

    def _line(self, key: str, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(f"{self.spec.label}: {label}")
        edit.textEdited.connect(self._on_line_edited)
        self.edits[key] = edit
        return edit

    def _update_delegation_rows(self) -> None:
        if self.delegation is None:
            return
        for key, visible in _delegation_rows(self.delegation.currentData()).items():
            self.form.setRowVisible(self.edits[key], visible)


def _delegation_rows(bentuk: str) -> dict[str, bool]:
    """Which delegation details a form of delegation uses."""
    return {
        "atas_nama": bentuk in ("a.n.", "u.b."),
        "jabatan_antara": bentuk == "u.b.",
        "dasar": bentuk in ("Plt.", "Plh.", "Pj."),
    }
