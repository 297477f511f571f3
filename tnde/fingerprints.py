"""Certificate fingerprints as people read them out, and loopback addresses.

The archive prints its certificate's SHA-256 fingerprint at ``init``; an admin reads it to
the officials, who type it when they link their desk. Both sides write and compare it here.
"""

from __future__ import annotations

import hashlib
import ipaddress

__all__ = ["der_fingerprint", "format_fingerprint", "is_loopback", "normalize_fingerprint"]


def format_fingerprint(hex_digest: str) -> str:
    """A SHA-256 fingerprint the way an admin reads it out: ``AB:CD:…`` (32 pairs)."""
    digits = normalize_fingerprint(hex_digest).upper()
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def normalize_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, with or without colons or spaces) as lowercase hex."""
    return "".join(c for c in text if c not in ": ").lower()


def der_fingerprint(der: bytes) -> str:
    """The fingerprint of a DER certificate, as :func:`format_fingerprint` writes it."""
    return format_fingerprint(hashlib.sha256(der).hexdigest())


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (``localhost``, 127.0.0.0/8, ``::1``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
