"""Page geometry and decoration: frames, page numbers, the footer area, metadata.

The kop is a flowable at the top of page 1; from page 2 on, the page number sits top
centre as ``- 2 -`` at the profile's continuation margin (at least 2 cm), and the text
starts two lines below it. The bottom margin holds the TTE footer on every page: a
placeholder until the signer's certificate is known, the profile's footer text then; a
letter printed for a wet signature, and a jenis never signed electronically, carry none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from tnde.render.markup import first_words, inline

if TYPE_CHECKING:
    from tnde.render.context import RenderContext


class FixedTimeStamp:
    """Stands in for reportlab's TimeStamp so the PDF dates come from the letter, not the clock."""

    def __init__(self, when: dt.datetime) -> None:
        self.t = when.timestamp()
        self.lt = time.gmtime(self.t)
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh = 0
        self.dmm = 0
        self.tzname = "UTC"

    @property
    def datetime(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.t, dt.UTC)


def _plain_text(flowable: Any) -> str:
    """The text a flowable starts with: a paragraph's, or a table's first non-empty cell."""
    if isinstance(flowable, Paragraph):
        return str(flowable.getPlainText())
    if getattr(flowable, "starts_section", False):
        return ""
    for row in getattr(flowable, "_cellvalues", ()):
        for cell in row:
            for item in cell if isinstance(cell, list | tuple) else [cell]:
                text = item if isinstance(item, str) else _plain_text(item)
                if text.strip():
                    return text
    return ""


class LetterDocTemplate(BaseDocTemplate):  # type: ignore[misc]
    """A letter's pages: ``first`` (with room for the kop) and ``later`` (page number)."""

    def __init__(
        self,
        buffer: Any,
        ctx: RenderContext,
        document_id: bytes,
        created: dt.datetime,
        penyambung: dict[int, str] | None = None,
        **meta: Any,
    ) -> None:
        width_mm, height_mm = ctx.page_size_mm
        margins = ctx.margins
        super().__init__(
            buffer,
            pagesize=(width_mm * mm, height_mm * mm),
            leftMargin=margins.left * mm,
            rightMargin=margins.right * mm,
            topMargin=margins.top * mm,
            bottomMargin=margins.bottom * mm,
            invariant=1,
            initialFontName=ctx.fonts.regular,
            **meta,
        )
        self.ctx = ctx
        self.document_id = document_id
        self.created = created
        self.penyambung_in = penyambung or {}
        self.first_words: dict[int, str] = {}
        frame = self._frame("body", self.height)
        # Pages without a kop: the page number stands at the continuation margin and the
        # text starts two lines below it.
        self.number_top = self.pagesize[1] - margins.top_continuation * mm
        later = self._frame("later", self.number_top - 2 * ctx.line - self.bottomMargin)
        self.addPageTemplates(
            [
                PageTemplate("first", [frame], onPage=self._decorate, autoNextPageTemplate="later"),
                PageTemplate("later", [later], onPage=self._decorate_later),
            ]
        )

    def _frame(self, frame_id: str, height: float) -> Frame:
        return Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=frame_id,
        )

    def beforeDocument(self) -> None:
        # Dates from the letter and an ID from the input: the same input, the same bytes.

        doc = self.canv._doc
        doc._timeStamp = FixedTimeStamp(self.created)
        # reportlab seeds the ID digest with its own clock (or SOURCE_DATE_EPOCH): start over
        # from the input alone.
        doc.signature = hashlib.md5(self.document_id, usedforsecurity=False)

    def afterFlowable(self, flowable: Any) -> None:
        # Remember the first words of each page for the kata penyambung (second pass).
        page = self.canv.getPageNumber()
        if page in self.first_words:
            return
        if getattr(flowable, "starts_section", False):
            # no kata penyambung across a change of section (a heading, a lampiran), §3
            self.first_words[page] = ""
            return
        words = first_words(_plain_text(flowable))
        if words:
            self.first_words[page] = words

    # -- page decoration ----------------------------------------------------------------------

    def _decorate(self, canvas: Any, doc: Any) -> None:
        canvas.saveState()
        if self.ctx.mode == "draft":
            self._watermark(canvas)
        if self.ctx.tte_marks:
            self._footer(canvas)
        canvas.restoreState()
        penyambung = self.penyambung_in.get(canvas.getPageNumber() + 1)
        if penyambung and self.ctx.profile.style.kata_penyambung:
            canvas.saveState()
            canvas.setFillGray(0)  # letter text is black, whatever the footer drew in
            canvas.setFont(self.ctx.fonts.regular, self.ctx.profile.fonts.size)
            canvas.drawRightString(
                self.leftMargin + self.width, self.bottomMargin - 4.5 * mm, f"{penyambung}\u2026"
            )
            canvas.restoreState()

    def _decorate_later(self, canvas: Any, doc: Any) -> None:
        self._decorate(canvas, doc)
        canvas.saveState()
        canvas.setFillGray(0)
        size = self.ctx.profile.fonts.size
        canvas.setFont(self.ctx.fonts.regular, size)
        # the top of the figures (about 0.72 em above the baseline) at the margin line
        canvas.drawCentredString(
            self.leftMargin + self.width / 2,
            self.number_top - 0.75 * size,
            f"- {canvas.getPageNumber()} -",
        )
        canvas.restoreState()

    def _watermark(self, canvas: Any) -> None:
        canvas.setFillGray(0.93)
        canvas.setFont(self.ctx.fonts.bold, 96)
        canvas.translate(self.pagesize[0] / 2, self.pagesize[1] / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -30, "KONSEP")
        canvas.rotate(-45)
        canvas.translate(-self.pagesize[0] / 2, -self.pagesize[1] / 2)
        canvas.setFillGray(0)

    def _footer(self, canvas: Any) -> None:
        tte = self.ctx.profile.tte
        top = self.bottomMargin - 6.5 * mm
        bottom = 5 * mm
        if self.ctx.stamp is None or self.ctx.stamp.issuer is None:
            canvas.setStrokeGray(0.6)

            canvas.setDash(3, 2)
            canvas.setLineWidth(0.5)
            canvas.rect(self.leftMargin, bottom, self.width, top - bottom, stroke=1, fill=0)
            canvas.setFillGray(0.45)
            canvas.setFont(self.ctx.fonts.regular, 7.5)
            canvas.drawCentredString(
                self.leftMargin + self.width / 2,
                (top + bottom) / 2 - 2.5,
                "Ruang catatan kaki TTE \u2013 diisi saat penandatanganan elektronik",
            )
            return
        style = self.ctx.styles.small.clone(
            "footer",
            fontSize=tte.footer_size,
            leading=tte.footer_size * 1.2,
            fontName=self.ctx.fonts.italic,
        )
        text = Paragraph(inline(tte.footer_text(self.ctx.stamp.issuer)), style)

        _, h = text.wrap(self.width, top - bottom)
        text.drawOn(canvas, self.leftMargin, bottom + max(0.0, (top - bottom - h) / 2))
