"""What the screenshot tools share (``screenshots.py``, ``screenshots_signing.py``): waiting
for the event loop, and a demo workspace opened in a fresh application under a temporary
home (TNDE_HOME too, so nothing of the user's is touched)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from PySide6.QtWidgets import QApplication

    from tnde.workspace import Workspace

__all__ = ["Session", "demo_session", "idle", "out_folder", "settle", "wait"]


def wait(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Run the event loop until ``condition`` holds.

    Raises:
        TimeoutError: it did not within ``timeout`` seconds.
    """
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QApplication.processEvents()
        if condition():
            return
        time.sleep(0.02)
    raise TimeoutError("the screen did not finish loading")


def settle(seconds: float = 0.6) -> None:
    """Run the event loop for ``seconds`` (animations, late paints)."""
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def idle() -> bool:
    """Whether no op of the app is running."""
    from ui.workers import running_ops

    return not running_ops()


def out_folder(description: str | None) -> Path:
    """The ``--out`` folder of the command line (created)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    return out


@dataclass(frozen=True)
class Session:
    """The application, the temporary home and the demo workspace in it."""

    app: QApplication
    home: Path
    workspace: Workspace


@contextmanager
def demo_session() -> Iterator[Session]:
    """A fresh demo workspace in Indonesian with the app's theme; shut down on leaving."""
    home = Path(tempfile.mkdtemp(prefix="tnde shots "))
    os.environ["TNDE_HOME"] = str(home)

    from PySide6.QtWidgets import QApplication

    from tnde.demo import create_demo
    from tnde.workspace import Workspace
    from ui.i18n import install_translators
    from ui.settings import use_folder
    from ui.theme import apply_theme
    from ui.workers import shutdown

    app = QApplication(["screenshots"])
    use_folder(home)
    install_translators("id")
    apply_theme(app)
    create_demo(home / "demo")
    workspace = Workspace.open(home / "demo")
    yield Session(app, home, workspace)
    shutdown()
    workspace.close()
