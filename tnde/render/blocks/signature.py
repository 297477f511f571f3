"""Signature blocks with delegation forms, the reserved TTE area, and the tembusan list."""

from __future__ import annotations

import functools
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from tnde import formatting
from tnde.formatting import signature_lines
from tnde.render.blocks.common import Flowables, numbered_lines, para, plain_table, space
from tnde.render.blocks.heading import signature_column
from tnde.render.context import RenderContext, SlotPosition
from tnde.render.markup import inline
from tnde.templates.values import Signer


class SignatureSlot(Flowable):  # type: ignore[misc]
    """The reserved area where the TTE visual goes: a placeholder in drafts, the QR when final.

    Its position on the page is recorded in the render result, so the signing step can put
    the signature field exactly here. A letter printed for a wet signature keeps the same
    room blank (for the signature and the stamp over its left part) and records no slot,
    so it paginates exactly as the electronic letter does.
    """

    def __init__(self, ctx: RenderContext, field: str, width: float, signer: Signer) -> None:
        super().__init__()
        self.ctx = ctx
        self.field = field
        self.signer = signer
        self.width = width
        self.qr = ctx.profile.tte.qr_size_mm * mm
        self.height = self.qr + 2 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if not self.ctx.tte_marks:
            return
        canvas: Any = self.canv
        x, y = canvas.absolutePosition(0, 0)
        self.ctx.slots.append(
            SlotPosition(self.field, canvas.getPageNumber(), x, y, self.width, self.height)
        )
        if self.ctx.stamp is None:
            self._draw_placeholder(canvas)
        else:
            self._draw_stamp(canvas)

    def _draw_placeholder(self, canvas: Any) -> None:
        canvas.saveState()
        canvas.setStrokeGray(0.6)
        canvas.setDash(3, 2)
        canvas.setLineWidth(0.5)
        canvas.rect(0, 1 * mm, self.width, self.qr, stroke=1, fill=0)
        canvas.setFillGray(0.45)
        canvas.setFont(self.ctx.fonts.regular, 8)
        mid = 1 * mm + self.qr / 2
        canvas.drawCentredString(self.width / 2, mid + 2, "Ruang tanda tangan elektronik")
        canvas.drawCentredString(self.width / 2, mid - 8, "(QR dan keterangan TTE)")
        canvas.restoreState()

    def _draw_stamp(self, canvas: Any) -> None:
        assert self.ctx.stamp is not None
        url = self.ctx.profile.tte.verification_url.replace(
            "{document_id}", self.ctx.stamp.document_id
        )
        draw_qr(canvas, url, x=0, y=1 * mm, size=self.qr)

        caption_lines = [self.ctx.profile.tte.caption, *self.ctx.stamp.caption_lines]
        style = para("", self.ctx.styles.small, fontSize=7, leading=8.5).style
        text = Paragraph("<br/>".join(inline(line) for line in caption_lines), style)
        room = self.width - self.qr - 2 * mm
        _, h = text.wrap(room, self.qr)
        text.drawOn(canvas, self.qr + 2 * mm, 1 * mm + (self.qr - h) / 2)


def signer_flowables(ctx: RenderContext, field: str, width: float, label: str = "") -> Flowables:
    """The lines of one signature block, for a column ``width`` wide."""
    signer = ctx.value(field)
    if not isinstance(signer, Signer):
        return []
    style = ctx.profile.style
    align = TA_CENTER if style.signature_align == "center" else TA_LEFT
    text_style = para("", ctx.styles.left, alignment=align).style
    out: Flowables = [para(ctx.fill_markup(line), text_style) for line in label_lines(label)]
    out += [para(inline(line), text_style) for line in signature_lines(signer, style.jabatan_case)]
    out.append(SignatureSlot(ctx, field, width, signer))
    person = signer.person
    name = inline(formatting.name_case(person.nama, style.name_case))
    if style.name_underline:
        name = f"<u>{name}</u>"
    if style.name_bold:
        name = f"<b>{name}</b>"
    out.append(para(name, text_style))
    if person.pangkat:
        pangkat = (
            formatting.format_pangkat(person.pangkat, person.golongan)
            if person.golongan
            else person.pangkat
        )
        out.append(para(inline(pangkat), text_style))
    if person.nip:
        out.append(para("NIP " + formatting.format_nip(person.nip), text_style))
    return out


def label_lines(label: str) -> list[str]:
    """The lines of a signature label; ``\n`` separates them (``Diterima oleh:\nTanggal …``)."""
    return [line.strip() for line in label.split("\n")] if label.strip() else []


def blank_signer_flowables(ctx: RenderContext, label: str = "") -> Flowables:
    """A signature block to fill in by hand: label, room to sign, dotted name and NIP lines."""
    style = ctx.profile.style
    align = TA_CENTER if style.signature_align == "center" else TA_LEFT
    text_style = para("", ctx.styles.left, alignment=align).style
    out: Flowables = [para(ctx.fill_markup(line), text_style) for line in label_lines(label)]
    out.append(Spacer(1, ctx.profile.tte.qr_size_mm * mm + 2 * mm))
    out.append(para("(" + "." * 40 + ")", text_style))
    out.append(para("NIP " + "." * 32, text_style))
    return out


