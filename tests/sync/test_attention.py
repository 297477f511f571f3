"""What waits for the user's decision ("Perlu perhatian"): actions another desk's action made
impossible, told as what happened, by whom and when; and drafts edited at two desks."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

from tests.office import nip, surat_dinas_values
from tnde.canonical import canonical_json
from tnde.errors import WorkflowRefused
from tnde.sync import SyncError, attention, discard, status
from tnde.workflow import cancel_letter

if TYPE_CHECKING:
    from tests.sync.conftest import Desk, Office
    from tnde.archive.service import ArchiveService
    from tnde.workspace import Workspace

PROFILE = "diskominfo-nusantara-raya"
# kabid2 is Plh. Kepala Dinas on the tests' day (tests/office.py): two officials hold step 2
ROUTE = [
    {"kind": "periksa", "jabatan_id": "KASI1"},
    {"kind": "periksa", "jabatan_id": "KADIS"},
    {"kind": "tandatangan", "jabatan_id": "SEKDIS"},
]


def _service(office: Office) -> ArchiveService:
    assert office.server is not None
    assert office.server._server is not None
    service: ArchiveService = office.server._server.config.app.state.service
    return service


def _on_the_tests_day(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    """The archive checks delegations against the tests' day, not the real one."""
    service = _service(office)
    monkeypatch.setattr(service, "clock", lambda: office.clock.now)
    monkeypatch.setattr(service.acceptor, "clock", lambda: office.clock.now)


def _submitted(konseptor: Desk, hal: str, route: list[dict[str, str]] | None = None) -> str:
    letter = konseptor.letters.create(
        konseptor.nip,
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id=PROFILE,
        values=surat_dinas_values(hal=hal),
    ).letter_id
    if route is None:
        konseptor.letters.set_route(konseptor.nip, letter, signer_jabatan="KABID1")
    else:
        konseptor.letters.set_route(konseptor.nip, letter, route)
    konseptor.letters.submit(konseptor.nip, letter)
    return letter


def _sync(*desks: Desk) -> None:
    for desk in desks:
        desk.sync()


