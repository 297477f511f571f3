"""What the benchmark scripts share: timing, the median line, fictitious NIPs, a generated org
chart and its seeding, and a clock that moves on by itself."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from tnde.workspace import Workspace


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of ``runs`` calls, after one untimed warm-up call."""
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(label: str, samples: list[float], target: float | None = None) -> bool:
    """Print the median line; whether the target (if any) is met."""
    median = statistics.median(samples)
    ok = target is None or median <= target
    verdict = "" if target is None else f"  target ≤ {target:g} ms: {'ok' if ok else 'MISSED'}"
    print(
        f"{label:<68} {median:8.2f} ms  (min {min(samples):.2f}, "
        f"max {max(samples):.2f}, n={len(samples)}){verdict}"
    )
    return ok


def nip_for(n: int) -> str:
    """A well-formed fictitious NIP: birth date, appointment (TMT) month, sex, serial."""
    born = dt.date(1965, 1, 1) + dt.timedelta(days=(n * 37) % 11000)
    tmt = born.year + 22 + n % 8
    return f"{born:%Y%m%d}{tmt}{1 + n % 12:02d}{1 + n % 2}{n % 1000:03d}"


@dataclass
class SyntheticOrg:
    """A generated Dinas: rows for the four org tables and who holds what.

    Each benchmark builds its own shape of office with :meth:`add_unit`, :meth:`add_jabatan`
    and :meth:`acting`; :meth:`person_name` says how the generated people are called.
    """

    units: list[tuple[str, str, str | None, str]] = field(default_factory=list)
    jabatan: list[tuple[str, str, str, str, int, str | None, int]] = field(default_factory=list)
    pegawai: list[tuple[str, str, str, str]] = field(default_factory=list)
    assignments: list[tuple[str, str, str, str, str, str | None, str]] = field(default_factory=list)
    holder: dict[str, str] = field(default_factory=dict)
    """jabatan_id → NIP of the person who acts in it (the Plt. where there is one)."""
    unit_of: dict[str, str] = field(default_factory=dict)
    """jabatan_id → its unit."""
    head: dict[str, str] = field(default_factory=dict)
    """unit_id → jabatan_id of its head."""
    children: dict[str, list[str]] = field(default_factory=dict)
    """jabatan_id → the jabatan directly under it."""

    def person_name(self, n: int) -> str:
        """The name (with degree) of the ``n``-th generated pegawai."""
        return f"Pegawai {n + 1}, S.Kom."

    def add_unit(self, unit_id: str, nama: str, parent: str | None, kode: str) -> None:
        self.units.append((unit_id, nama, parent, kode))

    def add_jabatan(
        self,
        jabatan_id: str,
        nama: str,
        unit: str,
        superior: str | None,
        *,
        eselon: str = "",
        heads: bool = False,
        registry: bool = False,
        vacant: bool = False,
    ) -> None:
        """A jabatan, held definitively by a new pegawai unless ``vacant``."""
        self.jabatan.append((jabatan_id, nama, unit, eselon, int(heads), superior, int(registry)))
        self.unit_of[jabatan_id] = unit
        if heads:
            self.head[unit] = jabatan_id
        if superior:
            self.children.setdefault(superior, []).append(jabatan_id)
        if vacant:
            return
        n = len(self.pegawai)
        nip = nip_for(n)
        self.pegawai.append((nip, self.person_name(n), "Penata", "III/c"))
        self.assignments.append(
            (f"DEF-{jabatan_id}", nip, jabatan_id, "definitif", "2020-01-02", None, "")
        )
        self.holder[jabatan_id] = nip

    def acting(self, jabatan_id: str, by_jabatan: str, bentuk: str = "Plt.") -> None:
        """The holder of ``by_jabatan`` also acts (Plt./Plh.) in ``jabatan_id``."""
        nip = self.holder[by_jabatan]
        dasar = f"Surat Perintah Kepala Dinas Nomor 800.1.3.3/{len(self.assignments)}/2026"
        self.assignments.append(
            (f"{bentuk}-{jabatan_id}", nip, jabatan_id, bentuk, "2026-01-05", None, dasar)
        )
        self.holder[jabatan_id] = nip


def seed_org(ws: Workspace, org: SyntheticOrg) -> None:
    """The org rows, straight into the tables (the chart is not what is measured)."""
    with ws.transaction() as conn:
        conn.executemany(
            "INSERT INTO unit (unit_id, nama, parent_id, kode) VALUES (?,?,?,?)", org.units
        )
        conn.executemany(
            "INSERT INTO jabatan (jabatan_id, nama, unit_id, eselon, heads_unit, superior_id, "
            "registry) VALUES (?,?,?,?,?,?,?)",
            org.jabatan,
        )
        conn.executemany(
            "INSERT INTO pegawai (nip, nama, pangkat, golongan) VALUES (?,?,?,?)", org.pegawai
        )
        conn.executemany(
            "INSERT INTO assignment (assignment_id, nip, jabatan_id, bentuk, mulai, selesai, "
            "dasar) VALUES (?,?,?,?,?,?,?)",
            org.assignments,
        )


class StepClock:
    """Moves on by a random few seconds (``step``) on every call: office work, in order."""

    def __init__(self, start: dt.datetime, rng: random.Random, step: tuple[int, int]) -> None:
        self.now = start
        self.rng = rng
        self.step = step

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=self.rng.randint(*self.step))
        return self.now
