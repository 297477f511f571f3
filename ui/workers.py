"""The one way the UI runs work off the GUI thread.

Screens never make threads. They wrap a call in an op::

    Op(self, lambda: services.letters.approve(nip, letter_id)) \\
        .with_progress(self.tr("Approving…")) \\
        .success(self._on_approved) \\
        .failure(self._on_approve_failed) \\
        .run()

* :class:`Op` runs on the **write pool** (one thread, so store writes happen one at a time);
  :class:`QueryOp` runs read-only work on the global pool, in parallel.
* ``fn`` is called with no arguments, or — after :meth:`Op.reporting` — with the keyword
  arguments ``progress`` (a :class:`tnde.progress.ProgressSink`) and ``cancel`` (a
  :class:`tnde.progress.CancelToken`), which is how core long operations take them.
* Callbacks run on the GUI thread. A failure without a ``failure`` callback goes to
  :func:`ui.errors.show_failure`; :class:`tnde.errors.Cancelled` is never an error.
* Progress UX: busy cursor after 300 ms, a progress dialog after 600 ms (only with
  :meth:`Op.with_progress`), refreshed by a 100 ms timer from the newest report; the dialog has a
  Cancel button only when ``fn`` receives the cancel token.
* Every running op is kept in a registry until its callbacks ran; :func:`shutdown` cancels them
  and waits, and the test suite fails when ops are left running.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Self

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from tnde.errors import Cancelled
from tnde.progress import CancelToken
from ui.errors import show_failure, show_status

if TYPE_CHECKING:
    from collections.abc import Callable

log = logging.getLogger(__name__)

__all__ = [
    "LatestProgress",
    "Op",
    "Progress",
    "QueryOp",
    "Worker",
    "WorkerSignals",
    "run_with_progress",
    "running_ops",
    "shutdown",
    "write_pool",
]

BUSY_CURSOR_MS = 300
"""Delay before the busy cursor shows (Anki: quick ops never flash anything)."""
DIALOG_MS = 600
"""Delay before the progress dialog shows."""
POLL_MS = 100
"""How often the progress dialog reads the newest report."""


@dataclass(frozen=True)
class Progress:
    """One progress report."""

    done: int
    """Steps finished."""
    total: int
    """Steps in all; 0 when unknown (the dialog then shows a busy bar)."""
    text: str = ""
    """What is being done now, for the dialog's label."""


class LatestProgress:
    """A :class:`tnde.progress.ProgressSink` that keeps only the newest report (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: Progress | None = None

    def __call__(self, done: int, total: int, text: str = "") -> None:
        with self._lock:
            self._latest = Progress(done, total, text)

    def latest(self) -> Progress | None:
        """The newest report, or None before the first."""
        with self._lock:
            return self._latest


class WorkerSignals(QObject):
    """The signals of a :class:`Worker`; a separate QObject because QRunnable is not one."""

    sig_started = Signal()
    """The function began running on its pool thread."""
    sig_succeeded = Signal(object)
    """The function returned (its result: object)."""
    sig_failed = Signal(object)
    """The function raised (the exception: BaseException, with its ``__traceback__``)."""
    sig_cancelled = Signal()
    """The function raised :class:`tnde.errors.Cancelled`."""


class Worker(QRunnable):
    """Runs ``fn`` once on a pool thread and reports through :attr:`signals`.

    Workers never touch widgets: ``fn`` must only call core services.
    """

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        # The pool owns the runnable while it runs and deletes it after ``run`` returns; the
        # op's reference must not be the last one (a runnable freed by the GUI thread while
        # its ``run`` still unwinds on the pool thread would crash).
        self.setAutoDelete(True)
        self._fn: Callable[[], Any] | None = fn
        self.signals = WorkerSignals()
        self.exited = False
        """Set as the last thing :meth:`run` does on the pool thread."""

    def run(self) -> None:
        try:
            self.signals.sig_started.emit()
            fn, self._fn = self._fn, None  # its closure may hold a password: not kept after
            assert fn is not None
            try:
                result = fn()
            except Cancelled:
                self.signals.sig_cancelled.emit()
            except Exception as exc:  # reported to the GUI thread, which chooses the surface
                log.debug("worker function raised", exc_info=True)
                self.signals.sig_failed.emit(exc)
            else:
                self.signals.sig_succeeded.emit(result)
        except RuntimeError:
            # the signals object is gone: the application is shutting down
            log.debug("worker finished after its signals were deleted", exc_info=True)
        finally:
            self.exited = True


_RETIRED: deque[Worker] = deque()
"""Workers of finished ops, kept until their pool thread has surely left ``run``.

