"""Register an incoming letter: drop its PDF in, check the fields read from it, save.

The fields are pre-filled from the PDF's text layer (:func:`tnde.incoming.prefill`); those
filled that way are marked so the clerk checks them, and those pre-fill left empty because it
could not read them with certainty are marked too, so the clerk types them from the letter.
A duplicate (same file, or same sender and number) is refused by the core; the dialog then asks
whether to register it anyway.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tnde.incoming import SIFAT, URGENSI, prefill_from_pdf
from ui.dialogs.submit_dialog import SubmitDialog
from ui.icons import icon
from ui.workers import QueryOp

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Sequence

    from PySide6.QtGui import QDragEnterEvent, QDropEvent

log = logging.getLogger(__name__)

__all__ = ["DropZone", "RegisterDialog"]


class DropZone(QFrame):
    """A framed area that takes a dropped PDF file (or opens a file dialog on click)."""

    sig_file_dropped = Signal(str)
    """A PDF was dropped or chosen (its path: str)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drop_zone")
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Drop the letter's PDF here"))
        self.label = QLabel(self.tr("Drag the scanned or received PDF here"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.choose = QPushButton(icon("folder"), self.tr("Choose file…"))
        self.choose.clicked.connect(self._on_choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.choose, 0, Qt.AlignmentFlag.AlignHCenter)
        self.setMinimumHeight(110)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        urls = event.mimeData().urls()
        if urls and urls[0].toLocalFile().lower().endswith(".pdf"):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        urls = event.mimeData().urls()
        if urls:
            self.sig_file_dropped.emit(urls[0].toLocalFile())
            event.acceptProposedAction()

    def _on_choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the letter's PDF"), "", self.tr("PDF files (*.pdf)")
        )
        if path:
            self.sig_file_dropped.emit(path)


class RegisterDialog(SubmitDialog):
    """The registration form. :attr:`on_submit` receives ``(unit_id, meta, pdf, copy_only)``."""

    sig_prefilled = Signal()
    """Fields were filled from a PDF."""

    def __init__(
        self, parent: QWidget | None, *, units: Sequence[tuple[str, str]], unit: str
    ) -> None:
        super().__init__(
            parent,
            title=self.tr("Register incoming letter"),
            name="register_dialog",
            ok_text=self.tr("Register"),
        )
        self.on_submit: Callable[[str, dict[str, Any], bytes | None, bool], None] | None = None
        self.pdf: bytes | None = None
        self.pdf_name = ""

        self.drop = DropZone()
        self.drop.sig_file_dropped.connect(self.load_pdf)
        self.file_label = QLabel()
        self.file_label.setObjectName("muted")
        self.file_label.setWordWrap(True)

        self.unit = QComboBox()
        for unit_id, name in units:
            self.unit.addItem(name, unit_id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit)))
        self.asal = QLineEdit()
        self.asal_jabatan = QLineEdit()
        self.nomor = QLineEdit()
        self.tanggal = QDateEdit(QDate.currentDate())
        self.tanggal.setCalendarPopup(True)
        self.tanggal.setDisplayFormat("dd/MM/yyyy")
        self.hal = QLineEdit()
        self.sifat = QComboBox()
        self.sifat.addItems(list(SIFAT))
        self.urgensi = QComboBox()
        self.urgensi.addItems(list(URGENSI))
        self.urgensi.setCurrentText("Biasa")
        self.kka = QLineEdit()
        self.kka.setPlaceholderText("000.1.2")
        self.isi = QPlainTextEdit()
        self.isi.setMaximumHeight(70)
        self.isi.setTabChangesFocus(True)
        self.lampiran = QLineEdit()
        self.copy_only = QCheckBox(self.tr("This is a copy (tembusan), for information only"))

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._labels: dict[str, QLabel] = {}
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("unit", self.tr("Received by"), self.unit),
            ("asal", self.tr("From (sender) *"), self.asal),
            ("asal_jabatan", self.tr("Sender's position"), self.asal_jabatan),
            ("nomor", self.tr("Letter number *"), self.nomor),
            ("tanggal", self.tr("Letter date *"), self.tanggal),
            ("hal", self.tr("Subject *"), self.hal),
            ("sifat", self.tr("Classification"), self.sifat),
            ("urgensi", self.tr("Urgency"), self.urgensi),
            ("kka", self.tr("Archive code"), self.kka),
            ("isi", self.tr("Summary"), self.isi),
            ("lampiran", self.tr("Attachments"), self.lampiran),
        )
        for key, text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.rstrip(" *"))
            self._labels[key] = label
            form.addRow(label, widget)
        form.addRow("", self.copy_only)

        left = QVBoxLayout()
        left.addWidget(self.drop)
        left.addWidget(self.file_label)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(form, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(860, 560)
        self.asal.setFocus()

    # -- public API ---------------------------------------------------------------------------

    def load_pdf(self, path: str) -> None:
        """Read ``path`` and pre-fill the empty fields from its text (in a worker)."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.show_error(
                self.tr("Cannot read %1: %2").replace("%1", path).replace("%2", exc.strerror or "")
            )
            return
        self.pdf = data
        self.pdf_name = Path(path).name
        self.file_label.setText(self.tr("Reading %1…").replace("%1", self.pdf_name))
        QueryOp(self, lambda: _prefill(data)).success(self._on_prefilled).failure(
            self._on_prefill_failed
        ).run()

    def meta(self) -> dict[str, Any]:
        """The registration metadata (empty fields left out)."""
        tanggal: dt.date = self.tanggal.date().toPython()  # type: ignore[assignment]
        values = {
            "asal": self.asal.text(),
            "asal_jabatan": self.asal_jabatan.text(),
            "nomor": self.nomor.text(),
            "tanggal": tanggal.isoformat(),
            "hal": self.hal.text(),
            "sifat": self.sifat.currentText(),
            "urgensi": self.urgensi.currentText(),
            "kka": self.kka.text(),
            "isi_ringkas": self.isi.toPlainText(),
            "lampiran": self.lampiran.text(),
        }
        return {k: v.strip() for k, v in values.items() if v.strip()}

    # -- slots --------------------------------------------------------------------------------

    def _on_prefilled(self, found: Any) -> None:
        filled = []
        fields: dict[str, tuple[QLineEdit, str]] = {
            "asal": (self.asal, found.asal),
            "asal_jabatan": (self.asal_jabatan, found.asal_jabatan),
            "nomor": (self.nomor, found.nomor),
            "hal": (self.hal, found.hal),
            "lampiran": (self.lampiran, found.lampiran),
        }
        for key, (edit, value) in fields.items():
            if value and not edit.text():
                edit.setText(value)
                filled.append(key)
        if found.tanggal is not None:
            self.tanggal.setDate(QDate(found.tanggal))
            filled.append("tanggal")
        if found.sifat and found.sifat in SIFAT:
            self.sifat.setCurrentText(found.sifat)
            filled.append("sifat")
        if found.urgensi and found.urgensi in URGENSI:
            self.urgensi.setCurrentText(found.urgensi)
            filled.append("urgensi")
        # Fields the letter seems to have but pre-fill would not guess: the clerk types them.
        unsure = [key for key in found.unsure if key in self._labels and key not in filled]
        for key in self._labels:
            self._mark(key, prefilled=key in filled, unsure=key in unsure)
        if not found.text_layer:
            note = self.tr("%1: no text layer (a scan); fill the fields by hand.")
        elif unsure:
            names = ", ".join(self._labels[key].text().rstrip(" *") for key in unsure)
            note = self.tr(
                "%1: fields read from the PDF are marked; please check them. "
                "Could not be read with certainty, type from the letter: %2."
            ).replace("%2", names)
        elif filled:
            note = self.tr("%1: fields read from the PDF are marked; please check them.")
        else:
            note = self.tr("%1: nothing could be read; fill the fields by hand.")
        self.file_label.setText(note.replace("%1", self.pdf_name))
        self.sig_prefilled.emit()

    def _mark(self, key: str, *, prefilled: bool, unsure: bool) -> None:
        """Mark a field's label as read from the PDF, or as left empty for the clerk."""
        label = self._labels[key]
        label.setProperty("prefilled", prefilled)
        label.setProperty("unsure", unsure)
        if prefilled:
            label.setToolTip(self.tr("Read from the PDF: please check"))
        elif unsure:
            label.setToolTip(
                self.tr("Not filled in: the PDF could not be read with certainty here; type it")
            )
        else:
            label.setToolTip("")
        label.style().unpolish(label)
        label.style().polish(label)

    def _on_prefill_failed(self, exc: BaseException) -> None:
        log.info("prefill failed: %s", type(exc).__name__)
        self.file_label.setText(
            self.tr("%1 could not be read as a PDF.").replace("%1", self.pdf_name)
        )
        self.pdf = None

    def _submit(self, on_submit: Callable[[str, dict[str, Any], bytes | None, bool], None]) -> None:
        on_submit(str(self.unit.currentData()), self.meta(), self.pdf, self.copy_only.isChecked())


def _prefill(data: bytes) -> Any:
    return prefill_from_pdf(data)
