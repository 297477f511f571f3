"""Letters whose signature has an unknown outcome ("status tidak pasti").

When a sign request left for a service (or a device) and no answer came back, nobody knows
whether it signed. The letter itself is unchanged — nothing is stored without an answer — but
signing it again blindly could make a second signature at the service, so the letter is
marked and refused by the next batch until a person has checked (:func:`resolve_unknown`:
asking the service for the signer's status, or verifying a file the service sent later).

The mark is kept in the workspace's audit log (``sign.outcome_unknown`` and
``sign.outcome_checked`` rows, written in their own transaction through
:func:`tnde.workspace.audit_append`): it survives a restart, is local to this desk (the
archive never hears of a request that may not exist) and is tamper-evident like every other
action.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tnde.errors import WorkflowRefused
from tnde.messages import _
from tnde.workspace import audit_append

if TYPE_CHECKING:
    import sqlite3

    from tnde.workflow.letters import Letters

log = logging.getLogger(__name__)

__all__ = [
    "OUTCOME_CHECKED",
    "OUTCOME_UNKNOWN",
    "UNKNOWN_LABEL",
    "UnknownOutcome",
    "record_unknown",
    "resolve_unknown",
    "unknown_outcomes",
]

OUTCOME_UNKNOWN = "sign.outcome_unknown"
OUTCOME_CHECKED = "sign.outcome_checked"
UNKNOWN_LABEL = "status tidak pasti"
"""How the letter list and the command line name the state."""


@dataclass(frozen=True)
class UnknownOutcome:
    """A letter's open unknown outcome."""

    letter_id: str
    at: str
    """When the request was lost (ISO 8601 UTC)."""
    actor: str
    device: str
    """The device or service, as its description reads."""
    detail: str
    """What happened, as the user was told."""
    head_seq: int
    """The letter's event count then: a signature recorded since settles the question."""


def record_unknown(
    letters: Letters, actor: str, letter_id: str, *, device: str, detail: str, head_seq: int
) -> None:
    """Mark ``letter_id`` as "status tidak pasti" (its own transaction)."""
    with letters.transaction() as conn:
        audit_append(
            conn,
            actor=actor,
            action=OUTCOME_UNKNOWN,
            object=letter_id,
            details={"device": device, "detail": detail, "head_seq": head_seq},
        )
    log.warning("letter %s: signing outcome unknown, marked for checking", letter_id)


def unknown_outcomes(conn: sqlite3.Connection) -> dict[str, UnknownOutcome]:
    """The letters whose unknown outcome nobody has checked yet, by letter id."""
    rows = conn.execute(
        "SELECT action, object, at, actor, details FROM audit WHERE action IN (?, ?) ORDER BY seq",
        (OUTCOME_UNKNOWN, OUTCOME_CHECKED),
    ).fetchall()
    open_: dict[str, UnknownOutcome] = {}
    for action, letter_id, at, actor, details in rows:
        if action == OUTCOME_CHECKED:
            open_.pop(letter_id, None)
            continue
        data = json.loads(details)
        open_[letter_id] = UnknownOutcome(
            letter_id,
            at,
            actor,
            str(data.get("device", "")),
            str(data.get("detail", "")),
            int(data.get("head_seq", 0)),
        )
    return open_


def resolve_unknown(letters: Letters, actor: str, letter_id: str, *, how: str) -> str:
    """Record that a person checked the letter's unknown outcome; returns what was found.

    ``how`` says how it was checked (e.g. the service's answer about the signer). The letter
    reads "signed" when a signature was recorded since, else "not signed": no file came
    back, so nothing was stored and the letter may be signed again.

    Raises:
        WorkflowRefused: ``SIGN-NOT-UNKNOWN`` when the letter has no open unknown outcome.
    """
    with letters.transaction() as conn:
        found = unknown_outcomes(conn).get(letter_id)
        if found is None:
            raise WorkflowRefused(
                "SIGN-NOT-UNKNOWN",
                _("letter {letter_id} has no signature of unknown outcome", letter_id=letter_id),
            )
        state = letters.state_in(conn, letter_id)
        signed_since = state is not None and state.head_seq > found.head_seq
        result = "signed" if signed_since else "not signed"
        audit_append(
            conn,
            actor=actor,
            action=OUTCOME_CHECKED,
            object=letter_id,
            details={"how": how, "result": result},
        )
    return result
