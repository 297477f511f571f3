"""What the benchmark scripts share: timing, the median line, fictitious NIPs, seeding an
org chart, and a clock that moves on by itself."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import TYPE_CHECKING, Any, Protocol

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


class OrgRows(Protocol):
    """The rows of the four org tables, as the benchmarks generate them."""

    units: list[tuple[Any, ...]]
    jabatan: list[tuple[Any, ...]]
    pegawai: list[tuple[Any, ...]]
    assignments: list[tuple[Any, ...]]


def seed_org(ws: Workspace, org: OrgRows) -> None:
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
