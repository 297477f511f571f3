"""Behaviour-preserving speed-ups for pyHanko 0.38 / asn1crypto 1.5, installed once.

Profiling the offline validation of a one-signature letter showed much of the time in a few
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
* pyHanko reads every name (``/Type``…) and object header token one byte at a time through a
  generator (``misc._read_until_class``); the difference analysis reads every object of the
  signed revision, so that is thousands of tokens per letter. :func:`read_until_class` reads
  64-byte chunks and seeks back to just after the stop byte: same bytes returned, same end
  flag, same stream position (the ``maxchars`` form is left to the original).
* pyHanko decodes each name's ``#xx`` escapes byte by byte (``generic._decode_name``). The
  text is a pure function of the bytes, so it is memoised; every call still returns a new
  ``NameObject`` (the parser sets each object's ``container_ref``), and errors are not cached.
* pyHanko finds a CMS signer's (and a TSA's) certificate by comparing the issuer name of
  every certificate in the CMS first, and the serial number after; comparing names that
  differ runs asn1crypto's full RFC 4518 matching (~10 ms a letter). The result is "issuer
  matches and serial matches", so :func:`match_issuer_serial` compares the serial numbers
  first and asks the original only when they are equal.
* Certificate path building compares the same issuer and subject names over and over, each
  time through RFC 5280 §7.1 matching of every attribute. Whether two names match is a pure
  function of their DER, so :func:`names_equal` answers identical encodings at once and
  memoises the rest by the pair of encodings (errors are not cached). For the same reason
  the ``hashable`` form of a name (the key of every certificate registry look-up) is
  memoised by its DER.

Each is checked against the original in tests/verify/test_speedups.py; pyHanko is pinned
(pyproject.toml), and :func:`install` refuses to patch when the originals are not where (or
not the shape) expected, so a pyHanko upgrade degrades to "slower", never to "different".
"""

from __future__ import annotations

import binascii
import functools
import inspect
import io
import logging
import re
import threading
from typing import Any

__all__ = [
    "ORIGINALS",
    "decode_name",
    "install",
    "match_issuer_serial",
    "name_hashable",
    "names_equal",
    "read_hex_string",
    "read_until_class",
]

log = logging.getLogger(__name__)

_WHITESPACE = b" \n\r\t\f\x00"  # pyhanko.pdf_utils.misc.PDF_WHITESPACE
_HEX_DIGITS = b"0123456789abcdefABCDEF"
_CHUNK = 64 * 1024
_TOKEN_CHUNK = 64
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


def read_until_class(class_chars: bytes, stream: Any, maxchars: int | None = None) -> Any:
    """pyHanko's ``misc._read_until_class``, reading in small chunks instead of byte by byte.

    Reads up to (and consumes) the first byte that is in ``class_chars``; returns the bytes
    before it and whether the stream ended first. A ``maxchars`` limit (only used for the
    file header) goes to the original.
    """
    if maxchars is not None:
        return ORIGINALS["_read_until_class"](class_chars, stream, maxchars=maxchars)
    stop = _stop_pattern(class_chars)
    parts: list[bytes] = []
    while True:
        chunk = stream.read(_TOKEN_CHUNK)
        if not chunk:
            return b"".join(parts), True
        found = stop.search(chunk)
        if found is not None:
            end = found.start()
            parts.append(chunk[:end])
            stream.seek(end + 1 - len(chunk), io.SEEK_CUR)
            return b"".join(parts), False
        parts.append(chunk)


@functools.lru_cache(maxsize=8)
def _stop_pattern(class_chars: bytes) -> re.Pattern[bytes]:
    return re.compile(b"[" + b"".join(re.escape(bytes((c,))) for c in class_chars) + b"]")


@functools.lru_cache(maxsize=4096)
def _decoded_name(name_bytes: bytes) -> str:
    return str(ORIGINALS["_decode_name"](name_bytes))


def decode_name(name_bytes: bytes) -> Any:
    """pyHanko's ``generic._decode_name``, memoised: a new ``NameObject`` each call (it gets
    its own ``container_ref``), its text a pure function of the bytes; errors are not
    cached, so a bad name raises each time as in the original."""
    from pyhanko.pdf_utils.generic import NameObject

    return NameObject(_decoded_name(bytes(name_bytes)))


