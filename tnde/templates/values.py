"""Typed field values and their validation against a template.

A draft's raw values (from TOML or a form) become typed values here; every problem is
reported as a :class:`~tnde.errors.ValidationError` naming the field, all at once, so a form
can mark every wrong field in one pass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.errors import ValidationError
from tnde.formatting import parse_tanggal, validate_nik, validate_nip
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from tnde.templates.model import FieldSpec, Template

DELEGATION_FORMS = ("a.n.", "u.b.", "Plt.", "Plh.", "Pj.")


@dataclass(frozen=True)
class Person:
    """An identity as printed in a letter (signers, parties, assignees)."""

    nama: str
    nip: str = ""
    pangkat: str = ""
    golongan: str = ""
    jabatan: str = ""
    nik: str = ""
    instansi: str = ""
    alamat: str = ""


@dataclass(frozen=True)
class Delegation:
    """How a signer signs for someone else."""

    bentuk: str
    """One of :data:`DELEGATION_FORMS`."""
    atas_nama: str = ""
    """The jabatan signed for, after ``a.n.`` (a.n. and u.b.)."""
    jabatan_antara: str = ""
    """For ``u.b.``: the jabatan holding the a.n. mandate, printed between a.n. and u.b."""
    dasar: str = ""
    """Legal basis (nomor SK) of a Plt./Plh./Pj. appointment; recorded, not printed."""
    pelaksana: str = ""
    """``Plt.`` or ``Plh.`` when the signer under a.n./u.b. only stands in for their own
    jabatan ("a.n. BUPATI / Plh. SEKRETARIS DAERAH,")."""


@dataclass(frozen=True)
class Signer:
    """A person signing in a jabatan, possibly by delegation."""

    person: Person
    delegasi: Delegation | None = None


@dataclass(frozen=True)
class Attachment:
    """A lampiran page: a title and its content (richtext)."""

    judul: str
    isi: str = ""


def empty(value: Any) -> bool:
    """Whether a value counts as not filled in (text of spaces alone counts as empty)."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == () or value == []


def validate_values(
    template: Template, raw: dict[str, Any]
) -> tuple[dict[str, Any], list[ValidationError]]:
    """Check and convert raw values for ``template``.

    Returns:
        The typed values (fields with problems are left out) and the problems found.
    """
    values: dict[str, Any] = {}
    problems: list[ValidationError] = []
    misspelt: set[str] = set()
    for name in raw:
        if template.field(name) is None:
            close = difflib.get_close_matches(name, template.field_names, n=1)
            if close and close[0] not in raw:
                misspelt.add(close[0])
            detail = (
                _(
                    "{template} has no field {name!r}; did you mean {close!r}?",
                    template=template.nama,
                    name=name,
                    close=close[0],
                )
                if close
                else _("{template} has no field {name!r}", template=template.nama, name=name)
            )
            problems.append(ValidationError(name, "unknown_field", detail))
    for spec in template.fields:
        value = raw.get(spec.name, spec.default)
        if empty(value):
            if spec.name in misspelt:
                continue  # reported above as the misspelt key
            if spec.required:
                problems.append(
                    ValidationError(
                        spec.name, "required", _("{label} is required", label=spec.label)
                    )
                )
            continue
        try:
            values[spec.name] = _CONVERTERS[spec.type](spec, value)
        except ValidationError as exc:
            problems.append(exc)
    return values, problems


def _text(spec: FieldSpec, value: Any, *, multiline: bool = False) -> str:
    if not isinstance(value, str):
        raise _wrong(spec, _("text"))
    text = value.strip() if multiline else " ".join(value.split())
    if spec.max_length is not None and len(text) > spec.max_length:
        raise ValidationError(
            spec.name,
            "too_long",
            _(
                "{label} has at most {max_length} characters (now {count})",
                label=spec.label,
                max_length=spec.max_length,
                count=len(text),
            ),
        )
    if spec.pattern and not re.fullmatch(spec.pattern, text):
        # the template's own help is written for the office, in its language
        hint = spec.pattern_help or _("must match the pattern {pattern}", pattern=spec.pattern)
        raise ValidationError(
            spec.name, "pattern", _("{label}: {hint}", label=spec.label, hint=hint)
        )
    return text


def _richtext(spec: FieldSpec, value: Any) -> str:
    return _text(spec, value, multiline=True)


