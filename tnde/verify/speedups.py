"""Two behaviour-preserving speed-ups for pyHanko 0.38 / asn1crypto 1.5, installed once.

Profiling the offline validation of a one-signature letter showed half of the time in two
library hot spots (the batch target is 30 ms per letter on two cores):

* pyHanko reads a hex string (``<…>``) one byte at a time through a generator; a signature's
  ``/Contents`` is 16–40 k hex digits, so reading one signature dictionary costs ~20 ms.
  :func:`read_hex_string` reads the same bytes in one go, with the same rules (whitespace
  ignored, any other non-hex byte is an error, an odd final digit is padded with ``0``) and
  leaves the stream just after ``>`` as the original does.
* asn1crypto prepares every name attribute with RFC 4518 string preparation each time a new
  certificate object is compared; certificates are re-parsed for each signature, so the same
  strings are prepared over and over. The preparation is a pure function of the string, so
  it is memoised.

Both are checked against the originals in tests/verify/test_speedups.py; pyHanko is pinned
(pyproject.toml), and :func:`install` refuses to patch when the originals are not where
expected, so a pyHanko upgrade degrades to "slower", never to "different".
"""

from __future__ import annotations

import binascii
import functools
import logging
import threading
from typing import Any

__all__ = ["ORIGINALS", "install", "read_hex_string"]

log = logging.getLogger(__name__)

_WHITESPACE = b" \n\r\t\f\x00"  # pyhanko.pdf_utils.misc.PDF_WHITESPACE
_HEX_DIGITS = b"0123456789abcdefABCDEF"
_CHUNK = 64 * 1024
_LOCK = threading.Lock()
_installed = False
ORIGINALS: dict[str, Any] = {}
"""The replaced library functions, by name (kept for the equivalence tests)."""


def read_hex_string(stream: Any) -> Any:
    """pyHanko's ``read_hex_string_from_stream``, reading in chunks instead of byte by byte."""
    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.misc import PdfStreamError

    start = stream.tell()
    stream.read(1)  # the "<"
    parts: list[bytes] = []
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            raise PdfStreamError("Stream has ended unexpectedly")
        end = chunk.find(b">")
        if end >= 0:
            parts.append(chunk[:end])
            break
        parts.append(chunk)
    raw = b"".join(parts)
    stream.seek(start + 1 + len(raw) + 1)
    digits = raw.translate(None, _WHITESPACE)
    stray = digits.translate(None, _HEX_DIGITS)
    if stray:
        raise PdfStreamError("Unexpected token in hex string: " + repr(stray[:1]))
    if len(digits) % 2:
        digits += b"0"
    return pdf_string(binascii.unhexlify(digits))


def install() -> None:
    """Patch both hot spots (idempotent, thread-safe)."""
    global _installed
    with _LOCK:
        if _installed:
            return
        _installed = True
        _patch_hex_reader()
        _patch_string_prep()


def _patch_hex_reader() -> None:
    from pyhanko.pdf_utils import generic

    original = getattr(generic, "read_hex_string_from_stream", None)
    if original is None or getattr(original, "__module__", "") != generic.__name__:
        log.warning("pyHanko's hex string reader moved; not patching it")
        return
    ORIGINALS["read_hex_string_from_stream"] = original
    generic.read_hex_string_from_stream = read_hex_string


def _patch_string_prep() -> None:
    from asn1crypto import x509 as asn1_x509

    cls = asn1_x509.NameTypeAndValue
    original = cls.__dict__.get("_ldap_string_prep")
    if original is None:
        log.warning("asn1crypto's string preparation moved; not memoising it")
        return

    ORIGINALS["_ldap_string_prep"] = original

    @functools.lru_cache(maxsize=8192)
    def prepared(string: str) -> str:
        return str(original(None, string))

    def _ldap_string_prep(self: Any, string: str) -> str:
        return prepared(string)

    cls._ldap_string_prep = _ldap_string_prep
