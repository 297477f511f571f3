"""Letter events: every change to an outgoing letter is one of these, appended, never edited.

The same event shape travels to the central archive: ids are UUIDv7 chosen by
the device, ``base_seq`` is the last letter sequence the device had seen, and approvals and
signatures name the ``revision_hash`` they apply to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tnde.canonical import canonical_json


class EventType(StrEnum):
    """What happened to a letter."""

    CREATED = "letter.created"
    """A new konsep: jenis, profile, unit, first text (payload ``values``)."""
    REVISED = "draft.revised"
    """A new text; payload ``values`` and ``parent_revision``."""
    ROUTE_SET = "route.set"
    """The review and signing route; payload ``steps``."""
    RECIPIENTS_SET = "recipients.set"
    """Tujuan and tembusan; payload ``tujuan`` and ``tembusan`` (lists of recipients)."""
    SUBMITTED = "letter.submitted"
    """The konseptor sends the konsep up the route."""
    APPROVED = "review.approved"
    """A pemeriksa approves (paraf) the named revision at their step."""
    RETURNED = "review.returned"
    """A pemeriksa or signer returns the konsep for revision, with notes."""
    REJECTED = "review.rejected"
    """A pemeriksa or signer refuses the letter altogether (tolak); final."""
    NUMBERED = "letter.numbered"
    """The registry desk fixes the number and the final PDF; payload ``nomor``, ``blob``."""
    SIGNED = "letter.signed"
    """A signer signs the final PDF at their step; payload ``step``, ``blob`` (the signed
    PDF), ``base_blob``, ``field``, ``level``, ``certificate``."""
    PARAF_SIGNED = "letter.paraf_signed"
    """A reviewer adds their paraf as an invisible approval signature to the numbered PDF,
    when the profile asks for cryptographic paraf; payload as for ``SIGNED``."""

    SENT = "letter.sent"
    """The registry desk dispatches to recipients; payload ``dispatches``."""
    READ = "letter.read"
    """An internal recipient opened the letter (read receipt); payload ``recipient``."""
    ARCHIVED = "letter.archived"
    """The letter is filed in its unit's records."""
    CANCELLED = "letter.cancelled"
    """Withdrawn before signing; payload ``reason``."""


GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Event:
    """One appended change to one letter."""

    event_id: str
    """UUIDv7 chosen by the device that made the change."""
    letter_id: str
    letter_seq: int
    """Position in the letter's own log, from 1."""
    type: EventType
    actor_nip: str
    device_id: str
    base_seq: int
    """The last ``letter_seq`` the device had seen when it made the change."""
    revision_hash: str
    """The revision this event concerns ("" when none)."""
    payload: dict[str, Any] = field(default_factory=dict)
    client_time: str = ""
    """When the device says it happened (information only; never used to decide)."""
    prev_event_hash: str = GENESIS_HASH
    event_hash: str = ""

    def hash_fields(self) -> dict[str, Any]:
        """Every field that the event hash covers (all but the hash itself)."""
        return {
            "event_id": self.event_id,
            "letter_id": self.letter_id,
            "letter_seq": self.letter_seq,
            "type": str(self.type),
            "actor_nip": self.actor_nip,
            "device_id": self.device_id,
            "base_seq": self.base_seq,
            "revision_hash": self.revision_hash,
            "payload": self.payload,
            "client_time": self.client_time,
            "prev_event_hash": self.prev_event_hash,
        }


def revision_hash(values: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON of a letter's field values: the revision's identity."""
    return hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()
