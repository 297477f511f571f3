"""Accepting pushed events: the archive as the authority on order and on the rules.

:meth:`Acceptor.accept` takes one batch from one signed-in desk and answers each event:

- ``accepted`` with its ``letter_seq`` and ``feed_seq``;
- ``duplicate`` with the same, for an event the archive already holds with the same body
  (a desk that lost the answer to an earlier push sends its events again);
- ``rejected`` with a ``rule`` and a ``message``: the form is wrong (``SYNC-BAD-EVENT``), the
  id was used for another body (``SYNC-ID-REUSED``), the event names another device or
  actor than the signed-in desk (``SYNC-DEVICE``, ``ACT-NOT-OWNER``), or one of the
  workflow rules the desks run forbids it against the archive's state (``WF-…``, ``IN-…``,
  ``DP-…``, ``REG-…``). A rejection is final: the desk shows it and never sends it again;
- ``missing_blob`` with the files to upload first: not a refusal, the desk uploads and
  pushes again.

One batch is one transaction. Each event is checked against the state its aggregate has
after the events before it (in the archive and earlier in the batch); the archive, not the
desk, gives it its place (``letter_seq``), the previous event's hash and its own hash, so
desks that acted offline on one letter are put one after the other, and the first the
archive accepts wins. Feed positions are taken from the one-row counter after every check,
just before COMMIT, so they follow the order in which transactions commit and a reader of
the feed never skips an event another writer is still committing.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError, IntegrityError

from tnde.archive.authority import viewer_grantees
from tnde.archive.events_in import BadEventError, PushedEvent
from tnde.archive.heads import Accepted, BatchRows, Head, Stored, store_accepted
from tnde.archive.kinds import kind_of, parse_type, referenced_blobs
from tnde.archive.numbers import NUMBERS, claim_number
from tnde.canonical import format_timestamp
from tnde.errors import WorkflowRefused
from tnde.faults import crash_point
from tnde.messages import _
from tnde.workflow.events import GENESIS_HASH, Event
from tnde.workspace.acting import ActingPolicy
from tnde.workspace.hashing import event_hash

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import sqlalchemy as sa

    from tnde.archive.authority import ChartAuthority
    from tnde.archive.db import Database

__all__ = ["MAX_BATCH_EVENTS", "Acceptor", "Desk", "ItemResult"]

log = logging.getLogger(__name__)

MAX_BATCH_EVENTS = 100
"""The most events one push may carry."""

_ATTEMPTS = 5
"""How often a batch is tried again when the database reports a conflict with another
writer (a deadlock, a serialization failure, two desks creating one aggregate at once)."""


class Desk(Protocol):
    """Who pushes: the signed-in pegawai and the device they signed in from."""

    @property
    def nip(self) -> str: ...

    @property
    def device_id(self) -> str: ...


@dataclass
class ItemResult:
    """The answer for one pushed event."""

    event_id: str
    status: str
    letter_seq: int = 0
    feed_seq: int = 0
    rule: str = ""
    message: str = ""
    missing: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The item as the HTTP answer carries it (only the fields its status has)."""
        data: dict[str, Any] = {"event_id": self.event_id, "status": self.status}
        if self.status in ("accepted", "duplicate"):
            data.update(letter_seq=self.letter_seq, feed_seq=self.feed_seq)
        elif self.status == "rejected":
            data.update(rule=self.rule, message=self.message)
        elif self.status == "missing_blob":
            data["missing"] = self.missing
        return data


