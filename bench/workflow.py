"""Workflow speed on a big workspace: 100,000 letters over a ~500-jabatan org chart.

Usage: ``PYTHONPATH=. .venv/bin/python bench/workflow.py [--letters N] [--keep DIR]``.

The workspace is built once and cached in the temp folder (or in ``--keep DIR``); later runs
reuse it (``--rebuild`` forces a new one). The org rows are inserted with SQL; every letter
event goes through the real :meth:`Letters.append`, 1,000 letters per transaction, so the
projection, task, outbox and audit rows are the ones the application writes.

Then it measures, and prints medians:

* ``Letters.inbox`` for a busy Kepala Bidang, a registry desk and a konseptor (target ≤ 50 ms);
* one user action (``Letters.approve`` / ``Letters.revise``), each its own ``BEGIN IMMEDIATE``
  … ``COMMIT`` with fsync (target ≤ 5 ms);
* the raw ``Letters.append`` inside one open transaction (rolled back afterwards).

The actions commit, so every run moves a few dozen letters of the cached workspace on by a
step; the letters acted on are picked from the open tasks, so the figures do not drift.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import StepClock, SyntheticOrg, report, seed_org, timed

from tnde.ids import uuid7
from tnde.workflow import REGISTRY_KINDS, EventType, Letters
from tnde.workspace import CURRENT_VERSION, Workspace, WorkspaceConfig

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable, Iterator

    from tnde.workflow import LetterState

BUILD_VERSION = 3
"""Bump when the generated workspace changes shape, so stale caches are rebuilt."""
PROFILE = "diskominfo-nusantara-raya"
START = dt.datetime(2026, 5, 4, 0, 30, tzinfo=dt.UTC)
SEED = 20261120

BIDANG = 7
SEKSI_PER_BIDANG = 3
UPTD = 3
STAFF_PER_UNIT = 17


# -- the org chart ----------------------------------------------------------------------------


@dataclass
class Org(SyntheticOrg):
    """The generated Dinas and who drafts what."""

    konseptors: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """(NIP, unit_id, superior chain of jabatan ids up to the Kepala Dinas)."""


def make_org() -> Org:
    """A Dinas with a Sekretariat, bidang with seksi, and UPTD; staff in every small unit."""
    org = Org()
    org.add_unit("DINAS", "Dinas Komunikasi dan Informatika", None, "Diskominfo")
    org.add_jabatan("KADIS", "Kepala Dinas", "DINAS", None, eselon="II.a", heads=True)
    org.add_unit("SEK", "Sekretariat", "DINAS", "Diskominfo")
    org.add_jabatan("SEKDIS", "Sekretaris Dinas", "SEK", "KADIS", eselon="III.a", heads=True)
    small_units: list[tuple[str, str]] = []
    for sub, nama in (("UMPEG", "Umum dan Kepegawaian"), ("KEU", "Keuangan"), ("PROG", "Program")):
        unit = f"SEK.{sub}"
        org.add_unit(unit, f"Subbagian {nama}", "SEK", "Diskominfo")
        head = f"KASUBBAG_{sub}"
        org.add_jabatan(
            head,
            f"Kepala Subbagian {nama}",
            unit,
            "SEKDIS",
            eselon="IV.a",
            heads=True,
            registry=sub == "UMPEG",
        )
        small_units.append((unit, head))
    for b in range(1, BIDANG + 1):
        unit = f"BID{b}"
        org.add_unit(unit, f"Bidang {b}", "DINAS", f"Diskominfo.B{b}")
        org.add_jabatan(
            f"KABID{b}", f"Kepala Bidang {b}", unit, "KADIS", eselon="III.b", heads=True
        )
        for s in range(1, SEKSI_PER_BIDANG + 1):
            seksi = f"{unit}.S{s}"
            org.add_unit(seksi, f"Seksi {b}.{s}", unit, f"Diskominfo.B{b}")
            head = f"KASI{b}_{s}"
            # one seksi of bidang 1 has no Kasi: its Kabid acts as Plt. (two jabatan, one inbox)
            org.add_jabatan(
                head,
                f"Kepala Seksi {b}.{s}",
                seksi,
                f"KABID{b}",
                eselon="IV.a",
                heads=True,
                vacant=(b, s) == (1, 3),
            )
            small_units.append((seksi, head))
    org.acting("KASI1_3", "KABID1")
    for u in range(1, UPTD + 1):
        unit = f"UPTD{u}"
        org.add_unit(unit, f"UPTD {u}", "DINAS", f"UPTD{u}")
        org.add_jabatan(f"KAUPTD{u}", f"Kepala UPTD {u}", unit, "KADIS", eselon="IV.a", heads=True)
        tu = f"{unit}.TU"
        org.add_unit(tu, f"Subbagian Tata Usaha UPTD {u}", unit, f"UPTD{u}")
        org.add_jabatan(
            f"KASUBBAG_TU{u}", f"Subbag TU UPTD {u}", tu, f"KAUPTD{u}", eselon="IV.b", heads=True
        )
        small_units.append((tu, f"KASUBBAG_TU{u}"))
    superior = {j[0]: j[5] for j in org.jabatan}
    for unit, head in small_units:
        for k in range(1, STAFF_PER_UNIT + 1):
            jabatan_id = f"{head}.STAF{k}"
            org.add_jabatan(jabatan_id, f"Pelaksana {k}", unit, head)
            chain, up = [], head
            while up is not None:
                chain.append(up)
                up = superior[up]
            org.konseptors.append((org.holder[jabatan_id], unit, chain))
    return org


# -- letters ------------------------------------------------------------------------------------


def letter_values(n: int) -> dict[str, Any]:
    """A Surat Dinas text of ordinary length (about 1 kB of JSON)."""
    return {
        "tanggal": "2026-11-20",
        "kka": "000.8.3.3",
        "sifat": "Biasa",
        "hal": f"Penyampaian Laporan Pelaksanaan Kegiatan Nomor Urut {n}",
        "tujuan": ["Kepala Perangkat Daerah di Lingkungan Pemerintah Provinsi Nusantara Raya"],
        "di": "Tempat",
        "isi": "Menindaklanjuti surat Saudara, bersama ini kami sampaikan laporan pelaksanaan "
        f"kegiatan ke-{n} sebagaimana terlampir.\n\nDemikian disampaikan, atas perhatian "
        "Saudara diucapkan terima kasih.",
        "lampiran": [{"judul": "Laporan", "isi": "1. Kegiatan telah dilaksanakan."}],
        "tembusan": ["Sekretaris Daerah Provinsi Nusantara Raya"],
    }


#: (fate, weight): where a generated letter stops.
FATES = (
    ("konsep", 5),  # created, route and recipients set, not yet submitted
    ("diajukan", 55),  # waiting for its first reviewer
    ("approved1", 18),  # one reviewer has approved
    ("approved2", 8),  # two reviewers have approved
    ("dikembalikan", 8),  # returned to the konseptor with a note
    ("resubmitted", 6),  # returned, revised and submitted again
)


def plan(org: Org, rng: random.Random, n: int) -> tuple[str, str, list[tuple[Any, ...]]]:
    """Konseptor, unit and the actions of letter ``n``: (type, actor, payload)."""
    nip, unit, chain = rng.choice(org.konseptors)
    # most letters go up to the Kepala Dinas (2 or 3 paraf); a third are signed by the
    # konseptor's Kepala Bidang (or Sekretaris, Kepala UPTD) after one paraf
    signer = chain[-1] if rng.random() < 0.67 else chain[1]
    line = chain[: chain.index(signer)]
    steps = [{"kind": "periksa", "jabatan_id": j} for j in line]
    steps.append({"kind": "tandatangan", "jabatan_id": signer})
    values = letter_values(n)
    actions: list[tuple[Any, ...]] = [
        (EventType.CREATED, nip, {"jenis": "surat_dinas", "profile_id": PROFILE, "unit_id": unit,
                                  "values": values, "route_restart": "first"}),
        (EventType.ROUTE_SET, nip, {"steps": steps, "paraf_max": 3}),
        (EventType.RECIPIENTS_SET, nip, {
            "tujuan": [{"text": values["tujuan"][0]}],
            "tembusan": [{"text": "Sekretaris Dinas", "jabatan_id": "SEKDIS"}],
        }),
    ]  # fmt: skip
    fate = rng.choices([f for f, _ in FATES], [w for _, w in FATES])[0]
    if fate == "konsep":
        return nip, unit, actions
    actions.append((EventType.SUBMITTED, nip, {}))
    reviewers = [org.holder[j] for j in line]
    approvals = {"approved1": 1, "approved2": 2}.get(fate, 0)
    if fate in ("dikembalikan", "resubmitted"):
        approvals = rng.randint(0, len(line) - 1)
    approvals = min(approvals, len(line))
    for step in range(1, approvals + 1):
        actions.append((EventType.APPROVED, reviewers[step - 1], {"step": step, "note": ""}))
    if fate in ("dikembalikan", "resubmitted"):
        step = approvals + 1
        note = {"step": step, "note": "Mohon lengkapi dasar hukum dan batas waktu."}
        actions.append((EventType.RETURNED, reviewers[step - 1], note))
    if fate == "resubmitted":
        revised = {**values, "isi": values["isi"] + "\n\nBatas waktu: 31 Desember 2026."}
        actions.append((EventType.REVISED, nip, {"values": revised, "parent_revision": None}))
        actions.append((EventType.SUBMITTED, nip, {}))
    return nip, unit, actions


def _state_json(state: LetterState) -> str:
    """What :func:`tnde.workflow.codec.state_to_json` returns, byte for byte, without
    ``dataclasses.asdict`` (which deep-copies the whole state, text included, on every event)."""
    data = dict(vars(state))
    data["route"] = [vars(step) for step in state.route]
    data["recipients"] = [vars(r) for r in state.recipients]
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@contextmanager
def fast_codec(check_every: int = 50) -> Iterator[None]:
    """Let ``Letters.append`` serialise the projection with :func:`_state_json`.

    Every ``check_every``-th state is also serialised the real way and compared, so the rows
    written are the ones the application writes.
    """
    from tnde.workflow import service

    real = service.state_to_json
    calls = 0

    def checked(state: LetterState) -> str:
        nonlocal calls
        calls += 1
        text = _state_json(state)
        if calls % check_every == 1 and text != real(state):
            raise AssertionError(f"fast state JSON differs for letter {state.letter_id}")
        return text

    service.state_to_json = checked
    try:
        yield
    finally:
        service.state_to_json = real


def build(path: Path, letters: int, batch: int, *, fast: bool) -> dict[str, Any]:
    """A new workspace at ``path`` with the org chart and ``letters`` letters."""
    rng = random.Random(SEED)
    org = make_org()
    started = time.perf_counter()
    # a demo workspace: the generated office's officials all act in this one workspace
    ws = Workspace.create(path, config=WorkspaceConfig(demo=True))
    seed_org(ws, org)
    clock = StepClock(START, rng, (5, 50))
    store = Letters(ws, clock)
    events = 0
    conn = ws.connect()
    try:
        with fast_codec() if fast else nullcontext():
            for first in range(0, letters, batch):
                with ws.transaction(conn):
                    for n in range(first, min(first + batch, letters)):
                        events += append_letter(conn, store, plan(org, rng, n))
                done = min(first + batch, letters)
                if done % (batch * 10) == 0 or done == letters:
                    rate = done / (time.perf_counter() - started)
                    print(f"  {done:>7} letters, {events:>7} events ({rate:,.0f}/s)", end="\r")
        print()
    finally:
        conn.close()
        ws.close()
    info = {
        "version": BUILD_VERSION,
        "schema": CURRENT_VERSION,
        "letters": letters,
        "events": events,
        "jabatan": len(org.jabatan),
        "build_seconds": round(time.perf_counter() - started, 1),
        "fast_codec": fast,
        "clock": clock.now.isoformat(),
    }
    (path / "bench.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info


def append_letter(
    conn: sqlite3.Connection, store: Letters, planned: tuple[str, str, list[tuple[Any, ...]]]
) -> int:
    """Append the planned events of one new letter; returns how many."""
    letter_id = uuid7()
    _, _, actions = planned
    for kind, actor, payload in actions:
        if kind is EventType.REVISED:
            state = store.state_in(conn, letter_id)
            assert state is not None
            payload = {**payload, "parent_revision": state.head_revision}
        store.append(
            conn,
            letter_id=letter_id,
            type=kind,
            actor_nip=actor,
            payload=payload,
            today=store.clock().date(),
        )
    return len(actions)


def workspace_for(args: argparse.Namespace) -> tuple[Path, dict[str, Any], bool]:
    """The cached workspace (built when missing or stale): path, build info, built now."""
    root = Path(args.keep) if args.keep else Path(tempfile.gettempdir())
    path = (root if args.keep else root / "tnde-bench-workflow") / f"ws-{args.letters}"
    marker = path / "bench.json"
    if marker.is_file() and not args.rebuild:
        info = json.loads(marker.read_text(encoding="utf-8"))
        if (info.get("version"), info.get("schema")) == (BUILD_VERSION, CURRENT_VERSION):
            return path, info, False
    if path.exists():
        shutil.rmtree(path)
    print(f"building {args.letters:,} letters in {path} …")
    return path, build(path, args.letters, args.batch, fast=not args.real_codec), True


# -- measuring ----------------------------------------------------------------------------------


def query(ws: Workspace, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    conn = ws.connect()
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def pending(ws: Workspace, jabatan_id: str, limit: int) -> list[str]:
    """Letters waiting for a review by ``jabatan_id``."""
    rows = query(
        ws,
        "SELECT letter_id FROM task WHERE jabatan_id = ? AND kind = 'periksa' "
        "ORDER BY since LIMIT ?",
        (jabatan_id, limit),
    )
    return [r[0] for r in rows]


INBOX_SQL = (
    "SELECT t.letter_id, t.kind, t.step_no, l.jenis, l.hal, l.state, t.since "
    "FROM task t JOIN letter l ON l.letter_id = t.letter_id "
    "WHERE t.nip = ? OR t.jabatan_id IN ({marks}) OR (? AND t.kind IN (?, ?, ?)) "
    "ORDER BY t.since LIMIT 500"
)
"""The query :meth:`Letters.inbox` sends (copied, for EXPLAIN and the what-if)."""

PROPOSED_INDEX = "CREATE INDEX task_by_kind ON task(kind, since)"
PROPOSED_INBOX_SQL = (
    "SELECT t.letter_id, t.kind, t.step_no, l.jenis, l.hal, l.state, t.since FROM ("
    " SELECT * FROM (SELECT letter_id, kind, step_no, since FROM task"
    "  WHERE nip = ? ORDER BY since LIMIT 500)"
    " UNION ALL SELECT * FROM (SELECT letter_id, kind, step_no, since FROM task"
    "  WHERE jabatan_id IN ({marks}) ORDER BY since LIMIT 500)"
    " UNION ALL SELECT * FROM (SELECT letter_id, kind, step_no, since FROM task"
    "  WHERE ? AND kind IN (?, ?, ?) ORDER BY since LIMIT 500)"
    " ORDER BY since LIMIT 500"
    ") t JOIN letter l ON l.letter_id = t.letter_id ORDER BY t.since"
)
"""The same rows, each source read in ``since`` order from its own index and cut at 500
before the join (a task has a NIP, a jabatan or a registry kind, never two of them)."""


def inbox_params(letters: Letters, nip: str, day: dt.date) -> tuple[str, tuple[Any, ...]]:
    """The inbox query's parameters for ``nip`` on ``day`` (the jabatan marks, the values)."""
    jabatan = letters.jabatan_of(nip, day)
    marks = ",".join("?" * len(jabatan)) or "''"
    return marks, (nip, *jabatan, int(letters.is_registry(nip, day)), *REGISTRY_KINDS)


