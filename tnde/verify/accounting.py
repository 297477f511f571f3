"""Every byte after the first signature belongs to something a revision declares.

An incremental update may only add what its cross-reference section lists. Bytes that no
xref entry, xref section, trailer or ``startxref``/``%%EOF`` marker accounts for are read by
no PDF viewer, yet they sit in a "signed" file: a hidden payload, a whole second PDF, or a
ZIP archive that turns the letter into a PDF/ZIP polyglot. pyHanko's difference analysis
works on parsed objects and never sees them, so they are looked for here, in the raw bytes,
for every revision after the first signed one (issue: "account for every byte").

A revision's bytes run from the end of the previous revision's ``%%EOF`` line to the end of
its own. Inside them only these may appear, without overlapping:

- the indirect objects its xref section lists at an offset (``N G obj … endobj``), each
  starting inside the revision;
- its xref table and trailer dictionary, or its xref stream object;
- ``startxref``, the offset of this revision's xref, ``%%EOF``;
- PDF whitespace between them.

Anything else is reported with its byte range.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from tnde.verify.explain import is_strict_error

__all__ = ["RevisionSpan", "revision_spans", "unaccounted_problems"]

_WS = b" \t\r\n\f\x00"
_WS_CLASS = rb"[ \t\r\n\f\x00]"
_TABLE_HEAD = re.compile(rb"xref" + _WS_CLASS + rb"*?(?:\r\n|\r|\n)")
_SUBSECTION = re.compile(rb"(\d+) (\d+)" + _WS_CLASS + rb"*?(?:\r\n|\r|\n)")
_ENTRY = re.compile(rb"\d{10} \d{5} [nf](?:\r\n| \r| \n|\n|\r)")
_TRAILER = re.compile(_WS_CLASS + rb"*trailer" + _WS_CLASS + rb"*")
_END = re.compile(
    _WS_CLASS + rb"*startxref" + _WS_CLASS + rb"+(\d+)" + _WS_CLASS + rb"+%%EOF(\r\n|\r|\n)?"
)
#: At most this many problems are named per file; the first ones say enough.
_MAX_PROBLEMS = 6


@dataclass(frozen=True)
class RevisionSpan:
    """Where one revision's bytes lie: ``data[start:end]``."""

    revision: int
    start: int
    end: int


class _UnaccountedError(Exception):
    """A revision's structure cannot be followed (names the place in Indonesian)."""


def revision_spans(
    data: bytes, reader: Any, first: int = 0, start: int | None = None
) -> list[RevisionSpan]:
    """The byte span of every revision from ``first`` on, in order.

    The span of ``first`` starts at ``start`` (where a signature's byte range ends), else
    where revision ``first - 1`` ends (0 for the first revision). Earlier revisions are not
    examined: a linearised original may not follow the simple layout (its first-page trailer
    may say ``startxref 0``), and what a signature covers is judged by the signature.

    Raises:
        ValueError: a revision does not end with ``startxref`` and ``%%EOF`` right after its
            trailer (the message is an Indonesian sentence).
    """
    spans: list[RevisionSpan] = []
    try:
        if start is None:
            start = _revision_end(data, reader, first - 1) if first > 0 else 0
        for revision in range(first, reader.xrefs.total_revisions):
            end = _revision_end(data, reader, revision)
            spans.append(RevisionSpan(revision, start, end))
            start = end
    except _UnaccountedError as exc:
        raise ValueError(str(exc)) from None
    return spans


def unaccounted_problems(
    data: bytes, reader: Any, first_revision: int, start: int | None = None
) -> list[str]:
    """Problems with the bytes of every revision from ``first_revision`` on (empty: none).

    Args:
        data: the whole file.
        reader: a pyHanko ``PdfFileReader`` over ``data``.
        first_revision: the first revision to account for (the one after the first
            signature's revision).
        start: where that revision's bytes start (the end of the first signature's byte
            range), when known.
    """
    if first_revision >= reader.xrefs.total_revisions:
        return []
    try:
        spans = revision_spans(data, reader, first_revision, start)
    except ValueError as exc:
        return [str(exc)]
    problems: list[str] = []
    for span in spans:
        try:
            problems += _account(data, reader, span)
        except _UnaccountedError as exc:
            problems.append(str(exc))
        if len(problems) >= _MAX_PROBLEMS:
            break
    # Bytes after the last %%EOF are reported by structure.file_end_problems.
    return problems[:_MAX_PROBLEMS]


# -- one revision ---------------------------------------------------------------------------------


def _revision_end(data: bytes, reader: Any, revision: int) -> int:
    """Offset just after the ``%%EOF`` line of ``revision``."""
    meta = reader.xrefs.get_xref_container_info(revision)
    after = _xref_section_end(data, reader, meta)
    match = _END.match(data, after)
    if match is None or int(match.group(1)) != meta.declared_startxref:
        raise _UnaccountedError(
            f"revisi {revision + 1} tidak diakhiri dengan startxref {meta.declared_startxref} "
            f"dan %%EOF tepat setelah trailer-nya (byte {after})"
        )
    return match.end()


def _xref_section_end(data: bytes, reader: Any, meta: Any) -> int:
    """Offset just after a revision's xref table + trailer, or its xref stream object."""
    if meta.stream_ref is not None and meta.xref_section_type.name == "STREAM":
        return _object_extent(data, reader, meta.declared_startxref, meta.stream_ref)[1]
    position = _table_end(data, meta.declared_startxref)
    trailer = _TRAILER.match(data, position)
    if trailer is None:
        raise _UnaccountedError(
            f"kata kunci trailer tidak ditemukan setelah tabel xref (byte {position})"
        )
    return _dictionary_end(data, reader, trailer.end())