class Acceptor:
    """Checks and stores pushed events for one archive."""

    def __init__(
        self,
        database: Database,
        authority: ChartAuthority,
        *,
        zone: ZoneInfo | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        on_commit: Callable[[int], None] | None = None,
    ) -> None:
        """
        Args:
            zone: the office's time zone: the rules check delegations against its day.
            clock: the server's clock (UTC); tests pass a fixed one.
            on_commit: called with the last feed position after a batch that accepted
                events commits (the feed wakes its long-polling readers).
        """
        self.database = database
        self.authority = authority
        self.zone = zone or ZoneInfo("Asia/Jakarta")
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.on_commit = on_commit

    def accept(self, desk: Desk, batch: Sequence[object]) -> list[ItemResult]:
        """Answer every event of ``batch`` (at most :data:`MAX_BATCH_EVENTS`), in order."""
        if len(batch) > MAX_BATCH_EVENTS:
            raise ValueError(f"a batch holds at most {MAX_BATCH_EVENTS} events")
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                results, last_feed = self._accept_once(desk, batch)
            except (IntegrityError, DBAPIError) as exc:
                if attempt == _ATTEMPTS or not _is_conflict(exc):
                    raise
                log.info("batch conflicted with another writer (attempt %d): %s", attempt, exc)
                continue
            if last_feed and self.on_commit is not None:
                self.on_commit(last_feed)
            return results
        raise AssertionError("unreachable")  # pragma: no cover

    def _accept_once(self, desk: Desk, batch: Sequence[object]) -> tuple[list[ItemResult], int]:
        now = self.clock()
        today = now.astimezone(self.zone).date()
        server_time = format_timestamp(now)
        acting = ActingPolicy(owner=desk.nip)
        viewer = viewer_grantees(self.authority.chart, desk.nip, today)
        parsed: list[PushedEvent | ItemResult] = [_parse(raw) for raw in batch]
        pushed = [p for p in parsed if isinstance(p, PushedEvent)]
        with self.database.write() as conn:
            rows = BatchRows(
                conn,
                event_ids=(p.event_id for p in pushed),
                aggregate_ids=(p.aggregate_id for p in pushed),
                blobs=(b for p in pushed for b in referenced_blobs(p.payload)),
                device_id=desk.device_id,
                grantees=viewer,
            )
            accepted: list[Accepted] = []
            results: list[ItemResult] = []
            for item in parsed:
                if isinstance(item, ItemResult):
                    results.append(item)
                    continue
                results.append(
                    self._one(
                        conn, desk, item, acting, (today, server_time, viewer), rows, accepted
                    )
                )
            last_feed = 0
            if accepted:
                positions = store_accepted(conn, accepted, rows.heads, server_time)
                by_id = dict(zip((a.event.event_id for a in accepted), positions, strict=True))
                for result in results:
                    # an id sent twice in the batch: its duplicate gets the same position
                    if result.status in ("accepted", "duplicate") and result.event_id in by_id:
                        result.feed_seq = by_id[result.event_id]
                last_feed = positions[-1]
            crash_point("accept")
        crash_point("accepted")
        return results, last_feed

    @staticmethod
    def _event(pushed: PushedEvent, head: Head) -> Event:
        """The event as the archive places it: after the aggregate's head."""
        return Event(
            event_id=pushed.event_id,
            letter_id=pushed.aggregate_id,
            letter_seq=head.head_seq + 1,
            type=parse_type(pushed.type),  # type: ignore[arg-type]
            actor_nip=pushed.actor_nip,
            device_id=pushed.device_id,
            base_seq=pushed.base_seq,
            revision_hash=pushed.revision_hash,
            payload=pushed.payload,
            client_time=pushed.client_time,
            prev_event_hash=head.last_hash,
        )

    def _one(
        self,
        conn: sa.Connection,
        desk: Desk,
        pushed: PushedEvent,
        acting: ActingPolicy,
        when: tuple[dt.date, str, set[str]],
        rows: BatchRows,
        accepted: list[Accepted],
    ) -> ItemResult:
        today, server_time, viewer = when
        body_hash = pushed.body_hash()
        earlier = rows.stored.get(pushed.event_id)
        if earlier is not None:
            return _again(pushed, body_hash, earlier)
        kind = kind_of(pushed.type)
        if kind is None:
            return _rejected(
                pushed, "SYNC-BAD-EVENT", _("unknown event type {type!r}", type=pushed.type[:80])
            )
        if pushed.device_id != desk.device_id:
            return _rejected(
                pushed,
                "SYNC-DEVICE",
                _("the event was made on another device than the one signed in"),
            )
        try:
            acting.admit(pushed.actor_nip)
        except WorkflowRefused as exc:
            return _rejected(pushed, exc.rule, exc.detail)
        missing = [b for b in referenced_blobs(pushed.payload) if b not in rows.blobs]
        if missing:
            return ItemResult(pushed.event_id, "missing_blob", missing=missing)
        head = rows.head(pushed.aggregate_id, kind)
        if head.exists and not head.granted & viewer:
            # a letter the official may not see is answered as one that does not exist:
            # its rules' refusals would tell its state (letter ids are printed in QR codes)
            head = Head(kind, None, 0, GENESIS_HASH, exists=False)
            try:
                kind.check(None, self._event(pushed, head), self.authority, today)
            except WorkflowRefused as exc:
                return _rejected(pushed, exc.rule, exc.detail)
            return _rejected(pushed, "WF-EXISTS", _("this letter exists already"))
        if head.kind is not kind:
            return _rejected(
                pushed,
                "SYNC-KIND",
                _("the event's type does not belong to the kind of {id}", id=pushed.aggregate_id),
            )
        event = self._event(pushed, head)
        try:
            kind.check(head.state, event, self.authority, today)
            new_state = kind.apply(head.state, event)
            _storable(kind.rows(new_state))
            if str(event.type) in NUMBERS:
                # last: a number is claimed only for an event that is otherwise accepted
                claim_number(conn, event, at=server_time)
        except WorkflowRefused as exc:
            return _rejected(pushed, exc.rule, exc.detail)
        except DBAPIError:
            raise  # the batch's transaction: retried or answered as the server's fault
        except Exception as exc:  # noqa: BLE001 - a payload the rules or fold cannot read
            # refused, never stored: one malformed event must not fail its batch (a desk
            # would send the batch again and again) nor reach other desks
            log.info("event %s refused: its payload cannot be folded: %r", pushed.event_id, exc)
            return _rejected(
                pushed, "SYNC-BAD-EVENT", _("the event's payload lacks what its type needs")
            )
        event = Event(**{**event.__dict__, "event_hash": event_hash(event.hash_fields())})
        head.state = new_state
        head.head_seq = event.letter_seq
        head.last_hash = event.event_hash
        head.changed = True
        result = ItemResult(pushed.event_id, "accepted", letter_seq=event.letter_seq)
        # an id sent twice in one batch is answered as a duplicate the second time
        rows.stored[pushed.event_id] = Stored(body_hash, event.letter_seq, 0)
        accepted.append(Accepted(event, body_hash))
        return result


