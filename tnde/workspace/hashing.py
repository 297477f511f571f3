"""The hash chains of the workspace: audit rows and letter events.

Both chains link each entry to the one before it: ``hash = SHA-256(prev_hash ‖ canonical JSON
of the entry)``, hex-encoded, with :data:`GENESIS_HASH` before the first entry. The workflow code
and the workspace check call the same functions, so they cannot disagree about a hash.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from tnde.canonical import canonical_json

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["EVENT_HASH_FIELDS", "GENESIS_HASH", "chain_hash", "event_hash", "sha256_hex"]

GENESIS_HASH = "0" * 64
"""The ``prev_hash`` of the first entry of a chain."""

EVENT_HASH_FIELDS = (
    "event_id",
    "letter_id",
    "letter_seq",
    "type",
    "actor_nip",
    "device_id",
    "base_seq",
    "revision_hash",
    "payload",
    "client_time",
    "prev_event_hash",
)
"""The columns of the ``event`` table that its ``event_hash`` covers (all but itself)."""


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


def chain_hash(prev_hash: str, entry: Any) -> str:
    """The hash of ``entry`` chained after ``prev_hash``: SHA-256(prev_hash ‖ canonical JSON)."""
    return sha256_hex((prev_hash + canonical_json(entry)).encode("utf-8"))


def event_hash(fields: Mapping[str, Any]) -> str:
    """The ``event_hash`` of a letter event.

    Args:
        fields: the event's columns (:data:`EVENT_HASH_FIELDS`; an ``event_hash`` key is
            ignored). ``payload`` may be given as its JSON text, as stored in the table, or as
            the decoded value: both hash the same.

    Raises:
        ValueError: a field is missing or an unknown one is present (the hash must cover
            exactly what the table stores).
    """
    given = set(fields) - {"event_hash"}
    missing = [name for name in EVENT_HASH_FIELDS if name not in given]
    extra = sorted(given - set(EVENT_HASH_FIELDS))
    if missing or extra:
        raise ValueError(f"event fields: missing {missing}, unexpected {extra}")
    entry = {name: fields[name] for name in EVENT_HASH_FIELDS}
    if isinstance(entry["payload"], str):
        entry["payload"] = json.loads(entry["payload"])
    return chain_hash(str(entry["prev_event_hash"]), entry)
