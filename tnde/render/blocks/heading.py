"""Blocks at the head of a letter: title, Nomor/Hal block, Yth., label/value lists, date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, KeepTogether

from tnde.formatting import format_lampiran
from tnde.render.blocks.common import (
    COLON_WIDTH,
    KEPALA_LABEL_WIDTH,
    Flowables,
    numbered_lines,
    para,
    plain_table,
    space,
)
from tnde.render.markup import inline
from tnde.templates.values import empty

if TYPE_CHECKING:
    from tnde.render.context import RenderContext

_KEPALA_ROWS = (
    ("Nomor", "nomor_tampil"),
    ("Sifat", "sifat"),
    ("Lampiran", "lampiran_teks"),
    ("Hal", "hal"),
)


def build_judul(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """Centred bold title lines, optionally with the NOMOR line and a TENTANG subject."""
    size = float(params.get("size", ctx.profile.fonts.size))
    out: Flowables = []
    for line in ctx.fill(str(params.get("text", ""))).splitlines():
        out.append(para(inline(line.upper()), ctx.styles.title, fontSize=size, leading=size * 1.25))
    if params.get("nomor", False):
        # one form for every jenis, as the profile writes it
        nomor = ctx.nomor_tampil()
        colon = ctx.profile.style.judul_nomor_colon
        text = f"NOMOR : {nomor}" if colon else f"NOMOR {nomor}"
        out.append(para(inline(text), ctx.styles.center))
    tentang_field = params.get("tentang")
    if tentang_field:
        out.append(space(ctx, 0.5))
        out.append(para("TENTANG", ctx.styles.center))
        out.append(para(inline(ctx.display(ctx.value(tentang_field)).upper()), ctx.styles.center))
    out.append(space(ctx, float(params.get("space_after", 1))))
    return [KeepTogether(out)]


def lampiran_teks(ctx: RenderContext) -> str:
    """``1 (satu) berkas`` from the lampiran count, or a dash."""

    count = ctx.values.get("jumlah_lampiran")
    if count is None:
        attachments = ctx.values.get("lampiran") or ()
        count = len(attachments)
    unit = str(ctx.values.get("satuan_lampiran") or "berkas")
    return format_lampiran(int(count), unit)


def _value_text(ctx: RenderContext, name: str) -> str:
    if name == "lampiran_teks":
        return lampiran_teks(ctx)
    return ctx.display(ctx.value(name))


def yth_flowables(ctx: RenderContext, tujuan_field: str, di_field: str | None) -> Flowables:
    """``Yth.`` with one or more addressees, then ``di –``/``di Tempat``."""
    tujuan = ctx.value(tujuan_field) or ()
    if isinstance(tujuan, str):
        tujuan = (tujuan,)
    style = ctx.styles.left
    label_w = 9 * mm
    out: Flowables = []
    if len(tujuan) <= 1:
        rows = [[para("Yth.", style), para(inline(tujuan[0] if tujuan else ""), style)]]
    else:
        items = numbered_lines(list(tujuan), style)
        rows = [[para("Yth." if i == 0 else "", style), item] for i, item in enumerate(items)]
    out.append(plain_table(ctx, rows, [label_w, None]))
    di = str(ctx.value(di_field) or "") if di_field else ""
    if di:
        if ctx.profile.style.di_style == "inline":
            out.append(para(inline(f"di {di}"), style, leftIndent=label_w))
        else:
            out.append(para("di \u2013", style, leftIndent=label_w))
            out.append(para(inline(di), style, leftIndent=label_w + 8 * mm))
    return out


def build_kepala_surat(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """Place and date top right, Nomor/Sifat/Lampiran/Hal left, Yth. right or below."""
    rows_spec = params.get("rows") or [
        {"label": label, "field": name} for label, name in _KEPALA_ROWS
    ]
    style = ctx.styles.left
    kepala_rows = []
    for row in rows_spec:
        text = _value_text(ctx, row["field"])
        if not text and row["field"] not in ("nomor_tampil", "lampiran_teks", "hal"):
            continue
        kepala_rows.append([para(row["label"], style), para(":", style), para(inline(text), style)])
    half = ctx.frame_width * 0.56
    right_w = ctx.frame_width - half
    kepala = plain_table(
        ctx,
        kepala_rows,
        [KEPALA_LABEL_WIDTH, COLON_WIDTH, half - KEPALA_LABEL_WIDTH - COLON_WIDTH - 4 * mm],
    )
    date_line = tempat_tanggal_text(ctx)
    yth = yth_flowables(ctx, params.get("tujuan", "tujuan"), params.get("di", "di"))
    out: Flowables = []
    # The place and date stand level with Nomor, at the top of the right-hand column.
    date_cell: Flowables = [para(inline(date_line), style)] if date_line else []
    if ctx.profile.style.yth_position == "right":
        right = [*date_cell, space(ctx, 1), *yth] if date_cell else yth
        out.append(plain_table(ctx, [[kepala, right]], [half, right_w]))
    else:
        out += [plain_table(ctx, [[kepala, date_cell or ""]], [half, right_w]), space(ctx, 1)]
        out += yth
    out.append(space(ctx, 1))
    return out


def build_daftar(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """Colon-aligned label/value rows; list values are numbered, empty rows are left out.

    A row may carry ``when = "field"`` (or ``"field.part"``): it is left out when that is
    empty, which suits text rows combining parts (``"{p.pangkat}, {p.golongan}"``). A row
    with ``format = "lampiran"`` shows the attachment count (``1 (satu) berkas`` or a dash).
    ``indent`` is in mm, or ``"alinea"``: level with the first line of a body paragraph of an
    ``isi`` block with ``indent = "kepala"`` (the agenda block of an Undangan).
    """
    style = ctx.styles.left
    label_w = float(params.get("label_width", 32)) * mm
    indent = _daftar_indent(ctx, params.get("indent", 0))
    rows = []
    for row in params.get("rows", []):
        when = row.get("when")
        if when and not ctx.fill("{" + str(when) + "}").strip():
            continue
        if row.get("format") == "lampiran":
            cell: Any = para(inline(lampiran_teks(ctx)), style)
        elif "field" in row:
            value = ctx.value(row["field"].split(".")[0])
            if "." in row["field"]:
                value = ctx.fill("{" + row["field"] + "}")
            if empty(value) and not row.get("always", False):
                continue
            cell = _value_cell(ctx, value)
        else:
            cell = para(ctx.fill_markup(str(row.get("text", ""))), style)
        rows.append(["", para(inline(row["label"]), style), para(":", style), cell])
    widths = [indent, label_w, COLON_WIDTH, ctx.frame_width - indent - label_w - COLON_WIDTH]
    out: Flowables = [plain_table(ctx, rows, widths, bottom_padding=1)] if rows else []
    if params.get("rule_after", False):
        out.append(
            HRFlowable(
                width="100%",
                thickness=0.75,
                color="black",
                spaceBefore=ctx.line * 0.3,
                spaceAfter=0,
            )
        )
    out.append(space(ctx, float(params.get("space_after", 1))))
    return out


def _daftar_indent(ctx: RenderContext, indent: Any) -> float:
    """The left indent of a ``daftar`` block, in points."""
    if indent != "alinea":
        return float(float(indent) * mm)
    left = ctx.profile.style.body_first_line_indent_mm * mm
    if ctx.profile.style.body_align_with_kepala:
        left += KEPALA_LABEL_WIDTH + COLON_WIDTH
    return float(left)


def _value_cell(ctx: RenderContext, value: Any) -> Any:
    style = ctx.styles.left
    if isinstance(value, tuple | list) and len(value) > 1:
        return numbered_lines([ctx.display(v) for v in value], style)
    return para(inline(ctx.display(value)), style)


def build_yth(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """A stand-alone addressee block.

    ``position``: ``left`` (default), ``right`` (in the signature column, under a date placed
    there) or ``profile`` (right or left as the profile places the Yth. of a Surat Dinas).
    """
    block = yth_flowables(ctx, params.get("field", "tujuan"), params.get("di"))
    position = str(params.get("position", "left"))
    if position == "profile":
        position = ctx.profile.style.yth_position
    if position == "right":
        left, width = signature_column(ctx)
        block = [plain_table(ctx, [["", block]], [left, width])]
    return [*block, space(ctx, 1)]


def build_salam(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """The profile's opening salutation, if it uses one."""
    salam = ctx.profile.style.salam_pembuka
    return [para(inline(salam), ctx.styles.left), space(ctx, 0.5)] if salam else []