def _storable(rows: list[tuple[Any, ...]]) -> None:
    """Raise unless every value of the projection's rows is one SQLite stores."""
    for row in rows:
        for value in row:
            if value is not None and not isinstance(value, str | int | float):
                raise TypeError(f"a projected value of type {type(value).__name__}")


def _parse(raw: object) -> PushedEvent | ItemResult:
    """The pushed event, or its rejection when it lacks the form of one."""
    try:
        return PushedEvent.from_json(raw)
    except (BadEventError, ValueError, UnicodeError, RecursionError) as exc:
        raw_id = raw.get("event_id") if isinstance(raw, dict) else None
        return ItemResult(
            str(raw_id or "")[:80], "rejected", rule="SYNC-BAD-EVENT", message=str(exc)
        )


def _again(pushed: PushedEvent, body_hash: str, stored: Stored) -> ItemResult:
    """The answer for an event id the archive has seen: the same body is a duplicate."""
    if body_hash != stored.body_hash:
        return _rejected(
            pushed,
            "SYNC-ID-REUSED",
            _("an event with this id was accepted already with other contents"),
        )
    return ItemResult(pushed.event_id, "duplicate", stored.letter_seq, stored.feed_seq)


def _rejected(pushed: PushedEvent, rule: str, message: str) -> ItemResult:
    return ItemResult(pushed.event_id, "rejected", rule=rule, message=message)


def _is_conflict(exc: DBAPIError) -> bool:
    """Whether the database refused the transaction because of a concurrent writer, so
    running it again will see the other writer's rows."""
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    # 40001 serialization failure, 40P01 deadlock detected
    return code in ("40001", "40P01")


def results_json(results: list[ItemResult]) -> list[dict[str, Any]]:
    """Every item as the HTTP answer carries it."""
    return [r.to_json() for r in results]
