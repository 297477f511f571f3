"""The app shell: the work queues in Indonesian, counters, the catalogue, the user switcher,
settings, and a quick start that does not import the heavy libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from tests.ui.helpers import act_as, holder, open_queue, open_window, wait_idle
from tnde.templates.loader import available_templates
from ui.main_window import QUEUES, MainWindow

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace

SIDEBAR_ID = [
    "Dasbor",
    "Konsep",
    "Perlu Diperiksa",
    "Perlu Ditandatangani",
    "Siap Dikirim",
    "Naskah Keluar",
    "Naskah Masuk",
    "Disposisi",
    "Tembusan",
    "Verifikasi",
    "Arsip",
    "Perlu Perhatian",
    "Jenis Naskah",
]


def test_side_bar_lists_the_queues_in_indonesian(qtbot: QtBot, demo_workspace: Workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    model = window.sidebar_model
    assert [model.index(i).data() for i in range(model.rowCount())] == SIDEBAR_ID
    assert len(QUEUES) == len(SIDEBAR_ID)
    assert not window.sidebar.isRowHidden(model.row_of("verifikasi"))
    # a demo workspace is linked to no archive: nothing can be refused by one
    assert window.sidebar.isRowHidden(model.row_of("perlu_perhatian"))
    assert window.window_sync is None
    assert window.demo_badge.isVisible()
    assert window.toolbar.isVisible()


def test_counters_follow_the_acting_official(qtbot: QtBot, demo_workspace: Workspace) -> None:
    window = open_window(qtbot, demo_workspace, as_jabatan="PRANATA_KOMPUTER_APL")
    model = window.sidebar_model
    assert model.count_of("konsep") == 2  # the draft, and the returned draft
    act_as(qtbot, window, holder(demo_workspace, "KASUBBAG_UMPEG"))
    assert model.count_of("siap_dikirim") == 2  # one to number, one to dispatch
    assert window.register_action.isVisible()
    act_as(qtbot, window, holder(demo_workspace, "KADIS"))
    assert model.count_of("perlu_ditandatangani") == 1
    assert not window.register_action.isVisible()
    dashboard = open_queue(qtbot, window, "dasbor")
    assert dashboard.cards["perlu_ditandatangani"].number.text() == "1"
    assert "Budi Santoso" in dashboard.greeting.text()


def test_dashboard_card_opens_its_queue(qtbot: QtBot, demo_workspace: Workspace) -> None:
    window = open_window(qtbot, demo_workspace, as_jabatan="KASI_APL")
    dashboard = open_queue(qtbot, window, "dasbor")
    qtbot.mouseClick(dashboard.cards["perlu_diperiksa"], Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert window.current_queue() == "perlu_diperiksa"
    assert window.screens["perlu_diperiksa"].model.rowCount() == 1


def test_shortcuts_switch_queues(qtbot: QtBot, demo_workspace: Workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot)
    assert window.current_queue() == "konsep"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_queue() == "dasbor"


def test_catalogue_lists_the_letter_types(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    screen = window.show_queue("templat")
    assert screen.model.rowCount() == len(available_templates())
    screen.view.setCurrentIndex(screen.model.index(3, 0))
    assert screen.model.index(3, 0).data() in screen.detail.toPlainText()


def test_self_test_builds_the_screen_of_every_queue_shown(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    window = open_window(qtbot, demo_workspace)
    assert window.self_test()
    wait_idle(qtbot)
    shown = [key for key, _title, _icon in QUEUES if key != "perlu_perhatian"]
    assert sorted(window.screens) == sorted(shown)
    assert window.current_queue() == "dasbor"


def test_settings_pages_and_switching_identity(qtbot: QtBot, demo_workspace: Workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    window.settings_action.trigger()
    dialog = window.settings_dialog
    tabs = dialog.tabs
    visible = [tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert visible == [
        "Ruang kerja",
        "Arsip",
        "Profil instansi",
        "Identitas",
        "Bahasa",
        "Perangkat penandatangan",
        "Sertifikat akar tepercaya",
    ]
    kadis = holder(demo_workspace, "KADIS")
    person = dialog.identity_page.person
    person.setCurrentIndex(person.findData(kadis))
    dialog.language_page.language.setCurrentIndex(dialog.language_page.language.findData("en"))
    dialog._on_accepted()  # the OK button's slot
    wait_idle(qtbot)
    assert window.services is not None
    assert window.services.nip == kadis
    assert window.settings.language == "en"


def test_window_starts_without_heavy_imports(demo_template: object, tmp_path: object) -> None:
    code = f"""
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tnde.workspace import Workspace
from ui.main_window import MainWindow
from ui.settings import use_folder
use_folder(Path({str(tmp_path)!r}))
window = MainWindow(Workspace.open(Path({str(demo_template)!r})))
window.show()
app.processEvents()
heavy = sorted(m for m in ("reportlab", "pyhanko", "pypdf", "pypdfium2") if m in sys.modules)
print(",".join(heavy))
"""
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.stdout.strip() == ""
