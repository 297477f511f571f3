"""The window on a live archive (real HTTP on loopback): linking a computer, new work
arriving in another official's queue without a refresh, working offline and sending on
reconnecting, and a refused action in "Perlu perhatian"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from tests.office import nip, office_chart, surat_dinas_values
from tests.sync.conftest import PASSWORD, PROFILE, MemorySecrets, Office
from tests.sync.liveserver import serving
from tests.ui.helpers import accept_message_box, model_keys, open_queue, wait_idle
from tnde import sync
from tnde.archive import init_archive, open_archive
from tnde.archive.accounts import enrol_account
from tnde.archive.admins import set_admin
from tnde.org import write_org_toml
from tnde.workflow import Letters
from ui.dialogs.settings_dialog import SettingsDialog
from ui.main_window import MainWindow
from ui.models.paged import PagedRole
from ui.settings import UiSettings
from ui.sync.sign_in import LinkDialog

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tests.sync.conftest import Desk

WAIT = 2.0
"""The long poll of the windows under test (short, so a stopped server is noticed fast)."""


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    """The test office's archive on SQLite, served on loopback; desks on demand."""
    org = tmp_path / "org.toml"
    write_org_toml(office_chart(), org)
    folder = tmp_path / "arsip"
    init_archive(folder, profile=PROFILE, org=org)
    with serving(folder) as server:
        made = Office(tmp_path, server.url, folder)
        made.server = server
        try:
            yield made
        finally:
            made.close()


def window_of(qtbot: QtBot, office: Office, desk: Desk) -> MainWindow:
    """The main window of ``desk``'s workspace, shown, its sync running."""
    window = MainWindow(desk.ws, secrets=office.secrets, sync_wait=WAIT)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.window_sync is not None
    qtbot.waitUntil(
        lambda: window.window_sync is not None and window.window_sync.button.state == "online",
        timeout=10_000,
    )
    wait_idle(qtbot)
    return window


def close(qtbot: QtBot, *windows: MainWindow) -> None:
    for window in windows:
        window.close()
    wait_idle(qtbot)


def count(window: MainWindow, key: str) -> int:
    return window.sidebar_model.count_of(key)


def enrolment_code(office: Office, who: str) -> str:
    archive = open_archive(office.archive_folder)
    try:
        with archive.database.write() as conn:
            return enrol_account(conn, nip(who), at=dt.datetime.now(dt.UTC), actor="admin").code
    finally:
        archive.close()


def test_a_computer_is_linked_from_the_link_dialog(
    qtbot: QtBot, office: Office, tmp_path: Path
) -> None:
    code = enrolment_code(office, "kasi")
    secrets = MemorySecrets()
    dialog = LinkDialog(secrets, folder=tmp_path / "meja baru")
    qtbot.addWidget(dialog)
    dialog.url.setText(office.url)
    dialog.nip.setText(nip("kasi"))
    dialog.code.setText(code)
    dialog.password.setText("sandi-kantor-baru")
    dialog.repeat.setText("sandi-kantor-lain")
    dialog.buttons.accepted.emit()
    assert "berbeda" in dialog.error.text()  # the two passwords differ: nothing sent
    dialog.repeat.setText("sandi-kantor-baru")
    with qtbot.waitSignal(dialog.sig_linked, timeout=20_000) as linked:
        dialog.buttons.accepted.emit()
    workspace = linked.args[0]
    assert workspace.config.owner == nip("kasi")
    assert sync.link_of(workspace) is not None
    assert not dialog.password.text()  # the secrets leave the form
    window = MainWindow(workspace, secrets=secrets, sync_wait=WAIT)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: window.window_sync is not None and window.window_sync.button.state == "online",
        timeout=10_000,
    )
    assert not window.sidebar.isRowHidden(window.sidebar_model.row_of("perlu_perhatian"))
    close(qtbot, window)
    workspace.close()


def test_a_submitted_letter_reaches_the_reviewers_window_without_a_refresh(
    qtbot: QtBot, office: Office
) -> None:
    analis, kasi = office.desk("analis"), office.desk("kasi")
    sender, reviewer = window_of(qtbot, office, analis), window_of(qtbot, office, kasi)
    queue = open_queue(qtbot, reviewer, "perlu_diperiksa")
    assert count(reviewer, "perlu_diperiksa") == 0
    letter = analis.draft("Rapat koordinasi aplikasi")
    sender._on_letter_changed(letter)  # what every screen does after an action
    qtbot.waitUntil(lambda: count(reviewer, "perlu_diperiksa") == 1, timeout=5_000)
    wait_idle(qtbot)
    assert letter in model_keys(queue)
    assert reviewer.window_sync is not None
    assert "diperiksa" in reviewer.window_sync.last_notice
    close(qtbot, sender, reviewer)


