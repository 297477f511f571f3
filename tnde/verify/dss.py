"""The document security store must hold validation data and nothing else.

A DSS update is the one change allowed after the last signature, so it is the obvious place
to smuggle data into a signed letter: a ``/VRI`` entry holding a ZIP archive, a "certificate"
that is a text file, a key no validator reads. pyHanko reads the DSS it needs and ignores the
rest. Here every object the DSS reaches must be what its place says it is (PAdES, ETSI EN
319 142-1 §5.4): certificates, CRLs and OCSP responses that parse as such, VRI dictionaries
with only their defined keys, timestamp tokens that are CMS structures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DssFindings", "examine_dss", "is_validation_data"]

_DSS_KEYS = frozenset({"/Type", "/Certs", "/OCSPs", "/CRLs", "/VRI"})
_VRI_KEYS = frozenset({"/Type", "/Cert", "/CRL", "/OCSP", "/TU", "/TS"})
_VRI_NAME = re.compile(r"/[0-9A-Fa-f]{40}")
_DSS_ARRAYS = {"/Certs": "cert", "/OCSPs": "ocsp", "/CRLs": "crl"}
_VRI_ARRAYS = {"/Cert": "cert", "/CRL": "crl", "/OCSP": "ocsp"}
_KIND_TEXT = {"cert": "sertifikat", "crl": "CRL", "ocsp": "respons OCSP", "ts": "token cap waktu"}
_MAX_PROBLEMS = 5


@dataclass
class DssFindings:
    """What the DSS of one revision reaches, and what is wrong with it."""

    refs: set[Any] = field(default_factory=set)
    """References of every object reachable from the DSS through its defined keys."""
    problems: list[str] = field(default_factory=list)
    """Indonesian sentences; empty when the DSS holds only validation data."""


def examine_dss(root: Any, check: set[Any] | None = None) -> DssFindings:
    """Walk the DSS of the catalog ``root`` (a pyHanko historical root).

    Args:
        root: the document catalog as of some revision.
        check: when given, only streams whose reference is in it are parsed (objects that
            were added or changed in the revision of interest); the structure is always
            checked. ``None`` parses every stream.
    """
    found = DssFindings()
    if "/DSS" not in root:
        return found
    raw = root.raw_get("/DSS")
    _note_ref(raw, found)
    dss = raw.get_object()
    if not _is_dict(dss):
        found.problems.append("DSS bukan kamus")
        return found
    _keys_and_arrays(dss, "/DSS", _DSS_ARRAYS, "DSS", found, check)
    if "/VRI" in dss:
        _vri(dss.raw_get("/VRI"), found, check)
    del found.problems[_MAX_PROBLEMS:]
    return found


def is_validation_data(value: Any) -> bool:
    """``value`` on its own is validation data: a VRI dictionary, or a certificate, CRL,
    OCSP response or timestamp token stream (or an array of such streams).

    Writers sometimes leave such an object unreferenced (pyHanko does, when a VRI entry is
    replaced); it is harmless, as long as it is nothing else.
    """
    from pyhanko.pdf_utils.generic import ArrayObject, StreamObject

    if isinstance(value, StreamObject):
        data = value.data
        return any(_parses(data, kind) for kind in ("cert", "crl", "ocsp", "ts"))
    if isinstance(value, ArrayObject):
        items = [value.raw_get(i) for i in range(len(value))]
        return all(
            getattr(item, "reference", None) is not None and is_validation_data(item.get_object())
            for item in items
        )
    if not _is_dict(value) or value.get("/Type", "/VRI") != "/VRI":
        return False
    found = DssFindings()
    _entry(value, "VRI", found, None)
    return not found.problems


def _vri(raw: Any, found: DssFindings, check: set[Any] | None) -> None:
    _note_ref(raw, found)
    vri = raw.get_object()
    if not _is_dict(vri):
        found.problems.append("DSS /VRI bukan kamus")
        return
    for name in vri:
        where = f"DSS /VRI {str(name)[:12]}…"
        if not _VRI_NAME.fullmatch(str(name)):
            found.problems.append(f"DSS /VRI memuat kunci yang bukan SHA-1 tanda tangan: {name}")
        entry_raw = vri.raw_get(name)
        _note_ref(entry_raw, found)
        entry = entry_raw.get_object()
        if not _is_dict(entry):
            found.problems.append(f"{where} bukan kamus VRI")
            continue
        _entry(entry, where, found, check)


def _entry(entry: Any, where: str, found: DssFindings, check: set[Any] | None) -> None:
    """One VRI dictionary: its keys, and what its arrays and /TS hold."""
    _keys_and_arrays(entry, "/VRI", _VRI_ARRAYS, where, found, check)
    if "/TS" in entry:
        _stream(entry.raw_get("/TS"), "ts", f"{where} /TS", found, check)
    if "/TU" in entry and not isinstance(entry["/TU"], str):
        found.problems.append(f"{where} /TU bukan tanggal")


def _keys_and_arrays(
    dictionary: Any,
    type_name: str,
    arrays: dict[str, str],
    where: str,
    found: DssFindings,
    check: set[Any] | None,
) -> None:
    """Only known keys, the right ``/Type`` if any, and each array of the right streams."""
    known = _DSS_KEYS if type_name == "/DSS" else _VRI_KEYS
    for key in dictionary:
        if key not in known:
            found.problems.append(f"{where} memuat kunci yang tidak dikenal: {key}")
    if "/Type" in dictionary and dictionary["/Type"] != type_name:
        found.problems.append(f"{where} bertipe {dictionary['/Type']}, bukan {type_name}")
    for key, kind in arrays.items():
        if key in dictionary:
            _streams(dictionary.raw_get(key), kind, f"{where} {key}", found, check)


def _streams(raw: Any, kind: str, where: str, found: DssFindings, check: set[Any] | None) -> None:
    from pyhanko.pdf_utils.generic import ArrayObject

    _note_ref(raw, found)
    array = raw.get_object()
    if not isinstance(array, ArrayObject):
        found.problems.append(f"{where} bukan larik")
        return
    for index in range(len(array)):
        _stream(array.raw_get(index), kind, where, found, check)


def _stream(raw: Any, kind: str, where: str, found: DssFindings, check: set[Any] | None) -> None:
    from pyhanko.pdf_utils.generic import StreamObject

    ref = _note_ref(raw, found)
    value = raw.get_object()
    if not isinstance(value, StreamObject):
        found.problems.append(f"{where} memuat nilai yang bukan aliran {_KIND_TEXT[kind]}")
        return
    if check is not None and ref not in check:
        return
    if not _parses(value.data, kind):
        found.problems.append(
            f"{where} memuat data yang bukan {_KIND_TEXT[kind]}"
            + (f" (objek {ref.idnum})" if ref is not None else "")
        )


def _parses(der: bytes, kind: str) -> bool:
    """``der`` is exactly one well-formed structure of the kind, nothing before or after."""
    from cryptography import x509
    from cryptography.x509 import ocsp

    try:
        if kind == "cert":
            x509.load_der_x509_certificate(der)
        elif kind == "crl":
            x509.load_der_x509_crl(der)
        elif kind == "ocsp":
            ocsp.load_der_ocsp_response(der)
        else:
            from asn1crypto import cms

            info = cms.ContentInfo.load(der, strict=True)
            if info["content_type"].native != "signed_data":
                return False
            info["content"]["encap_content_info"]["content_type"].native  # noqa: B018
    except Exception:  # noqa: BLE001 - whatever the parser says, it is not that kind
        return False
    return True


def _note_ref(raw: Any, found: DssFindings) -> Any:
    ref = getattr(raw, "reference", None)
    if ref is not None:
        found.refs.add(ref)
    return ref


def _is_dict(value: Any) -> bool:
    from pyhanko.pdf_utils.generic import DictionaryObject, StreamObject

    return isinstance(value, DictionaryObject) and not isinstance(value, StreamObject)
