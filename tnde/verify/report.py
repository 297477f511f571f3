"""The printable "Berita Acara Verifikasi Tanda Tangan Elektronik" as PDF.

A4 portrait, Indonesian, in the bundled fonts (as the tracking report, tnde.tracking.report,
whose page-numbering canvas it reuses): an opening statement with the day, date and time of
the verification, the tool and the trust roots used; a summary table of the files; then one
section per file with its verdict and reasons, and per signature the signer's identity, the
times, the PAdES level, chain, revocation, coverage and later changes, beside an image of the
page as it was signed (:mod:`tnde.verify.snapshot`). It ends with the closing formula and a
blank signature block for the examiner.

The NIK is printed masked (``3201********0001``): a printed report travels further than the
JSON. The images prove nothing by themselves; the report says so.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from tnde.datafile import read_input
from tnde.errors import DataFileError, RenderError
from tnde.formatting import EN_DASH, format_nip, format_tanggal, hari
from tnde.messages import _
from tnde.render.fonts import FontSet, font_set
from tnde.render.reportdoc import GREY, HEAD_FILL, INK, MARGIN_X, RULE, NumberedCanvas
from tnde.verify.jsonout import run_json
from tnde.verify.model import Verdict
from tnde.verify.reportdoc import berita_acara_doc
from tnde.verify.snapshot import signed_page_png

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from tnde.verify.model import FileReport, SignatureReport, VerificationRun

__all__ = ["render_report"]

log = logging.getLogger(__name__)

_WIDTH = A4[0] - 2 * MARGIN_X
_VERDICT_COLOURS = {
    Verdict.VALID: ("#1e6b34", "#e2f2e5"),
    Verdict.INVALID: ("#a61b1b", "#fbe1e1"),
    Verdict.INDETERMINATE: ("#8a5a00", "#fdf0d5"),
}
_ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
_COVERAGE = {
    "ENTIRE_FILE": "seluruh berkas",
    "ENTIRE_REVISION": "seluruh revisi yang ditandatangani (ada pembaruan sesudahnya)",
    "CONTIGUOUS_BLOCK_FROM_START": "sebagian berkas (tidak sampai akhir revisi)",
    "UNCLEAR": "tidak jelas",
}
_REVOCATION = {
    "good": "tidak dicabut",
    "revoked": "DICABUT",
    "unknown": "tidak dapat dipastikan",
    "not_checked": "tidak diperiksa",
}
_IMAGE_WIDTH = 54 * mm


def render_report(
    run: VerificationRun,
    *,
    load: Callable[[FileReport], bytes | None] | None = None,
    timezone: str = "Asia/Jakarta",
    max_images: int = 200,
) -> bytes:
    """Lay out the Berita Acara for ``run`` and return the PDF bytes.

    Args:
        run: the verification results.
        load: gives the bytes of a verified file, for the page images; by default the file
            is read again from :attr:`FileReport.path` and used only if its SHA-256 still
            matches. Return ``None`` to leave a file's images out.
        timezone: the zone in which times are printed (WIB by default).
        max_images: stop adding page images after this many (a batch of thousands of files
            would otherwise make a report of hundreds of megabytes).

    Raises:
        RenderError: the layout cannot be made.
    """
    fonts = font_set("sans")
    layout = _Layout(fonts, ZoneInfo(timezone), _ZONE_NAMES.get(timezone, ""))
    loader = load or _read_back
    story: list[Any] = [*layout.opening(run), *layout.summary(run)]
    images_left, capped = max_images, False
    for number, report in enumerate(run.files, 1):
        data = None
        if report.signatures and images_left > 0:
            data = loader(report)
            images_left -= len(report.signatures)
        elif report.signatures:
            capped = True
        story += layout.file_section(number, report, data)
    story += layout.closing(run, capped)
    buffer = io.BytesIO()
    digest = hashlib.sha256(json.dumps(run_json(run), sort_keys=True).encode()).digest()
    doc = berita_acara_doc(buffer, fonts=fonts, created=run.verified_at, document_id=digest)
    try:
        doc.build(story, canvasmaker=NumberedCanvas)
    except Exception as exc:
        log.debug("verification report layout failed", exc_info=True)
        raise RenderError(_("cannot lay out the verification report: {exc}", exc=exc)) from exc
    return buffer.getvalue()


def _read_back(report: FileReport) -> bytes | None:
    """The verified file again, if it is still the same bytes."""
    try:
        data = read_input(report.path)
    except DataFileError:
        return None
    return data if hashlib.sha256(data).hexdigest() == report.sha256 else None


class _Layout:
    """Styles and flowables of one report."""

    def __init__(self, fonts: FontSet, zone: ZoneInfo, zone_abbr: str) -> None:
        self.fonts = fonts
        self.zone = zone
        self.zone_abbr = zone_abbr
        base = ParagraphStyle("base", fontName=fonts.regular, fontSize=9.5, leading=12.5)
        base.textColor = INK
        self.body = ParagraphStyle("body", base, alignment=TA_JUSTIFY)
        self.title = ParagraphStyle(
            "title", base, fontName=fonts.bold, fontSize=13, leading=16, alignment=TA_CENTER
        )
        self.subtitle = ParagraphStyle("subtitle", base, alignment=TA_CENTER, textColor=GREY)
        self.section = ParagraphStyle(
            "section", base, fontName=fonts.bold, fontSize=11, leading=14, spaceBefore=4
        )
        self.cell = ParagraphStyle("cell", base, fontSize=8, leading=10)
        self.label = ParagraphStyle("label", self.cell, textColor=GREY)
        self.head = ParagraphStyle("head", self.cell, fontName=fonts.bold, alignment=TA_CENTER)
        self.small = ParagraphStyle("small", base, fontSize=7.5, leading=9.5, textColor=GREY)
        self.centre = ParagraphStyle("centre", base, alignment=TA_CENTER)

    # -- opening and summary ------------------------------------------------------------------

    def opening(self, run: VerificationRun) -> list[Any]:
        local = run.verified_at.astimezone(self.zone)
        when = f"{hari(local.date())}, {format_tanggal(local.date())}, pukul {self.clock(local)}"
        count = len(run.files)
        text = (
            f"Pada hari ini, {escape(when)}, telah dilakukan verifikasi tanda tangan elektronik "
            f"atas {count} berkas PDF secara luring (tanpa koneksi jaringan), hanya dengan "
            "akar tepercaya di bawah ini dan data validasi yang tertanam di dalam berkas, "
            "dengan hasil sebagaimana diuraikan dalam berita acara ini."
        )
        roots = (
            "<br/>".join(
                f"{escape(r.subject)}<br/><font size=7 color='#5f6b76'>SHA-256 "
                f"{_grouped(r.sha256_fingerprint)}</font>"
                for r in run.trust_roots
            )
            or "<i>(tidak ada)</i>"
        )
        facts = [
            ("Waktu verifikasi", escape(when)),
            ("Perangkat lunak", f"TNDE Desktop {escape(run.tool_version)} (pyHanko)"),
            ("Mode", "luring; tidak ada pengambilan data dari jaringan"),
            ("Akar tepercaya", roots),
        ]
        return [
            Paragraph("BERITA ACARA VERIFIKASI", self.title),
            Paragraph("TANDA TANGAN ELEKTRONIK PADA DOKUMEN PDF", self.title),
            Spacer(0, 5 * mm),
            Paragraph(text, self.body),
            Spacer(0, 3 * mm),
            self.facts(facts, label_width=32 * mm),
            Spacer(0, 4 * mm),
        ]

    def summary(self, run: VerificationRun) -> list[Any]:
        counts = run.counts()
        totals = "; ".join(f"{v.label}: {counts[v.value]}" for v in Verdict)
        rows: list[list[Any]] = [
            [Paragraph(t, self.head) for t in ("No.", "Berkas", "SHA-256", "TTE", "Hasil")]
        ]
        style: list[tuple[Any, ...]] = []
        for number, report in enumerate(run.files, 1):
            signed = sum(1 for s in report.signatures if s.kind == "signature")
            rows.append(
                [
                    Paragraph(str(number), self.cell),
                    Paragraph(escape(Path(report.path).name or report.path), self.cell),
                    Paragraph(report.sha256[:16] + "…", self.cell),
                    Paragraph(str(signed), self.cell),
                    Paragraph(self.verdict_text(report.verdict), self.cell),
                ]
            )
            style.append(("BACKGROUND", (4, number), (4, number), _fill(report.verdict)))
        table = self.grid(rows, (10 * mm, 82 * mm, 38 * mm, 12 * mm, 38 * mm), style)
        return [
            Paragraph("Ringkasan", self.section),
            Paragraph(f"Jumlah berkas: {len(run.files)} ({escape(totals)}).", self.body),
            Spacer(0, 2 * mm),
            table,
        ]

    # -- one file -------------------------------------------------------------------------------

    def file_section(self, number: int, report: FileReport, data: bytes | None) -> list[Any]:
        name = Path(report.path).name or report.path
        facts = [
            ("Berkas", escape(report.path)),
            ("SHA-256", _grouped(report.sha256)),
            ("Ukuran", f"{report.size:,} byte".replace(",", ".")),
            ("Revisi", str(report.revisions) if report.revisions else EN_DASH),
            ("Hasil", self.verdict_text(report.verdict, big=True)),
        ]
        if report.certification_level is not None:
            facts.insert(4, ("Sertifikasi", f"DocMDP P={report.certification_level}"))
        if report.reasons:
            facts.append(("Alasan", _bullets(report.reasons)))
        if report.notes:
            facts.append(("Catatan", _bullets(report.notes)))
        if report.records:
            facts.append(("Catatan arsip", _bullets(report.records)))
        head: list[Any] = [
            Paragraph(f"Berkas {number}: {escape(name)}", self.section),
            Spacer(0, 1.5 * mm),
            self.facts(facts, label_width=28 * mm),
            Spacer(0, 3 * mm),
        ]
        blocks = [self.signature_block(sig, data) for sig in report.signatures]
        # The file's heading stays with its first signature rather than ending a page alone.
        story: list[Any] = [CondPageBreak(40 * mm), KeepTogether(head + blocks[:1])]
        return story + blocks[1:]

    def signature_block(self, sig: SignatureReport, data: bytes | None) -> Any:
        title = (
            f"Tanda tangan #{sig.index} (kolom '{escape(sig.field)}')"
            if sig.kind == "signature"
            else f"Cap waktu dokumen #{sig.index}"
        )
        details_width = _WIDTH - _IMAGE_WIDTH - 8 * mm
        details = self.facts(
            self.signature_facts(sig), label_width=28 * mm, width=details_width - 2 * mm
        )
        picture = self.picture(sig, data)
        table = Table([[details, picture]], colWidths=(details_width, _WIDTH - details_width))
        table.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), self.fonts.regular, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ]
        )
        heading = Paragraph(title, ParagraphStyle("sig", self.cell, fontName=self.fonts.bold))
        return KeepTogether([heading, Spacer(0, 1 * mm), table, Spacer(0, 3 * mm)])

    def signature_facts(self, sig: SignatureReport) -> list[tuple[str, str]]:
        """Label/value rows, grouped so that two signatures fit on a page."""
        out: list[tuple[str, str]] = [("Hasil", self.verdict_text(sig.verdict))]
        if sig.reasons:
            out.append(("Alasan", _bullets(sig.reasons)))
        who = sig.signer
        if who is not None:
            lines = [f"<b>{escape(who.nama or '(tanpa nama)')}</b>"]
            ids = []
            if who.nip:
                ids.append(f"NIP {escape(_nip(who.nip))}")
            if who.nik:
                ids.append(f"NIK {escape(_masked(who.nik))}")
            lines += [" · ".join(ids)] if ids else []
            lines += [escape(p) for p in (who.jabatan, who.unit, who.organisasi) if p]
            out.append(("Penanda tangan", "<br/>".join(lines)))
            issuer = ", ".join(p for p in (who.issuer_cn, who.issuer_org) if p)
            validity = f"berlaku {self.when(who.not_before)} s.d. {self.when(who.not_after)}"
            out.append(("Sertifikat", f"{escape(issuer)}<br/>{validity}"))
        times = []
        if sig.timestamp is not None:
            ts = sig.timestamp
            trust = "" if ts.trusted and ts.intact else " <b>(tidak tepercaya)</b>"
            times.append(f"cap waktu {self.when(ts.time)} oleh {escape(ts.tsa)}{trust}")
        if sig.claimed_time is not None:
            times.append(f"diklaim (/M) {self.when(sig.claimed_time)}, bukan bukti")
        if times:
            out.append(("Waktu", "<br/>".join(times)))
        if sig.kind == "signature":
            kind = (
                f"sertifikasi (DocMDP P={sig.certification})"
                if sig.certification is not None
                else "persetujuan"
            )
            if sig.field_lock:
                kind += f"; {escape(sig.field_lock)}"
            out.append(("Jenis; tingkat", f"{kind}; PAdES {escape(sig.pades_level or EN_DASH)}"))
        if sig.chain:
            out.append(("Rantai sertifikat", " → ".join(escape(c) for c in sig.chain)))
        if sig.kind == "signature":
            revocation = _REVOCATION.get(sig.revocation, sig.revocation)
            if sig.revocation_source:
                revocation += f" (data: {sig.revocation_source})"
            if sig.revocation_evidence:
                revocation += "<br/>" + _bullets(sig.revocation_evidence)
            out.append(("Status pencabutan", revocation))
        coverage = _COVERAGE.get(sig.coverage or "", sig.coverage or EN_DASH)
        out.append(("Cakupan", f"revisi ke-{sig.revision + 1}: {coverage}"))
        later = list(sig.notes) + list(sig.changes)
        if later:
            out.append(("Sesudah itu", _bullets(later)))
        return out

    def picture(self, sig: SignatureReport, data: bytes | None) -> Any:
        if data is None or sig.signed_end <= 0:
            return Paragraph("<i>Gambar halaman tidak disertakan.</i>", self.small)

        try:
            png = signed_page_png(data, sig.signed_end, sig.page)
        except Exception:
            log.debug("cannot render the signed revision", exc_info=True)
            return Paragraph("<i>Halaman revisi ini tidak dapat digambar.</i>", self.small)
        image = Image(io.BytesIO(png))
        ratio = image.imageHeight / image.imageWidth
        image.drawWidth, image.drawHeight = _IMAGE_WIDTH, _IMAGE_WIDTH * ratio
        caption = (
            f"Halaman {sig.page or 1} sebagaimana ditandatangani (revisi ke-{sig.revision + 1})"
        )
        frame = Table([[image], [Paragraph(caption, self.small)]], colWidths=(_IMAGE_WIDTH + 4,))
        frame.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), self.fonts.regular, 8),
                ("BOX", (0, 0), (0, 0), 0.6, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
            ]
        )
        return frame

    # -- closing --------------------------------------------------------------------------------

    def closing(self, run: VerificationRun, images_capped: bool) -> list[Any]:
        local = run.verified_at.astimezone(self.zone)
        notes = [
            "SAH: tanda tangan utuh, sertifikat berantai ke akar tepercaya dan tidak dicabut, "
            "dan tidak ada perubahan terlarang sesudahnya. TIDAK SAH: terbukti rusak, diubah "
            "secara terlarang, dicabut, atau cap waktunya rusak. TIDAK DAPAT DIPASTIKAN: tidak "
            "terbukti rusak, tetapi keabsahannya tidak dapat dipastikan secara luring (misalnya "
            "akar tidak tepercaya atau tidak ada data status pencabutan).",
            "Gambar halaman hanya menunjukkan isi revisi yang ditandatangani; tampilan tanda "
            "tangan pada halaman bukan bukti keabsahan.",
        ]
        if images_capped:
            notes.append(
                "Gambar halaman dibatasi jumlahnya untuk pemeriksaan berkas dalam jumlah besar."
            )
        signature = Table(
            [
                [Paragraph(f"{escape(format_tanggal(local.date()))}", self.centre)],
                [Paragraph("Pemeriksa,", self.centre)],
                [Spacer(0, 18 * mm)],
                [Paragraph("(.......................................)", self.centre)],
                [Paragraph("NIP. ..................................", self.centre)],
            ],
            colWidths=(70 * mm,),
        )
        signature.setStyle([("FONT", (0, 0), (-1, -1), self.fonts.regular, 9.5)])
        signature.hAlign = "RIGHT"
        return [
            CondPageBreak(70 * mm),
            Spacer(0, 4 * mm),
            Paragraph(
                "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan "
                "sebagaimana mestinya.",
                self.body,
            ),
            Spacer(0, 2 * mm),
            KeepTogether([signature]),
            Spacer(0, 4 * mm),
            *[Paragraph(escape(n), self.small) for n in notes],
        ]

    # -- building blocks ------------------------------------------------------------------------

    def facts(
        self, rows: list[tuple[str, str]], *, label_width: float, width: float = _WIDTH
    ) -> Table:
        data = [
            [Paragraph(label, self.label), Paragraph(value, self.cell)] for label, value in rows
        ]
        table = Table(data, colWidths=(label_width, width - label_width))
        table.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), self.fonts.regular, 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, HEAD_FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
        return table

    def grid(
        self, rows: list[list[Any]], widths: tuple[float, ...], extra: list[tuple[Any, ...]]
    ) -> Table:
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), self.fonts.regular, 8),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("BOX", (0, 0), (-1, -1), 0.9, INK),
                *extra,
            ]
        )
        return table

    def verdict_text(self, verdict: Verdict, *, big: bool = False) -> str:
        """The Indonesian verdict in bold and its colour, as paragraph markup."""
        ink = _VERDICT_COLOURS[verdict][0]
        size = 10 if big else 8
        return f"<font name='{self.fonts.bold}' color='{ink}' size='{size}'>{verdict.label}</font>"

    def when(self, moment: dt.datetime) -> str:
        local = moment.astimezone(self.zone)
        return f"{format_tanggal(local.date())} {self.clock(local)}"

    def clock(self, local: dt.datetime) -> str:
        text = f"{local:%H.%M.%S}"
        return f"{text} {self.zone_abbr}" if self.zone_abbr else text


def _fill(verdict: Verdict) -> Any:
    return colors.HexColor(_VERDICT_COLOURS[verdict][1])


def _bullets(items: Any) -> str:
    return "<br/>".join(f"• {escape(str(item))}" for item in items)


def _grouped(hex_digest: str) -> str:
    return " ".join(hex_digest[i : i + 8] for i in range(0, len(hex_digest), 8))


def _masked(nik: str) -> str:
    return nik[:4] + "*" * max(0, len(nik) - 8) + nik[-4:] if len(nik) > 8 else nik


def _nip(nip: str) -> str:
    try:
        return format_nip(nip)
    except Exception:  # noqa: BLE001 - not an 18-digit NIP: print it as written
        return nip
