"""Real office scenarios, end to end, on a real workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.office import nip, surat_dinas_values
from tests.workflow.signature_events import sign_letter
from tnde.errors import WorkflowRefused
from tnde.incoming import send_letter
from tnde.workflow.finishing import (
    archive_letter,
    cancel_letter,
    mark_read,
    number_letter,
)
from tnde.workflow.state import LetterStatus

if TYPE_CHECKING:
    from tnde.workflow.letters import Letters
    from tnde.workspace import Workspace

ROUTE = [
    {"kind": "periksa", "jabatan_id": "KASI1"},
    {"kind": "periksa", "jabatan_id": "KABID1"},
    {"kind": "periksa", "jabatan_id": "SEKDIS"},
    {"kind": "tandatangan", "jabatan_id": "KADIS"},
]


def draft(letters: Letters, **changes: object) -> str:
    state = letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(**changes),
    )
    letters.set_route(nip("analis"), state.letter_id, ROUTE)
    letters.set_recipients(
        nip("analis"),
        state.letter_id,
        tujuan=[
            {
                "text": "Kepala Perangkat Daerah di Lingkungan Pemerintah Provinsi",
                "email": "setda@nusantararaya.go.id",
            }
        ],
        tembusan=[{"text": "Kepala Bidang Persandian", "jabatan_id": "KABID2"}],
    )
    return state.letter_id


def refused(rule: str, action: object, *args: object, **kwargs: object) -> None:
    with pytest.raises(WorkflowRefused) as info:
        action(*args, **kwargs)  # type: ignore[operator]
    assert info.value.rule == rule, info.value


def test_surat_dinas_three_reviewers_returned_revised_signed_by_plh_numbered_sent(
    letters: Letters, workspace: Workspace
) -> None:
    letter = draft(letters)
    assert letters.get(letter).status is LetterStatus.KONSEP
    letters.submit(nip("analis"), letter)
    assert letters.get(letter).status is LetterStatus.DIAJUKAN
    assert [i.letter_id for i in letters.inbox(nip("kasi"))] == [letter]

    letters.approve(nip("kasi"), letter)
    assert letters.inbox(nip("kasi")) == []
    first_text = letters.get(letter).head_revision
    letters.return_for_revision(nip("kabid1"), letter, "Sebutkan batas waktu pelaporan.")
    state = letters.get(letter)
    assert state.status is LetterStatus.DIKEMBALIKAN
    assert [i.kind for i in letters.inbox(nip("analis"))] == ["revisi"]
    refused("WF-NOT-REVISED", letters.submit, nip("analis"), letter)

    revised = surat_dinas_values(
        isi="Bersama ini kami sampaikan SOP sebagaimana terlampir, "
        "untuk dilaporkan paling lambat 31 Desember 2026.\n\n"
        "Demikian disampaikan."
    )
    letters.revise(nip("analis"), letter, revised)
    letters.submit(nip("analis"), letter)
    state = letters.get(letter)
    assert state.head_revision != first_text
    assert state.current_step().jabatan_id == "KASI1", "the route restarts at the first step"
    diff = letters.diff(letter, for_nip=nip("kasi"))
    assert "31 Desember 2026" in diff

    for who in ("kasi", "kabid1", "sekdis"):
        letters.approve(nip(who), letter)
    assert letters.get(letter).status is LetterStatus.SIAP_TANDATANGAN

    number_letter(letters, nip("tu"), letter)
    state = letters.get(letter)
    assert state.status is LetterStatus.DINOMORI
    assert state.nomor == "000.8.3.3/1/Diskominfo/2026"
    assert dict(state.planned_signers)[4] == nip("kabid2"), "the Plh. signs while in office"
    pdf = workspace.blobs.get(state.final_blob)
    assert b"%PDF" in pdf[:8]

    refused("WF-NOT-PLANNED-SIGNER", sign_letter, letters, nip("kadis"), letter)
    sign_letter(letters, nip("kabid2"), letter)
    assert letters.get(letter).status is LetterStatus.DITANDATANGANI

    refused("WF-REGISTRY-ONLY", send_letter, letters, nip("analis"), letter)
    send_letter(letters, nip("tu"), letter)
    state = letters.get(letter)
    assert state.status is LetterStatus.DIKIRIM
    assert state.dispatched == (0, 1)
    mark_read(letters, nip("kabid2"), letter)
    assert letters.get(letter).read_by == ((1, nip("kabid2")),)
    archive_letter(letters, nip("tu"), letter)
    assert letters.get(letter).status is LetterStatus.DIARSIPKAN
    kinds = [str(e.type) for e in letters.history(letter)]
    assert kinds[:4] == ["letter.created", "route.set", "recipients.set", "letter.submitted"]
    assert kinds[-1] == "letter.archived"


def test_the_printed_signature_block_is_the_plh_snapshot(
    letters: Letters, workspace: Workspace
) -> None:
    import subprocess

    letter = draft(letters)
    letters.submit(nip("analis"), letter)
    for who in ("kasi", "kabid1", "sekdis"):
        letters.approve(nip(who), letter)
    state = number_letter(letters, nip("tu"), letter)
    pdf = workspace.path / "final.pdf"
    pdf.write_bytes(workspace.blobs.get(state.final_blob))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Plh. KEPALA DINAS KOMUNIKASI DAN INFORMATIKA," in text
    assert "AGUS SALIM, S.Sos., M.M." in text
    assert "000.8.3.3/1/Diskominfo/2026" in text


def test_konseptor_cannot_approve_and_only_the_assignee_acts(letters: Letters) -> None:
    letter = draft(letters)
    letters.submit(nip("analis"), letter)
    refused("WF-OWN-APPROVAL", letters.approve, nip("analis"), letter)
    refused("WF-NOT-ASSIGNEE", letters.approve, nip("kabid1"), letter)
    letters.approve(nip("kasi"), letter)
    refused("WF-NOT-ASSIGNEE", letters.approve, nip("kasi"), letter)


def test_stale_approval_does_not_count(letters: Letters) -> None:
    letter = draft(letters)
    letters.submit(nip("analis"), letter)
    old = letters.get(letter).head_revision
    letters.revise(nip("analis"), letter, surat_dinas_values(hal="Hal yang diperbaiki"))
    refused("WF-STALE-REVISION", letters.approve, nip("kasi"), letter, revision=old)
    assert letters.get(letter).current_step().step_no == 1


def test_edit_after_approval_voids_it(letters: Letters) -> None:
    letter = draft(letters)
    letters.submit(nip("analis"), letter)
    letters.approve(nip("kasi"), letter)
    letters.revise(nip("analis"), letter, surat_dinas_values(hal="Hal yang diperbaiki lagi"))
    state = letters.get(letter)
    assert state.status is LetterStatus.DIAJUKAN
    assert state.current_step().jabatan_id == "KASI1"


def test_plh_outside_the_period_cannot_sign(letters: Letters, clock: object) -> None:
    import datetime as dt

    letter = draft(letters)
    letters.submit(nip("analis"), letter)
    for who in ("kasi", "kabid1", "sekdis"):
        letters.approve(nip(who), letter)
    number_letter(letters, nip("tu"), letter)
    clock.now = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)  # type: ignore[attr-defined]
    refused("WF-NOT-ASSIGNEE", sign_letter, letters, nip("kabid2"), letter)


def test_cancel_before_signing_voids_the_number(letters: Letters, workspace: Workspace) -> None:
    letter = draft(letters)
    letters.submit(nip("analis"), letter)
    for who in ("kasi", "kabid1", "sekdis"):
        letters.approve(nip(who), letter)
    number_letter(letters, nip("tu"), letter)
    refused("WF-CANCEL-ROLE", cancel_letter, letters, nip("kasi"), letter, "salah")
    cancel_letter(letters, nip("analis"), letter, "kegiatan ditunda")
    assert letters.get(letter).status is LetterStatus.DIBATALKAN
    conn = workspace.connect()
    status = conn.execute(
        "SELECT status, reason FROM number_use WHERE letter_id = ?", (letter,)
    ).fetchone()
    conn.close()
    assert status[0] == "voided"
    assert "ditunda" in status[1]
    refused("WF-FINAL", letters.approve, nip("kasi"), letter)


def test_cannot_cancel_after_signing(letters: Letters) -> None:
    letter = draft(letters)
    letters.submit(nip("analis"), letter)
    for who in ("kasi", "kabid1", "sekdis"):
        letters.approve(nip(who), letter)
    number_letter(letters, nip("tu"), letter)
    sign_letter(letters, nip("kabid2"), letter)
    refused("WF-CANCEL-SIGNED", cancel_letter, letters, nip("analis"), letter, "batal")


def test_only_registry_numbers(letters: Letters) -> None:
    letter = draft(letters)
    letters.submit(nip("analis"), letter)
    for who in ("kasi", "kabid1", "sekdis"):
        letters.approve(nip(who), letter)
    refused("WF-REGISTRY-ONLY", number_letter, letters, nip("kasi"), letter)


def test_refusal_changes_nothing(letters: Letters, workspace: Workspace) -> None:
    letter = draft(letters)
    conn = workspace.connect()
    before = (
        conn.execute("SELECT count(*) FROM event").fetchone()[0],
        conn.execute("SELECT count(*) FROM audit").fetchone()[0],
    )
    refused("WF-STEP-STATE", letters.approve, nip("kasi"), letter)
    after = (
        conn.execute("SELECT count(*) FROM event").fetchone()[0],
        conn.execute("SELECT count(*) FROM audit").fetchone()[0],
    )
    conn.close()
    assert before == after


def test_unknown_unit_and_route_jabatan_are_refused(letters: Letters) -> None:
    from tnde.workflow.letters import RouteRequest

    refused(
        "WF-UNIT",
        letters.create,
        nip("analis"),
        jenis="surat_dinas",
        unit_id="TIDAK_ADA",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(),
    )
    refused(
        "WF-ROUTE-JABATAN",
        letters.create,
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(),
        route=RouteRequest(steps=[{"kind": "tandatangan", "jabatan_id": "BUKAN"}]),
    )
    assert letters.inbox(nip("analis")) == [], "a refused creation stores nothing"


def test_the_office_day_is_local_not_utc(letters: Letters, clock: object) -> None:
    """At 01:00 WIB on 23 November it is still 22 November in UTC: the Plh. (until the 22nd)
    may no longer sign."""
    import datetime as dt

    letter = draft(letters)
    letters.submit(nip("analis"), letter)
    for who in ("kasi", "kabid1", "sekdis"):
        letters.approve(nip(who), letter)
    number_letter(letters, nip("tu"), letter)
    clock.now = dt.datetime(2026, 11, 22, 18, 0, tzinfo=dt.UTC)  # type: ignore[attr-defined]
    assert letters.today() == dt.date(2026, 11, 23)
    refused("WF-NOT-ASSIGNEE", sign_letter, letters, nip("kabid2"), letter)


def test_profile_restarting_at_the_returner_carries_earlier_approvals(letters: Letters) -> None:
    state = letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="bkpsdm-kabupaten-sukamaju",
        values=surat_dinas_values(),
    )
    letter = state.letter_id
    letters.set_route(nip("analis"), letter, ROUTE)
    letters.set_recipients(nip("analis"), letter, tujuan=[{"text": "Kepala Dinas"}])
    letters.submit(nip("analis"), letter)
    letters.approve(nip("kasi"), letter)
    letters.return_for_revision(nip("kabid1"), letter, "Perbaiki hal.")
    letters.revise(nip("analis"), letter, surat_dinas_values(hal="Hal yang sudah diperbaiki"))
    letters.submit(nip("analis"), letter)
    state = letters.get(letter)
    assert state.current_step().jabatan_id == "KABID1"
    first = state.route[0]
    assert first.approved_revision == state.head_revision
    assert first.carried, "the carried approval is marked as such"
