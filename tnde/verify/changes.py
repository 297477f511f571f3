"""A readable account of what each incremental update of a PDF changed.

pyHanko's difference analysis decides whether later updates are acceptable (its
``ModificationLevel``); this module only *describes* them for the auditor, revision by
revision: signatures added, long-term validation data (DSS), form values or page content
changed, and objects nothing else explains (the tell-tale of shadow and incremental saving
attacks). It never changes a verdict.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tnde.verify.compare import metadata_changes

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = [
    "RevisionFacts",
    "Snapshots",
    "appearance_problems",
    "array_of",
    "describe_revisions",
    "dss_revisions",
    "iter_pages",
    "value_of",
]

log = logging.getLogger(__name__)

_MAX_DEPTH = 32


@dataclass
class RevisionFacts:
    """What one revision (after the first) changed, in the auditor's terms."""

    revision: int
    signatures: list[str] = field(default_factory=list)
    dss: bool = False
    values: list[str] = field(default_factory=list)
    appearances: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    annotations: list[str] = field(default_factory=list)
    metadata: list[str] = field(default_factory=list)
    other_objects: int = 0

    def text(self) -> str:
        """``Revisi 3: tanda tangan pada kolom 'Sekretaris'; …`` (1-based revision number)."""
        parts = list(self.signatures)
        if self.dss:
            parts.append("data validasi jangka panjang (DSS) ditambahkan")
        parts += [f"nilai kolom '{name}' diubah" for name in self.values]
        parts += [f"tampilan kolom '{name}' diubah" for name in self.appearances]
        parts += [f"isi halaman {page} diubah" for page in self.pages]
        parts += [f"anotasi pada halaman {page} ditambah/diubah" for page in self.annotations]
        parts += self.metadata
        if self.other_objects:
            parts.append(f"{self.other_objects} objek lain diubah")
        if not parts:
            parts.append("tidak ada objek yang diubah")
        return f"Revisi {self.revision + 1}: " + "; ".join(parts)


def dss_revisions(reader: Any, first: int = 0) -> set[int]:
    """Revisions from ``first`` on in which the document security store (``/DSS``) was added
    or changed.

    Start at the first signed revision: before it a pyHanko "revision" need not be a whole
    document (the main xref section of a linearised file has its /Root in the first-page
    section), and nothing before a signature bears on its PAdES level.
    """
    found: set[int] = set()
    previous: Any = None
    for revision in range(first, reader.xrefs.total_revisions):
        root = reader.get_historical_root(revision)
        raw = root.raw_get("/DSS") if "/DSS" in root else None
        ref = getattr(raw, "reference", None)
        changed = reader.xrefs.explicit_refs_in_revision(revision)
        if raw is not None and (ref != previous or ref is None or ref in changed):
            found.add(revision)
        previous = ref
    return found


