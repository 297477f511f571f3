"""What may change after the last signature: validation data and document timestamps only.

A document timestamp proves *when*, never *who agreed*, so the revisions after the last
approval or certification signature are covered by no one's consent. pyHanko's difference
analysis ranks them ``LTA_UPDATES`` even when they rewrite the document's metadata (``/Info``,
XMP): a letter No. 10 could carry the title and keywords of letter No. 9 and still look
"only maintained". Here every object such a revision adds or changes must be one of:

- the catalog, changing only ``/DSS``, ``/Extensions``, ``/Version`` (and ``/AcroForm`` when
  the revision adds a document timestamp);
- the DSS and what it reaches (checked by :mod:`tnde.verify.dss`);
- a new document timestamp: its field, signature dictionary and invisible widget, the
  ``/AcroForm`` and ``/Fields`` that list it, a page's ``/Annots`` that gains its widget;
- the revision's own xref stream or object streams;
- an object written again with exactly the same content (writers re-save what they touch).

The ``/Info`` dictionary may be re-saved with a newer ``/ModDate`` and nothing else; any other
change of metadata is a change of the document, named as such.
"""

from __future__ import annotations

from typing import Any

from tnde.verify.changes import Snapshots, iter_pages, value_of
from tnde.verify.compare import differing_keys, same
from tnde.verify.dss import examine_dss, is_validation_data
from tnde.verify.explain import is_strict_error

__all__ = ["tail_problems"]

_ROOT_KEYS = frozenset({"/DSS", "/Extensions", "/Version"})
_ACROFORM_KEYS = frozenset({"/Fields", "/SigFlags"})
_MAX_PROBLEMS = 6


def tail_problems(
    reader: Any, last_signature_revision: int, snapshots: Snapshots | None = None
) -> list[str]:
    """Problems in the revisions after ``last_signature_revision`` (empty: none).

    ``snapshots`` shares the metadata comparison with the report's revision account.
    """
    snapshots = snapshots or Snapshots(reader)
    problems: list[str] = []
    for revision in range(last_signature_revision + 1, reader.xrefs.total_revisions):
        problems += _revision_problems(reader, revision, snapshots)
        if len(problems) >= _MAX_PROBLEMS:
            break
    return problems[:_MAX_PROBLEMS]


def _revision_problems(reader: Any, revision: int, snapshots: Snapshots) -> list[str]:
    number = revision + 1
    changed = set(reader.xrefs.explicit_refs_in_revision(revision))
    freed = reader.xrefs.refs_freed_in_revision(revision)
    changed -= freed
    problems = [
        f"revisi {number} menghapus objek {ref.idnum} setelah tanda tangan terakhir"
        for ref in sorted(freed, key=lambda r: r.idnum)
    ]
    before, after = reader.trailer.flatten(revision - 1), reader.trailer.flatten(revision)
    for key in ("/Root", "/Info", "/Encrypt"):
        if _raw(before, key) != _raw(after, key):
            problems.append(f"revisi {number} mengganti {key} pada trailer")
    allowed: set[Any] = set()
    problems += _catalog(reader, revision, changed, allowed)
    problems += _metadata(reader, revision, changed, allowed, snapshots)
    dss = examine_dss(reader.get_historical_root(revision), check=changed)
    allowed |= dss.refs
    problems += [f"revisi {number}: {p}" for p in dss.problems]
    problems += _document_timestamps(reader, revision, changed, allowed)
    meta = reader.xrefs.get_xref_container_info(revision)
    if meta.stream_ref is not None:
        allowed.add(meta.stream_ref)
    for ref in sorted(changed - allowed, key=lambda r: r.idnum):
        value = reader.get_historical_resolver(revision).get_object(ref)
        if _is_object_stream(value) or _unchanged(reader, ref, revision):
            continue
        if reader.xrefs.get_historical_ref(ref, revision - 1) is None and is_validation_data(value):
            continue  # a new, unreferenced piece of validation data: harmless
        problems.append(
            f"objek {ref.idnum} {ref.generation} ({_what(value)}) diubah atau ditambahkan pada "
            f"revisi {number}{_where(reader, ref, revision)}, setelah tanda tangan terakhir, "
            "dan bukan data validasi (DSS) atau cap waktu dokumen"
        )
    return problems