def test_an_approval_made_offline_is_marked_and_sent_when_the_archive_is_back(
    qtbot: QtBot, office: Office
) -> None:
    analis, kasi = office.desk("analis"), office.desk("kasi")
    letter = analis.draft("Dikerjakan tanpa jaringan")
    analis.sync()
    kasi.sync()
    reviewer = window_of(qtbot, office, kasi)
    assert office.server is not None
    office.server.stop()
    assert reviewer.window_sync is not None
    button = reviewer.window_sync.button
    qtbot.waitUntil(lambda: button.state == "offline", timeout=15_000)
    assert "Luring sejak" in button.text()
    Letters(kasi.ws).approve(kasi.nip, letter)
    reviewer._on_letter_changed(letter)
    qtbot.waitUntil(lambda: "1 belum terkirim ke arsip" in button.text(), timeout=5_000)
    own = kasi.draft("Konsep sendiri, juga tanpa jaringan")  # drafted and submitted here
    reviewer._on_letter_changed(own)
    qtbot.waitUntil(lambda: "4 belum terkirim ke arsip" in button.text(), timeout=5_000)
    outgoing = open_queue(qtbot, reviewer, "naskah_keluar")
    qtbot.waitUntil(lambda: own in model_keys(outgoing))
    assert _marked(outgoing) == {own}
    office.server.start()  # nothing pokes: the desk notices by itself
    qtbot.waitUntil(
        lambda: button.state == "online" and "belum terkirim" not in button.text(), timeout=20_000
    )
    qtbot.waitUntil(lambda: _marked(outgoing) == set(), timeout=5_000)
    analis.sync()
    assert Letters(analis.ws).get(letter).route[0].approved_revision
    close(qtbot, reviewer)


def test_a_refused_action_shows_in_perlu_perhatian_with_its_reason_and_can_be_discarded(
    qtbot: QtBot, office: Office
) -> None:
    analis = office.desk("analis")
    kasi_here, kasi_there = office.desk("kasi"), office.desk("kasi", "laptop")
    letter = analis.draft("Dua meja satu langkah")
    analis.sync()
    kasi_here.sync()
    kasi_there.sync()
    Letters(kasi_there.ws).approve(kasi_there.nip, letter)
    kasi_there.sync()  # the laptop approved first
    Letters(kasi_here.ws).approve(kasi_here.nip, letter)  # not yet sent from this desk
    window = window_of(qtbot, office, kasi_here)
    window._on_letter_changed(letter)
    qtbot.waitUntil(lambda: count(window, "perlu_perhatian") == 1, timeout=10_000)
    screen = open_queue(qtbot, window, "perlu_perhatian")
    qtbot.waitUntil(lambda: screen.item_count() == 1)
    screen.select_row(0)
    reason = screen.reason_text()
    assert "sudah disetujui" in reason
    assert "oleh Anda di meja lain pukul" in reason  # the same official, at their laptop
    screen.discard_selected(confirm=False)
    qtbot.waitUntil(lambda: screen.item_count() == 0, timeout=5_000)
    qtbot.waitUntil(lambda: count(window, "perlu_perhatian") == 0, timeout=5_000)
    assert sync.status(kasi_here.ws)["rejected"] == []
    close(qtbot, window)


def _marked(screen: object) -> set[str]:
    """Keys of the rows the list marks as waiting to be sent."""
    proxy = screen.list.proxy  # type: ignore[attr-defined]
    found = set()
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if index.data(PagedRole.WAITING):
            found.add(str(index.data(PagedRole.KEY)))
    return found


