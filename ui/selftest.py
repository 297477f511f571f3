"""``tnde-desktop --self-test``: the core's self-test, then what only the desktop adds.

The core's steps (:mod:`tnde.selftest`: render every jenis, build a demo workspace, sign a
letter at B-LT, verify it, draw a page) prove the libraries and data files of an
installation; the desktop adds what a packaged window can lose on its own: its Indonesian
translation (a ``.qm`` left out of the bundle shows every screen in English) and the main
window itself, opened on the self-test's demo workspace with the screen of every queue
built, then closed. The window is never shown on a display: :func:`ui.app.main` starts Qt
offscreen for a self-test.

Each step is printed as it ends (and logged, since a windowed program on Windows has no
console); the exit code is 0 only when every step passed.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMessageBox

from tnde.selftest import SelfTestCheck, SelfTestError, run_self_test, step_line
from tnde.workspace import Workspace
from ui.i18n import CATALOGUES, install_translators
from ui.main_window import MainWindow
from ui.settings import UiSettings, use_folder
from ui.workers import running_ops, shutdown

__all__ = ["check_translations", "check_window", "desktop_checks", "desktop_self_test"]

log = logging.getLogger(__name__)

translate = QCoreApplication.translate

IDLE_TIMEOUT_S = 60.0
"""How long the window's screens may take to load their lists before the step fails."""


def desktop_self_test() -> int:
    """Run the whole self-test, print each step; 0 when every step passed, else 1."""
    result = run_self_test(_print_step, checks=desktop_checks())
    if result.ok:
        return 0
    names = ", ".join(step.title for step in result.failed)
    _write(
        sys.stderr,
        translate("SelfTest", "Self-test failed: %1").replace("%1", names),
    )
    return 1


def desktop_checks() -> tuple[SelfTestCheck, ...]:
    """The desktop's own steps, run after the core's on its demo workspace."""
    return (
        SelfTestCheck(
            "translations",
            translate("SelfTest", "Indonesian translation of the window"),
            check_translations,
        ),
        SelfTestCheck(
            "window",
            translate("SelfTest", "main window on the demo workspace"),
            check_window,
        ),
    )


def check_translations(_workspace: Path | None) -> str:
    """Load the Indonesian catalogues and see one of the window's words come out translated."""
    if not install_translators("id"):
        raise SelfTestError(translate("SelfTest", "the Indonesian translation did not load"))
    source = "Dashboard"
    if QCoreApplication.translate("MainWindow", source) == source:
        raise SelfTestError(translate("SelfTest", "the window's words are not translated"))
    return ", ".join(CATALOGUES)


def check_window(workspace: Path | None) -> str:
    """Open the main window on ``workspace``, build every queue's screen, and close it.

    The window's settings go to a folder of their own, so the self-test never changes the
    user's (a closing window saves its geometry).
    """
    if workspace is None:
        raise SelfTestError(translate("SelfTest", "no demo workspace to open"))
    with tempfile.TemporaryDirectory(prefix="tnde-self-test-settings-") as folder:
        use_folder(Path(folder))
        with Workspace.open(workspace) as ws:
            window = MainWindow(ws, settings=UiSettings())
            try:
                window.show()
                built = window.self_test()
                idle = _wait_idle()
                failures = [
                    box.text()
                    for box in window.findChildren(QMessageBox, "failure_box")
                    if box.isVisible()
                ]
                screens = len(window.screens)
            finally:
                window.close()
                window.deleteLater()
                shutdown()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if failures:
        raise SelfTestError(failures[0])
    if not built:
        raise SelfTestError(translate("SelfTest", "a screen of the window was not built"))
    if not idle:
        raise SelfTestError(
            translate("SelfTest", "the screens did not finish loading in %1 s").replace(
                "%1", str(int(IDLE_TIMEOUT_S))
            )
        )
    return translate("SelfTest", "%n screen(s) opened and closed", "", screens)


def _wait_idle() -> bool:
    """Let the screens' queries finish (their answers arrive through the event loop)."""
    deadline = time.monotonic() + IDLE_TIMEOUT_S
    while running_ops():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.01)
    QCoreApplication.processEvents()
    return True


def _print_step(title: str, ok: bool, reason: str) -> None:
    _write(sys.stdout, step_line(title, ok, reason))


def _write(stream: TextIO | None, line: str) -> None:
    """``line`` on ``stream``, which a windowed program on Windows does not have."""
    if stream is None:
        return
    stream.write(line + "\n")
    stream.flush()
