"""Application bootstrap: QApplication, style, exception hook, main window."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from tnde import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import TracebackType

log = logging.getLogger(__name__)


def _install_excepthooks() -> None:
    """Log unexpected errors and show one dialog instead of dying silently (STYLE.md 22)."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("unhandled error", exc_info=(kind, value, tb))
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "TNDE Desktop",
                "Terjadi kesalahan yang tidak terduga. Rinciannya dicatat di log.",
            )

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(
        args.exc_type, args.exc_value or Exception(), args.exc_traceback
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Start the desktop app (``--self-test`` renders one letter and exits)."""
    parser = argparse.ArgumentParser(prog="tnde-desktop")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start without showing a window, render a sample letter, exit",
    )
    args, qt_args = parser.parse_known_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    QCoreApplication.setOrganizationName("TNDE")
    QCoreApplication.setApplicationName("TNDE Desktop")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication([sys.argv[0], *qt_args])
    app.setStyle("Fusion")
    _install_excepthooks()

    from ui.main_window import MainWindow

    window = MainWindow()
    if args.self_test:
        return 0 if window.self_test() else 1
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
