"""The org chart as values: units, jabatan, pegawai and who holds which jabatan when.

An :class:`OrgChart` is an immutable snapshot with look-up indexes. It may be inconsistent
(it is built from whatever a file or the database holds); :meth:`OrgChart.validate` lists
every problem at once, so an import can show them all before anything is written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, TypeVar

from tnde.errors import OrgError
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date


__all__ = [
    "ACTING_FORMS",
    "BENTUK",
    "Assignment",
    "Bentuk",
    "Jabatan",
    "OrgChart",
    "Pegawai",
    "Unit",
]

_log = logging.getLogger(__name__)

K = TypeVar("K")
V = TypeVar("V")

Bentuk = Literal["definitif", "Plt.", "Plh.", "Pj."]
"""How a jabatan is held: by the definitive holder or by an acting one."""

BENTUK: tuple[str, ...] = ("definitif", "Plt.", "Plh.", "Pj.")
"""Every :data:`Bentuk`, in the order holders are listed."""

ACTING_FORMS: tuple[str, ...] = ("Plt.", "Plh.", "Pj.")
"""The acting forms; each needs a legal basis (``dasar``)."""


@dataclass(frozen=True)
class Unit:
    """An organisational unit (unit kerja): a dinas, a bidang, a seksi."""

    unit_id: str
    """Stable code chosen by the admin, e.g. ``"DISKOMINFO.APTIKA"``."""
    nama: str
    """Name as printed: ``"Bidang Aplikasi Informatika"``."""
    parent_id: str | None = None
    """The unit above, or ``None`` for a root."""
    kode: str = ""
    """Code printed in letter numbers (the ``{unit}`` token)."""


@dataclass(frozen=True)
class Jabatan:
    """A position in a unit; people hold it through :class:`Assignment` rows."""

    jabatan_id: str
    """Stable code, e.g. ``"KADIS"``."""
    nama: str
    """Name as printed in signature blocks: ``"Kepala Dinas Komunikasi dan Informatika"``."""
    unit_id: str
    """The unit the jabatan belongs to."""
    eselon: str = ""
    """Echelon (``"II.a"``), empty for functional and staff positions."""
    heads_unit: bool = False
    """Whether this jabatan leads its unit (at most one per unit)."""
    superior_id: str | None = None
    """The jabatan directly above (atasan langsung), or ``None`` at the top."""
    registry: bool = False
    """Whether this jabatan is a registry desk (pencatat/TU): it numbers and sends letters."""


@dataclass(frozen=True)
class Pegawai:
    """A civil servant as printed in letters."""

    nip: str
    """The 18-digit NIP, without spaces."""
    nama: str
    """Name with degrees, as printed: ``"Dr. Budi Santoso, S.Kom., M.T."``."""
    pangkat: str = ""
    """Rank, e.g. ``"Pembina Utama Muda"``."""
    golongan: str = ""
    """Grade, e.g. ``"IV/c"``."""
    nik_ref: str = ""
    """A reference to the NIK (for TTE); never the NIK itself."""
    email: str = ""
    """Work e-mail address, for notifications."""


@dataclass(frozen=True)
class Assignment:
    """One person holding one jabatan for a period, definitively or acting."""

    assignment_id: str
    """Stable id of the row."""
    nip: str
    """Who holds it."""
    jabatan_id: str
    """What they hold."""
    bentuk: str
    """One of :data:`BENTUK`."""
    mulai: date
    """First day (inclusive)."""
    selesai: date | None = None
    """Last day (inclusive), or ``None`` while open-ended."""
    dasar: str = ""
    """Legal basis: the nomor of the SK or surat perintah (required for acting forms)."""

    @property
    def acting(self) -> bool:
        """Whether this is a Plt., Plh. or Pj. assignment."""
        return self.bentuk in ACTING_FORMS

    def active_on(self, on: date) -> bool:
        """Whether the assignment covers the day ``on`` (both ends inclusive)."""
        return self.mulai <= on and (self.selesai is None or on <= self.selesai)


def _first(pairs: Iterable[tuple[K, V]]) -> Mapping[K, V]:
    out: dict[K, V] = {}
    for k, v in pairs:
        out.setdefault(k, v)
    return MappingProxyType(out)


def _group(pairs: Iterable[tuple[K, V]]) -> Mapping[K, tuple[V, ...]]:
    out: dict[K, list[V]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


@dataclass(frozen=True)
class OrgChart:
    """An immutable org chart with indexes; build it with all four tables at once."""

    units: tuple[Unit, ...] = ()
    """Units in file/database order."""
    jabatan: tuple[Jabatan, ...] = ()
    """Jabatan in file/database order."""
    pegawai: tuple[Pegawai, ...] = ()
    """Pegawai in file/database order."""
    assignments: tuple[Assignment, ...] = ()
    """Assignments in file/database order."""

    units_by_id: Mapping[str, Unit] = field(init=False, repr=False, compare=False)
    """Units by ``unit_id`` (the first one when an id is duplicated)."""
    jabatan_by_id: Mapping[str, Jabatan] = field(init=False, repr=False, compare=False)
    """Jabatan by ``jabatan_id``."""
    pegawai_by_nip: Mapping[str, Pegawai] = field(init=False, repr=False, compare=False)
    """Pegawai by NIP."""
    _children: Mapping[str | None, tuple[Unit, ...]] = field(init=False, repr=False, compare=False)
    _by_jabatan: Mapping[str, tuple[Assignment, ...]] = field(init=False, repr=False, compare=False)
    _by_nip: Mapping[str, tuple[Assignment, ...]] = field(init=False, repr=False, compare=False)
    _jabatan_in: Mapping[str, tuple[Jabatan, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "units_by_id", _first((u.unit_id, u) for u in self.units))
        put(self, "jabatan_by_id", _first((j.jabatan_id, j) for j in self.jabatan))
        put(self, "pegawai_by_nip", _first((p.nip, p) for p in self.pegawai))
        put(self, "_children", _group((u.parent_id, u) for u in self.units))
        put(self, "_by_jabatan", _group((a.jabatan_id, a) for a in self.assignments))
        put(self, "_by_nip", _group((a.nip, a) for a in self.assignments))
        put(self, "_jabatan_in", _group((j.unit_id, j) for j in self.jabatan))

    # -- look-ups ------------------------------------------------------------------------------

    def unit(self, unit_id: str) -> Unit:
        """The unit ``unit_id``.

        Raises:
            OrgError: ``unknown_unit``.
        """
        try:
            return self.units_by_id[unit_id]
        except KeyError:
            raise OrgError(
                "unknown_unit", _("there is no unit {unit_id!r}", unit_id=unit_id), subject=unit_id
            ) from None

    def get_jabatan(self, jabatan_id: str) -> Jabatan:
        """The jabatan ``jabatan_id``.

        Raises:
            OrgError: ``unknown_jabatan``.
        """
        try:
            return self.jabatan_by_id[jabatan_id]
        except KeyError:
            raise OrgError(
                "unknown_jabatan",
                _("there is no jabatan {jabatan_id!r}", jabatan_id=jabatan_id),
                subject=jabatan_id,
            ) from None

    def get_pegawai(self, nip: str) -> Pegawai:
        """The pegawai with ``nip``.

        Raises:
            OrgError: ``unknown_pegawai`` (the message does not repeat the NIP).
        """
        try:
            return self.pegawai_by_nip[nip]
        except KeyError:
            raise OrgError("unknown_pegawai", _("there is no pegawai with this NIP")) from None

    def roots(self) -> tuple[Unit, ...]:
        """Units without a parent, in chart order."""
        return self._children.get(None, ())

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        """Units directly below ``unit_id``, in chart order."""
        return self._children.get(unit_id, ())

    def jabatan_in(self, unit_id: str) -> tuple[Jabatan, ...]:
        """The jabatan of one unit, in chart order."""
        return self._jabatan_in.get(unit_id, ())

    def head_of(self, unit_id: str) -> Jabatan | None:
        """The jabatan that leads ``unit_id`` (``heads_unit``), if any."""
        return next((j for j in self.jabatan_in(unit_id) if j.heads_unit), None)

    def superior_chain(self, jabatan_id: str) -> tuple[Jabatan, ...]:
        """The superiors of ``jabatan_id``, nearest first, up to the top.

        Stops early at an unknown superior or a cycle (which :meth:`validate` reports).
        """
        chain: list[Jabatan] = []
        seen = {jabatan_id}
        current = self.jabatan_by_id.get(jabatan_id)
        while current is not None and current.superior_id is not None:
            if current.superior_id in seen:
                break
            seen.add(current.superior_id)
            current = self.jabatan_by_id.get(current.superior_id)
            if current is not None:
                chain.append(current)
        return tuple(chain)

    def subordinates(self, jabatan_id: str) -> tuple[Jabatan, ...]:
        """The jabatan whose direct superior is ``jabatan_id``."""
        return tuple(j for j in self.jabatan if j.superior_id == jabatan_id)

    def assignments_of_jabatan(self, jabatan_id: str) -> tuple[Assignment, ...]:
        """Every assignment (past, present, future) of one jabatan."""
        return self._by_jabatan.get(jabatan_id, ())

    def assignments_of(self, nip: str) -> tuple[Assignment, ...]:
        """Every assignment (past, present, future) of one person."""
        return self._by_nip.get(nip, ())

    def registry_desks(self) -> tuple[Jabatan, ...]:
        """The jabatan marked as registry desks (pencatat/TU)."""
        return tuple(j for j in self.jabatan if j.registry)