class Snapshots:
    """The fields and pages of each revision of one file, read once."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self._taken: dict[int, _Snapshot] = {}
        self._metadata: dict[int, tuple[list[str], bool]] = {}

    def get(self, revision: int) -> _Snapshot:
        if revision not in self._taken:
            self._taken[revision] = _snapshot(self.reader, revision)
        return self._taken[revision]

    def metadata(self, revision: int) -> tuple[list[str], bool]:
        """:func:`tnde.verify.compare.metadata_changes` of ``revision``, computed once."""
        if revision not in self._metadata:
            self._metadata[revision] = metadata_changes(self.reader, revision)
        return self._metadata[revision]


def appearance_problems(snapshots: Snapshots, first: int, last: int) -> list[str]:
    """Form fields whose appearance changed while their value did not, in the revisions
    after ``first`` up to ``last``.

    Filling a form changes a field's value, and its appearance with it; an appearance that
    changes alone shows the reader something else than what the earlier signers saw while
    the value, which the difference analysis compares, stays put (the "replace" shadow
    attack). A later signature does not make that right: the earlier signer never saw it.
    """
    problems: list[str] = []
    for revision in range(first + 1, last + 1):
        before, after = snapshots.get(revision - 1), snapshots.get(revision)
        for name, (kind, value, _) in after.fields.items():
            old = before.fields.get(name)
            if kind == "/Sig" or old is None or old[1] != value:
                continue
            if before.looks.get(name) != after.looks.get(name):
                problems.append(
                    f"tampilan kolom '{name}' diganti pada revisi {revision + 1} tanpa "
                    "perubahan nilainya: yang terlihat bukan lagi yang ditandatangani "
                    "sebelumnya"
                )
    return problems


def describe_revisions(
    reader: Any,
    first: int,
    signatures: Mapping[int, list[str]],
    dss: set[int],
    snapshots: Snapshots | None = None,
) -> dict[int, RevisionFacts]:
    """Facts for every revision from ``first`` (inclusive) to the last.

    Args:
        reader: a pyHanko ``PdfFileReader``.
        first: the first revision to describe (revision 0 has nothing before it).
        signatures: revision → descriptions of the signatures it adds.
        dss: revisions that changed the DSS (see :func:`dss_revisions`).
        snapshots: the file's snapshots, when already taken.
    """
    snapshots = snapshots or Snapshots(reader)
    out: dict[int, RevisionFacts] = {}
    previous = snapshots.get(first - 1) if first > 0 else None
    for revision in range(max(first, 1), reader.xrefs.total_revisions):
        current = snapshots.get(revision)
        facts = RevisionFacts(revision, signatures=list(signatures.get(revision, [])))
        facts.dss = revision in dss
        info, xmp = snapshots.metadata(revision)
        if info:
            facts.metadata.append(f"metadata dokumen (/Info: {', '.join(info)}) diubah")
        if xmp:
            facts.metadata.append("metadata XMP diubah")
        changed = set(reader.xrefs.explicit_refs_in_revision(revision))
        if previous is not None:
            _compare(previous, current, changed, facts)
        explained = current.known_refs | (previous.known_refs if previous else set())
        if not facts.signatures and not facts.dss:
            facts.other_objects = len(changed - explained - current.fixed_refs)
        out[revision] = facts
        previous = current
    return out


@dataclass
class _Snapshot:
    fields: dict[str, tuple[str, Any, Any]] = field(default_factory=dict)
    """fq name → (field type, /V as text, /AP /N reference)."""
    pages: list[tuple[str, set[Any], int]] = field(default_factory=list)
    """Per page: the raw /Contents as text, the references it names, the /Annots count."""
    known_refs: set[Any] = field(default_factory=set)
    """References of fields, widgets and their appearances, pages and contents."""
    fixed_refs: set[Any] = field(default_factory=set)
    """Catalog, info dictionary, AcroForm and DSS: touched by every legitimate update."""
    looks: dict[str, str] = field(default_factory=dict)
    """fq name → digest of what the field's normal appearance draws."""


def _snapshot(reader: Any, revision: int) -> _Snapshot:
    snap = _Snapshot()
    root = reader.get_historical_root(revision)
    trailer = reader.trailer.flatten(revision)
    for key in ("/Root", "/Info"):
        ref = getattr(trailer.raw_get(key), "reference", None) if key in trailer else None
        if ref is not None:
            snap.fixed_refs.add(ref)
    for key in ("/AcroForm", "/DSS"):
        ref = getattr(root.raw_get(key), "reference", None) if key in root else None
        if ref is not None:
            snap.fixed_refs.add(ref)
    if "/AcroForm" in root and "/Fields" in root["/AcroForm"]:
        _walk_fields(root["/AcroForm"].raw_get("/Fields"), "", snap, 0)
    for page_ref, page in iter_pages(root["/Pages"].get_object() if "/Pages" in root else None):
        contents = page.raw_get("/Contents") if "/Contents" in page else None
        annots = array_of(page, "/Annots")
        content_refs = {r for r in _refs(contents) if r is not None}
        snap.pages.append((_raw_text(contents), content_refs, len(annots)))
        snap.known_refs.update(content_refs)
        if page_ref is not None:
            snap.known_refs.add(page_ref)
    return snap