def measure_inbox(ws: Workspace, letters: Letters, who: dict[str, str], runs: int) -> None:
    day = letters.clock().date()
    for label, nip in who.items():
        found = len(letters.inbox(nip, day))  # and warm the page cache
        samples = timed(lambda nip=nip: letters.inbox(nip, day), runs)
        report(f"Letters.inbox: {label}, {found} items", samples, 50)
    conn = ws.connect()
    try:
        marks, params = inbox_params(letters, who["konseptor"], day)
        plan = conn.execute("EXPLAIN QUERY PLAN " + INBOX_SQL.format(marks=marks), params)
        print("  plan: " + "; ".join(row[3] for row in plan))
    finally:
        conn.close()


def what_if_inbox(ws: Workspace, who: dict[str, str], day: dt.date, runs: int) -> None:
    """The inbox query now and as proposed, without and with the proposed index (which is
    created inside a transaction that is rolled back: the cached workspace is unchanged)."""
    letters = Letters(ws)
    conn = ws.connect()
    try:
        conn.execute("BEGIN IMMEDIATE")
        for index in ("no new index", "+ task_by_kind"):
            if index != "no new index":
                conn.execute(PROPOSED_INDEX)
            for label, nip in who.items():
                marks, params = inbox_params(letters, nip, day)
                now, proposed = (sql.format(marks=marks) for sql in (INBOX_SQL, PROPOSED_INBOX_SQL))
                rows = [tuple(r) for r in conn.execute(proposed, params)]
                if rows != [tuple(r) for r in conn.execute(now, params)]:
                    raise AssertionError("the proposed inbox query returns other rows")
                for name, text in (("current", now), ("proposed", proposed)):
                    samples = timed(lambda t=text, p=params: conn.execute(t, p).fetchall(), runs)
                    report(f"  {name} SQL, {index}: {label}", samples)
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def measure_actions(ws: Workspace, letters: Letters, org: Org, runs: int) -> None:
    """Whole user actions, each its own transaction: as the CLI runs them (no other
    connection open) and as a GUI holding a connection would."""
    for held in (False, True):
        keeper = ws.connect() if held else None
        where = "another connection open" if held else "no other connection"
        try:
            for jabatan_id in ("KASI2_1", "KABID1"):
                # one more than the runs: timed() warms up with one call
                nip, todo = org.holder[jabatan_id], pending(ws, jabatan_id, runs + 1)
                if len(todo) < runs + 1:
                    raise SystemExit(f"too few letters wait for {jabatan_id}; build more --letters")
                samples = timed(lambda nip=nip, todo=todo: letters.approve(nip, todo.pop()), runs)
                report(f"Letters.approve ({jabatan_id}), {where}", samples, 5)
            report(f"Letters.revise, {where}", timed(reviser(ws, letters, runs), runs), 5)
        finally:
            if keeper is not None:
                keeper.close()