def tempat_tanggal_text(ctx: RenderContext) -> str:
    """``Sukamulya, 27 November 2026`` (the place only when the profile shows it)."""
    tanggal = ctx.display(ctx.tanggal) if ctx.tanggal else "\u00a0" * 20
    tempat = str(ctx.values.get("tempat") or ctx.profile.style.default_place)
    if ctx.profile.style.show_place and tempat:
        return f"{tempat}, {tanggal}"
    return tanggal


def signature_column(ctx: RenderContext) -> tuple[float, float]:
    """(left offset, width) of the right-hand column where signatures and dates sit."""
    width = ctx.frame_width * 0.48
    return ctx.frame_width - width, width


def build_tempat_tanggal(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """Place and date in the signature column, in one of three customary forms."""
    style_name = params.get("style", "tempat_tanggal")
    left, width = signature_column(ctx)
    style = ctx.styles.left
    tempat = str(ctx.values.get("tempat") or ctx.profile.style.default_place)
    tanggal = ctx.display(ctx.tanggal) if ctx.tanggal else ""
    if style_name == "tempat_tanggal":
        # align with the signature block below it (centred or flush left, per profile)
        align = TA_CENTER if ctx.profile.style.signature_align == "center" else TA_LEFT
        lines = [para(inline(tempat_tanggal_text(ctx)), style, alignment=align)]
    else:
        verb = "Ditetapkan" if style_name == "ditetapkan" else "Dikeluarkan"
        rows = [
            [para(f"{verb} di", style), para(":", style), para(inline(tempat), style)],
            [para("pada tanggal", style), para(":", style), para(inline(tanggal), style)],
        ]
        # wide enough for the labels in this face (the serif of a Keputusan is wider)
        label_w = (
            max(
                stringWidth(t, style.fontName, style.fontSize)
                for t in (f"{verb} di", "pada tanggal")
            )
            + 2 * mm
        )
        lines = [plain_table(ctx, rows, [label_w, COLON_WIDTH, width - label_w - COLON_WIDTH])]
    block: list[Flowable] = [plain_table(ctx, [["", lines]], [left, width])]
    block[0].keepWithNext = True  # never leave the date at a page foot, apart from the signature
    return block


def build_spasi(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """Vertical space of ``lines`` lines."""
    return [space(ctx, float(params.get("lines", 1)))]


def build_garis(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """A full-width rule."""
    return [HRFlowable(width="100%", thickness=0.75, color="black", spaceBefore=2, spaceAfter=6)]
