"""Bringing what the archive accepted into the desk: accepted events, then the desk's own
pending events re-applied on top.

A desk's state is the archive's accepted events plus its own pending events, re-applied in
the order they were made. Most of the time the events of a page simply follow what the desk
has (:func:`_extend`): they are stored with their feed positions and folded into the
projection. When the desk has pending events on the same aggregate, or its own accepted
event came back with another place than it had locally, the aggregate is rebuilt
(:func:`_rebase`): the archive's events in the archive's order, then each pending event
checked against the rules again and given its new place. A pending event the rules now
refuse (another desk approved the same step first) leaves the chain and is kept in
``sync_rejection`` with the reason; nothing is dropped silently.

Every function works in the caller's transaction: a page and the cursor after it are
stored together or not at all.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tnde.canonical import canonical_json, now_timestamp
from tnde.errors import TndeError, WorkflowRefused
from tnde.incoming import IncomingEventType
from tnde.incoming.desk import INCOMING
from tnde.messages import _
from tnde.workflow.eventlog import EVENT_COLUMNS, event_from_row, insert_event, seal
from tnde.workflow.events import GENESIS_HASH, Event, EventType
from tnde.workflow.positions import SqlAuthority
from tnde.workflow.service import LETTER

if TYPE_CHECKING:
    import datetime as dt
    import sqlite3
    from collections.abc import Iterable, Sequence

    from tnde.workflow.eventlog import Aggregate

__all__ = [
    "SyncMergeError",
    "aggregate_of",
    "forget_after",
    "merge_events",
    "parse_event_type",
    "reject_own",
    "unpark",
]

_LETTER_TYPES = {t.value: t for t in EventType}
_INCOMING_TYPES = {t.value: t for t in IncomingEventType}


class SyncMergeError(TndeError):
    """The archive sent events this desk cannot place (a gap in an aggregate's history);
    ``aggregate_id`` names it, so the desk can ask for its whole history."""

    def __init__(self, message: str, aggregate_id: str) -> None:
        super().__init__(message)
        self.aggregate_id = aggregate_id


def parse_event_type(text: str) -> Any:
    """The enum member of a known event type.

    Raises:
        ValueError: a type this version does not know.
    """
    found = _LETTER_TYPES.get(text) or _INCOMING_TYPES.get(text)
    if found is None:
        raise ValueError(f"unknown event type {text!r}")
    return found


def aggregate_of(event_type: str) -> Aggregate[Any]:
    """The aggregate an event type belongs to.

    Raises:
        ValueError: a type this version does not know.
    """
    if event_type in _LETTER_TYPES:
        return LETTER
    if event_type in _INCOMING_TYPES:
        return INCOMING
    raise ValueError(f"unknown event type {event_type!r}")


def merge_events(conn: sqlite3.Connection, events: Sequence[dict[str, Any]], today: dt.date) -> int:
    """Store a page of accepted events and re-apply pending ones where needed.

    Returns:
        How many events were new to this desk.

    Raises:
        SyncMergeError: an aggregate's events do not follow on from what the desk has.
    """
    by_aggregate: dict[str, list[Event]] = {}
    feed: dict[str, int] = {}
    for data in events:
        if str(data["event_id"]) in feed:
            continue  # a history fetched for a gap repeats events of the page
        event = _event_of(data)
        by_aggregate.setdefault(event.letter_id, []).append(event)
        feed[event.event_id] = int(data["feed_seq"])
    new = 0
    for aggregate_id, received in by_aggregate.items():
        received.sort(key=lambda e: e.letter_seq)
        new += _merge_one(conn, aggregate_id, received, feed, today)
        if aggregate_of(str(received[0].type)) is INCOMING:
            _index_incoming(conn, aggregate_id)
    # an action the desk once judged refused (while merging) that the archive accepted
    conn.executemany(
        "DELETE FROM sync_rejection WHERE event_id = ? AND source = 'merge'",
        [(event_id,) for event_id in feed],
    )
    return new


def reject_own(
    conn: sqlite3.Connection,
    event_ids: Iterable[str],
    reasons: dict[str, tuple[str, str]],
    today: dt.date,
    *,
    source: str = "archive",
) -> None:
    """Take the desk's own events the archive refused out of their aggregates' chains and
    keep them, with ``reasons`` (event id → rule, message), in ``sync_rejection``."""
    by_aggregate: dict[str, set[str]] = {}
    for event_id in event_ids:
        row = conn.execute("SELECT letter_id FROM event WHERE event_id = ?", (event_id,)).fetchone()
        if row is not None:
            by_aggregate.setdefault(str(row[0]), set()).add(event_id)
    for aggregate_id, refused in by_aggregate.items():
        _rebase(conn, aggregate_id, [], {}, today, refused=refused, reasons=reasons, source=source)


def forget_after(conn: sqlite3.Connection, watermark: int, today: dt.date) -> None:
    """Take back what the archive lost when it was restored from a backup taken at feed
    position ``watermark``: the desk's own later events become pending again (pushed anew),
    other desks' later events are removed until their desks push them again."""
    conn.execute("UPDATE outbox SET state = 'pending' WHERE state = 'sent'")
    touched = [
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT letter_id FROM event WHERE feed_seq > ?", (watermark,)
        )
    ]
    for aggregate_id in touched:
        conn.execute(
            "UPDATE outbox SET state = 'pending' WHERE event_id IN "
            "(SELECT event_id FROM event WHERE letter_id = ? AND feed_seq > ?)",
            (aggregate_id, watermark),
        )
        conn.execute(
            "UPDATE event SET feed_seq = NULL WHERE letter_id = ? AND feed_seq > ? "
            "AND event_id IN (SELECT event_id FROM outbox)",
            (aggregate_id, watermark),
        )
        later = [
            str(r[0])
            for r in conn.execute(
                "SELECT event_id FROM event WHERE letter_id = ? AND feed_seq > ?",
                (aggregate_id, watermark),
            )
        ]
        _rebase(conn, aggregate_id, [], {}, today, dropped=set(later), park=True)


