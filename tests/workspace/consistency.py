"""Whether a workspace is whole, for the crash tests: what must hold after any kill.

:func:`check_consistent` asks more than ``tnde workspace check`` does: every projection is the
fold of its events, every event has its outbox row, its audit row and the blobs it names, and
the register neither skips, repeats nor loses a number. :func:`dump` is the committed content
of the database, to prove that a killed action left nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import TYPE_CHECKING, Any

from tests.workflow.test_properties import check_invariants
from tnde.incoming.codec import incoming_from_json
from tnde.incoming.state import IncomingEventType
from tnde.incoming.state import fold as fold_incoming
from tnde.workflow.eventlog import read_events
from tnde.workspace import Workspace, check_workspace

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Dump", "changed_tables", "check_consistent", "dump", "read_only"]

Dump = dict[str, list[tuple[Any, ...]]]
"""Table name → its rows, sorted."""
Event = tuple[str, str, dict[str, Any]]
"""(aggregate id, type, payload) of one event."""


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to the workspace's database (it sees only what is committed)."""
    return sqlite3.connect(f"{(path / 'workspace.sqlite').resolve().as_uri()}?mode=ro", uri=True)


def dump(path: Path) -> Dump:
    """Every row of every table (FTS shadow tables included), as committed."""
    conn = read_only(path)
    try:
        tables = [
            name
            for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type='table'")
            if not sql.upper().startswith("CREATE VIRTUAL")
        ]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    finally:
        conn.close()


def changed_tables(before: Dump, after: Dump) -> list[str]:
    """The tables whose rows differ."""
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


def check_consistent(path: Path) -> None:
    """The workspace checks clean and every aggregate, number and blob is whole.

    The only leftover allowed is an orphan blob file, and only a whole one: a file renamed into
    place before its row was to be inserted (the blob store's documented crash window).
    """
    with Workspace.open(path) as ws:
        report = check_workspace(ws)
        assert report.errors == ()
        assert [f for f in report.warnings if f.code != "blob_orphan"] == []
        for finding in report.warnings:
            data = ws.blobs.path(finding.subject).read_bytes()
            assert hashlib.sha256(data).hexdigest() == finding.subject, "a partial blob file"
        conn = ws.connect()
        try:
            letters = [row[0] for row in conn.execute("SELECT letter_id FROM letter")]
            incoming = _check_incoming(conn)
            events = _check_log(conn, {*letters, *incoming})
            _check_register(conn, events)
        finally:
            conn.close()
        for letter_id in letters:
            check_invariants(ws, letter_id)  # fold(events) == projection, one number at most…


def _check_log(conn: sqlite3.Connection, aggregates: set[str]) -> list[Event]:
    """Every event has its outbox row, its audit row and its blobs; every aggregate has both
    events and a projection."""
    rows = conn.execute("SELECT event_id, letter_id, type, payload FROM event").fetchall()
    ids = sorted(row[0] for row in rows)
    outbox = [row[0] for row in conn.execute("SELECT event_id FROM outbox")]
    assert sorted(outbox) == ids, "each event is queued for the archive exactly once"
    audited = [
        row[0]
        for row in conn.execute(
            "SELECT json_extract(details, '$.event_id') FROM audit"
            " WHERE json_extract(details, '$.event_id') IS NOT NULL"
        )
    ]
    assert sorted(audited) == ids, "each event is audited exactly once"
    assert {row[1] for row in rows} == aggregates, "events without a projection, or the reverse"
    blobs = {row[0] for row in conn.execute("SELECT sha256 FROM blob")}
    events = [(row[1], row[2], json.loads(row[3])) for row in rows]
    for _aggregate, kind, payload in events:
        for key in ("blob", "base_blob", "archive_blob"):
            assert not payload.get(key) or payload[key] in blobs, f"{kind}: its {key} is gone"
    return events


def _check_incoming(conn: sqlite3.Connection) -> list[str]:
    """Each incoming letter's projection, dispositions and search row match its events."""
    ids = []
    for incoming_id, state_json in conn.execute("SELECT incoming_id, state_json FROM incoming"):
        stored = incoming_from_json(state_json)
        assert fold_incoming(read_events(conn, incoming_id, IncomingEventType)) == stored
        (rows,) = conn.execute(
            "SELECT count(*) FROM disposisi WHERE incoming_id = ?", (incoming_id,)
        ).fetchone()
        assert rows == len(stored.dispositions)
        ids.append(incoming_id)
    (indexed,) = conn.execute("SELECT count(*) FROM incoming_fts").fetchone()
    assert indexed == len(ids), "every incoming letter is in the search index once"
    return ids


def _check_register(conn: sqlite3.Connection, events: list[Event]) -> None:
    """No number lost, skipped or used twice; each issued one carried by its event.

    Without leased blocks (none here) a series' numbers are exactly 1 … its counter.
    """
    assert conn.execute("SELECT count(*) FROM number_lease").fetchone()[0] == 0
    series = conn.execute("SELECT unit_id, series, year, last_no FROM number_series").fetchall()
    for unit, key, year, last in series:
        nos = conn.execute(
            "SELECT no FROM number_use WHERE unit_id = ? AND series = ? AND year = ? ORDER BY no",
            (unit, key, year),
        ).fetchall()
        assert [n for (n,) in nos] == list(range(1, last + 1)), f"series {unit}/{key}/{year}"
    issued = dict(conn.execute("SELECT letter_id, nomor FROM number_use WHERE status = 'issued'"))
    voided = {
        row[0]
        for row in conn.execute(
            "SELECT letter_id FROM number_use WHERE status = 'voided' AND letter_id IS NOT NULL"
        )
    }
    carried = {
        aggregate: payload["nomor"] if kind == "letter.numbered" else payload["agenda"]
        for aggregate, kind, payload in events
        if kind in ("letter.numbered", "incoming.registered") and aggregate not in voided
    }
    assert issued == carried, "an issued number without its event, or an event without it"
    (audited,) = conn.execute("SELECT count(*) FROM audit WHERE action = 'number.issue'").fetchone()
    assert audited == len(issued) + len(voided), "each number issued is audited once"
