"""The demo as a new user meets it: the window opens on someone with work, an empty queue says
who has some, people are listed by name, and the editor closes the way windows close."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import holder, open_queue, open_window, wait_idle
from tnde.formatting import name_sort_key
from ui.drafting import DraftEditor
from ui.services import Services

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from tnde.workspace import Workspace


def test_the_demo_opens_as_the_official_with_the_most_to_do(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    window = open_window(qtbot, demo_workspace)
    services = window.services
    assert services is not None
    waiting = {p.nip: services.work_waiting(p.nip) for p in services.officials()}
    assert waiting[services.nip] == max(waiting.values()) > 0
    # the konseptor, who used to be the first face of the demo, has less to do
    assert waiting[holder(demo_workspace, "PRANATA_KOMPUTER_APL")] < waiting[services.nip]
    dashboard = open_queue(qtbot, window, "dasbor")
    assert any(card.number.text() not in ("0", "–") for card in dashboard.cards.values())


def test_an_empty_queue_offers_to_switch_to_someone_with_work_there(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    window = open_window(qtbot, demo_workspace, as_jabatan="PRANATA_KOMPUTER_APL")
    screen = open_queue(qtbot, window, "perlu_diperiksa")
    assert screen.model.rowCount() == 0
    qtbot.waitUntil(lambda: screen.list.hint.isVisible(), timeout=5000)
    reviewer = holder(demo_workspace, "KASI_APL")  # the demo's submitted letter waits for them
    assert window.services is not None
    hint = screen.list.hint.text()
    name = window.services.person_name(reviewer)
    qtbot.mouseClick(screen.list.hint, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.services is not None and window.services.nip == reviewer)
    wait_idle(qtbot)
    assert window.user_combo.currentData() == reviewer
    assert window.current_queue() == "perlu_diperiksa"
    again = window.screens["perlu_diperiksa"]
    qtbot.waitUntil(lambda: again.model.rowCount() == 1, timeout=5000)
    assert not again.list.hint.isVisible()
    assert hint == f"Beralih ke {name} untuk memeriksa"


def test_a_queue_with_letters_offers_no_switch(qtbot: QtBot, demo_workspace: Workspace) -> None:
    window = open_window(qtbot, demo_workspace, as_jabatan="KASI_APL")
    screen = open_queue(qtbot, window, "perlu_diperiksa")
    assert screen.model.rowCount() == 1
    assert not screen.list.hint.isVisible()


def test_people_are_listed_by_name_not_by_title(qtbot: QtBot, demo_workspace: Workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    combo = window.user_combo
    names = [combo.itemText(i).split(" — ")[0] for i in range(combo.count())]
    assert len(names) > 10
    assert any(n.startswith(("Dr.", "Drs.", "Ir.")) for n in names)  # titles are there...
    assert names == sorted(names, key=name_sort_key)  # ...but do not decide the order
    assert names != sorted(names)
    window.settings_action.trigger()
    person = window.settings_dialog.identity_page.person
    listed = [person.itemText(i).split(" — ")[0] for i in range(person.count())]
    assert listed == sorted(listed, key=name_sort_key)
    window.settings_dialog.reject()


def test_name_sort_key_leaves_out_titles_and_degrees() -> None:
    assert name_sort_key("Dr. Budi Santoso, S.Kom., M.T.") == "budi santoso"
    assert name_sort_key("Ir. H. Agus Salim, M.M.") == "agus salim"
    assert name_sort_key("Prof. Dr. Hj. Siti Aminah") == "siti aminah"
    assert name_sort_key("Drs. Ahmad") == "ahmad"
    assert name_sort_key("Dra.") == "dra."  # nothing but a title: kept rather than empty


def _editor(qtbot: QtBot, demo_workspace: Workspace) -> DraftEditor:
    # the editor alone, as the only window: shortcuts go to the active window
    services = Services.open(demo_workspace, holder(demo_workspace, "PRANATA_KOMPUTER_APL"))
    editor = DraftEditor(services)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def test_the_jenis_chooser_has_a_cancel_button(qtbot: QtBot, demo_workspace: Workspace) -> None:
    editor = _editor(qtbot, demo_workspace)
    cancel = editor.catalogue.cancel_button
    assert cancel.text() == "Batal"
    assert cancel.isVisible()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_escape_closes_the_editor(qtbot: QtBot, demo_workspace: Workspace) -> None:
    editor = _editor(qtbot, demo_workspace)
    editor.catalogue.search.setFocus()
    qtbot.keyClick(editor.catalogue.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())


def test_ctrl_w_closes_the_editor(qtbot: QtBot, demo_workspace: Workspace) -> None:
    editor = _editor(qtbot, demo_workspace)
    editor.catalogue.view.setFocus()
    qtbot.keyClick(editor.catalogue.view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.isVisible())