def test_a_step_approved_at_two_desks_tells_the_other_who_approved_it_and_when(
    office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_the_tests_day(office, monkeypatch)
    konseptor, kasi = office.desk("analis"), office.desk("kasi")
    kadis, plh = office.desk("kadis"), office.desk("kabid2")
    letter = _submitted(konseptor, "Rapat Koordinasi Aplikasi", ROUTE)
    _sync(konseptor, kasi)
    kasi.letters.approve(kasi.nip, letter, step=1)
    _sync(kasi, kadis, plh)
    # the Plh. approves on a laptop without a network; the Kepala Dinas approves at his desk
    plh.letters.approve(plh.nip, letter, step=2, note="Sudah sesuai, silakan diteruskan.")
    kadis.letters.approve(kadis.nip, letter, step=2)
    kadis.sync()
    report = plh.syncer.sync_once()
    assert [r["rule"] for r in report.rejections] == ["WF-STEP-DONE"]

    (item,) = attention(plh.ws, plh.nip, now=office.clock.now)
    assert (item.kind, item.letter_id, item.letter_kind) == ("refused", letter, "letter")
    assert item.action == "Persetujuan"
    assert item.reason == (
        "Langkah ini sudah disetujui oleh Dr. Budi Santoso, S.Kom., M.T. di meja lain pukul 09:00."
    )
    assert item.hal == "Rapat Koordinasi Aplikasi"
    assert item.rule == "WF-STEP-DONE"
    assert "WF-" not in item.reason
    assert "KADIS" not in item.reason
    assert item.note == "Sudah sesuai, silakan diteruskan."
    assert item.choices == ("discard", "open", "copy_note")
    assert item.event_id == status(plh.ws)["rejected"][0]["event_id"]
    # another day: the date is told too
    later = office.clock.now + dt.timedelta(days=1)
    (item,) = attention(plh.ws, plh.nip, now=later)
    assert item.reason.endswith("di meja lain pada 20 November 2026 pukul 09:00.")


def test_an_approval_of_a_letter_returned_at_ones_other_desk_says_it_was_returned(
    office: Office,
) -> None:
    konseptor = office.desk("analis")
    letter = _submitted(konseptor, "Laporan Triwulan")
    konseptor.sync()
    office_pc, laptop = office.desk("kasi"), office.desk("kasi", seat="laptop")
    _sync(office_pc, laptop)
    laptop.letters.approve(laptop.nip, letter, step=1, note="Setuju.")
    office_pc.letters.return_for_revision(office_pc.nip, letter, "Lampiran belum lengkap.", step=1)
    office_pc.sync()
    assert laptop.syncer.sync_once().rejected == 1

    (item,) = attention(laptop.ws, laptop.nip, now=office.clock.now)
    assert item.action == "Persetujuan"
    assert item.reason == (
        "Surat ini sudah dikembalikan oleh Anda di meja lain pukul 09:00 kepada konseptor "
        "untuk diperbaiki."
    )
    assert item.note == "Setuju."
    # the konseptor's desk has nothing waiting: the return is simply their task
    konseptor.sync()
    assert attention(konseptor.ws, konseptor.nip) == []


def test_an_approval_of_a_cancelled_letter_names_who_cancelled_it_until_discarded(
    office: Office,
) -> None:
    konseptor, kasi = office.desk("analis"), office.desk("kasi")
    letter = _submitted(konseptor, "Undangan Sosialisasi")
    _sync(konseptor, kasi)
    cancel_letter(konseptor.letters, konseptor.nip, letter, "acara ditunda")
    kasi.letters.approve(kasi.nip, letter, step=1)
    konseptor.sync()
    kasi.sync()

    (item,) = attention(kasi.ws, kasi.nip, now=office.clock.now)
    assert item.reason == (
        "Surat ini sudah dibatalkan oleh Rizky Pratama, S.Kom. di meja lain pukul 09:00."
    )
    assert item.choices == ("discard", "open")  # no note was written
    discard(kasi.ws, item.event_id)
    assert attention(kasi.ws, kasi.nip) == []
    assert status(kasi.ws)["rejected"] == []
    with pytest.raises(SyncError):
        discard(kasi.ws, item.event_id)


def _refusal(ws: Workspace, rule: str, message: str, **event: Any) -> None:
    body = {
        "event_id": "01900000-0000-7000-8000-0000000000aa",
        "letter_id": "01900000-0000-7000-8000-0000000000bb",
        "type": "letter.numbered",
        "actor_nip": nip("tu"),
        "device_id": ws.device_id,
        "base_seq": 4,
        "revision_hash": "",
        "payload": {"nomor": "000.8.3.3/12/Diskominfo/2026"},
        "client_time": "2026-11-20T02:00:00.000Z",
        **event,
    }
    with ws.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_rejection (event_id, letter_id, type, body, rule, message, "
            "source, rejected_at) VALUES (?, ?, ?, ?, ?, ?, 'archive', ?)",
            (
                body["event_id"],
                body["letter_id"],
                body["type"],
                canonical_json(body),
                rule,
                message,
                "2026-11-20T02:00:01.000Z",
            ),
        )


def test_a_refusal_no_other_desk_explains_is_told_in_a_sentence_of_its_own(
    workspace: Workspace,
) -> None:
    _refusal(workspace, "REG-NUMBER-USED", "number 12 of the series is used")
    (item,) = attention(workspace, nip("tu"))
    assert item.action == "Penomoran"
    assert item.reason == "Nomor surat ini sudah dipakai untuk surat lain."
    assert item.choices == ("discard",)  # the desk does not hold the letter


def test_a_refusal_with_only_its_message_shows_that_message(workspace: Workspace) -> None:
    _refusal(
        workspace,
        "DP-STATE",
        "disposisi sudah selesai; tindakan ini tidak tersedia",
        type="disposition.progress",
        payload={"disposisi_id": "d1", "note": "Sedang dikoordinasikan dengan Bidang."},
    )
    (item,) = attention(workspace, nip("tu"))
    assert (item.action, item.letter_kind) == ("Laporan kemajuan disposisi", "incoming")
    assert item.reason == "Disposisi sudah selesai; tindakan ini tidak tersedia."
    assert item.note == "Sedang dikoordinasikan dengan Bidang."
    assert item.choices == ("discard", "copy_note")


@pytest.mark.parametrize("choice", ["mine", "theirs", "merged"])
def test_a_draft_edited_at_two_desks_waits_until_the_konseptor_chooses_its_text(
    office: Office, choice: str
) -> None:
    office_pc = office.desk("analis")
    letter = office_pc.draft(hal="Versi awal", submit=False)
    office_pc.sync()
    laptop = office.desk("analis", seat="laptop")
    laptop.sync()
    office_pc.letters.revise(office_pc.nip, letter, surat_dinas_values(hal="Versi kantor"))
    laptop.letters.revise(laptop.nip, letter, surat_dinas_values(hal="Versi laptop"))
    _sync(office_pc, laptop, office_pc)

    for desk in (office_pc, laptop):
        (item,) = attention(desk.ws, desk.nip, now=office.clock.now)
        assert (item.kind, item.event_id, item.letter_id) == ("branch", "", letter)
        assert item.hal == "Versi kantor"
        assert item.action == "Perubahan konsep di dua meja"
        assert item.reason.startswith(
            "Konsep ini juga diubah di meja lain: Anda menyimpan teks lain pukul 09:00."
        )
        assert item.choices == ("open", "merge")
    assert attention(office.desk("kasi").ws, nip("kasi")) == []  # the konseptor's only

    head, other = office_pc.letters.text_versions(letter)
    assert (head.is_head, head.values["hal"], head.device_id) == (
        True,
        "Versi kantor",
        office_pc.ws.device_id,
    )
    assert (other.is_head, other.values["hal"], other.device_id) == (
        False,
        "Versi laptop",
        laptop.ws.device_id,
    )
    assert {head.actor_nip, other.actor_nip} == {nip("analis")}
    assert other.actor_name == "Rizky Pratama, S.Kom."
    assert other.made_at.startswith("2026-11-20T02:00:")
    with pytest.raises(WorkflowRefused) as refused:
        office_pc.letters.submit(office_pc.nip, letter)
    assert refused.value.rule == "WF-BRANCH-OPEN"

    chosen = {
        "mine": head.values,
        "theirs": other.values,
        "merged": {**head.values, "isi": other.values["isi"] + "\n\nTambahan dari kantor."},
    }[choice]
    state = office_pc.letters.resolve_branches(office_pc.nip, letter, chosen)
    assert state.branches == ()
    assert state.head_values == chosen
    assert [v.values for v in office_pc.letters.text_versions(letter)] == [chosen]
    assert attention(office_pc.ws, office_pc.nip) == []
    office_pc.letters.submit(office_pc.nip, letter)
    assert office_pc.syncer.sync_once().rejected == 0
    laptop.sync()
    assert laptop.letters.get(letter).status.value == "diajukan"
    assert laptop.letters.get(letter).head_values == chosen
    assert attention(laptop.ws, laptop.nip) == []
