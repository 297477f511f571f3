"""The search field and filters above a list: text, jenis, sifat, urgensi, status, sender and
KKA (where the list has them), a date range and "overdue only". The filters sit in a second
row shown by the Filter button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tnde.workflow import ListFilter
from ui.icons import icon

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["FilterBar"]


class FilterBar(QWidget):
    """Search and filters; emits :attr:`sig_filter_changed` (text edits after a short pause)."""

    sig_filter_changed = Signal()
    """The user changed a filter."""

    DEBOUNCE_MS = 250

    def __init__(
        self,
        *,
        statuses: Sequence[tuple[str, str]],
        jenis: Sequence[tuple[str, str]] = (),
        sifat: Sequence[str] = (),
        urgensi: Sequence[str] = (),
        date_label: str = "",
        sender_and_kka: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search subject, number, sender…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setMinimumWidth(120)  # at 125 % on 1366 px the list gets little room

        self.toggle = QToolButton()
        self.toggle.setText(self.tr("Filter"))
        self.toggle.setIcon(icon("filter"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAccessibleName(self.tr("Show filters"))

        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.overdue.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")

        self.jenis = self._combo(self.tr("All types"), jenis, self.tr("Type"))
        self.sifat = self._combo(
            self.tr("Any classification"), [(s, s) for s in sifat], self.tr("Classification")
        )
        self.urgensi = self._combo(
            self.tr("Any urgency"), [(u, u) for u in urgensi], self.tr("Urgency")
        )
        self.status = self._combo(self.tr("Any status"), statuses, self.tr("Status"))
        self.asal = self._text(self.tr("Sender"), 160)
        self.kka = self._text(self.tr("KKA code"), 90)
        self.use_dates = QCheckBox(date_label or self.tr("Date"))
        today = QDate.currentDate()
        self.date_from = self._date(today.addMonths(-1), self.tr("From date"))
        self.date_to = self._date(today, self.tr("To date"))
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.clear = QToolButton()
        self.clear.setText(self.tr("Clear filters"))
        self.clear.setAutoRaise(True)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.toggle)
        top.addWidget(self.overdue)
        top.addStretch(0)
        top.addWidget(self.count_label)

        self.more = QWidget()
        rows = QVBoxLayout(self.more)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        more = QHBoxLayout()
        rows.addLayout(more)
        for combo in (self.jenis, self.sifat, self.urgensi, self.status):
            if combo.count() > 1:
                more.addWidget(combo)
            else:
                combo.hide()
        # sender and KKA on a row of their own: beside the combos they squeeze a narrow list
        texts = QHBoxLayout()
        for field in (self.asal, self.kka):
            if sender_and_kka:
                texts.addWidget(field)
            else:
                field.hide()
        if sender_and_kka:
            texts.addStretch(1)
            rows.addLayout(texts)
        more.addSpacing(8)
        more.addWidget(self.use_dates)
        more.addWidget(self.date_from)
        more.addWidget(QLabel("–"))
        more.addWidget(self.date_to)
        more.addStretch(1)
        more.addWidget(self.clear)
        self.more.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.more)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.sig_filter_changed)
        self.search.textChanged.connect(self._timer.start)
        self.asal.textChanged.connect(self._timer.start)
        self.kka.textChanged.connect(self._timer.start)
        self.toggle.toggled.connect(self.more.setVisible)
        self.overdue.toggled.connect(self.sig_filter_changed)
        for combo in (self.jenis, self.sifat, self.urgensi, self.status):
            combo.currentIndexChanged.connect(self.sig_filter_changed)
        self.use_dates.toggled.connect(self._on_dates_toggled)
        self.date_from.dateChanged.connect(self._on_date_changed)
        self.date_to.dateChanged.connect(self._on_date_changed)
        self.clear.clicked.connect(self.reset)

    # -- public API ---------------------------------------------------------------------------

    def values(self) -> ListFilter:
        """The filters as set now."""
        dates = self.use_dates.isChecked()
        return ListFilter(
            text=self.search.text().strip(),
            jenis=str(self.jenis.currentData() or ""),
            sifat=str(self.sifat.currentData() or ""),
            urgensi=str(self.urgensi.currentData() or ""),
            status=str(self.status.currentData() or ""),
            asal=self.asal.text().strip(),
            kka=self.kka.text().strip(),
            date_from=self.date_from.date().toPython() if dates else None,  # type: ignore[arg-type]
            date_to=self.date_to.date().toPython() if dates else None,  # type: ignore[arg-type]
            overdue_only=self.overdue.isChecked(),
        )

    def reset(self) -> None:
        """Clear every filter (one change signal)."""
        widgets = (
            self.search,
            self.asal,
            self.kka,
            self.overdue,
            self.jenis,
            self.sifat,
            self.urgensi,
            self.status,
            self.use_dates,
        )
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        self.asal.clear()
        self.kka.clear()
        self.overdue.setChecked(False)
        for combo in (self.jenis, self.sifat, self.urgensi, self.status):
            combo.setCurrentIndex(0)
        self.use_dates.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        for w in widgets:
            w.blockSignals(False)
        self.sig_filter_changed.emit()

    def set_count(self, text: str) -> None:
        """The "123 letters" text at the right."""
        self.count_label.setText(text)

    # -- slots --------------------------------------------------------------------------------

    def _on_dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.sig_filter_changed.emit()

    def _on_date_changed(self) -> None:
        if self.use_dates.isChecked():
            self.sig_filter_changed.emit()

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _text(placeholder: str, width: int) -> QLineEdit:
        field = QLineEdit()
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(placeholder)
        field.setClearButtonEnabled(True)
        field.setMaximumWidth(width + 120)
        field.setMinimumWidth(width)
        return field

    def _combo(self, any_text: str, items: Sequence[tuple[str, str]], name: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(any_text, "")
        for key, text in items:
            combo.addItem(text, key)
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _date(self, value: QDate, name: str) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setAccessibleName(name)
        return edit