def _table_end(data: bytes, start: int) -> int:
    """Offset just after the last entry of the xref table starting at ``start``."""
    head = _TABLE_HEAD.match(data, start)
    if head is None:
        raise _UnaccountedError(f"tabel xref di byte {start} tidak dimulai dengan kata kunci xref")
    position = head.end()
    while True:
        subsection = _SUBSECTION.match(data, position)
        if subsection is None:
            return position
        position = subsection.end()
        for _ in range(int(subsection.group(2))):
            entry = _ENTRY.match(data, position)
            if entry is None:
                raise _UnaccountedError(f"baris tabel xref rusak di byte {position}")
            position = entry.end()


def _dictionary_end(data: bytes, reader: Any, start: int) -> int:
    from pyhanko.pdf_utils import generic

    stream = io.BytesIO(data)
    stream.seek(start)
    try:
        generic.DictionaryObject.read_from_stream(stream, generic.TrailerReference(reader))  # type: ignore[no-untyped-call]
    except Exception as exc:
        if is_strict_error(exc):
            raise
        raise _UnaccountedError(f"trailer di byte {start} tidak dapat dibaca") from exc
    return stream.tell()


def _object_extent(data: bytes, reader: Any, offset: int, ref: Any) -> tuple[int, int]:
    """``(start, end)`` of the indirect object at ``offset``, ``endobj`` included."""
    from pyhanko.pdf_utils import generic, misc
    from pyhanko.pdf_utils.xref import read_object_header

    stream = io.BytesIO(data)
    stream.seek(offset)
    try:
        idnum, generation = read_object_header(stream, strict=True)  # type: ignore[no-untyped-call]
        if (idnum, generation) != (ref.idnum, ref.generation):
            raise _UnaccountedError(
                f"xref menunjuk objek {ref.idnum} {ref.generation} ke byte {offset}, tetapi di "
                f"sana ada objek {idnum} {generation}"
            )
        generic.read_object(stream, generic.Reference(idnum, generation, reader))
        misc.read_non_whitespace(stream, seek_back=True)  # type: ignore[no-untyped-call]
    except _UnaccountedError:
        raise
    except Exception as exc:
        if is_strict_error(exc):
            raise
        raise _UnaccountedError(
            f"objek {ref.idnum} {ref.generation} di byte {offset} tidak dapat dibaca"
        ) from exc
    end = stream.tell()
    if data[end : end + 6] != b"endobj":
        raise _UnaccountedError(f"objek {ref.idnum} {ref.generation} di byte {offset} tanpa endobj")
    return offset, end + 6


def _account(data: bytes, reader: Any, span: RevisionSpan) -> list[str]:
    from pyhanko.pdf_utils import generic

    meta = reader.xrefs.get_xref_container_info(span.revision)
    section = reader.xrefs.get_xref_data(span.revision)
    pieces: list[tuple[int, int, str]] = []
    offsets = dict(section.standard_xrefs)
    if section.hybrid is not None:
        offsets.update(section.hybrid.xref_data.standard_xrefs)
    for idnum, (generation, offset) in sorted(offsets.items(), key=lambda item: item[1][1]):
        if not span.start <= offset < span.end:
            raise _UnaccountedError(
                f"xref revisi {span.revision + 1} menunjuk objek {idnum} {generation} ke byte "
                f"{offset}, di luar revisinya (byte {span.start}–{span.end - 1})"
            )
        ref = generic.Reference(idnum, generation, reader)
        start, end = _object_extent(data, reader, offset, ref)
        pieces.append((start, end, f"objek {idnum} {generation}"))
    if meta.xref_section_type.name == "STREAM":
        ref = meta.stream_ref
        start, end = _object_extent(data, reader, meta.declared_startxref, ref)
        if not any(p[0] == start for p in pieces):
            pieces.append((start, end, "aliran xref"))
    else:
        pieces.append(
            (meta.declared_startxref, _xref_section_end(data, reader, meta), "tabel xref")
        )
    if meta.xref_section_type.name == "HYBRID_MAIN":
        hybrid = section.hybrid.meta_info
        start, end = _object_extent(data, reader, hybrid.declared_startxref, hybrid.stream_ref)
        if not any(p[0] == start for p in pieces):
            pieces.append((start, end, "aliran xref hibrida"))
    tail = _END.match(data, max(p[1] for p in pieces))
    if tail is not None:
        pieces.append((tail.start(), tail.end(), "startxref/%%EOF"))
    return _gaps(data, span, sorted(pieces))


def _gaps(data: bytes, span: RevisionSpan, pieces: list[tuple[int, int, str]]) -> list[str]:
    problems: list[str] = []
    position = span.start
    for start, end, what in pieces:
        if start < position:
            problems.append(
                f"{what} (byte {start}) tumpang tindih dengan bagian sebelumnya pada revisi "
                f"{span.revision + 1}"
            )
        else:
            problems += _stray(data, position, start, span.revision)
        position = max(position, end)
    problems += _stray(data, position, span.end, span.revision)
    return problems


def _stray(data: bytes, start: int, end: int, revision: int) -> list[str]:
    """Report non-whitespace bytes in ``data[start:end]``."""
    chunk = data[start:end]
    stripped = chunk.strip(_WS)
    if not stripped:
        return []
    first = start + chunk.index(stripped[:1])
    last = start + len(chunk.rstrip(_WS)) - 1
    return [
        f"byte {first}–{last} ({last - first + 1} byte) pada revisi {revision + 1} tidak "
        "termasuk objek, tabel xref, trailer atau penanda akhir revisi mana pun (data "
        "tersembunyi di antara revisi)"
    ]