def _date(spec: FieldSpec, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_tanggal(value)
        except ValidationError:
            pass
    raise ValidationError(
        spec.name,
        "bad_date",
        _("{label}: {value!r} is not a date (e.g. 2026-11-27)", label=spec.label, value=value),
    )


def _choice(spec: FieldSpec, value: Any) -> str:
    if value not in spec.choices:
        raise ValidationError(
            spec.name,
            "choice",
            _(
                "{label}: {value!r} is unknown; choose one of: {choices}",
                label=spec.label,
                value=value,
                choices=", ".join(spec.choices),
            ),
        )
    return str(value)


def _integer(spec: FieldSpec, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _wrong(spec, _("a whole number, zero or more"))
    return value


def _items(spec: FieldSpec, value: Any) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise _wrong(spec, _("a list"))
    if len(value) < spec.min_items:
        raise ValidationError(
            spec.name,
            "too_few",
            _(
                "{label} needs at least {min_items} item(s)",
                label=spec.label,
                min_items=spec.min_items,
            ),
        )
    if spec.max_items is not None and len(value) > spec.max_items:
        raise ValidationError(
            spec.name,
            "too_many",
            _(
                "{label} has at most {max_items} item(s)",
                label=spec.label,
                max_items=spec.max_items,
            ),
        )
    return list(value)


def _list(spec: FieldSpec, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [line for line in value.splitlines() if line.strip()]
    out = []
    for i, item in enumerate(_items(spec, value)):
        if not isinstance(item, str) or not item.strip():
            raise ValidationError(
                f"{spec.name}[{i}]",
                "bad_item",
                _(
                    "item {number} of {label} must be non-empty text",
                    label=spec.label,
                    number=i + 1,
                ),
            )
        out.append(" ".join(item.split()))
    return tuple(out)


def _table(spec: FieldSpec, value: Any) -> tuple[dict[str, str], ...]:
    rows = []
    allowed = {c.name for c in spec.columns}
    for i, row in enumerate(_items(spec, value)):
        where = f"{spec.name}[{i}]"
        if not isinstance(row, dict):
            raise ValidationError(
                where,
                "bad_row",
                _("row {number} of {label} must be a table", label=spec.label, number=i + 1),
            )
        extra = sorted(set(row) - allowed)
        if extra:
            raise ValidationError(
                f"{where}.{extra[0]}",
                "unknown_column",
                _("{label} has no column {extra!r}", label=spec.label, extra=extra[0]),
            )
        clean = {}
        for column in spec.columns:
            cell = row.get(column.name, "")
            if not isinstance(cell, str | int):
                raise ValidationError(
                    f"{where}.{column.name}",
                    "bad_cell",
                    _("{label} must be text", label=column.label),
                )
            if column.required and not str(cell).strip():
                raise ValidationError(
                    f"{where}.{column.name}",
                    "required",
                    _("{label} in row {number} is required", label=column.label, number=i + 1),
                )
            clean[column.name] = str(cell).strip()
        rows.append(clean)
    return tuple(rows)


_PERSON_KEYS = ("nama", "nip", "pangkat", "golongan", "jabatan", "nik", "instansi", "alamat")


def _person_from(
    spec: FieldSpec, value: Any, where: str, extra_keys: tuple[str, ...] = ()
) -> Person:
    if not isinstance(value, dict):
        raise ValidationError(
            where, "bad_person", _("{label} must be a table (nama, nip, …)", label=spec.label)
        )
    unknown = sorted(set(value) - set(_PERSON_KEYS) - set(extra_keys))
    if unknown:
        raise ValidationError(
            f"{where}.{unknown[0]}",
            "unknown_key",
            _("{label} has no field {unknown!r}", label=spec.label, unknown=unknown[0]),
        )
    fields = {}
    for key in _PERSON_KEYS:
        item = value.get(key, "")
        if not isinstance(item, str):
            raise ValidationError(f"{where}.{key}", "bad_value", _("{key} must be text", key=key))
        fields[key] = " ".join(item.split())
    if not fields["nama"]:
        raise ValidationError(
            f"{where}.nama", "required", _("the nama of {label} is required", label=spec.label)
        )
    if fields["nip"]:
        try:
            fields["nip"] = validate_nip(fields["nip"])
        except ValidationError as exc:
            raise ValidationError(f"{where}.nip", exc.code, exc.detail) from None
    if fields["nik"]:
        try:
            fields["nik"] = validate_nik(fields["nik"])
        except ValidationError as exc:
            raise ValidationError(f"{where}.nik", exc.code, exc.detail) from None
    return Person(**fields)


def _person(spec: FieldSpec, value: Any) -> Person:
    return _person_from(spec, value, spec.name)


def _signer(spec: FieldSpec, value: Any) -> Signer:
    person = _person_from(spec, value, spec.name, extra_keys=("delegasi",))
    if not person.jabatan:
        raise ValidationError(
            f"{spec.name}.jabatan",
            "required",
            _("the jabatan of {label} is required", label=spec.label),
        )
    raw = value.get("delegasi")
    if raw is None:
        return Signer(person=person)
    where = f"{spec.name}.delegasi"
    if not isinstance(raw, dict):
        raise ValidationError(where, "bad_delegation", _("delegasi must be a table"))
    unknown = sorted(set(raw) - {"bentuk", "atas_nama", "jabatan_antara", "dasar", "pelaksana"})
    if unknown:
        raise ValidationError(
            f"{where}.{unknown[0]}",
            "unknown_key",
            _("delegasi has no field {unknown!r}", unknown=unknown[0]),
        )
    bentuk = raw.get("bentuk", "")
    if bentuk not in DELEGATION_FORMS:
        raise ValidationError(
            f"{where}.bentuk",
            "delegation_form",
            _(
                "unknown bentuk {bentuk!r}; choose: {choices}",
                bentuk=bentuk,
                choices=", ".join(DELEGATION_FORMS),
            ),
        )
    delegation = Delegation(
        bentuk=bentuk,
        atas_nama=" ".join(str(raw.get("atas_nama", "")).split()),
        jabatan_antara=" ".join(str(raw.get("jabatan_antara", "")).split()),
        dasar=" ".join(str(raw.get("dasar", "")).split()),
        pelaksana=str(raw.get("pelaksana", "")).strip(),
    )
    if delegation.pelaksana and (
        delegation.pelaksana not in ("Plt.", "Plh.") or bentuk not in ("a.n.", "u.b.")
    ):
        raise ValidationError(
            f"{where}.pelaksana",
            "delegation_form",
            _("pelaksana (Plt. or Plh.) is only used with a.n. or u.b."),
        )
    if bentuk in ("a.n.", "u.b.") and not delegation.atas_nama:
        raise ValidationError(
            f"{where}.atas_nama",
            "required",
            _("{bentuk} needs the jabatan signed for (atas_nama)", bentuk=bentuk),
        )
    if bentuk == "u.b." and not delegation.jabatan_antara:
        raise ValidationError(
            f"{where}.jabatan_antara",
            "required",
            _("u.b. needs the jabatan holding the a.n. (jabatan_antara)"),
        )
    return Signer(person=person, delegasi=delegation)


def _attachments(spec: FieldSpec, value: Any) -> tuple[Attachment, ...]:
    out = []
    for i, item in enumerate(_items(spec, value)):
        where = f"{spec.name}[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("judul", ""), str):
            raise ValidationError(
                where, "bad_attachment", _("lampiran must be a table (judul, isi)")
            )
        unknown = sorted(set(item) - {"judul", "isi"})
        if unknown:
            raise ValidationError(
                f"{where}.{unknown[0]}",
                "unknown_key",
                _("lampiran has no field {unknown!r}", unknown=unknown[0]),
            )
        judul = " ".join(item.get("judul", "").split())
        if not judul:
            raise ValidationError(
                f"{where}.judul", "required", _("the judul of a lampiran is required")
            )
        isi = item.get("isi", "")
        if not isinstance(isi, str):
            raise ValidationError(
                f"{where}.isi", "bad_value", _("the isi of a lampiran must be text")
            )
        out.append(Attachment(judul=judul, isi=isi.strip()))
    return tuple(out)


_KKA_RE = re.compile(r"^(?:[0-9]{3}(?:\.[0-9]+)*|[A-Z]{2}(?:\.[0-9]{2})*(?:\.[0-9]+)?)$")


def _kka(spec: FieldSpec, value: Any) -> str:
    text = _text(spec, value)
    if not _KKA_RE.match(text):
        raise ValidationError(
            spec.name,
            "kka_format",
            _(
                "{label}: {text!r} is not a classification code (e.g. 000.8.3.3)",
                label=spec.label,
                text=text,
            ),
        )
    return text


def _wrong(spec: FieldSpec, expected: str) -> ValidationError:
    return ValidationError(
        spec.name,
        "wrong_type",
        _("{label} must be {expected}", label=spec.label, expected=expected),
    )


_CONVERTERS: dict[str, Callable[[FieldSpec, Any], Any]] = {
    "text": _text,
    "richtext": _richtext,
    "date": _date,
    "choice": _choice,
    "integer": _integer,
    "list": _list,
    "table": _table,
    "person": _person,
    "signer": _signer,
    "attachments": _attachments,
    "kka": _kka,
}
