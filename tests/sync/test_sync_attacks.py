"""Attacks and edge cases at the archive's door: what a signed-in desk can make the archive
accept or reveal, what the feed sends when grants change, and pushes the archive must
answer one event at a time rather than fail."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa

from tests.office import nip, surat_dinas_values
from tnde.archive import open_archive
from tnde.archive.schema import AGGREGATE
from tnde.ids import uuid7
from tnde.sync.transport import ArchiveRefused
from tnde.workflow.codec import state_from_json
from tnde.workflow.events import revision_hash
from tnde.workflow.finishing import number_letter, number_series

if TYPE_CHECKING:
    from pathlib import Path

    from tests.sync.conftest import Desk, Office
    from tnde.archive.service import ArchiveService
    from tnde.workflow.state import LetterState

PROFILE = "diskominfo-nusantara-raya"


# -- helpers -----------------------------------------------------------------------------------


def _raw(
    desk: Desk,
    letter_id: str,
    type_: str,
    payload: dict[str, Any],
    *,
    revision: str = "",
    base_seq: int = 0,
) -> dict[str, Any]:
    """An event as a desk's own client could push it, bypassing the desk's services."""
    return {
        "event_id": uuid7(),
        "letter_id": letter_id,
        "type": type_,
        "actor_nip": desk.nip,
        "device_id": desk.ws.device_id,
        "base_seq": base_seq,
        "revision_hash": revision,
        "payload": payload,
        "client_time": "2026-11-20T03:00:00Z",
    }


def _push(desk: Desk, *events: dict[str, Any]) -> list[dict[str, Any]]:
    # the body as Python's json writes it (NaN and lone surrogates allowed, escaped)
    body = json.dumps({"events": list(events)}).encode("ascii")
    try:
        answer = desk.syncer._authorized(
            "POST",
            "/v1/events:batch",
            content=body,
            headers={"content-type": "application/json"},
            retry=False,
        )
    except ArchiveRefused as exc:
        pytest.fail(f"the archive answered {exc.status} {exc.code} instead of a result per event")
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def _archive_state(office: Office, letter_id: str) -> LetterState:
    archive = open_archive(office.archive_folder)
    try:
        with archive.database.read() as conn:
            text = conn.execute(
                sa.select(AGGREGATE.c.state_json).where(AGGREGATE.c.aggregate_id == letter_id)
            ).scalar_one()
    finally:
        archive.close()
    return state_from_json(text)


def _service(office: Office) -> ArchiveService:
    assert office.server is not None
    assert office.server._server is not None
    service: ArchiveService = office.server._server.config.app.state.service
    return service


def _held(desk: Desk) -> set[str]:
    return {r[0] for r in desk.ws.connect().execute("SELECT letter_id FROM letter")}


def _secret_pdf(office: Office) -> tuple[str, str]:
    """A Rahasia letter numbered by the registry desk: its id and its final PDF's hash."""
    konseptor = office.desk("analis")
    letter = konseptor.draft(sifat="Rahasia")
    konseptor.sync()
    kasi, tu = office.desk("kasi"), office.desk("tu")
    kasi.sync()
    kasi.letters.approve(nip("kasi"), letter, step=1)
    kasi.sync()
    tu.sync()
    tu.syncer.lease(number_series(tu.letters, letter), 5)
    pdf = number_letter(tu.letters, nip("tu"), letter).final_blob
    tu.sync()
    return letter, pdf


# -- the archive's acceptance --------------------------------------------------------------------


def test_a_payload_the_rules_cannot_read_is_refused_not_answered_500(office: Office) -> None:
    """A route whose steps are not objects is refused with ``SYNC-BAD-EVENT``; the rest of the
    batch is answered as usual, not failed with a 500."""
    konseptor = office.desk("analis")
    letter = konseptor.letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id=PROFILE,
        values=surat_dinas_values(),
    ).letter_id
    konseptor.sync()
    bad = _raw(konseptor, letter, "route.set", {"steps": [1]}, base_seq=1)
    (result,) = _push(konseptor, bad)
    assert (result["status"], result.get("rule")) == ("rejected", "SYNC-BAD-EVENT")


