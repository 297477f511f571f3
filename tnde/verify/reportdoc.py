"""The page frame of the Berita Acara Verifikasi: A4 portrait in the office reports' frame."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from tnde import __version__
from tnde.formatting import EN_DASH
from tnde.render.reportdoc import ReportDoc

if TYPE_CHECKING:
    import datetime as dt
    import io

    from tnde.render.fonts import FontSet

__all__ = ["berita_acara_doc"]


def berita_acara_doc(
    buffer: io.BytesIO, *, fonts: FontSet, created: dt.datetime, document_id: bytes
) -> ReportDoc:
    """The document template of one Berita Acara, dated and identified from its input."""

    return ReportDoc(
        buffer,
        pagesize=A4,
        top_margin=15 * mm,
        fonts=fonts,
        created=created,
        document_id=document_id,
        footer=f"Berita Acara Verifikasi {EN_DASH} TNDE Desktop {__version__}",
        title="Berita Acara Verifikasi Tanda Tangan Elektronik",
        author="TNDE Desktop",
        subject="Hasil verifikasi luring tanda tangan elektronik",
        creator=f"TNDE Desktop {__version__}",
        producer=f"TNDE Desktop {__version__} (reportlab)",
    )