def build_tanda_tangan(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """One signature block in the right-hand column, kept on one page."""
    left, width = signature_column(ctx)
    lines = signer_flowables(
        ctx, params.get("field", "penandatangan"), width, str(params.get("label", ""))
    )
    if not lines:
        return []
    # A one-row table never splits; unlike a KeepTogether it can also be pulled along by a
    # keepWithNext place/date line (reportlab will not group a KeepTogether that way).
    return [plain_table(ctx, [["", lines]], [left, width]), space(ctx, 1)]


def _split_at_room(ctx: RenderContext, block: Flowables) -> tuple[Flowables, Flowables]:
    """A signature block cut where its signing room begins: (label and jabatan, the rest)."""
    room = ctx.profile.tte.qr_size_mm * mm
    for i, item in enumerate(block):
        if isinstance(item, SignatureSlot) or (isinstance(item, Spacer) and item.height >= room):
            return block[:i], block[i:]
    return [], block


def build_tanda_tangan_ganda(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """Several signature blocks two to a row (Surat Kuasa, Berita Acara), then Mengetahui.

    An empty signer field is left out, unless ``blank = true``: then its block is printed
    with dotted lines for a name and NIP written by hand (the receiver of a Surat Pengantar).
    """
    fields = list(params.get("fields", []))
    labels = list(params.get("labels", []))
    # Both columns as wide as the single-signature column, the right one flush with it (and
    # with the place/date line above), so rooms and centred lines sit alike in both.
    right_left, col = signature_column(ctx)
    blocks = []
    for i, f in enumerate(fields):
        label = labels[i] if i < len(labels) else ""
        block = signer_flowables(ctx, f, col, label)
        if not block and params.get("blank", False):
            block = blank_signer_flowables(ctx, label)
        if block:
            blocks.append(block)
    out: Flowables = []
    for i in range(0, len(blocks), 2):
        pair = blocks[i : i + 2]
        if len(pair) == 1:
            row = [["", "", pair[0]]]  # a lone block sits on the right, like a single signature
        else:
            # heads (label, jabatan) in one row, signing rooms and names in the next, so
            # both rooms and names line up even when one jabatan takes more lines
            (head_l, tail_l), (head_r, tail_r) = (_split_at_room(ctx, b) for b in pair)
            row = [[head_l or "", "", head_r or ""], [tail_l, "", tail_r]]
        pair_table = plain_table(ctx, row, [col, right_left - col, col])
        # nested in a one-row table: never split, and can follow a keepWithNext date line
        out.append(plain_table(ctx, [[pair_table]], [ctx.frame_width]))
        out.append(space(ctx, 1))
    mengetahui = params.get("mengetahui")
    if mengetahui:
        label = str(params.get("mengetahui_label", "Mengetahui,"))
        block = signer_flowables(ctx, mengetahui, col, label)
        if block:
            offset = (ctx.frame_width - col) / 2
            out.append(KeepTogether([plain_table(ctx, [["", block]], [offset, col])]))
            out.append(space(ctx, 1))
    return out


def build_tembusan(ctx: RenderContext, params: dict[str, Any]) -> Flowables:
    """``Tembusan:`` and the numbered list of jabatan that receive a copy.

    The list may continue on the next page (the label keeps its first item with it), so a
    long tembusan does not leave a page holding nothing else. It is a section of its own:
    no kata penyambung announces it at the foot of the page before.
    """
    items = list(ctx.value(params.get("field", "tembusan")) or ())
    if not items:
        return []
    if ctx.profile.style.tembusan_semicolon and len(items) > 1:
        items = [_with_semicolon(item) for item in items[:-1]] + items[-1:]
    style = ctx.styles.left
    small = para(
        "", style, fontSize=ctx.profile.fonts.size - 1, leading=(ctx.profile.fonts.size - 1) * 1.2
    ).style
    gap = space(ctx, 0.5)
    label = para(inline(ctx.profile.style.tembusan_label), small)
    for flowable in (gap, label):
        flowable.keepWithNext = True
        flowable.starts_section = True
    if ctx.profile.style.tembusan_numbered and len(items) > 1:
        lines = numbered_lines(items, small)
    else:
        lines = [para(inline(item), small) for item in items]
    return [gap, label, *lines]


def _with_semicolon(item: str) -> str:
    """An item of the tembusan list ending with ``;`` (not doubled, not after a period)."""
    stripped = item.rstrip()
    return stripped if stripped.endswith((";", ".", ",")) else stripped + ";"


#: Quiet zone around a QR code, in modules, as the QR standard asks.
_QR_QUIET_ZONE = 4


@functools.lru_cache(maxsize=256)
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark/light module matrix of ``text``'s QR code, remembered: choosing the mask
    pattern is most of the encoding time, and a letter's code is drawn again when it is
    rendered for signing."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


def draw_qr(canvas: Any, text: str, *, x: float, y: float, size: float) -> None:
    """A QR code (error correction M) of ``text`` as one filled path, ``size`` points square.

    Drawn straight from the encoder's module matrix: reportlab's QR widget builds a shape
    object per dark run and selects a (non-embedded) font on the way, which costs ~0.2 s a
    code and would break PDF/A.
    """
    modules = qr_modules(text)
    count = len(modules)
    box = size / (count + 2 * _QR_QUIET_ZONE)
    path = canvas.beginPath()
    for r, row in enumerate(modules):
        top = y + size - (r + _QR_QUIET_ZONE + 1) * box
        c = 0
        while c < count:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < count and row[c]:
                c += 1
            path.rect(x + (start + _QR_QUIET_ZONE) * box, top, (c - start) * box, box)
    canvas.saveState()
    canvas.setFillGray(0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
