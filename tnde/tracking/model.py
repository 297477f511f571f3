"""What a tracking report is made of: one row per disposition recipient, weekly counts.

These are plain values, filled by whoever queries the store; the renderers in
:mod:`tnde.tracking.report` and :mod:`tnde.tracking.export` only lay them out. ``overdue``
and ``aging_days`` are computed by the caller (see :mod:`tnde.dispositions.due`), at the
moment the report is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "STATUSES",
    "STATUS_LABELS",
    "TrackingReport",
    "TrackingRow",
    "TrackingSummary",
    "WeekCount",
    "summarize",
]

STATUSES: tuple[str, ...] = ("terkirim", "dibaca", "dalam_proses", "selesai", "dibatalkan")
"""Disposition states a row may carry, in workflow order."""

STATUS_LABELS: dict[str, str] = {
    "terkirim": "Belum dibaca",
    "dibaca": "Dibaca",
    "dalam_proses": "Dalam proses",
    "selesai": "Selesai",
    "dibatalkan": "Dibatalkan",
}
"""How each state is printed: a sent disposition is, to the secretary, an unread one."""


@dataclass(frozen=True)
class TrackingRow:
    """One recipient of one disposition, as the report lists it."""

    agenda: str
    """Agenda number of the incoming letter (nomor agenda)."""
    diterima: dt.date
    """The day the letter was received (diterima tanggal)."""
    asal: str
    """Who sent the letter (surat dari)."""
    hal: str
    """Subject of the letter (perihal)."""
    urgensi: str
    """Tingkat urgensi of the disposition (``Amat Segera``, ``Segera``, ``Biasa`` …)."""
    recipient: str
    """Name of the recipient's jabatan."""
    leading: bool
    """Whether this recipient leads the follow-up (the sector marked "1" on paper forms)."""
    status: str
    """One of :data:`STATUSES`."""
    given_at: dt.datetime
    """When the disposition was given (aware)."""
    due_at: dt.datetime
    """When it must be finished (aware)."""
    completed_at: dt.datetime | None
    """When the recipient reported it done, or None while open."""
    overdue: bool
    """Open past its due time, or completed after it (derived, never stored)."""
    aging_days: int
    """Working days since it was given, up to completion or the report date."""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown disposition status {self.status!r} (known: {STATUSES})")
        for name in ("given_at", "due_at", "completed_at"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} must be a time-zone aware datetime")


@dataclass(frozen=True)
class WeekCount:
    """Dispositions opened and completed in one week, for the chart."""

    week_start: dt.date
    """The Monday the week starts on."""
    opened: int
    """Dispositions given during the week."""
    completed: int
    """Dispositions completed during the week."""


@dataclass(frozen=True)
class TrackingReport:
    """Everything printed in a Laporan Pemantauan Disposisi."""

    title: str
    """Title line, e.g. ``Laporan Pemantauan Disposisi``."""
    unit: str
    """The unit the report covers (``Sekretariat Dinas Komunikasi dan Informatika``)."""
    filters: tuple[tuple[str, str], ...]
    """The filters the rows were selected with, as (label, value) already worded for print:
    ``("Periode", "1 Juli 2026 s.d. 31 Juli 2026")``."""
    generated_at: dt.datetime
    """When the report was made (aware); also the PDF's creation date."""
    rows: tuple[TrackingRow, ...]
    """The table, in the order to print."""
    weeks: tuple[WeekCount, ...]
    """Weekly counts for the chart, oldest first."""

    def __post_init__(self) -> None:
        if self.generated_at.utcoffset() is None:
            raise ValueError("generated_at must be a time-zone aware datetime")


@dataclass(frozen=True)
class TrackingSummary:
    """The counters above the table."""

    total: int
    """Every row, cancelled ones included."""
    belum_dibaca: int
    """Sent but not yet read (``terkirim``)."""
    dibaca: int
    """Read, not yet being worked on."""
    dalam_proses: int
    """Being worked on."""
    selesai: int
    """Completed (in time or late)."""
    dibatalkan: int
    """Cancelled while unread."""
    terlambat: int
    """Rows flagged overdue (open past due, or completed late)."""


def summarize(rows: tuple[TrackingRow, ...] | list[TrackingRow]) -> TrackingSummary:
    """Count ``rows`` by status, and the overdue ones."""
    by_status = dict.fromkeys(STATUSES, 0)
    for row in rows:
        by_status[row.status] += 1
    return TrackingSummary(
        total=len(rows),
        belum_dibaca=by_status["terkirim"],
        dibaca=by_status["dibaca"],
        dalam_proses=by_status["dalam_proses"],
        selesai=by_status["selesai"],
        dibatalkan=by_status["dibatalkan"],
        terlambat=sum(1 for row in rows if row.overdue),
    )
