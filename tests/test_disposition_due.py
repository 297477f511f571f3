"""Tests for disposition deadlines in :mod:`tnde.dispositions.due`."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tnde.dispositions.due import (
    WorkCalendar,
    due_at,
    is_overdue,
    lateness,
    working_days_between,
)

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
UTC = dt.UTC

HUT_RI = dt.date(2026, 8, 17)  # a Monday
FRIDAY = dt.date(2026, 8, 14)
NO_HOLIDAYS = WorkCalendar(holidays=frozenset())
AUGUST = WorkCalendar(holidays=frozenset({HUT_RI}))
YEAR_END = WorkCalendar(
    holidays=frozenset({dt.date(2025, 12, 25), dt.date(2025, 12, 26), dt.date(2026, 1, 1)})
)


def brute_count(a: dt.date, b: dt.date, calendar: WorkCalendar) -> int:
    """Working days in (a, b], one day at a time."""
    days = (b - a).days
    return sum(calendar.is_working_day(a + dt.timedelta(days=i)) for i in range(1, days + 1))


# -- the calendar -----------------------------------------------------------------------------


def test_weekends_and_holidays_are_not_working_days() -> None:
    assert AUGUST.is_working_day(FRIDAY)
    assert not AUGUST.is_working_day(dt.date(2026, 8, 15))  # Saturday
    assert not AUGUST.is_working_day(dt.date(2026, 8, 16))  # Sunday
    assert not AUGUST.is_working_day(HUT_RI)
    assert NO_HOLIDAYS.is_working_day(HUT_RI)


def test_a_friday_plus_one_working_day_is_monday_or_after_the_holiday() -> None:
    assert NO_HOLIDAYS.add_working_days(FRIDAY, 1) == dt.date(2026, 8, 17)
    assert AUGUST.add_working_days(FRIDAY, 1) == dt.date(2026, 8, 18)


def test_a_holiday_in_the_middle_pushes_the_date_by_one_day() -> None:
    wednesday = dt.date(2026, 8, 12)
    assert NO_HOLIDAYS.add_working_days(wednesday, 5) == dt.date(2026, 8, 19)
    assert AUGUST.add_working_days(wednesday, 5) == dt.date(2026, 8, 20)


def test_counting_crosses_the_year_boundary_and_its_holidays() -> None:
    christmas_eve = dt.date(2025, 12, 24)
    # 29, 30, 31 December, 2 and 5 January (25, 26 December and 1 January are off).
    assert YEAR_END.add_working_days(christmas_eve, 5) == dt.date(2026, 1, 5)
    assert working_days_between(christmas_eve, dt.date(2026, 1, 5), YEAR_END) == 5


def test_a_six_day_office_works_on_saturday() -> None:
    six_days = WorkCalendar(holidays=frozenset(), weekend=frozenset({6}))
    assert six_days.add_working_days(FRIDAY, 1) == dt.date(2026, 8, 15)
    assert six_days.add_working_days(FRIDAY, 2) == dt.date(2026, 8, 17)


def test_zero_working_days_is_the_start_and_negative_is_refused() -> None:
    saturday = dt.date(2026, 8, 15)
    assert NO_HOLIDAYS.add_working_days(saturday, 0) == saturday
    with pytest.raises(ValueError, match="negative"):
        NO_HOLIDAYS.add_working_days(FRIDAY, -1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weekend": frozenset(range(7))}, "at least one working"),
        ({"weekend": frozenset({7})}, "0..6"),
        ({"zone": "Asia/Atlantis"}, "Asia/Atlantis"),
    ],
)
def test_a_broken_calendar_is_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WorkCalendar(holidays=frozenset(), **kwargs)  # type: ignore[arg-type]


def test_working_days_between_counts_after_a_up_to_b() -> None:
    monday = dt.date(2026, 8, 17)
    assert working_days_between(FRIDAY, FRIDAY, AUGUST) == 0
    assert working_days_between(FRIDAY, monday, NO_HOLIDAYS) == 1
    assert working_days_between(FRIDAY, monday, AUGUST) == 0
    assert working_days_between(FRIDAY, dt.date(2026, 8, 28), AUGUST) == 9
    assert working_days_between(dt.date(2026, 8, 28), FRIDAY, AUGUST) == -9


def test_a_holiday_on_a_weekend_is_not_subtracted_twice() -> None:
    calendar = WorkCalendar(holidays=frozenset({dt.date(2026, 8, 15)}))  # a Saturday
    assert working_days_between(FRIDAY, dt.date(2026, 8, 21), calendar) == 5


# -- deadlines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("urgensi", "hours"),
    [
        ("Amat Segera", 24),
        ("Sangat Segera", 24),
        ("Kilat", 24),
        ("Segera", 48),
        ("Penting", 72),
        ("amat  segera", 24),
        (" SEGERA ", 48),
    ],
)
def test_hour_counted_urgencies(urgensi: str, hours: int) -> None:
    given_at = dt.datetime(2026, 8, 14, 16, 0, tzinfo=WIB)  # Friday afternoon
    due = due_at(urgensi, given_at, AUGUST)
    assert due.utcoffset() == dt.timedelta(0)
    assert due == given_at + dt.timedelta(hours=hours)  # weekends and holidays count


def test_biasa_is_due_at_the_end_of_the_fifth_working_day() -> None:
    given_at = dt.datetime(2026, 8, 12, 9, 0, tzinfo=WIB)  # Wednesday
    due = due_at("Biasa", given_at, AUGUST)
    assert due.tzinfo is UTC
    assert due.astimezone(WIB) == dt.datetime(2026, 8, 20, 23, 59, 59, tzinfo=WIB)
    assert due == dt.datetime(2026, 8, 20, 16, 59, 59, tzinfo=UTC)


def test_biasa_given_late_on_friday_counts_from_friday_in_the_office_zone() -> None:
    given_at = dt.datetime(2026, 8, 14, 23, 30, tzinfo=WIB)  # 16:30 UTC the same Friday
    assert due_at("Biasa", given_at, NO_HOLIDAYS) == dt.datetime(
        2026, 8, 21, 16, 59, 59, tzinfo=UTC
    )
    # With the Monday a holiday, the fifth working day is the Monday after.
    assert due_at("Biasa", given_at, AUGUST) == dt.datetime(2026, 8, 24, 16, 59, 59, tzinfo=UTC)


def test_biasa_takes_the_day_from_the_office_zone_not_from_utc() -> None:
    # Monday 06:00 WIB is still Sunday in UTC; counting from Sunday would give Friday.
    monday_morning = dt.datetime(2026, 8, 10, 6, 0, tzinfo=WIB)
    expected = dt.datetime(2026, 8, 17, 23, 59, 59, tzinfo=WIB)
    assert due_at("Biasa", monday_morning, NO_HOLIDAYS) == expected
    assert due_at("Biasa", monday_morning.astimezone(UTC), NO_HOLIDAYS) == expected


def test_biasa_in_another_office_zone() -> None:
    # 16:30 UTC on Friday is Friday 23:30 in Jakarta but already Saturday 00:30 in Makassar.
    instant = dt.datetime(2026, 8, 14, 16, 30, tzinfo=UTC)
    makassar = WorkCalendar(holidays=frozenset(), zone="Asia/Makassar")
    assert due_at("Biasa", instant, NO_HOLIDAYS) == dt.datetime(2026, 8, 21, 23, 59, 59, tzinfo=WIB)
    assert due_at("Biasa", instant, makassar) == dt.datetime(2026, 8, 21, 23, 59, 59, tzinfo=WITA)


def test_hours_are_elapsed_hours_across_a_daylight_saving_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    given_at = dt.datetime(2026, 3, 28, 12, 0, tzinfo=berlin)  # clocks go forward on the 29th
    due = due_at("Segera", given_at, NO_HOLIDAYS)
    assert due - given_at == dt.timedelta(hours=48)
    assert due.astimezone(berlin).hour == 13


def test_an_unknown_urgency_is_named_in_the_error() -> None:
    given_at = dt.datetime(2026, 8, 14, 9, 0, tzinfo=WIB)
    with pytest.raises(ValueError, match="'Mendesak'"):
        due_at("Mendesak", given_at, AUGUST)


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="given_at"):
        due_at("Segera", dt.datetime(2026, 8, 14, 9, 0), AUGUST)


# -- lateness ---------------------------------------------------------------------------------

DUE = dt.datetime(2026, 8, 20, 16, 59, 59, tzinfo=UTC)
HOUR = dt.timedelta(hours=1)


def test_an_open_disposition_is_late_only_after_its_due_time() -> None:
    assert lateness(DUE, None, DUE - HOUR) is None
    assert lateness(DUE, None, DUE) is None
    assert lateness(DUE, None, DUE + 2 * HOUR) == 2 * HOUR
    assert not is_overdue(DUE, None, DUE)
    assert is_overdue(DUE, None, DUE + HOUR)


def test_a_completed_disposition_is_judged_by_its_completion_time() -> None:
    much_later = DUE + dt.timedelta(days=30)
    assert lateness(DUE, DUE - HOUR, much_later) is None
    assert not is_overdue(DUE, DUE, much_later)
    assert lateness(DUE, DUE + 3 * HOUR, much_later) == 3 * HOUR
    assert is_overdue(DUE, DUE + HOUR, DUE + HOUR)


def test_lateness_compares_instants_across_zones() -> None:
    completed = dt.datetime(2026, 8, 20, 23, 59, 59, tzinfo=WIB)  # the same instant as DUE
    assert not is_overdue(DUE, completed, DUE + HOUR)
    assert is_overdue(DUE.astimezone(WITA), None, completed + HOUR)


def test_lateness_refuses_naive_datetimes() -> None:
    naive = dt.datetime(2026, 8, 20, 12, 0)
    with pytest.raises(ValueError, match="now"):
        lateness(DUE, None, naive)
    with pytest.raises(ValueError, match="completed_at"):
        is_overdue(DUE, naive, DUE)


# -- properties -------------------------------------------------------------------------------

DATES = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2032, 12, 31))
CALENDARS = st.builds(
    WorkCalendar,
    holidays=st.frozensets(DATES, max_size=40),
    weekend=st.frozensets(st.integers(0, 6), max_size=3),
)


@given(start=DATES, n=st.integers(min_value=1, max_value=80), calendar=CALENDARS)
def test_add_working_days_lands_exactly_n_working_days_later(
    start: dt.date, n: int, calendar: WorkCalendar
) -> None:
    end = calendar.add_working_days(start, n)
    assert calendar.is_working_day(end)
    assert brute_count(start, end, calendar) == n
    assert working_days_between(start, end, calendar) == n


@given(a=DATES, b=DATES, calendar=CALENDARS)
def test_working_days_between_matches_counting_day_by_day(
    a: dt.date, b: dt.date, calendar: WorkCalendar
) -> None:
    expected = brute_count(a, b, calendar) if a <= b else -brute_count(b, a, calendar)
    assert working_days_between(a, b, calendar) == expected


@given(
    given_at=st.datetimes(
        min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2032, 1, 1), timezones=st.just(UTC)
    ),
    calendar=CALENDARS,
)
def test_biasa_always_ends_a_working_day_in_the_office_zone(
    given_at: dt.datetime, calendar: WorkCalendar
) -> None:
    due = due_at("Biasa", given_at, calendar)
    local = due.astimezone(calendar.tzinfo)
    assert local.time() == dt.time(23, 59, 59)
    assert calendar.is_working_day(local.date())
    given_day = given_at.astimezone(calendar.tzinfo).date()
    assert working_days_between(given_day, local.date(), calendar) == 5
