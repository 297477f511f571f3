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
