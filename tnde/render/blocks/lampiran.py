"""Attachment pages (lampiran) with the customary header at the top right."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from tnde.formatting import to_roman
from tnde.render.blocks.common import (
    COLON_WIDTH,
    Flowables,
    para,
    plain_table,
    rich_flowables,
    space,
)
from tnde.render.markup import inline

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

    from tnde.render.context import RenderContext
    from tnde.templates.values import Attachment


def build_lampiran(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """One page (or more) per attachment, numbered I, II… when there are several.

    The header reads ``LAMPIRAN I`` / ``SURAT KEPALA DINAS …`` / ``NOMOR : …`` /
    ``TANGGAL : …``; page numbers simply continue from the letter. ``tentang`` names a field
    added as a ``TENTANG : …`` row (Keputusan, Surat Edaran).
    """
    attachments: tuple[Attachment, ...] = ctx.value(params.get("field", "lampiran")) or ()
    label = ctx.fill(str(params.get("label", ctx.template.nama))).upper()
    tentang_field = params.get("tentang")
    tentang = ctx.display(ctx.value(tentang_field)).upper() if tentang_field else ""
    out: Flowables = []
    style = para(
        "",
        ctx.styles.left,
        fontSize=ctx.profile.fonts.size - 1,
        leading=(ctx.profile.fonts.size - 1) * 1.2,
    ).style
    label_w, width = _header_widths(ctx, style, label)
    for i, attachment in enumerate(attachments, start=1):
        heading = "LAMPIRAN" if len(attachments) == 1 else f"LAMPIRAN {to_roman(i)}"
        tanggal = ctx.display(ctx.tanggal) if ctx.tanggal else ""
        rows = [
            [para(heading, style), "", ""],
            [para(inline(label), style), "", ""],
            [para("NOMOR", style), para(":", style), para(inline(ctx.nomor_tampil()), style)],
            [para("TANGGAL", style), para(":", style), para(inline(tanggal), style)],
        ]
        if tentang:
            rows.append([para("TENTANG", style), para(":", style), para(inline(tentang), style)])
        header = plain_table(ctx, rows, [label_w, COLON_WIDTH, width - label_w - COLON_WIDTH])
        header.setStyle([("SPAN", (0, 0), (-1, 0)), ("SPAN", (0, 1), (-1, 1))])
        placed = plain_table(ctx, [["", header]], [ctx.frame_width - width, width])
        placed.starts_section = True  # no kata penyambung points into a lampiran
        out += [
            PageBreak(),
            placed,
            space(ctx, 1.5),
            para(f"<b>{inline(attachment.judul.upper())}</b>", ctx.styles.center),
            space(ctx, 1),
        ]
        if attachment.isi:
            out += rich_flowables(ctx, attachment.isi, first_line_indent=0, gap=0.5)
    return out


#: The header column takes at least 60 % of the line, and up to this share so that a long
#: number or mandator fits on one line.
_HEADER_MAX_SHARE = 0.68


def _header_widths(ctx: RenderContext, style: ParagraphStyle, label: str) -> tuple[float, float]:
    """(label column, whole header) widths: the number on one line, the labels unbroken.

    A header half the line wide broke a long number in the middle (``…/Diskominfo/20`` then
    ``26``) and ran a Keputusan's TENTANG to six lines.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def width(text: str) -> float:
        return float(stringWidth(text, style.fontName, style.fontSize))

    label_w = max(width(t) for t in ("NOMOR", "TANGGAL", "TENTANG")) + 1.5 * mm
    nomor = label_w + COLON_WIDTH + width(ctx.nomor_tampil()) + 2 * mm
    wanted = max(ctx.frame_width * 0.6, nomor, width(label) + 2 * mm)
    return label_w, min(wanted, ctx.frame_width * _HEADER_MAX_SHARE)
