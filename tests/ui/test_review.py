"""Reviewing through the real widgets: approve, return and revise, reject; the diff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from tests.ui.helpers import (
    act_as,
    click_action,
    holder,
    letter_in,
    model_keys,
    open_queue,
    open_window,
    press_ok,
    select_row,
    wait_idle,
)
from tnde.workflow.letters import Letters

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace


def test_reviewer_approves_from_the_queue(qtbot: QtBot, demo_workspace: Workspace) -> None:
    letter_id = letter_in(demo_workspace, "diajukan")
    window = open_window(qtbot, demo_workspace, as_jabatan="KASI_APL")
    assert window.sidebar_model.count_of("perlu_diperiksa") == 1
    screen = open_queue(qtbot, window, "perlu_diperiksa")
    assert model_keys(screen) == [letter_id]
    select_row(qtbot, screen, letter_id)
    detail = screen.detail
    assert detail.info is not None
    assert detail.info.state.letter_id == letter_id
    shown = [b.text() for b in detail.action_buttons.values()]
    assert shown == ["Setujui (paraf)", "Kembalikan", "Tolak"]  # what the rules allow, only
    assert detail.preview.page_count >= 1  # the draft rendered with its watermark
    click_action(qtbot, detail, "review.approved")
    wait_idle(qtbot)
    state = Letters(demo_workspace).get(letter_id)
    step = state.route[0]
    assert step.approved_revision == state.head_revision
    assert step.decided_by == holder(demo_workspace, "KASI_APL")
    assert "Disetujui (paraf)." in window.statusBar().currentMessage()
    # the pane shows the step done; the same official also holds the next step (Plt. Kabid)
    route = detail.route_model
    qtbot.waitUntil(lambda: route.index(0, 3).data() == "Selesai")
    assert route.index(1, 3).data() == "Menunggu"


def test_return_then_revise_in_the_editor_then_review_the_diff(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    from ui.drafting.editor import DraftEditor

    letter_id = letter_in(demo_workspace, "diajukan")
    window = open_window(qtbot, demo_workspace, as_jabatan="KASI_APL")
    screen = open_queue(qtbot, window, "perlu_diperiksa")
    select_row(qtbot, screen, letter_id)
    click_action(qtbot, screen.detail, "review.returned")
    dialog = screen.controller.last_dialog
    assert dialog.isVisible()
    press_ok(qtbot, dialog)  # an empty note is refused inline
    assert dialog.isVisible()
    assert dialog.error.text() == "Tuliskan catatan."
    qtbot.keyClicks(dialog.note, "Tambahkan jam selesai acara.")
    press_ok(qtbot, dialog)
    wait_idle(qtbot)
    letters = Letters(demo_workspace)
    assert letters.get(letter_id).status.value == "dikembalikan"

    # the drafter opens the returned letter from Konsep and revises it in the editor
    act_as(qtbot, window, holder(demo_workspace, "PRANATA_KOMPUTER_APL"))
    drafts = open_queue(qtbot, window, "konsep")
    assert letter_id in model_keys(drafts)
    select_row(qtbot, drafts, letter_id)
    history = drafts.detail.history_model
    notes = [history.index(r, 3).data() for r in range(history.rowCount())]
    assert "Tambahkan jam selesai acara." in notes
    click_action(qtbot, drafts.detail, "draft.revised")
    editor = window.editors[letter_id]
    assert isinstance(editor, DraftEditor)
    qtbot.waitUntil(lambda: editor.form is not None and editor.directory is not None, timeout=10000)
    wait_idle(qtbot)
    hal = editor.form.fields["hal"].edit  # type: ignore[union-attr, attr-defined]
    hal.setFocus()
    qtbot.keyClicks(hal, " (Revisi)")
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.submitted, timeout=15000)
    wait_idle(qtbot)
    state = letters.get(letter_id)
    assert state.status.value == "diajukan"
    assert state.hal.endswith("(Revisi)")
    editor.close()

    # back to the reviewer: the queue shows it again with the changes since their review
    act_as(qtbot, window, holder(demo_workspace, "KASI_APL"))
    screen = open_queue(qtbot, window, "perlu_diperiksa")
    select_row(qtbot, screen, letter_id)
    detail = screen.detail
    assert detail.tabs.isTabVisible(detail.diff_index)
    assert "+" in detail.diff_view.toPlainText()
    assert "(Revisi)" in detail.diff_view.toPlainText()


def test_reviewer_rejects_with_a_reason(qtbot: QtBot, demo_workspace: Workspace) -> None:
    letter_id = letter_in(demo_workspace, "diajukan")
    window = open_window(qtbot, demo_workspace, as_jabatan="KASI_APL")
    screen = open_queue(qtbot, window, "perlu_diperiksa")
    select_row(qtbot, screen, letter_id)
    click_action(qtbot, screen.detail, "review.rejected")
    dialog = screen.controller.last_dialog
    qtbot.keyClicks(dialog.note, "Kegiatan tidak dianggarkan.")
    press_ok(qtbot, dialog)
    wait_idle(qtbot)
    state = Letters(demo_workspace).get(letter_id)
    assert state.status.value == "ditolak"
    assert state.notes[-1][2] == "Kegiatan tidak dianggarkan."
    archive = open_queue(qtbot, window, "arsip")
    assert archive.model.rowCount() == 0  # the reviewer's archive holds their own letters only
