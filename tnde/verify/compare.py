"""Whether two PDF values say the same thing: the objects a revision rewrote, its metadata.

Writers re-save what they touch (pyHanko writes the ``/Info`` dictionary and refreshes
``/ModDate`` and ``xmp:ModifyDate`` in every update), so "the object is in this revision's
xref" does not mean "it changed". These comparisons look at the values.
"""

from __future__ import annotations

import re
from typing import Any

from tnde.verify.explain import is_strict_error

__all__ = ["differing_keys", "metadata_changes", "same"]

_MAX_DEPTH = 16
#: /Info keys that record when the file was saved, not what the document says.
_INFO_MAINTENANCE = frozenset({"/ModDate"})
_XAP_PREFIX = re.compile(
    rb"xmlns:([A-Za-z_][\w.-]*)\s*=\s*[\"']http://ns\.adobe\.com/xap/1\.0/[\"']"
)


def metadata_changes(reader: Any, revision: int) -> tuple[list[str], bool]:
    """What ``revision`` changed of the document's metadata: the ``/Info`` keys whose value
    changed (``/ModDate`` aside), and whether the XMP packet says something else (its
    modification times aside). A new ``/Info`` or XMP object counts as changing it all."""
    old, new = (
        reader.get_historical_resolver(revision - 1),
        reader.get_historical_resolver(revision),
    )
    keys: list[str] = []
    info = _trailer_entry(new, "/Info")
    if info is not None:
        before = _trailer_entry(old, "/Info") or {}
        keys = [k for k in differing_keys(before, info) if k not in _INFO_MAINTENANCE]
    xmp = False
    new_ref = _ref(new.root, "/Metadata")
    if new_ref is not None:
        old_ref = _ref(old.root, "/Metadata")
        try:
            old_data = old.get_object(old_ref).data if old_ref is not None else b""
            xmp = _xmp_content(old_data) != _xmp_content(new.get_object(new_ref).data)
        except Exception as exc:  # unreadable metadata counts as changed
            if is_strict_error(exc):
                raise
            xmp = True
    return keys, xmp


def _trailer_entry(resolver: Any, key: str) -> Any:
    """A trailer entry as of the resolver's revision (the flattened trailer's indirect
    values would resolve in the newest revision)."""
    trailer = resolver.trailer_view
    if key not in trailer:
        return None
    ref = getattr(trailer.raw_get(key), "reference", None)
    return resolver.get_object(ref) if ref is not None else trailer[key]


def _ref(dictionary: Any, key: str) -> Any:
    """The reference ``dictionary`` holds under ``key``, or ``None``."""
    return getattr(dictionary.raw_get(key), "reference", None) if key in dictionary else None


def same(a: Any, b: Any, depth: int) -> bool:
    from pyhanko.pdf_utils.generic import ArrayObject, DictionaryObject, StreamObject

    if depth > _MAX_DEPTH:
        return False
    ref_a, ref_b = getattr(a, "reference", None), getattr(b, "reference", None)
    if ref_a is not None or ref_b is not None:
        return bool(ref_a == ref_b)
    if isinstance(a, StreamObject) or isinstance(b, StreamObject):
        if not (isinstance(a, StreamObject) and isinstance(b, StreamObject)):
            return False
        if a.encoded_data != b.encoded_data:
            return False
    if isinstance(a, DictionaryObject):
        return (
            isinstance(b, DictionaryObject)
            and set(a) == set(b)
            and all(same(a.raw_get(k), b.raw_get(k), depth + 1) for k in a)
        )
    if isinstance(a, ArrayObject):
        return (
            isinstance(b, ArrayObject)
            and len(a) == len(b)
            and all(same(a.raw_get(i), b.raw_get(i), depth + 1) for i in range(len(a)))
        )
    return type(a) is type(b) and bool(a == b)


def differing_keys(before: Any, after: Any) -> list[str]:
    keys = sorted(set(before) | set(after))
    return [
        str(k)
        for k in keys
        if k not in before or k not in after or not same(before.raw_get(k), after.raw_get(k), 0)
    ]


def _xmp_content(packet: bytes) -> bytes:
    """``packet`` without xmp:ModifyDate and xmp:MetadataDate (as attributes or elements).

    pyHanko refreshes xmp:ModifyDate in every update it writes, as it does /ModDate; those
    two say when the file was saved, not what the document says.
    """
    prefixes = set(_XAP_PREFIX.findall(packet)) or {b"xmp"}
    for prefix in prefixes:
        name = re.escape(prefix) + rb":(?:ModifyDate|MetadataDate)"
        packet = re.sub(rb"\s" + name + rb"\s*=\s*(\"[^\"]*\"|'[^']*')", b"", packet)
        packet = re.sub(rb"<(" + name + rb")\s*>[^<]*</\1\s*>", b"", packet)
    return b" ".join(packet.split())