def _catalog(reader: Any, revision: int, changed: set[Any], allowed: set[Any]) -> list[str]:
    root_ref = getattr(reader.trailer.flatten(revision).raw_get("/Root"), "reference", None)
    if root_ref is None or root_ref not in changed:
        return []
    allowed.add(root_ref)
    before = reader.get_historical_root(revision - 1)
    after = reader.get_historical_root(revision)
    keys = _ROOT_KEYS | ({"/AcroForm"} if _adds_timestamp(reader, revision) else set())
    differing = [k for k in differing_keys(before, after) if k not in keys]
    if "/Metadata" in differing:
        differing.remove("/Metadata")
        return [
            f"metadata XMP dokumen diganti pada revisi {revision + 1}, setelah tanda tangan "
            "terakhir (perubahan dokumen yang tidak ditandatangani siapa pun)"
        ]
    if not differing:
        return []
    return [
        f"katalog dokumen diubah pada revisi {revision + 1} setelah tanda tangan terakhir "
        f"({', '.join(differing)})"
    ]


def _metadata(
    reader: Any, revision: int, changed: set[Any], allowed: set[Any], snapshots: Snapshots
) -> list[str]:
    """The /Info dictionary and the XMP packet may be re-saved, not changed."""
    info_ref = getattr(_raw_value(reader.trailer.flatten(revision), "/Info"), "reference", None)
    xmp_ref = getattr(
        _raw_value(reader.get_historical_root(revision), "/Metadata"), "reference", None
    )
    touched = {info_ref, xmp_ref} & changed - {None}
    if not touched:
        return []
    allowed |= touched
    keys, xmp = snapshots.metadata(revision)
    problems = []
    if keys and info_ref in touched:
        problems.append(
            f"metadata dokumen (/Info: {', '.join(keys)}) diubah pada revisi {revision + 1}, "
            "setelah tanda tangan terakhir (perubahan dokumen yang tidak ditandatangani "
            "siapa pun)"
        )
    if xmp and xmp_ref in touched:
        problems.append(
            f"metadata XMP dokumen diubah pada revisi {revision + 1}, setelah tanda tangan "
            "terakhir (perubahan dokumen yang tidak ditandatangani siapa pun)"
        )
    return problems


def _document_timestamps(
    reader: Any, revision: int, changed: set[Any], allowed: set[Any]
) -> list[str]:
    """Allow the machinery of document timestamps added in ``revision``; check its shape."""
    new_fields = _new_fields(reader, revision)
    if not new_fields:
        return []
    problems: list[str] = []
    root = reader.get_historical_root(revision)
    form_raw = root.raw_get("/AcroForm")
    form_ref = getattr(form_raw, "reference", None)
    if form_ref is not None:
        allowed.add(form_ref)
    before_root = reader.get_historical_root(revision - 1)
    if "/AcroForm" in before_root:
        differing = differing_keys(before_root["/AcroForm"], root["/AcroForm"])
        extra = [k for k in differing if k not in _ACROFORM_KEYS]
        if extra:
            problems.append(f"revisi {revision + 1} mengubah /AcroForm ({', '.join(extra)})")
    fields_ref = getattr(root["/AcroForm"].raw_get("/Fields"), "reference", None)
    if fields_ref is not None:
        allowed.add(fields_ref)
    widgets: set[Any] = set()
    for field_ref, field in new_fields:
        allowed.add(field_ref)
        widgets.add(field_ref)
        value = value_of(field, "/V")
        if field.get("/FT") != "/Sig" or value is None or value.get("/Type") != "/DocTimeStamp":
            problems.append(
                f"revisi {revision + 1} menambahkan kolom '{field.get('/T', '?')}' yang bukan "
                "cap waktu dokumen setelah tanda tangan terakhir"
            )
            continue
        sig_ref = getattr(field.raw_get("/V"), "reference", None)
        if sig_ref is not None:
            allowed.add(sig_ref)
        for kid_ref, kid in _kids(field):
            allowed.add(kid_ref)
            widgets.add(kid_ref)
            problems += _invisible(kid, revision)
        problems += _invisible(field, revision)
        for widget in (field, *(kid for _, kid in _kids(field))):
            if "/AP" in widget:
                allowed |= _refs_in(widget.raw_get("/AP"))
    problems += _pages_gaining(reader, revision, changed, widgets, allowed)
    return problems


