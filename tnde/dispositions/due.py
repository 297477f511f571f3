"""Deadlines of dispositions: working days, urgency deadlines, lateness.

Everything here is a pure function of its arguments: the clock comes in as ``now`` and the
office calendar (holidays, weekend, time zone) as a :class:`WorkCalendar`. A deadline is an
aware datetime in UTC; "overdue" is derived from it when asked, never stored (``TERLAMBAT``
is not a state of a disposition).

The urgency conventions:

========================================  =============================================
Tingkat urgensi                           Deadline
========================================  =============================================
Amat Segera / Sangat Segera / Kilat       24 hours after it was given
Segera                                    48 hours (2 x 24 hours)
Penting (regional legacy)                 72 hours (3 x 24 hours)
Biasa                                     end of the 5th working day after the day it
                                          was given, in the office's time zone
========================================  =============================================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "BIASA",
    "BIASA_WORKING_DAYS",
    "URGENSI_HOURS",
    "WorkCalendar",
    "due_at",
    "is_overdue",
    "lateness",
    "working_days_between",
]

BIASA = "Biasa"
"""The normal urgency, counted in working days rather than hours."""

BIASA_WORKING_DAYS = 5
"""A Biasa disposition is due at the end of this many working days after the day given."""

URGENSI_HOURS: dict[str, int] = {
    "Amat Segera": 24,
    "Sangat Segera": 24,
    "Kilat": 24,
    "Segera": 48,
    "Penting": 72,
}
"""Urgencies counted in hours from the moment given (``Penting`` is a regional legacy)."""

_END_OF_DAY = dt.time(23, 59, 59)
_LOOKUP = {name.casefold(): hours for name, hours in URGENSI_HOURS.items()}


@dataclass(frozen=True)
class WorkCalendar:
    """An office's working days: which weekdays are off, which dates are holidays, its zone."""

    holidays: frozenset[dt.date]
    """Public holidays and cuti bersama that fall on otherwise working days (weekend dates
    may be listed too; they change nothing)."""
    weekend: frozenset[int] = frozenset({5, 6})
    """Days off by :meth:`datetime.date.weekday` number (0 = Monday): Saturday and Sunday.
    A six-day office sets ``frozenset({6})``."""
    zone: str = "Asia/Jakarta"
    """IANA time zone of the office; its calendar day decides when a working day ends."""

    def __post_init__(self) -> None:
        if not self.weekend <= frozenset(range(7)):
            raise ValueError(f"weekend days are 0..6 (Monday..Sunday), got {sorted(self.weekend)}")
        if len(self.weekend) == 7:
            raise ValueError("a calendar needs at least one working weekday")
        try:
            ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{self.zone!r} is not a time zone (e.g. Asia/Makassar)") from None

    @property
    def tzinfo(self) -> ZoneInfo:
        """The office's time zone."""
        return ZoneInfo(self.zone)

    def is_working_day(self, d: dt.date) -> bool:
        """Whether ``d`` is neither a weekend day nor a holiday."""
        return d.weekday() not in self.weekend and d not in self.holidays

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``start`` (``start`` itself does not count).

        ``add_working_days(friday, 1)`` is the next Monday on a Monday-to-Friday calendar
        without holidays. ``n = 0`` returns ``start`` unchanged, working day or not.

        Raises:
            ValueError: ``n`` is negative.
        """
        if n < 0:
            raise ValueError(f"cannot add a negative number of working days ({n})")
        day = start
        left = n
        while left:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day


def working_days_between(a: dt.date, b: dt.date, calendar: WorkCalendar) -> int:
    """How many working days lie after ``a`` up to and including ``b`` (for aging).

    The count is the inverse of :meth:`WorkCalendar.add_working_days`:
    ``working_days_between(d, calendar.add_working_days(d, n), calendar) == n``. The same
    day gives 0; ``b`` before ``a`` gives the negated count from ``b`` to ``a``.
    """
    if b < a:
        return -working_days_between(b, a, calendar)
    weeks, rest = divmod((b - a).days, 7)
    count = weeks * (7 - len(calendar.weekend))
    tail = a + dt.timedelta(days=weeks * 7)
    for offset in range(1, rest + 1):
        if (tail + dt.timedelta(days=offset)).weekday() not in calendar.weekend:
            count += 1
    count -= sum(1 for h in calendar.holidays if a < h <= b and h.weekday() not in calendar.weekend)
    return count


def due_at(urgensi: str, given_at: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    """When a disposition given at ``given_at`` with this urgency must be finished, in UTC.

    Hour-counted urgencies (see :data:`URGENSI_HOURS`) are due that many hours later, on
    the clock. ``Biasa`` is due at 23:59:59 office time on the 5th working day after the
    office-zone day it was given: a Biasa given on Friday 23:30 WIB is due at the end of
    the next Friday (if no holiday intervenes). Names match case-insensitively.

    Args:
        urgensi: the tingkat urgensi as registered (``"Segera"``, ``"Biasa"`` …).
        given_at: when the disposition was given; must be time-zone aware.
        calendar: the office's working days and time zone.

    Raises:
        ValueError: ``given_at`` is naive, or ``urgensi`` is not a known urgency.
    """
    _require_aware("given_at", given_at)
    key = " ".join(urgensi.split()).casefold()
    if key == BIASA.casefold():
        zone = calendar.tzinfo
        given_day = given_at.astimezone(zone).date()
        due_day = calendar.add_working_days(given_day, BIASA_WORKING_DAYS)
        return dt.datetime.combine(due_day, _END_OF_DAY, zone).astimezone(dt.UTC)
    hours = _LOOKUP.get(key)
    if hours is None:
        known = ", ".join([*URGENSI_HOURS, BIASA])
        raise ValueError(f"unknown tingkat urgensi {urgensi!r} (known: {known})")
    # In UTC, so that the hours are elapsed hours even in a zone with daylight saving.
    return given_at.astimezone(dt.UTC) + dt.timedelta(hours=hours)


def lateness(
    due: dt.datetime, completed_at: dt.datetime | None, now: dt.datetime
) -> dt.timedelta | None:
    """How late a disposition is, or None when it is not (yet) late.

    An open disposition (``completed_at`` is None) is late by ``now - due`` once ``now`` is
    past ``due``; a completed one by ``completed_at - due`` if it was completed after
    ``due`` ("selesai terlambat"), whatever ``now`` is. Finishing exactly at ``due`` is in
    time. Cancelled dispositions are the caller's to leave out.

    Raises:
        ValueError: one of the datetimes is naive.
    """
    _require_aware("due", due)
    _require_aware("now", now)
    if completed_at is not None:
        _require_aware("completed_at", completed_at)
    end = now if completed_at is None else completed_at
    late = end - due
    return late if late > dt.timedelta(0) else None


def is_overdue(due: dt.datetime, completed_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a disposition is open past ``due`` or was completed after it.

    See :func:`lateness` for the rules.

    Raises:
        ValueError: one of the datetimes is naive.
    """
    return lateness(due, completed_at, now) is not None


def _require_aware(name: str, value: dt.datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a time-zone aware datetime, got naive {value}")
