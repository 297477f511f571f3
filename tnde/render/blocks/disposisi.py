"""The disposition sheet (Lembar Disposisi): a ruled form with tick boxes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from tnde.render.blocks.common import Flowables, blank_cells, para, space
from tnde.render.markup import inline

if TYPE_CHECKING:
    from tnde.render.context import RenderContext


def _tick(ctx: RenderContext, ticked: bool, text: str) -> Any:
    # Boxes are typed as [X] / [  ]: the serif face (WinAnsi) has no ballot-box glyphs.
    box = "[X]" if ticked else "[\u00a0\u00a0]"
    return para(f"{box}\u00a0{inline(text)}", ctx.styles.cell)


def build_lembar_disposisi(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """The standard form: letter details, recipients, instructions, note, giver's paraf.

    ``fields`` names, in order: sender, letter number, letter date, received date, agenda
    number, urgency, subject, recipients (list), chosen instructions (list), note. The
    ``instruksi`` parameter lists every instruction printed on the form; those chosen are
    ticked, so a blank form is just as useful printed.
    """
    names = list(params.get("fields", []))
    keys = [
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
    ]
    field = dict(zip(keys, names, strict=False))

    def text(key: str) -> str:
        return ctx.display(ctx.value(field[key])) if key in field else ""

    cell = ctx.styles.cell
    width = ctx.frame_width
    half = width / 2

    def pair(label: str, key: str) -> Any:
        return para(f"{inline(label)}\u00a0: {inline(text(key))}", cell)

    urgensi_options = ("Amat Segera", "Segera", "Biasa")
    chosen_urgensi = text("urgensi")
    # non-breaking spaces keep each box with its option ("Amat Segera" on one line)
    urgensi = para(
        "Tingkat urgensi: "
        + "\u00a0\u00a0".join(
            ("[X]" if o == chosen_urgensi else "[\u00a0\u00a0]")
            + "\u00a0"
            + o.replace(" ", "\u00a0")
            for o in urgensi_options
        ),
        cell,
    )
    recipients = ctx.value(field.get("diteruskan_kepada", "")) or ()
    chosen = set(ctx.value(field.get("instruksi", "")) or ())
    options = list(params.get("instruksi", [])) or sorted(chosen)
    extra = [c for c in sorted(chosen) if c not in options]
    left_col = [para("<b>Diteruskan kepada Sdr.:</b>", cell)] + [
        _tick(ctx, True, r) for r in recipients
    ]
    right_col = [para("<b>Dengan hormat harap:</b>", cell)] + [
        _tick(ctx, o in chosen, o) for o in options + extra
    ]
    rows = [
        [pair("Surat dari", "surat_dari"), pair("Diterima tanggal", "diterima_tanggal")],
        [pair("Nomor surat", "nomor_surat"), pair("Nomor agenda", "nomor_agenda")],
        [pair("Tanggal surat", "tanggal_surat"), urgensi],
        [pair("Hal", "hal"), ""],
        [left_col, right_col],
        [para("<b>Catatan:</b><br/>" + inline(text("catatan")).replace("\n", "<br/>"), cell), ""],
    ]
    table = Table(blank_cells(rows), colWidths=[half, half], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.0, "black"),
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),
                ("LINEBELOW", (0, 2), (-1, 2), 0.5, "black"),
                ("LINEBELOW", (0, 3), (-1, 3), 0.5, "black"),
                ("LINEBELOW", (0, 4), (-1, 4), 0.5, "black"),
                ("LINEAFTER", (0, 0), (0, 2), 0.5, "black"),
                ("LINEAFTER", (0, 4), (0, 4), 0.5, "black"),
                ("SPAN", (0, 3), (1, 3)),
                ("SPAN", (0, 5), (1, 5)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                # room to write the note by hand on a blank form; less once it is typed in, so a
                # filled sheet and its signature stay on one page
                ("BOTTOMPADDING", (0, 5), (-1, 5), (8 if text("catatan") else 30) * mm),
            ]
        )
    )
    return [table, space(ctx, 1)]
