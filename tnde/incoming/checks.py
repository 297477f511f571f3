"""The incoming letters' part of ``tnde workspace check``.

- :func:`check_incoming`: the ``incoming`` and ``disposisi`` rows of every incoming letter
  against a fresh fold of its events (:data:`INCOMING_PROJECTION`, the rows
  :func:`~tnde.incoming.desk.incoming_row` and :func:`~tnde.incoming.desk.disposition_rows`
  give, which the projection writes too).
- :func:`agenda_numbers`: the agenda number each ``incoming.registered`` event says its letter
  was given, for the register's check (:func:`tnde.register.check_register`).

The full-text index (``incoming_fts``) is not compared: it holds the text of the registered
PDF, which no event carries.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tnde.incoming.codec import incoming_from_json
from tnde.incoming.desk import (
    DISPOSISI_COLUMNS,
    INCOMING,
    INCOMING_COLUMNS,
    disposition_rows,
    incoming_row,
)
from tnde.incoming.state import IncomingEventType
from tnde.messages import _
from tnde.register import NumberClaim
from tnde.workflow.refold import Projection, Table, check_projection

if TYPE_CHECKING:
    import sqlite3

    from tnde.incoming.state import IncomingState
    from tnde.workspace import Finding

__all__ = ["INCOMING_PROJECTION", "agenda_numbers", "check_incoming"]


def _subject(incoming_id: str) -> str:
    return _("incoming letter {incoming_id}", incoming_id=incoming_id)


def _same_state(stored: Any, expected: Any) -> bool:
    """``state_json`` written by an older version (fewer keys) that reads as the same state."""
    try:
        return incoming_from_json(stored) == incoming_from_json(expected)
    except (ValueError, LookupError, TypeError):
        return False


def _marked_by_migration(stored: Any, expected: Any) -> bool:
    """Schema version 5 marked registrations that repeat an earlier one as ``duplicate_ok``,
    which no event of theirs records."""
    return bool(stored == 1 and expected == 0)


def _rows(state: IncomingState) -> dict[str, list[tuple[Any, ...]]]:
    return {"incoming": [incoming_row(state)], "disposisi": disposition_rows(state)}


INCOMING_PROJECTION: Projection[IncomingState] = Projection(
    aggregate=INCOMING,
    first=IncomingEventType.REGISTERED.value,
    parse_type=IncomingEventType,
    tables=(
        Table(
            "incoming",
            "incoming_id",
            INCOMING_COLUMNS,
            agrees={"state_json": _same_state, "duplicate_ok": _marked_by_migration},
        ),
        Table("disposisi", "incoming_id", DISPOSISI_COLUMNS, key=("disposisi_id",)),
    ),
    rows=_rows,
    subject=_subject,
)
"""Incoming letters' projection as :func:`tnde.workflow.refold.check_projection` rebuilds it."""


def check_incoming(conn: sqlite3.Connection, findings: list[Finding]) -> int:
    """Every incoming letter's rows against a fresh fold of its events; returns how many
    incoming letters were checked."""
    return check_projection(conn, INCOMING_PROJECTION, findings)


def agenda_numbers(conn: sqlite3.Connection) -> list[NumberClaim]:
    """The agenda number every ``incoming.registered`` event gives its letter."""
    claims = []
    rows = conn.execute(
        "SELECT letter_id, payload FROM event WHERE type = ? "
        # the register of a desk holds the numbers issued at that desk; those of other desks
        # linked to the same archive are in the archive's register
        "AND device_id = (SELECT value FROM meta WHERE key = 'device_id') ORDER BY letter_id",
        (IncomingEventType.REGISTERED.value,),
    )
    for incoming_id, payload in rows:
        try:
            agenda = str(json.loads(payload)["agenda"])
        except (ValueError, LookupError, TypeError):
            continue  # an event that no longer reads: the letter's fold reports it
        claims.append(NumberClaim(incoming_id, agenda, _subject(incoming_id)))
    return claims
