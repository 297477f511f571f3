"""PDF rendering of letters with reportlab: layout blocks, pages, fonts."""

from __future__ import annotations

from tnde.render.context import SlotPosition, TteStamp
from tnde.render.engine import RenderResult, render_letter

__all__ = ["RenderResult", "SlotPosition", "TteStamp", "render_letter"]
