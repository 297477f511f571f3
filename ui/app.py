"""Application bootstrap: logging, QApplication, style, exception hooks, main window."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import multiprocessing
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from tnde import __version__
from tnde.errors import TndeError
from tnde.lazy import lazy_function
from tnde.logsafe import NikRedactingFilter
from tnde.paths import default_workspace_path, demo_workspace_path
from tnde.secrets import KeyringSecretStore
from tnde.workspace import Workspace
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.theme import apply_theme
from ui.workers import run_with_progress, shutdown

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import TracebackType

    from tnde.demo import create_demo
    from ui.selftest import desktop_self_test
    from ui.sync.office import run_office
    from ui.sync.welcome import WelcomeDialog
else:  # building the demo (its PKI, its letters) loads only when there is none yet
    create_demo = lazy_function("tnde.demo", "create_demo")
    desktop_self_test = lazy_function("ui.selftest", "desktop_self_test")
    run_office = lazy_function("ui.sync.office", "run_office")
    WelcomeDialog = lazy_function("ui.sync.welcome", "WelcomeDialog")


log = logging.getLogger(__name__)


def setup_logging() -> None:
    """Log to a rotating file in the platform's log folder (and warnings to stderr)."""
    from platformdirs import user_log_path

    folder = user_log_path("TNDE Desktop", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        folder / "tnde-desktop.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    for each in (handler, console):
        each.addFilter(NikRedactingFilter())  # no NIK in a log, whoever logs it
        root.addHandler(each)


class CrashReporter(QObject):
    """Shows one dialog per unexpected error, always on the GUI thread."""

    sig_crash_reported = Signal(str)
    """A summary of an unhandled error (str); connected queued to the dialog."""

    def __init__(self) -> None:
        super().__init__()
        self.sig_crash_reported.connect(self._on_crash_reported, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Route ``sys.excepthook`` and ``threading.excepthook`` here."""
        sys.excepthook = self._hook
        threading.excepthook = lambda a: self._hook(
            a.exc_type, a.exc_value or Exception(), a.exc_traceback
        )

    def _hook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        # Runs on whatever thread failed: log here, show the dialog via a queued signal.
        log.critical("unhandled error", exc_info=(kind, value, tb))
        self.sig_crash_reported.emit(f"{kind.__name__}: {value}")

    def _on_crash_reported(self, summary: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("App", "TNDE Desktop"),
            QCoreApplication.translate(
                "App", "An unexpected error occurred. The details were written to the log."
            ),
        )
        box.setDetailedText(summary)
        ok = box.addButton(
            QCoreApplication.translate("App", "OK"), QMessageBox.ButtonRole.AcceptRole
        )
        folder = box.addButton(
            QCoreApplication.translate("App", "Open log folder"), QMessageBox.ButtonRole.ActionRole
        )
        box.setDefaultButton(ok)
        folder.clicked.connect(_open_log_folder)
        box.open()


def _open_log_folder() -> None:
    from platformdirs import user_log_path
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(
        QUrl.fromLocalFile(str(user_log_path("TNDE Desktop", appauthor=False)))
    )


def open_or_create_demo(path: Path | None = None) -> Workspace | None:
    """The demo workspace (made on first use)."""

    path = path or demo_workspace_path()
    try:
        if not (path / "workspace.sqlite").exists():
            log.info("first start: creating the demo workspace at %s", path)
            run_with_progress(
                QCoreApplication.translate(
                    "Startup",
                    "Preparing the demo workspace: sample letters and a DEMO certificate "
                    "for every official…",
                ),
                lambda: create_demo(path),
            )
        return Workspace.open(path)
    except TndeError:
        log.exception("cannot open the workspace at %s", path)
        return None


def open_workspace(settings: UiSettings, *, demo: bool = False) -> Workspace | None:
    """The workspace to start with: the demo when asked for; else the one chosen before (in
    Settings or on the welcome screen), else a workspace at the usual place; on the very
    first start, the welcome screen decides. A chosen folder that cannot be opened is asked
    for again."""

    if demo:
        return open_or_create_demo()
    chosen = settings.workspace_path
    if not chosen:
        usual = default_workspace_path()
        if (usual / "workspace.sqlite").exists():
            chosen = str(usual)
        else:
            return welcome(settings)
    try:
        return Workspace.open(Path(chosen))
    except TndeError as exc:
        log.warning("cannot open the workspace at %s: %s", chosen, type(exc).__name__)
    from PySide6.QtWidgets import QFileDialog

    folder = QFileDialog.getExistingDirectory(
        None, QCoreApplication.translate("App", "Choose a workspace folder")
    )
    if not folder:
        return None
    try:
        workspace = Workspace.open(Path(folder))
    except TndeError:
        log.exception("cannot open the workspace at %s", folder)
        return None
    settings.workspace_path = folder
    return workspace


def welcome(settings: UiSettings) -> Workspace | None:
    """The first start: link to the office's archive, open a folder, or try the demo; the
    choice is remembered. None when the user closed the screen."""
    dialog = WelcomeDialog(KeyringSecretStore())
    if not dialog.exec() or dialog.choice is None:
        return None
    workspace = dialog.workspace
    if workspace is None:  # the demo
        workspace = open_or_create_demo()
    if workspace is not None:
        settings.workspace_path = str(workspace.path)
        settings.sync()
    return workspace


def main(argv: Sequence[str] | None = None) -> int:
    """Start the desktop app (``--self-test`` checks the installation and exits)."""
    parser = argparse.ArgumentParser(prog="tnde-desktop")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the installation without showing a window: render, sign, verify, "
        "preview, the translation and the main window in a temporary demo workspace; "
        "exit 0 when all passed",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the demo workspace: a fictional office (made on first use)",
    )
    parser.add_argument(
        "--office",
        action="store_true",
        help="the demo office: its archive on this computer and a window per chosen official",
    )
    parser.add_argument(
        "--verify",
        nargs="+",
        metavar="PDF",
        help="open the Verifikasi queue on these PDFs (the file manager's "
        '"Verifikasi dengan TNDE")',
    )
    args, qt_args = parser.parse_known_args(argv)
    running = hold_running_mutex()  # the installer closes a running TNDE before upgrading

    multiprocessing.freeze_support()  # verification's worker processes in the packaged app
    if args.self_test:
        # nothing is shown, so no display is needed (an installer's check, a build server);
        # QT_QPA_PLATFORM set by the caller still wins
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    setup_logging()
    QCoreApplication.setOrganizationName("TNDE")
    QCoreApplication.setApplicationName("TNDE Desktop")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication([sys.argv[0], *qt_args])

    settings = UiSettings()
    install_translators(settings.language)
    apply_theme(app)
    reporter = CrashReporter()
    reporter.install()

    if args.self_test:
        code = desktop_self_test()
        shutdown()
        return code
    if args.office:
        code = run_office(app, settings)
        shutdown()
        return code
    workspace = open_workspace(settings, demo=args.demo)
    if workspace is None and not settings.workspace_path:
        return 0  # the welcome screen was closed: nothing was chosen, nothing to show
    window = MainWindow(workspace, settings=settings)
    window.show()
    # in the log for support ("slow to start?"), and what bench/bundle_start.py waits for
    QTimer.singleShot(0, lambda: log.info("ready: the main window is interactive"))
    if args.verify:
        window.verify_files([Path(p) for p in args.verify])
    code = app.exec()

    shutdown()
    del running
    return code


def hold_running_mutex() -> object:
    """On Windows, a named mutex held while the app runs: Inno Setup's ``AppMutex`` sees it
    and asks the user to close TNDE Desktop before an upgrade. Elsewhere, nothing."""
    if sys.platform != "win32":
        return None
    import ctypes  # Windows only

    return ctypes.windll.kernel32.CreateMutexW(None, False, "TNDEDesktopRunning")


if __name__ == "__main__":
    sys.exit(main())
