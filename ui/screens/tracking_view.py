"""Tracking (pemantauan disposisi): every disposition of a unit with its aging in working
days, overdue ones marked, the unit's counters, and export as CSV or as the printable report
(:mod:`tnde.tracking`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tnde.incoming import URGENSI
from tnde.tracking import TrackingFilter
from ui.errors import show_status
from ui.icons import icon
from ui.labels import disposition_status_label
from ui.models.letter_list import format_when
from ui.models.paged import Column, PagedTableModel
from ui.widgets.filter_bar import FilterBar
from ui.widgets.queue_view import QueueView
from ui.workers import Op, QueryOp

if TYPE_CHECKING:
    from tnde.tracking import ExportKind, TrackingRow
    from ui.services import Services

translate = QCoreApplication.translate

__all__ = ["TrackingModel", "TrackingView"]


class TrackingModel(PagedTableModel):
    """A unit's dispositions, most urgent due date first (:func:`tnde.tracking.queries.track`)."""

    stretch_column = 3

    columns = (
        Column(lambda: translate("Tracking", "Agenda"), "", 80),
        Column(lambda: translate("Tracking", "Received"), "", 90),
        Column(lambda: translate("Tracking", "From"), "", 200),
        Column(lambda: translate("Tracking", "Subject"), "", 260),
        Column(lambda: translate("Tracking", "Recipient"), "", 220),
        Column(lambda: translate("Tracking", "Status"), "", 110),
        Column(lambda: translate("Tracking", "Due"), "", 120),
        Column(lambda: translate("Tracking", "Age (days)"), "", 110),
    )

    def __init__(self, services: Services, parent: Any = None) -> None:
        super().__init__(parent)
        self.services = services
        self.filter: TrackingFilter | None = None

    def fetch_page(self, offset: int, limit: int) -> list[Any]:
        if self.filter is None:
            return []
        return self.services.tracking.rows(self.filter, limit=limit, offset=offset)

    def row_key(self, row: TrackingRow) -> str:
        return f"{row.agenda}|{row.recipient}|{row.given_at.isoformat()}"

    def cell(self, row: TrackingRow, column: int) -> str:
        lead = translate("Tracking", " (lead)") if row.leading else ""
        values = (
            row.agenda,
            row.diterima.strftime("%d/%m/%Y"),
            row.asal,
            row.hal,
            row.recipient + lead,
            disposition_status_label(row.status),
            format_when(row.due_at, self.services),
            str(row.aging_days),
        )
        return values[column] if 0 <= column < len(values) else ""


class TrackingView(QWidget):
    """Tracking of one unit, with counters and export."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = TrackingModel(services, self)
        self.unit = QComboBox()
        self.unit.setAccessibleName(self.tr("Unit"))
        for u in services.org().units:
            self.unit.addItem(u.nama, u.unit_id)
        self.unit.setCurrentIndex(
            max(0, self.unit.findData(services.tracking.busiest_unit(services.unit_id())))
        )
        self.filters = FilterBar(
            statuses=[
                (s, disposition_status_label(s))
                for s in ("terkirim", "dibaca", "dalam_proses", "selesai", "dibatalkan")
            ],
            urgensi=URGENSI,
            sender_and_kka=True,
        )
        self.filters.use_dates.setText(self.tr("Due"))
        self.counters = QLabel()
        self.counters.setObjectName("counters")
        self.counters.setWordWrap(True)
        self.export_csv = QPushButton(icon("export"), self.tr("Export CSV…"))
        self.export_pdf = QPushButton(icon("document"), self.tr("Print report (PDF)…"))
        top = QHBoxLayout()
        unit_label = QLabel(self.tr("Unit:"))
        unit_label.setBuddy(self.unit)
        top.addWidget(unit_label)
        top.addWidget(self.unit, 1)
        top.addStretch(1)
        top.addWidget(self.export_csv)
        top.addWidget(self.export_pdf)
        self.list = QueueView(
            self.model,
            self.filters,
            name=self.tr("Tracking"),
            empty_text=self.tr("No dispositions match."),
        )
        self.list.table.setSortingEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 0)
        layout.addLayout(top)
        layout.addWidget(self.counters)
        layout.addWidget(self.list, 1)

        self.unit.currentIndexChanged.connect(self.refresh)
        self.filters.sig_filter_changed.connect(self.refresh)
        self.export_csv.clicked.connect(self._on_export_csv)
        self.export_pdf.clicked.connect(self._on_export_pdf)

    # -- public API ---------------------------------------------------------------------------

    def current_filter(self) -> TrackingFilter:
        """The tracking filter as set on screen."""

        v = self.filters.values()
        zone = self.services.letters.zone
        start = dt.datetime.combine(v.date_from, dt.time(0), zone) if v.date_from else None
        end = (
            dt.datetime.combine(v.date_to + dt.timedelta(days=1), dt.time(0), zone)
            if v.date_to
            else None
        )
        return TrackingFilter(
            unit_id=str(self.unit.currentData() or ""),
            statuses=(v.status,) if v.status else (),
            due_from=start,
            due_to=end,
            urgensi=v.urgensi,
            asal=v.asal,
            kka=v.kka,
            text=v.text,
            overdue_only=v.overdue_only,
        )

    def refresh(self) -> None:
        """Query again with the current filter, and the counters."""

        self.model.filter = self.current_filter()
        self.model.reload()
        s = self.services
        unit = self.model.filter.unit_id
        QueryOp(self, lambda: s.tracking.unit_counters(unit)).success(self._on_counted).run()

    # -- slots --------------------------------------------------------------------------------

    def _on_counted(self, c: Any) -> None:
        parts = (
            (self.tr("Unread"), c.disposisi_belum_dibaca),
            (self.tr("Not finished"), c.disposisi_belum_selesai),
            (self.tr("Overdue"), c.terlambat),
            (self.tr("Incoming not yet read"), c.masuk_belum_dibaca),
            (self.tr("Read, not yet disposed"), c.masuk_belum_didisposisi),
        )
        self.counters.setText("   ".join(f"{label}: <b>{n}</b>" for label, n in parts))

    def _on_export_csv(self) -> None:
        path = self._ask_path(
            self.tr("Export tracking as CSV"),
            "pemantauan-disposisi.csv",
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.export_to(path, "csv")

    def _on_export_pdf(self) -> None:
        path = self._ask_path(
            self.tr("Save tracking report"), "laporan-pemantauan.pdf", self.tr("PDF files (*.pdf)")
        )
        if path:
            self.export_to(path, "pdf")

    # -- helpers ------------------------------------------------------------------------------

    def export_to(self, path: str, kind: ExportKind) -> Op:
        """Write every matching row to ``path`` as ``csv`` or ``pdf`` (in the write pool)."""
        flt = self.current_filter()
        tracking = self.services.tracking

        def work() -> int:
            return tracking.export(flt, Path(path), kind)

        return (
            Op(self, work)
            .with_progress(self.tr("Exporting…"))
            .success(
                lambda n: show_status(
                    self, self.tr("%n row(s) written to %1", "", n).replace("%1", path)
                )
            )
            .run()
        )

    def _ask_path(self, title: str, name: str, pattern: str) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(self, title, f"{folder}/{name}", pattern)
        return path
