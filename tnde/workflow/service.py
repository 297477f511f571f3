"""Letter actions on a workspace: each is one transaction that checks the rules, appends the
event, updates the projection and the task list, queues the event for the archive and writes
the audit row — all or nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.ids import uuid7
from tnde.workflow.authority import SqlAuthority
from tnde.workflow.codec import state_from_json, state_to_json
from tnde.workflow.events import GENESIS_HASH, Event, EventType, revision_hash
from tnde.workflow.rules import check
from tnde.workflow.state import LetterState, apply
from tnde.workflow.tasks import tasks_for

if TYPE_CHECKING:
    import sqlite3

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time in UTC."""
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """ISO 8601 with milliseconds and ``Z``."""
    return (
        moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.")
        + f"{moment.microsecond // 1000:03d}Z"
    )


@dataclass(frozen=True)
class Appended:
    """The outcome of an action: the stored event and the letter's new state."""

    event: Event
    state: LetterState


class EventStore:
    """Reads and appends letter events in a workspace database.

    Args:
        device_id: this device's id, stamped on every event it makes.
        clock: where "now" comes from (tests pass a fixed clock).
    """

    def __init__(self, device_id: str, clock: Clock = utc_now) -> None:
        self.device_id = device_id
        self.clock = clock

    # -- reading ------------------------------------------------------------------------------

    @staticmethod
    def state(conn: sqlite3.Connection, letter_id: str) -> LetterState | None:
        """The projected state of a letter, or None when it does not exist."""
        row = conn.execute(
            "SELECT state_json FROM letter WHERE letter_id = ?", (letter_id,)
        ).fetchone()
        return state_from_json(row[0]) if row else None

    @staticmethod
    def events(conn: sqlite3.Connection, letter_id: str) -> list[Event]:
        """The full log of one letter, in order."""
        rows = conn.execute(
            "SELECT event_id, letter_id, letter_seq, type, actor_nip, device_id, base_seq, "
            "revision_hash, payload, client_time, prev_event_hash, event_hash FROM event "
            "WHERE letter_id = ? ORDER BY letter_seq",
            (letter_id,),
        ).fetchall()
        return [
            Event(
                event_id=r[0],
                letter_id=r[1],
                letter_seq=r[2],
                type=EventType(r[3]),
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

    # -- appending ----------------------------------------------------------------------------

    def precheck(
        self,
        conn: sqlite3.Connection,
        *,
        letter_id: str,
        type: EventType,
        actor_nip: str,
        payload: dict[str, Any],
        today: dt.date,
    ) -> None:
        """Run the rules for an event without storing anything (before expensive work such as
        rendering the final PDF, whose outcome the real event then carries)."""
        state = self.state(conn, letter_id)
        seq = (state.head_seq if state else 0) + 1
        probe = Event(
            event_id="",
            letter_id=letter_id,
            letter_seq=seq,
            type=type,
            actor_nip=actor_nip,
            device_id=self.device_id,
            base_seq=seq - 1,
            revision_hash=state.head_revision if state else "",
            payload=payload,
        )
        check(state, probe, SqlAuthority(conn), today)

    def append(
        self,
        conn: sqlite3.Connection,
        *,
        letter_id: str,
        type: EventType,
        actor_nip: str,
        payload: dict[str, Any],
        revision: str | None = None,
        today: dt.date,
    ) -> Appended:
        """Check and store one event, inside the caller's ``BEGIN IMMEDIATE`` transaction.

        Raises:
            WorkflowRefused: a rule forbids the event; the caller rolls back.
        """
        from tnde.canonical import canonical_json
        from tnde.workspace.audit import audit_append
        from tnde.workspace.hashing import event_hash

        now = self.clock()
        state = self.state(conn, letter_id)
        if type is EventType.CREATED or type is EventType.REVISED:
            rev = revision_hash(payload["values"])
        else:
            rev = revision if revision is not None else (state.head_revision if state else "")
        prev = conn.execute(
            "SELECT event_hash FROM event WHERE letter_id = ? ORDER BY letter_seq DESC LIMIT 1",
            (letter_id,),
        ).fetchone()
        seq = (state.head_seq if state else 0) + 1
        event = Event(
            event_id=uuid7(),
            letter_id=letter_id,
            letter_seq=seq,
            type=type,
            actor_nip=actor_nip,
            device_id=self.device_id,
            base_seq=seq - 1,
            revision_hash=rev,
            payload=payload,
            client_time=iso(now),
            prev_event_hash=prev[0] if prev else GENESIS_HASH,
        )
        check(state, event, SqlAuthority(conn), today)
        event = Event(**{**event.__dict__, "event_hash": event_hash(event.hash_fields())})
        new_state = apply(state, event)
        conn.execute(
            "INSERT INTO event (event_id, letter_id, letter_seq, type, actor_nip, device_id, "
            "base_seq, revision_hash, payload, client_time, prev_event_hash, event_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.event_id,
                letter_id,
                seq,
                str(type),
                actor_nip,
                self.device_id,
                seq - 1,
                rev,
                canonical_json(payload),
                event.client_time,
                event.prev_event_hash,
                event.event_hash,
            ),
        )
        if type in (EventType.CREATED, EventType.REVISED):
            conn.execute(
                "INSERT OR IGNORE INTO revision (revision_hash, letter_id, parent_hash, "
                "values_json) VALUES (?, ?, ?, ?)",
                (
                    rev,
                    letter_id,
                    payload.get("parent_revision", ""),
                    canonical_json(payload["values"]),
                ),
            )
        self._project(conn, new_state, created=state is None)
        conn.execute(
            "INSERT INTO outbox (event_id, local_seq) VALUES "
            "(?, (SELECT coalesce(max(local_seq), 0) + 1 FROM outbox))",
            (event.event_id,),
        )
        audit_append(
            conn,
            actor=actor_nip,
            action=str(type),
            object=f"letter:{letter_id}",
            details={"event_id": event.event_id, "seq": seq, "revision": rev},
            at=event.client_time,
        )
        log.info("letter %s: %s by %s (seq %d)", letter_id, type, actor_nip, seq)
        return Appended(event, new_state)

    @staticmethod
    def _project(conn: sqlite3.Connection, state: LetterState, *, created: bool) -> None:
        """Write the folded state and its open tasks (same transaction as the event)."""
        values = (
            state.jenis,
            state.profile_id,
            state.status.value,
            state.konseptor_nip,
            state.unit_id,
            state.hal,
            state.head_seq,
            state.head_revision,
            state.nomor,
            state.updated_at,
            state_to_json(state),
            state.letter_id,
        )
        if created:
            conn.execute(
                "INSERT INTO letter (jenis, profile_id, state, konseptor_nip, unit_id, hal, "
                "head_seq, head_revision, nomor, updated_at, state_json, letter_id, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, state.created_at),
            )
        else:
            conn.execute(
                "UPDATE letter SET jenis = ?, profile_id = ?, state = ?, konseptor_nip = ?, "
                "unit_id = ?, hal = ?, head_seq = ?, head_revision = ?, nomor = ?, "
                "updated_at = ?, state_json = ? WHERE letter_id = ?",
                values,
            )
        conn.execute("DELETE FROM task WHERE letter_id = ?", (state.letter_id,))
        conn.executemany(
            "INSERT INTO task (letter_id, step_no, kind, jabatan_id, nip, since) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (state.letter_id, t.step_no, t.kind, t.jabatan_id, t.nip, state.updated_at)
                for t in tasks_for(state)
            ],
        )
