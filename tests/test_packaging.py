"""The wheel carries every package and the resources the core reads at run time."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("tnde", "ui")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "tnde._resources" in listed


def test_version_has_one_home() -> None:
    from tnde import __version__

    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'version = { attr = "tnde.__version__" }' in pyproject
    assert __version__.count(".") == 2


def test_every_python_folder_is_a_package() -> None:
    """A folder of modules without __init__.py would be left out of the wheel."""
    for top in ("tnde", "ui"):
        for module in (ROOT / top).rglob("*.py"):
            folder = module.parent
            if "__pycache__" in folder.parts:
                continue
            assert (folder / "__init__.py").exists(), f"{folder} has no __init__.py"