def install() -> None:
    """Patch the hot spots (idempotent, thread-safe)."""
    global _installed
    with _LOCK:
        if _installed:
            return
        _installed = True
        _patch_hex_reader()
        _patch_string_prep()
        _patch_token_reader()
        _patch_name_decoder()
        _patch_issuer_serial()
        _patch_name_equality()
        _patch_name_hashable()


def match_issuer_serial(expected_issuer_serial: Any, cert: Any) -> bool:
    """pyHanko's ``match_issuer_serial`` with the cheap serial comparison first."""
    if expected_issuer_serial["serial_number"] != cert["tbs_certificate"]["serial_number"]:
        return False
    return bool(ORIGINALS["match_issuer_serial"](expected_issuer_serial, cert))


def names_equal(self: Any, other: Any) -> bool:
    """asn1crypto's ``RDNSequence.__eq__``, memoised by the two DER encodings."""
    from asn1crypto.x509 import RDNSequence

    if not isinstance(other, RDNSequence):
        return False
    mine, theirs = self.dump(), other.dump()
    return mine == theirs or _names_equal(mine, theirs)


@functools.lru_cache(maxsize=4096)
def _names_equal(mine: bytes, theirs: bytes) -> bool:
    from asn1crypto.x509 import RDNSequence

    return bool(ORIGINALS["RDNSequence.__eq__"](RDNSequence.load(mine), RDNSequence.load(theirs)))


def _patch_name_equality() -> None:
    from asn1crypto import x509 as asn1_x509

    cls = asn1_x509.RDNSequence
    original = cls.__dict__.get("__eq__")
    if original is None or not _same_shape(original, asn1_x509.__name__, ("self", "other")):
        log.warning("asn1crypto's name comparison changed; not memoising it")
        return
    ORIGINALS["RDNSequence.__eq__"] = original
    cls.__eq__ = names_equal


def name_hashable(self: Any) -> str:
    """asn1crypto's ``RDNSequence.hashable``, memoised by the name's DER."""
    return _name_hashable(self.dump())


@functools.lru_cache(maxsize=4096)
def _name_hashable(der: bytes) -> str:
    from asn1crypto.x509 import RDNSequence

    return str(ORIGINALS["RDNSequence.hashable"].fget(RDNSequence.load(der)))


def _patch_name_hashable() -> None:
    from asn1crypto import x509 as asn1_x509

    cls = asn1_x509.RDNSequence
    original = cls.__dict__.get("hashable")
    if not isinstance(original, property) or original.fget is None:
        log.warning("asn1crypto's name key changed; not memoising it")
        return
    ORIGINALS["RDNSequence.hashable"] = original
    cls.hashable = property(name_hashable)


def _patch_issuer_serial() -> None:
    from pyhanko.sign import general

    original = getattr(general, "match_issuer_serial", None)
    if not _same_shape(original, general.__name__, ("expected_issuer_serial", "cert")):
        log.warning("pyHanko's issuer/serial matcher changed; not patching it")
        return
    ORIGINALS["match_issuer_serial"] = original
    general.match_issuer_serial = match_issuer_serial


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


def _patch_token_reader() -> None:
    from pyhanko.pdf_utils import misc

    original = getattr(misc, "_read_until_class", None)
    if not _same_shape(original, misc.__name__, ("class_chars", "stream", "maxchars")):
        log.warning("pyHanko's token reader changed; not patching it")
        return
    ORIGINALS["_read_until_class"] = original
    misc._read_until_class = read_until_class


def _patch_name_decoder() -> None:
    from pyhanko.pdf_utils import generic

    original = getattr(generic, "_decode_name", None)
    if not _same_shape(original, generic.__name__, ("name_bytes",)):
        log.warning("pyHanko's name decoder changed; not patching it")
        return
    ORIGINALS["_decode_name"] = original
    generic._decode_name = decode_name


def _same_shape(function: Any, module: str, parameters: tuple[str, ...]) -> bool:
    """``function`` is still the module-level function with these parameters."""
    if function is None or getattr(function, "__module__", "") != module:
        return False
    try:
        return tuple(inspect.signature(function).parameters) == parameters
    except (TypeError, ValueError):
        return False
