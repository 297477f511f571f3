"""TNDE Desktop core: drafting, numbering, rendering and checking of naskah dinas.

This package never imports Qt; the desktop front end lives in :mod:`ui`.
"""

from __future__ import annotations

__version__ = "0.1.0"