def _pages_gaining(
    reader: Any, revision: int, changed: set[Any], widgets: set[Any], allowed: set[Any]
) -> list[str]:
    """Pages (and their /Annots arrays) whose only change is gaining the new widgets."""

    problems: list[str] = []
    root = reader.get_historical_root(revision)
    for page_ref, page in iter_pages(root["/Pages"].get_object() if "/Pages" in root else None):
        annots_ref = (
            getattr(page.raw_get("/Annots"), "reference", None) if "/Annots" in page else None
        )
        touched = {page_ref, annots_ref} & changed - {None}
        if not touched:
            continue
        old = reader.get_historical_resolver(revision - 1).get_object(page_ref)
        if [k for k in differing_keys(old, page) if k != "/Annots"]:
            continue  # left for the generic check: it names the object
        old_annots = [_ref_of(a) for a in _array_raw(old, "/Annots")]
        new_annots = [_ref_of(a) for a in _array_raw(page, "/Annots")]
        added = new_annots[len(old_annots) :]
        if new_annots[: len(old_annots)] != old_annots or not set(added) <= widgets:
            problems.append(
                f"revisi {revision + 1} mengubah anotasi halaman selain menambahkan widget cap "
                "waktu dokumen"
            )
            continue
        allowed |= touched
    return problems


def _new_fields(reader: Any, revision: int) -> list[tuple[Any, Any]]:
    def fields(rev: int) -> list[Any]:
        root = reader.get_historical_root(rev)
        if "/AcroForm" not in root or "/Fields" not in root["/AcroForm"]:
            return []
        array = root["/AcroForm"]["/Fields"]
        return [array.raw_get(i) for i in range(len(array))]

    old = {_ref_of(f) for f in fields(revision - 1)}
    return [(_ref_of(f), f.get_object()) for f in fields(revision) if _ref_of(f) not in old]


def _adds_timestamp(reader: Any, revision: int) -> bool:
    return bool(_new_fields(reader, revision))


def _kids(field: Any) -> list[tuple[Any, Any]]:
    return [(_ref_of(k), k.get_object()) for k in _array_raw(field, "/Kids")]


def _invisible(widget: Any, revision: int) -> list[str]:
    if "/Rect" not in widget:
        return []
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    if abs(x2 - x1) * abs(y2 - y1) == 0:
        return []
    return [f"cap waktu dokumen pada revisi {revision + 1} memiliki tampilan yang terlihat"]


# -- comparing objects ------------------------------------------------------------------------


def _unchanged(reader: Any, ref: Any, revision: int) -> bool:
    """``ref`` holds the same value in ``revision`` as just before it."""
    if reader.xrefs.get_historical_ref(ref, revision - 1) is None:
        return False
    try:
        before = reader.get_historical_resolver(revision - 1).get_object(ref)
    except Exception as exc:  # no earlier value: a new object
        if is_strict_error(exc):
            raise
        return False
    return same(before, reader.get_historical_resolver(revision).get_object(ref), 0)


def _raw(dictionary: Any, key: str) -> str:
    value = _raw_value(dictionary, key)
    ref = getattr(value, "reference", None)
    return f"{ref.idnum} {ref.generation} R" if ref is not None else repr(value)


def _raw_value(dictionary: Any, key: str) -> Any:
    return dictionary.raw_get(key) if key in dictionary else None


def _ref_of(raw: Any) -> Any:
    return getattr(raw, "reference", None)


def _array_raw(dictionary: Any, key: str) -> list[Any]:
    if key not in dictionary:
        return []
    array = dictionary[key]
    return [array.raw_get(i) for i in range(len(array))]


def _refs_in(raw: Any, depth: int = 0) -> set[Any]:
    """References reachable from a direct value (an /AP dictionary and its streams)."""
    from pyhanko.pdf_utils.generic import ArrayObject, DictionaryObject

    found: set[Any] = set()
    ref = getattr(raw, "reference", None)
    if ref is not None:
        found.add(ref)
    if depth > 2:
        return found
    value = raw.get_object() if ref is not None else raw
    if isinstance(value, DictionaryObject):
        for key in value:
            if key not in ("/Resources", "/Parent"):
                found |= _refs_in(value.raw_get(key), depth + 1)
    elif isinstance(value, ArrayObject):
        for index in range(len(value)):
            found |= _refs_in(value.raw_get(index), depth + 1)
    return found


def _is_object_stream(value: Any) -> bool:
    from pyhanko.pdf_utils.generic import StreamObject

    return isinstance(value, StreamObject) and value.get("/Type") == "/ObjStm"


def _what(value: Any) -> str:
    from pyhanko.pdf_utils.generic import DictionaryObject, StreamObject

    if isinstance(value, StreamObject):
        kind = value.get("/Type") or value.get("/Subtype")
        return f"aliran {kind}" if kind else "aliran"
    if isinstance(value, DictionaryObject):
        kind = value.get("/Type")
        return f"kamus {kind}" if kind else "kamus"
    return type(value).__name__.removesuffix("Object").lower() or "nilai"


def _where(reader: Any, ref: Any, revision: int) -> str:
    location = reader.xrefs.get_historical_ref(ref, revision)
    return f" di byte {location}" if isinstance(location, int) else ""
