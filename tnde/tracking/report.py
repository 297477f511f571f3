"""The printable tracking report, "Laporan Pemantauan Disposisi", as PDF.

A4 landscape: the office's kop (when a profile is given), the title, the filters and the
time the report was made, counters by status, a weekly bar chart of dispositions opened and
completed, then one ruled row per recipient. The table header repeats on every page, and
overdue rows are shaded light red and marked "Terlambat". Every page ends with
"Halaman n dari m".

Only the bundled fonts are used, so every font is embedded; the same report gives the same
bytes (the PDF's dates come from :attr:`TrackingReport.generated_at`, its ID from the input).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import math
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table

from tnde import __version__
from tnde.errors import RenderError
from tnde.formatting import EN_DASH, MONTHS_ID, format_tanggal
from tnde.messages import _
from tnde.profiles import load_profile
from tnde.render.blocks.kop import KopFlowable
from tnde.render.fonts import FontSet, font_set
from tnde.render.reportdoc import GREY, HEAD_FILL, INK, RULE, NumberedCanvas, ReportDoc
from tnde.tracking.model import STATUS_LABELS, summarize

if TYPE_CHECKING:
    import datetime as dt

    from reportlab.graphics.shapes import Drawing

    from tnde.tracking.model import TrackingReport, TrackingRow, TrackingSummary

__all__ = ["render_tracking_report"]

log = logging.getLogger(__name__)

_PAGE = landscape(A4)
_MARGIN_TOP = 14 * mm

_LATE_FILL = colors.HexColor("#fbe1e1")
_LATE_HEX = "#a61b1b"
_LATE_INK = colors.HexColor(_LATE_HEX)
_OPENED = colors.HexColor("#35618f")
_COMPLETED = colors.HexColor("#7fa86b")

#: Indonesian names of the zones of the three Indonesian time bands.
_ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
_DEFAULT_ZONE = "Asia/Jakarta"

#: Column titles and widths (mm) of the table; the widths fill 267 mm of landscape A4.
_COLUMNS: tuple[tuple[str, float], ...] = (
    ("No.", 8),
    ("No. Agenda", 26),
    ("Diterima", 19),
    ("Asal Surat", 32),
    ("Hal", 46),
    ("Urgensi", 16),
    ("Penerima Disposisi", 33),
    ("Status", 19),
    ("Disposisi", 19),
    ("Batas Waktu", 19),
    ("Selesai", 19),
    ("Umur (hari kerja)", 11),
)
_TEXT_LIMIT = 240  # longer asal/hal are shortened: a table row may not outgrow a page


def render_tracking_report(report: TrackingReport, *, profile_id: str | None = None) -> bytes:
    """Lay out ``report`` as a PDF and return its bytes.

    Args:
        report: what to print.
        profile_id: an office profile; its kop heads page 1 and its time zone is used for
            the times printed. Without one, there is no kop and times are WIB.

    Raises:
        ProfileError: ``profile_id`` names no valid profile.
        RenderError: the layout cannot be made (for example an unreadable logo).
    """

    fonts = font_set("sans")
    profile = load_profile(profile_id) if profile_id else None
    zone_name = profile.timezone if profile else _DEFAULT_ZONE
    layout = _Layout(fonts, ZoneInfo(zone_name), _ZONE_NAMES.get(zone_name, ""))

    story: list[Any] = []
    if profile is not None:
        story += [KopFlowable(profile.kop, fonts), Spacer(0, 3 * mm)]
    story += layout.heading(report)
    story += [Spacer(0, 4 * mm), layout.overview(report), Spacer(0, 5 * mm)]
    story += [Paragraph("Rincian Disposisi", layout.section), Spacer(0, 1.5 * mm)]
    story.append(layout.table(report.rows))

    buffer = io.BytesIO()
    doc = ReportDoc(
        buffer,
        pagesize=_PAGE,
        top_margin=_MARGIN_TOP,
        fonts=fonts,
        created=report.generated_at,
        document_id=bytes.fromhex(_input_digest(report, profile_id)),
        footer=f"{report.title} {EN_DASH} {report.unit}",
        title=report.title,
        author=report.unit,
        subject="Laporan pemantauan disposisi",
        creator=f"TNDE Desktop {__version__}",
        producer=f"TNDE Desktop {__version__} (reportlab)",
    )
    try:
        doc.build(story, canvasmaker=NumberedCanvas)
    except Exception as exc:
        log.debug("tracking report layout failed", exc_info=True)
        raise RenderError(_("cannot lay out the tracking report: {exc}", exc=exc)) from exc
    return buffer.getvalue()


def _input_digest(report: TrackingReport, profile_id: str | None) -> str:
    """SHA-256 of everything that decides the output; seeds the PDF's document ID."""
    canonical = json.dumps(
        {"report": dataclasses.asdict(report), "profile": profile_id, "version": __version__},
        sort_keys=True,
        default=lambda value: value.isoformat(),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _Layout:
    """Styles and flowable builders of one report."""

    def __init__(self, fonts: FontSet, zone: ZoneInfo, zone_abbr: str) -> None:
        self.fonts = fonts
        self.zone = zone
        self.zone_abbr = zone_abbr
        base = ParagraphStyle("base", fontName=fonts.regular, fontSize=9, leading=11.5)
        base.textColor = INK
        self.title = ParagraphStyle(
            "title", base, fontName=fonts.bold, fontSize=14, leading=17, alignment=TA_CENTER
        )
        self.subtitle = ParagraphStyle(
            "subtitle", base, fontSize=11, leading=14, alignment=TA_CENTER
        )
        self.section = ParagraphStyle("section", base, fontName=fonts.bold, fontSize=10)
        self.label = ParagraphStyle("label", base)
        self.cell = ParagraphStyle("cell", base, fontSize=7.5, leading=9)
        self.head = ParagraphStyle(
            "head", self.cell, fontName=fonts.bold, alignment=TA_CENTER, textColor=INK
        )
        self.number = ParagraphStyle("number", self.cell, alignment=TA_RIGHT)
        self.centre = ParagraphStyle("centre", self.cell, alignment=TA_CENTER)

    # -- header -------------------------------------------------------------------------------

    def heading(self, report: TrackingReport) -> list[Any]:
        """Title and unit, centred."""
        return [
            Paragraph(escape(report.title.upper()), self.title),
            Spacer(0, 1 * mm),
            Paragraph(escape(report.unit), self.subtitle),
        ]

    def overview(self, report: TrackingReport) -> Table:
        """Filters and counters on the left, the weekly chart on the right."""
        left_w, right_w = 128 * mm, 139 * mm
        left = [
            self._filters(report, left_w),
            Spacer(0, 4 * mm),
            self._summary(summarize(report.rows), left_w),
        ]
        side = Table([[left, self._chart(report, right_w)]], colWidths=(left_w, right_w))
        side.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), self.fonts.regular, 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        return side

    def _filters(self, report: TrackingReport, width: float) -> Table:
        made = self.when(report.generated_at, sep=" pukul ")
        lines = [*report.filters, ("Dibuat", made)]
        data = [
            [Paragraph(escape(label), self.label), ":", Paragraph(escape(value), self.label)]
            for label, value in lines
        ]
        table = Table(data, colWidths=(30 * mm, 4 * mm, width - 34 * mm))
        table.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), self.fonts.regular, 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8),
            ]
        )
        return table

    def _summary(self, s: TrackingSummary, width: float) -> Table:
        counts = (
            ("Jumlah", s.total),
            ("Belum dibaca", s.belum_dibaca),
            ("Dibaca", s.dibaca),
            ("Dalam proses", s.dalam_proses),
            ("Selesai", s.selesai),
            ("Dibatalkan", s.dibatalkan),
            ("Terlambat", s.terlambat),
        )
        table = Table(
            [[str(n) for _, n in counts], [label for label, _ in counts]],
            colWidths=[width / len(counts)] * len(counts),
        )
        late = len(counts) - 1
        table.setStyle(
            [
                ("FONT", (0, 0), (-1, 0), self.fonts.bold, 15),
                ("FONT", (0, 1), (-1, 1), self.fonts.regular, 7.5),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("TEXTCOLOR", (late, 0), (late, -1), _LATE_INK),
                ("BACKGROUND", (late, 0), (late, -1), _LATE_FILL if s.terlambat else None),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 5),
                ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE),
            ]
        )
        return table

    # -- chart --------------------------------------------------------------------------------

    def _chart(self, report: TrackingReport, width: float) -> Drawing:
        from reportlab.graphics.charts.barcharts import VerticalBarChart
        from reportlab.graphics.charts.legends import Legend
        from reportlab.graphics.shapes import Drawing, Rect, String

        height = 62 * mm
        drawing = Drawing(width, height)
        # The renderer starts every drawing in Helvetica (unembedded) unless told otherwise.
        drawing.initialFontName = self.fonts.regular
        drawing.add(Rect(0, 0, width, height, strokeColor=RULE, strokeWidth=0.8, fillColor=None))
        title = "Disposisi dibuka dan diselesaikan per minggu"
        drawing.add(
            String(8, height - 14, title, fontName=self.fonts.bold, fontSize=8.5, fillColor=INK)
        )
        weeks = report.weeks
        if not weeks:
            note = "Belum ada data mingguan"
            drawing.add(_note(width / 2, height / 2, note, self.fonts.italic, 8.5))
            return drawing

        chart = VerticalBarChart()
        chart.x, chart.y = 30, 30
        chart.width, chart.height = width - 42, height - 66
        chart.data = [[w.opened for w in weeks], [w.completed for w in weeks]]
        chart.bars[0].fillColor = _OPENED
        chart.bars[1].fillColor = _COMPLETED
        chart.bars.strokeColor = None
        chart.barSpacing = 0.5
        chart.groupSpacing = 4 if len(weeks) < 10 else 2

        top = max(max(w.opened, w.completed) for w in weeks)
        step = _nice_step(top)
        chart.valueAxis.valueMin = 0
        chart.valueAxis.valueMax = max(step, math.ceil(top / step) * step)
        chart.valueAxis.valueStep = step
        chart.valueAxis.labelTextFormat = "%d"
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = colors.HexColor("#d5dae0")
        chart.valueAxis.gridStrokeWidth = 0.4
        chart.valueAxis.strokeColor = RULE
        chart.valueAxis.labels.fontName = self.fonts.regular
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.labels.fillColor = INK

        every = math.ceil(len(weeks) / 12)
        chart.categoryAxis.categoryNames = [
            _short_date(w.week_start) if i % every == 0 else "" for i, w in enumerate(weeks)
        ]
        chart.categoryAxis.strokeColor = RULE
        chart.categoryAxis.labels.fontName = self.fonts.regular
        chart.categoryAxis.labels.fontSize = 7
        chart.categoryAxis.labels.fillColor = INK
        chart.categoryAxis.labels.boxAnchor = "n"
        chart.categoryAxis.labels.dy = -3
        drawing.add(chart)

        note = "Minggu mulai (Senin)"
        drawing.add(_note(chart.x + chart.width / 2, 6, note, self.fonts.regular, 7))
        legend = Legend()
        legend.colorNamePairs = [(_OPENED, "Dibuka"), (_COMPLETED, "Diselesaikan")]
        legend.fontName = self.fonts.regular
        legend.fontSize = 7.5
        legend.fillColor = INK
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.dx = legend.dy = 7
        legend.deltax = 58
        legend.boxAnchor = "nw"
        legend.x, legend.y = 8, height - 20
        legend.strokeColor = None
        drawing.add(legend)
        return drawing

    # -- table --------------------------------------------------------------------------------

    def table(self, rows: tuple[TrackingRow, ...]) -> Table:
        """The ruled table; its header row repeats on every page."""
        data: list[list[Any]] = [[Paragraph(escape(title), self.head) for title, _ in _COLUMNS]]
        style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.fonts.regular, 7.5),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BOX", (0, 0), (-1, -1), 0.9, INK),
            ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        for number, row in enumerate(rows, start=1):
            data.append(self._row(number, row))
            if row.overdue:
                style.append(("BACKGROUND", (0, number), (-1, number), _LATE_FILL))
        if not rows:
            empty = "Tidak ada disposisi yang sesuai dengan filter."
            data.append([Paragraph(f"<i>{empty}</i>", self.centre)] + [""] * (len(_COLUMNS) - 1))
            style.append(("SPAN", (0, 1), (-1, 1)))
        table = Table(data, colWidths=[w * mm for _, w in _COLUMNS], repeatRows=1)
        table.setStyle(style)
        return table

    def _row(self, number: int, row: TrackingRow) -> list[Any]:
        cell, centre = self.cell, self.centre
        recipient = escape(row.recipient)
        if row.leading:
            recipient += " <i>(utama)</i>"
        status = escape(STATUS_LABELS[row.status])
        if row.overdue:
            status += f'<br/><font color="{_LATE_HEX}" name="{self.fonts.bold}">Terlambat</font>'
        completed = EN_DASH if row.completed_at is None else self.when(row.completed_at)
        return [
            Paragraph(str(number), self.number),
            Paragraph(escape(row.agenda), cell),
            Paragraph(format_tanggal(row.diterima), cell),
            Paragraph(escape(_shorten(row.asal)), cell),
            Paragraph(escape(_shorten(row.hal)), cell),
            Paragraph(escape(row.urgensi), cell),
            Paragraph(recipient, cell),
            Paragraph(status, cell),
            Paragraph(self.when(row.given_at), cell),
            Paragraph(self.when(row.due_at), cell),
            Paragraph(completed, centre if row.completed_at is None else cell),
            Paragraph(str(row.aging_days), self.number),
        ]

    def when(self, moment: dt.datetime, *, sep: str = "<br/>") -> str:
        """``5 Juli 2026<br/>14.30 WIB`` in the office zone (the hour as Indonesians write it)."""
        local = moment.astimezone(self.zone)
        clock = f"{local:%H.%M}"
        if self.zone_abbr:
            clock += f" {self.zone_abbr}"
        return f"{format_tanggal(local.date())}{sep}{clock}"


def _note(x: float, y: float, text: str, font: str, size: float) -> Any:
    """A grey, centred line of text in a chart."""
    from reportlab.graphics.shapes import String

    return String(x, y, text, fontName=font, fontSize=size, fillColor=GREY, textAnchor="middle")


def _nice_step(top: int) -> int:
    """A whole-number axis step giving at most about six gridlines up to ``top``."""
    rough = max(1, top) / 6
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if step >= rough:
            return step
    return int(10 ** math.ceil(math.log10(rough)))


def _short_date(d: dt.date) -> str:
    """``3 Agu``: a week label on the chart."""
    return f"{d.day} {MONTHS_ID[d.month - 1][:3]}"


def _shorten(text: str) -> str:
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1].rstrip() + "\u2026"
