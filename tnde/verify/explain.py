"""Why a file or signature could not be read, in the auditor's words.

The verifier fails closed on every exception, but a verdict is read by an auditor, not a
programmer: "TypeError: 'Void' object is not subscriptable" or pyHanko's "Failed to read
dictionary key at byte 0x0x1f3" say nothing useful and leak internals. Exceptions are mapped
to Indonesian sentences by what they mean; the exception itself goes to the debug log.
"""

from __future__ import annotations

import re

__all__ = ["explain", "is_strict_error"]

_BYTE = re.compile(r"(?:byte|position|offset)\s+(?:0x)*([0-9a-fA-F]+)\b", re.IGNORECASE)


def explain(exc: BaseException) -> str:
    """An Indonesian sentence for ``exc``, naming the byte position when pyHanko gave one."""
    from pyhanko.pdf_utils.misc import PdfReadError, PdfStrictReadError

    message = str(getattr(exc, "failure_message", "") or exc)
    lowered = message.lower()
    where = _where(message)
    if "authenticate first" in lowered or "no seed available" in lowered:
        return "berkas terenkripsi dan tidak dapat dibuka tanpa kunci"
    if "decode limit" in lowered or "too large" in lowered:
        return "berkas memuat aliran data yang terlalu besar untuk diperiksa"
    if "contents" in lowered and "string" in lowered:
        return "nilai /Contents tanda tangan bukan string (tanda tangan dipalsukan atau rusak)"
    if "byterange" in lowered or "byte range" in lowered:
        return "/ByteRange tanda tangan tidak sah"
    if isinstance(exc, PdfStrictReadError):
        return f"struktur PDF tidak sesuai standar{where}"
    if isinstance(exc, PdfReadError):
        return f"struktur PDF rusak{where}"
    if _is_asn1_problem(exc, lowered):
        return "nilai tanda tangan bukan struktur CMS/PKCS#7 yang utuh"
    if isinstance(exc, RecursionError):
        return "struktur PDF bersarang terlalu dalam"
    if isinstance(exc, MemoryError):
        return "berkas terlalu besar untuk diperiksa"
    return "struktur berkas atau tanda tangan tidak dapat dibaca"


def _where(message: str) -> str:
    match = _BYTE.search(message)
    if match is None:
        return ""
    text = match.group(1)
    try:
        number = int(text, 16) if "0x" in message[match.start() : match.end()] else int(text)
    except ValueError:
        return ""
    return f" (sekitar byte {number})"


def _is_asn1_problem(exc: BaseException, lowered: str) -> bool:
    """The exception comes from decoding ASN.1 (asn1crypto raised it, or it says so)."""
    module = type(exc).__module__ or ""
    if module.startswith("asn1crypto") or _raised_in(exc, "asn1crypto"):
        return True
    return isinstance(exc, (TypeError, ValueError, KeyError, AttributeError)) and any(
        word in lowered for word in ("asn1", "void", "signed_data", "signer_info", "tag", "der")
    )


def _raised_in(exc: BaseException, package: str) -> bool:
    """Whether the innermost frame of ``exc``'s traceback is in ``package``."""
    trace = exc.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    if trace is None:
        return False
    name = str(trace.tb_frame.f_globals.get("__name__", ""))
    return name == package or name.startswith(package + ".")


def is_strict_error(exc: BaseException) -> bool:
    """``exc`` is pyHanko refusing what only its strict mode refuses (a lenient read may go on).

    Callers that catch every exception to fail closed re-raise these while reading strictly,
    so the whole verification can run again on a lenient reading.
    """
    from pyhanko.pdf_utils.misc import PdfStrictReadError

    return isinstance(exc, PdfStrictReadError)
