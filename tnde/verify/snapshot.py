"""What the signer saw: a page of the signed revision as a PNG.

The signed revision is the file cut at the end of the signature's ``/ByteRange``; rendering
it (not the final file) shows the auditor what the signature actually covers. The page is
the one with the visible signature widget, else page 1. Form fields and widgets are drawn
from their appearance streams, as a viewer shows them.
"""

from __future__ import annotations

import io
import logging

from tnde.pdfium import PDFIUM_LOCK

__all__ = ["signed_page_png"]

log = logging.getLogger(__name__)


def signed_page_png(data: bytes, signed_end: int, page: int | None, *, dpi: float = 100) -> bytes:
    """PNG of ``page`` (1-based; ``None`` means page 1) of ``data[:signed_end]``.

    Raises:
        ValueError: ``signed_end`` is outside the file.
        pypdfium2.PdfiumError: PDFium cannot open or render the revision.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    if not 0 < signed_end <= len(data):
        raise ValueError(f"signed_end {signed_end} is outside the file ({len(data)} bytes)")
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(data[:signed_end])
        try:
            # Before any page is loaded, or widgets (signature appearances) are not drawn.
            if pdf.init_forms():
                pdfium_raw.FPDF_SetFormFieldHighlightAlpha(pdf.formenv.raw, 0)
            index = (page or 1) - 1
            if not 0 <= index < len(pdf):
                index = 0
            page_object = pdf[index]
            bitmap = page_object.render(scale=dpi / 72, may_draw_forms=True)
            out = io.BytesIO()
            bitmap.to_pil().save(out, format="PNG", optimize=True)
            # closed here, under the lock: a finaliser run later on another thread would
            # call into PDFium unlocked
            bitmap.close()
            page_object.close()
        finally:
            pdf.close()
    return out.getvalue()
