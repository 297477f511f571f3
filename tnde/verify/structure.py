"""Byte-level checks of signatures and revisions that do not trust any PDF parser.

pyHanko judges coverage from the parsed document; the attacks on PDF signatures (universal
signature forgery, signature wrapping, trailing data) live in the raw bytes. These functions
look at the bytes themselves and return Indonesian problem
sentences; an empty list means the check passed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "byte_range_problems",
    "contents_padding_problems",
    "ends_at_revision",
    "file_end_problems",
    "revision_end_before",
]

_HEX = re.compile(rb"<[0-9A-Fa-f]*>")
#: The end of a revision: ``startxref``, the offset, ``%%EOF`` and at most one end of line.
_TAIL = re.compile(rb"startxref[ \t\r\n\f\x00]+(\d+)[ \t\r\n\f\x00]+%%EOF(\r\n|\r|\n)?\Z")
#: How far back from a revision end the ``startxref`` keyword may sit.
_TAIL_WINDOW = 64
#: From an object header up to its ``/Contents`` key, with no ``endobj`` in between.
_OBJ_HEAD = re.compile(rb"\d+[ \t\r\n\f\x00]+\d+[ \t\r\n\f\x00]+obj\b")


def byte_range_problems(
    data: bytes,
    byte_range: Sequence[object],
    contents: bytes,
    object_offset: int | None,
) -> list[str]:
    """Check one signature's ``/ByteRange`` against the file.

    Args:
        data: the whole file.
        byte_range: the ``/ByteRange`` array as parsed (four non-negative integers expected).
        contents: the decoded ``/Contents`` value of the same signature dictionary, padding
            included.
        object_offset: where the signature dictionary's object starts in ``data`` (from the
            cross-reference table), or ``None`` when it lives in an object stream.

    The rules: exactly two ranges, the first starting at 0; they lie inside the file; the gap
    between them is a single hex string that decodes to this dictionary's ``/Contents`` and
    sits inside this dictionary's object, right after its ``/Contents`` key; the second range
    ends at the end of a revision (``startxref n %%EOF``).
    """
    values = list(byte_range)
    ints = [int(v) for v in values if isinstance(v, int) and not isinstance(v, bool)]
    if len(values) != 4 or len(ints) != 4:
        return [f"/ByteRange bukan empat bilangan bulat: {_short(values)}"]
    start, first_len, second_start, second_len = ints
    if min(start, first_len, second_start, second_len) < 0:
        return [f"/ByteRange memuat bilangan negatif: {values}"]
    if first_len == 0 or second_len == 0:
        return [f"/ByteRange tidak mencakup isi berkas (rentang kosong: {values})"]
    problems: list[str] = []
    if start != 0:
        problems.append(f"/ByteRange tidak dimulai dari byte 0 (dimulai dari {start})")
    end = second_start + second_len
    if end > len(data) or first_len > len(data):
        problems.append(
            f"/ByteRange menunjuk ke luar berkas (sampai byte {end}, berkas {len(data)} byte)"
        )
        return problems
    if second_start < first_len:
        problems.append("kedua rentang /ByteRange bertumpang tindih")
        return problems
    gap = data[first_len:second_start]
    if not _HEX.fullmatch(gap):
        problems.append(
            "celah di antara rentang yang ditandatangani bukan satu string heksadesimal "
            "(indikasi serangan signature wrapping)"
        )
    elif bytes.fromhex(gap[1:-1].decode("ascii")) != contents:
        problems.append("celah /ByteRange bukan nilai /Contents milik tanda tangan ini")
    else:
        problems += contents_padding_problems(contents)
    if object_offset is None:
        problems.append("kamus tanda tangan tersimpan di object stream (tidak diperbolehkan)")
    elif not _contents_key_before(data, object_offset, first_len):
        problems.append("celah /ByteRange tidak berada pada kunci /Contents kamus tanda tangan ini")
    if not ends_at_revision(data, end):
        problems.append("rentang kedua /ByteRange tidak berakhir di batas revisi (%%EOF)")
    return problems


def contents_padding_problems(contents: bytes) -> list[str]:
    """``/Contents`` is one DER (or BER) structure followed only by zero bytes.

    The space reserved for the CMS is unsigned: whatever follows the structure is read by no
    validator, so anything but zero padding there is hidden data in a "signed" file.
    """
    from asn1crypto import parser

    try:
        _, _, _, header, body, trailer = parser.parse(contents)
    except (ValueError, TypeError):
        return ["/Contents tidak diawali struktur CMS (ASN.1) yang utuh"]
    used = len(header) + len(body) + len(trailer)
    rest = contents[used:]
    if rest.strip(b"\x00"):
        first = used + len(rest) - len(rest.lstrip(b"\x00"))
        return [
            f"padding /Contents setelah CMS ({len(rest)} byte) memuat data selain nol, mulai "
            f"byte ke-{first} nilai tanda tangan (data tersembunyi)"
        ]
    return []


def _contents_key_before(data: bytes, object_offset: int, gap_start: int) -> bool:
    """The object at ``object_offset`` reaches ``gap_start`` and ends with ``/Contents``."""
    if not 0 <= object_offset < gap_start:
        return False
    head = data[object_offset:gap_start]
    if not _OBJ_HEAD.match(head) or b"endobj" in head:
        return False
    return head.rstrip(b" \t\r\n\f\x00").endswith(b"/Contents")


def ends_at_revision(data: bytes, end: int) -> bool:
    """``data[:end]`` ends with ``startxref n %%EOF`` (and at most one end of line)."""
    return revision_end_before(data, end) is not None


def revision_end_before(data: bytes, end: int) -> int | None:
    """The ``startxref`` value of the revision ending exactly at ``end``, else ``None``."""
    if not 0 < end <= len(data):
        return None
    match = _TAIL.search(data[max(0, end - _TAIL_WINDOW) : end])
    return int(match.group(1)) if match else None


def file_end_problems(data: bytes, last_startxref: int) -> list[str]:
    """The file ends at the end of its last revision: no bytes after the final ``%%EOF``."""
    found = revision_end_before(data, len(data))
    if found is None:
        return ["ada data tambahan setelah %%EOF revisi terakhir"]
    if found != last_startxref:
        return ["penanda startxref di akhir berkas tidak menunjuk ke revisi terakhir"]
    return []


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
