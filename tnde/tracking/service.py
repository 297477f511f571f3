"""The tracking service: counters, the tracking list, search, and the report a secretary
prints or exports. The CLI (``tnde track``) and the window's Pemantauan screen both use it,
so the report they make is the same, filters included.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

from tnde.fsutil import write_atomic
from tnde.lazy import lazy_function
from tnde.tracking.export import write_tracking_csv
from tnde.tracking.model import TrackingReport, TrackingRow
from tnde.tracking.queries import (
    Counters,
    SearchHit,
    TrackingFilter,
    person_counters,
    search,
    track,
    unit_counters,
    weekly_counts,
)
from tnde.workflow.letters import office_zone

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from pathlib import Path

    from tnde.dispositions.due import WorkCalendar
    from tnde.workspace import Workspace

if TYPE_CHECKING:
    from tnde.tracking.report import render_tracking_report
else:  # reportlab loads when a report is printed, not when the window opens
    render_tracking_report = lazy_function("tnde.tracking.report", "render_tracking_report")

__all__ = ["ExportKind", "Tracking", "render_tracking_report", "report_filters"]

ExportKind = Literal["csv", "pdf"]

#: Weeks of opened/completed counts the printed report charts.
REPORT_WEEKS = 8


class Tracking:
    """Disposition tracking over one workspace.

    Args:
        workspace: the open workspace.
        clock: source of "now" (tests pass a fixed one).
        calendar: the office's working days (aging and due dates skip the rest).
    """

    def __init__(
        self, workspace: Workspace, clock: Callable[[], dt.datetime], calendar: WorkCalendar
    ) -> None:
        self.ws = workspace
        self.clock = clock
        self.calendar = calendar
        self.zone = office_zone(workspace)

    def rows(
        self, flt: TrackingFilter, *, limit: int | None = 50, offset: int = 0
    ) -> list[TrackingRow]:
        """A page of the unit's dispositions, most urgent first (``limit=None``: all)."""
        return track(
            self.ws.thread_connection(),
            flt,
            self.clock(),
            limit=limit,
            offset=offset,
            calendar=self.calendar,
        )

    def unit_counters(self, unit_id: str) -> Counters:
        """What waits in one unit now."""
        return unit_counters(self.ws.thread_connection(), unit_id, self.clock())

    def person_counters(self, nip: str, today: dt.date) -> Counters:
        """What waits for one person, through every jabatan they hold or act in ``today``."""
        return person_counters(self.ws.thread_connection(), nip, self.clock(), today)

    def search(self, text: str, *, limit: int = 50) -> list[SearchHit]:
        """Incoming and outgoing letters matching ``text``, best first."""
        return search(self.ws.thread_connection(), text, limit=limit)

    def unit_name(self, unit_id: str) -> str:
        """The unit's name as the org chart has it (its id when unknown)."""
        row = (
            self.ws.thread_connection()
            .execute("SELECT nama FROM unit WHERE unit_id = ?", (unit_id,))
            .fetchone()
        )
        return str(row[0]) if row else unit_id

    def busiest_unit(self, own: str) -> str:
        """``own`` when its dispositions are tracked (or nothing is), else the unit with the most
        dispositions: the first unit worth showing."""
        rows = (
            self.ws.thread_connection()
            .execute(
                "SELECT recipient_unit, count(*) FROM disposisi "
                "GROUP BY recipient_unit ORDER BY 2 DESC"
            )
            .fetchall()
        )
        units = [r[0] for r in rows]
        if own in units or not units:
            return own
        return str(units[0])

    def report(self, flt: TrackingFilter, rows: list[TrackingRow] | None = None) -> TrackingReport:
        """The printable report of every disposition ``flt`` selects (or of ``rows``)."""
        now = self.clock()
        chosen = rows if rows is not None else self.rows(flt, limit=None)
        conn = self.ws.thread_connection()
        return TrackingReport(
            title="Laporan Pemantauan Disposisi",
            unit=self.unit_name(flt.unit_id),
            filters=report_filters(flt, self.zone),
            generated_at=now,
            rows=tuple(chosen),
            weeks=tuple(weekly_counts(conn, flt.unit_id, REPORT_WEEKS, now, self.zone)),
        )

    def export(self, flt: TrackingFilter, path: Path, kind: ExportKind) -> int:
        """Write every selected disposition to ``path`` as CSV or as the PDF report, atomically.

        Returns:
            How many rows were written.
        """
        rows = self.rows(flt, limit=None)
        if kind == "csv":
            buffer = io.BytesIO()
            write_tracking_csv(rows, buffer)
            write_atomic(path, buffer.getvalue())
        else:
            pdf = render_tracking_report(
                self.report(flt, rows), profile_id=self.ws.config.profile_id or None
            )
            write_atomic(path, pdf)
        return len(rows)


def report_filters(flt: TrackingFilter, zone: dt.tzinfo) -> tuple[tuple[str, str], ...]:
    """The filters of ``flt`` as the report prints them (label, value), the unset ones left out."""
    due = " – ".join(
        f"{moment.astimezone(zone):%d-%m-%Y}" for moment in (flt.due_from, flt.due_to) if moment
    )
    return tuple(
        (label, str(value))
        for label, value in (
            ("Status", ", ".join(flt.statuses)),
            ("Batas waktu", due),
            ("Urgensi", flt.urgensi),
            ("Asal", flt.asal),
            ("KKA", flt.kka),
            ("Teks", flt.text),
            ("Hanya terlambat", "ya" if flt.overdue_only else ""),
        )
        if value
    )
