"""Random interleavings of actions on several desks, with syncs at random moments: at the
end every desk holds exactly what the archive holds.

Each example builds an archive served on loopback and a desk per official, then runs a
random list of steps: an official acts at their desk (the action may be refused by their
desk's rules, as in real use), or a desk syncs. Desks that do not sync for a while work
offline. At the end every desk syncs until nothing moves, and for every letter a desk holds:
its events are the archive's events (ids, order, hashes) and its projection is the
archive's fold. ``TNDE_FUZZ_EXAMPLES=200 pytest tests/sync/test_sync_convergence.py`` runs
a longer campaign.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.office import nip, office_chart, surat_dinas_values
from tests.sync.conftest import PROFILE, Office
from tests.sync.liveserver import live_archive
from tests.workflow.signature_events import sign_letter
from tnde.archive import init_archive, open_archive
from tnde.archive.schema import AGGREGATE, EVENT
from tnde.errors import TndeError, WorkflowRefused
from tnde.incoming import send_letter
from tnde.integrity import check_integrity
from tnde.org import write_org_toml
from tnde.sync import status
from tnde.workflow import finishing

DESKS = ("analis", "kasi", "kabid1", "kadis", "tu")
ACTIONS = ("create", "submit", "approve", "return", "revise", "cancel", "number", "sign", "send")
ROUTE = [
    {"kind": "periksa", "jabatan_id": "KASI1"},
    {"kind": "periksa", "jabatan_id": "KABID1"},
    {"kind": "tandatangan", "jabatan_id": "KADIS"},
]
_EXAMPLES = int(os.environ.get("TNDE_FUZZ_EXAMPLES", "8"))

step = st.one_of(
    st.tuples(st.just("sync"), st.sampled_from(DESKS), st.just(0)),
    st.tuples(st.sampled_from(ACTIONS), st.sampled_from(DESKS), st.integers(0, 2)),
)


def _act(office: Office, action: str, who: str, pick: int, letters: list[str]) -> None:
    desk = office.desk(who)
    actor = nip(who)
    if action == "sync":
        desk.sync()
        return
    if action == "create":
        if who != "analis":
            return
        created = desk.letters.create(
            actor,
            jenis="surat_dinas",
            unit_id="SEKSI1",
            profile_id=PROFILE,
            values=surat_dinas_values(hal=f"Hal {len(letters)}"),
        )
        desk.letters.set_route(actor, created.letter_id, ROUTE)
        desk.letters.set_recipients(
            actor, created.letter_id, tujuan=[{"text": "Kepala Bidang Persandian"}]
        )
        letters.append(created.letter_id)
        return
    if not letters:
        return
    letter = letters[pick % len(letters)]
    if not _known(desk, letter):
        return
    calls = {
        "submit": lambda: desk.letters.submit(actor, letter),
        "approve": lambda: desk.letters.approve(actor, letter),
        "return": lambda: desk.letters.return_for_revision(actor, letter, "perbaiki"),
        "revise": lambda: desk.letters.revise(actor, letter, surat_dinas_values(hal=f"Rev {pick}")),
        "cancel": lambda: finishing.cancel_letter(desk.letters, actor, letter, "batal"),
        "number": lambda: _number(office, who, letter),
        "sign": lambda: sign_letter(desk.letters, actor, letter),
        "send": lambda: send_letter(desk.letters, actor, letter),
    }
    # the desk's own rules may say no, as they would to a person
    with contextlib.suppress(WorkflowRefused):
        calls[action]()


def _number(office: Office, who: str, letter: str) -> None:
    desk = office.desk(who)
    try:
        finishing.number_letter(desk.letters, nip(who), letter)
    except WorkflowRefused as exc:
        if exc.rule != "REG-LEASE-REQUIRED":
            raise
        desk.syncer.lease(finishing.number_series(desk.letters, letter), 5)
        finishing.number_letter(desk.letters, nip(who), letter)


def _known(desk: object, letter: str) -> bool:
    conn = desk.ws.connect()  # type: ignore[attr-defined]
    return (
        conn.execute("SELECT 1 FROM letter WHERE letter_id = ?", (letter,)).fetchone() is not None
    )


def _archive_view(
    folder: Path,
) -> tuple[dict[str, dict[str, object]], dict[str, list[tuple[str, int, str]]]]:
    archive = open_archive(folder)
    try:
        with archive.database.read() as conn:
            states = {
                r.aggregate_id: json.loads(r.state_json)
                for r in conn.execute(sa.select(AGGREGATE.c.aggregate_id, AGGREGATE.c.state_json))
            }
            events: dict[str, list[tuple[str, int, str]]] = {}
            for r in conn.execute(
                sa.select(
                    EVENT.c.letter_id, EVENT.c.event_id, EVENT.c.letter_seq, EVENT.c.event_hash
                ).order_by(EVENT.c.letter_id, EVENT.c.letter_seq)
            ):
                events.setdefault(r.letter_id, []).append((r.event_id, r.letter_seq, r.event_hash))
    finally:
        archive.close()
    return states, events


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
@settings(
    max_examples=_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        # only the session's PostgreSQL cluster is taken from it, once
        HealthCheck.function_scoped_fixture,
    ],
    derandomize=True,
)
@given(steps=st.lists(step, min_size=5, max_size=40))
def test_every_desk_converges_to_the_archive(
    steps: list[tuple[str, str, int]], database: str, request: pytest.FixtureRequest
) -> None:
    database_url = (
        request.getfixturevalue("pg_cluster").database() if database == "postgresql" else ""
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        org = root / "org.toml"
        write_org_toml(office_chart(), org)
        folder = root / "arsip"
        init_archive(folder, profile=PROFILE, org=org, database=database_url)
        with live_archive(folder) as url:
            office = Office(root, url, folder)
            try:
                letters: list[str] = []
                for action, who, pick in [("create", "analis", 0), *steps]:
                    _act(office, action, who, pick, letters)
                for _round in range(3):
                    for who in DESKS:
                        office.desk(who).sync()
                states, events = _archive_view(folder)
                for who in DESKS:
                    desk = office.desk(who)
                    found = status(desk.ws)
                    assert found["pending"] == 0, who
                    errors = [f for f in check_integrity(desk.ws).findings if f.severity == "error"]
                    assert errors == [], (who, errors)
                    conn = desk.ws.connect()
                    for letter_id, state_json in conn.execute(
                        "SELECT letter_id, state_json FROM letter"
                    ):
                        assert json.loads(state_json) == states[letter_id], (who, letter_id)
                        mine = conn.execute(
                            "SELECT event_id, letter_seq, event_hash FROM event "
                            "WHERE letter_id = ? ORDER BY letter_seq",
                            (letter_id,),
                        ).fetchall()
                        assert [tuple(r) for r in mine] == events[letter_id], (who, letter_id)
                # the konseptor sees every letter they made
                analis = office.desk("analis").ws.connect()
                held = {r[0] for r in analis.execute("SELECT letter_id FROM letter")}
                assert set(letters) <= held | _refused_creations(office)
            except TndeError:
                raise
            finally:
                office.close()


def _refused_creations(office: Office) -> set[str]:
    conn = office.desk("analis").ws.connect()
    return {r[0] for r in conn.execute("SELECT letter_id FROM sync_rejection")}
