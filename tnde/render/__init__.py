"""PDF rendering of letters with reportlab: layout blocks, pages, fonts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.lazy import lazy_exports

if TYPE_CHECKING:
    from tnde.render.context import SlotPosition, TteStamp
    from tnde.render.engine import RenderResult, render_letter

__all__ = ["RenderResult", "SlotPosition", "TteStamp", "render_letter"]

# Loaded on first use: reportlab is slow to import (see tnde.lazy).
__getattr__ = lazy_exports(
    __name__,
    {
        "RenderResult": "tnde.render.engine",
        "SlotPosition": "tnde.render.context",
        "TteStamp": "tnde.render.context",
        "render_letter": "tnde.render.engine",
    },
)
