"""The shared event log: every aggregate (outgoing letter, incoming letter with its
dispositions) appends to the same ``event`` table, with its own hash chain, outbox row and
audit row.

:func:`append_event` is the one way in: it checks the aggregate's rules, seals the event,
folds it into the state, stores it with its outbox and audit rows and writes the projection,
all in the caller's transaction. Each aggregate brings its rules, fold and projection as an
:class:`Aggregate`; the archive's sync will replay events through the same function.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from tnde.canonical import canonical_json
from tnde.faults import crash_point
from tnde.ids import uuid7
from tnde.workflow.events import GENESIS_HASH, Event
from tnde.workspace.audit import audit_append
from tnde.workspace.hashing import event_hash

if TYPE_CHECKING:
    import datetime as dt
    import sqlite3
    from collections.abc import Callable, Sequence

    from tnde.workflow.positions import SqlAuthority
    from tnde.workspace.acting import ActingPolicy

S = TypeVar("S")


@dataclass(frozen=True)
class Aggregate(Generic[S]):
    """What one kind of aggregate brings to :func:`append_event`.

    Attributes:
        kind: its name in the audit log (``letter``, ``incoming``).
        load: its current state, or None when it does not exist yet.
        check: its rules; raise to refuse the event (nothing is stored).
        apply: the fold: the state after the event.
        project: write the new state's projection rows (``created``: the first event).
    """

    kind: str
    load: Callable[[sqlite3.Connection, str], S | None]
    check: Callable[[S | None, Event, SqlAuthority, dt.date], None]
    apply: Callable[[S | None, Event], S]
    project: Callable[[sqlite3.Connection, Event, S, bool], None]


def append_event(
    conn: sqlite3.Connection,
    aggregate: Aggregate[S],
    authority: SqlAuthority,
    *,
    acting: ActingPolicy,
    aggregate_id: str,
    type: Any,
    actor_nip: str,
    device_id: str,
    payload: dict[str, Any],
    revision_hash: str,
    at: str,
    today: dt.date,
    details: dict[str, Any] | None = None,
) -> tuple[Event, S]:
    """Check, seal, store and project one event of ``aggregate_id``, in the caller's
    ``BEGIN IMMEDIATE`` transaction.

    Args:
        acting: whose actions this desk takes (the workspace's owner binding;
            :data:`~tnde.workspace.ANYONE` when replaying events already accepted).
        at: the client time, ISO 8601 with ``Z``.
        today: the office's day, which the rules check delegations against.
        details: extra fields for the audit row.

    Returns:
        The stored event and the aggregate's new state.

    Raises:
        WorkflowRefused: the actor may not act at this desk, or a rule forbids the event;
            the caller rolls back.
    """
    acting.admit(actor_nip)
    state = aggregate.load(conn, aggregate_id)
    seq, prev_hash = next_position(conn, aggregate_id)
    event = Event(
        event_id=uuid7(),
        letter_id=aggregate_id,
        letter_seq=seq,
        type=type,
        actor_nip=actor_nip,
        device_id=device_id,
        base_seq=seq - 1,
        revision_hash=revision_hash,
        payload=payload,
        client_time=at,
        prev_event_hash=prev_hash,
    )
    aggregate.check(state, event, authority, today)
    event = seal(event)
    new_state = aggregate.apply(state, event)
    store_event(conn, event, kind=aggregate.kind, details=details)
    crash_point("event")
    aggregate.project(conn, event, new_state, state is None)
    return event, new_state


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

    insert_event(conn, event)
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


def insert_event(conn: sqlite3.Connection, event: Event, *, feed_seq: int | None = None) -> None:
    """Insert a sealed event's row (caller's transaction), nothing else.

    Args:
        feed_seq: its place in the archive's feed, for an event the archive accepted (None
            for the desk's own, until the archive accepts it).
    """
    conn.execute(
        "INSERT INTO event (event_id, letter_id, letter_seq, type, actor_nip, device_id, "
        "base_seq, revision_hash, payload, client_time, prev_event_hash, event_hash, feed_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            feed_seq,
        ),
    )


def read_events(
    conn: sqlite3.Connection, aggregate_id: str, parse_type: Callable[[str], Any]
) -> list[Event]:
    """The full log of one aggregate, in order, with types parsed by ``parse_type``."""
    rows = conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM event WHERE letter_id = ? ORDER BY letter_seq",
        (aggregate_id,),
    ).fetchall()
    return [event_from_row(r, parse_type) for r in rows]


EVENT_COLUMNS = (
    "event_id, letter_id, letter_seq, type, actor_nip, device_id, base_seq, revision_hash, "
    "payload, client_time, prev_event_hash, event_hash"
)
"""The columns of ``event`` that :func:`event_from_row` reads, in its order."""


def event_from_row(r: Sequence[Any], parse_type: Callable[[str], Any]) -> Event:
    """The event of a row of :data:`EVENT_COLUMNS`.

    Raises:
        ValueError: an unknown type, or a payload that is not JSON (a damaged row).
    """
    return Event(
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