def _walk_fields(array_raw: Any, prefix: str, snap: _Snapshot, depth: int) -> None:
    from pyhanko.pdf_utils.generic import DictionaryObject

    if depth > _MAX_DEPTH:
        return
    array = array_raw.get_object()
    for index in range(len(array)):
        raw = array.raw_get(index)
        ref = getattr(raw, "reference", None)
        if ref in snap.known_refs:
            continue
        node = raw.get_object()
        if not isinstance(node, DictionaryObject):
            continue  # a free object reads as null
        if ref is not None:
            snap.known_refs.add(ref)
        name = str(node.get("/T", "")) if "/T" in node else ""
        full = f"{prefix}.{name}" if prefix and name else (name or prefix)
        ap_ref = None
        if "/AP" in node and "/N" in node["/AP"]:
            ap_ref = getattr(node["/AP"].raw_get("/N"), "reference", None)
            if ap_ref is not None:
                snap.known_refs.add(ap_ref)
            if str(node.get("/FT", "")) != "/Sig":
                snap.looks[full] = _look(node["/AP"]["/N"])
        if "/Kids" in node:
            _walk_fields(node.raw_get("/Kids"), full, snap, depth + 1)
        if "/FT" in node or not snap.fields.get(full):
            kind = str(node.get("/FT", ""))
            value = _raw_text(node.raw_get("/V")) if "/V" in node else ""
            snap.fields[full] = (kind, value, ap_ref)


def _look(normal: Any) -> str:
    """A digest of a normal appearance: one stream, or a dictionary of state streams."""
    from pyhanko.pdf_utils.generic import DictionaryObject, StreamObject

    digest = hashlib.sha256()
    states = (
        [("", normal)]
        if isinstance(normal, StreamObject)
        else sorted((str(k), normal[k]) for k in normal)
        if isinstance(normal, DictionaryObject)
        else []
    )
    for state, stream in states:
        digest.update(state.encode() + b"\x00")
        if isinstance(stream, StreamObject):
            digest.update(stream.encoded_data)
            resources = stream.raw_get("/Resources") if "/Resources" in stream else None
            digest.update(_raw_text(resources).encode())
    return digest.hexdigest()


def _compare(old: _Snapshot, new: _Snapshot, changed: set[Any], facts: RevisionFacts) -> None:
    for name, (kind, value, ap_ref) in new.fields.items():
        before = old.fields.get(name)
        if kind == "/Sig" or before is None:
            continue
        if before[1] != value:
            facts.values.append(name)
        elif before[2] != ap_ref or (ap_ref is not None and ap_ref in changed):
            facts.appearances.append(name)
    for number, (contents, content_refs, annots) in enumerate(new.pages, 1):
        if number > len(old.pages):
            facts.pages.append(str(number))
            continue
        old_contents, _, old_annots = old.pages[number - 1]
        if old_contents != contents or content_refs & changed:
            facts.pages.append(str(number))
        if annots != old_annots and not facts.signatures:
            facts.annotations.append(str(number))


def value_of(dictionary: Any, key: str, default: Any = None) -> Any:
    """``dictionary[key]``, dereferenced, or ``default`` (pyHanko's ``.get`` does not
    dereference an indirect value)."""
    try:
        return dictionary[key]
    except KeyError:
        return default


def array_of(dictionary: Any, key: str) -> Any:
    """``dictionary[key]`` when it is an array (dereferenced), else ``[]``.

    pyHanko's ``DictionaryObject.get`` is plain ``dict.get`` and hands back an indirect
    reference unresolved; Adobe Reader writes ``/Annots`` as an indirect array.
    """
    if key not in dictionary:
        return []
    value = dictionary[key]
    return value if isinstance(value, list) else []


def iter_pages(node: Any, depth: int = 0) -> Iterator[tuple[Any, Any]]:
    if node is None or depth > _MAX_DEPTH:
        return
    kids: Any = array_of(node, "/Kids")
    for index in range(len(kids)):
        raw = kids.raw_get(index)
        kid = raw.get_object()
        if kid.get("/Type") == "/Pages" or "/Kids" in kid:
            yield from iter_pages(kid, depth + 1)
        else:
            yield getattr(raw, "reference", None), kid


def _raw_text(value: Any) -> str:
    """A stable text for comparing raw values (references stay references)."""
    if value is None:
        return ""
    ref = getattr(value, "reference", None)
    if ref is not None:
        return f"{ref.idnum} {ref.generation} R"
    if isinstance(value, list):
        array: Any = value
        return "[" + " ".join(_raw_text(array.raw_get(i)) for i in range(len(array))) + "]"
    return repr(value)


def _refs(value: Any) -> list[Any]:
    if value is None:
        return []
    ref = getattr(value, "reference", None)
    if ref is not None:
        return [ref]
    if isinstance(value, list):
        array: Any = value
        return [getattr(array.raw_get(i), "reference", None) for i in range(len(array))]
    return []
