"""Blocks of the letter body: free text, labelled sections, diktum, tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Table, TableStyle

from tnde.formatting import terbilang
from tnde.render.blocks.common import (
    COLON_WIDTH,
    HANG,
    KEPALA_LABEL_WIDTH,
    Flowables,
    hanging_item,
    numbered_items,
    para,
    plain_table,
    rich_flowables,
    space,
)
from tnde.render.markup import inline

if TYPE_CHECKING:
    from tnde.render.context import RenderContext

_BAGIAN_LABEL_WIDTH = 30 * mm


def build_isi(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """The body text of a richtext field.

    ``indent = "kepala"`` aligns it with the value column of the Nomor/Hal block when the
    profile asks for that (pemda style); ``left`` (mm) indents it further, for the content
    of a numbered section (Laporan, Telaahan Staf).
    """
    text = ctx.value(params.get("field", "isi"))
    if not text:
        return []
    left = float(params.get("left", 0)) * mm
    if params.get("indent") == "kepala" and ctx.profile.style.body_align_with_kepala:
        left += KEPALA_LABEL_WIDTH + COLON_WIDTH
    return [*rich_flowables(ctx, str(text), left=left, gap=0.5), space(ctx, 0.5)]


def build_teks(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """Fixed template text with placeholders (openings, closings, section headings).

    ``marker`` (``"1."``, ``"A."``) makes it a numbered section heading: the text hangs after
    the marker like a list item (so an ``isi`` block with ``left = 7`` lines up under it), and
    the heading is kept on the same page as what follows.
    """
    styles = {
        "left": ctx.styles.left,
        "center": ctx.styles.center,
        "right": ctx.styles.right,
        "justify": ctx.styles.body,
    }
    style = styles.get(str(params.get("align", "justify")), ctx.styles.body)
    if params.get("bold", False):
        style = para("", style, fontName=ctx.fonts.bold).style
    left = float(params.get("left", 0)) * mm
    if params.get("indent") == "kepala" and ctx.profile.style.body_align_with_kepala:
        left += KEPALA_LABEL_WIDTH + COLON_WIDTH
    first = ctx.profile.style.body_first_line_indent_mm * mm if params.get("indent") else 0.0
    marker = ctx.fill(str(params.get("marker", "")))
    out: Flowables = []
    if params.get("space_before"):
        out.append(space(ctx, float(params["space_before"])))
    for i, line in enumerate(str(params.get("text", "")).split("\n\n")):
        text = ctx.fill_markup(" ".join(line.split()))
        if marker:
            heading = hanging_item(text, marker if i == 0 else None, style, indent=left, hang=HANG)
            heading.keepWithNext = 1
            heading.starts_section = True  # no kata penyambung announces a new section
            out.append(heading)
        else:
            out.append(para(text, style, leftIndent=left, firstLineIndent=first))
    gap = space(ctx, float(params.get("space_after", 0.5)))
    if marker:
        gap.keepWithNext = 1  # so the heading's keep-with-next reaches the content below
    out.append(gap)
    return out


def build_bagian(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """``Menimbang : a. …`` — a label, a colon and hanging content, one table row per item.

    One row per item lets a long section break across pages between items.
    """
    value = ctx.value(params["field"])
    if not value:
        return []
    label = str(params.get("label", ""))
    numbering = str(params.get("numbering", "1"))
    style = ctx.styles.body
    label_w = _label_width(params)
    content_w = ctx.frame_width - label_w - COLON_WIDTH
    if isinstance(value, tuple | list):
        cells: list[Any] = numbered_items(ctx, [str(v) for v in value], numbering, style)
    else:
        cells = rich_flowables(ctx, str(value), first_line_indent=0)
    rows = []
    for i, cell in enumerate(cells):
        rows.append(
            [
                para(inline(label) if i == 0 else "", ctx.styles.left),
                para(":" if i == 0 else "", ctx.styles.left),
                cell,
            ]
        )
    widths = [label_w, COLON_WIDTH, content_w]
    return [*item_rows(ctx, rows, widths, bottom_padding=2), space(ctx, 0.5)]


def item_rows(
    ctx: RenderContext, rows: list[list[Any]], widths: list[float], *, bottom_padding: float
) -> Flowables:
    """One single-row table per item, the columns alike in all.

    Separate tables break between items just as one table does; and the last item, like a
    closing paragraph, can be kept with the signature that follows it (a Keputusan's last
    diktum), which a row inside a longer table cannot.
    """
    return [plain_table(ctx, [row], widths, bottom_padding=bottom_padding) for row in rows]


def _label_width(params: dict[str, Any]) -> float:
    """The label column of ``bagian``/``diktum``: ``label_width`` mm, default 30 mm.

    A Keputusan sets one width on all its sections so Menimbang, Mengingat, Memperhatikan,
    Menetapkan and the diktum share one colon column (the serif face needs about 35 mm).
    """
    return float(params.get("label_width", _BAGIAN_LABEL_WIDTH / mm) * mm)


def ordinal_word(n: int) -> str:
    """``KESATU``, ``KEDUA``, … ``KESEBELAS`` for diktum numbering."""
    if n == 1:
        return "KESATU"
    return ("KE" + terbilang(n)).upper()


def build_diktum(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """Keputusan diktum: ``KESATU : …``, ``KEDUA : …``, each item a paragraph or more.

    ``penutup`` names a text field printed as the last diktum (the commencement clause), so
    the drafter need not repeat it among the items.
    """
    items = list(ctx.value(params["field"]) or ())
    penutup = ctx.value(params["penutup"]) if params.get("penutup") else None
    if penutup:
        items.append(str(penutup))
    rows = []
    label_w = _label_width(params)
    content_w = ctx.frame_width - label_w - COLON_WIDTH
    for i, item in enumerate(items, start=1):
        rows.append(
            [
                para(ordinal_word(i), ctx.styles.left),
                para(":", ctx.styles.left),
                rich_flowables(ctx, str(item), first_line_indent=0),
            ]
        )
    if not rows:
        return []
    widths = [label_w, COLON_WIDTH, content_w]
    return [*item_rows(ctx, rows, widths, bottom_padding=6), space(ctx, 0.5)]


def build_tabel(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """A table field as a ruled grid with a repeated header row (and a No. column).

    ``label`` (``"Kepada"``) prints ``Kepada :`` on the line above the table, its colon level
    with those of ``bagian`` blocks (same ``label_width``), kept on the table's page.
    """
    spec = ctx.template.field(params["field"])
    rows_value = ctx.value(params["field"]) or ()
    if spec is None or not rows_value:
        return []
    numbered = bool(params.get("numbered", True))
    head_style, cell_style = ctx.styles.cell_center, ctx.styles.cell
    header = ([para("<b>No.</b>", head_style)] if numbered else []) + [
        para(f"<b>{inline(c.label)}</b>", head_style) for c in spec.columns
    ]
    body = []
    for i, row in enumerate(rows_value, start=1):
        cells = [para(f"{i}.", head_style)] if numbered else []
        cells += [
            para(inline(row.get(c.name, "")).replace("\n", "<br/>"), cell_style)
            for c in spec.columns
        ]
        body.append(cells)
    no_w = 12 * mm if numbered else 0  # room for a bold "No." with the cell padding
    total = sum(c.width for c in spec.columns)
    widths = ([no_w] if numbered else []) + [
        (ctx.frame_width - no_w) * c.width / total for c in spec.columns
    ]
    table = Table([header, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                # narrow side padding: a NIP (19850312 201001 2 004) fits a column of an A4 table
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    out: Flowables = []
    if params.get("label"):
        label_w = _label_width(params)
        head = plain_table(
            ctx,
            [[para(inline(str(params["label"])), ctx.styles.left), para(":", ctx.styles.left), ""]],
            [label_w, COLON_WIDTH, ctx.frame_width - label_w - COLON_WIDTH],
        )
        # Break before the label only when the label, the header row and a first row would not
        # fit; otherwise the table starts here and splits, repeating its header row.
        out += [CondPageBreak(4 * ctx.line), head, space(ctx, 0.3)]
    return [*out, table, space(ctx, 0.5)]
