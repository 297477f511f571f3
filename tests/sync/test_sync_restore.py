"""Outages and restores: desks keep working while the archive is away, and an archive
restored from a backup taken mid-day gets back everything the desks did."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from tests.office import nip
from tests.sync.liveserver import live_archive
from tnde.archive import open_archive
from tnde.archive.backup import backup_archive
from tnde.archive.restore import restore_archive
from tnde.sync import status
from tnde.sync.transport import ArchiveUnreachable, Backoff

if TYPE_CHECKING:
    from pathlib import Path

    from tests.sync.conftest import Desk, Office


def _events(desk: Desk) -> list[tuple[str, int]]:
    conn = desk.ws.connect()
    return [tuple(r) for r in conn.execute("SELECT event_id, letter_seq FROM event ORDER BY 1")]


def test_a_desk_works_through_an_outage_and_sends_when_the_archive_is_back(
    office: Office,
) -> None:
    konseptor, kasi = office.desk("analis"), office.desk("kasi")
    letter = konseptor.draft("Sebelum gangguan")
    konseptor.sync()
    kasi.sync()
    office.server.stop()
    # the reviewer approves while the archive is away; the sync says so and keeps it
    kasi.letters.approve(nip("kasi"), letter, step=1)
    kasi.syncer.http.backoff = Backoff(base=0.01, cap=0.02, attempts=2)
    with pytest.raises(ArchiveUnreachable):
        kasi.sync()
    assert status(kasi.ws)["pending"] == 1
    assert "tidak dapat dihubungi" in status(kasi.ws)["last_error"]
    office.server.start()
    assert kasi.syncer.sync_once().accepted == 1
    konseptor.sync()
    assert konseptor.letters.get(letter).route[0].decided_by == nip("kasi")


def test_a_restore_from_a_mid_day_backup_loses_nothing_the_desks_did(
    office: Office, tmp_path: Path
) -> None:
    konseptor, kasi = office.desk("analis"), office.desk("kasi")
    morning = konseptor.draft("Pagi")
    konseptor.sync()
    kasi.sync()
    archive = open_archive(office.archive_folder)
    try:
        backup_archive(archive, tmp_path / "cadangan")
    finally:
        archive.close()
    # after the backup: a new letter, and the morning letter approved
    afternoon = konseptor.draft("Siang")
    konseptor.sync()
    kasi.sync()
    kasi.letters.approve(nip("kasi"), morning, step=1)
    kasi.sync()
    konseptor.sync()
    before = {d.who: _events(d) for d in (konseptor, kasi)}

    # the archive's disk is lost; it is restored from the backup, at the same address
    office.server.stop()
    restored = tmp_path / "arsip dipulihkan"
    restore_archive(tmp_path / "cadangan", restored, database=office.new_database())
    port = urlsplit(office.url).port or 0
    with live_archive(restored, port=port):
        for _round in range(2):
            for desk in (konseptor, kasi):
                desk.sync()
        for desk in (konseptor, kasi):
            assert status(desk.ws)["pending"] == 0
            assert status(desk.ws)["rejected"] == []
            assert {e for e, _seq in _events(desk)} == {e for e, _seq in before[desk.who]}
        assert konseptor.letters.get(afternoon).status.value == "diajukan"
        assert konseptor.letters.get(morning).route[0].decided_by == nip("kasi")
        assert kasi.letters.get(afternoon).hal == "Siang"
