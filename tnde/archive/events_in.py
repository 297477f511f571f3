"""An event as a desk pushes it: the fields the desk chooses, checked for form.

The desk chooses the event's id, aggregate, type, actor, device, the last sequence it had
seen (``base_seq``), the revision it concerns, its payload and its clock. The archive chooses
the rest: the event's place in its aggregate (``letter_seq``, ``prev_event_hash``), its hash,
its feed position and the server time. :meth:`PushedEvent.body_hash` covers exactly what the
desk chose, so an event id sent again with another body is recognised and refused.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from tnde.canonical import canonical_json
from tnde.messages import _

__all__ = ["MAX_EVENT_BYTES", "BadEventError", "PushedEvent"]

MAX_EVENT_BYTES = 256 * 1024
"""The largest canonical JSON one event may have (its files travel as blobs)."""

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_NIP = re.compile(r"[0-9]{18}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")


class BadEventError(ValueError):
    """A pushed event without the form every event has; the message names the field."""


@dataclass(frozen=True)
class PushedEvent:
    """What a desk chose of one event."""

    event_id: str
    aggregate_id: str
    type: str
    actor_nip: str
    device_id: str
    base_seq: int
    revision_hash: str
    payload: dict[str, Any]
    client_time: str

    @classmethod
    def from_json(cls, data: object) -> PushedEvent:
        """The event of a pushed JSON object.

        Raises:
            BadEventError: a field is missing, has the wrong type or form, or the event is too
                large.
        """
        if not isinstance(data, dict):
            raise BadEventError(_("an event must be a JSON object"))
        event = cls(
            event_id=_text(data, "event_id", _UUID),
            aggregate_id=_text(data, "letter_id", _UUID),
            type=_text(data, "type"),
            actor_nip=_text(data, "actor_nip", _NIP),
            device_id=_text(data, "device_id", _UUID),
            base_seq=_count(data, "base_seq"),
            revision_hash=_revision(data),
            payload=_payload(data),
            client_time=_text(data, "client_time", _TIME),
        )
        if len(canonical_json(event.body()).encode("utf-8")) > MAX_EVENT_BYTES:
            raise BadEventError(_("the event is larger than {limit} bytes", limit=MAX_EVENT_BYTES))
        return event

    def body(self) -> dict[str, Any]:
        """The desk's fields, as the desk sends them."""
        return {
            "event_id": self.event_id,
            "letter_id": self.aggregate_id,
            "type": self.type,
            "actor_nip": self.actor_nip,
            "device_id": self.device_id,
            "base_seq": self.base_seq,
            "revision_hash": self.revision_hash,
            "payload": self.payload,
            "client_time": self.client_time,
        }

    def body_hash(self) -> str:
        """SHA-256 of the canonical JSON of :meth:`body`."""
        return hashlib.sha256(canonical_json(self.body()).encode("utf-8")).hexdigest()


def _text(data: dict[str, Any], key: str, form: re.Pattern[str] | None = None) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value or len(value) > 200:
        raise BadEventError(_("the event's {field} is missing or is not text", field=key))
    if form is not None and form.fullmatch(value) is None:
        raise BadEventError(
            _("the event's {field} does not have its form: {value}", field=key, value=value[:80])
        )
    return value


def _count(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**31:
        raise BadEventError(_("the event's {field} is not a whole number", field=key))
    return value


def _revision(data: dict[str, Any]) -> str:
    value = data.get("revision_hash", "")
    if value == "":
        return ""
    if not isinstance(value, str) or _HEX64.fullmatch(value) is None:
        raise BadEventError(
            _(
                "the event's {field} does not have its form: {value}",
                field="revision_hash",
                value=str(value)[:80],
            )
        )
    return value


def _payload(data: dict[str, Any]) -> dict[str, Any]:
    value = data.get("payload")
    if not isinstance(value, dict):
        raise BadEventError(_("the event's payload must be a JSON object"))
    return value
