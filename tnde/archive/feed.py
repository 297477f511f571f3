"""The change feed: what the archive accepted, in feed order, filtered to one pegawai.

A desk pulls with the cursor of its last page, ``archive_id:epoch:feed_seq``. The page holds
every accepted event after ``feed_seq`` of an aggregate the pegawai may see (see
:func:`tnde.archive.authority.viewer_grantees` and the ``grantees`` of
:mod:`tnde.archive.kinds`): a Rahasia letter has no unit-wide grant, so it never reaches
anyone its route, recipients and dispositions do not name. When a pegawai is granted an
aggregate they could not see before (a disposition to their unit, a letter sent to them),
the page also carries that aggregate's earlier events, so the desk receives its whole
history.

A cursor of another archive, another epoch (the archive was restored from a backup) or a
position beyond the feed's end is answered with :class:`CursorReset`: the desk starts its
pull again from the beginning and pushes again whatever the archive lacks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tnde.archive.schema import AGGREGATE_ACCESS, EVENT, FEED_COUNTER
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Collection

    from tnde.archive.records import ArchiveIdentity

__all__ = [
    "MAX_PAGE",
    "CursorReset",
    "FeedPage",
    "feed_end",
    "format_cursor",
    "letter_history",
    "parse_cursor",
    "read_page",
]

MAX_PAGE = 1000
"""The most events one page carries (a page may carry more when it adds a history)."""

EVENT_FIELDS = (
    "event_id",
    "letter_id",
    "letter_seq",
    "feed_seq",
    "type",
    "actor_nip",
    "device_id",
    "base_seq",
    "revision_hash",
    "payload",
    "client_time",
    "server_time",
    "prev_event_hash",
    "event_hash",
)
"""The fields of each event a page carries."""


class CursorReset(Exception):  # noqa: N818 - a signal, answered with 410, not an error
    """The cursor does not name a position of this archive as it is now."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class FeedPage:
    """One answer of the feed."""

    events: list[dict[str, Any]]
    next_cursor: str
    has_more: bool

    def to_json(self) -> dict[str, Any]:
        """The page as the HTTP answer carries it."""
        return {"events": self.events, "next_cursor": self.next_cursor, "has_more": self.has_more}


def format_cursor(identity: ArchiveIdentity, feed_seq: int) -> str:
    """The cursor of a position of this archive's feed."""
    return f"{identity.archive_id}:{identity.epoch}:{feed_seq}"


def parse_cursor(cursor: str, identity: ArchiveIdentity, end: int) -> int:
    """The feed position a cursor names (0 for an empty cursor: from the beginning).

    Raises:
        CursorReset: the cursor belongs to another archive or epoch, or lies beyond the end.
        ValueError: the cursor does not have the form of one.
    """
    if not cursor:
        return 0
    parts = cursor.split(":")
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        raise ValueError(cursor)
    archive_id, epoch, position = parts[0], int(parts[1]), int(parts[2])
    if archive_id != identity.archive_id:
        raise CursorReset(_("the cursor belongs to another archive"))
    if epoch != identity.epoch:
        raise CursorReset(
            _(
                "the archive was restored from a backup (epoch {epoch}, the cursor has "
                "{theirs}): pull again from the beginning and push what the archive lacks",
                epoch=identity.epoch,
                theirs=epoch,
            )
        )
    if position > end:
        raise CursorReset(_("the cursor lies beyond the end of the archive's feed"))
    return position


def feed_end(conn: sa.Connection) -> int:
    """The last feed position handed out."""
    return int(conn.execute(sa.select(FEED_COUNTER.c.value)).scalar_one())


