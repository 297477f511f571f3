"""The app shell opens, lists the work queues and the template catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.templates.loader import available_templates
from ui.main_window import QUEUES, MainWindow

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot


def test_main_window_shows_queues_and_catalogue(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert [window.sidebar.item(i).text() for i in range(window.sidebar.count())] == list(QUEUES)
    model = window.catalogue_view.model()
    assert model.rowCount() == len(available_templates())
    window.catalogue_view.setCurrentIndex(model.index(3, 0))
    chosen = model.index(3, 0).data()
    assert chosen in window.catalogue_detail.toPlainText()
    assert "jenis naskah tersedia" in window.statusBar().currentMessage()


def test_self_test_renders_a_letter(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.self_test()


def test_dashboard_shows_the_demo_workspace(qtbot: QtBot, tmp_path: Path) -> None:
    from tnde.demo import create_demo
    from tnde.workspace import Workspace

    create_demo(tmp_path / "demo")
    workspace = Workspace.open(tmp_path / "demo")
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    text = window.dashboard_label.text()
    assert "Ruang kerja demo" in text
    for state in ("konsep", "diajukan", "dikembalikan", "ditandatangani", "diarsipkan"):
        assert f"<td>{state}</td>" in text
    workspace.close()
