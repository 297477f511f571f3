"""``tnde workspace check`` against a fresh fold of the events and the register's witnesses.

The lists' tables (``letter``, ``task``, ``revision``, ``incoming``, ``disposisi``) are rebuilt
from each aggregate's events, and every register row is matched with the audit log and with the
number its letter's event carries. Tampering with the SQLite file behind the application's back
is an error naming the letter; a workspace the services wrote checks clean.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tests.office import nip, surat_dinas_values
from tests.workflow.signature_events import sign_letter
from tests.workspace.workspace_support import raw_connection
from tnde.cli.main import main
from tnde.incoming import IncomingDesk, Recipient, send_letter
from tnde.integrity import check_integrity
from tnde.register import SeriesRef, close_lease, lease_block
from tnde.workflow import archive_letter, cancel_letter, number_letter

if TYPE_CHECKING:
    from tests.office import FixedClock
    from tnde.workflow import Letters
    from tnde.workspace import CheckReport, Workspace

ROUTE = [
    {"kind": "periksa", "jabatan_id": "KASI1"},
    {"kind": "periksa", "jabatan_id": "KABID1"},
    {"kind": "tandatangan", "jabatan_id": "KADIS"},
]
REVIEWERS = ("kasi", "kabid1")
SIGNER = "kabid2"  # Plh. Kepala Dinas on the office's day
META = {
    "asal": "Badan Kepegawaian Daerah Provinsi Nusantara Raya",
    "nomor": "800.2/1457/BKD/2026",
    "tanggal": "2026-11-18",
    "hal": "Pemanggilan Peserta Pelatihan Kepemimpinan Administrator",
    "urgensi": "Segera",
}


def draft(letters: Letters, hal: str) -> str:
    """A konsep with its route and recipients (one internal tembusan), submitted."""
    state = letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(hal=hal),
    )
    letter = state.letter_id
    letters.set_route(nip("analis"), letter, ROUTE)
    letters.set_recipients(
        nip("analis"),
        letter,
        tujuan=[{"text": "Kepala Perangkat Daerah di Lingkungan Pemerintah Provinsi"}],
        tembusan=[{"text": "Kepala Bidang Persandian", "jabatan_id": "KABID2"}],
    )
    letters.submit(nip("analis"), letter)
    return letter


def numbered(letters: Letters, hal: str) -> str:
    """A letter approved by every reviewer and numbered."""
    letter = draft(letters, hal)
    for who in REVIEWERS:
        letters.approve(nip(who), letter)
    number_letter(letters, nip("tu"), letter)
    return letter


def disposed(desk: IncomingDesk) -> str:
    """An incoming letter read and disposed to two Kepala Bidang; one of them finished."""
    incoming = desk.register(nip("tu"), unit_id="DINAS", meta=META).incoming_id
    desk.read(nip("kadis"), incoming)
    state = desk.dispose(
        nip("kadis"),
        incoming,
        recipients=[Recipient("KABID1", leading=True), Recipient("KABID2")],
        instructions=["Pantau"],
    )
    first, second = (d.disposisi_id for d in state.dispositions)
    desk.read_disposition(nip("kabid1"), incoming, first)
    desk.progress(nip("kabid1"), incoming, first, "Sedang disiapkan.")
    desk.complete(nip("kabid1"), incoming, first, "Surat penugasan terkirim.")
    desk.cancel(nip("kadis"), incoming, second, "Cukup satu bidang.")
    return incoming


def closed_lease(workspace: Workspace) -> str:
    """A block of three numbers leased to a desk and closed unused (all three voided)."""
    conn = workspace.connect()
    try:
        ref = SeriesRef("SEK", "cadangan", 2026)
        lease = lease_block(conn, ref, size=3, desk="meja TU", actor=nip("tu"))
        close_lease(conn, lease.lease_id, reason="meja ditutup", actor=nip("tu"))
    finally:
        conn.close()
    return lease.lease_id


def errors(report: CheckReport) -> list[tuple[str, str]]:
    return [(f.code, f.subject) for f in report.errors]


def tamper(workspace: Workspace, sql: str, *params: object) -> None:
    raw = raw_connection(workspace)
    try:
        assert raw.execute(sql, params).rowcount >= 1, sql
    finally:
        raw.close()


@pytest.fixture
def desk(workspace: Workspace, clock: FixedClock) -> IncomingDesk:
    return IncomingDesk(workspace, clock=clock)


@pytest.fixture
def office(letters: Letters, desk: IncomingDesk) -> dict[str, str]:
    """One numbered letter, one under review, an incoming letter with dispositions and a
    closed lease."""
    return {
        "numbered": numbered(letters, "Undangan Rapat Koordinasi"),
        "reviewed": draft(letters, "Permohonan Data Aplikasi"),
        "incoming": disposed(desk),
        "lease": closed_lease(letters.workspace),
    }


# -- an untampered workspace --------------------------------------------------------------------


def test_every_lifecycle_the_services_write_checks_clean(
    letters: Letters, desk: IncomingDesk, workspace: Workspace
) -> None:
    # returned before numbering, revised, numbered, signed, sent (tembusan registered as an
    # incoming copy) and archived
    sent = draft(letters, "Penyampaian SOP")
    letters.approve(nip("kasi"), sent)
    letters.return_for_revision(nip("kabid1"), sent, "Sebutkan batas waktu.")
    values = surat_dinas_values(hal="Penyampaian SOP", isi="Batas waktu 31 Desember 2026.")
    letters.revise(nip("analis"), sent, values)
    letters.submit(nip("analis"), sent)
    for who in REVIEWERS:
        letters.approve(nip(who), sent)
    number_letter(letters, nip("tu"), sent)
    sign_letter(letters, nip(SIGNER), sent)
    send_letter(letters, nip("tu"), sent)
    archive_letter(letters, nip("tu"), sent)
    # numbered, returned by the signer (its number voided), numbered again
    renumbered = numbered(letters, "Undangan Rapat")
    letters.return_for_revision(nip(SIGNER), renumbered, "Ganti tempat rapat.")
    letters.revise(nip("analis"), renumbered, surat_dinas_values(hal="Undangan Rapat Ulang"))
    letters.submit(nip("analis"), renumbered)
    for who in REVIEWERS:
        letters.approve(nip(who), renumbered)
    number_letter(letters, nip("tu"), renumbered)
    # numbered, then cancelled (its number voided); rejected; still a konsep
    cancel_letter(letters, nip("analis"), numbered(letters, "Rapat Batal"), "Kegiatan ditunda.")
    letters.reject(nip("kasi"), draft(letters, "Permohonan Ditolak"), "Bukan kewenangan kita.")
    letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(hal="Konsep"),
    )
    disposed(desk)
    closed_lease(workspace)

    report = check_integrity(workspace)
    assert report.findings == ()
    statuses = workspace.connect().execute(
        "SELECT status, count(*) FROM number_use GROUP BY 1 ORDER BY 1"
    )
    # issued: the sent letter, the renumbered one, two agenda numbers (the tembusan copy and
    # the letter from outside); voided: the returned and the cancelled number, the lease
    assert [tuple(r) for r in statuses] == [("issued", 4), ("voided", 5)]
    assert report.more == {"letters": 5, "incoming": 2, "numbers": 9}


def test_the_demo_workspace_checks_clean(demo_ws: Workspace) -> None:
    report = check_integrity(demo_ws)
    assert report.findings == ()
    assert report.more["letters"] > 0
    assert report.more["incoming"] > 0


# -- the numbering register -----------------------------------------------------------------------


def test_a_deleted_number_row_is_an_error_naming_the_letter(
    office: dict[str, str], workspace: Workspace
) -> None:
    letter = office["numbered"]
    tamper(workspace, "DELETE FROM number_use WHERE letter_id = ?", letter)
    report = check_integrity(workspace)
    assert errors(report) == [("number_missing", f"surat {letter}")]
    assert "000.8.3.3/1/Diskominfo/2026" in report.errors[0].detail


def test_a_deleted_agenda_number_is_an_error_naming_the_incoming_letter(
    office: dict[str, str], workspace: Workspace
) -> None:
    incoming = office["incoming"]
    tamper(workspace, "DELETE FROM number_use WHERE letter_id = ?", incoming)
    assert errors(check_integrity(workspace)) == [("number_missing", f"surat masuk {incoming}")]


def test_a_voided_number_made_issued_again_is_an_error(
    office: dict[str, str], workspace: Workspace
) -> None:
    tamper(
        workspace,
        "UPDATE number_use SET status = 'issued', reason = '' WHERE series = 'cadangan' AND no = 2",
    )
    [(code, subject)] = errors(report := check_integrity(workspace))
    assert (code, subject) == ("number_differs", "no. 2 dari seri 'cadangan' unit 'SEK', 2026")
    assert "status bernilai 'issued', seharusnya 'voided'" in report.errors[0].detail


def test_a_number_nobody_recorded_is_an_error(office: dict[str, str], workspace: Workspace) -> None:
    letter = office["reviewed"]
    tamper(
        workspace,
        "INSERT INTO number_use (unit_id, series, year, no, status, letter_id, nomor, at, actor)"
        " SELECT unit_id, series, year, 7, 'issued', ?, 'palsu', at, actor FROM number_use"
        " WHERE letter_id = ?",
        letter,
        office["numbered"],
    )
    found = errors(check_integrity(workspace))
    # and the counter of the series now stands behind no. 7
    assert [code for code, _ in found] == ["number_unrecorded", "number_no_event", "counter_behind"]
    assert all(subject.startswith("no. 7 dari seri") for _, subject in found[:2])


def test_a_counter_wound_back_is_an_error(office: dict[str, str], workspace: Workspace) -> None:
    tamper(workspace, "UPDATE number_series SET last_no = 0 WHERE series = 'cadangan'")
    [(code, subject)] = errors(check_integrity(workspace))
    assert (code, subject) == ("counter_behind", "penghitung seri 'cadangan' unit 'SEK', 2026")


def test_a_closed_lease_reopened_is_an_error(office: dict[str, str], workspace: Workspace) -> None:
    lease = office["lease"]
    tamper(workspace, "UPDATE number_lease SET state = 'open' WHERE lease_id = ?", lease)
    assert errors(check_integrity(workspace)) == [("lease_differs", f"cadangan nomor {lease}")]


# -- the outgoing letters' projection -------------------------------------------------------------


def test_an_edited_letter_state_is_an_error_naming_letter_and_column(
    office: dict[str, str], workspace: Workspace
) -> None:
    letter = office["numbered"]
    tamper(workspace, "UPDATE letter SET state = 'ditandatangani' WHERE letter_id = ?", letter)
    report = check_integrity(workspace)
    assert errors(report) == [("projection_differs", f"surat {letter}")]
    assert "state bernilai 'ditandatangani', seharusnya 'dinomori'" in report.errors[0].detail


def test_an_edited_state_json_is_an_error(office: dict[str, str], workspace: Workspace) -> None:
    letter = office["numbered"]
    conn = workspace.connect()
    (text,) = conn.execute(
        "SELECT state_json FROM letter WHERE letter_id = ?", (letter,)
    ).fetchone()
    conn.close()
    state = json.loads(text)
    state["nomor"] = "000.8.3.3/99/Diskominfo/2026"
    tamper(
        workspace,
        "UPDATE letter SET state_json = ? WHERE letter_id = ?",
        json.dumps(state, sort_keys=True, separators=(",", ":")),
        letter,
    )
    report = check_integrity(workspace)
    assert errors(report) == [("projection_differs", f"surat {letter}")]
    assert "state_json" in report.errors[0].detail


def test_a_deleted_task_is_an_error(office: dict[str, str], workspace: Workspace) -> None:
    letter = office["reviewed"]
    tamper(workspace, "DELETE FROM task WHERE letter_id = ?", letter)
    report = check_integrity(workspace)
    assert errors(report) == [("projection_differs", f"surat {letter}")]
    assert "baris task 1/periksa hilang" in report.errors[0].detail


def test_a_task_added_for_another_desk_is_an_error(
    office: dict[str, str], workspace: Workspace
) -> None:
    letter = office["reviewed"]
    tamper(
        workspace,
        "INSERT INTO task (letter_id, step_no, kind, jabatan_id, since)"
        " SELECT letter_id, 9, 'tandatangan', 'KABID2', since FROM task WHERE letter_id = ?",
        letter,
    )
    report = check_integrity(workspace)
    assert errors(report) == [("projection_differs", f"surat {letter}")]
    assert "baris task 9/tandatangan tidak ada dalam" in report.errors[0].detail


def test_a_deleted_letter_row_and_a_row_without_events_are_errors(
    office: dict[str, str], workspace: Workspace
) -> None:
    letter = office["reviewed"]
    tamper(workspace, "DELETE FROM letter WHERE letter_id = ?", letter)
    tamper(
        workspace,
        "INSERT INTO letter SELECT 'surat-palsu', jenis, profile_id, state, konseptor_nip,"
        " unit_id, hal, head_seq, head_revision, nomor, created_at, updated_at, state_json"
        " FROM letter WHERE letter_id = ?",
        office["numbered"],
    )
    report = check_integrity(workspace)
    # the letter's task rows now point nowhere: SQLite's foreign key check says so first
    assert [code for code, _ in errors(report)] == [
        "foreign_key",
        "projection_differs",
        "projection_orphan",
    ]
    differs, orphan = report.errors[1:]
    assert differs.subject == f"surat {letter}"
    assert "baris letter hilang" in differs.detail
    assert orphan.subject == "surat surat-palsu"


def test_an_edited_text_is_an_error(office: dict[str, str], workspace: Workspace) -> None:
    letter = office["reviewed"]
    tamper(
        workspace,
        "UPDATE revision SET values_json = replace(values_json, 'SOP', 'Prosedur')"
        " WHERE letter_id = ?",
        letter,
    )
    report = check_integrity(workspace)
    assert errors(report) == [("projection_differs", f"surat {letter}")]
    assert "teks tersimpan" in report.errors[0].detail


# -- the incoming letters' projection -------------------------------------------------------------


def test_an_edited_incoming_row_is_an_error(office: dict[str, str], workspace: Workspace) -> None:
    incoming = office["incoming"]
    tamper(workspace, "UPDATE incoming SET status = 'dibaca' WHERE incoming_id = ?", incoming)
    report = check_integrity(workspace)
    assert errors(report) == [("projection_differs", f"surat masuk {incoming}")]
    assert "status bernilai 'dibaca', seharusnya 'selesai'" in report.errors[0].detail


def test_an_edited_or_deleted_disposition_is_an_error(
    office: dict[str, str], workspace: Workspace
) -> None:
    incoming = office["incoming"]
    tamper(
        workspace,
        "UPDATE disposisi SET due_at = '2099-01-01T00:00:00.000Z'"
        " WHERE incoming_id = ? AND status = 'selesai'",
        incoming,
    )
    tamper(workspace, "DELETE FROM disposisi WHERE status = 'dibatalkan'")
    report = check_integrity(workspace)
    assert errors(report) == [("projection_differs", f"surat masuk {incoming}")]
    assert "due_at bernilai '2099-01-01T00:00:00.000Z'" in report.errors[0].detail
    assert "hilang" in report.errors[0].detail


# -- events that no longer fold, and the command ------------------------------------------------


def test_an_event_that_no_longer_reads_is_named_and_its_rows_left_unchecked(
    office: dict[str, str], workspace: Workspace
) -> None:
    letter = office["reviewed"]
    tamper(
        workspace,
        "UPDATE event SET payload = '{rusak' WHERE letter_id = ? AND letter_seq = 4",
        letter,
    )
    found = errors(check_integrity(workspace))
    assert found == [
        ("event_edited", f"surat {letter} kejadian 4"),
        ("fold_failed", f"surat {letter}"),
    ]


def test_the_command_checks_the_projections_and_the_register(
    office: dict[str, str], workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(workspace.path)
    assert main(["--workspace", path, "workspace", "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 galat, 0 peringatan")
    assert "2 surat dan 1 surat masuk disusun ulang dari kejadiannya" in out
    tamper(workspace, "UPDATE letter SET hal = 'lain' WHERE letter_id = ?", office["reviewed"])
    assert main(["--workspace", path, "workspace", "check", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in report["findings"]] == ["projection_differs"]
    assert report["more"] == {"letters": 2, "incoming": 1, "numbers": 5}
