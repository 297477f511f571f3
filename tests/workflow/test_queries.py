"""Paged queue queries and "what may I do now", on the demo workspace (Qt-free)."""

from __future__ import annotations

import datetime as dt
import shutil
from typing import TYPE_CHECKING

import pytest

from tnde.incoming.desk import IncomingDesk
from tnde.incoming.queries import (
    IncomingFilter,
    allowed_incoming_actions,
    count_dispositions,
    count_incoming,
    disposition_page,
    incoming_page,
)
from tnde.org import holders, load_org
from tnde.workflow.letters import Letters
from tnde.workflow.queries import (
    Action,
    LetterFilter,
    Queue,
    allowed_actions,
    count_letters,
    letter_page,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tnde.workspace import Workspace


@pytest.fixture(scope="module")
def demo_copy_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tnde.demo import create_demo

    path = tmp_path_factory.mktemp("demo kueri") / "ruang kerja"
    create_demo(path)
    return path


@pytest.fixture
def ws(demo_copy_source: Path, tmp_path: Path) -> Iterator[Workspace]:
    from tnde.workspace import Workspace

    path = tmp_path / "salinan"
    shutil.copytree(demo_copy_source, path)
    workspace = Workspace.open(path)
    yield workspace
    workspace.close()


def _nip(ws: Workspace, jabatan: str) -> str:
    chart = load_org(ws.thread_connection())
    return str(holders(chart, jabatan, dt.date.today())[0].nip)


def test_each_official_sees_their_queues(ws: Workspace) -> None:
    conn = ws.thread_connection()
    today = Letters(ws).today()

    def counts(jabatan: str) -> dict[str, int]:
        nip = _nip(ws, jabatan)
        return {q.value: n for q in Queue if (n := count_letters(conn, q, nip, today=today))}

    assert counts("PRANATA_KOMPUTER_APL") == {"konsep": 2, "naskah_keluar": 5, "arsip": 2}
    assert counts("KASI_APL") == {"perlu_diperiksa": 1}
    assert counts("KADIS") == {"perlu_ditandatangani": 1}
    assert counts("KASUBBAG_UMPEG") == {"siap_dikirim": 2, "naskah_keluar": 5, "arsip": 2}


def test_pages_sort_and_filter_in_sql(ws: Workspace) -> None:
    letters = Letters(ws)
    konseptor = _nip(ws, "PRANATA_KOMPUTER_APL")
    unit = letters.get(
        str(ws.thread_connection().execute("SELECT letter_id FROM letter").fetchone()[0])
    ).unit_id
    for n in range(30):
        letters.create(
            konseptor,
            jenis="memo",
            values={"hal": f"Memo uji {n:02d}", "sifat": "Rahasia" if n % 3 == 0 else "Biasa"},
            unit_id=unit,
            profile_id=ws.config.profile_id,
        )
    conn = ws.thread_connection()
    today, now = letters.today(), letters.clock()
    page = letter_page(conn, Queue.KONSEP, konseptor, today=today, now=now, limit=10, sort="hal")
    more = letter_page(
        conn, Queue.KONSEP, konseptor, today=today, now=now, limit=10, offset=10, sort="hal"
    )
    assert len(page) == len(more) == 10
    titles = [r.hal for r in page + more]
    assert titles == sorted(titles)
    desc = letter_page(
        conn, Queue.KONSEP, konseptor, today=today, now=now, limit=5, sort="hal", descending=True
    )
    assert [r.hal for r in desc] == sorted(titles + [r.hal for r in desc], reverse=True)[:5]
    secret = LetterFilter(sifat="Rahasia", text="Memo uji")
    assert count_letters(conn, Queue.KONSEP, konseptor, today=today, flt=secret) == 10
    rows = letter_page(conn, Queue.KONSEP, konseptor, today=today, now=now, flt=secret)
    assert {r.sifat for r in rows} == {"Rahasia"}
    tomorrow = LetterFilter(date_from=today + dt.timedelta(days=1))
    assert count_letters(conn, Queue.KONSEP, konseptor, today=today, flt=tomorrow) == 0
    with pytest.raises(ValueError, match="cannot sort"):
        letter_page(conn, Queue.KONSEP, konseptor, today=today, now=now, sort="state_json")


def test_overdue_follows_the_urgency_of_waiting_tasks(ws: Workspace) -> None:
    letters = Letters(ws)
    conn = ws.thread_connection()
    reviewer = _nip(ws, "KASI_APL")
    today = letters.today()
    later = letters.clock() + dt.timedelta(days=30)
    (row,) = letter_page(conn, Queue.PERLU_DIPERIKSA, reviewer, today=today, now=later)
    assert row.task == "periksa"
    assert row.due_at is not None
    assert row.overdue
    (fresh,) = letter_page(conn, Queue.PERLU_DIPERIKSA, reviewer, today=today, now=row.since)
    assert not fresh.overdue


def test_allowed_actions_are_what_the_rules_accept(ws: Workspace) -> None:
    letters = Letters(ws)
    conn = ws.thread_connection()
    today = letters.today()
    (letter_id,) = conn.execute("SELECT letter_id FROM letter WHERE state = 'diajukan'").fetchone()
    state = letters.get(letter_id)
    reviewer = _nip(ws, "KASI_APL")
    konseptor = _nip(ws, "PRANATA_KOMPUTER_APL")
    assert allowed_actions(conn, state, reviewer, today) == [
        Action.APPROVE,
        Action.RETURN,
        Action.REJECT,
    ]
    assert Action.APPROVE not in allowed_actions(conn, state, konseptor, today)
    assert allowed_actions(conn, state, _nip(ws, "KASUBBAG_UMPEG"), today) == []
    # what is offered works
    letters.approve(reviewer, letter_id)
    (numbering,) = conn.execute(
        "SELECT letter_id FROM letter WHERE state = 'siap_tandatangan'"
    ).fetchone()
    registry = _nip(ws, "KASUBBAG_UMPEG")
    assert allowed_actions(conn, letters.get(numbering), registry, today) == [Action.NUMBER]


def test_incoming_lists_and_actions(ws: Workspace) -> None:
    desk = IncomingDesk(ws)
    conn = ws.thread_connection()
    today, now = desk.today(), desk.clock()
    kadis = _nip(ws, "KADIS")
    registry = _nip(ws, "KASUBBAG_UMPEG")
    kabid = _nip(ws, "KABID_APTIKA")
    assert count_incoming(conn, kadis, today=today) == 3
    assert count_incoming(conn, registry, today=today, copies=True) >= 1
    rows = incoming_page(conn, kadis, today=today, now=now, sort="asal", descending=False)
    assert [r.asal for r in rows] == sorted(r.asal for r in rows)
    assert count_incoming(conn, kadis, today=today, flt=IncomingFilter(urgensi="Segera")) == 1
    assert count_dispositions(conn, kabid, today=today, now=now) == 2
    late = dt.datetime.now(dt.UTC) + dt.timedelta(days=60)
    open_rows = disposition_page(conn, kabid, today=today, now=late)
    assert any(r.overdue for r in open_rows)
    unread = next(r for r in rows if r.status == "diregistrasi")
    kinds = [
        a.kind for a in allowed_incoming_actions(conn, desk.get(unread.incoming_id), kadis, today)
    ]
    assert kinds == ["read", "dispose"]
    tu = [
        a.kind
        for a in allowed_incoming_actions(conn, desk.get(unread.incoming_id), registry, today)
    ]
    assert tu == ["read", "dispose_for"]


def test_incoming_lists_filter_by_sender_and_kka_code(ws: Workspace) -> None:
    desk = IncomingDesk(ws)
    conn = ws.thread_connection()
    today, now = desk.today(), desk.clock()
    kadis = _nip(ws, "KADIS")
    every = incoming_page(conn, kadis, today=today, now=now)
    assert every, "the demo office has incoming letters"
    first = every[0]
    probe = first.asal[:6]
    by_sender = incoming_page(conn, kadis, today=today, now=now, flt=IncomingFilter(asal=probe))
    assert first.incoming_id in {r.incoming_id for r in by_sender}
    assert all(probe.lower() in r.asal.lower() for r in by_sender)
    assert (
        incoming_page(conn, kadis, today=today, now=now, flt=IncomingFilter(asal="tidak ada ini"))
        == []
    )
    unit = desk.get(first.incoming_id).unit_id
    meta = {"asal": "Dinas Uji KKA", "nomor": "1/UJI/2026", "tanggal": "2026-11-20"}
    tu = _nip(ws, "KASUBBAG_UMPEG")
    filed = desk.register(tu, unit_id=unit, meta={**meta, "hal": "Uji kode", "kka": "000.8.3.3"})
    fetch = incoming_page
    below = fetch(conn, kadis, today=today, now=now, flt=IncomingFilter(kka="000.8"))
    assert filed.incoming_id in {r.incoming_id for r in below}
    exact = fetch(conn, kadis, today=today, now=now, flt=IncomingFilter(kka="000.8.3.3"))
    assert filed.incoming_id in {r.incoming_id for r in exact}
    assert fetch(conn, kadis, today=today, now=now, flt=IncomingFilter(kka="000.8.3.33")) == []