def read_page(
    conn: sa.Connection,
    identity: ArchiveIdentity,
    grantees: Collection[str],
    after: int,
    limit: int = MAX_PAGE,
) -> FeedPage:
    """The events after position ``after`` that ``grantees`` may see, at most ``limit``
    (plus the histories of aggregates newly granted to them)."""
    limit = max(1, min(limit, MAX_PAGE))
    # Read first: every transaction that took a position up to the counter's committed value
    # has committed (the counter row is locked until COMMIT), so the query below sees them
    # all even on PostgreSQL, where each statement reads its own snapshot.
    last = feed_end(conn)
    granted = list(grantees)
    # walk the feed in order and keep what the viewer may see: the walk stops after one page
    # for a viewer who sees much, and covers only what is new for one who sees little
    may_see = (
        sa.select(AGGREGATE_ACCESS.c.aggregate_id)
        .where(
            AGGREGATE_ACCESS.c.aggregate_id == EVENT.c.letter_id,
            AGGREGATE_ACCESS.c.grantee.in_(granted),
        )
        .exists()
    )
    rows = conn.execute(
        sa.select(*(EVENT.c[name] for name in EVENT_FIELDS))
        .where(EVENT.c.feed_seq > after, EVENT.c.feed_seq <= last, may_see)
        .order_by(EVENT.c.feed_seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    # without more to send, the desk may skip to the end what it cannot see
    end = rows[-1].feed_seq if has_more else last
    events = _histories(conn, grantees, after, end) + [_event_json(r) for r in rows]
    return FeedPage(events, format_cursor(identity, end), has_more)


def _histories(
    conn: sa.Connection, grantees: Collection[str], after: int, end: int
) -> list[dict[str, Any]]:
    """The earlier events of aggregates first granted to ``grantees`` in ``(after, end]``."""
    if after == 0:
        return []
    granted = list(grantees)
    # grants made in this stretch of the feed (the index on grantee and position finds them)
    new = {
        str(r[0])
        for r in conn.execute(
            sa.select(AGGREGATE_ACCESS.c.aggregate_id).where(
                AGGREGATE_ACCESS.c.grantee.in_(granted),
                AGGREGATE_ACCESS.c.granted_feed_seq > after,
                AGGREGATE_ACCESS.c.granted_feed_seq <= end,
            )
        )
    }
    if not new:
        return []
    # ... of aggregates the viewer could not see before
    seen_before = {
        str(r[0])
        for r in conn.execute(
            sa.select(AGGREGATE_ACCESS.c.aggregate_id).where(
                AGGREGATE_ACCESS.c.aggregate_id.in_(sorted(new)),
                AGGREGATE_ACCESS.c.grantee.in_(granted),
                AGGREGATE_ACCESS.c.granted_feed_seq <= after,
            )
        )
    }
    fresh = sorted(new - seen_before)
    if not fresh:
        return []
    rows = conn.execute(
        sa.select(*(EVENT.c[name] for name in EVENT_FIELDS))
        .where(EVENT.c.letter_id.in_(fresh), EVENT.c.feed_seq <= after)
        .order_by(EVENT.c.feed_seq)
    ).all()
    return [_event_json(r) for r in rows]


def letter_history(
    conn: sa.Connection, aggregate_id: str, grantees: Collection[str]
) -> list[dict[str, Any]] | None:
    """Every event of one aggregate, in order, when ``grantees`` may see it; else None."""
    visible = conn.execute(
        sa.select(AGGREGATE_ACCESS.c.aggregate_id)
        .where(
            AGGREGATE_ACCESS.c.aggregate_id == aggregate_id,
            AGGREGATE_ACCESS.c.grantee.in_(list(grantees)),
        )
        .limit(1)
    ).first()
    if visible is None:
        return None
    rows = conn.execute(
        sa.select(*(EVENT.c[name] for name in EVENT_FIELDS))
        .where(EVENT.c.letter_id == aggregate_id)
        .order_by(EVENT.c.letter_seq)
    ).all()
    return [_event_json(r) for r in rows]


def _event_json(row: Any) -> dict[str, Any]:
    data = {name: getattr(row, name) for name in EVENT_FIELDS}
    data["payload"] = json.loads(data["payload"])
    return data
