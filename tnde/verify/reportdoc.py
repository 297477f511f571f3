"""The page frame of the Berita Acara: A4 portrait, footer line, fixed dates and ID.

Kept apart from :mod:`tnde.verify.report` (the content) so each stays a readable size. The
page numbers ("Halaman n dari m") come from the tracking report's canvas, which prints them
at these same margins.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from tnde.formatting import EN_DASH
from tnde.render.document import FixedTimeStamp

if TYPE_CHECKING:
    import datetime as dt
    import io

    from tnde.render.fonts import FontSet

__all__ = ["GREY", "HEAD_FILL", "INK", "MARGIN_X", "RULE", "BeritaAcaraDoc"]

MARGIN_X = 15 * mm  # as the tracking report: its numbering canvas prints at these margins
MARGIN_TOP = 15 * mm
MARGIN_BOTTOM = 16 * mm

INK = colors.HexColor("#1f2933")
GREY = colors.HexColor("#5f6b76")
RULE = colors.HexColor("#8a949e")
HEAD_FILL = colors.HexColor("#dde3ea")


class BeritaAcaraDoc(BaseDocTemplate):  # type: ignore[misc]
    """A4 portrait, one frame, a footer line; fixed dates and document ID."""

    def __init__(
        self, buffer: io.BytesIO, *, fonts: FontSet, created: dt.datetime, document_id: bytes
    ) -> None:
        from tnde import __version__

        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            invariant=1,
            initialFontName=fonts.regular,
            title="Berita Acara Verifikasi Tanda Tangan Elektronik",
            author="TNDE Desktop",
            subject="Hasil verifikasi luring tanda tangan elektronik",
            creator=f"TNDE Desktop {__version__}",
            producer=f"TNDE Desktop {__version__} (reportlab)",
        )
        self.fonts = fonts
        self.created = created
        self.document_id = document_id
        self.footer = f"Berita Acara Verifikasi {EN_DASH} TNDE Desktop {__version__}"
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

    def beforeDocument(self) -> None:
        # As tnde.render.document: dates from the input, an ID from the input alone.
        doc = self.canv._doc
        doc._timeStamp = FixedTimeStamp(self.created)
        doc.signature = hashlib.md5(self.document_id, usedforsecurity=False)

    def _decorate(self, canvas: Any, doc: Any) -> None:
        canvas.saveState()
        y = self.bottomMargin - 7 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.leftMargin, y + 3.5 * mm, self.leftMargin + self.width, y + 3.5 * mm)
        canvas.setFillColor(GREY)
        canvas.setFont(self.fonts.regular, 7.5)
        canvas.drawString(self.leftMargin, y, self.footer)
        canvas.restoreState()
