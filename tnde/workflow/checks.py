"""The outgoing letters' part of ``tnde workspace check``.

- :func:`check_letters`: the ``letter`` and ``task`` rows of every letter against a fresh fold
  of its events (:data:`LETTER_PROJECTION`, the rows :func:`~tnde.workflow.service.letter_row`
  and :func:`~tnde.workflow.service.task_rows` give, which the projection writes too), and the
  ``revision`` rows against the texts the events carry.
- :func:`letter_numbers`: the number each ``letter.numbered`` event says its letter was given,
  for the register's check (:func:`tnde.register.check_register`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tnde.canonical import canonical_json
from tnde.messages import _
from tnde.register import NumberClaim, SeriesRef
from tnde.workflow.codec import state_from_json
from tnde.workflow.events import EventType
from tnde.workflow.refold import Projection, Table, check_projection
from tnde.workflow.service import LETTER, LETTER_COLUMNS, TASK_COLUMNS, letter_row, task_rows
from tnde.workspace import ERROR, Finding

if TYPE_CHECKING:
    import sqlite3

    from tnde.workflow.state import LetterState

__all__ = ["LETTER_PROJECTION", "check_letters", "letter_numbers"]


def _subject(letter_id: str) -> str:
    return _("letter {letter_id}", letter_id=letter_id)


def _same_state(stored: Any, expected: Any) -> bool:
    """``state_json`` written by an older version (fewer keys) that reads as the same state."""
    try:
        return state_from_json(stored) == state_from_json(expected)
    except (ValueError, LookupError, TypeError):
        return False


def _rows(state: LetterState) -> dict[str, list[tuple[Any, ...]]]:
    return {"letter": [letter_row(state)], "task": task_rows(state)}


LETTER_PROJECTION: Projection[LetterState] = Projection(
    aggregate=LETTER,
    first=EventType.CREATED.value,
    parse_type=EventType,
    tables=(
        Table("letter", "letter_id", LETTER_COLUMNS, agrees={"state_json": _same_state}),
        Table("task", "letter_id", TASK_COLUMNS, key=("step_no", "kind")),
    ),
    rows=_rows,
    subject=_subject,
)
"""Outgoing letters' projection as :func:`tnde.workflow.refold.check_projection` rebuilds it."""


def check_letters(conn: sqlite3.Connection, findings: list[Finding]) -> int:
    """Every letter's rows against a fresh fold of its events, and the stored texts against
    the texts its events carry; returns how many letters were checked."""
    count = check_projection(conn, LETTER_PROJECTION, findings)
    _check_revisions(conn, findings)
    return count


def _check_revisions(conn: sqlite3.Connection, findings: list[Finding]) -> None:
    """``revision`` holds each text once, by its hash, as the first event that carried it
    wrote it (``INSERT OR IGNORE``): a row must hold its events' text, and name one of the
    letters and parents they give."""
    texts = (EventType.CREATED.value, EventType.REVISED.value)
    given: dict[str, tuple[set[str], set[str]]] = {}
    rows = conn.execute(
        "SELECT e.letter_id, e.letter_seq, e.revision_hash, e.payload, r.values_json"
        " FROM event e LEFT JOIN revision r ON r.revision_hash = e.revision_hash"
        " WHERE e.type IN (?, ?) AND e.letter_id IN"
        "  (SELECT letter_id FROM event WHERE letter_seq = 1 AND type = ?)"
        " ORDER BY e.letter_id, e.letter_seq",
        (*texts, EventType.CREATED.value),
    )
    for letter_id, seq, revision, payload, values_json in rows:
        try:
            data = json.loads(payload)
            text, parent = canonical_json(data["values"]), str(data.get("parent_revision", ""))
        except (ValueError, LookupError, TypeError):
            continue  # an event that no longer reads: the letter's fold reports it
        letters, parents = given.setdefault(revision, (set(), set()))
        letters.add(letter_id)
        parents.add(parent)
        problem = None
        if values_json is None:
            problem = _(
                "the revision row of its text {revision} (event {seq}) is missing",
                revision=revision[:12],
                seq=seq,
            )
        elif values_json != text:
            problem = _(
                "the stored text {revision} is not the text event {seq} carries",
                revision=revision[:12],
                seq=seq,
            )
        if problem is not None:
            findings.append(Finding(ERROR, "projection_differs", _subject(letter_id), problem))
    for revision, letter_id, parent in conn.execute(
        "SELECT revision_hash, letter_id, parent_hash FROM revision ORDER BY letter_id, rowid"
    ):
        if revision not in given:
            problem = _(
                "a revision row {revision} is stored, but no event carries its text",
                revision=revision[:12],
            )
            findings.append(Finding(ERROR, "projection_orphan", _subject(letter_id), problem))
        elif letter_id not in given[revision][0] or parent not in given[revision][1]:
            problem = _(
                "the revision row {revision} names a letter or parent text that no event "
                "carrying it gives",
                revision=revision[:12],
            )
            findings.append(Finding(ERROR, "projection_differs", _subject(letter_id), problem))


def letter_numbers(conn: sqlite3.Connection) -> list[NumberClaim]:
    """The number every ``letter.numbered`` event gives its letter (returned or cancelled
    letters included: their number stays on record, voided)."""
    claims = []
    rows = conn.execute(
        "SELECT letter_id, payload FROM event WHERE type = ? "
        # the register of a desk holds the numbers issued at that desk; those of other desks
        # linked to the same archive are in the archive's register
        "AND device_id = (SELECT value FROM meta WHERE key = 'device_id') "
        "ORDER BY letter_id, letter_seq",
        (EventType.NUMBERED.value,),
    )
    for letter_id, payload in rows:
        try:
            data = json.loads(payload)
            series, no = data.get("series"), data.get("no")
            ref = (
                SeriesRef(str(series["unit_id"]), str(series["series"]), int(series["year"]))
                if series
                else None
            )
            claim = NumberClaim(
                letter_id,
                str(data["nomor"]),
                _subject(letter_id),
                ref,
                None if no is None else int(no),
            )
        except (ValueError, LookupError, TypeError):
            continue  # an event that no longer reads: the letter's fold reports it
        claims.append(claim)
    return claims
