"""Random sequences of actions never reach an invalid state, and the stored projection is
always the fold of the stored events."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.office import PEOPLE, FixedClock, nip, seed_org, surat_dinas_values
from tests.workflow.signature_events import sign_letter
from tnde.errors import WorkflowRefused
from tnde.incoming import send_letter
from tnde.workflow import finishing
from tnde.workflow.codec import state_from_json
from tnde.workflow.letters import Letters
from tnde.workflow.service import EventStore
from tnde.workflow.state import FINAL_STATES, LetterStatus, fold
from tnde.workspace import Workspace, WorkspaceConfig

ACTIONS = (
    "submit",
    "approve",
    "return",
    "reject",
    "revise",
    "cancel",
    "number",
    "sign",
    "send",
    "read",
    "archive",
)
ROUTE = [
    {"kind": "periksa", "jabatan_id": "KASI1"},
    {"kind": "periksa", "jabatan_id": "KABID1"},
    {"kind": "tandatangan", "jabatan_id": "KADIS"},
]


def act(letters: Letters, action: str, who: str, letter: str, n: int) -> None:
    actor = nip(who)
    calls = {
        "submit": lambda: letters.submit(actor, letter),
        "approve": lambda: letters.approve(actor, letter),
        "return": lambda: letters.return_for_revision(actor, letter, "perbaiki"),
        "reject": lambda: letters.reject(actor, letter, "tidak perlu"),
        "revise": lambda: letters.revise(actor, letter, surat_dinas_values(hal=f"Hal {n}")),
        "cancel": lambda: finishing.cancel_letter(letters, actor, letter, "batal"),
        "number": lambda: finishing.number_letter(letters, actor, letter),
        "sign": lambda: sign_letter(letters, actor, letter),
        "send": lambda: send_letter(letters, actor, letter),
        "read": lambda: finishing.mark_read(letters, actor, letter),
        "archive": lambda: finishing.archive_letter(letters, actor, letter),
    }
    calls[action]()


def check_invariants(ws: Workspace, letter: str) -> None:
    conn = ws.connect()
    try:
        events = EventStore.events(conn, letter)
        stored = state_from_json(
            conn.execute("SELECT state_json FROM letter WHERE letter_id=?", (letter,)).fetchone()[0]
        )
        issued = conn.execute(
            "SELECT count(*) FROM number_use WHERE letter_id=? AND status='issued'", (letter,)
        ).fetchone()[0]
        tasks = conn.execute("SELECT count(*) FROM task WHERE letter_id=?", (letter,)).fetchone()[0]
    finally:
        conn.close()
    folded = fold(events)
    assert folded == stored, "projection differs from the fold of the events"
    assert [e.letter_seq for e in events] == list(range(1, len(events) + 1))
    if stored.status in (
        LetterStatus.SIAP_TANDATANGAN,
        LetterStatus.DINOMORI,
        LetterStatus.DITANDATANGANI,
        LetterStatus.DIKIRIM,
        LetterStatus.DIARSIPKAN,
    ):
        assert stored.review_complete(), "past review without every approval on the head text"
    if stored.status in (
        LetterStatus.DITANDATANGANI,
        LetterStatus.DIKIRIM,
        LetterStatus.DIARSIPKAN,
    ):
        assert all(s.approved_revision == stored.head_revision for s in stored.signing_steps())
        assert stored.nomor
    assert issued <= 1, "a letter never holds two numbers"
    assert (issued == 1) == bool(stored.nomor) or stored.status in FINAL_STATES
    assert (tasks == 0) == (stored.status in FINAL_STATES)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(ACTIONS), st.sampled_from(sorted(PEOPLE))),
        min_size=1,
        max_size=14,
    )
)
def test_random_actions_keep_the_letter_valid(steps: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.create(Path(tmp) / "ws", config=WorkspaceConfig(demo=True))
        seed_org(ws)
        letters = Letters(ws, clock=FixedClock(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)))
        letter = letters.create(
            nip("analis"),
            jenis="surat_dinas",
            unit_id="SEKSI1",
            profile_id="diskominfo-nusantara-raya",
            values=surat_dinas_values(),
        ).letter_id
        letters.set_route(nip("analis"), letter, ROUTE)
        letters.set_recipients(
            nip("analis"),
            letter,
            tujuan=[{"text": "Kepala Bidang Persandian", "jabatan_id": "KABID2"}],
        )
        for n, (action, who) in enumerate(steps):
            conn = ws.connect()
            count = conn.execute("SELECT count(*) FROM event").fetchone()[0]
            conn.close()
            try:
                act(letters, action, who, letter, n)
            except WorkflowRefused:
                conn = ws.connect()
                assert conn.execute("SELECT count(*) FROM event").fetchone()[0] == count
                conn.close()
            check_invariants(ws, letter)
