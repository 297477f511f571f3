"""GUI tests run offscreen, in Indonesian, whatever the machine.

Fixtures: the demo workspace (made once per session by tests/demoworkspace.py, copied for
each test into a folder with a space and non-ASCII in its name), settings in a temporary
folder, an in-memory keyring (no test touches the OS keyring), the Indonesian
translators, and a check that no worker is left running after a test.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANG"] = "id_ID.UTF-8"

from typing import TYPE_CHECKING

import pytest

from tests.fakekeyring import FakeKeyring, install

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace


@pytest.fixture
def demo_workspace(demo_ws: Workspace) -> Workspace:
    """A fresh, open copy of the session's demo workspace (tests/demoworkspace.py)."""
    return demo_ws


@pytest.fixture(autouse=True)
def _ui_settings(tmp_path: Path) -> None:
    """QSettings in the test's own folder."""
    from ui.settings import use_folder

    folder = tmp_path / "pengaturan"
    folder.mkdir(exist_ok=True)
    use_folder(folder)


@pytest.fixture(autouse=True)
def fake_keyring(monkeypatch: pytest.MonkeyPatch) -> FakeKeyring:
    """An in-memory keyring for the test; the one before is restored afterwards."""
    backend = FakeKeyring()
    install(monkeypatch, backend)
    return backend


@pytest.fixture(autouse=True)
def _indonesian(qapp: object) -> None:
    """The UI in Indonesian, as the app starts by default."""
    from ui.i18n import install_translators

    install_translators("id")


@pytest.fixture(autouse=True)
def _delete_closed_widgets() -> Iterator[None]:
    """Delete the widgets pytest-qt closed before their Python wrappers can be collected.

    pytest-qt calls ``deleteLater()``, which only runs in the next test's event loop; by then
    the garbage collector may have cleared the wrappers of models the views still ask.
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _no_ops_left(qtbot: QtBot) -> Iterator[None]:
    """Every op started by a test has finished by its end (no dangling threads)."""
    yield
    from ui.workers import running_ops

    qtbot.waitUntil(lambda: not running_ops(), timeout=15000)
