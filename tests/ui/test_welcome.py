"""The first start outside the demo: the welcome screen's three ways to begin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.sync.conftest import MemorySecrets
from ui.sync.sign_in import LinkDialog
from ui.sync.welcome import WelcomeChoice, WelcomeDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_the_welcome_screen_offers_linking_a_folder_and_the_demo_in_indonesian(
    qtbot: QtBot,
) -> None:
    dialog = WelcomeDialog(MemorySecrets())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Selamat datang di TNDE Desktop"
    assert dialog.link_button.text() == "Hubungkan ke arsip kantor saya"
    assert dialog.open_button.text() == "Buka folder ruang kerja"
    assert dialog.demo_button.text() == "Coba demo"
    dialog.link_button.click()
    assert isinstance(dialog.link_dialog, LinkDialog)
    assert dialog.link_dialog.isVisible()
    dialog.link_dialog.reject()
    assert dialog.choice is None  # closing the link form chooses nothing
    dialog.demo_button.click()
    assert dialog.choice is WelcomeChoice.DEMO
    assert dialog.workspace is None  # the app makes the demo workspace itself
    assert not dialog.isVisible()