def test_signing_out_pauses_the_sync_and_signing_in_again_resumes_it(
    qtbot: QtBot, office: Office
) -> None:
    kasi = office.desk("kasi")
    window = window_of(qtbot, office, kasi)
    assert window.window_sync is not None
    dialog = SettingsDialog(window, window.services, UiSettings(), window_sync=window.window_sync)
    qtbot.addWidget(dialog)
    page = dialog.archive_page
    assert page.link is not None
    accept_message_box(qtbot, "Keluar dari arsip")
    page.sign_out_button.click()
    qtbot.waitUntil(lambda: "Anda telah keluar" in page.state.text(), timeout=10_000)
    button = window.window_sync.button
    assert button.state == "signed_out"
    assert not [
        v
        for (_s, account), v in office.secrets.items.items()
        if "perangkat" in account and kasi.ws.device_id in account
    ]  # the refresh token is gone
    page.sign_in_button.click()
    sign_in = window.window_sync.sign_in_dialog
    sign_in.password.setText(PASSWORD)
    with qtbot.waitSignal(sign_in.sig_signed_in, timeout=10_000):
        sign_in.buttons.accepted.emit()
    qtbot.waitUntil(lambda: button.state == "online", timeout=10_000)
    dialog.close()
    close(qtbot, window)


def test_an_administrator_sees_the_linked_desks(qtbot: QtBot, office: Office) -> None:
    office.desk("analis")
    tu = office.desk("tu")
    archive = open_archive(office.archive_folder)
    try:
        with archive.database.write() as conn:
            set_admin(conn, nip("tu"), admin=True, at=dt.datetime.now(dt.UTC), actor="admin")
    finally:
        archive.close()
    window = window_of(qtbot, office, tu)
    assert window.window_sync is not None
    qtbot.waitUntil(
        lambda: (
            window.window_sync is not None and window.window_sync.controller.syncer() is not None
        )
    )
    dialog = SettingsDialog(window, window.services, UiSettings(), window_sync=window.window_sync)
    qtbot.addWidget(dialog)
    table = dialog.archive_page.desks
    qtbot.waitUntil(lambda: table.rowCount() >= 2, timeout=10_000)
    names = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert {"Rizky Pratama, S.Kom.", "Nur Aini, A.Md."} <= names
    dialog.close()
    close(qtbot, window)


def test_a_draft_edited_at_two_desks_is_settled_side_by_side(qtbot: QtBot, office: Office) -> None:
    here, laptop = office.desk("analis"), office.desk("analis", "laptop")
    letter = here.draft("Teks awal", submit=False)
    here.sync()
    laptop.sync()
    Letters(laptop.ws).revise(laptop.nip, letter, surat_dinas_values(hal="Teks dari laptop"))
    laptop.sync()
    Letters(here.ws).revise(here.nip, letter, surat_dinas_values(hal="Teks dari kantor"))
    window = window_of(qtbot, office, here)
    window._on_letter_changed(letter)
    qtbot.waitUntil(lambda: count(window, "perlu_perhatian") == 1, timeout=10_000)
    screen = open_queue(qtbot, window, "perlu_perhatian")
    qtbot.waitUntil(lambda: screen.item_count() == 1)
    screen.select_row(0)
    assert screen.merge_button.isVisible()
    screen.merge_button.click()
    dialog = screen.branch_dialog
    qtbot.waitUntil(lambda: len(dialog.texts) == 2)
    shown = [t.toPlainText() for t in dialog.texts]
    assert any("Teks dari kantor" in t for t in shown)
    assert any("Teks dari laptop" in t for t in shown)
    assert all("≠ hal:" in t for t in shown)  # the field that differs is marked
    other = next(n for n, v in enumerate(dialog.versions) if v.device_id == laptop.ws.device_id)
    with qtbot.waitSignal(dialog.sig_resolved, timeout=10_000):
        dialog.keep(other)
    qtbot.waitUntil(lambda: screen.item_count() == 0, timeout=10_000)
    assert Letters(here.ws).get(letter).branches == ()
    assert "laptop" in str(Letters(here.ws).text_versions(letter)[0].values["hal"])
    close(qtbot, window)


def test_a_second_computer_of_an_official_links_with_the_password_spending_no_code(
    qtbot: QtBot, office: Office, tmp_path: Path
) -> None:
    office.desk("kasi")  # enrolled from their first computer, with a password chosen there
    dialog = LinkDialog(MemorySecrets(), folder=tmp_path / "laptop")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.has_password.setChecked(True)
    assert not dialog.code.isVisible()
    assert not dialog.repeat.isVisible()
    dialog.url.setText(office.url)
    dialog.nip.setText(nip("kasi"))
    dialog.password.setText("bukan-sandinya")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.busy, timeout=10_000)
    assert dialog.error.text()  # the archive's refusal, in words
    assert not (tmp_path / "laptop").exists()  # nothing half-made is left behind
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.sig_linked, timeout=20_000) as linked:
        dialog.buttons.accepted.emit()
    workspace = linked.args[0]
    assert sync.link_of(workspace) is not None
    workspace.close()
