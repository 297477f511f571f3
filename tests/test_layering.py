"""The core never imports Qt, checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import importlib, pkgutil, sys
import tnde
for info in pkgutil.walk_packages(tnde.__path__, "tnde."):
    if info.name == "tnde.__main__":
        continue
    importlib.import_module(info.name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "ui"))
print("\\n".join(bad))
"""


def test_core_imports_no_qt() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == "", f"tnde pulled in: {proc.stdout}"


def test_import_linter_contract() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


#: UI modules that already reach the workspace only through the core's services; the rest
#: of ui/ joins this list as it moves off the database.
THROUGH_SERVICES = ("ui/drafting/directory.py", "ui/main_window.py", "ui/models/letters.py")


def test_these_ui_modules_never_touch_the_database() -> None:
    root = Path(__file__).resolve().parent.parent
    for name in THROUGH_SERVICES:
        text = (root / name).read_text(encoding="utf-8")
        for word in ("thread_connection", "sqlite3", ".execute("):
            assert word not in text, f"{name} uses {word}"
