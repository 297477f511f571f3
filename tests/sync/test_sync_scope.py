"""What the archive lets through: the feed and the files reach only those a letter names,
and forged or replayed pushes are refused with a status that says why."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.office import nip, surat_dinas_values
from tests.workflow.signature_events import sign_letter
from tnde.sync.transport import ArchiveRefused
from tnde.workflow.finishing import number_letter, number_series

if TYPE_CHECKING:
    from tests.sync.conftest import Desk, Office


def _letter(office: Office, sifat: str) -> str:
    konseptor = office.desk("analis")
    letter = konseptor.draft(sifat=sifat)
    konseptor.sync()
    return letter


def _held(desk: Desk) -> set[str]:
    desk.sync()
    return {r[0] for r in desk.ws.connect().execute("SELECT letter_id FROM letter")}


def test_a_letter_reaches_its_unit_and_the_units_above_it_only(office: Office) -> None:
    letter = _letter(office, "Biasa")
    assert letter in _held(office.desk("kasi"))  # its route
    assert letter in _held(office.desk("kadis"))  # the head of the whole dinas
    assert letter not in _held(office.desk("kabid2"))  # another bidang


def test_a_secret_letter_reaches_only_the_people_it_names(office: Office) -> None:
    letter = _letter(office, "Rahasia")
    assert letter in _held(office.desk("kasi"))
    assert letter in _held(office.desk("kabid1"))
    assert letter not in _held(office.desk("kadis"))  # above the unit, yet not on the route
    assert letter not in _held(office.desk("kabid2"))


def test_a_file_reaches_only_desks_that_may_see_its_letter(office: Office) -> None:
    letter = _letter(office, "Rahasia")
    kasi, tu = office.desk("kasi"), office.desk("tu")
    kasi.sync()
    kasi.letters.approve(nip("kasi"), letter, step=1)
    kasi.sync()
    tu.sync()
    tu.syncer.lease(number_series(tu.letters, letter), 5)
    pdf = number_letter(tu.letters, nip("tu"), letter).final_blob
    tu.sync()
    signer = office.desk("kabid1")
    signer.sync()
    assert signer.ws.blobs.has(pdf)
    sign_letter(signer.letters, nip("kabid1"), letter)
    outsider = office.desk("kadis")
    outsider.sync()
    answer = outsider.syncer._authorized("GET", f"/v1/blobs/{pdf}")
    assert answer.status_code == 404  # not even its existence
    assert not outsider.ws.blobs.has(pdf)


def test_forged_and_replayed_pushes_are_refused(office: Office) -> None:
    konseptor, kasi = office.desk("analis"), office.desk("kasi")
    konseptor.letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(),
    )
    konseptor.sync()
    event = dict(
        zip(
            ("event_id", "letter_id", "type", "actor_nip", "device_id", "payload", "client_time"),
            konseptor.ws.connect()
            .execute(
                "SELECT event_id, letter_id, type, actor_nip, device_id, payload, client_time "
                "FROM event"
            )
            .fetchone(),
            strict=True,
        )
    )
    event.update(base_seq=0, revision_hash="", payload=json.loads(event["payload"]))
    event["revision_hash"] = (
        konseptor.ws.connect().execute("SELECT revision_hash FROM event").fetchone()[0]
    )

    def push(desk: Desk, body: dict[str, object]) -> dict[str, str]:
        answer = desk.syncer._authorized("POST", "/v1/events:batch", json={"events": [body]})
        return answer.json()["results"][0]

    assert push(konseptor, event)["status"] == "duplicate"
    changed = {**event, "payload": {**event["payload"], "jenis": "nota_dinas"}}
    assert push(konseptor, changed)["rule"] == "SYNC-ID-REUSED"
    # the konseptor's event sent with the reviewer's token: another device, another person
    fresh = {**event, "event_id": "01930000-0000-7000-8000-00000000beef"}
    assert push(kasi, fresh)["rule"] == "SYNC-DEVICE"
    as_kasi = {**fresh, "device_id": kasi.ws.device_id}
    assert push(kasi, as_kasi)["rule"] == "ACT-NOT-OWNER"


def test_a_cursor_of_another_archive_or_epoch_is_answered_with_a_reset(office: Office) -> None:
    desk = office.desk("kasi")
    desk.sync()
    archive_id, epoch, position = desk.syncer.link.cursor.split(":")
    for cursor, status in (
        (f"01930000-0000-7000-8000-000000000000:{epoch}:{position}", 410),
        (f"{archive_id}:{int(epoch) + 1}:{position}", 410),
        (f"{archive_id}:{epoch}:{int(position) + 1000}", 410),
        ("not a cursor", 422),
    ):
        with pytest.raises(ArchiveRefused) as refused:
            desk.syncer._authorized("GET", "/v1/changes", params={"cursor": cursor})
        assert refused.value.status == status, cursor
