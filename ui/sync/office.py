"""``tnde-desktop --office`` (``./dev.sh run --office``): the demo office on this computer, a
window per chosen official, so anyone can watch a letter travel from the konseptor's window
to the reviewer's.

The office is made once (``tnde demo --office``, in a child process: the archive server
never loads into the desktop app) and kept in :func:`tnde.paths.demo_office_path`. Its
archive is served by another child process for as long as the app runs, on this computer
only. Each window signs in with its official's DEMO password into memory: nothing is kept in
the keyring, so the demo works where there is none.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tnde import sync
from tnde.errors import TndeError
from tnde.paths import demo_office_path
from tnde.secrets import MemorySecretStore
from tnde.workspace import Workspace
from ui.dialogs.buttons import button_box
from ui.main_window import MainWindow
from ui.messages import describe_error
from ui.workers import run_with_progress

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from tnde.sync import DemoOffice, OfficeDesk
    from ui.settings import UiSettings

log = logging.getLogger(__name__)

translate = QCoreApplication.translate

__all__ = [
    "ChooseDesksDialog",
    "make_office",
    "open_desks",
    "run_office",
    "serve_office",
    "stop_server",
]

PORT = 8470
"""The port the demo office's archive is served on (this computer only)."""
START_SECONDS = 30.0
"""How long the archive server may take to answer after it was started."""


class ChooseDesksDialog(QDialog):
    """Which officials get a window (the konseptor and the first reviewer by default)."""

    def __init__(self, office: DemoOffice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Demo office"))
        intro = QLabel(
            self.tr(
                "A window opens for each official you tick; each works at their own "
                "workspace, linked to the office's archive on this computer. Draft a letter "
                "in the konseptor's window and watch it arrive in the reviewer's."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.boxes: list[tuple[QCheckBox, OfficeDesk]] = []
        for n, desk in enumerate(office.desks):
            held = desk.jabatan_nama or desk.jabatan_id
            box = QCheckBox(f"{desk.nama} — {held}")
            box.setChecked(n < 2)
            layout.addWidget(box)
            self.boxes.append((box, desk))
        buttons = button_box(self.tr("Open windows"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[OfficeDesk]:
        """The desks ticked."""
        return [desk for box, desk in self.boxes if box.isChecked()]


def run_office(app: QApplication, settings: UiSettings) -> int:
    """Make or open the demo office, serve its archive, open the chosen windows; the app's
    exit code."""
    folder = demo_office_path()
    try:
        office = sync.read_demo_office(folder)
        if office is None:
            made: list[DemoOffice] = []
            run_with_progress(
                translate(
                    "Office", "Preparing the demo office: an archive and a desk per official…"
                ),
                lambda: made.append(make_office(folder)),
            )
            office = made[0]
        server = serve_office(office)
    except (TndeError, OSError) as exc:
        _fail(describe_error(exc)[0])
        return 1
    try:
        dialog = ChooseDesksDialog(office)
        if not dialog.exec() or not dialog.chosen():
            return 0
        windows = open_desks(dialog.chosen(), settings)
        if not windows:
            return 1
        code = app.exec()
        for window in windows:
            window.close()
        return code
    finally:
        stop_server(server)


def open_desks(desks: list[OfficeDesk], settings: UiSettings) -> list[MainWindow]:
    """A window per desk, signed in with its DEMO password, side by side."""
    windows: list[MainWindow] = []
    screen = QGuiApplication.primaryScreen().availableGeometry()
    width = max(960, screen.width() // max(1, len(desks)))
    for n, desk in enumerate(desks):
        secrets = MemorySecretStore()
        try:
            workspace = Workspace.open(desk.workspace)
            sync.sign_in_again(workspace, desk.password, secrets)
        except TndeError as exc:
            _fail(describe_error(exc)[0])
            continue
        window = MainWindow(workspace, settings=settings, secrets=secrets)
        window.setWindowTitle(
            translate("Office", "%1 — TNDE Desktop (demo office)").replace("%1", desk.nama)
        )
        window.resize(width, screen.height())
        window.move(screen.x() + n * width, screen.y())
        window.show()
        windows.append(window)
    return windows


def tnde_command() -> list[str]:
    """How to run the command line: this Python with ``-m tnde`` from a checkout or a pip
    install; in the installed bundle, where this executable is the desktop app, the ``tnde``
    executable beside it."""
    if getattr(sys, "frozen", False):
        suffix = ".exe" if sys.platform == "win32" else ""
        return [str(Path(sys.executable).with_name(f"tnde{suffix}"))]
    return [sys.executable, "-m", "tnde"]


def make_office(folder: Path, *, port: int = PORT) -> DemoOffice:
    """Make the demo office in ``folder`` with the command line, in a child process (the
    archive server stays out of this one). Its desks' sign-ins are not kept anywhere: the
    windows sign in with the DEMO passwords at each start.

    Raises:
        TndeError: the command failed (its message says why).
    """
    command = [*tnde_command(), "demo", "--office", str(folder), "--port", str(port)]
    # no keyring for the child: DEMO sign-ins have no business in the user's keyring
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise TndeError(done.stderr.strip() or done.stdout.strip())
    office = sync.read_demo_office(folder)
    if office is None:
        raise TndeError(translate("Office", "The demo office was not made."))
    return office


def serve_office(office: DemoOffice) -> subprocess.Popen[bytes]:
    """Start serving the office's archive in a child process; returns once it answers.

    Raises:
        TndeError: the server stopped or did not answer in time (its log is in the office
            folder, ``arsip.log``).
    """
    command = [
        *tnde_command(),
        "archive",
        "serve",
        str(office.archive_folder),
        "--plain-http",
        "--port",
        str(office.port),
    ]
    # the server's own log goes to a file beside it: a pipe nobody reads would fill and stall it
    log_path = office.folder / "arsip.log"
    with log_path.open("ab") as log_file:
        server = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_SECONDS
    while not sync.archive_answers(office.url):
        if server.poll() is not None:
            error = log_path.read_bytes()[-2000:].decode(errors="replace")
            raise TndeError(
                translate("Office", "The demo office's archive did not start: %1").replace(
                    "%1", error.strip()[-500:]
                )
            )
        if time.monotonic() > deadline:
            server.kill()
            raise TndeError(translate("Office", "The demo office's archive did not answer."))
        time.sleep(0.2)
    return server


def _fail(text: str) -> None:
    QMessageBox.critical(None, translate("Office", "Demo office"), text)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the office's archive: politely, then for sure (held long polls may keep it
    waiting; every write of the archive is a transaction, so a kill loses nothing)."""
    server.terminate()
    try:
        server.wait(3)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)
