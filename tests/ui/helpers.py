"""Helpers that drive the real widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QToolButton

from ui.workers import running_ops

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace
    from ui.main_window import MainWindow


def wait_idle(qtbot: QtBot, timeout: int = 15000) -> None:
    """Wait until no op runs (pages loaded, actions done)."""
    qtbot.waitUntil(lambda: not running_ops(), timeout=timeout)


def holder(workspace: Workspace, jabatan: str) -> str:
    """The NIP of who holds ``jabatan`` today."""
    import datetime as dt

    from tnde.org import holders, load_org

    chart = load_org(workspace.thread_connection())
    return str(holders(chart, jabatan, dt.date.today())[0].nip)


def first_id(workspace: Workspace, sql: str, *args: object) -> str:
    """The first column of the first row ``sql`` finds (a letter or incoming letter id)."""
    row = workspace.thread_connection().execute(sql, args).fetchone()
    assert row is not None, f"no row for {sql!r}"
    return str(row[0])


def letter_in(workspace: Workspace, state: str) -> str:
    """An outgoing letter in ``state`` (``diajukan``, ``dinomori`` …)."""
    return first_id(workspace, "SELECT letter_id FROM letter WHERE state = ?", state)


def unread_incoming(workspace: Workspace) -> str:
    """An incoming letter (not a copy) registered and not read yet."""
    return first_id(
        workspace,
        "SELECT incoming_id FROM incoming WHERE status = 'diregistrasi' AND copy_only = 0",
    )


def open_window(qtbot: QtBot, workspace: Workspace, *, as_jabatan: str = "") -> MainWindow:
    """The main window on ``workspace``, shown, acting as the holder of ``as_jabatan``."""
    from ui.main_window import MainWindow

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)
    if as_jabatan:
        act_as(qtbot, window, holder(workspace, as_jabatan))
    return window


def act_as(qtbot: QtBot, window: MainWindow, nip: str) -> None:
    """Choose ``nip`` in the toolbar's user switcher."""
    combo = window.user_combo
    index = combo.findData(nip)
    assert index >= 0, f"{nip} is not in the user switcher"
    combo.setCurrentIndex(index)
    assert window.services is not None
    qtbot.waitUntil(lambda: window.services is not None and window.services.nip == nip)
    wait_idle(qtbot)


def open_queue(qtbot: QtBot, window: MainWindow, key: str) -> Any:
    """Click the side-bar entry ``key`` and wait for its list."""
    row = window.sidebar_model.row_of(key)
    rect = window.sidebar.visualRect(window.sidebar_model.index(row))
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_queue() == key
    wait_idle(qtbot)
    return window.screens[key]


def model_keys(screen: Any) -> list[str]:
    """Ids of the rows the screen's list shows."""
    from ui.models.paged import PagedRole

    proxy = screen.list.proxy
    return [str(proxy.index(r, 0).data(PagedRole.KEY)) for r in range(proxy.rowCount())]


def select_row(qtbot: QtBot, screen: Any, key: str) -> None:
    """Click the row ``key`` in the screen's table and wait for the detail pane."""
    proxy = screen.list.proxy
    row = model_keys(screen).index(key)
    table = screen.list.table
    rect = table.visualRect(proxy.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle(qtbot)


def click_button(qtbot: QtBot, button: QToolButton | Any) -> None:
    """Click ``button`` (once it is on screen)."""
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_action(qtbot: QtBot, detail: Any, action: str) -> None:
    """Click the detail pane's ``action`` button once the pane shows it."""
    wait_idle(qtbot)

    def shown() -> bool:
        try:
            button = action_button(detail, action)
        except AssertionError:
            return False
        return button.isVisible() and button.isEnabled()

    qtbot.waitUntil(shown)
    qtbot.mouseClick(action_button(detail, action), Qt.MouseButton.LeftButton)


def action_button(detail: Any, action: str) -> QToolButton:
    """The detail pane's button for ``action`` (an Action value or incoming action kind)."""
    for key, button in detail.action_buttons.items():
        name = key.value if hasattr(key, "value") else key[0]
        if name == action:
            return button
    raise AssertionError(
        f"no {action} button; shown: {[b.text() for b in detail.action_buttons.values()]}"
    )


def accept_message_box(qtbot: QtBot, button_text: str) -> None:
    """Click ``button_text`` in the message box that is about to open (exec())."""

    def click() -> None:
        box = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
            ),
            None,
        )
        if box is None:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(20, click)
            return
        for b in box.buttons():
            if b.text() == button_text:
                b.click()
                return
        raise AssertionError(f"no {button_text!r} in {[b.text() for b in box.buttons()]}")

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, click)


def press_ok(qtbot: QtBot, dialog: QDialog) -> None:
    """Click the dialog's OK-role button."""
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
