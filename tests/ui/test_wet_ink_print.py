"""A numbered letter printed for a wet-ink signature from its detail pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.conftest import pdf_text
from tests.ui.helpers import action_button, letter_in, open_window, wait_idle
from tnde.workflow.letters import Letters
from ui.widgets.letter_detail import WET_INK, LetterDetail

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace


def test_numbered_letter_prints_for_wet_ink_without_tte_marks(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    letter_id = letter_in(demo_workspace, "dinomori")
    state = Letters(demo_workspace).get(letter_id)
    window = open_window(qtbot, demo_workspace)
    assert window.services is not None
    detail = LetterDetail(window.services)
    qtbot.addWidget(detail)
    detail.show()
    detail.show_letter(letter_id)
    qtbot.waitUntil(lambda: detail.info is not None and detail.info.state.letter_id == letter_id)
    button = action_button(detail, WET_INK[0])
    assert button.text() == "Cetak untuk tanda tangan basah…"

    target = tmp_path / "cetak – basah.pdf"
    op = detail.print_wet(str(target))
    assert op is not None
    with qtbot.waitSignal(op.sig_finished, timeout=20000):
        pass
    wait_idle(qtbot)
    text = pdf_text(target)
    assert state.nomor in text
    assert "Ruang tanda tangan" not in text
    assert "Ruang catatan kaki" not in text
    assert "KONSEP" not in text
    # the final PDF of the same letter does carry the TTE room
    final = tmp_path / "final.pdf"
    final.write_bytes(demo_workspace.blobs.get(state.final_blob))
    assert "Ruang tanda tangan" in pdf_text(final) or "Ditandatangani" in pdf_text(final)


def test_signed_letter_offers_no_wet_ink_copy(qtbot: QtBot, demo_workspace: Workspace) -> None:
    letter_id = letter_in(demo_workspace, "ditandatangani")
    window = open_window(qtbot, demo_workspace)
    assert window.services is not None
    detail = LetterDetail(window.services)
    qtbot.addWidget(detail)
    detail.show_letter(letter_id)
    qtbot.waitUntil(lambda: detail.info is not None and detail.info.state.letter_id == letter_id)
    assert WET_INK not in detail.action_buttons
