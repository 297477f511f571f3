"""Signing through the demo's "BSrE (simulasi)" remote service from the batch dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.helpers import action_button, wait_idle
from tnde import signing
from tnde.demo import add_demo_letters
from tnde.signing.outcomes import record_unknown
from tnde.workflow import Queue
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus
from ui.models.letter_list import LetterTableModel
from ui.screens.letter_actions import LetterActions
from ui.services import Services
from ui.signing.batch_dialog import SignBatchDialog
from ui.signing.device import REMOTE, DeviceChoice, SigningSettings
from ui.signing.models import BatchRole, Outcome
from ui.signing.settings_page import SigningSettingsPage
from ui.widgets.letter_detail import CHECK_UNKNOWN, LetterDetail

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace

SIGNING_TIMEOUT_MS = 90_000


def _services(workspace: Workspace, letter_id: str) -> Services:
    state = Letters(workspace).get(letter_id)
    step = state.current_step()
    assert step is not None
    return Services.open(workspace, dict(state.planned_signers)[step.step_no])


def test_the_settings_offer_the_simulated_bsre_and_remember_no_secret(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    (letter,) = add_demo_letters(demo_workspace, 1)
    page = SigningSettingsPage(_services(demo_workspace, letter))
    qtbot.addWidget(page)
    form = page.form
    form.kind.setCurrentIndex(form.kind.findData(REMOTE))
    assert form.remote_profile.currentText() == "BSrE (simulasi)"
    assert not form.p12_path.isVisibleTo(page)
    assert form.nik.isVisibleTo(page)
    page.apply()
    text = (tmp_path / "pengaturan" / "tnde-desktop.ini").read_text(encoding="utf-8")
    assert "remote_profile=bsre-simulasi" in text
    assert "demo1234" not in text


def test_a_batch_is_signed_at_the_simulated_bsre_with_one_passphrase(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    ids = add_demo_letters(demo_workspace, 2)
    services = _services(demo_workspace, ids[0])
    dialog = SignBatchDialog(services, ids)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    wait_idle(qtbot)
    dialog.device.set_choice(DeviceChoice(kind=REMOTE, remote_profile="bsre-simulasi"))

    with qtbot.waitSignal(dialog.sig_letters_signed, timeout=SIGNING_TIMEOUT_MS) as signed:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.secret_dialog is not None)
        prompt = dialog.secret_dialog
        assert prompt is not None
        qtbot.keyClicks(prompt.field, "demo1234")
        qtbot.mouseClick(
            prompt.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    wait_idle(qtbot)

    assert sorted(signed.args[0]) == sorted(ids)
    model = dialog.model
    outcomes = [model.index(r, 0).data(BatchRole.OUTCOME) for r in range(model.rowCount())]
    assert outcomes == [Outcome.SIGNED.value] * 2
    letters = Letters(services.workspace)
    assert all(letters.get(i).status is LetterStatus.DITANDATANGANI for i in ids)


def test_an_uncertain_signature_shows_in_the_list_and_is_checked_from_the_pane(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    (letter,) = add_demo_letters(demo_workspace, 1)
    services = _services(demo_workspace, letter)
    letters = Letters(demo_workspace)
    before = letters.get(letter)
    record_unknown(
        letters,
        services.nip,
        letter,
        device="BSrE (simulasi)",
        detail="sambungan terputus setelah permintaan terkirim",
        head_seq=before.head_seq,
    )

    model = LetterTableModel(services, Queue.PERLU_DITANDATANGANI)
    model.reload()
    qtbot.waitUntil(lambda: model.find(letter) >= 0)
    status = model.index(model.find(letter), 3)
    assert status.data() == "status tanda tangan tidak pasti"

    SigningSettings().set_device(DeviceChoice(kind=REMOTE, remote_profile="bsre-simulasi"))
    detail = LetterDetail(services)
    qtbot.addWidget(detail)
    actions = LetterActions(services, detail)
    detail.sig_action_requested.connect(actions.run)
    detail.show_letter(letter)
    qtbot.waitUntil(lambda: detail.info is not None and detail.info.unknown is not None)
    assert detail.status_chip.text() == "Status tanda tangan tidak pasti"
    assert "BSrE (simulasi)" in detail.status_chip.toolTip()

    with qtbot.waitSignal(actions.sig_letter_changed, timeout=SIGNING_TIMEOUT_MS):
        qtbot.mouseClick(action_button(detail, CHECK_UNKNOWN), Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert signing.open_unknown_outcomes(letters) == {}
    assert letters.get(letter).head_seq == before.head_seq  # checked, not signed: unchanged

    detail.reload()
    qtbot.waitUntil(lambda: detail.info is not None and detail.info.unknown is None)
    assert CHECK_UNKNOWN not in [key[0] for key in detail.action_buttons if isinstance(key, tuple)]
