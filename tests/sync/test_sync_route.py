"""A letter travels between desks only through the archive."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.office import nip, surat_dinas_values
from tnde.errors import WorkflowRefused
from tnde.sync import SyncError, dismiss_rejection, status
from tnde.workflow.finishing import cancel_letter

if TYPE_CHECKING:
    from tests.sync.conftest import Office


def test_a_submitted_letter_reaches_the_reviewer_and_the_approval_comes_back(
    office: Office,
) -> None:
    letter = office.desk("analis").draft()
    konseptor, kasi = office.desk("analis"), office.desk("kasi")
    report = konseptor.syncer.sync_once()
    assert (report.accepted, report.rejected) == (3, 0)
    kasi.syncer.sync_once()
    state = kasi.letters.get(letter)
    assert state.status.value == "diajukan"
    assert [i.letter_id for i in kasi.letters.inbox(nip("kasi"))] == [letter]
    approved = kasi.letters.approve(nip("kasi"), letter, step=1)
    assert kasi.syncer.sync_once().accepted == 1
    konseptor.syncer.sync_once()
    back = konseptor.letters.get(letter)
    assert back.head_seq == approved.head_seq
    assert back.route[0].approved_revision == back.head_revision
    assert status(konseptor.ws)["pending"] == 0


def test_two_desks_acting_offline_on_one_letter_the_first_accepted_wins(office: Office) -> None:
    letter = office.desk("analis").draft()
    konseptor, kasi = office.desk("analis"), office.desk("kasi")
    konseptor.syncer.sync_once()
    kasi.syncer.sync_once()
    # both act before either syncs: the konseptor withdraws, the reviewer approves
    cancel_letter(konseptor.letters, nip("analis"), letter, "tidak jadi dikirim")
    kasi.letters.approve(nip("kasi"), letter, step=1)
    assert konseptor.syncer.sync_once().accepted == 1
    report = kasi.syncer.sync_once()
    assert (report.accepted, report.rejected) == (0, 1)
    assert report.rejections[0]["rule"] == "WF-FINAL"
    # the reviewer's desk now shows what the archive holds, and keeps the refused approval
    assert kasi.letters.get(letter).status.value == "dibatalkan"
    (kept,) = status(kasi.ws)["rejected"]
    assert (kept["rule"], kept["type"], kept["source"]) == (
        "WF-FINAL",
        "review.approved",
        "archive",
    )
    assert status(kasi.ws)["pending"] == 0
    assert kasi.syncer.sync_once().pushed == 0  # a refused action is never sent again
    # once read, the reviewer lets it go; it is kept, but asks for attention no more
    dismiss_rejection(kasi.ws, kept["event_id"])
    assert status(kasi.ws)["rejected"] == []
    with pytest.raises(SyncError):
        dismiss_rejection(kasi.ws, kept["event_id"])


def test_an_event_in_another_officials_name_is_refused(office: Office) -> None:
    konseptor = office.desk("analis")
    office.desk("kasi")
    konseptor.syncer.sync_once()
    event = {
        "event_id": "01900000-0000-7000-8000-000000000001",
        "letter_id": "01900000-0000-7000-8000-000000000002",
        "type": "letter.created",
        "actor_nip": nip("kasi"),
        "device_id": konseptor.ws.device_id,
        "base_seq": 0,
        "revision_hash": "",
        "payload": {},
        "client_time": "2026-11-20T02:00:00.000Z",
    }
    answer = konseptor.syncer._authorized("POST", "/v1/events:batch", json={"events": [event]})
    (result,) = answer.json()["results"]
    assert result["status"] == "rejected"
    assert result["rule"] == "ACT-NOT-OWNER"


def test_a_draft_edited_at_two_desks_keeps_both_texts_until_merged(office: Office) -> None:
    office_pc = office.desk("analis")
    letter = office_pc.letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(),
    ).letter_id
    office_pc.letters.set_route(nip("analis"), letter, signer_jabatan="KABID1")
    office_pc.syncer.sync_once()
    laptop = office.desk("analis", seat="laptop")
    laptop.syncer.sync_once()
    # both edit the same text offline
    mine = office_pc.letters.revise(nip("analis"), letter, surat_dinas_values(hal="Versi kantor"))
    theirs = laptop.letters.revise(nip("analis"), letter, surat_dinas_values(hal="Versi laptop"))
    assert office_pc.syncer.sync_once().accepted == 1
    report = laptop.syncer.sync_once()
    assert (report.accepted, report.rejected) == (1, 0)  # kept, not refused
    for desk in (office_pc, laptop):
        desk.syncer.sync_once()
        state = desk.letters.get(letter)
        assert state.head_revision == mine.head_revision
        assert state.branches == (theirs.head_revision,)
    # submitting waits for the konseptor to merge
    with pytest.raises(WorkflowRefused) as refused:
        office_pc.letters.submit(nip("analis"), letter)
    assert refused.value.rule == "WF-BRANCH-OPEN"
    merged = office_pc.letters.revise(
        nip("analis"),
        letter,
        surat_dinas_values(hal="Versi gabungan"),
        merges=[theirs.head_revision],
    )
    assert merged.branches == ()
    office_pc.letters.submit(nip("analis"), letter)
    assert office_pc.syncer.sync_once().rejected == 0
    laptop.syncer.sync_once()
    assert laptop.letters.get(letter).status.value == "diajukan"
