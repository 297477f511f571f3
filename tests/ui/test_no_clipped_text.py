"""No screen cuts its text off at a laptop's 1366 x 768, nor at 125 % scaling: buttons narrower
than their text, a status column reading "Diperiks", the person box, an action shortened in the
middle of a word, the help under Kode Klasifikasi squeezed to one line after typing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QWidget

from tests.ui.helpers import act_as, holder, open_queue, open_window, wait_idle
from ui.widgets.clipping import clipped_texts

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]

QUEUES = (
    ("dasbor", "KADIS"),
    ("konsep", "PRANATA_KOMPUTER_APL"),
    ("perlu_diperiksa", "KASI_APL"),
    ("perlu_ditandatangani", "KADIS"),
    ("siap_dikirim", "KASUBBAG_UMPEG"),
    ("naskah_keluar", "KASUBBAG_UMPEG"),
    ("naskah_masuk", "KADIS"),
    ("disposisi", "KABID_APTIKA"),
    ("tembusan", "KABID_IKP"),
    ("arsip", "KASUBBAG_UMPEG"),
)


def test_every_queue_shows_its_texts_whole_at_1366x768(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    window = open_window(qtbot, demo_workspace)
    window.resize(1366, 768)
    found = []
    for queue, jabatan in QUEUES:
        act_as(qtbot, window, holder(demo_workspace, jabatan))
        screen = open_queue(qtbot, window, queue)
        listing = getattr(screen, "list", None)
        if listing is not None and listing.proxy.rowCount():
            listing.table.selectRow(0)
            wait_idle(qtbot)
            qtbot.wait(300)
        found += [f"{queue}: {p}" for p in clipped_texts(window)]
    assert found == []


class _Rows(QAbstractTableModel):
    def rowCount(self, _parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def columnCount(self, _parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return "Diperiksa · Pemeriksaan" if index.column() else "x"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return "Status yang panjang" if section else "A"
        return None


def test_the_check_finds_what_is_cut(qtbot: QtBot) -> None:
    # the check itself must fail on the faults it is there for
    root = QWidget()
    qtbot.addWidget(root)
    row = QHBoxLayout(root)
    squeezed = QPushButton("Tarik dari Kepala Bidang Informasi")
    squeezed.setMaximumWidth(60)
    shortened = QPushButton("Tarik dari Kepala Bidang I…masi")
    table = QTableView()
    model = _Rows(table)
    table.setModel(model)
    table.setColumnWidth(1, 50)
    for widget in (squeezed, shortened, table):
        row.addWidget(widget)
    root.resize(900, 300)
    root.show()
    qtbot.waitExposed(root)
    found = "\n".join(clipped_texts(root))
    assert "button 'Tarik dari Kepala Bidang Informasi': 60 px wide" in found
    assert "shortened in the middle of a word" in found
    assert "column title 'Status yang panjang'" in found
    assert "cell 'Diperiksa · Pemeriksaan'" in found
    table.setColumnWidth(1, 400)
    squeezed.setMaximumWidth(2000)
    shortened.setText("Tarik")
    qtbot.wait(50)
    assert clipped_texts(root) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("scale", "size"), [("1", "1366x768"), ("1.25", "1093x614")], ids=["100%", "125%"]
)
def test_no_screen_or_dialog_cuts_text(tmp_path: Path, scale: str, size: str) -> None:
    # every queue, the dialogs and the editor (with a Kode Klasifikasi typed), in a fresh
    # app: the scale factor is read when the application starts
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
    survey = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "clip_survey.py"),
            "--out",
            str(tmp_path),
            "--size",
            size,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    cut = [line for line in survey.stdout.splitlines() if ": " in line and "cut-off" not in line]
    assert (survey.returncode, cut) == (0, []), survey.stderr[-2000:]
    assert len(list(tmp_path.glob("*.png"))) >= 20