def unpark(conn: sqlite3.Connection, today: dt.date) -> int:
    """Put back into their letters' chains the desk's own events set aside after a restore
    (their letters' earlier events were not back yet), once the rules accept them again;
    they are then pushed as usual. Returns how many came back."""
    parked = conn.execute(
        "SELECT r.event_id, r.body FROM sync_rejection r WHERE r.source = 'parked' "
        "AND r.resolved_at IS NULL ORDER BY r.rejected_at, r.event_id"
    ).fetchall()
    back = 0
    authority = SqlAuthority(conn)
    for event_id, body in parked:
        data = json.loads(body)
        aggregate = aggregate_of(str(data["type"]))
        state = aggregate.load(conn, str(data["letter_id"]))
        if state is None:
            continue
        row = conn.execute(
            "SELECT letter_seq, event_hash FROM event WHERE letter_id = ? "
            "ORDER BY letter_seq DESC LIMIT 1",
            (data["letter_id"],),
        ).fetchone()
        event = seal(
            Event(
                event_id=str(event_id),
                letter_id=str(data["letter_id"]),
                letter_seq=int(row[0]) + 1,
                type=parse_event_type(str(data["type"])),
                actor_nip=str(data["actor_nip"]),
                device_id=str(data["device_id"]),
                base_seq=int(data["base_seq"]),
                revision_hash=str(data["revision_hash"]),
                payload=dict(data["payload"]),
                client_time=str(data["client_time"]),
                prev_event_hash=str(row[1]),
            )
        )
        try:
            aggregate.check(state, event, authority, today)
        except WorkflowRefused:
            continue  # still waiting for what the archive gets back from other desks
        insert_event(conn, event, feed_seq=None)
        _outbox(conn, event.event_id, _next_local_seq(conn), "pending")
        _fold(conn, aggregate, state, event, existed=True)
        conn.execute("DELETE FROM sync_rejection WHERE event_id = ?", (event_id,))
        back += 1
    return back


def _merge_one(
    conn: sqlite3.Connection,
    aggregate_id: str,
    received: list[Event],
    feed: dict[str, int],
    today: dt.date,
) -> int:
    local = _local(conn, aggregate_id)
    confirmed = {e.event_id: e for e, seq in local if seq is not None}
    pending = [e for e, seq in local if seq is None]
    fresh = [e for e in received if e.event_id not in confirmed]
    if not fresh:
        return 0
    head = max((e.letter_seq for e in confirmed.values()), default=0)
    if not pending and fresh[0].letter_seq == head + 1:
        _extend(conn, aggregate_id, fresh, feed)
    else:
        _rebase(conn, aggregate_id, fresh, feed, today)
    return len(fresh)


def _local(conn: sqlite3.Connection, aggregate_id: str) -> list[tuple[Event, int | None]]:
    """The desk's events of an aggregate with their feed positions (None: pending), the
    pending ones in the order the desk made them."""
    rows = conn.execute(
        f"SELECT {EVENT_COLUMNS}, e.feed_seq, o.local_seq FROM event e "
        "LEFT JOIN outbox o USING (event_id) WHERE e.letter_id = ? ORDER BY e.letter_seq",
        (aggregate_id,),
    ).fetchall()
    found = [(event_from_row(r, parse_event_type), r[12], r[13]) for r in rows]
    confirmed = [(e, seq) for e, seq, _local_seq in found if seq is not None]
    pending = sorted(
        ((e, local_seq) for e, seq, local_seq in found if seq is None),
        key=lambda pair: pair[1] or 0,
    )
    return [*confirmed, *((e, None) for e, _ in pending)]