def reviser(ws: Workspace, letters: Letters, runs: int) -> Callable[[], object]:
    """A function that revises the next of ``runs`` letters under review, as its konseptor."""
    rows = query(
        ws,
        "SELECT letter_id FROM letter WHERE state IN ('diajukan', 'dikembalikan') "
        "ORDER BY updated_at DESC LIMIT ?",
        (runs + 1,),  # and one for timed()'s warm-up call
    )
    states = [letters.get(r[0]) for r in rows]

    def revise() -> object:
        state = states.pop()
        values = {**state.head_values, "hal": f"{state.hal} (rev {time.perf_counter_ns()})"}
        return letters.revise(state.konseptor_nip, state.letter_id, values)

    return revise


def measure_append(ws: Workspace, letters: Letters, org: Org, runs: int) -> None:
    """The bare ``Letters.append`` inside one open transaction (rolled back after)."""
    todo, nip = pending(ws, "KASI3_2", runs), org.holder["KASI3_2"]
    conn = ws.connect()
    try:
        conn.execute("BEGIN IMMEDIATE")
        samples = timed(
            lambda: letters.append(
                conn,
                letter_id=todo.pop(),
                type=EventType.APPROVED,
                actor_nip=nip,
                payload={"step": 1, "note": ""},
                today=letters.today(),
            ),
            len(todo) - 1,  # timed() warms up with one call
        )
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    report("Letters.append (approve) in an open transaction", samples)


