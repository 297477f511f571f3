"""The verification screen over real signed demo letters: a genuine one and a tampered copy."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from tests.ui.helpers import wait_idle
from tnde.workflow.letters import Letters
from ui.main_window import MainWindow
from ui.services import Services
from ui.verification.models import ResultRole, VerdictBadge
from ui.verification.screen import VerificationScreen

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace

VERIFY_TIMEOUT_MS = 60_000


def signed_letter(workspace: Workspace, folder: Path) -> tuple[Path, str]:
    """A signed demo letter written to ``folder``, and its signer's name."""
    letters = Letters(workspace)
    rows = workspace.thread_connection().execute(
        "SELECT letter_id FROM letter WHERE state IN ('ditandatangani', 'dikirim', 'diarsipkan')"
    )
    for (letter_id,) in rows.fetchall():
        state = letters.get(letter_id)
        if state.signed_blobs:
            path = folder / "surat asli – é.pdf"
            path.write_bytes(workspace.blobs.get(state.final_blob))
            signer = dict(state.planned_signers)[state.signing_steps()[0].step_no]
            return path, str(Services.open(workspace, signer).person_name(signer))
    raise AssertionError("the demo has no signed letter")


def tampered_copy(original: Path) -> Path:
    """``original`` with one byte flipped inside the first signature's signed range."""
    data = bytearray(original.read_bytes())
    found = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)", bytes(data))
    assert found is not None
    start, length = int(found.group(1)), int(found.group(2))
    at = start + length // 2
    data[at] ^= 0x01
    copy = original.with_name("surat diubah.pdf")
    copy.write_bytes(bytes(data))
    return copy


def drop(screen: VerificationScreen, paths: list[Path]) -> None:
    """What dropping files from a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    screen.dropEvent(event)


def test_genuine_and_tampered_letters_get_their_verdicts_and_a_report(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    genuine, signer = signed_letter(demo_workspace, tmp_path)
    tampered = tampered_copy(genuine)
    screen = VerificationScreen(Services.open(demo_workspace))
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    assert screen.pages.currentIndex() == 0  # the empty state invites a drop

    drop(screen, [genuine, tampered])
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=VERIFY_TIMEOUT_MS)
    wait_idle(qtbot)

    model = screen.model
    verdicts = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert verdicts == {genuine.name: "SAH", tampered.name: "TIDAK SAH"}
    assert screen.pages.currentIndex() == 1

    def badges() -> list[str]:
        return [b.text() for b in screen.findChildren(VerdictBadge) if b.isVisibleTo(screen)]

    qtbot.waitUntil(lambda: {"SAH  1", "TIDAK SAH  1"} <= set(badges()))

    # the first row (the genuine letter) is selected: its signer and the records are shown
    report = screen.selected_report()
    assert report is not None
    assert report.path == str(genuine)
    assert signer in screen.details.signer_names()
    assert report.records is not None
    assert any("cocok" in r for r in report.records)
    shown = " ".join(label.text() for label in screen.details.findChildren(type(screen.summary)))
    assert signer in shown
    assert "NIP" in shown
    assert "********" in shown

    # the tampered copy says why
    row = next(r for r in range(2) if model.index(r, 0).data() == tampered.name)
    screen.table.selectRow(row)
    bad = screen.selected_report()
    assert bad is not None
    assert bad.verdict.label == "TIDAK SAH"
    assert bad.reasons
    assert model.index(row, 3).data() == bad.reasons[0]
    assert model.index(row, 0).data(ResultRole.REPORT) is bad

    target = tmp_path / "laporan" / "berita acara.pdf"
    target.parent.mkdir()
    screen.save_report(target)
    qtbot.waitUntil(target.exists, timeout=VERIFY_TIMEOUT_MS)
    wait_idle(qtbot)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    from tests.conftest import pdf_text

    assert "BERITA ACARA" in pdf_text(target).upper()


def test_add_paths_takes_a_folder(qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "map surat"
    folder.mkdir()
    signed_letter(demo_workspace, folder)
    (folder / "catatan.txt").write_text("bukan PDF", encoding="utf-8")
    screen = VerificationScreen(Services.open(demo_workspace))
    qtbot.addWidget(screen)
    screen.add_paths([folder])
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=VERIFY_TIMEOUT_MS)
    wait_idle(qtbot)
    assert screen.model.index(0, 1).data() == "SAH"
    screen.clear()
    assert screen.pages.currentIndex() == 0
    assert screen.run is None


def test_the_file_managers_verify_entry_opens_the_verification_queue_on_the_file(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    """What ``tnde-desktop --verify FILE`` (the "Verifikasi dengan TNDE" menu entry) does."""
    pdf, _signer = signed_letter(demo_workspace, tmp_path)
    window = MainWindow(demo_workspace)
    qtbot.addWidget(window)
    window.show()
    window.verify_files([pdf])
    assert window.current_queue() == "verifikasi"
    screen = window.screens["verifikasi"]
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=VERIFY_TIMEOUT_MS)
    wait_idle(qtbot)
    assert screen.model.index(0, 1).data() == "SAH"
    window.close()
