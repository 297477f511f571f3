"""Crash safety of letter actions: a writer killed at random moments never loses an action it
acknowledged, and never leaves a letter whose projection differs from its events.

A child process (the script below, written into the test's folder) drives letters through
create → route → recipients → submit → three approvals → number (which renders the final PDF
and stores it as a blob), printing ``ack <letter_id> <seq>`` only after each action returns.
On start it first carries on with the letters an earlier, killed writer left half-way. The
parent kills it with SIGKILL (TerminateProcess on Windows) at random moments, round after
round on the same workspace, then checks everything. A kill is a process crash, not a power
cut: it proves atomicity of each action, while durability across power loss rests on
``synchronous=FULL`` and the blob store's fsync-before-commit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.office import PEOPLE, nip, seed_org, surat_dinas_values
from tests.workflow.test_properties import check_invariants
from tnde.workflow.state import LetterStatus
from tnde.workspace import Workspace, WorkspaceConfig, check_workspace

ROOT = Path(__file__).resolve().parents[2]
ROUNDS, BUDGET_S, MIN_ROUNDS = 20, 15.0, 10
ACK = re.compile(r"ack ([0-9a-f-]{36}) (\d+)")
ROUTE = [
    {"kind": "periksa", "jabatan_id": "KASI1"},
    {"kind": "periksa", "jabatan_id": "KABID1"},
    {"kind": "periksa", "jabatan_id": "SEKDIS"},
    {"kind": "tandatangan", "jabatan_id": "KADIS"},
]

WRITER = '''\
"""Drive letters to "dinomori", printing an ack after every action; runs until killed."""
import datetime as dt
import json
import sys
from pathlib import Path

from tnde.drafts import load_draft, prepare
from tnde.lint import lint
from tnde.render import render_letter
from tnde.resources import resource_path
from tnde.workflow import finishing
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus
from tnde.workspace import Workspace

# Warm up (templates, lint rules, fonts) before "ready", so the kills land in the actions
# themselves rather than in first-use loading.
sample = prepare(load_draft(Path(str(resource_path("samples", "surat_dinas.toml")))))
lint(sample.template, sample.profile, dict(sample.values), today=dt.date(2026, 11, 20))
render_letter(sample.template, sample.profile, dict(sample.values))
config = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        self.now += dt.timedelta(seconds=1)
        return self.now


ws = Workspace.open(Path(config["workspace"]))
letters = Letters(ws, clock=Clock(dt.datetime.fromisoformat(sys.argv[2])))
konseptor, registry, holder = config["konseptor"], config["registry"], config["holder"]


def next_action(state):
    """The next action on the way to a number, or None when the letter has one."""
    letter = state.letter_id
    if not state.route:
        return lambda: letters.set_route(konseptor, letter, config["route"])
    if not state.recipients:
        return lambda: letters.set_recipients(konseptor, letter, **config["recipients"])
    if state.status is LetterStatus.KONSEP:
        return lambda: letters.submit(konseptor, letter)
    if state.status is LetterStatus.DIAJUKAN:
        reviewer = holder[state.current_step().jabatan_id]
        return lambda: letters.approve(reviewer, letter)
    if state.status is LetterStatus.SIAP_TANDATANGAN:
        return lambda: finishing.number_letter(letters, registry, letter)
    return None


def ack(state):
    print("ack", state.letter_id, state.head_seq, flush=True)


def drive(state):
    while (action := next_action(state)) is not None:
        state = action()
        ack(state)


print("ready", flush=True)
conn = ws.connect()
unfinished = [
    row[0]
    for row in conn.execute(
        "SELECT letter_id FROM letter WHERE state IN ('konsep', 'diajukan', 'siap_tandatangan')"
    )
]
conn.close()
for letter_id in unfinished:
    drive(letters.get(letter_id))
n = 0
while True:
    n += 1
    values = {**config["values"], "hal": f"{config['values']['hal']} ({sys.argv[2]} #{n})"}
    state = letters.create(
        konseptor,
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=values,
    )
    ack(state)
    drive(state)
'''


def write_writer(tmp_path: Path, workspace: Path) -> tuple[Path, Path]:
    """The writer script and its configuration (people and texts from the shared fixtures)."""
    script = tmp_path / "penulis surat.py"
    script.write_text(WRITER, encoding="utf-8")
    config = tmp_path / "penulis.json"
    holders = {"KASI1": "kasi", "KABID1": "kabid1", "SEKDIS": "sekdis", "KADIS": "kadis"}
    data = {
        "workspace": str(workspace),
        "konseptor": nip("analis"),
        "registry": nip("tu"),
        "holder": {jabatan: nip(who) for jabatan, who in holders.items()},
        "route": ROUTE,
        "recipients": {
            "tujuan": [{"text": "Sekretaris Daerah", "email": "setda@nusantararaya.go.id"}],
            "tembusan": [{"text": "Kepala Bidang Persandian", "jabatan_id": "KABID2"}],
        },
        "values": surat_dinas_values(),
    }
    config.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return script, config


def killed_writer_round(
    script: Path, config: Path, start: dt.datetime, delay: float
) -> list[tuple[str, int]]:
    """Run the writer, kill it ``delay`` seconds after it is ready; returns its acks."""
    proc = subprocess.Popen(
        [sys.executable, str(script), str(config), start.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    if proc.stdout.readline() != "ready\n":
        proc.kill()
        pytest.fail(f"the writer did not start: {proc.communicate()[1]}")
    time.sleep(delay)
    if proc.poll() is not None:
        pytest.fail(f"the writer stopped by itself ({proc.returncode}): {proc.communicate()[1]}")
    proc.kill()
    out, _ = proc.communicate()
    acks = []
    for line in out.split("\n")[:-1]:  # a line cut by the kill is not an ack
        match = ACK.fullmatch(line)
        assert match, f"unexpected writer output {line!r}"
        acks.append((match[1], int(match[2])))
    return acks


@pytest.mark.slow
def test_killed_letter_writer_loses_no_acknowledged_action(tmp_path: Path) -> None:
    path = tmp_path / "ruang kerja – crash"
    with Workspace.create(path, config=WorkspaceConfig(demo=True)) as ws:
        seed_org(ws)
    script, config = write_writer(tmp_path, path)
    rng = random.Random(20261120)
    acked: list[tuple[str, int]] = []
    started, rounds = time.monotonic(), 0
    while rounds < ROUNDS and (rounds < MIN_ROUNDS or time.monotonic() - started < BUDGET_S):
        # each writer's clock starts 40 minutes later, all on the day of the fixtures' org chart
        start = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=40 * rounds)
        acked += killed_writer_round(script, config, start, rng.uniform(0.02, 0.6))
        rounds += 1
    assert len(acked) >= rounds, "the writer hardly acted before being killed"

    with Workspace.open(path) as ws:
        report = check_workspace(ws)
        assert report.errors == ()
        assert {w.code for w in report.warnings} <= {"blob_orphan", "blob_stray"}
        conn = ws.connect()
        for letter_id, seq in acked:
            row = conn.execute(
                "SELECT type, actor_nip FROM event WHERE letter_id = ? AND letter_seq = ?",
                (letter_id, seq),
            ).fetchone()
            assert row is not None, f"acknowledged event {seq} of letter {letter_id} is gone"
            assert row["actor_nip"] in {p[0] for p in PEOPLE.values()}
        letters = [r[0] for r in conn.execute("SELECT letter_id FROM letter")]
        numbered = conn.execute(
            "SELECT letter_id, state_json FROM letter WHERE state = ?",
            (LetterStatus.DINOMORI.value,),
        ).fetchall()
        events = conn.execute("SELECT count(*) FROM event").fetchone()[0]
        outbox = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        conn.close()
        assert outbox == events, "every stored event is queued for the archive exactly once"
        assert {letter_id for letter_id, _ in acked} <= set(letters)
        for letter_id in letters:
            check_invariants(ws, letter_id)  # fold(events) == stored projection, and more
        assert numbered, "no letter got as far as its number"
        for _, state_json in numbered:
            assert ws.blobs.get(json.loads(state_json)["final_blob"]).startswith(b"%PDF")