An op learns that its function finished from a queued signal, which the GUI thread may handle
while the pool thread is still inside ``emit`` or PySide's ``QRunnable.run`` trampoline.
Dropping the last Python reference then frees the runnable and its signals object under
that thread: random segfaults. A finished worker is therefore kept here and let go only once
it has set :attr:`Worker.exited` and newer workers have finished after it.
"""
_RETIRED_KEEP = 16


def _retire(worker: Worker | None) -> None:
    if worker is None:
        return
    _RETIRED.append(worker)
    while len(_RETIRED) > _RETIRED_KEEP and _RETIRED[0].exited:
        _RETIRED.popleft()


_write_pool: QThreadPool | None = None


def write_pool() -> QThreadPool:
    """The pool for store writes: one thread, so writes never overlap."""
    global _write_pool  # one pool per process, made on first use
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)
        _write_pool.setObjectName("tnde-write-pool")
    return _write_pool


def _read_pool() -> QThreadPool:
    return QThreadPool.globalInstance()


class Op(QObject):
    """A call to the core run off the GUI thread, with progress, cancel and callbacks.

    Args:
        parent: the widget the op works for; its window shows the progress dialog and error
            messages. If it is destroyed before the op ends, the callbacks are skipped.
        fn: the work; see the module docstring for its arguments.
    """

    sig_finished = Signal()
    """The op ended (succeeded, failed or cancelled) and its callbacks ran."""

    _running: ClassVar[set[Op]] = set()

    def __init__(self, parent: QWidget | None, fn: Callable[..., Any]) -> None:
        super().__init__()
        self._parent = parent
        self._fn = fn
        self._label: str | None = None
        self._reporting = False
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_cancel: Callable[[], None] | None = None
        self.cancel_token = CancelToken()
        """Set by :meth:`cancel` (and by the dialog's Cancel button)."""
        self.progress = LatestProgress()
        """The newest report of ``fn`` (when :meth:`reporting`)."""
        self._worker: Worker | None = None
        self._dialog: QProgressDialog | None = None
        self._cursor_set = False
        self._done = False
        self._timers: list[QTimer] = []

    # -- building ---------------------------------------------------------------------------

    def with_progress(self, text: str) -> Self:
        """Show ``text`` in a progress dialog if the op takes longer than 600 ms."""
        self._label = text
        return self

    def reporting(self) -> Self:
        """Call ``fn(progress=…, cancel=…)``; the progress dialog gets a Cancel button."""
        self._reporting = True
        return self

    def success(self, callback: Callable[[Any], None]) -> Self:
        """Run ``callback(result)`` on the GUI thread when ``fn`` returns."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Self:
        """Run ``callback(exception)`` instead of the standard error message."""
        self._on_failure = callback
        return self

    def on_cancel(self, callback: Callable[[], None]) -> Self:
        """Run ``callback()`` when the op was cancelled."""
        self._on_cancel = callback
        return self

    # -- running ------------------------------------------------------------------------------

    def pool(self) -> QThreadPool:
        """Where the op runs: the one-thread write pool."""
        return write_pool()

    def run(self) -> Self:
        """Start the op. Returns at once; the callbacks come later on the GUI thread."""
        if self._reporting:
            progress, cancel, fn = self.progress, self.cancel_token, self._fn

            def call() -> Any:
                return fn(progress=progress, cancel=cancel)

            worker = Worker(call)
        else:
            worker = Worker(self._fn)
        queued = Qt.ConnectionType.QueuedConnection
        worker.signals.sig_succeeded.connect(self._on_worker_succeeded, queued)
        worker.signals.sig_failed.connect(self._on_worker_failed, queued)
        worker.signals.sig_cancelled.connect(self._on_worker_cancelled, queued)
        self._worker = worker
        Op._running.add(self)
        self._after(BUSY_CURSOR_MS, self._show_busy_cursor)
        if self._label is not None:
            self._after(DIALOG_MS, self._show_dialog)
        self.pool().start(worker)
        return self

    def cancel(self) -> None:
        """Ask ``fn`` to stop (it must check its cancel token)."""
        self.cancel_token.cancel()

    @property
    def is_running(self) -> bool:
        """Whether the op has not ended yet."""
        return not self._done

    # -- slots --------------------------------------------------------------------------------

    def _on_worker_succeeded(self, result: object) -> None:
        self._end()
        if self._on_success is not None and self._parent_alive():
            self._on_success(result)
        self._finish()

    def _on_worker_failed(self, exc: BaseException) -> None:
        self._end()
        if self._parent_alive():
            if self._on_failure is not None:
                self._on_failure(exc)
            else:
                show_failure(self._parent, exc)
        self._finish()

    def _on_worker_cancelled(self) -> None:
        self._end()
        if self._parent_alive():
            if self._on_cancel is not None:
                self._on_cancel()
            else:
                show_status(self._parent, QCoreApplication.translate("Op", "Cancelled."))
        self._finish()

    def _on_dialog_canceled(self) -> None:
        self.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(QCoreApplication.translate("Op", "Cancelling…"))

    def _on_poll(self) -> None:
        latest = self.progress.latest()
        if self._dialog is None or latest is None:
            return
        self._dialog.setMaximum(max(latest.total, 0))
        if latest.total:
            self._dialog.setValue(min(latest.done, latest.total))
        if latest.text and not self.cancel_token.cancelled:
            self._dialog.setLabelText(f"{self._label}\n{latest.text}")

    # -- helpers ------------------------------------------------------------------------------

    def _after(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        timer.start(ms)
        self._timers.append(timer)
        return timer

    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _show_busy_cursor(self) -> None:
        if not self._done and not self._cursor_set:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._cursor_set = True

    def _show_dialog(self) -> None:
        if self._done or not self._parent_alive():
            return
        parent = self._parent.window() if self._parent is not None else None
        dialog = QProgressDialog(parent)
        dialog.setWindowTitle(QCoreApplication.translate("Op", "Please wait"))
        dialog.setLabelText(self._label or "")
        dialog.setRange(0, 0)
        dialog.setMinimumDuration(0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        if self._reporting:
            dialog.setCancelButtonText(QCoreApplication.translate("Op", "Cancel"))
            dialog.canceled.connect(self._on_dialog_canceled)
        else:
            dialog.setCancelButton(None)  # Qt accepts null: no button
        dialog.show()
        self._dialog = dialog
        poll = QTimer(self)
        poll.timeout.connect(self._on_poll)
        poll.start(POLL_MS)
        self._timers.append(poll)

    def _end(self) -> None:
        self._done = True
        for timer in self._timers:
            timer.stop()
        self._timers.clear()
        if self._cursor_set:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_set = False
        if self._dialog is not None:
            if shiboken6.isValid(self._dialog):
                self._dialog.canceled.disconnect()
                self._dialog.close()
                self._dialog.deleteLater()
            self._dialog = None

    def _finish(self) -> None:
        self.sig_finished.emit()
        Op._running.discard(self)
        _retire(self._worker)
        self._worker = None
        # the retired worker may outlive the screen: keep nothing of it
        self._on_success = self._on_failure = self._on_cancel = None


class QueryOp(Op):
    """A read-only op: runs on the shared pool, in parallel with other reads."""

    def pool(self) -> QThreadPool:
        """Where the op runs: Qt's global pool."""
        return _read_pool()


def running_ops() -> list[Op]:
    """Ops that have not ended (tests assert this is empty after each test)."""
    return [op for op in Op._running if op.is_running]


def shutdown(timeout_ms: int = 5000) -> bool:
    """Cancel every running op and wait for the pools; True when all threads finished."""
    for op in list(Op._running):
        op.cancel()
    done = True
    for pool in (write_pool(), _read_pool()):
        done = pool.waitForDone(timeout_ms) and done
    return done


def run_with_progress(text: str, fn: Callable[[], object]) -> None:
    """Run ``fn`` on the worker pool before the main window exists, with a busy dialog, so the
    first start (several seconds: RSA keys for every official) does not look frozen.

    Raises:
        BaseException: whatever ``fn`` raised.
    """
    dialog = QProgressDialog(text, "", 0, 0)
    dialog.setCancelButton(None)  # the demo is made whole or not at all: nothing to cancel
    dialog.setWindowTitle("TNDE Desktop")
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(460)
    dialog.show()
    loop = QEventLoop()
    failed: list[BaseException] = []

    def on_failure(exc: BaseException) -> None:
        failed.append(exc)
        loop.quit()

    Op(None, fn).success(lambda _result: loop.quit()).failure(on_failure).run()
    loop.exec()
    dialog.close()
    if failed:
        raise failed[0]
