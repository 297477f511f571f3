"""``tnde-desktop --office``: the demo office made by the command line in a child process, its
archive served by another, and a window per chosen official signed in with its DEMO
password, in memory only."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from tests.office import surat_dinas_values
from tests.sync.liveserver import free_port
from tests.ui.helpers import wait_idle
from tnde import sync
from tnde.workflow import Letters
from ui.settings import UiSettings
from ui.sync.office import (
    ChooseDesksDialog,
    make_office,
    open_desks,
    serve_office,
    stop_server,
    tnde_command,
)

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot


def test_the_demo_office_opens_a_window_per_official_and_a_letter_travels(
    qtbot: QtBot, tmp_path: Path
) -> None:
    office = make_office(tmp_path / "kantor", port=free_port())
    assert sync.read_demo_office(tmp_path / "kantor") == office
    server = serve_office(office)
    try:
        dialog = ChooseDesksDialog(office)
        qtbot.addWidget(dialog)
        chosen = dialog.chosen()
        assert len(chosen) == 2  # the konseptor and the first reviewer, by default
        windows = open_desks(chosen, UiSettings())
        for window in windows:
            qtbot.addWidget(window)
        sender, receiver = windows
        qtbot.waitUntil(
            lambda: all(w.window_sync and w.window_sync.button.state == "online" for w in windows),
            timeout=15_000,
        )
        konseptor, signer = office.desks[0], office.desks[2]
        assert sender.services is not None
        letters = Letters(sender.services.workspace)
        unit = sender.services.org().get_jabatan(konseptor.jabatan_id).unit_id
        letter = letters.create(
            konseptor.nip,
            jenis="surat_dinas",
            unit_id=unit,
            profile_id=sender.services.workspace.config.profile_id,
            values=surat_dinas_values(hal="Dari jendela ke jendela"),
        ).letter_id
        letters.set_route(konseptor.nip, letter, signer_jabatan=signer.jabatan_id)
        letters.submit(konseptor.nip, letter)
        sender._on_letter_changed(letter)
        qtbot.waitUntil(
            lambda: receiver.sidebar_model.count_of("perlu_diperiksa") == 1, timeout=5_000
        )
        for window in windows:
            window.close()
        wait_idle(qtbot)
    finally:
        stop_server(server)


def test_the_installed_bundle_runs_its_own_tnde_executable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert tnde_command() == [sys.executable, "-m", "tnde"]  # a checkout or a pip install
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "tnde-desktop" / "tnde-desktop"))
    suffix = ".exe" if sys.platform == "win32" else ""
    assert tnde_command() == [str(tmp_path / "tnde-desktop" / f"tnde{suffix}")]
