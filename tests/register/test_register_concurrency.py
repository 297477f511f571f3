"""Concurrent issuance never duplicates a number: threads and processes on one series."""

from __future__ import annotations

import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import TYPE_CHECKING

from tests.register.register_support import SHARED, Db, audit_actions, issue_many
from tnde.register import NumberUse, draw_from_lease, lease_block, uses
from tnde.workspace import audit_verify

if TYPE_CHECKING:
    import sqlite3

AT = "2026-08-17T09:00:00.000Z"


def switches(found: list[NumberUse]) -> int:
    """How often the worker changes along the number line (workers - 1 if none interleaved)."""
    owners = [(u.letter_id or "").split("-")[0] for u in found]
    return sum(a != b for a, b in pairwise(owners))


def test_eight_threads_issue_400_distinct_consecutive_numbers(db: Db) -> None:
    barrier = threading.Barrier(8)
    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(issue_many, db, f"t{t}", 50, barrier) for t in range(8)]
        per_thread = [f.result(timeout=60) for f in futures]
    assert time.monotonic() - started < 30
    numbers = [no for nos in per_thread for no in nos]
    assert sorted(numbers) == list(range(1, 401))
    assert all(nos == sorted(nos) for nos in per_thread)  # each thread sees them rise
    conn = db.connect()
    try:
        found = uses(conn, SHARED)
        assert [u.no for u in found] == list(range(1, 401))
        assert len({u.letter_id for u in found}) == 400
        assert switches(found) > 7 * 3  # the threads really ran at the same time
        assert len(audit_actions(conn)) == 400
        assert audit_verify(conn) == []  # the hash chain survived the concurrent appends
    finally:
        conn.close()


def test_four_processes_issue_200_distinct_numbers(db: Db) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(4)
    procs = [
        ctx.Process(target=issue_many, args=(db, f"p{p}", 50, barrier), daemon=True)
        for p in range(4)
    ]
    try:
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(timeout=60)
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.kill()
    assert [proc.exitcode for proc in procs] == [0, 0, 0, 0]
    conn = db.connect()
    try:
        found = uses(conn, SHARED)
        assert [u.no for u in found] == list(range(1, 201))
        assert {u.letter_id for u in found} == {f"p{p}-{i}" for p in range(4) for i in range(50)}
        assert switches(found) > 3  # the processes really ran at the same time
    finally:
        conn.close()


def test_a_desk_drawing_while_others_issue_centrally_never_collides(
    db: Db, conn: sqlite3.Connection
) -> None:
    lease = lease_block(conn, SHARED, size=10, desk="meja TU", actor="admin", at=AT)
    barrier = threading.Barrier(3)

    def desk() -> list[int]:
        own = db.connect()
        try:
            barrier.wait(timeout=30)
            return [
                draw_from_lease(
                    own,
                    lease.lease_id,
                    desk="meja TU",
                    letter_id=f"l{i}",
                    format=str,
                    actor="TU",
                    at=AT,
                ).no
                for i in range(10)
            ]
        finally:
            own.close()

    with ThreadPoolExecutor(3) as pool:
        drawn = pool.submit(desk)
        centre = [pool.submit(issue_many, db, f"c{t}", 20, barrier) for t in range(2)]
        from_lease = drawn.result(timeout=60)
        from_centre = [no for f in centre for no in f.result(timeout=60)]
    assert from_lease == list(range(1, 11))
    assert sorted(from_centre) == list(range(11, 51))
