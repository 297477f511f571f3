"""New objects that nothing references: hidden payloads between signatures.

An incremental update may list a new object in its xref without any other object pointing
at it. No viewer ever reads it, pyHanko's difference analysis has nothing to compare it
with, and a later signer signs over it unknowingly, so a ZIP archive or a second document can
ride along in a "signed" letter. After the first signature every such object must be
validation data (:func:`tnde.verify.dss.is_validation_data`: writers do leave a replaced VRI
entry behind); anything else is named with its byte offset. The revisions after the last
signature are checked more strictly still by :mod:`tnde.verify.tail`.
"""

from __future__ import annotations

from typing import Any

from tnde.verify.dss import is_validation_data

__all__ = ["orphan_problems"]

_MAX_DEPTH = 32
_MAX_PROBLEMS = 4


def orphan_problems(reader: Any, first: int, last: int) -> list[str]:
    """Unreferenced new objects in the revisions after ``first`` up to ``last`` (inclusive).

    An object counts as referenced when the trailer or any object written in its own or a
    later revision names it.
    """
    referenced: set[tuple[int, int]] = set()
    problems: list[str] = []
    for revision in range(reader.xrefs.total_revisions - 1, first, -1):
        changed = set(reader.xrefs.explicit_refs_in_revision(revision))
        changed -= reader.xrefs.refs_freed_in_revision(revision)
        trailer = reader.trailer.flatten(revision)
        _collect(trailer, referenced, 0)
        meta = reader.xrefs.get_xref_container_info(revision)
        values = {ref: reader.get_historical_resolver(revision).get_object(ref) for ref in changed}
        for value in values.values():
            _collect(value, referenced, 0)
        if revision > last:
            continue
        for ref, value in sorted(values.items(), key=lambda item: item[0].idnum):
            key = (ref.idnum, ref.generation)
            if key in referenced or ref == meta.stream_ref or _is_container(value):
                continue
            if reader.xrefs.get_historical_ref(ref, revision - 1) is not None:
                continue  # an existing object rewritten: judged by the difference analysis
            if is_validation_data(value):
                continue
            location = reader.xrefs.get_historical_ref(ref, revision)
            where = f" di byte {location}" if isinstance(location, int) else ""
            problems.append(
                f"objek {ref.idnum} {ref.generation}{where} ditambahkan pada revisi "
                f"{revision + 1} tanpa dirujuk objek mana pun (data tersembunyi di antara tanda "
                "tangan)"
            )
    return problems[:_MAX_PROBLEMS]


def _collect(value: Any, into: set[tuple[int, int]], depth: int) -> None:
    """Add the references ``value`` names directly (without following them) to ``into``."""
    from pyhanko.pdf_utils.generic import ArrayObject, DictionaryObject

    if depth > _MAX_DEPTH:
        return
    ref = getattr(value, "reference", None)
    if ref is not None:
        into.add((ref.idnum, ref.generation))
        return
    if isinstance(value, DictionaryObject):
        for key in value:
            _collect(value.raw_get(key), into, depth + 1)
    elif isinstance(value, ArrayObject):
        for index in range(len(value)):
            _collect(value.raw_get(index), into, depth + 1)


def _is_container(value: Any) -> bool:
    """Object and xref streams are found through the xref, not through references."""
    from pyhanko.pdf_utils.generic import StreamObject

    return isinstance(value, StreamObject) and value.get("/Type") in ("/ObjStm", "/XRef")
