"""The shared event log: every aggregate (outgoing letter, incoming letter with its
dispositions) appends to the same ``event`` table, with its own hash chain, outbox row and
audit row. Aggregate-specific rules, folds and projections stay with each aggregate.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tnde.canonical import canonical_json
from tnde.workflow.events import GENESIS_HASH, Event
from tnde.workspace.audit import audit_append
from tnde.workspace.hashing import event_hash

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable


def next_position(conn: sqlite3.Connection, aggregate_id: str) -> tuple[int, str]:
    """(sequence number, previous event hash) for the next event of ``aggregate_id``."""
    row = conn.execute(
        "SELECT letter_seq, event_hash FROM event WHERE letter_id = ? "
        "ORDER BY letter_seq DESC LIMIT 1",
        (aggregate_id,),
    ).fetchone()
    return (int(row[0]) + 1, str(row[1])) if row else (1, GENESIS_HASH)


def seal(event: Event) -> Event:
    """The event with its hash filled in (over every other field)."""

    return Event(**{**event.__dict__, "event_hash": event_hash(event.hash_fields())})


def store_event(
    conn: sqlite3.Connection, event: Event, *, kind: str, details: dict[str, Any] | None = None
) -> None:
    """Insert a sealed event, queue it for the archive and audit it (caller's transaction).

    Args:
        kind: the aggregate's name in the audit log (``letter``, ``incoming``).
    """

    conn.execute(
        "INSERT INTO event (event_id, letter_id, letter_seq, type, actor_nip, device_id, "
        "base_seq, revision_hash, payload, client_time, prev_event_hash, event_hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.event_id,
            event.letter_id,
            event.letter_seq,
            str(event.type),
            event.actor_nip,
            event.device_id,
            event.base_seq,
            event.revision_hash,
            canonical_json(event.payload),
            event.client_time,
            event.prev_event_hash,
            event.event_hash,
        ),
    )
    conn.execute(
        "INSERT INTO outbox (event_id, local_seq) VALUES "
        "(?, (SELECT coalesce(max(local_seq), 0) + 1 FROM outbox))",
        (event.event_id,),
    )
    audit_append(
        conn,
        actor=event.actor_nip,
        action=str(event.type),
        object=f"{kind}:{event.letter_id}",
        details={"event_id": event.event_id, "seq": event.letter_seq, **(details or {})},
        at=event.client_time,
    )


def read_events(
    conn: sqlite3.Connection, aggregate_id: str, parse_type: Callable[[str], Any]
) -> list[Event]:
    """The full log of one aggregate, in order, with types parsed by ``parse_type``."""
    rows = conn.execute(
        "SELECT event_id, letter_id, letter_seq, type, actor_nip, device_id, base_seq, "
        "revision_hash, payload, client_time, prev_event_hash, event_hash FROM event "
        "WHERE letter_id = ? ORDER BY letter_seq",
        (aggregate_id,),
    ).fetchall()
    return [
        Event(
            event_id=r[0],
            letter_id=r[1],
            letter_seq=r[2],
            type=parse_type(r[3]),
            actor_nip=r[4],
            device_id=r[5],
            base_seq=r[6],
            revision_hash=r[7],
            payload=json.loads(r[8]),
            client_time=r[9],
            prev_event_hash=r[10],
            event_hash=r[11],
        )
        for r in rows
    ]
