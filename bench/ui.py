"""Desktop UI timings: start to an interactive main window, and showing a 100,000-letter list.

    QT_QPA_PLATFORM=offscreen python bench/ui.py [--letters 100000] [--runs 7]

* **start**: from launching a fresh Python process to the main window shown on the demo
  workspace with its event loop running (the child reports when its first queued event runs);
  the issue asks for ≤ 1.5 s. Also checks that reportlab, pyHanko and pypdf are not imported.
* **list**: a registry desk opens Naskah Keluar over the workflow benchmark's workspace
  (``bench/workflow.py`` builds it once and caches it): time from asking for the list to the
  first page in the table, the next page while scrolling, a re-sort by subject (SQL over all
  rows), and the exact count shown above the list.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# This file is bench/ui.py: take its folder off the path so ``import ui`` finds the app.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench.benchkit import report  # noqa: E402 - after the path is fixed

_CHILD = """
import sys, time, json
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.i18n import install_translators
from ui.settings import use_folder
from ui.theme import apply_theme
use_folder(Path(sys.argv[2]))
install_translators("id")
apply_theme(app)
from tnde.workspace import Workspace
from ui.main_window import MainWindow
window = MainWindow(Workspace.open(Path(sys.argv[1])))
window.show()
def ready():
    heavy = [m for m in ("reportlab", "pyhanko", "pypdf") if m in sys.modules]
    print(json.dumps({"at": time.time(), "heavy": heavy}))
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def bench_start(runs: int) -> None:
    from tnde.demo import create_demo

    folder = Path(tempfile.mkdtemp(prefix="tnde-bench-ui "))
    create_demo(folder / "demo")
    samples, heavy = [], set()
    for _ in range(runs + 1):  # the first run warms the disk cache
        started = time.time()
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(folder / "demo"), str(folder)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        )
        line = json.loads(out.stdout.strip().splitlines()[-1])
        samples.append((line["at"] - started) * 1000)
        heavy.update(line["heavy"])
    report("start: process launch → interactive main window (demo)", samples[1:], 1500)
    print(f"  heavy modules imported before the window showed: {sorted(heavy) or 'none'}")


def bench_list(letters: int, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from tnde.workflow import Queue
    from tnde.workspace import Workspace
    from ui.screens.letters_screen import LettersScreen
    from ui.services import Services
    from ui.settings import use_folder
    from ui.workers import shutdown

    # bench/workflow.py puts bench/ on the path, where this file would shadow ``ui``: it is
    # imported only after the UI modules
    workspace_for = importlib.import_module("bench.workflow").workspace_for
    app = QApplication.instance() or QApplication([])
    use_folder(Path(tempfile.mkdtemp(prefix="tnde-bench-ui-settings ")))
    args = argparse.Namespace(
        letters=letters, keep=None, rebuild=False, batch=1000, real_codec=False
    )
    path, info, _built = workspace_for(args)
    ws = Workspace.open(path)
    registry = (
        ws.thread_connection()
        .execute(
            "SELECT a.nip FROM assignment a JOIN jabatan j ON j.jabatan_id = a.jabatan_id "
            "WHERE j.registry = 1 LIMIT 1"
        )
        .fetchone()[0]
    )
    services = Services.open(ws, registry)
    screen = LettersScreen(services, Queue.NASKAH_KELUAR)
    screen.resize(1400, 900)
    screen.show()

    def wait(condition: object, timeout: float = 60) -> None:
        end = time.perf_counter() + timeout
        while not condition():  # type: ignore[operator]
            app.processEvents()
            if time.perf_counter() > end:
                raise TimeoutError
            time.sleep(0.001)

    def first_page() -> None:
        screen.model.reload()
        wait(lambda: screen.model.rowCount() > 0 and not screen.model.is_loading)
        app.processEvents()

    def next_page() -> None:
        before = screen.model.rowCount()
        screen.list.table.scrollToBottom()
        screen.model.fetchMore(screen.model.index(-1, -1))
        wait(lambda: screen.model.rowCount() > before)
        app.processEvents()

    def resort() -> None:
        key = "hal" if screen.model.sort_key != "hal" else "tanggal"
        screen.model.set_sort(key, False)
        wait(lambda: screen.model.rowCount() > 0 and not screen.model.is_loading)
        app.processEvents()

    counted: list[int] = []
    screen.sig_counted.connect(counted.append)

    def count() -> None:
        counted.clear()
        screen._count()
        wait(lambda: bool(counted))

    def measure(fn: object) -> list[float]:
        fn()  # type: ignore[operator]
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            fn()  # type: ignore[operator]
            samples.append((time.perf_counter() - started) * 1000)
        return samples

    print(f"workspace: {path} ({info['letters']:,} letters)")
    report("list: Naskah Keluar, first page shown (registry desk)", measure(first_page), 200)
    report("list: next page while scrolling", measure(next_page), 100)
    report("list: re-sort by subject (SQL over every letter)", measure(resort), 1000)
    report("list: exact count for the header", measure(count))
    print(f"  letters in the list: {counted[0]:,}")
    screen.close()
    shutdown()
    ws.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-start", action="store_true")
    args = parser.parse_args()
    if not args.skip_start:
        bench_start(args.runs)
    bench_list(args.letters, args.runs)


if __name__ == "__main__":
    main()
