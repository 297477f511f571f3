"""Crash safety: a writer killed at random moments never loses what it acknowledged.

A child process stores blobs and audit rows in a loop and prints ``ack`` after each commit;
the parent kills it with SIGKILL (TerminateProcess on Windows) at random moments, many times,
then checks the workspace: no errors (orphan blob files are allowed warnings) and every
acknowledged row and blob present and intact.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tnde.workspace import Workspace, check_workspace

WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).resolve().parents[2]
ROUNDS, BUDGET_S = 25, 12.0
ACK = re.compile(r"ack (\d+) ([0-9a-f]{64})")


def killed_writer_round(folder: Path, seed: int, delay: float) -> dict[int, str]:
    """Run the writer, kill it after ``delay`` seconds of writing; returns its acks."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    if ready != "ready\n":
        proc.kill()
        pytest.fail(f"writer did not start: {proc.communicate()[1]}")
    time.sleep(delay)
    proc.kill()
    out, _ = proc.communicate()
    complete_lines = out.split("\n")[:-1]  # a line cut by the kill is not an ack
    acks = {}
    for line in complete_lines:
        match = ACK.fullmatch(line)
        assert match, f"unexpected writer output {line!r}"
        acks[int(match[1])] = match[2]
    return acks


@pytest.mark.slow
def test_killed_writers_lose_nothing_they_acknowledged(ws: Workspace) -> None:
    rng = random.Random(20260822)
    acked: dict[int, str] = {}
    started, rounds = time.monotonic(), 0
    while rounds < ROUNDS and time.monotonic() - started < BUDGET_S:
        acked |= killed_writer_round(ws.path, seed=rounds, delay=rng.uniform(0.0, 0.25))
        rounds += 1
    assert rounds >= 10, "too few rounds ran within the time budget"
    assert len(acked) >= rounds, "the writer hardly wrote anything before being killed"

    with Workspace.open(ws.path) as after:
        report = check_workspace(after)
        assert report.errors == ()
        assert {w.code for w in report.warnings} <= {"blob_orphan", "blob_stray"}
        conn = after.connect()
        for seq, sha in acked.items():
            row = conn.execute("SELECT object FROM audit WHERE seq = ?", (seq,)).fetchone()
            assert row is not None, f"acknowledged audit row {seq} is gone"
            assert row["object"] == sha
            assert conn.execute("SELECT 1 FROM blob WHERE sha256 = ?", (sha,)).fetchone()
            after.blobs.get(sha)  # raises BlobError unless the file is intact
