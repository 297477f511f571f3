"""Identifiers: UUIDv7 (RFC 9562) for letters, events and devices.

UUIDv7 sorts by creation time, cannot collide between offline devices, and keeps B-tree
inserts local; Python 3.11's :mod:`uuid` has no ``uuid7``, so it is built here.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_LOCK = threading.Lock()
_last_ms = 0
_last_rand = 0


def uuid7(now_ms: int | None = None) -> str:
    """A new UUIDv7 as a lowercase string.

    Within one process the ids are strictly increasing even when several are made in the same
    millisecond (the 74 random bits act as a counter then, as RFC 9562 §6.2 method 2 allows).
    """
    global _last_ms, _last_rand
    with _LOCK:
        ms = int(time.time() * 1000) if now_ms is None else now_ms
        if ms <= _last_ms:
            ms = _last_ms
            rand = _last_rand + 1
        else:
            rand = int.from_bytes(os.urandom(10), "big") >> 6  # 74 bits
        _last_ms, _last_rand = ms, rand
    rand_a = (rand >> 62) & 0xFFF
    rand_b = rand & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def is_uuid7(text: str) -> bool:
    """Whether ``text`` is a canonical UUIDv7 string."""
    try:
        value = uuid.UUID(text)
    except ValueError:
        return False
    return value.version == 7 and str(value) == text
