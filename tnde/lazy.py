"""Packages whose modules load on first use.

Rendering, signing and verification pull in reportlab, pyHanko and pypdf, which take a
good part of a second to import. The window must open without them, so these packages
export their public names lazily: a caller imports the package (``from tnde import render``)
and names what it needs at the moment it calls it (``render.render_letter(...)``). The table
of names is plain data, so the import-graph test still sees every edge.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["lazy_exports", "lazy_function"]


def lazy_exports(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports ``table[name]`` (a module path)
    on first access to ``name`` and keeps the value in the package."""

    def load(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        home = sys.modules[package]
        setattr(home, name, value)
        # Importing a submodule sets it as the package's attribute of its name, which hides
        # a lazy name the submodule exports under that same name (``tnde.sync.status`` and
        # its function ``status``): let such a name load again on its next access.
        for other, path in table.items():
            shadowed = isinstance(vars(home).get(other), ModuleType)
            if other != name and path == f"{package}.{other}" and shadowed:
                delattr(home, other)
        return value

    return load


def lazy_function(module: str, name: str) -> Callable[..., Any]:
    """A stand-in for the function ``module.name`` that imports ``module`` on its first call
    (for a module that uses a heavy function without making its own importers load it)."""
    loaded: list[Callable[..., Any]] = []

    def call(*args: Any, **kwargs: Any) -> Any:
        if not loaded:
            loaded.append(getattr(importlib.import_module(module), name))
        return loaded[0](*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call
