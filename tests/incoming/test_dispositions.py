"""Incoming letters and dispositions, end to end, with the counters checked at each step."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from tests.office import nip
from tests.workflow.signature_events import sign_letter
from tnde.errors import WorkflowRefused
from tnde.incoming import send_letter
from tnde.incoming.desk import IncomingDesk, Recipient
from tnde.incoming.state import DispositionStatus
from tnde.tracking.queries import TrackingFilter, person_counters, search, track, unit_counters

if TYPE_CHECKING:
    from tests.office import FixedClock
    from tnde.workspace import Workspace

META = {
    "asal": "Badan Kepegawaian Daerah Provinsi Nusantara Raya",
    "asal_jabatan": "Kepala Badan Kepegawaian Daerah",
    "nomor": "800.2/1457/BKD/2026",
    "tanggal": "2026-11-18",
    "hal": "Pemanggilan Peserta Pelatihan Kepemimpinan Administrator",
    "sifat": "Biasa",
    "urgensi": "Segera",
    "kka": "800.2",
    "isi_ringkas": "Pemanggilan tiga peserta pelatihan kepemimpinan angkatan IV.",
}


@pytest.fixture
def desk(workspace: Workspace, clock: FixedClock) -> IncomingDesk:
    return IncomingDesk(workspace, clock=clock)


def counters(desk: IncomingDesk, who: str) -> dict[str, int]:
    conn = desk.ws.thread_connection()
    found = person_counters(conn, nip(who), desk.clock(), desk.today())
    return {k: v for k, v in vars(found).items() if v}


def refused(rule: str, action: object, *args: object, **kwargs: object) -> None:
    with pytest.raises(WorkflowRefused) as info:
        action(*args, **kwargs)  # type: ignore[operator]
    assert info.value.rule == rule, info.value


def test_segera_letter_disposed_forwarded_completed_and_overdue(
    desk: IncomingDesk, clock: FixedClock
) -> None:
    refused("IN-REGISTRY-ONLY", desk.register, nip("analis"), unit_id="DINAS", meta=META)
    letter = desk.register(nip("tu"), unit_id="DINAS", meta=META)
    assert letter.agenda == "1/2026"
    assert counters(desk, "kadis") == {"masuk_belum_dibaca": 1}
    refused("IN-DUPLICATE", desk.register, nip("tu"), unit_id="DINAS", meta=META)

    desk.read(nip("kadis"), letter.incoming_id)
    assert counters(desk, "kadis") == {"masuk_belum_didisposisi": 1}
    refused(
        "DP-LEADING",
        desk.dispose,
        nip("kadis"),
        letter.incoming_id,
        recipients=[Recipient("KABID1"), Recipient("KABID2")],
        instructions=["Pantau"],
    )
    state = desk.dispose(
        nip("kadis"),
        letter.incoming_id,
        recipients=[Recipient("KABID1", leading=True), Recipient("KABID2")],
        instructions=["Tindak lanjuti/selesaikan", "Koordinasikan/konfirmasikan"],
        note="Siapkan surat penugasan peserta.",
    )
    kabid1, kabid2 = state.dispositions
    given = dt.datetime.fromisoformat(kabid1.given_at.replace("Z", "+00:00"))
    due = dt.datetime.fromisoformat(kabid1.due_at.replace("Z", "+00:00"))
    assert due - given == dt.timedelta(hours=48), "Segera: 2 x 24 hours"
    assert counters(desk, "kadis") == {}
    assert counters(desk, "kabid1") == {"disposisi_belum_dibaca": 1}

    desk.read_disposition(nip("kabid1"), letter.incoming_id, kabid1.disposisi_id)
    refused(
        "DP-NOT-RECIPIENT",
        desk.read_disposition,
        nip("kabid1"),
        letter.incoming_id,
        kabid2.disposisi_id,
    )
    state = desk.dispose(
        nip("kabid1"),
        letter.incoming_id,
        parent_id=kabid1.disposisi_id,
        recipients=[Recipient("KASI1")],
        instructions=["Siapkan bahan/jawaban"],
    )
    kasi = state.dispositions[-1]
    assert kasi.parent_id == kabid1.disposisi_id
    tree = desk.tree(letter.incoming_id)
    assert [n["disposition"].recipient_jabatan for n in tree] == ["KABID1", "KABID2"]
    assert tree[0]["children"][0]["disposition"].recipient_jabatan == "KASI1"

    desk.read_disposition(nip("kasi"), letter.incoming_id, kasi.disposisi_id)
    desk.progress(nip("kasi"), letter.incoming_id, kasi.disposisi_id, "Sedang disusun.")
    refused(
        "DP-REPORT-REQUIRED", desk.complete, nip("kasi"), letter.incoming_id, kasi.disposisi_id, " "
    )
    desk.complete(
        nip("kasi"), letter.incoming_id, kasi.disposisi_id, "Surat penugasan sudah dikirim."
    )
    desk.read_disposition(nip("kabid2"), letter.incoming_id, kabid2.disposisi_id)
    assert counters(desk, "kabid2") == {"disposisi_belum_selesai": 1}

    clock.now = due + dt.timedelta(hours=1)  # two days later: KABID2 has not finished
    assert counters(desk, "kabid2") == {"disposisi_belum_selesai": 1, "terlambat": 1}
    conn = desk.ws.thread_connection()
    late = track(conn, TrackingFilter(unit_id="BID2", overdue_only=True), desk.clock())
    assert [(r.recipient, r.overdue) for r in late] == [("Kepala Bidang Persandian", True)]
    on_time = track(conn, TrackingFilter(unit_id="SEKSI1"), desk.clock())
    assert [(r.status, r.overdue) for r in on_time] == [("selesai", False)]
    assert unit_counters(conn, "BID2", desk.clock()).terlambat == 1


def test_cancel_only_while_unread(desk: IncomingDesk) -> None:
    letter = desk.register(nip("tu"), unit_id="DINAS", meta=META)
    desk.read(nip("kadis"), letter.incoming_id)
    first = desk.dispose(
        nip("kadis"),
        letter.incoming_id,
        recipients=[Recipient("SEKDIS")],
        instructions=["Untuk diketahui"],
    ).dispositions[0]
    refused(
        "DP-NOT-GIVER",
        desk.cancel,
        nip("sekdis"),
        letter.incoming_id,
        first.disposisi_id,
        "salah alamat",
    )
    state = desk.cancel(nip("kadis"), letter.incoming_id, first.disposisi_id, "salah alamat")
    assert state.dispositions[0].status is DispositionStatus.DIBATALKAN
    second = desk.dispose(
        nip("kadis"),
        letter.incoming_id,
        recipients=[Recipient("SEKDIS")],
        instructions=["Untuk diketahui"],
    ).dispositions[-1]
    desk.read_disposition(nip("sekdis"), letter.incoming_id, second.disposisi_id)
    refused(
        "DP-CANCEL-READ",
        desk.cancel,
        nip("kadis"),
        letter.incoming_id,
        second.disposisi_id,
        "terlambat",
    )


def test_tembusan_is_read_only(desk: IncomingDesk) -> None:
    copy = desk.register(nip("tu"), unit_id="BID2", meta=META, copy_only=True)
    assert counters(desk, "kabid2") == {"tembusan_belum_dibaca": 1}
    refused(
        "IN-COPY-ONLY",
        desk.dispose,
        nip("kabid2"),
        copy.incoming_id,
        recipients=[Recipient("KABID1")],
        instructions=["Pantau"],
    )
    desk.read(nip("kabid2"), copy.incoming_id)
    assert counters(desk, "kabid2") == {}


def test_full_text_search(desk: IncomingDesk) -> None:
    desk.register(nip("tu"), unit_id="DINAS", meta=META)
    desk.register(
        nip("tu"),
        unit_id="DINAS",
        meta={
            **META,
            "nomor": "005/77/Setda/2026",
            "hal": "Undangan Rapat Anggaran",
            "isi_ringkas": "Rapat pembahasan anggaran perubahan.",
        },
    )
    conn = desk.ws.thread_connection()
    assert [h.hal for h in search(conn, "kepemimpinan")] == [META["hal"]]
    assert [h.nomor for h in search(conn, "anggar")] == ["005/77/Setda/2026"]
    # quotes and operators are words to look for, never FTS5 syntax
    assert [h.nomor for h in search(conn, 'anggaran" OR "x')] == []
    assert [h.nomor for h in search(conn, '"anggaran"')] == ["005/77/Setda/2026"]
    assert search(conn, "") == []


HOSTILE_TEXT = ['"', "*", "(", ")", "\\", "😀", "NEAR(", 'rapat"*(', "-", "^", "a:b", "'", "%_"]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_search_and_tracking_treat_any_text_as_words(desk: IncomingDesk, text: str) -> None:
    letter = desk.register(nip("tu"), unit_id="DINAS", meta=META)
    desk.read(nip("kadis"), letter.incoming_id)
    desk.dispose(
        nip("kadis"), letter.incoming_id, recipients=[Recipient("KABID1")], instructions=["Pantau"]
    )
    conn = desk.ws.thread_connection()
    now = desk.clock()
    everything = track(conn, TrackingFilter(unit_id="BID1"), now)
    found = track(conn, TrackingFilter(unit_id="BID1", text=text), now)
    words = [w for w in text.split() if any(ch.isalnum() for ch in w)]
    if words:
        assert {repr(r) for r in found} <= {repr(r) for r in everything}
    else:
        assert found == everything  # no word in it: no text filter
    assert isinstance(search(conn, text), list)


def test_internal_letters_arrive_registered(letters: object, desk: IncomingDesk) -> None:
    """A letter sent by our own workflow lands in the recipient unit's register: the tujuan
    as a letter to dispose, the tembusan as a read-only copy."""
    from tests.office import surat_dinas_values
    from tnde.workflow import finishing
    from tnde.workflow.letters import Letters, RouteRequest

    assert isinstance(letters, Letters)
    state = letters.create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(),
        route=RouteRequest(steps=[{"kind": "tandatangan", "jabatan_id": "KADIS"}]),
        tujuan=[{"text": "Kepala Bidang Aplikasi Informatika", "jabatan_id": "KABID1"}],
        tembusan=[{"text": "Kepala Bidang Persandian", "jabatan_id": "KABID2"}],
    )
    letter = state.letter_id
    letters.submit(nip("analis"), letter)
    finishing.number_letter(letters, nip("tu"), letter)
    sign_letter(letters, nip("kabid2"), letter)  # the Plh. Kepala Dinas
    send_letter(letters, nip("tu"), letter)
    conn = desk.ws.thread_connection()
    rows = conn.execute(
        "SELECT unit_id, copy_only, nomor, blob_sha256 IS NOT NULL FROM incoming ORDER BY unit_id"
    ).fetchall()
    nomor = letters.get(letter).nomor
    assert [tuple(r) for r in rows] == [("BID1", 0, nomor, 1), ("BID2", 1, nomor, 1)]
    assert counters(desk, "kabid1") == {"masuk_belum_dibaca": 1}
    assert counters(desk, "kabid2") == {"tembusan_belum_dibaca": 1}


def test_lembar_disposisi_prints_a_disposition(desk: IncomingDesk, tmp_path: object) -> None:
    import subprocess
    from pathlib import Path

    from tnde.incoming.sheet import disposition_sheet

    letter = desk.register(nip("tu"), unit_id="DINAS", meta=META)
    desk.read(nip("kadis"), letter.incoming_id)
    state = desk.dispose(
        nip("kadis"),
        letter.incoming_id,
        recipients=[Recipient("KABID2"), Recipient("KABID1", leading=True)],
        instructions=["Tindak lanjuti/selesaikan"],
        note="Segera proses.",
    )
    pdf = Path(str(tmp_path)) / "lembar.pdf"
    pdf.write_bytes(disposition_sheet(desk, letter.incoming_id, state.dispositions[0].disposisi_id))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "LEMBAR DISPOSISI" in text
    assert "Nomor agenda : 1/2026" in text
    assert text.index("Kepala Bidang Aplikasi Informatika (utama)") < text.index(
        "Kepala Bidang Persandian"
    )
    assert "Segera proses." in text


def test_instructions_come_from_the_office_list(desk: IncomingDesk) -> None:
    letter = desk.register(nip("tu"), unit_id="DINAS", meta=META)
    desk.read(nip("kadis"), letter.incoming_id)
    refused(
        "DP-INSTRUCTION",
        desk.dispose,
        nip("kadis"),
        letter.incoming_id,
        recipients=[Recipient("KABID1")],
        instructions=["Kerjakan secepatnya"],
    )
