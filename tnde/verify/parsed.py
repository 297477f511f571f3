"""Parsed certificates and revocation data, shared by DER bytes within one thread.

A batch of letters from one signing service carries the same CA, root, TSA and OCSP
responder certificates (and often the same CRL) in every file. asn1crypto parses lazily and
memoises what it has computed on the object (key identifiers, issuer/serial, prepared names,
extensions), so handing pyHanko the *same* object for the same bytes turns the repeated
parsing of every validation context into dictionary look-ups.

Why this cannot change a verdict: the key is the exact byte string that would otherwise be
given to ``load`` (the DSS stream's data, the root's or the auditor's DER), so the object is
the one a fresh ``load`` would produce; asn1crypto objects are not mutated by
validation (pyHanko and its certvalidator only read them and never compare them by
identity), and what they memoise is a pure function of those bytes. A failed lazy parse
leaves no partial state (asn1crypto resets it), so a malformed value fails the same way
each time it is used.

The caches are per thread (asn1crypto's lazy parsing is not thread-safe) and bounded in
entries and bytes: when full they are emptied, which only costs a re-parse.
"""

from __future__ import annotations

import threading
from typing import Any

__all__ = ["MAX_BYTES", "MAX_ENTRIES", "certificate", "clear", "crl", "ocsp_response"]

MAX_ENTRIES = 512
"""Per kind and thread; a letter brings ~6 certificates and 1–2 revocation values."""
MAX_BYTES = 8 * 1024 * 1024
"""Per kind and thread, in DER bytes (CRLs can be large); a larger value is not kept."""

_LOCAL = threading.local()


class _Cache:
    def __init__(self) -> None:
        self.values: dict[bytes, Any] = {}
        self.size = 0


def _cache(kind: str) -> _Cache:
    caches: dict[str, _Cache] | None = getattr(_LOCAL, "caches", None)
    if caches is None:
        caches = _LOCAL.caches = {}
    return caches.setdefault(kind, _Cache())


def _get(kind: str, der: bytes, load: Any) -> Any:
    cache = _cache(kind)
    found = cache.values.get(der)
    if found is None:
        found = load(der)
        if len(der) > MAX_BYTES:
            return found
        if len(cache.values) >= MAX_ENTRIES or cache.size + len(der) > MAX_BYTES:
            cache.values.clear()
            cache.size = 0
        cache.values[bytes(der)] = found
        cache.size += len(der)
    return found


def certificate(der: bytes) -> Any:
    """``asn1crypto.x509.Certificate.load(der)``, the same object for the same bytes."""
    from asn1crypto import x509

    return _get("certificate", der, x509.Certificate.load)


def ocsp_response(der: bytes) -> Any:
    """``asn1crypto.ocsp.OCSPResponse.load(der)``, shared by bytes."""
    from asn1crypto import ocsp

    return _get("ocsp", der, ocsp.OCSPResponse.load)


def crl(der: bytes) -> Any:
    """``asn1crypto.crl.CertificateList.load(der)``, shared by bytes."""
    from asn1crypto import crl as asn1_crl

    return _get("crl", der, asn1_crl.CertificateList.load)


def clear() -> None:
    """Forget everything this thread has parsed."""
    _LOCAL.caches = {}
