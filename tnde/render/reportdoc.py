"""The page frame shared by the office's own reports (tracking, Berita Acara Verifikasi).

One frame per page, a footer line with the report's name, "Halaman n dari m" at the bottom
right (:class:`NumberedCanvas`, which holds pages back until it knows how many there are),
and, as :mod:`tnde.render.document` does for letters, dates and the document ID fixed from
the input so the same report comes out byte for byte the same.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from tnde.render.document import FixedTimeStamp
from tnde.render.fonts import font_set

if TYPE_CHECKING:
    import datetime as dt
    import io

    from tnde.render.fonts import FontSet

__all__ = [
    "GREY",
    "HEAD_FILL",
    "INK",
    "MARGIN_BOTTOM",
    "MARGIN_X",
    "RULE",
    "NumberedCanvas",
    "ReportDoc",
]

MARGIN_X = 15 * mm
MARGIN_BOTTOM = 16 * mm

INK = colors.HexColor("#1f2933")
GREY = colors.HexColor("#5f6b76")
RULE = colors.HexColor("#8a949e")
HEAD_FILL = colors.HexColor("#dde3ea")


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    """One frame per page and a footer line; fixed dates and document ID.

    Args:
        pagesize: A4 portrait or landscape.
        top_margin: the frame's top margin (the side and bottom margins are fixed, since
            :class:`NumberedCanvas` prints at them).
        footer: the line printed under the frame on every page.
        meta: PDF metadata (title, author, subject, creator, producer).
    """

    def __init__(
        self,
        buffer: io.BytesIO,
        *,
        pagesize: tuple[float, float],
        top_margin: float,
        fonts: FontSet,
        created: dt.datetime,
        document_id: bytes,
        footer: str,
        **meta: Any,
    ) -> None:
        super().__init__(
            buffer,
            pagesize=pagesize,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=top_margin,
            bottomMargin=MARGIN_BOTTOM,
            invariant=1,
            initialFontName=fonts.regular,
            **meta,
        )
        self.fonts = fonts
        self.created = created
        self.document_id = document_id
        self.footer = footer
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


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end, to print "Halaman n dari m" on each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._page_label(total)
            super().showPage()
        super().save()

    def _page_label(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFillColor(GREY)
        self.setFont(font_set("sans").regular, 7.5)
        label = f"Halaman {self._pageNumber} dari {total}"
        self.drawRightString(width - MARGIN_X, MARGIN_BOTTOM - 7 * mm, label)
        self.restoreState()
