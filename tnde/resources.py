"""Where the shipped data files (KKA list, templates, fonts, sample profiles) are read from.

The top-level ``resources/`` folder is mapped into the wheel as the package
``tnde._resources`` (see ``[tool.setuptools.package-dir]`` in ``pyproject.toml``), so an
installed copy reads it with :mod:`importlib.resources`. That mapping only
exists once the project is pip-installed; in a plain source checkout ``tnde._resources`` is not
importable, and the same files sit in ``resources/`` beside the ``tnde`` package directory.
:func:`resource_path` hides the difference.

Callers open the result with ``.open()``/``.read_text()``/``.read_bytes()`` and never assume a
real filesystem path: a frozen (PyInstaller) or zipped install may not have one. Use
:func:`importlib.resources.as_file` when a library insists on a path.
"""

from __future__ import annotations

import importlib.resources
import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["resource_path"]

_log = logging.getLogger(__name__)

_PACKAGE = "tnde._resources"
_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent / "resources"


def _root() -> Traversable:
    try:
        return importlib.resources.files(_PACKAGE)
    except ModuleNotFoundError:
        _log.debug("%s is not installed; reading resources from %s", _PACKAGE, _CHECKOUT_ROOT)
        return _CHECKOUT_ROOT


def resource_path(*parts: str) -> Traversable:
    """The shipped resource at ``resources/<parts…>``, e.g. ``resource_path("kka", "kka.csv")``.

    Args:
        parts: path components below ``resources/``, one folder or file name each (no
            slashes, so the call reads the same on Windows).

    Returns:
        A :class:`~importlib.resources.abc.Traversable`: the installed package data when
        ``tnde._resources`` is importable, otherwise the ``resources/`` folder of the source
        checkout. The resource is not checked for existence; opening a missing one raises
        :class:`FileNotFoundError`.
    """
    node = _root()
    for part in parts:
        node = node / part
    return node
