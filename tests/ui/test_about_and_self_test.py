"""What the window says it is (the About box), and ``tnde-desktop --self-test``: the desktop's
own steps after the core's, each printed, and a failure in the exit code."""

from __future__ import annotations

import importlib.metadata
import json
import tempfile
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import qVersion

from tests.ui.helpers import wait_idle
from tnde import __version__, buildinfo, selftest
from ui.main_window import MainWindow
from ui.selftest import check_translations, check_window, desktop_self_test

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace


def _about(qtbot: QtBot) -> str:
    window = MainWindow()
    qtbot.addWidget(window)
    window._on_about()  # the Help menu's action
    dialog = window.about_dialog
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Tentang TNDE Desktop"
    text = dialog.text()
    dialog.accept()
    return text


def test_about_names_the_version_the_build_and_the_libraries(qtbot: QtBot) -> None:
    text = _about(qtbot)
    assert f"TNDE Desktop {__version__}" in text
    assert "Salinan kode sumber (bukan paket instalasi)" in text
    assert f"{qVersion()} (PySide6 {PySide6.__version__})" in text
    for name in ("reportlab", "pyHanko", "pypdfium2"):
        assert f"<td>{name}</td><td>&nbsp;{importlib.metadata.version(name)}</td>" in text


def test_about_names_the_date_of_a_packaged_build(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded = tmp_path / "build_info.json"
    recorded.write_text(
        json.dumps({"version": __version__, "build_date": "2026-05-04", "commit": "a1b2c3d"}),
        encoding="utf-8",
    )
    monkeypatch.setattr(buildinfo, "_BUILD_FILE", recorded)
    monkeypatch.setattr(
        buildinfo, "library_versions", lambda: (("reportlab", None), ("pyHanko", "0.38.0"))
    )
    text = _about(qtbot)
    assert "Dibuat pada 2026-05-04 (a1b2c3d)" in text
    assert "<td>reportlab</td><td>&nbsp;tidak diketahui</td>" in text


def test_the_translation_step_loads_indonesian() -> None:
    assert check_translations(None) == "tnde_id, qtbase_id"


def test_the_window_step_opens_every_screen_on_the_demo(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    assert check_window(demo_workspace.path) == "12 layar dibuka dan ditutup"
    wait_idle(qtbot)


def test_the_desktop_self_test_prints_each_step_and_fails_on_one(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def no_room(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    # no demo workspace: the core's steps that need it fail, and so does the window's
    monkeypatch.setattr(selftest, "create_demo", no_room)
    scratch = tmp_path / "sementara"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert desktop_self_test() == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 8
    assert lines[6] == "ok     terjemahan bahasa Indonesia untuk jendela: tnde_id, qtbase_id"
    assert lines[7] == (
        "GAGAL  jendela utama pada ruang kerja demo: tidak ada ruang kerja demo untuk dibuka"
    )
    assert err.startswith("Uji mandiri gagal: ruang kerja demo dengan PKI DEMO, ")
    assert err.rstrip().endswith("jendela utama pada ruang kerja demo")
    assert list(scratch.iterdir()) == []