def _extend(
    conn: sqlite3.Connection, aggregate_id: str, fresh: list[Event], feed: dict[str, int]
) -> None:
    """Append events that follow on from the desk's confirmed head (no pending events)."""
    aggregate = aggregate_of(str(fresh[0].type))
    state = aggregate.load(conn, aggregate_id)
    for expected, event in enumerate(fresh, start=fresh[0].letter_seq):
        if event.letter_seq != expected:
            raise _gap(aggregate_id, expected)
        insert_event(conn, event, feed_seq=feed.get(event.event_id))
        created = state is None
        state = aggregate.apply(state, event)
        aggregate.project(conn, event, state, created)


def _rebase(
    conn: sqlite3.Connection,
    aggregate_id: str,
    fresh: list[Event],
    feed: dict[str, int],
    today: dt.date,
    *,
    refused: set[str] | None = None,
    reasons: dict[str, tuple[str, str]] | None = None,
    source: str = "merge",
    dropped: set[str] | None = None,
    park: bool = False,
) -> None:
    """Rebuild an aggregate: the archive's events, then the desk's pending ones re-applied.

    Args:
        refused: the desk's own events the archive refused (kept in ``sync_rejection``).
        dropped: accepted events to leave out (the archive no longer has them).
        park: set aside (not refuse) pending events the rules refuse now: after a
            restore, their letters' earlier events come back later (:func:`unpark`).
    """
    local = [(e, seq) for e, seq in _local(conn, aggregate_id) if e.event_id not in (dropped or ())]
    arrived = {e.event_id for e in fresh}
    confirmed = {e.event_id: e for e, seq in local if seq is not None}
    confirmed.update({e.event_id: e for e in fresh})
    positions = {e.event_id: seq for e, seq in local if seq is not None}
    positions.update({e.event_id: feed[e.event_id] for e in fresh if e.event_id in feed})
    pending = [e for e, seq in local if seq is None and e.event_id not in arrived]
    ordered = sorted(confirmed.values(), key=lambda e: e.letter_seq)
    for expected, event in enumerate(ordered, start=1):
        if event.letter_seq != expected:
            raise _gap(aggregate_id, expected)
    first = ordered[0] if ordered else (pending[0] if pending else None)
    if first is None:
        return
    aggregate = aggregate_of(str(first.type))
    existed = aggregate.load(conn, aggregate_id) is not None
    # the outbox rows reference their events: set them aside while the events are replaced
    outbox = {
        str(r[0]): (int(r[1]), str(r[2]))
        for r in conn.execute(
            "SELECT event_id, local_seq, state FROM outbox WHERE event_id IN "
            "(SELECT event_id FROM event WHERE letter_id = ?)",
            (aggregate_id,),
        )
    }
    conn.execute(
        "DELETE FROM outbox WHERE event_id IN (SELECT event_id FROM event WHERE letter_id = ?)",
        (aggregate_id,),
    )
    conn.execute("DELETE FROM event WHERE letter_id = ?", (aggregate_id,))
    state: Any = None
    for event in ordered:
        insert_event(conn, event, feed_seq=positions.get(event.event_id))
        if event.event_id in outbox:  # the desk's own, accepted by the archive
            _outbox(conn, event.event_id, outbox[event.event_id][0], "acked")
        state = _fold(conn, aggregate, state, event, existed)
        existed = True
    authority = SqlAuthority(conn)
    last_hash = ordered[-1].event_hash if ordered else GENESIS_HASH
    head = len(ordered)
    for event in pending:
        if refused and event.event_id in refused:
            rule, message = (reasons or {}).get(event.event_id, ("SYNC-REFUSED", ""))
            _keep_rejection(conn, event, rule, message, source=source)
            continue
        moved = seal(
            Event(**{**event.__dict__, "letter_seq": head + 1, "prev_event_hash": last_hash})
        )
        local_seq, sent = outbox.get(event.event_id, (0, "pending"))
        try:
            aggregate.check(state, moved, authority, today)
        except WorkflowRefused as exc:
            if park:
                _keep_rejection(conn, event, exc.rule, exc.detail, source="parked")
            elif sent != "sent":
                _keep_rejection(conn, event, exc.rule, exc.detail, source="merge")
            # else the archive accepted it already, after events this page does not hold
            # yet: it comes back with the feed, in its place
            continue
        insert_event(conn, moved, feed_seq=None)
        _outbox(conn, moved.event_id, local_seq or _next_local_seq(conn), sent)
        state = _fold(conn, aggregate, state, moved, existed)
        existed = True
        head, last_hash = moved.letter_seq, moved.event_hash
    if state is None and existed:
        _drop_projection(conn, aggregate, aggregate_id)
    if aggregate.kind == "letter":
        # a text whose event left the chain leaves no revision row behind
        conn.execute(
            "DELETE FROM revision WHERE letter_id = ? AND revision_hash NOT IN "
            "(SELECT revision_hash FROM event WHERE letter_id = ? AND type IN (?, ?))",
            (aggregate_id, aggregate_id, EventType.CREATED.value, EventType.REVISED.value),
        )


