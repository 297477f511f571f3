"""The negative corpus, generated from our own signed letters.

Each function takes the bytes of a genuinely signed file and returns an attacked copy. The
incremental ones use pypdf's incremental writer, as an attacker with ordinary tools would.
"""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)

_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


def byte_ranges(data: bytes) -> list[tuple[int, int, int, int]]:
    return [tuple(int(g) for g in m.groups()) for m in _BYTE_RANGE.finditer(data)]  # type: ignore[misc]


def byte_flip(data: bytes) -> bytes:
    """One byte changed inside the first signed range (the producer name)."""
    out = bytearray(data)
    index = out.find(b"ReportLab")
    out[index] = ord("X")
    return bytes(out)


def trailing_garbage(data: bytes) -> bytes:
    return data + b"\n%garbage\n"


def truncated(data: bytes) -> bytes:
    return data[: len(data) - 300]


def rewritten(data: bytes) -> bytes:
    """A plain pypdf round trip: every offset moves."""
    writer = PdfWriter(clone_from=io.BytesIO(data))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def incremental(data: bytes) -> PdfWriter:
    return PdfWriter(io.BytesIO(data), incremental=True)


def written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def incremental_saving(data: bytes) -> bytes:
    """ISA: an appended content stream paints over the amount and writes a new one."""
    writer = incremental(data)
    page = writer.pages[0]
    overlay = DecodedStreamObject()
    overlay.set_data(
        b"q 1 1 1 rg 70 630 210 26 re f Q BT /F1 11 Tf 75 640 Td (Rp 90.000.000) Tj ET"
    )
    ref = writer._add_object(overlay)
    contents = page.raw_get("/Contents")
    page[NameObject("/Contents")] = ArrayObject(
        [*(contents if isinstance(contents, list) else [contents]), ref]
    )
    return written(writer)


def _signature_dict(writer: PdfWriter, field: str = "Kepala") -> Any:
    for annot in writer.pages[0]["/Annots"]:
        widget = annot.get_object()
        if widget.get("/T") == field:
            return widget["/V"].get_object()
    raise LookupError(field)


def usf_null_contents(data: bytes) -> bytes:
    writer = incremental(data)
    sig = _signature_dict(writer)
    sig[NameObject("/Contents")] = NullObject()
    return written(writer)


def usf_null_byte_range(data: bytes) -> bytes:
    writer = incremental(data)
    sig = _signature_dict(writer)
    sig[NameObject("/ByteRange")] = NullObject()
    return written(writer)


def usf_empty_contents(data: bytes) -> bytes:
    writer = incremental(data)
    sig = _signature_dict(writer)
    sig[NameObject("/Contents")] = ByteStringObject(b"")
    return written(writer)


def usf_beyond_eof(data: bytes) -> bytes:
    """The signature dictionary re-saved with a second range running past the end."""
    writer = incremental(data)
    sig = _signature_dict(writer)
    start, a, b, c = (int(v) for v in sig["/ByteRange"])
    sig[NameObject("/ByteRange")] = ArrayObject(
        [NumberObject(v) for v in (start, a, b, c + 100_000)]
    )
    return written(writer)


def usf_not_from_zero(data: bytes) -> bytes:
    """The first range rewritten in place to start at byte 1 (same length, same file size)."""
    match = _BYTE_RANGE.search(data)
    assert match is not None
    _start, a, b, c = (int(g) for g in match.groups())
    old = match.group(0)
    new = f"/ByteRange [1 {a - 1} {b} {c}]".encode()
    new = new[:-1] + b" " * (len(old) - len(new)) + b"]"
    assert len(new) == len(old)
    return data[: match.start()] + new + data[match.end() :]


def wrapping(data: bytes) -> bytes:
    """SWA-style gap injection: objects written into the zero padding of /Contents."""
    _, a, b, _ = byte_ranges(data)[0]
    gap = data[a:b]
    hex_end = len(gap.rstrip(b">").rstrip(b"0"))
    hex_end += hex_end % 2  # keep whole bytes of the CMS value
    inject = b"> 99 0 obj (x) endobj "
    new_gap = gap[:hex_end] + inject + b" " * (len(gap) - hex_end - len(inject) - 1) + b">"
    assert len(new_gap) == len(gap)
    return data[:a] + new_gap + data[b:]


def shadow_hide(data: bytes) -> bytes:
    """Shadow "hide": the white cover (a Form XObject) emptied in a later update."""
    writer = incremental(data)
    xobjects = writer.pages[0]["/Resources"]["/XObject"]
    for name in xobjects:
        if "Cover" in str(name):
            cover = xobjects[name].get_object()
            for key in ("/Filter", "/DecodeParms"):
                if key in cover:
                    del cover[key]
            cover._data = b""  # raw (unfiltered) stream data: nothing is painted any more
            return written(writer)
    raise LookupError("Cover")


def shadow_replace(data: bytes, value: str = "Rp 90.000.000") -> bytes:
    """Shadow "replace": the text field's value and appearance changed after signing."""
    writer = incremental(data)
    for annot in writer.pages[0]["/Annots"]:
        widget = annot.get_object()
        if widget.get("/T") == "Nominal":
            widget[NameObject("/V")] = TextStringObject(value)
            normal = widget["/AP"]["/N"].get_object()
            normal.set_data(f"/Tx BMC BT /F1 11 Tf 2 7 Td ({value}) Tj ET EMC".encode())
            return written(writer)
    raise LookupError("Nominal")


def field_value(data: bytes, name: str = "Nominal") -> str:
    """The value of a text field as a reader sees it."""
    fields = PdfReader(io.BytesIO(data)).get_fields() or {}
    return str(fields[name].get("/V"))
