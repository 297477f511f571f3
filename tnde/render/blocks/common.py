"""Small flowable helpers shared by the block builders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from tnde.render.markup import inline, parse

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tnde.render.context import RenderContext

Flowables = list[Flowable]

#: Width of the label column of the Nomor/Sifat/Lampiran/Hal block.
KEPALA_LABEL_WIDTH = 22 * mm
COLON_WIDTH = 4 * mm
HANG = 7 * mm


def para(text: str, style: ParagraphStyle, **overrides: Any) -> Paragraph:
    """A paragraph of already-escaped markup, with style attributes overridden."""
    if overrides:
        style = ParagraphStyle(style.name + "+", style, **overrides)
    return Paragraph(text, style)


class ElasticSpace(Spacer):  # type: ignore[misc]
    """A gap that shrinks to what is left of the page instead of moving to the next one.

    A plain Spacer that no longer fits goes to the next page; as the last flowable (the gap
    after a signature with no tembusan) it would start a blank page.
    """

    _ZEROSIZE = True  # the frame offers it even when the page is exactly full

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, max(0.0, min(self.height, avail_height))


def space(ctx: RenderContext, lines: float = 1.0) -> Spacer:
    """Vertical space of ``lines`` body lines (never carried over to a new page)."""
    return ElasticSpace(1, ctx.line * lines)


def plain_table(
    ctx: RenderContext, rows: Sequence[Sequence[Any]], widths: Sequence[Any], **style: Any
) -> Table:
    """A borderless table with no padding, top-aligned, splitting between rows."""
    commands: list[tuple[Any, ...]] = [
        # reportlab sets a cell font even for flowable cells; name ours, or Helvetica sneaks in
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), style.pop("bottom_padding", 0)),
    ]
    table = Table(blank_cells(rows), colWidths=list(widths), hAlign="LEFT", **style)
    table.setStyle(TableStyle(commands))
    return table


def hang_width(markers: Sequence[str], style: ParagraphStyle, minimum: float = HANG) -> float:
    """Room for the widest list marker plus a space, so items 1–9 and 10+ align their text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max(
        (stringWidth(m + "\u00a0\u00a0", style.fontName, style.fontSize) for m in markers),
        default=0.0,
    )
    return max(minimum, widest)


def hanging_item(
    markup: str,
    marker: str | None,
    style: ParagraphStyle,
    *,
    indent: float,
    hang: float,
    space_after: float = 0.0,
) -> Paragraph:
    """A list item: ``marker`` at ``indent``, the text hanging ``hang`` further in."""
    return para(
        markup,
        style,
        leftIndent=indent + hang,
        bulletIndent=indent,
        firstLineIndent=0,
        bulletFontName=style.fontName,
        bulletFontSize=style.fontSize,
        bulletText=marker,
        spaceAfter=space_after,
    )


def numbered_lines(
    items: Sequence[str], style: ParagraphStyle, minimum: float = 6 * mm
) -> Flowables:
    """Plain-text items numbered 1., 2., … as hanging paragraphs (tujuan, tembusan, lists)."""
    markers = [f"{i}." for i in range(1, len(items) + 1)]
    hang = hang_width(markers, style, minimum)
    return [
        hanging_item(inline(item), marker, style, indent=0, hang=hang)
        for item, marker in zip(items, markers, strict=True)
    ]


def blank_cells(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Rows with empty-string cells replaced by empty spacers.

    reportlab sets the cell font for a string cell even when it is empty, which drags an
    unembedded Helvetica into the PDF.
    """
    return [[Spacer(0, 0) if cell == "" or cell is None else cell for cell in row] for row in rows]


def rich_flowables(
    ctx: RenderContext,
    text: str,
    *,
    left: float = 0.0,
    first_line_indent: float | None = None,
    style: ParagraphStyle | None = None,
    gap: float = 0.0,
) -> Flowables:
    """Body markup as paragraphs and hanging-indented list items.

    Args:
        left: left indent of the whole text, in points.
        first_line_indent: indent of paragraphs' first lines (default: the profile's).
        gap: space after each paragraph, in lines.
    """
    style = style or ctx.styles.body
    if first_line_indent is None:
        first_line_indent = ctx.profile.style.body_first_line_indent_mm * mm
    out: Flowables = []
    blocks = parse(text)
    markers_by_level: dict[int, list[str]] = {}
    for block in blocks:
        if block.marker is not None:
            markers_by_level.setdefault(block.level, []).append(_marker(block.marker))
    hangs = {level: hang_width(markers, style) for level, markers in markers_by_level.items()}
    for block in blocks:
        if block.marker is None:
            out.append(
                para(
                    block.text,
                    style,
                    leftIndent=left,
                    firstLineIndent=first_line_indent,
                    spaceAfter=gap * ctx.line,
                )
            )
        else:
            indent = left + sum(hangs[level] for level in range(block.level) if level in hangs)
            out.append(
                hanging_item(
                    block.text,
                    _marker(block.marker),
                    style,
                    indent=indent,
                    hang=hangs[block.level],
                    space_after=gap * ctx.line / 2,
                )
            )
    return out


def _marker(marker: str) -> str:
    return "\u2013" if marker in ("-", "\u2022") else marker


def numbered_items(
    ctx: RenderContext, items: Sequence[str], numbering: str, style: ParagraphStyle | None = None
) -> Flowables:
    """Items as a hanging list numbered ``1.``/``a.`` (or unnumbered when only one, or ``none``)."""
    style = style or ctx.styles.body
    if numbering == "none" or len(items) == 1:
        return [para(inline(item), style, firstLineIndent=0) for item in items]
    markers = [
        f"{chr(ord('a') + i)}." if numbering == "a" else f"{i + 1}." for i in range(len(items))
    ]
    hang = hang_width(markers, style)
    return [
        hanging_item(inline(item), marker, style, indent=0, hang=hang)
        for item, marker in zip(items, markers, strict=True)
    ]
