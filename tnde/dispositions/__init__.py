"""Disposition deadlines: the office's working calendar and when an instruction is due."""

from __future__ import annotations

from tnde.dispositions.due import (
    BIASA_WORKING_DAYS,
    URGENSI_HOURS,
    WorkCalendar,
    due_at,
    is_overdue,
    lateness,
    working_days_between,
)

__all__ = [
    "BIASA_WORKING_DAYS",
    "URGENSI_HOURS",
    "WorkCalendar",
    "due_at",
    "is_overdue",
    "lateness",
    "working_days_between",
]