def test_a_new_text_cannot_carry_the_hash_of_an_approved_text(office: Office) -> None:
    """A text's revision hash must be the hash of its values: a text pushed under the hash of
    the text the Kasi approved would carry an approval nobody gave it."""
    konseptor, kasi = office.desk("analis"), office.desk("kasi")
    letter = konseptor.draft()
    konseptor.sync()
    kasi.sync()
    approved = kasi.letters.approve(nip("kasi"), letter, step=1)
    kasi.sync()
    konseptor.sync()
    assert approved.status.value == "siap_tandatangan"
    second = konseptor.letters.revise(nip("analis"), letter, surat_dinas_values(hal="Kedua"))
    konseptor.sync()
    forged_values = surat_dinas_values(hal="Teks yang tidak pernah diperiksa")
    forged = _raw(
        konseptor,
        letter,
        "draft.revised",
        {"values": forged_values, "parent_revision": second.head_revision},
        revision=approved.head_revision,  # not revision_hash(forged_values)
        base_seq=second.head_seq,
    )
    (result,) = _push(konseptor, forged)
    state = _archive_state(office, letter)
    assert result["status"] == "rejected", (
        f"accepted: the archive now holds {state.status.value!r} with hal "
        f"{state.head_values.get('hal')!r} under the approved revision hash"
    )
    assert revision_hash(forged_values) != approved.head_revision


# -- who receives what ---------------------------------------------------------------------------


def test_a_letter_made_rahasia_no_longer_reaches_its_whole_unit(office: Office) -> None:
    """Grants follow the state both ways: a draft made Rahasia stops reaching the officials
    of its unit who are not on its route."""
    konseptor, kadis = office.desk("analis"), office.desk("kadis")
    letter = konseptor.draft(sifat="Biasa", submit=False)
    konseptor.sync()
    kadis.sync()
    assert letter in _held(kadis)
    konseptor.letters.revise(
        nip("analis"), letter, surat_dinas_values(sifat="Rahasia", hal="Isi rahasia")
    )
    konseptor.sync()
    kadis.sync()
    hal = kadis.ws.connect().execute("SELECT hal FROM letter WHERE letter_id = ?", (letter,))
    assert hal.fetchone()[0] != "Isi rahasia"


def test_naming_a_secret_file_in_ones_own_event_does_not_open_it(office: Office) -> None:
    """Naming a file's hash in one's own event does not open the file: an event may name only
    files the desk may read or has uploaded itself."""
    _letter, pdf = _secret_pdf(office)
    outsider = office.desk("kabid2")
    outsider.sync()
    assert outsider.syncer._authorized("GET", f"/v1/blobs/{pdf}").status_code == 404
    own = _raw(
        outsider,
        uuid7(),
        "letter.created",
        {
            "jenis": "surat_dinas",
            "profile_id": PROFILE,
            "unit_id": "BID2",
            "values": surat_dinas_values(),
            "blob": pdf,
        },
        revision=revision_hash(surat_dinas_values()),
    )
    (result,) = _push(outsider, own)
    answer = outsider.syncer._authorized("GET", f"/v1/blobs/{pdf}")
    assert answer.status_code == 404, f"push answered {result['status']}; the PDF was served"


def test_head_does_not_tell_an_outsider_that_a_secret_file_exists(office: Office) -> None:
    """HEAD, like GET, answers a file a desk may not read as absent: not even its existence or
    its size is told."""
    _letter, pdf = _secret_pdf(office)
    outsider = office.desk("kabid2")
    assert outsider.syncer._authorized("GET", f"/v1/blobs/{pdf}").status_code == 404
    assert outsider.syncer._authorized("HEAD", f"/v1/blobs/{pdf}").status_code == 404


