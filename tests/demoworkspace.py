"""The demo workspace for tests, built once per session and copied for each test.

``tnde demo`` makes a DEMO certificate for every official (RSA 3072) and signs sample letters
for real, which takes several seconds; tests that need a workspace with officials who can
sign get a private copy instead. Every test can ask for these fixtures (``pytest_plugins`` in
``tests/conftest.py``):

- ``demo_template``: the folder of the session's demo workspace (read-only).
- ``demo_ws``: an open :class:`Workspace`, a private copy of it for one test.

The copy keeps the DEMO PKI's loopback port (its certificates name it); signing in a copy
starts and stops the responders around each operation, so tests never share a server.
"""

from __future__ import annotations

import datetime as dt
import shutil
from typing import TYPE_CHECKING

import pytest

from tnde.demo import create_demo
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tnde.workflow.letters import Letters

__all__ = ["DEMO_DAY", "demo_template", "demo_ws", "letter_in", "p12_of", "signer_of"]

DEMO_DAY = dt.date(2026, 11, 27)
_shared: dict[str, Path] = {}


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's demo workspace folder; copy it, never change it."""
    path = _shared.get("template")
    if path is None:
        path = tmp_path_factory.mktemp("demo sesi – é") / "ruang kerja"
        create_demo(path)
        _shared["template"] = path
    return path


@pytest.fixture
def demo_ws(demo_template: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A private, open copy of the demo workspace."""
    target = tmp_path / "ruang kerja demo – é"
    shutil.copytree(demo_template, target)
    ws = Workspace.open(target)
    try:
        yield ws
    finally:
        ws.close()


def letter_in(letters: Letters, status: str) -> str:
    """The id of the demo letter left in ``status`` (e.g. ``"dinomori"``)."""
    rows = letters.workspace.thread_connection().execute("SELECT letter_id FROM letter").fetchall()
    for (letter_id,) in rows:
        if letters.get(letter_id).status.value == status:
            return str(letter_id)
    raise AssertionError(f"no demo letter in state {status}")


def signer_of(letters: Letters, letter_id: str) -> str:
    """NIP of the official who signs ``letter_id`` next."""
    state = letters.get(letter_id)
    step = state.current_step()
    assert step is not None
    return dict(state.planned_signers)[step.step_no]


def p12_of(ws: Workspace, nip: str) -> Path:
    """The DEMO ``.p12`` of the official with ``nip`` in ``ws``."""
    from tnde.pki.demo import DemoPki
    from tnde.pki.workspace_demo import demo_folder

    return DemoPki.open(demo_folder(ws.path)).p12_path(nip)
