"""The registry desk through the real widgets: number, dispatch, register incoming letters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import (
    accept_message_box,
    click_action,
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
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace


def test_registry_numbers_a_letter(qtbot: QtBot, demo_workspace: Workspace) -> None:
    letter_id = letter_in(demo_workspace, "siap_tandatangan")
    window = open_window(qtbot, demo_workspace, as_jabatan="KASUBBAG_UMPEG")
    screen = open_queue(qtbot, window, "siap_dikirim")
    assert letter_id in model_keys(screen)
    select_row(qtbot, screen, letter_id)
    accept_message_box(qtbot, "Beri nomor")
    click_action(qtbot, screen.detail, "letter.numbered")
    wait_idle(qtbot, timeout=30000)
    state = Letters(demo_workspace).get(letter_id)
    assert state.status.value == "dinomori"
    assert state.nomor
    qtbot.waitUntil(lambda: state.nomor in screen.detail.subtitle.text())


def test_registry_dispatches_a_signed_letter(qtbot: QtBot, demo_workspace: Workspace) -> None:
    letter_id = letter_in(demo_workspace, "ditandatangani")
    window = open_window(qtbot, demo_workspace, as_jabatan="KASUBBAG_UMPEG")
    screen = open_queue(qtbot, window, "siap_dikirim")
    select_row(qtbot, screen, letter_id)
    click_action(qtbot, screen.detail, "letter.sent")
    dialog = screen.controller.last_dialog
    model = dialog.model
    assert model.rowCount() == 2  # one addressee, one copy (internal)
    assert model.checked() == ["0", "1"]
    model.set_checked("1", False)  # send the copy later
    press_ok(qtbot, dialog)
    wait_idle(qtbot)
    state = Letters(demo_workspace).get(letter_id)
    assert state.status.value == "dikirim"
    assert state.dispatched == (0,)
    qtbot.waitUntil(lambda: letter_id not in model_keys(screen))


def _drop(widget: object, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPoint(10, 10)
    enter = QDragEnterEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)  # type: ignore[arg-type]
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)  # type: ignore[arg-type]


def test_register_an_incoming_letter_from_a_dropped_pdf(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    # a letter from another office: the final PDF of a numbered demo letter
    numbered = Letters(demo_workspace).get(letter_in(demo_workspace, "dinomori"))
    pdf = tmp_path / "surat masuk – contoh.pdf"
    pdf.write_bytes(demo_workspace.blobs.get(numbered.final_blob))

    window = open_window(qtbot, demo_workspace, as_jabatan="KASUBBAG_UMPEG")
    before = window.sidebar_model.count_of("naskah_masuk")
    window.register_action.trigger()
    screen = window.screens["naskah_masuk"]
    dialog = screen.controller.last_dialog
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.sig_prefilled, timeout=15000):
        _drop(dialog.drop, pdf)
    assert dialog.nomor.text() == numbered.nomor
    assert dialog.hal.text()
    assert dialog._labels["nomor"].property("prefilled")
    if not dialog.asal.text():
        qtbot.keyClicks(dialog.asal, "Dinas Komunikasi dan Informatika")
    press_ok(qtbot, dialog)
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    row = (
        demo_workspace.thread_connection()
        .execute(
            "SELECT incoming_id, agenda, blob_sha256 FROM incoming WHERE nomor = ?",
            (numbered.nomor,),
        )
        .fetchone()
    )
    assert row is not None
    assert row[2]
    assert f"nomor agenda {row[1]}" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: row[0] in model_keys(screen))
    assert window.sidebar_model.count_of("naskah_masuk") >= before

    # the same file again is refused as a duplicate; the clerk may still confirm it
    window.register_action.trigger()
    dialog = screen.controller.last_dialog
    with qtbot.waitSignal(dialog.sig_prefilled, timeout=15000):
        dialog.load_pdf(str(pdf))
    if not dialog.asal.text():
        qtbot.keyClicks(dialog.asal, "Dinas Komunikasi dan Informatika")
    accept_message_box(qtbot, "Batal")
    press_ok(qtbot, dialog)
    wait_idle(qtbot)
    assert dialog.isVisible()
    assert "sudah diregistrasi" in dialog.error.text()
    dialog.reject()
