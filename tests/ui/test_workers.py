"""The one worker primitive: results and errors on the GUI thread, cancel, progress, the
one-thread write pool."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QWidget

from tnde.errors import Cancelled, WorkflowRefused
from ui.workers import Op, QueryOp, running_ops, write_pool

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_success_runs_the_callback_on_the_gui_thread(qtbot: QtBot) -> None:
    seen: list[Any] = []
    worker_thread: list[threading.Thread] = []

    def work() -> int:
        worker_thread.append(threading.current_thread())
        return 42

    op = Op(None, work).success(lambda r: seen.append((r, threading.current_thread())))
    with qtbot.waitSignal(op.sig_finished, timeout=5000):
        op.run()
    assert seen == [(42, threading.main_thread())]
    assert worker_thread[0] is not threading.main_thread()
    assert not running_ops()


def test_failure_goes_to_the_callback_or_a_message_box(qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def refuse() -> None:
        raise WorkflowRefused("WF-TEST", "tidak boleh")

    op = Op(None, refuse).failure(errors.append)
    with qtbot.waitSignal(op.sig_finished, timeout=5000):
        op.run()
    assert isinstance(errors[0], WorkflowRefused)

    parent = QWidget()
    qtbot.addWidget(parent)
    op = Op(parent, refuse)
    with qtbot.waitSignal(op.sig_finished, timeout=5000):
        op.run()
    box = parent.findChild(QMessageBox, "failure_box")
    assert box is not None
    assert "tidak boleh" in box.text()
    assert box.windowTitle() == "Tindakan tidak diizinkan"
    box.close()


def test_cancel_stops_a_reporting_op_without_an_error(qtbot: QtBot) -> None:
    cancelled: list[bool] = []
    started = threading.Event()

    def long(progress: Any, cancel: Any) -> None:
        for i in range(500):
            progress(i, 500, f"langkah {i}")
            started.set()
            cancel.check()
            time.sleep(0.01)

    op = (
        Op(None, long)
        .reporting()
        .with_progress("Bekerja…")
        .on_cancel(lambda: cancelled.append(True))
    )
    op.run()
    qtbot.waitUntil(started.is_set)
    op.cancel()
    qtbot.waitSignal(op.sig_finished, timeout=5000)
    qtbot.waitUntil(lambda: not op.is_running)
    assert cancelled == [True]
    latest = op.progress.latest()
    assert latest is not None
    assert latest.total == 500


def test_progress_dialog_appears_for_slow_ops_only(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    gate = threading.Event()
    op = Op(parent, lambda: gate.wait(5)).with_progress("Menunggu…")
    op.run()
    qtbot.waitUntil(lambda: op._dialog is not None and op._dialog.isVisible(), timeout=3000)
    assert op._dialog is not None
    assert op._dialog.labelText() == "Menunggu…"
    gate.set()
    qtbot.waitUntil(lambda: not op.is_running)
    assert op._dialog is None


def test_writes_run_one_at_a_time(qtbot: QtBot) -> None:
    assert write_pool().maxThreadCount() == 1
    active = []
    overlap = []
    lock = threading.Lock()

    def write() -> None:
        with lock:
            active.append(1)
            overlap.append(len(active))
        time.sleep(0.02)
        with lock:
            active.pop()

    ops = [Op(None, write).run() for _ in range(5)]
    qtbot.waitUntil(lambda: all(not op.is_running for op in ops), timeout=5000)
    assert max(overlap) == 1


def test_query_ops_use_the_shared_pool(qtbot: QtBot) -> None:
    results: list[int] = []
    op = QueryOp(None, lambda: 7).success(results.append)
    with qtbot.waitSignal(op.sig_finished, timeout=5000):
        op.run()
    assert results == [7]


def test_cancelled_error_is_never_shown(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def stop() -> None:
        raise Cancelled("stop")

    op = Op(parent, stop)
    with qtbot.waitSignal(op.sig_finished, timeout=5000):
        op.run()
    assert parent.findChild(QMessageBox) is None
