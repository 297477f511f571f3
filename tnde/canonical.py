"""Canonical JSON and timestamps: the one byte form that every hash in the core is taken over.

Audit rows, letter events and revisions are hashed as ``canonical_json(value)``: keys sorted,
no spaces, UTF-8 text (non-ASCII kept as is), dates and times as ISO 8601. This follows the
spirit of RFC 8785 (JCS) for the values the core uses; floats are allowed but best avoided in
hashed data, and NaN/infinity are refused.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

__all__ = ["canonical_bytes", "canonical_json", "format_timestamp", "now_timestamp"]


def format_timestamp(moment: dt.datetime) -> str:
    """``moment`` in UTC as ISO 8601 with milliseconds and ``Z``: ``2026-08-22T03:04:05.678Z``.

    Raises:
        ValueError: ``moment`` is naive (no time zone): its instant would be a guess.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone")
    utc = moment.astimezone(dt.UTC)
    return utc.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


def now_timestamp() -> str:
    """The current time as :func:`format_timestamp` writes it (the default of every ``at``)."""
    return format_timestamp(dt.datetime.now(dt.UTC))


def canonical_json(value: Any) -> str:
    """``value`` as canonical JSON text: sorted keys, no whitespace, non-ASCII unescaped.

    Datetimes become :func:`format_timestamp` strings, dates ``YYYY-MM-DD``; tuples are lists.

    Raises:
        TypeError: a value JSON cannot carry (a set, bytes, a naive datetime…).
        ValueError: NaN or infinity.
    """
    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_encode_other,
    )


def canonical_bytes(value: Any) -> bytes:
    """:func:`canonical_json` encoded as UTF-8, ready to hash."""
    return canonical_json(value).encode("utf-8")


def _encode_other(value: object) -> str:
    if isinstance(value, dt.datetime):
        try:
            return format_timestamp(value)
        except ValueError as exc:
            raise TypeError(str(exc)) from None
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not allowed in canonical JSON")
