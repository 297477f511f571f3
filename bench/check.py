"""``tnde workspace check`` on a big workspace: storage, projections refolded, register matched.

Usage: ``PYTHONPATH=. .venv/bin/python bench/check.py [--letters N] [--numbered N]
[--incoming N] [--keep DIR]``.

The workspace (a demo workspace, so every generated official may act) is built once and cached
in the temp folder (or in ``--keep DIR``); ``--rebuild`` forces a new one. It holds:

* ``--letters`` letters through the real :meth:`Letters.append`, as ``bench/workflow.py`` makes
  them (drafts, letters under review, returned and resubmitted ones);
* ``--numbered`` more letters approved by every reviewer and numbered for real
  (:func:`number_letter` renders and stores the final PDF); every tenth is then cancelled, so
  its number is voided;
* ``--incoming`` incoming letters registered, read and disposed to two Kepala Bidang through
  :class:`IncomingDesk`, one disposition completed.

Then it prints medians of :func:`tnde.integrity.check_integrity` (what ``tnde workspace check``
runs) and of its parts: the storage check alone (SQLite's own checks, every blob re-hashed,
the audit and event chains), the letters' and the incoming letters' projections rebuilt from
their events, and the register matched with the audit log and the events.
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
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import StepClock, report, seed_org, timed
from workflow import Org, append_letter, fast_codec, make_org, plan

from tnde.ids import uuid7
from tnde.incoming import IncomingDesk, Recipient, agenda_numbers, check_incoming
from tnde.integrity import check_integrity
from tnde.profiles import DEFAULT_INSTRUCTIONS
from tnde.register import check_register
from tnde.workflow import (
    EventType,
    Letters,
    cancel_letter,
    check_letters,
    letter_numbers,
    number_letter,
)
from tnde.workspace import CURRENT_VERSION, Workspace, WorkspaceConfig, check_workspace

if TYPE_CHECKING:
    import sqlite3

BUILD_VERSION = 1
"""Bump when the generated workspace changes shape, so stale caches are rebuilt."""
START = dt.datetime(2026, 5, 4, 0, 30, tzinfo=dt.UTC)
SEED = 20261121
REGISTRY = "KASUBBAG_UMPEG"


def build(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    """A new demo workspace at ``path`` with the letters the options ask for."""
    rng = random.Random(SEED)
    org = make_org()
    started = time.perf_counter()
    ws = Workspace.create(path, config=WorkspaceConfig(demo=True))
    seed_org(ws, org)
    clock = StepClock(START, rng, (5, 50))
    letters = Letters(ws, clock)
    events = 0
    conn = ws.connect()
    try:
        with fast_codec():
            for first in range(0, args.letters, 1_000):
                with ws.transaction(conn):
                    for n in range(first, min(first + 1_000, args.letters)):
                        events += append_letter(conn, letters, plan(org, rng, n))
        print(f"  {args.letters:,} letters, {events:,} events")
        for n in range(args.numbered):
            letter_id = approved(conn, ws, letters, org, plan(org, rng, args.letters + n))
            number_letter(letters, org.holder[REGISTRY], letter_id)
            if n % 10 == 9:
                konseptor = letters.get(letter_id).konseptor_nip
                cancel_letter(letters, konseptor, letter_id, "Kegiatan ditunda.")
            if (n + 1) % 25 == 0:
                print(f"  {n + 1:>7} numbered", end="\r")
        print()
        desk = IncomingDesk(ws, clock)
        for n in range(args.incoming):
            dispose(desk, org, n)
            if (n + 1) % 100 == 0:
                print(f"  {n + 1:>7} incoming", end="\r")
        print()
    finally:
        conn.close()
        ws.close()
    info = {
        "version": BUILD_VERSION,
        "schema": CURRENT_VERSION,
        "letters": args.letters,
        "numbered": args.numbered,
        "incoming": args.incoming,
        "build_seconds": round(time.perf_counter() - started, 1),
    }
    (path / "bench.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info


def approved(
    conn: sqlite3.Connection,
    ws: Workspace,
    letters: Letters,
    org: Org,
    planned: tuple[str, str, list[tuple[Any, ...]]],
) -> str:
    """A planned letter submitted and approved by every reviewer of its route; its id."""
    konseptor, _, actions = planned
    route = actions[1][2]["steps"]
    reviews = [
        (EventType.APPROVED, org.holder[s["jabatan_id"]], {"step": i, "note": ""})
        for i, s in enumerate(route, start=1)
        if s["kind"] == "periksa"
    ]
    letter_id = uuid7()
    with ws.transaction(conn):
        for kind, actor, payload in [*actions[:3], (EventType.SUBMITTED, konseptor, {}), *reviews]:
            letters.append(conn, letter_id=letter_id, type=kind, actor_nip=actor, payload=payload)
    return letter_id


def dispose(desk: IncomingDesk, org: Org, n: int) -> None:
    """Register one incoming letter, read it, dispose it to two Kepala Bidang, finish one."""
    meta = {
        "asal": f"Badan {n % 40} Provinsi Nusantara Raya",
        "nomor": f"800.2/{n + 1}/BKD/2026",
        "tanggal": "2026-05-01",
        "hal": f"Permohonan Data Kegiatan Nomor {n}",
    }
    incoming = desk.register(org.holder[REGISTRY], unit_id="DINAS", meta=meta).incoming_id
    desk.read(org.holder["KADIS"], incoming)
    state = desk.dispose(
        org.holder["KADIS"],
        incoming,
        recipients=[Recipient("KABID1", leading=True), Recipient("KABID2")],
        instructions=[DEFAULT_INSTRUCTIONS[0]],
    )
    first = state.dispositions[0].disposisi_id
    if n % 2:
        desk.read_disposition(org.holder["KABID1"], incoming, first)
        desk.complete(org.holder["KABID1"], incoming, first, "Selesai.")


def workspace_for(args: argparse.Namespace) -> tuple[Path, dict[str, Any], bool]:
    """The cached workspace (built when missing or stale): path, build info, built now."""
    root = Path(args.keep) if args.keep else Path(tempfile.gettempdir()) / "tnde-bench-check"
    path = root / f"ws-{args.letters}-{args.numbered}-{args.incoming}"
    marker = path / "bench.json"
    if marker.is_file() and not args.rebuild:
        info = json.loads(marker.read_text(encoding="utf-8"))
        if (info.get("version"), info.get("schema")) == (BUILD_VERSION, CURRENT_VERSION):
            return path, info, False
    if path.exists():
        shutil.rmtree(path)
    print(f"building in {path} …")
    return path, build(path, args), True


def measure(path: Path, runs: int) -> None:
    ws = Workspace.open(path)
    conn = ws.connect()
    try:
        whole = check_integrity(ws)
        if whole.findings:
            raise SystemExit(f"the cached workspace does not check clean: {whole.findings[:3]}")
        counts = ", ".join(f"{n:,} {name}" for name, n in whole.more.items())
        print(f"  checked {whole.events:,} events, {whole.blobs:,} blobs; {counts}\n")
        report("check_integrity (tnde workspace check)", timed(lambda: check_integrity(ws), runs))
        report("  storage only (check_workspace)", timed(lambda: check_workspace(ws), runs))
        conn.execute("BEGIN")  # one read snapshot, as check_workspace takes
        report("  letters refolded (check_letters)", timed(lambda: check_letters(conn, []), runs))
        report(
            "  incoming refolded (check_incoming)", timed(lambda: check_incoming(conn, []), runs)
        )
        claims = lambda: [*letter_numbers(conn), *agenda_numbers(conn)]  # noqa: E731
        report(
            "  register matched (check_register)",
            timed(lambda: check_register(conn, [], claims()), runs),
        )
        conn.execute("ROLLBACK")
    finally:
        conn.close()
        ws.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=5_000, help="letters through the workflow")
    parser.add_argument("--numbered", type=int, default=200, help="letters numbered (PDF render)")
    parser.add_argument("--incoming", type=int, default=500, help="incoming letters disposed")
    parser.add_argument("--runs", type=int, default=5, help="repetitions")
    parser.add_argument("--keep", metavar="DIR", help="keep the workspace in DIR (reused later)")
    parser.add_argument("--rebuild", action="store_true", help="build anew even when cached")
    args = parser.parse_args()

    path, info, built = workspace_for(args)
    size = (path / "workspace.sqlite").stat().st_size / 1e6
    how = "built now" if built else "cached"
    print(
        f"workspace ({how}): {path}\n  {info['letters']:,} letters, {info['numbered']:,} "
        f"numbered, {info['incoming']:,} incoming, {size:,.0f} MB; "
        f"build took {info['build_seconds']:.0f} s"
    )
    measure(path, args.runs)


if __name__ == "__main__":
    main()
