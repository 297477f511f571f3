"""Signing and verifying from the main window: the batch action, the Sign button of a letter,
and the Verifikasi queue, through the real widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.helpers import action_button, holder, open_queue, open_window, select_row, wait_idle
from tnde.demo import add_demo_letters
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus
from ui.verification.screen import VerificationScreen

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace

SIGNING_TIMEOUT_MS = 90_000


def _sign_with_passphrase(qtbot: QtBot, dialog: object, passphrase: str) -> None:
    button = dialog.sign_button  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.secret_dialog is not None)  # type: ignore[attr-defined]
    prompt = dialog.secret_dialog  # type: ignore[attr-defined]
    qtbot.keyClicks(prompt.field, passphrase)
    ok = prompt.buttons.button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(dialog.sig_letters_signed, timeout=SIGNING_TIMEOUT_MS):  # type: ignore[attr-defined]
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_sign_batch_offers_every_letter_waiting_and_the_counter_follows(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    added = add_demo_letters(demo_workspace, 2)
    window = open_window(qtbot, demo_workspace, as_jabatan="KADIS")
    model = window.sidebar_model
    qtbot.waitUntil(lambda: model.count_of("perlu_ditandatangani") == 3)
    window.sign_batch_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "sign_dialog", None) is not None)
    dialog = window.sign_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3)
    assert set(added) <= set(dialog.letter_ids)
    _sign_with_passphrase(qtbot, dialog, "demo1234")
    wait_idle(qtbot)
    letters = Letters(demo_workspace)
    assert all(letters.get(i).status is LetterStatus.DITANDATANGANI for i in dialog.letter_ids)
    dialog.close()
    qtbot.waitUntil(lambda: model.count_of("perlu_ditandatangani") == 0)


def test_the_sign_button_of_a_letter_opens_the_dialog_for_that_letter(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    (letter,) = add_demo_letters(demo_workspace, 1)
    window = open_window(qtbot, demo_workspace, as_jabatan="KADIS")
    screen = open_queue(qtbot, window, "perlu_ditandatangani")
    select_row(qtbot, screen, letter)
    qtbot.mouseClick(action_button(screen.detail, "letter.signed"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "sign_dialog", None) is not None)
    assert window.sign_dialog.letter_ids == [letter]
    window.sign_dialog.close()


def test_the_verification_queue_is_the_verification_screen(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    window = open_window(qtbot, demo_workspace, as_jabatan="KASUBBAG_UMPEG")
    assert holder(demo_workspace, "KASUBBAG_UMPEG") == window.services.nip  # type: ignore[union-attr]
    screen = open_queue(qtbot, window, "verifikasi")
    assert isinstance(screen, VerificationScreen)
