"""The kinds of aggregate the archive accepts events for, and what it needs of each.

A letter (outgoing) and an incoming letter with its dispositions are both aggregates of the
shared event log. The desk brings each one's rules and fold as an
:class:`~tnde.workflow.eventlog.Aggregate` bound to its SQLite projection; the archive needs
the same pure parts (rules, fold, state codec) without the SQLite, and two facts the desk
never asks: which unit owns the aggregate and how secret it is (for the scoped feed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from tnde.incoming import IncomingEventType, IncomingState
from tnde.incoming import rules as incoming_rules
from tnde.incoming import state as incoming_state
from tnde.incoming.codec import incoming_from_json, incoming_to_json
from tnde.incoming.desk import disposition_rows, incoming_row
from tnde.workflow import rules as letter_rules
from tnde.workflow import state as letter_state
from tnde.workflow.codec import state_from_json, state_to_json
from tnde.workflow.events import EventType
from tnde.workflow.service import letter_row, task_rows
from tnde.workflow.state import LetterState, LetterStatus

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from tnde.workflow.events import Event
    from tnde.workflow.rules import Authority

__all__ = ["INCOMING", "KINDS", "LETTER", "AggregateKind", "kind_of", "parse_type"]

S = TypeVar("S")

SECRET_LEVELS = ("Rahasia", "Sangat Rahasia")
"""Sifat whose aggregates reach only the people named in them, never a whole unit."""

BLOB_KEYS = ("blob", "base_blob", "archive_blob")
"""Payload keys that name a file by SHA-256, in every event type that has files."""


@dataclass(frozen=True)
class AggregateKind(Generic[S]):
    """The pure parts of one kind of aggregate, as the archive uses them.

    Attributes:
        name: ``letter`` or ``incoming`` (``aggregate.kind``).
        check: the rules (raise ``WorkflowRefused``).
        apply: the fold.
        to_json, from_json: the state's stored form (the desk's projection codec).
        unit_of: the unit that owns it.
        security_of: its sifat.
        grantees: who may receive its events (see :mod:`tnde.archive.feed`).
        rows: the rows a desk's projection writes for a state (each value must be one
            SQLite stores: an event that makes another would stop every desk's sync).
    """

    name: str
    check: Callable[[S | None, Event, Authority, dt.date], None]
    apply: Callable[[S | None, Event], S]
    to_json: Callable[[S], str]
    from_json: Callable[[str], S]
    unit_of: Callable[[S], str]
    security_of: Callable[[S], str]
    grantees: Callable[[S], set[str]]
    rows: Callable[[S], list[tuple[Any, ...]]]


_REGISTRY_STATES = frozenset(
    {
        LetterStatus.SIAP_TANDATANGAN,
        LetterStatus.DINOMORI,
        LetterStatus.DITANDATANGANI,
        LetterStatus.DIKIRIM,
        LetterStatus.DIARSIPKAN,
    }
)
"""States in which the registry desks take part in a letter (numbering, sending, filing)."""


def _letter_grantees(s: LetterState) -> set[str]:
    """Who takes part in an outgoing letter.

    The konseptor, every jabatan of its route and its internal recipients once it is sent;
    the registry desks once it is approved (they number and send it); and, unless it is
    secret, the whole owning unit (the feed widens ``unit:`` grants to the unit's ancestors).
    """
    granted = {f"nip:{s.konseptor_nip}"}
    granted.update(f"jabatan:{step.jabatan_id}" for step in s.route if step.jabatan_id)
    if s.status in _REGISTRY_STATES or s.nomor:
        granted.add("role:registry")
    for i in s.dispatched:
        if 0 <= i < len(s.recipients) and s.recipients[i].jabatan_id:
            granted.add(f"jabatan:{s.recipients[i].jabatan_id}")
    if _letter_security(s) not in SECRET_LEVELS:
        granted.add(f"unit:{s.unit_id}")
    return granted


def _letter_security(s: LetterState) -> str:
    return str(s.head_values.get("sifat") or "Biasa")


def _incoming_grantees(s: IncomingState) -> set[str]:
    """Who takes part in an incoming letter: its registry, the head of the receiving unit,
    every jabatan it was disposed to, and the receiving unit unless it is secret."""
    granted = {"role:registry", f"jabatan:{s.pimpinan_jabatan}"}
    granted.update(f"jabatan:{d.recipient_jabatan}" for d in s.dispositions)
    if _incoming_security(s) not in SECRET_LEVELS:
        granted.add(f"unit:{s.unit_id}")
        granted.update(f"unit:{d.recipient_unit}" for d in s.dispositions if d.recipient_unit)
    return granted


def _incoming_security(s: IncomingState) -> str:
    return str(s.meta.get("sifat") or "Biasa")


LETTER: AggregateKind[LetterState] = AggregateKind(
    name="letter",
    check=letter_rules.check,
    apply=letter_state.apply,
    to_json=state_to_json,
    from_json=state_from_json,
    unit_of=lambda s: s.unit_id,
    security_of=_letter_security,
    grantees=_letter_grantees,
    rows=lambda s: [letter_row(s), *task_rows(s)],
)

INCOMING: AggregateKind[IncomingState] = AggregateKind(
    name="incoming",
    check=incoming_rules.check,
    apply=incoming_state.apply,
    to_json=incoming_to_json,
    from_json=incoming_from_json,
    unit_of=lambda s: s.unit_id,
    security_of=_incoming_security,
    grantees=_incoming_grantees,
    rows=lambda s: [incoming_row(s), *disposition_rows(s)],
)

KINDS: dict[str, AggregateKind[Any]] = {"letter": LETTER, "incoming": INCOMING}
"""Every kind by name."""

_LETTER_TYPES = {t.value: t for t in EventType}
_INCOMING_TYPES = {t.value: t for t in IncomingEventType}


def kind_of(event_type: str) -> AggregateKind[Any] | None:
    """The kind of aggregate an event type belongs to, or None for an unknown type."""
    if event_type in _LETTER_TYPES:
        return LETTER
    if event_type in _INCOMING_TYPES:
        return INCOMING
    return None


def parse_type(event_type: str) -> EventType | IncomingEventType:
    """The enum member of a known event type.

    Raises:
        ValueError: an unknown type.
    """
    found = _LETTER_TYPES.get(event_type) or _INCOMING_TYPES.get(event_type)
    if found is None:
        raise ValueError(f"unknown event type {event_type!r}")
    return found


def referenced_blobs(payload: dict[str, Any]) -> list[str]:
    """The SHA-256 names of the files an event's payload refers to."""
    found = []
    for key in BLOB_KEYS:
        value = payload.get(key)
        if isinstance(value, str) and value:
            found.append(value)
    return found
