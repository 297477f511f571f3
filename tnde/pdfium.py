"""One lock for PDFium in this process.

PDFium (through pypdfium2) is not thread-safe: two documents rendered at the same time on two
threads can crash the process. The desktop app renders on worker threads in several places
(the letter preview, the drafting preview, the verification report's page images), so every
use of pypdfium2 in the process takes this one lock, for opening, rendering and closing.
"""

from __future__ import annotations

import threading

__all__ = ["PDFIUM_LOCK"]

PDFIUM_LOCK = threading.RLock()
"""Held around every pypdfium2 call (re-entrant: a helper may call another)."""
