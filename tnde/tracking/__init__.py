"""Disposition tracking for secretaries: counters, the tracking list, search and the report.

:class:`Tracking` is the door: the CLI and the window ask it, never the database.
"""

from __future__ import annotations

from tnde.tracking.export import CSV_HEADER, write_tracking_csv
from tnde.tracking.model import (
    STATUS_LABELS,
    STATUSES,
    TrackingReport,
    TrackingRow,
    TrackingSummary,
    WeekCount,
    summarize,
)
from tnde.tracking.queries import Counters, SearchHit, TrackingFilter
from tnde.tracking.service import ExportKind, Tracking, render_tracking_report, report_filters

__all__ = [
    "CSV_HEADER",
    "STATUSES",
    "STATUS_LABELS",
    "Counters",
    "ExportKind",
    "SearchHit",
    "Tracking",
    "TrackingFilter",
    "TrackingReport",
    "TrackingRow",
    "TrackingSummary",
    "WeekCount",
    "render_tracking_report",
    "report_filters",
    "summarize",
    "write_tracking_csv",
]
