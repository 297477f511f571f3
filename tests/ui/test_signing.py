"""Batch signing through the real dialog: review, one passphrase, real PAdES signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.helpers import wait_idle
from tnde.demo import add_demo_letters
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus
from ui.services import Services
from ui.signing.batch_dialog import SignBatchDialog
from ui.signing.models import BatchRole, Outcome

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace
    from ui.signing.secret_dialog import SecretDialog

SIGNING_TIMEOUT_MS = 90_000


def _signer(workspace: Workspace, letter_id: str) -> str:
    state = Letters(workspace).get(letter_id)
    step = state.current_step()
    assert step is not None
    return dict(state.planned_signers)[step.step_no]


def _open(qtbot: QtBot, services: Services, letter_ids: list[str]) -> SignBatchDialog:
    dialog = SignBatchDialog(services, letter_ids)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(letter_ids))
    wait_idle(qtbot)
    return dialog


def _enter_secret(qtbot: QtBot, dialog: SignBatchDialog, secret: str) -> SecretDialog:
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.secret_dialog is not None and dialog.secret_dialog.isVisible())
    prompt = dialog.secret_dialog
    assert prompt is not None
    qtbot.keyClicks(prompt.field, secret)
    ok = prompt.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert prompt.field.text() == ""  # cleared as soon as it was read
    return prompt


@pytest.fixture
def batch(demo_workspace: Workspace) -> tuple[Services, list[str]]:
    """Three numbered demo letters and services acting as their signer."""
    ids = add_demo_letters(demo_workspace, 3)
    return Services.open(demo_workspace, _signer(demo_workspace, ids[0])), ids


def test_three_letters_are_signed_with_one_passphrase(
    qtbot: QtBot, batch: tuple[Services, list[str]], tmp_path: Path
) -> None:
    services, ids = batch
    dialog = _open(qtbot, services, ids)
    assert dialog.model.checked() == ids  # all checked
    assert dialog.sign_button.text() == "Tandatangani (3)"
    assert dialog.device.choice().p12_path.endswith(f"{services.nip}.p12")  # the DEMO default
    qtbot.waitUntil(lambda: dialog.preview.page_count >= 1)  # the first letter is shown

    with qtbot.waitSignal(dialog.sig_letters_signed, timeout=SIGNING_TIMEOUT_MS) as signed:
        _enter_secret(qtbot, dialog, "demo1234")
    wait_idle(qtbot)

    assert sorted(signed.args[0]) == sorted(ids)
    model = dialog.model
    outcomes = [model.index(r, 0).data(BatchRole.OUTCOME) for r in range(model.rowCount())]
    assert outcomes == [Outcome.SIGNED.value] * 3
    assert [model.index(r, 3).data() for r in range(3)] == ["Ditandatangani"] * 3
    assert dialog.banner.isVisible()
    assert "3 naskah ditandatangani" in dialog.banner.text()
    assert not dialog.sign_button.isVisible()
    letters = Letters(services.workspace)
    for letter_id, result in zip(ids, dialog.results, strict=True):
        state = letters.get(letter_id)
        assert state.status is LetterStatus.DITANDATANGANI
        assert result.ok
        assert result.nomor == state.nomor
    # the device path is remembered, the passphrase is not
    text = (tmp_path / "pengaturan" / "tnde-desktop.ini").read_text(encoding="utf-8")
    assert "p12_path" in text
    assert "demo1234" not in text


def test_a_wrong_passphrase_asks_again_and_signs_nothing(
    qtbot: QtBot, batch: tuple[Services, list[str]]
) -> None:
    services, ids = batch
    dialog = _open(qtbot, services, ids)
    dialog.model.set_checked(ids[2], False)
    assert dialog.sign_button.text() == "Tandatangani (2)"
    _enter_secret(qtbot, dialog, "salah-sekali")

    qtbot.waitUntil(lambda: dialog.secret_dialog is not None, timeout=SIGNING_TIMEOUT_MS)
    again = dialog.secret_dialog
    assert again is not None
    assert again.error.isVisible()
    assert "Frasa sandi salah" in again.error.text()
    assert "Tidak ada yang ditandatangani" in again.error.text()
    again.reject()
    wait_idle(qtbot)
    letters = Letters(services.workspace)
    assert all(letters.get(i).status is LetterStatus.DINOMORI for i in ids)
    assert dialog.results == []
    assert dialog.sign_button.isEnabled()


def test_letters_the_signer_may_not_sign_are_shown_disabled(
    qtbot: QtBot, batch: tuple[Services, list[str]], demo_workspace: Workspace
) -> None:
    services, ids = batch
    from tests.ui.helpers import holder
    from tnde.demo import KONSEPTOR_JABATAN

    other = services.as_user(holder(demo_workspace, KONSEPTOR_JABATAN))
    dialog = _open(qtbot, other, ids[:2])
    model = dialog.model
    assert model.checked() == []
    assert not dialog.sign_button.isEnabled()
    assert all(model.index(r, 3).data() for r in range(2))  # the reason is shown
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEnabled
