"""The demo workspace: every lifecycle state, a clean check, and the CLI command."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from tnde.demo import create_demo
from tnde.demo_content import shift_dates, weeks_between
from tnde.formatting import MONTHS_ID
from tnde.incoming import IncomingDesk, pdf_text
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus
from tnde.workspace import Workspace, check_workspace

if TYPE_CHECKING:
    from pathlib import Path


def test_demo_has_a_letter_in_every_state_and_checks_clean(tmp_path: Path) -> None:
    summary = create_demo(tmp_path / "demo ruang", today=dt.date(2026, 11, 27))
    assert set(summary.letters.values()) == {s.value for s in LetterStatus} - {"ditolak"}
    ws = Workspace.open(tmp_path / "demo ruang")
    assert ws.config.demo
    conn = ws.thread_connection()
    # three letters from outside, and the tembusan copies of the two letters already sent
    kinds = conn.execute("SELECT copy_only, count(*) FROM incoming GROUP BY 1").fetchall()
    assert [tuple(k) for k in kinds] == [(0, 3), (1, 2)]
    statuses = {r[0] for r in conn.execute("SELECT status FROM disposisi")}
    assert statuses == {"terkirim", "selesai"}
    report = check_workspace(ws)
    assert not report.errors
    ws.close()


def test_demo_cli_refuses_an_existing_workspace(tmp_path: Path) -> None:
    from tnde.cli.main import main

    target = str(tmp_path / "demo")
    assert main(["--workspace", target, "demo"]) == 0
    assert main(["--workspace", target, "demo"]) == 1


def test_demo_letters_carry_dates_around_the_day_it_is_built(demo_ws: Workspace) -> None:
    # the samples were written in November 2026; the demo is built today
    letters = Letters(demo_ws)
    today = letters.today()
    by_jenis = {}
    for (letter_id,) in demo_ws.thread_connection().execute("SELECT letter_id FROM letter"):
        state = letters.get(letter_id)
        by_jenis.setdefault(state.jenis, state.head_values)
    invitation = by_jenis["surat_undangan"]
    meeting = dt.date.fromisoformat(str(invitation["tanggal_acara"]))
    assert today - dt.timedelta(days=3) < meeting <= today + dt.timedelta(weeks=4)
    assert meeting.weekday() == dt.date(2026, 12, 3).weekday()  # whole weeks: same weekday
    notice = str(by_jenis["pengumuman"]["isi"])
    written = [
        dt.date(int(y), MONTHS_ID.index(m) + 1, int(d))
        for d, m, y in re.findall(rf"(\d+) ({'|'.join(MONTHS_ID)}) (\d{{4}})", notice)
    ]
    assert written
    assert all(
        today - dt.timedelta(days=3) <= day <= today + dt.timedelta(weeks=4) for day in written
    )
    saturday = re.search(rf"hari Sabtu, (\d+) ({'|'.join(MONTHS_ID)}) (\d{{4}})", notice)
    assert saturday is not None
    day = dt.date(int(saturday[3]), MONTHS_ID.index(saturday[2]) + 1, int(saturday[1]))
    assert day.weekday() == 5  # "hari Sabtu" is still a Saturday
    report = by_jenis["laporan"]
    assert re.search(r"tanggal \d+ sampai dengan \d+ \w+ \d{4}", str(report["ruang_lingkup"]))
    assert "13 sampai dengan 15 Oktober 2026" not in str(report["ruang_lingkup"])
    # a regulation's name is not a day
    assert "Peraturan Gubernur Nusantara Raya Nomor 12 Tahun 2026" in str(report["dasar"])


def test_sample_dates_move_by_whole_weeks_in_values_and_text() -> None:
    delta = weeks_between(dt.date(2026, 11, 24), dt.date(2027, 3, 10))
    assert delta == dt.timedelta(weeks=15)
    moved = shift_dates(
        {
            "tanggal_acara": dt.date(2026, 12, 3),
            "isi": "pada tanggal 13 sampai dengan 15 Oktober 2026 dan paling lambat hari Senin, "
            "30 November 2026; 28 s.d. 30 Desember 2026; Nomor 12 Tahun 2026; 31 November 2026",
            "daftar": ["tanggal 1 Januari 2027"],
        },
        delta,
    )
    assert moved["tanggal_acara"] == dt.date(2027, 3, 18)
    assert moved["isi"] == (
        "pada tanggal 26 sampai dengan 28 Januari 2027 dan paling lambat hari Senin, "
        "15 Maret 2027; 12 s.d. 14 April 2027; Nomor 12 Tahun 2026; 31 November 2026"
    )
    assert moved["daftar"] == ["tanggal 16 April 2027"]
    week = dt.timedelta(weeks=1)
    assert shift_dates("tanggal 25 sampai dengan 27 Desember 2026", week) == (
        "tanggal 1 sampai dengan 3 Januari 2027"
    )
    assert shift_dates("tanggal 20 sampai dengan 27 November 2026", week) == (
        "tanggal 27 November sampai dengan 4 Desember 2026"
    )
    assert shift_dates("24 s.d. 31 Desember 2026", week) == ("31 Desember 2026 s.d. 7 Januari 2027")


def test_demo_incoming_letters_come_with_their_pdf(demo_ws: Workspace) -> None:
    desk = IncomingDesk(demo_ws)
    rows = demo_ws.thread_connection().execute(
        "SELECT incoming_id FROM incoming WHERE copy_only = 0 ORDER BY rowid"
    )
    states = [desk.get(r[0]) for r in rows]
    assert len(states) == 3
    for state in states:
        assert state.blob, state.meta["asal"]
        text = pdf_text(demo_ws.blobs.get(state.blob))
        # the sender's own letterhead, the number and subject the registry recorded
        office = state.meta["asal"].removesuffix(" Provinsi Nusantara Raya").upper()
        assert office in text.upper()
        assert state.meta["nomor"] in text
        assert " ".join(state.meta["hal"].split()[:3]) in " ".join(text.split())
        assert "KONSEP" not in text
        assert str(desk.today().year) in state.meta["nomor"]
