"""Progress and cancellation for long core operations, without Qt.

A long operation takes ``progress: ProgressSink | None`` and ``cancel: CancelToken | None``,
reports with ``progress(done, total, text)`` and calls ``cancel.check()`` between steps, which
raises :class:`~tnde.errors.Cancelled` once someone asked to stop. The desktop app's workers
pass a sink that only keeps the newest report (the window polls it) and a token its Cancel
button sets; the CLI passes nothing.
"""

from __future__ import annotations

import threading
from typing import Protocol

from tnde.errors import Cancelled
from tnde.messages import _

__all__ = ["CancelToken", "ProgressSink", "check_cancel"]


class ProgressSink(Protocol):
    """Receives progress reports: ``done`` of ``total`` steps (``total`` 0: unknown)."""

    def __call__(self, done: int, total: int, text: str = "") -> None: ...


class CancelToken:
    """A flag another thread sets to ask a long operation to stop. Thread-safe."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the operation to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether stopping was asked for."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if stopping was asked for.

        Raises:
            Cancelled: :meth:`cancel` was called.
        """
        if self._event.is_set():
            raise Cancelled(_("cancelled by the user"))


def check_cancel(cancel: CancelToken | None) -> None:
    """:meth:`CancelToken.check` for an optional token."""
    if cancel is not None:
        cancel.check()
