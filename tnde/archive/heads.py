"""The rows an acceptance reads and writes, a whole batch at a time.

A pushed batch touches a few aggregates many times; reading each event's earlier copy and
each aggregate's row one statement at a time cost more than the rules themselves (measured:
two thirds of a batch's time). :class:`BatchRows` reads everything a batch needs in a few
statements before the rules run, and :func:`store_accepted` writes what they accepted in a
few more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tnde.archive.blob_access import readable_blobs
from tnde.archive.kinds import KINDS, AggregateKind, referenced_blobs
from tnde.archive.schema import AGGREGATE, AGGREGATE_ACCESS, EVENT, FEED_COUNTER
from tnde.canonical import canonical_json
from tnde.workflow.events import GENESIS_HASH

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Sequence

    from tnde.workflow.events import Event

__all__ = ["BatchRows", "Head", "Stored", "store_accepted"]

_CHUNK = 500
"""Ids per ``IN (…)`` list (well below SQLite's limit on bound values)."""


@dataclass
class Head:
    """An aggregate as the batch has it so far."""

    kind: AggregateKind[Any]
    state: Any
    head_seq: int
    last_hash: str
    exists: bool
    granted: set[str] = field(default_factory=set)
    changed: bool = False
    last_feed: int = 0


@dataclass(frozen=True)
class Stored:
    """An event the archive already holds: what a repeated push is compared with."""

    body_hash: str
    letter_seq: int
    feed_seq: int


@dataclass(frozen=True)
class Accepted:
    """An event the rules accepted, waiting for its feed position."""

    event: Event
    body_hash: str


class BatchRows:
    """What one batch reads before its rules run, in the batch's transaction."""

    def __init__(
        self,
        conn: sa.Connection,
        *,
        event_ids: Iterable[str],
        aggregate_ids: Iterable[str],
        blobs: Iterable[str],
        device_id: str,
        grantees: Collection[str],
    ) -> None:
        self.heads: dict[str, Head] = {}
        for chunk in _chunks(aggregate_ids):
            # locked until COMMIT, in one order, so two batches meeting on the same
            # aggregates wait for each other instead of deadlocking (PostgreSQL; SQLite's
            # write transaction holds the whole database)
            for r in conn.execute(
                sa.select(
                    AGGREGATE.c.aggregate_id,
                    AGGREGATE.c.kind,
                    AGGREGATE.c.head_seq,
                    AGGREGATE.c.last_event_hash,
                    AGGREGATE.c.state_json,
                )
                .where(AGGREGATE.c.aggregate_id.in_(chunk))
                .order_by(AGGREGATE.c.aggregate_id)
                .with_for_update()
            ):
                kind = KINDS[r.kind]
                self.heads[r.aggregate_id] = Head(
                    kind, kind.from_json(r.state_json), r.head_seq, r.last_event_hash, True
                )
            for g in conn.execute(
                sa.select(AGGREGATE_ACCESS.c.aggregate_id, AGGREGATE_ACCESS.c.grantee).where(
                    AGGREGATE_ACCESS.c.aggregate_id.in_(chunk)
                )
            ):
                self.heads[g.aggregate_id].granted.add(g.grantee)
        # read after the aggregates are locked: a push sent again while the first copy is
        # still committing waits for it here, then finds its events (a duplicate, not a
        # refusal against the state the first copy made)
        self.stored: dict[str, Stored] = {}
        for chunk in _chunks(event_ids):
            for e in conn.execute(
                sa.select(
                    EVENT.c.event_id, EVENT.c.body_hash, EVENT.c.letter_seq, EVENT.c.feed_seq
                ).where(EVENT.c.event_id.in_(chunk))
            ):
                self.stored[e.event_id] = Stored(e.body_hash, e.letter_seq, e.feed_seq)
        # the files the batch's events may name: a file this desk cannot read is answered
        # as missing (its events wait until the desk uploads it, proving it has the bytes)
        self.blobs = readable_blobs(conn, blobs, device_id=device_id, grantees=grantees)

    def head(self, aggregate_id: str, kind: AggregateKind[Any]) -> Head:
        """The aggregate's head, or a new one of ``kind`` when the archive has none."""
        found = self.heads.get(aggregate_id)
        if found is None:
            found = self.heads[aggregate_id] = Head(kind, None, 0, GENESIS_HASH, exists=False)
        return found


def store_accepted(
    conn: sa.Connection, accepted: Sequence[Accepted], heads: dict[str, Head], server_time: str
) -> list[int]:
    """Take the feed positions and write the events, aggregates and grants.

    The counter row is taken first here, after every rule has run: it stays locked until
    COMMIT, so positions follow the order in which batches commit.

    Returns:
        The feed position of each accepted event, in order.
    """
    last = int(
        conn.execute(
            sa.update(FEED_COUNTER)
            .where(FEED_COUNTER.c.id == 1)
            .values(value=FEED_COUNTER.c.value + len(accepted))
            .returning(FEED_COUNTER.c.value)
        ).scalar_one()
    )
    positions = list(range(last - len(accepted) + 1, last + 1))
    rows = []
    for position, item in zip(positions, accepted, strict=True):
        e = item.event
        blobs = referenced_blobs(e.payload)
        rows.append(
            {
                "event_id": e.event_id,
                "letter_id": e.letter_id,
                "letter_seq": e.letter_seq,
                "feed_seq": position,
                "type": str(e.type),
                "actor_nip": e.actor_nip,
                "device_id": e.device_id,
                "base_seq": e.base_seq,
                "revision_hash": e.revision_hash,
                "blob_sha256": blobs[0] if blobs else None,
                "payload": canonical_json(e.payload),
                "client_time": e.client_time,
                "server_time": server_time,
                "prev_event_hash": e.prev_event_hash,
                "event_hash": e.event_hash,
                "body_hash": item.body_hash,
            }
        )
        heads[e.letter_id].last_feed = position
    conn.execute(sa.insert(EVENT), rows)
    _save_heads(conn, [(i, h) for i, h in heads.items() if h.changed])
    return positions


def _save_heads(conn: sa.Connection, changed: list[tuple[str, Head]]) -> None:
    inserts, updates, grants, revoked = [], [], [], []
    for aggregate_id, head in changed:
        kind = head.kind
        values = {
            "kind": kind.name,
            "head_seq": head.head_seq,
            "last_event_hash": head.last_hash,
            "state_json": kind.to_json(head.state),
            "unit_id": kind.unit_of(head.state),
            "security": kind.security_of(head.state),
            "updated_feed_seq": head.last_feed,
        }
        if head.exists:
            updates.append({"target": aggregate_id, **values})
        else:
            inserts.append(
                {"aggregate_id": aggregate_id, "created_feed_seq": head.last_feed, **values}
            )
            head.exists = True
        # the grants follow the state both ways: a letter made Rahasia, or a jabatan taken
        # off its route, stops reaching those it no longer names
        current = kind.grantees(head.state)
        grants += [
            {"aggregate_id": aggregate_id, "grantee": g, "granted_feed_seq": head.last_feed}
            for g in sorted(current - head.granted)
        ]
        revoked += [{"target": aggregate_id, "gone": g} for g in sorted(head.granted - current)]
        head.granted = current
    if inserts:
        conn.execute(sa.insert(AGGREGATE), inserts)
    if updates:
        conn.execute(
            sa.update(AGGREGATE)
            .where(AGGREGATE.c.aggregate_id == sa.bindparam("target"))
            .values({name: sa.bindparam(name) for name in updates[0] if name != "target"}),
            updates,
        )
    if grants:
        conn.execute(sa.insert(AGGREGATE_ACCESS), grants)
    if revoked:
        conn.execute(
            sa.delete(AGGREGATE_ACCESS).where(
                AGGREGATE_ACCESS.c.aggregate_id == sa.bindparam("target"),
                AGGREGATE_ACCESS.c.grantee == sa.bindparam("gone"),
            ),
            revoked,
        )


def _chunks(values: Iterable[str]) -> list[list[str]]:
    unique = sorted(set(values))
    return [unique[i : i + _CHUNK] for i in range(0, len(unique), _CHUNK)]