def _index_incoming(conn: sqlite3.Connection, incoming_id: str) -> None:
    """Make an incoming letter that came from the archive findable by the registry's search,
    by its metadata (its PDF's text is indexed where it was registered)."""
    row = conn.execute(
        "SELECT rowid, hal, asal, nomor, state_json FROM incoming WHERE incoming_id = ?",
        (incoming_id,),
    ).fetchone()
    if row is None:
        return
    if conn.execute("SELECT 1 FROM incoming_fts WHERE rowid = ?", (row[0],)).fetchone():
        return
    meta = json.loads(row[4]).get("meta", {})
    conn.execute(
        "INSERT INTO incoming_fts (rowid, hal, isi_ringkas, asal, nomor, body) "
        "VALUES (?, ?, ?, ?, ?, '')",
        (row[0], row[1], str(meta.get("isi_ringkas", "")), row[2], row[3]),
    )


def _fold(
    conn: sqlite3.Connection, aggregate: Aggregate[Any], state: Any, event: Event, existed: bool
) -> Any:
    """The state after ``event``, with its projection written (the first write inserts the
    aggregate's row when the desk had none)."""
    state = aggregate.apply(state, event)
    aggregate.project(conn, event, state, not existed)
    return state


def _outbox(conn: sqlite3.Connection, event_id: str, local_seq: int, state: str) -> None:
    conn.execute(
        "INSERT INTO outbox (event_id, local_seq, state) VALUES (?, ?, ?)",
        (event_id, local_seq, state),
    )


def _drop_projection(
    conn: sqlite3.Connection, aggregate: Aggregate[Any], aggregate_id: str
) -> None:
    """Remove the rows of an aggregate none of whose events remain (its only events were
    the desk's own, and the archive refused them)."""
    if aggregate.kind == "letter":
        conn.execute("DELETE FROM task WHERE letter_id = ?", (aggregate_id,))
        conn.execute("DELETE FROM letter WHERE letter_id = ?", (aggregate_id,))
    else:
        conn.execute("DELETE FROM disposisi WHERE incoming_id = ?", (aggregate_id,))
        conn.execute(
            "DELETE FROM incoming_fts WHERE rowid IN "
            "(SELECT rowid FROM incoming WHERE incoming_id = ?)",
            (aggregate_id,),
        )
        conn.execute("DELETE FROM incoming WHERE incoming_id = ?", (aggregate_id,))


def _next_local_seq(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT coalesce(max(local_seq), 0) + 1 FROM outbox").fetchone()
    return int(row[0])


def _keep_rejection(
    conn: sqlite3.Connection, event: Event, rule: str, message: str, *, source: str
) -> None:
    body = {
        "event_id": event.event_id,
        "letter_id": event.letter_id,
        "type": str(event.type),
        "actor_nip": event.actor_nip,
        "device_id": event.device_id,
        "base_seq": event.base_seq,
        "revision_hash": event.revision_hash,
        "payload": event.payload,
        "client_time": event.client_time,
    }
    conn.execute(
        "INSERT OR REPLACE INTO sync_rejection (event_id, letter_id, type, body, rule, message, "
        "source, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.event_id,
            event.letter_id,
            str(event.type),
            canonical_json(body),
            rule,
            message,
            source,
            now_timestamp(),
        ),
    )


def _event_of(data: dict[str, Any]) -> Event:
    payload = data["payload"]
    return Event(
        event_id=str(data["event_id"]),
        letter_id=str(data["letter_id"]),
        letter_seq=int(data["letter_seq"]),
        type=parse_event_type(str(data["type"])),
        actor_nip=str(data["actor_nip"]),
        device_id=str(data["device_id"]),
        base_seq=int(data["base_seq"]),
        revision_hash=str(data["revision_hash"]),
        payload=payload if isinstance(payload, dict) else json.loads(payload),
        client_time=str(data["client_time"]),
        prev_event_hash=str(data["prev_event_hash"]),
        event_hash=str(data["event_hash"]),
    )


def _gap(aggregate_id: str, expected: int) -> SyncMergeError:
    return SyncMergeError(
        _(
            "the archive's events of {id} skip event {seq}; pull again from the beginning",
            id=aggregate_id,
            seq=expected,
        ),
        aggregate_id,
    )
