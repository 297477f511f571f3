"""Consistency checks of an org chart: every problem at once, located like a TOML key.

A chart read from a file or the database may be inconsistent; :func:`validate_chart` lists
every problem so an import can show them all before anything is written. Messages never
repeat a NIP (personal data).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tnde.errors import ValidationError
from tnde.formatting import validate_nip
from tnde.messages import _
from tnde.org.model import BENTUK

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tnde.org.model import Assignment, OrgChart

__all__ = ["OrgProblem", "validate_chart"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OrgProblem:
    """One inconsistency in an org chart, located like a TOML key (``jabatan[3].superior_id``)."""

    table: str
    """``"unit"``, ``"jabatan"``, ``"pegawai"`` or ``"assignment"``."""
    index: int
    """Position of the row in its table (0-based; CSV row = index + 2, after the header)."""
    field: str
    """The column concerned, or ``""`` for the whole row."""
    code: str
    """Stable reason: ``unknown_unit``, ``cycle``, ``acting_without_dasar``, ``bad_nip``…"""
    detail: str
    """The human sentence (never repeats a NIP)."""

    @property
    def key(self) -> str:
        """Where, in TOML terms: ``"assignment[2].dasar"``."""
        where = f"{self.table}[{self.index}]"
        return f"{where}.{self.field}" if self.field else where

    def __str__(self) -> str:
        return f"{self.key}: {self.detail}"


def validate_chart(chart: OrgChart) -> tuple[OrgProblem, ...]:
    """Every inconsistency of ``chart``, in table order; empty when the chart is sound.

    Checks: empty or duplicate ids and names, unknown references, cycles in unit parents
    and jabatan superiors, two heads for one unit, invalid NIPs, unknown ``bentuk``,
    periods that end before they start, Plt./Plh./Pj. without ``dasar``, a Plh. without an
    end date, and overlapping definitive assignments of one jabatan.
    """
    problems: list[OrgProblem] = []
    problems += _check_units(chart)
    problems += _check_jabatan(chart)
    problems += _check_pegawai(chart)
    problems += _check_assignments(chart)
    if problems:
        _log.debug("org chart has %d problems", len(problems))
    return tuple(problems)


def _check_units(chart: OrgChart) -> list[OrgProblem]:
    out: list[OrgProblem] = []
    first_index = _index(u.unit_id for u in chart.units)
    for i, u in enumerate(chart.units):

        def bad(field: str, code: str, detail: str, i: int = i) -> None:
            out.append(OrgProblem("unit", i, field, code, detail))

        if not u.unit_id.strip():
            bad("unit_id", "empty", _("unit_id must not be empty"))
        elif first_index[u.unit_id] != i:
            bad("unit_id", "duplicate", _("unit {unit_id!r} appears twice", unit_id=u.unit_id))
        if not u.nama.strip():
            bad("nama", "empty", _("unit {unit_id!r} has no nama", unit_id=u.unit_id))
        if u.parent_id is not None and u.parent_id not in chart.units_by_id:
            bad(
                "parent_id",
                "unknown_unit",
                _("parent unit {unit_id!r} does not exist", unit_id=u.parent_id),
            )
    for i, cycle in _cycles([(u.unit_id, u.parent_id) for u in chart.units]):
        out.append(
            OrgProblem(
                "unit",
                i,
                "parent_id",
                "cycle",
                _("units are their own parent: {cycle}", cycle=cycle),
            )
        )
    return out


def _check_jabatan(chart: OrgChart) -> list[OrgProblem]:
    out: list[OrgProblem] = []
    first_index = _index(j.jabatan_id for j in chart.jabatan)
    heads: dict[str, str] = {}
    for i, j in enumerate(chart.jabatan):

        def bad(field: str, code: str, detail: str, i: int = i) -> None:
            out.append(OrgProblem("jabatan", i, field, code, detail))

        if not j.jabatan_id.strip():
            bad("jabatan_id", "empty", _("jabatan_id must not be empty"))
        elif first_index[j.jabatan_id] != i:
            bad(
                "jabatan_id",
                "duplicate",
                _("jabatan {jabatan_id!r} appears twice", jabatan_id=j.jabatan_id),
            )
        if not j.nama.strip():
            bad("nama", "empty", _("jabatan {jabatan_id!r} has no nama", jabatan_id=j.jabatan_id))
        if j.unit_id not in chart.units_by_id:
            bad("unit_id", "unknown_unit", _("unit {unit_id!r} does not exist", unit_id=j.unit_id))
        if j.superior_id is not None and j.superior_id not in chart.jabatan_by_id:
            bad(
                "superior_id",
                "unknown_jabatan",
                _("superior jabatan {jabatan_id!r} does not exist", jabatan_id=j.superior_id),
            )
        if j.heads_unit:
            if j.unit_id in heads:
                bad(
                    "heads_unit",
                    "two_heads",
                    _(
                        "unit {unit_id!r} is already headed by {head!r}",
                        unit_id=j.unit_id,
                        head=heads[j.unit_id],
                    ),
                )
            else:
                heads[j.unit_id] = j.jabatan_id
    for i, cycle in _cycles([(j.jabatan_id, j.superior_id) for j in chart.jabatan]):
        out.append(
            OrgProblem(
                "jabatan",
                i,
                "superior_id",
                "cycle",
                _("jabatan are their own superior: {cycle}", cycle=cycle),
            )
        )
    return out


def _check_pegawai(chart: OrgChart) -> list[OrgProblem]:
    out: list[OrgProblem] = []
    first_index = _index(p.nip for p in chart.pegawai)
    for i, p in enumerate(chart.pegawai):
        try:
            nip = validate_nip(p.nip)
        except ValidationError as exc:
            out.append(OrgProblem("pegawai", i, "nip", "bad_nip", exc.detail))
        else:
            if nip != p.nip:
                out.append(
                    OrgProblem("pegawai", i, "nip", "bad_nip", _("write the NIP without spaces"))
                )
            elif first_index[p.nip] != i:
                out.append(
                    OrgProblem(
                        "pegawai",
                        i,
                        "nip",
                        "duplicate",
                        _("the same NIP as pegawai[{index}]", index=first_index[p.nip]),
                    )
                )
        if not p.nama.strip():
            out.append(OrgProblem("pegawai", i, "nama", "empty", _("nama must not be empty")))
    return out


def _check_assignments(chart: OrgChart) -> list[OrgProblem]:
    out: list[OrgProblem] = []
    first_index = _index(a.assignment_id for a in chart.assignments)
    for i, a in enumerate(chart.assignments):

        def bad(field: str, code: str, detail: str, i: int = i) -> None:
            out.append(OrgProblem("assignment", i, field, code, detail))

        name = repr(a.assignment_id)
        if not a.assignment_id.strip():
            bad("assignment_id", "empty", _("assignment_id must not be empty"))
        elif first_index[a.assignment_id] != i:
            bad("assignment_id", "duplicate", _("assignment {name} appears twice", name=name))
        if a.nip not in chart.pegawai_by_nip:
            bad(
                "nip",
                "unknown_pegawai",
                _("assignment {name}: no pegawai has this NIP", name=name),
            )
        if a.jabatan_id not in chart.jabatan_by_id:
            bad(
                "jabatan_id",
                "unknown_jabatan",
                _("jabatan {jabatan_id!r} does not exist", jabatan_id=a.jabatan_id),
            )
        if a.bentuk not in BENTUK:
            allowed = ", ".join(BENTUK)
            bad(
                "bentuk",
                "bad_bentuk",
                _("bentuk {bentuk!r} is not one of {allowed}", bentuk=a.bentuk, allowed=allowed),
            )
        if a.selesai is not None and a.selesai < a.mulai:
            bad("selesai", "bad_period", _("assignment {name} ends before it starts", name=name))
        if a.acting and not a.dasar.strip():
            bad(
                "dasar",
                "acting_without_dasar",
                _(
                    "{bentuk} assignment {name} needs its dasar (nomor SK/surat perintah)",
                    bentuk=a.bentuk,
                    name=name,
                ),
            )
        if a.bentuk == "Plh." and a.selesai is None:
            bad(
                "selesai",
                "plh_open_ended",
                _(
                    "Plh. assignment {name} needs an end date: a Plh. covers a temporary absence",
                    name=name,
                ),
            )
    for i, j, other in _overlaps(chart):
        out.append(
            OrgProblem(
                "assignment",
                i,
                "mulai",
                "overlap",
                _(
                    "jabatan {jabatan_id!r} has two definitive holders at once "
                    "(overlaps assignment {other!r})",
                    jabatan_id=j,
                    other=other,
                ),
            )
        )
    return out


def _overlaps(chart: OrgChart) -> list[tuple[int, str, str]]:
    """``(index, jabatan_id, other assignment_id)`` for overlapping definitive holders."""
    out = []
    seen: dict[str, list[Assignment]] = {}
    for i, a in enumerate(chart.assignments):
        if a.bentuk != "definitif":
            continue
        for other in seen.get(a.jabatan_id, []):
            if _overlap(a, other):
                out.append((i, a.jabatan_id, other.assignment_id))
                break
        seen.setdefault(a.jabatan_id, []).append(a)
    return out


def _overlap(a: Assignment, b: Assignment) -> bool:
    a_ends_before = a.selesai is not None and a.selesai < b.mulai
    b_ends_before = b.selesai is not None and b.selesai < a.mulai
    return not (a_ends_before or b_ends_before)


def _cycles(edges: list[tuple[str, str | None]]) -> list[tuple[int, str]]:
    """Cycles in a parent relation: ``(index of the first member, "A → B → A")`` each once."""
    parent: dict[str, str | None] = {}
    index: dict[str, int] = {}
    for i, (name, up) in enumerate(edges):
        parent.setdefault(name, up)
        index.setdefault(name, i)
    done: set[str] = set()
    out = []
    for start, _parent in edges:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent and node not in done and node not in path:
            path.append(node)
            node = parent[node]
        if node is not None and node in path:
            loop = path[path.index(node) :]
            first = min(loop, key=lambda n: index[n])
            k = loop.index(first)
            ordered = loop[k:] + loop[:k]
            out.append((index[first], " → ".join([*ordered, first])))
        done.update(path)
    out.sort()
    return out


def _index(keys: Iterable[str]) -> dict[str, int]:
    """Position of the first row with each key."""
    out: dict[str, int] = {}
    for i, key in enumerate(keys):
        out.setdefault(key, i)
    return out
