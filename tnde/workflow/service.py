"""Letter actions on a workspace: each is one transaction that checks the rules, appends the
event, updates the projection and the task list, queues the event for the archive and writes
the audit row — all or nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.canonical import canonical_json
from tnde.workflow.codec import state_from_json, state_to_json
from tnde.workflow.eventlog import Aggregate, append_event, read_events
from tnde.workflow.events import Event, EventType, revision_hash
from tnde.workflow.positions import SqlAuthority
from tnde.workflow.rules import check
from tnde.workflow.state import LetterState, apply
from tnde.workflow.tasks import tasks_for

if TYPE_CHECKING:
    import sqlite3

    from tnde.workspace import ActingPolicy

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
        return _load(conn, letter_id)

    @staticmethod
    def events(conn: sqlite3.Connection, letter_id: str) -> list[Event]:
        """The full log of one letter, in order."""
        return read_events(conn, letter_id, EventType)

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
        acting: ActingPolicy,
    ) -> None:
        """Run the rules for an event without storing anything (before expensive work such as
        rendering the final PDF, whose outcome the real event then carries)."""
        acting.admit(actor_nip)
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
        acting: ActingPolicy,
    ) -> Appended:
        """Check and store one event, inside the caller's ``BEGIN IMMEDIATE`` transaction.

        Raises:
            WorkflowRefused: a rule forbids the event; the caller rolls back.
        """

        state = self.state(conn, letter_id)
        if type is EventType.CREATED or type is EventType.REVISED:
            rev = revision_hash(payload["values"])
        else:
            rev = revision if revision is not None else (state.head_revision if state else "")
        event, new_state = append_event(
            conn,
            LETTER,
            SqlAuthority(conn),
            acting=acting,
            aggregate_id=letter_id,
            type=type,
            actor_nip=actor_nip,
            device_id=self.device_id,
            payload=payload,
            revision_hash=rev,
            at=iso(self.clock()),
            today=today,
            details={"revision": rev},
        )
        log.info("letter %s: %s by %s (seq %d)", letter_id, type, actor_nip, event.letter_seq)
        return Appended(event, new_state)


def _project(conn: sqlite3.Connection, event: Event, state: LetterState, created: bool) -> None:
    """Write the folded state, its open tasks and a new text's revision row (same
    transaction as the event)."""
    if event.type in (EventType.CREATED, EventType.REVISED):
        conn.execute(
            "INSERT OR IGNORE INTO revision (revision_hash, letter_id, parent_hash, "
            "values_json) VALUES (?, ?, ?, ?)",
            (
                event.revision_hash,
                state.letter_id,
                event.payload.get("parent_revision", ""),
                canonical_json(event.payload["values"]),
            ),
        )
    row = letter_row(state)
    if created:
        conn.execute(
            f"INSERT INTO letter ({', '.join(LETTER_COLUMNS)}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )
    else:
        conn.execute(
            "UPDATE letter SET jenis = ?, profile_id = ?, state = ?, konseptor_nip = ?, "
            "unit_id = ?, hal = ?, head_seq = ?, head_revision = ?, nomor = ?, "
            "updated_at = ?, state_json = ? WHERE letter_id = ?",
            row[:-1],
        )
    conn.execute("DELETE FROM task WHERE letter_id = ?", (state.letter_id,))
    conn.executemany(
        f"INSERT INTO task ({', '.join(TASK_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
        task_rows(state),
    )


LETTER_COLUMNS = (
    "jenis",
    "profile_id",
    "state",
    "konseptor_nip",
    "unit_id",
    "hal",
    "head_seq",
    "head_revision",
    "nomor",
    "updated_at",
    "state_json",
    "letter_id",
    "created_at",
)
"""The columns of a letter's ``letter`` row, in :func:`letter_row`'s order."""

TASK_COLUMNS = ("letter_id", "step_no", "kind", "jabatan_id", "nip", "since")
"""The columns of a letter's ``task`` rows, in :func:`task_rows`'s order."""


def letter_row(state: LetterState) -> tuple[Any, ...]:
    """The ``letter`` row of a state (``created_at`` last: written once, never updated).

    The projection writes it and ``tnde workspace check`` compares the stored row with it.
    """
    return (
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
        state.created_at,
    )


def task_rows(state: LetterState) -> list[tuple[Any, ...]]:
    """The ``task`` rows of a state: who must act on the letter now."""
    return [
        (state.letter_id, t.step_no, t.kind, t.jabatan_id, t.nip, state.updated_at)
        for t in tasks_for(state)
    ]


def _load(conn: sqlite3.Connection, letter_id: str) -> LetterState | None:
    row = conn.execute("SELECT state_json FROM letter WHERE letter_id = ?", (letter_id,)).fetchone()
    return state_from_json(row[0]) if row else None


#: Outgoing letters as an aggregate of the event log.
LETTER: Aggregate[LetterState] = Aggregate(
    kind="letter", load=_load, check=check, apply=apply, project=_project
)
