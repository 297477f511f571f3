"""Crashes in the middle of a sync lose nothing and duplicate nothing.

The archive server is killed (SIGKILL) inside its commit window (``accept``: the batch
written, before COMMIT; ``accepted``: after COMMIT, before the answer), and desks are killed
after the archive answered a push (``pushed``) and inside their own transactions while they
record answers and merge pulled pages (``commit:N``). After each crash the survivor syncs
again, and then: every event a desk made is on the archive exactly once, every aggregate's
events are numbered 1…n with no gap, the feed has no hole, and the desk holds exactly what
the archive holds. ``TNDE_CRASH_TRIALS=200`` runs a longer campaign.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import keyring
import pytest
import sqlalchemy as sa
import uvicorn

from tests.office import nip, office_chart, seed_org, surat_dinas_values
from tests.sync.conftest import PASSWORD, PROFILE
from tests.sync.filekeyring import FileKeyring
from tests.sync.liveserver import free_port, live_archive
from tnde import faults
from tnde.archive import init_archive, open_archive
from tnde.archive.accounts import enrol_account
from tnde.archive.app import app_for
from tnde.archive.schema import AGGREGATE, EVENT, FEED_COUNTER
from tnde.errors import TndeError
from tnde.org import write_org_toml
from tnde.secrets import KeyringSecretStore
from tnde.sync import Syncer, link_workspace, status
from tnde.sync.transport import Backoff
from tnde.workflow import Letters
from tnde.workspace import Workspace, WorkspaceConfig

if TYPE_CHECKING:
    from collections.abc import Iterator
    from multiprocessing.process import BaseProcess

ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("TNDE_CRASH_TRIALS", "52"))
"""Trials of each kind (server kills, desk kills) on SQLite: 104 by default, and half as many
again on PostgreSQL."""


def _trials(database_url: str) -> int:
    return TRIALS // 2 if database_url else TRIALS


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "keyring.json"
    previous = keyring.get_keyring()
    os.environ["TNDE_TEST_KEYRING"] = str(path)
    keyring.set_keyring(FileKeyring())
    try:
        yield path
    finally:
        keyring.set_keyring(previous)
        os.environ.pop("TNDE_TEST_KEYRING", None)


def _archive(tmp_path: Path, database_url: str) -> Path:
    org = tmp_path / "org.toml"
    write_org_toml(office_chart(), org)
    folder = tmp_path / "arsip"
    init_archive(folder, profile=PROFILE, org=org, database=database_url)
    return folder


def _desk(tmp_path: Path, folder: Path, url: str, who: str = "analis") -> Workspace:
    ws = Workspace.create(
        tmp_path / f"meja {who}", config=WorkspaceConfig(profile_id=PROFILE, owner=nip(who))
    )
    seed_org(ws)
    archive = open_archive(folder)
    try:
        with archive.database.write() as conn:
            code = enrol_account(conn, nip(who), at=dt.datetime.now(dt.UTC), actor="admin").code
    finally:
        archive.close()
    link_workspace(ws, url, nip=nip(who), secret=f"{code}|{PASSWORD}", secrets=KeyringSecretStore())
    return ws


def _draft(ws: Workspace, n: int) -> None:
    letters = Letters(ws)
    for i in range(n):
        letter = letters.create(
            nip("analis"),
            jenis="surat_dinas",
            unit_id="SEKSI1",
            profile_id=PROFILE,
            values=surat_dinas_values(hal=f"Surat {i}"),
        ).letter_id
        letters.set_route(nip("analis"), letter, signer_jabatan="KABID1")


def _check_archive(folder: Path, ws: Workspace) -> None:
    """Every desk event once on the archive, every aggregate 1…n, the feed without holes,
    the desk equal to the archive."""
    archive = open_archive(folder)
    try:
        with archive.database.read() as conn:
            rows = conn.execute(
                sa.select(EVENT.c.event_id, EVENT.c.letter_id, EVENT.c.letter_seq, EVENT.c.feed_seq)
            ).all()
            end = conn.execute(sa.select(FEED_COUNTER.c.value)).scalar_one()
            states = dict(
                conn.execute(sa.select(AGGREGATE.c.aggregate_id, AGGREGATE.c.state_json)).all()
            )
    finally:
        archive.close()
    assert sorted(r.feed_seq for r in rows) == list(range(1, end + 1))
    by_letter: dict[str, list[int]] = {}
    for r in rows:
        by_letter.setdefault(r.letter_id, []).append(r.letter_seq)
    for seqs in by_letter.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))
    conn = ws.connect()
    mine = {r[0] for r in conn.execute("SELECT event_id FROM event")}
    assert mine == {r.event_id for r in rows}
    assert status(ws)["pending"] == 0
    for letter_id, state_json in conn.execute("SELECT letter_id, state_json FROM letter"):
        assert json.loads(state_json) == json.loads(states[letter_id])


def _arm(crash_at: str) -> None:
    """Arm a crash point in a forked child (the environment was read at import)."""
    faults._target = faults._parse(crash_at)
    faults._reached.clear()


def _serve(folder: Path, port: int, crash_at: str) -> None:
    """The child process: the archive on ``port``, armed to die at ``crash_at``."""
    _arm(crash_at)
    archive = open_archive(folder)
    config = uvicorn.Config(app_for(archive), host="127.0.0.1", port=port, log_level="error")
    uvicorn.Server(config).run()


@contextmanager
def _server(folder: Path, port: int, crash_at: str = "") -> Iterator[BaseProcess]:
    """The archive served by a child process forked from this one (it starts in a moment:
    every module is loaded already), which a crash point may kill."""
    proc = multiprocessing.get_context("fork").Process(
        target=_serve, args=(folder, port, crash_at), daemon=True
    )
    proc.start()
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/v1/hello", timeout=1)
                break
            except httpx.TransportError:
                if not proc.is_alive() or time.monotonic() > deadline:
                    raise RuntimeError("the archive server did not start") from None
                time.sleep(0.02)
        yield proc
    finally:
        if proc.is_alive():
            proc.terminate()
            proc.join(15)
        if proc.is_alive():
            proc.kill()
            proc.join()


def _desk_sync(path: Path, crash_at: str) -> None:
    """The child process: one sync of the desk at ``path``, armed to die at ``crash_at``."""
    _arm(crash_at)
    ws = Workspace.open(path)
    Syncer(ws, KeyringSecretStore()).sync_once()


def _cli_sync(path: Path, crash_at: str) -> int:
    """``tnde sync --once`` in a process of its own, armed to die at ``crash_at``."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHON_KEYRING_BACKEND": "tests.sync.filekeyring.FileKeyring",
        "TNDE_CRASH_AT": crash_at,
    }
    done = subprocess.run(
        [sys.executable, "-m", "tnde", "--workspace", str(path), "sync", "--once"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )
    return done.returncode


def _quick(syncer: Syncer) -> Syncer:
    syncer.http.backoff = Backoff(base=0.01, cap=0.05, attempts=2)
    return syncer


def test_killing_the_archive_inside_its_commit_window_loses_and_doubles_nothing(
    tmp_path: Path, file_keyring: Path, database_url: str
) -> None:
    folder = _archive(tmp_path, database_url)
    trials = _trials(database_url)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with _server(folder, port):
        ws = _desk(tmp_path, folder, url)
    rng = random.Random(1207)
    killed = 0
    for trial in range(trials):
        _draft(ws, rng.randint(1, 3))
        point = rng.choice(["accept", "accepted"])
        with _server(folder, port, crash_at=f"{point}:1") as proc:
            syncer = _quick(Syncer(ws, KeyringSecretStore()))
            try:
                with pytest.raises(TndeError):
                    syncer.sync_once()
            finally:
                syncer.close()
            proc.join(15)
            killed += proc.exitcode == -signal.SIGKILL
        with _server(folder, port):
            syncer = Syncer(ws, KeyringSecretStore())
            try:
                report = syncer.sync_once()
            finally:
                syncer.close()
            # after a kill before COMMIT the events are new; after COMMIT they come back
            # as duplicates of what the archive already holds
            assert report.rejected == 0, trial
        _check_archive(folder, ws)
    assert killed == trials


def test_killing_a_desk_while_it_records_a_push_or_merges_a_pull_loses_nothing(
    tmp_path: Path, file_keyring: Path, database_url: str
) -> None:
    folder = _archive(tmp_path, database_url)
    trials = _trials(database_url)
    with live_archive(folder) as url:
        ws = _desk(tmp_path, folder, url)
        rng = random.Random(712)
        killed = 0
        for trial in range(trials):
            _draft(ws, rng.randint(1, 2))
            point = rng.choice(["pushed:1", "commit:1", "commit:2", "commit:3"])
            if trial % 8 == 0:  # now and then the real command line, in a process of its own
                killed += _cli_sync(ws.path, point) == -signal.SIGKILL
            else:  # else a child forked from this process: the same code, started at once
                child = multiprocessing.get_context("fork").Process(
                    target=_desk_sync, args=(ws.path, point)
                )
                child.start()
                child.join(60)
                killed += child.exitcode == -signal.SIGKILL
            syncer = Syncer(ws, KeyringSecretStore())
            try:
                assert syncer.sync_once().rejected == 0, (trial, point)
            finally:
                syncer.close()
            _check_archive(folder, ws)
            integrity = ws.connect().execute("PRAGMA integrity_check").fetchone()[0]
            assert integrity == "ok"
        assert killed >= trials * 3 // 4
