"""An office of separate desks and one archive, for the sync tests.

Each official of :mod:`tests.office` works at a workspace of their own (owner-bound, not a
demo), linked to one archive served over real HTTP on loopback. An in-memory keyring keeps
the desks' refresh tokens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from tests.fakekeyring import FakeKeyring, install
from tests.office import FixedClock, nip, office_chart, seed_org, surat_dinas_values
from tests.sync.liveserver import LiveArchive, serving
from tnde.archive import init_archive, open_archive
from tnde.archive.accounts import enrol_account
from tnde.org import write_org_toml
from tnde.sync import Syncer, link_workspace
from tnde.workflow import Letters
from tnde.workspace import Workspace, WorkspaceConfig

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

PROFILE = "diskominfo-nusantara-raya"
PASSWORD = "sandi-rahasia-kantor"


class MemorySecrets:
    """:class:`tnde.secrets.SecretStore` over a dict."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get(self, service: str, account: str) -> str | None:
        return self.items.get((service, account))

    def set(self, service: str, account: str, secret: str) -> None:
        self.items[(service, account)] = secret

    def delete(self, service: str, account: str) -> None:
        self.items.pop((service, account), None)


@dataclass
class Desk:
    """One official's computer: their workspace, its letters service and its syncer."""

    who: str
    ws: Workspace
    letters: Letters
    syncer: Syncer

    @property
    def nip(self) -> str:
        return nip(self.who)

    def sync(self) -> object:
        return self.syncer.sync_once()

    def draft(self, hal: str = "Uji", *, sifat: str = "Biasa", submit: bool = True) -> str:
        """A Surat Dinas of the konseptor's Seksi, reviewed by the Kasi and signed by the
        Kabid, submitted unless told not to; its id."""
        letter = self.letters.create(
            self.nip,
            jenis="surat_dinas",
            unit_id="SEKSI1",
            profile_id=PROFILE,
            values=surat_dinas_values(hal=hal, sifat=sifat),
        ).letter_id
        self.letters.set_route(self.nip, letter, signer_jabatan="KABID1")
        if submit:
            self.letters.submit(self.nip, letter)
        return letter


class Office:
    """The archive and the desks linked to it."""

    def __init__(self, root: Path, url: str, archive_folder: Path) -> None:
        self.root = root
        self.url = url
        self.archive_folder = archive_folder
        self.secrets = MemorySecrets()
        self.desks: dict[str, Desk] = {}
        self.server: LiveArchive | None = None
        self.new_database: Callable[[], str] = str  # "": a SQLite file in the new folder
        self.clock = FixedClock(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC))

    def desk(self, who: str, seat: str = "") -> Desk:
        """The desk of ``who`` (a second computer of theirs with ``seat``), linked and
        signed in on first use: with the enrolment code the first time, then the password."""
        key = f"{who}/{seat}"
        if key in self.desks:
            return self.desks[key]
        ws = Workspace.create(
            self.root / f"meja {who} {seat}",
            config=WorkspaceConfig(profile_id=PROFILE, owner=nip(who)),
        )
        seed_org(ws)
        enrolled = any(d.who == who for d in self.desks.values())
        if enrolled:
            secret = PASSWORD
        else:
            archive = open_archive(self.archive_folder)
            try:
                with archive.database.write() as conn:
                    at = dt.datetime.now(dt.UTC)
                    code = enrol_account(conn, nip(who), at=at, actor="admin").code
            finally:
                archive.close()
            secret = f"{code}|{PASSWORD}"
        link_workspace(
            ws, self.url, nip=nip(who), secret=secret, secrets=self.secrets, enrol=not enrolled
        )
        desk = Desk(who, ws, Letters(ws, clock=self.clock), Syncer(ws, self.secrets))
        self.desks[key] = desk
        return desk

    def close(self) -> None:
        for desk in self.desks.values():
            desk.syncer.close()


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> FakeKeyring:
    """A keyring in memory for the command line's :class:`~tnde.secrets.KeyringSecretStore`."""
    ring = FakeKeyring()
    install(monkeypatch, ring)
    return ring


@pytest.fixture
def office(tmp_path: Path, database_url: str, request: pytest.FixtureRequest) -> Iterator[Office]:
    """An archive of the test office served on loopback (on SQLite, then on PostgreSQL),
    and its desks on demand."""
    org = tmp_path / "org.toml"
    write_org_toml(office_chart(), org)
    folder = tmp_path / "arsip"
    init_archive(folder, profile=PROFILE, org=org, database=database_url)
    with serving(folder) as server:
        made = Office(tmp_path, server.url, folder)
        made.server = server
        if database_url:  # another empty database of the same cluster, for a restore
            made.new_database = request.getfixturevalue("pg_cluster").database
        try:
            yield made
        finally:
            made.close()
