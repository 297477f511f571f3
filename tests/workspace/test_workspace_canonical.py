"""Canonical JSON and timestamps: one byte form for every hash."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tnde.canonical import canonical_bytes, canonical_json, format_timestamp

WIB = dt.timezone(dt.timedelta(hours=7))


def test_keys_are_sorted_without_spaces_and_text_stays_utf8() -> None:
    value = {"b": [1, 2], "a": {"z": "Ütama – é", "y": None}, "c": True}
    assert canonical_json(value) == '{"a":{"y":null,"z":"Ütama – é"},"b":[1,2],"c":true}'
    assert canonical_bytes(value) == canonical_json(value).encode("utf-8")


def test_equal_values_give_equal_text_whatever_the_insertion_order() -> None:
    assert canonical_json({"x": 1, "y": 2}) == canonical_json({"y": 2, "x": 1})
    assert canonical_json((1, "a")) == canonical_json([1, "a"])


def test_dates_and_times_are_iso() -> None:
    moment = dt.datetime(2026, 8, 22, 10, 4, 5, 678_900, tzinfo=WIB)
    assert canonical_json({"at": moment, "on": dt.date(2026, 8, 22)}) == (
        '{"at":"2026-08-22T03:04:05.678Z","on":"2026-08-22"}'
    )


def test_timestamps_are_utc_with_milliseconds_and_z() -> None:
    assert format_timestamp(dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)) == (
        "2026-01-02T03:04:05.000Z"
    )
    with pytest.raises(ValueError, match="naive"):
        format_timestamp(dt.datetime(2026, 1, 2))


@pytest.mark.parametrize("value", [{1, 2}, b"bytes", dt.datetime(2026, 1, 2), object()])
def test_values_without_one_json_form_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        canonical_json({"v": value})


def test_nan_is_refused() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        canonical_json(math.nan)
