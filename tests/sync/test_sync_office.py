"""A new computer joining the office, the administrator's view of the linked desks, signing
out, in again and forgetting the archive: desks against a live archive, on both databases."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa

from tests.office import PEOPLE, nip, office_chart, surat_dinas_values
from tests.sync.conftest import PASSWORD, PROFILE, MemorySecrets
from tnde import sync
from tnde.archive import open_archive
from tnde.archive.accounts import disable_account, enable_account, enrol_account
from tnde.archive.admins import set_admin
from tnde.archive.schema import REFRESH_TOKEN
from tnde.errors import WorkspaceError
from tnde.org import workspace_org
from tnde.sync import joining
from tnde.workflow import Letters
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.sync.conftest import Desk, Office


@contextlib.contextmanager
def _archive_db(office: Office) -> Iterator[sa.Connection]:
    """A write transaction on the office's archive, as the admin's commands open it."""
    archive = open_archive(office.archive_folder)
    try:
        with archive.database.write() as conn:
            yield conn
    finally:
        archive.close()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _enrol(office: Office, who: str) -> str:
    with _archive_db(office) as conn:
        return enrol_account(conn, nip(who), at=_now(), actor="admin").code


def _live_tokens(office: Office, device_id: str) -> int:
    with _archive_db(office) as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count())
                .select_from(REFRESH_TOKEN)
                .where(REFRESH_TOKEN.c.device_id == device_id, REFRESH_TOKEN.c.revoked_at.is_(None))
            ).scalar_one()
        )


def _join(office: Office, path: Path, who: str, secret: str, **given: object) -> Workspace:
    return sync.join_office(
        path, office.url, nip=nip(who), secret=secret, secrets=office.secrets, **given
    )


def _cursor(ws: Workspace) -> str:
    with ws.transaction() as conn:
        link = sync.read_link(conn)
    assert link is not None
    return link.cursor


# -- joining --------------------------------------------------------------------------------------


def test_a_new_computer_joins_with_the_office_the_archive_holds(
    office: Office, tmp_path: Path
) -> None:
    code = _enrol(office, "analis")
    ws = _join(office, tmp_path / "laptop baru", "analis", f"{code}|{PASSWORD}")
    try:
        assert ws.config.owner == nip("analis")
        assert ws.config.profile_id == PROFILE
        assert ws.config.archive_url == office.url
        assert not ws.config.demo
        chart, expected = workspace_org(ws), office_chart()
        for table in ("units", "jabatan", "pegawai", "assignments"):
            assert set(getattr(chart, table)) == set(getattr(expected, table)), table

        # a desk like any other: its letter reaches the Kasi's desk
        letters = Letters(ws, clock=office.clock)
        letter = letters.create(
            nip("analis"),
            jenis="surat_dinas",
            unit_id="SEKSI1",
            profile_id=PROFILE,
            values=surat_dinas_values(hal="Dari komputer baru"),
        ).letter_id
        letters.set_route(nip("analis"), letter, signer_jabatan="KABID1")
        letters.submit(nip("analis"), letter)
        syncer = sync.Syncer(ws, office.secrets)
        try:
            report = syncer.sync_once()
            assert (report.rejected, report.accepted > 0) == (0, True)
            assert syncer.me()["nip"] == nip("analis")
            assert syncer.me()["admin"] is False
        finally:
            syncer.close()
        kasi = office.desk("kasi")
        kasi.sync()
        assert [i.letter_id for i in kasi.letters.inbox(kasi.nip)] == [letter]
    finally:
        ws.close()
    again = Workspace.open(tmp_path / "laptop baru")  # what was kept on disk
    assert (again.config.profile_id, again.config.owner) == (PROFILE, nip("analis"))
    again.close()


def test_an_occupied_folder_is_refused_before_the_code_is_used(
    office: Office, tmp_path: Path
) -> None:
    code = _enrol(office, "kasi")
    occupied = tmp_path / "terisi"
    occupied.mkdir()
    (occupied / "catatan.txt").write_text("milik orang lain", encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        _join(office, occupied, "kasi", f"{code}|{PASSWORD}")
    assert caught.value.kind == WorkspaceError.NOT_EMPTY
    assert [p.name for p in occupied.iterdir()] == ["catatan.txt"]
    assert office.secrets.items == {}
    # the code still works, here into an empty folder made beforehand
    empty = tmp_path / "kosong"
    empty.mkdir()
    _join(office, empty, "kasi", f"{code}|{PASSWORD}").close()
    assert (empty / "workspace.sqlite").is_file()


def test_a_failed_join_leaves_nothing_and_is_simply_tried_again(
    office: Office, tmp_path: Path
) -> None:
    code = _enrol(office, "kasi")
    new, empty = tmp_path / "baru", tmp_path / "kosong"
    empty.mkdir()
    for path in (new, empty):
        with pytest.raises(sync.ArchiveRefused) as caught:
            _join(office, path, "kasi", f"{'0' * 16}|{PASSWORD}")
        assert caught.value.code == "invalid_enrolment_code"
    assert not new.exists()
    assert list(empty.iterdir()) == []
    assert office.secrets.items == {}

    # the admin disables the account while the desk joins: the sign-in worked, the office
    # is refused; the desk is undone, keyring included
    disabling = DisablingSecrets(office, "kasi")
    with pytest.raises(sync.ArchiveRefused) as refused:
        sync.join_office(
            new, office.url, nip=nip("kasi"), secret=f"{code}|{PASSWORD}", secrets=disabling
        )
    assert (refused.value.status, refused.value.code) == (403, "account_disabled")
    assert disabling.disabled
    assert not new.exists()
    assert disabling.items == {}

    # enabled again, the official tries again: the code is used, so with the password
    with _archive_db(office) as conn:
        enable_account(conn, nip("kasi"), at=_now(), actor="admin")
    ws = sync.join_office(
        new, office.url, nip=nip("kasi"), secret=PASSWORD, secrets=disabling, enrol=False
    )
    try:
        assert ws.config.profile_id == PROFILE
        assert workspace_org(ws).pegawai
    finally:
        ws.close()


class DisablingSecrets(MemorySecrets):
    """A keyring during whose first write (the token of the desk's first sign-in) the admin
    disables the account on the server."""

    def __init__(self, office: Office, who: str) -> None:
        super().__init__()
        self.office, self.who = office, who
        self.disabled = False

    def set(self, service: str, account: str, secret: str) -> None:
        super().set(service, account, secret)
        if not self.disabled:
            self.disabled = True
            with _archive_db(self.office) as conn:
                disable_account(conn, nip(self.who), at=_now(), actor="admin")


def test_an_office_profile_the_desk_does_not_know_is_said_plainly(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A desk of a version that does not ship the office's profile: told before anything is
    made or the code is used up."""
    code = _enrol(office, "analis")
    monkeypatch.setattr(joining, "available_profiles", lambda: ["bkpsdm-kabupaten-sukamaju"])
    with pytest.raises(sync.SyncError) as caught:
        _join(office, tmp_path / "meja", "analis", f"{code}|{PASSWORD}")
    assert PROFILE in str(caught.value)
    assert "tidak dikenal" in str(caught.value)
    assert not (tmp_path / "meja").exists()
    assert office.secrets.items == {}
    monkeypatch.undo()
    _join(office, tmp_path / "meja", "analis", f"{code}|{PASSWORD}").close()


# -- the administrator ----------------------------------------------------------------------------


def test_an_administrator_sees_every_account_and_its_desks(office: Office) -> None:
    analis, tu = office.desk("analis"), office.desk("tu")
    laptop = office.desk("tu", "laptop")
    for desk in (analis, tu):
        with pytest.raises(sync.ArchiveRefused) as caught:
            desk.syncer.linked_desks()
        assert (caught.value.status, caught.value.code) == (403, "not_admin")
    assert tu.syncer.me()["admin"] is False

    with _archive_db(office) as conn:
        assert set_admin(conn, nip("tu"), admin=True, at=_now(), actor="admin")
    assert tu.syncer.me()["admin"] is True
    accounts = {a["nip"]: a for a in tu.syncer.linked_desks()}
    assert set(accounts) == {nip("analis"), nip("tu")}
    mine = accounts[nip("tu")]
    assert (mine["nama"], mine["state"], mine["admin"]) == (PEOPLE["tu"][1], "active", True)
    assert {d["device_id"] for d in mine["devices"]} == {tu.ws.device_id, laptop.ws.device_id}
    assert all(d["revoked_at"] is None and d["last_seen_at"] for d in mine["devices"])
    assert accounts[nip("analis")]["admin"] is False
    with pytest.raises(sync.ArchiveRefused):
        analis.syncer.linked_desks()


# -- signing out, in again, forgetting ------------------------------------------------------------


def test_signing_out_and_in_again_carries_on_where_the_desk_was(office: Office) -> None:
    analis, laptop = office.desk("analis"), office.desk("analis", "laptop")
    analis.draft("Sebelum keluar")
    analis.sync()
    before = _cursor(analis.ws)

    assert sync.sign_out(analis.ws, office.secrets) is True
    assert analis.syncer.vault.load() is None
    assert _live_tokens(office, analis.ws.device_id) == 0
    signed_out = sync.Syncer(analis.ws, office.secrets)
    with pytest.raises(sync.SignedOut):
        signed_out.sync_once()
    signed_out.close()
    assert _cursor(analis.ws) == before  # the link stays

    # meanwhile the official's laptop works on
    letter = laptop.draft("Dari laptop")
    laptop.sync()

    with pytest.raises(sync.ArchiveRefused) as caught:
        sync.sign_in_again(analis.ws, "bukan kata sandinya", office.secrets)
    assert caught.value.code == "invalid_credentials"
    assert analis.syncer.vault.load() is None

    link = sync.sign_in_again(analis.ws, PASSWORD, office.secrets, device_name="PC kantor")
    assert link.cursor == before
    assert _live_tokens(office, analis.ws.device_id) == 1
    again = sync.Syncer(analis.ws, office.secrets)
    try:
        report = again.sync_once()
    finally:
        again.close()
    assert (report.reset, report.new > 0) == (False, True)
    assert letter in _letters(analis)  # the laptop's letter, pulled from where the desk was


def _letters(desk: Desk) -> set[str]:
    conn = desk.ws.connect()
    try:
        return {str(r[0]) for r in conn.execute("SELECT letter_id FROM letter")}
    finally:
        conn.close()


def test_signing_out_offline_forgets_the_token_all_the_same(office: Office) -> None:
    analis = office.desk("analis")
    assert office.server is not None
    office.server.stop()
    try:
        assert sync.sign_out(analis.ws, office.secrets) is False
    finally:
        office.server.start()
    assert analis.syncer.vault.load() is None
    assert _live_tokens(office, analis.ws.device_id) == 1  # the archive was not told
    sync.sign_in_again(analis.ws, PASSWORD, office.secrets)
    again = sync.Syncer(analis.ws, office.secrets)
    try:
        assert again.sync_once().rejected == 0
    finally:
        again.close()


def test_forgetting_the_archive_waits_for_what_is_not_sent(office: Office) -> None:
    analis = office.desk("analis")
    analis.draft("Belum terkirim")
    with pytest.raises(sync.SyncError) as caught:
        sync.forget_archive(analis.ws, office.secrets)
    assert "belum sampai" in str(caught.value)
    assert sync.status(analis.ws)["linked"]
    assert analis.syncer.vault.load() is not None

    analis.sync()
    assert sync.forget_archive(analis.ws, office.secrets) is True
    assert not sync.status(analis.ws)["linked"]
    assert analis.syncer.vault.load() is None
    assert _live_tokens(office, analis.ws.device_id) == 0
    with pytest.raises(sync.SyncError):
        sync.forget_archive(analis.ws, office.secrets)
    with pytest.raises(sync.SyncError):
        sync.Syncer(analis.ws, office.secrets)

    # with force, what waits stays on the desk
    laptop = office.desk("analis", "laptop")
    laptop.draft("Tetap di laptop", submit=False)
    waiting = sync.status(laptop.ws)["pending"]
    assert waiting > 0
    assert sync.forget_archive(laptop.ws, office.secrets, force=True) is True
    assert sync.status(laptop.ws)["pending"] == waiting
    assert not sync.status(laptop.ws)["linked"]
