"""The editor's ops: :class:`ui.workers.Op` and :class:`~ui.workers.QueryOp`, with one
workaround.

``Op._finish`` drops its :class:`~ui.workers.Worker` on the GUI thread as soon as the
callbacks ran. The pool thread may still be inside ``sig_succeeded.emit()`` or PySide's
``QRunnable.run`` trampoline at that moment, so the runnable and its signals object are freed
under it: random segfaults and "bool_dealloc" refcount errors, seen once in ten test runs and
in almost every run of ``bench/ui_drafting.py`` (the live preview starts many ops). Keeping
the last finished workers alive a little longer removes it (0 crashes in 5 bench runs against
5 in 5 without). Remove this module when ``ui/workers.py`` keeps a worker until its thread
has left ``run()``.
"""

from __future__ import annotations

from collections import deque

from ui.workers import Op, QueryOp

__all__ = ["DraftOp", "DraftQueryOp"]

_FINISHED: deque[object] = deque(maxlen=64)
"""Workers of finished ops, kept until 64 newer ops have finished."""


def _keep(op: Op, worker: object) -> None:
    """Keep the finished op's worker (the C++ runnable and its signals) but nothing of the
    screen: the callbacks and the parent widget are dropped, so a closed editor is freed."""
    _FINISHED.append(worker)
    op._parent = None
    op._on_success = op._on_failure = op._on_cancel = None


class DraftOp(Op):
    """A store write of the editor (see the module docstring)."""

    def _finish(self) -> None:
        worker = self._worker
        super()._finish()
        _keep(self, worker)


class DraftQueryOp(QueryOp):
    """A read or a render of the editor (see the module docstring)."""

    def _finish(self) -> None:
        worker = self._worker
        super()._finish()
        _keep(self, worker)