def test_a_grant_beyond_the_page_still_brings_the_earlier_events(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A desk far behind, to which a letter is granted beyond the page it is on, receives the
    letter's beginning too (it asks for the whole history when it finds a gap)."""
    konseptor, outsider = office.desk("analis"), office.desk("kabid2")
    letter = konseptor.draft(submit=False)  # SEKSI1: the Kabid of BID2 does not see it
    konseptor.sync()
    outsider.sync()  # its cursor is past the letter's first events
    assert letter not in _held(outsider)
    konseptor.letters.revise(nip("analis"), letter, surat_dinas_values(hal="Kedua"))
    # coordination paraf of BID2: the letter is granted to jabatan KABID2 from here on
    konseptor.letters.set_route(
        nip("analis"), letter, signer_jabatan="KABID1", coordination=["KABID2"]
    )
    konseptor.sync()
    monkeypatch.setattr("tnde.sync.engine.PAGE", 1)  # a desk far behind: many pages
    outsider.sync()
    assert letter in _held(outsider)


def test_an_official_who_starts_acting_in_a_jabatan_receives_its_letters(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An official whose Plh. period begins receives the letters already waiting for that
    jabatan, with their whole history."""
    service = _service(office)
    monkeypatch.setattr(service, "clock", lambda: dt.datetime(2026, 11, 17, 3, tzinfo=dt.UTC))
    konseptor, plh = office.desk("analis"), office.desk("kabid2")
    letter = konseptor.letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id=PROFILE,
        values=surat_dinas_values(sifat="Rahasia"),
    ).letter_id
    konseptor.letters.set_route(nip("analis"), letter, signer_jabatan="KADIS")
    konseptor.sync()
    plh.sync()
    assert letter not in _held(plh)  # 17 November: not yet Plh. Kepala Dinas
    # 18 November: Plh. Kepala Dinas (tests/office.py); the org chart did not change
    monkeypatch.setattr(service, "clock", lambda: dt.datetime(2026, 11, 18, 3, tzinfo=dt.UTC))
    konseptor.letters.revise(
        nip("analis"), letter, surat_dinas_values(sifat="Rahasia", hal="Kedua")
    )
    konseptor.sync()
    plh.sync()
    assert letter in _held(plh)


# -- answers ---------------------------------------------------------------------------------


def test_an_event_sent_twice_in_one_batch_is_answered_with_its_feed_position(
    office: Office,
) -> None:
    """The second copy of an event in one batch is a duplicate with the feed position of the
    first."""
    konseptor = office.desk("analis")
    konseptor.sync()
    event = _raw(
        konseptor,
        uuid7(),
        "letter.created",
        {
            "jenis": "surat_dinas",
            "profile_id": PROFILE,
            "unit_id": "SEKSI1",
            "values": surat_dinas_values(),
        },
        revision=revision_hash(surat_dinas_values()),
    )
    first, second = _push(konseptor, event, event)
    assert first["status"] == "accepted"
    assert second["status"] == "duplicate"
    assert second["feed_seq"] == first["feed_seq"]


def test_a_push_repeated_while_the_first_is_in_flight_is_a_duplicate(office: Office) -> None:
    """A push sent again while the first copy is still committing waits for it and is
    answered ``duplicate``, never refused against the state the first copy made."""
    import threading
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Signed:
        nip: str
        device_id: str

    konseptor = office.desk("analis")
    acceptor = _service(office).acceptor
    who = Signed(konseptor.nip, konseptor.ws.device_id)
    answers: list[str] = []
    for _trial in range(15):
        letter = uuid7()
        values = surat_dinas_values()
        steps = [
            {"kind": "periksa", "jabatan_id": "KASI1"},
            {"kind": "tandatangan", "jabatan_id": "KABID1"},
        ]
        created = _raw(
            konseptor,
            letter,
            "letter.created",
            {"jenis": "surat_dinas", "profile_id": PROFILE, "unit_id": "SEKSI1", "values": values},
            revision=revision_hash(values),
        )
        route = _raw(konseptor, letter, "route.set", {"steps": steps}, base_seq=1)
        assert [r.status for r in acceptor.accept(who, [created, route])] == ["accepted"] * 2
        submit = _raw(konseptor, letter, "letter.submitted", {}, base_seq=2)
        start = threading.Barrier(2)

        def push(event: dict[str, Any] = submit, barrier: threading.Barrier = start) -> None:
            barrier.wait()
            (result,) = acceptor.accept(who, [event])
            answers.append(f"{result.status} {result.rule}".strip())

        threads = [threading.Thread(target=push) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert set(answers) <= {"accepted", "duplicate"}, sorted(set(answers))


def test_a_restore_keeps_an_action_on_a_letter_the_backup_did_not_hold(
    office: Office, tmp_path: Path
) -> None:
    """After a restore, a reviewer's approval of a letter the backup did not hold is set aside
    until the konseptor's desk pushes the letter again, then sent: it is never lost, even when
    the reviewer's desk syncs first."""
    from urllib.parse import urlsplit

    from tests.sync.liveserver import live_archive
    from tnde.archive.backup import backup_archive
    from tnde.archive.restore import restore_archive
    from tnde.sync import status

    konseptor, kasi = office.desk("analis"), office.desk("kasi")
    konseptor.draft("Pagi")
    konseptor.sync()
    kasi.sync()
    archive = open_archive(office.archive_folder)
    try:
        backup_archive(archive, tmp_path / "cadangan")
    finally:
        archive.close()
    afternoon = konseptor.draft("Siang")
    konseptor.sync()
    kasi.sync()
    kasi.letters.approve(nip("kasi"), afternoon, step=1)
    kasi.sync()
    office.server.stop()
    restored = tmp_path / "arsip dipulihkan"
    restore_archive(tmp_path / "cadangan", restored, database=office.new_database())
    port = urlsplit(office.url).port or 0
    with live_archive(restored, port=port):
        for _round in range(2):
            for desk in (kasi, konseptor):  # the reviewer's desk syncs first
                desk.sync()
        assert status(kasi.ws)["rejected"] == []
        assert konseptor.letters.get(afternoon).route[0].decided_by == nip("kasi")


@pytest.mark.parametrize("odd", [float("nan"), chr(0xD800)], ids=["nan", "lone-surrogate"])
def test_a_payload_canonical_json_cannot_carry_is_refused_not_answered_500(
    office: Office, odd: object
) -> None:
    """A payload with a value canonical JSON cannot carry (NaN, a lone surrogate) is refused
    with ``SYNC-BAD-EVENT``, not answered 500 for the whole batch."""
    konseptor = office.desk("analis")
    event = _raw(
        konseptor,
        uuid7(),
        "letter.created",
        {"jenis": "surat_dinas", "profile_id": PROFILE, "unit_id": "SEKSI1", "x": odd},
    )
    (result,) = _push(konseptor, event)
    assert (result["status"], result.get("rule")) == ("rejected", "SYNC-BAD-EVENT")


def test_a_deeply_nested_body_is_refused_as_invalid_not_answered_500(office: Office) -> None:
    """A small body of thousands of nested lists is answered 422, not 500."""
    desk = office.desk("analis")
    depth = 5_000
    body = b'{"events":[' + b"[" * depth + b"]" * depth + b"]}"
    with pytest.raises(ArchiveRefused) as refused:
        desk.syncer._authorized(
            "POST",
            "/v1/events:batch",
            content=body,
            headers={"content-type": "application/json"},
            retry=False,
        )
    assert refused.value.status == 422


def test_a_refused_text_leaves_no_orphan_revision_row(office: Office) -> None:
    """A text the archive refused leaves its chain and its revision row: the desk's own check
    stays clean."""
    from tnde.integrity import check_integrity
    from tnde.workflow.finishing import cancel_letter

    konseptor, signer = office.desk("analis"), office.desk("kabid1")
    letter = konseptor.draft()
    konseptor.sync()
    signer.sync()
    cancel_letter(signer.letters, nip("kabid1"), letter, "tidak diperlukan lagi")
    signer.sync()
    konseptor.letters.revise(nip("analis"), letter, surat_dinas_values(hal="Ditolak arsip"))
    report = konseptor.syncer.sync_once()
    assert [r["rule"] for r in report.rejections] == ["WF-FINAL"]
    findings = [(f.code, f.detail) for f in check_integrity(konseptor.ws).errors]
    assert findings == []


def test_two_first_leases_of_a_series_at_once_both_get_a_block(office: Office) -> None:
    """Two desks leasing the first block of a new series at the same moment both get a block."""
    import threading
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Signed:
        nip: str
        device_id: str

    service = _service(office)
    tu = office.desk("tu")
    failures: list[str] = []
    for year in range(2030, 2040):
        start = threading.Barrier(2)

        def lease(barrier: threading.Barrier = start, year: int = year) -> None:
            barrier.wait()
            try:
                service.lease(Signed(tu.nip, uuid7()), "SEK", "B", year, 5)
            except Exception as exc:  # noqa: BLE001 - what the route would answer 500 to
                failures.append(f"{type(exc).__name__}: {str(exc)[:900]}")

        threads = [threading.Thread(target=lease) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert failures == []


def test_a_create_with_a_non_text_jenis_does_not_stop_other_desks_syncing(
    office: Office,
) -> None:
    """An event whose projection a desk could not store (a jenis that is not text) is refused,
    so it never reaches the feed and cannot stop other desks' sync."""
    attacker, kadis, kasi = office.desk("analis"), office.desk("kadis"), office.desk("kasi")
    kadis.sync()
    values = surat_dinas_values()
    poison = _raw(
        attacker,
        uuid7(),
        "letter.created",
        {"jenis": {"x": 1}, "profile_id": PROFILE, "unit_id": "SEKSI1", "values": values},
        revision=revision_hash(values),
    )
    (result,) = _push(attacker, poison)
    # refused: a value a desk's projection cannot store never reaches the feed
    assert (result["status"], result.get("rule")) == ("rejected", "SYNC-BAD-EVENT")
    later = kasi.draft("Sesudahnya")
    kasi.sync()
    kadis.sync()
    assert later in _held(kadis)


def test_a_push_on_a_secret_letter_tells_an_outsider_nothing_about_it(office: Office) -> None:
    """A push naming a letter the official may not see is answered as for an unknown letter:
    the refusal tells nothing of its state (letter ids are printed in QR codes)."""
    konseptor, outsider = office.desk("analis"), office.desk("kabid2")
    letter = konseptor.draft(sifat="Rahasia")
    konseptor.sync()
    probes = {}
    for target in (letter, uuid7()):
        probe = _raw(outsider, target, "review.approved", {"step": 1}, base_seq=1)
        (result,) = _push(outsider, probe)
        message = str(result.get("message", "")).replace(target, "ID")
        probes[target == letter] = (result.get("rule"), message)
    assert probes[True] == probes[False], probes[True]
