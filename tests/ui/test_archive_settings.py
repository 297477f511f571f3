"""Settings → Server arsip: the URL goes to config.toml, the token to the (fake) keyring and
nowhere else; without a usable keyring the page says so and keeps no token."""

from __future__ import annotations

from typing import TYPE_CHECKING

import keyring.backends.fail
import keyring.errors
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.fakekeyring import FakeKeyring, install
from tests.ui.helpers import press_ok
from tnde.secrets import archive_account
from tnde.workspace.config import read_config
from ui.dialogs.settings_dialog import SettingsDialog
from ui.services import Services
from ui.settings import UiSettings

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace
    from ui.dialogs.archive_page import ArchiveServerPage

URL = "https://arsip.contoh.go.id/api"
TOKEN = "tok-7c1e-rahasia-9d2b"
NO_KEYRING = "Penyimpanan rahasia sistem (keyring) tidak tersedia di komputer ini"


def _dialog(qtbot: QtBot, workspace: Workspace) -> tuple[SettingsDialog, ArchiveServerPage]:
    dialog = SettingsDialog(None, Services.open(workspace), UiSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.archive_page
    dialog.tabs.setCurrentWidget(page)
    return dialog, page


def _files_containing(secret: str, *folders: Path) -> list[Path]:
    UiSettings().sync()
    data = secret.encode("utf-8")
    return [
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file() and data in path.read_bytes()
    ]


def test_token_goes_to_the_keyring_only(
    qtbot: QtBot, demo_workspace: Workspace, fake_keyring: FakeKeyring, tmp_path: Path
) -> None:
    dialog, page = _dialog(qtbot, demo_workspace)
    assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "Server arsip"
    assert page.token.echoMode() == QLineEdit.EchoMode.Password
    assert page.token_state.text() == "Server arsip belum diatur."
    qtbot.keyClicks(page.url, URL)
    qtbot.keyClicks(page.token, TOKEN)
    press_ok(qtbot, dialog)
    assert not dialog.isVisible()

    account = archive_account(demo_workspace.workspace_id, URL)
    assert fake_keyring.secrets == {("TNDE Desktop", account): TOKEN}
    assert demo_workspace.config.archive_url == URL
    assert read_config(demo_workspace.path / "config.toml").archive_url == URL
    assert page.token.text() == ""
    assert _files_containing(TOKEN, tmp_path / "pengaturan", demo_workspace.path) == []

    # Opened again: it says a token is stored, never shows it, and can delete it.
    _, again = _dialog(qtbot, demo_workspace)
    assert again.token.text() == ""
    assert again.token_state.text() == "Token tersimpan untuk server ini."
    assert TOKEN not in again.token_state.text() + again.token.placeholderText()
    qtbot.mouseClick(again.delete_token, Qt.MouseButton.LeftButton)
    assert fake_keyring.secrets == {}
    assert again.token_state.text() == "Tidak ada token tersimpan untuk server ini."
    assert not again.delete_token.isEnabled()


def test_wrong_url_is_shown_inline_and_nothing_is_saved(
    qtbot: QtBot, demo_workspace: Workspace, fake_keyring: FakeKeyring
) -> None:
    before = (demo_workspace.path / "config.toml").read_bytes()
    dialog, page = _dialog(qtbot, demo_workspace)
    qtbot.keyClicks(page.url, "arsip.contoh.go.id")
    qtbot.keyClicks(page.token, TOKEN)
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert page.url_error.isVisible()
    assert "http://" in page.url_error.text()
    assert (demo_workspace.path / "config.toml").read_bytes() == before
    assert fake_keyring.secrets == {}


def test_without_a_keyring_the_page_says_so_and_still_saves_the_url(
    qtbot: QtBot, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    install(monkeypatch, keyring.backends.fail.Keyring())
    dialog, page = _dialog(qtbot, demo_workspace)
    qtbot.keyClicks(page.url, URL)
    press_ok(qtbot, dialog)  # checks the keyring for a stored token: refused
    dialog, page = _dialog(qtbot, demo_workspace)
    assert page.token_error.isVisible()
    assert page.token_error.text().startswith(NO_KEYRING)
    assert not page.token.isEnabled()
    assert page.token.text() == ""
    assert not page.delete_token.isEnabled()
    press_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert read_config(demo_workspace.path / "config.toml").archive_url == URL


class _RefusingKeyring(FakeKeyring):
    """Answers look-ups but refuses to store (a locked collection whose prompt was dismissed)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


def test_a_refused_token_is_cleared_and_kept_nowhere(
    qtbot: QtBot, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    backend = _RefusingKeyring()
    install(monkeypatch, backend)
    dialog, page = _dialog(qtbot, demo_workspace)
    assert page.token.isEnabled()
    qtbot.keyClicks(page.url, URL)
    qtbot.keyClicks(page.token, TOKEN)
    press_ok(qtbot, dialog)

    assert read_config(demo_workspace.path / "config.toml").archive_url == URL
    assert backend.secrets == {}
    assert page.token.text() == ""
    assert page.token_error.text().startswith(NO_KEYRING)
    box = page.failure_box
    assert box is not None
    assert box.objectName() == "failure_box"
    assert box.isVisible()
    assert NO_KEYRING in box.text()
    assert TOKEN not in box.text() + box.detailedText()
    box.close()
    assert _files_containing(TOKEN, tmp_path / "pengaturan", demo_workspace.path) == []