def measure(path: Path, info: dict[str, Any], args: argparse.Namespace) -> None:
    org = make_org()
    rng = random.Random(SEED + 1)
    start = dt.datetime.fromisoformat(info["clock"]) + dt.timedelta(days=1)
    ws = Workspace.open(path)
    letters = Letters(ws, clock=StepClock(start, rng, (5, 50)))
    try:
        if not query(ws, "SELECT 1 FROM assignment WHERE nip = ?", (org.holder["KABID1"],)):
            raise SystemExit("the cached workspace has another org chart: run with --rebuild")
        counts = query(ws, "SELECT state, count(*) FROM letter GROUP BY state ORDER BY 2 DESC")
        print("  letters by state: " + ", ".join(f"{r[0]} {r[1]:,}" for r in counts))
        who = {
            "Kabid 1 (also Plt. Kasi)": org.holder["KABID1"],
            "registry desk": org.holder["KASUBBAG_UMPEG"],
            "konseptor": org.konseptors[0][0],
        }
        print()
        measure_inbox(ws, letters, who, args.runs)
        if args.what_if:
            what_if_inbox(ws, who, letters.clock().date(), args.runs)
        print()
        measure_actions(ws, letters, org, max(args.runs, 50))
        measure_append(ws, letters, org, max(args.runs, 50) * 2)
    finally:
        ws.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=100_000, help="letters in the workspace")
    parser.add_argument("--batch", type=int, default=1_000, help="letters per build transaction")
    parser.add_argument("--runs", type=int, default=30, help="repetitions (actions: at least 50)")
    parser.add_argument("--keep", metavar="DIR", help="keep the workspace in DIR (reused later)")
    parser.add_argument("--rebuild", action="store_true", help="build anew even when cached")
    parser.add_argument(
        "--real-codec",
        action="store_true",
        help="build with the unpatched state_to_json (about 1.4 times as slow)",
    )
    parser.add_argument(
        "--what-if",
        action="store_true",
        help="also time the inbox query with the proposed index and SQL (rolled back)",
    )
    args = parser.parse_args()

    path, info, built = workspace_for(args)
    how = "built now" if built else "cached"
    size = (path / "workspace.sqlite").stat().st_size / 1e6
    print(
        f"workspace ({how}): {path}\n  {info['letters']:,} letters, {info['events']:,} events, "
        f"{info['jabatan']} jabatan, {size:,.0f} MB; build took {info['build_seconds']:.0f} s"
    )
    measure(path, info, args)


if __name__ == "__main__":
    main()
