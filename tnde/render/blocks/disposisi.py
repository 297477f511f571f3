"""The disposition sheet (Lembar Disposisi): a ruled form with tick boxes and the giver's
paraf, as the printed pemda form has it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from tnde.render.blocks.common import Flowables, blank_cells, para, space
from tnde.render.markup import inline
from tnde.templates.values import Signer

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

    from tnde.render.context import RenderContext

#: The keys the ``fields`` parameter names, in order (later keys are optional).
KEYS = (
    "surat_dari",
    "nomor_surat",
    "tanggal_surat",
    "diterima_tanggal",
    "nomor_agenda",
    "urgensi",
    "hal",
    "diteruskan_kepada",
    "instruksi",
    "catatan",
    "sifat",
    "batas_waktu",
    "pemberi",
)
_BOX = 2.6 * mm
#: Paper shorter than this (half a folio is 215 mm) gets the compact form.
COMPACT_BELOW_MM = 250


class TickBox(Flowable):  # type: ignore[misc]
    """A small square, crossed when ticked: drawn, so no font needs a ballot-box glyph."""

    def __init__(self, ticked: bool) -> None:
        super().__init__()
        self.ticked = ticked
        self.width = self.height = _BOX

    def draw(self) -> None:
        canvas: Any = self.canv
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, _BOX, _BOX, stroke=1, fill=0)
        if self.ticked:
            canvas.setLineWidth(0.9)
            canvas.line(0.5, 0.5, _BOX - 0.5, _BOX - 0.5)
            canvas.line(0.5, _BOX - 0.5, _BOX - 0.5, 0.5)


def _ticks(
    ctx: RenderContext, items: list[tuple[bool, str]], width: float, style: ParagraphStyle
) -> Table:
    """Tick boxes with their labels, one per row (spaced in proportion to the face)."""
    rows = [[TickBox(ticked), para(inline(text), style)] for ticked, text in items]
    scale = style.fontSize / ctx.styles.cell.fontSize
    table = Table(
        rows or [["", ""]], colWidths=[_BOX + 2 * mm, width - _BOX - 2 * mm], hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (0, -1), 2.5 * scale),
                ("TOPPADDING", (1, 0), (1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * scale),
            ]
        )
    )
    return table


def _choices(
    ctx: RenderContext,
    label: str,
    options: tuple[str, ...],
    chosen: str,
    width: float,
    style: ParagraphStyle,
) -> list[Any]:
    """A label and the options of a choice field, the chosen one ticked."""
    return [
        para(f"<b>{inline(label)}</b>", style),
        _ticks(ctx, [(o == chosen, o) for o in options], width, style),
    ]


def build_lembar_disposisi(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """The standard form: letter details, sifat and urgency, recipients, instructions,
    due date, note, and the giver's paraf and date.

    ``fields`` names the template fields in the order of :data:`KEYS`. The ``instruksi``
    parameter lists every instruction printed on the form; those chosen are ticked, so a
    blank form is just as useful printed.
    """
    field = dict(zip(KEYS, list(params.get("fields", [])), strict=False))

    def value(key: str) -> Any:
        return ctx.value(field[key]) if key in field else None

    def text(key: str) -> str:
        return ctx.display(value(key))

    # On half a folio the whole form must fit one sheet: a smaller face and tighter rows.
    compact = ctx.page_size_mm[1] < COMPACT_BELOW_MM
    cell = (
        para("", ctx.styles.cell, fontSize=8.5, leading=9.8).style if compact else ctx.styles.cell
    )
    pad = 2.0 if compact else 3.0
    half = ctx.frame_width / 2
    inner = half - 12

    def pair(label: str, key: str) -> Any:
        return para(f"{inline(label)}\u00a0: {inline(text(key))}", cell)

    chosen = set(value("instruksi") or ())
    # the office's own vocabulary when its profile has one, else the template's standard list
    options = list(ctx.profile.instructions or params.get("instruksi", [])) or sorted(chosen)
    extra = [c for c in sorted(chosen) if c not in options]
    recipients = [(True, r) for r in value("diteruskan_kepada") or ()]
    giver = value("pemberi")
    giver_text = ""
    if isinstance(giver, Signer):
        form = (
            f"{giver.delegasi.bentuk} " if giver.delegasi and not giver.delegasi.atas_nama else ""
        )
        giver_text = f"{form}{giver.person.jabatan}<br/>{inline(giver.person.nama)}"
    batas = text("batas_waktu") or "menurut tingkat urgensi"
    rows = [
        [pair("Surat dari", "surat_dari"), pair("Diterima tanggal", "diterima_tanggal")],
        [pair("Nomor surat", "nomor_surat"), pair("Nomor agenda", "nomor_agenda")],
        [
            pair("Tanggal surat", "tanggal_surat"),
            pair("Batas waktu", "batas_waktu")
            if text("batas_waktu")
            else para(f"Batas waktu\u00a0: {inline(batas)}", cell),
        ],
        [
            _choices(
                ctx,
                "Sifat:",
                ("Biasa", "Terbatas", "Rahasia", "Sangat Rahasia"),
                text("sifat"),
                inner,
                cell,
            ),
            _choices(
                ctx,
                "Tingkat urgensi:",
                ("Amat Segera", "Segera", "Biasa"),
                text("urgensi"),
                inner,
                cell,
            ),
        ],
        [pair("Hal", "hal"), ""],
        [
            [para("<b>Diteruskan kepada Sdr.:</b>", cell), _ticks(ctx, recipients, inner, cell)],
            [
                para("<b>Dengan hormat harap:</b>", cell),
                _ticks(ctx, [(o in chosen, o) for o in options + extra], inner, cell),
            ],
        ],
        [para("<b>Catatan:</b><br/>" + inline(text("catatan")).replace("\n", "<br/>"), cell), ""],
        [
            para(f"<b>Pemberi disposisi:</b><br/>{giver_text}", cell),
            para(
                f"<b>Paraf:</b><br/><br/><br/><b>Tanggal:</b> {inline(text('diterima_tanggal'))}",
                cell,
            ),
        ],
    ]
    note_room = (12 if compact else 30) * mm if not text("catatan") else 3 * pad * mm
    table = Table(blank_cells(rows), colWidths=[half, half], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.0, "black"),
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),
                ("LINEAFTER", (0, 0), (0, 3), 0.5, "black"),
                ("LINEAFTER", (0, 5), (0, 5), 0.5, "black"),
                ("LINEAFTER", (0, 7), (0, 7), 0.5, "black"),
                ("LINEBELOW", (0, 2), (-1, 2), 0.5, "black"),
                ("LINEBELOW", (0, 3), (-1, 3), 0.5, "black"),
                ("LINEBELOW", (0, 4), (-1, 4), 0.5, "black"),
                ("LINEBELOW", (0, 5), (-1, 5), 0.5, "black"),
                ("LINEBELOW", (0, 6), (-1, 6), 0.5, "black"),
                ("SPAN", (0, 4), (1, 4)),
                ("SPAN", (0, 6), (1, 6)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1),
                ("BOTTOMPADDING", (0, 6), (-1, 6), note_room),
            ]
        )
    )
    return [table, space(ctx, 0.5 if compact else 1)]
