"""What this copy of TNDE Desktop is: its version, when it was built, the libraries it runs on.

Support staff asked "which version is this?" need more than the version number: a packaged
build and a source checkout of the same version can differ, and a letter that renders or
verifies differently is often down to reportlab, pyHanko or PDFium. The About box shows all
of it.

A packaged (PyInstaller) build carries its build date beside the ``tnde`` package, written by
the packaging step: ``build_info.json`` (``{"version", "build_date", "commit"}``), or a
generated module ``tnde/_build_info.py`` with ``BUILD_DATE`` (and optionally ``COMMIT``). A
source checkout or an installed wheel has neither, and :attr:`BuildInfo.build_date` is
``None``.

Library versions come from the installed distributions' metadata, never from importing the
libraries: reportlab and pyHanko take most of a second to import, and the About box must
open at once. A bundle without that metadata falls back to the ``__version__`` of a library
already loaded, else the version is unknown (``None``).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde import __version__

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["LIBRARIES", "BuildInfo", "build_info", "library_versions"]

log = logging.getLogger(__name__)

LIBRARIES = (("reportlab", "reportlab"), ("pyHanko", "pyhanko"), ("pypdfium2", "pypdfium2"))
"""The libraries whose version the About box names: (distribution, module)."""

_BUILD_FILE = Path(__file__).resolve().parent / "build_info.json"
_BUILD_MODULE = "tnde._build_info"


@dataclass(frozen=True)
class BuildInfo:
    """This copy of the program."""

    version: str
    build_date: str | None
    """When the packaged build was made (``YYYY-MM-DD``); ``None`` outside a packaged build."""
    commit: str | None
    """The commit the packaged build was made from, when the build recorded it."""
    libraries: tuple[tuple[str, str | None], ...]
    """(name, version or ``None`` when unknown) of each of :data:`LIBRARIES`."""


def build_info() -> BuildInfo:
    """The version, the build's date and commit (when packaged), and the library versions."""
    recorded = _recorded_build()
    return BuildInfo(
        version=__version__,
        build_date=_text(recorded.get("build_date")),
        commit=_text(recorded.get("commit")),
        libraries=library_versions(),
    )


def library_versions() -> tuple[tuple[str, str | None], ...]:
    """(name, version or ``None``) of each of :data:`LIBRARIES`, without importing them."""
    return tuple((name, _version_of(name, module)) for name, module in LIBRARIES)


def _version_of(distribution: str, module: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        # a bundle may leave the metadata out: a library already loaded still knows itself
        loaded = sys.modules.get(module)
        return _text(getattr(loaded, "__version__", None)) if loaded is not None else None


def _recorded_build() -> dict[str, Any]:
    """What the packaging step recorded, or nothing (a source checkout, an installed wheel)."""
    module = _build_module()
    if module is not None:
        return {
            "build_date": getattr(module, "BUILD_DATE", None),
            "commit": getattr(module, "COMMIT", None),
        }
    try:
        data = json.loads(_BUILD_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError):
        log.warning("cannot read %s; the build date is not shown", _BUILD_FILE, exc_info=True)
        return {}
    return data if isinstance(data, dict) else {}


def _build_module() -> ModuleType | None:
    # generated only in a packaged build, so it cannot be imported at the top like our others
    try:
        return importlib.import_module(_BUILD_MODULE)
    except ModuleNotFoundError:
        return None


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
