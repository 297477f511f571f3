"""The date of an incoming letter, as pre-fill reads it.

Letters made elsewhere print their date in many ways: ``20 November 2026``, ``3 Des 2026``,
``03-12-2026``, ``03/12/2026``, ``3 DESEMBER 2026``; a Berita Acara writes it in words. Numeric
dates are read day first, as Indonesian letters write them. The date of the letter is the
first date line in reading order; a date in the body ("paling lambat tanggal …") is never one.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from tnde.errors import ValidationError
from tnde.formatting import HARI_ID, parse_tanggal, terbilang

if TYPE_CHECKING:
    from tnde.incoming.prefill_lines import Line

__all__ = ["DATE_RE", "letter_date", "read_date"]

#: A date as letters print it: day, month (a name, a short name or a number), year.
DATE = r"\d{1,2}(?:\s+[A-Za-z]+\.?\s+|\s*[-/.]\s*\d{1,2}\s*[-/.]\s*)\d{4}"
DATE_RE = re.compile(DATE)
_PLACE_DATE_RE = re.compile(rf"(?P<place>[A-Z][A-Za-z.'\- ]{{1,40}}),\s*(?P<date>{DATE})")
_PADA_TANGGAL_RE = re.compile(rf"pada\s+tanggal\s*:?\s*(?P<date>{DATE})\s*$", re.I)
_DITETAPKAN_RE = re.compile(r"(Ditetapkan|Dikeluarkan)\s+di\b", re.I)
_NUMERIC_RE = re.compile(r"(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})")
_SHORT_MONTHS = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "mei": 5, "jun": 6, "jul": 7,
    "agt": 8, "agu": 8, "ags": 8, "agus": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11,
    "nop": 11, "des": 12,
}  # fmt: skip
_SHORT_RE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})")
_BERITA_ACARA_RE = re.compile(
    r"hari ini\s+(?P<hari>[A-Za-z']+)\s*,?\s+tanggal\s+(?P<tgl>[a-z ]+?)\s+bulan\s+"
    r"(?P<bulan>[A-Za-z]+)\s+tahun\s+(?P<tahun>[a-z ]+)",
    re.I,
)
#: A lone date starts this far right (as a share of the page's right margin, in columns).
_RIGHT_SIDE = 0.4


def _within_years(day: int, month: int, year: int) -> date | None:
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None
    return parsed if 1945 <= parsed.year <= 2100 else None


def read_date(text: str) -> date | None:
    """``text`` as a date in any of the forms above, or None."""
    text = " ".join(text.split())
    if m := _NUMERIC_RE.fullmatch(text):
        return _within_years(int(m.group(1)), int(m.group(3)), int(m.group(4)))
    if (m := _SHORT_RE.fullmatch(text)) and (month := _SHORT_MONTHS.get(m.group(2).lower())):
        return _within_years(int(m.group(1)), month, int(m.group(3)))
    try:
        parsed = parse_tanggal(text)
    except ValidationError:
        return None
    return parsed if 1945 <= parsed.year <= 2100 else None


def letter_date(
    lines: list[Line], label_values: list[tuple[int, str]], widths: dict[int, int]
) -> tuple[date | None, bool]:
    """The letter's date, and whether a date line was seen but could not be read.

    The first date line in reading order ("Tempat, 20 November 2026", a lone date on the right,
    or "pada tanggal …" under "Ditetapkan di"); else the first ``Tanggal : …`` label (a label
    may also be an event's date in an invitation); else a Berita Acara's date in words.
    """
    candidates: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        for segment in line.segments:
            m = _PLACE_DATE_RE.fullmatch(segment.text)
            if m and m.group("place").strip().title() not in HARI_ID:
                candidates.append((index, m.group("date")))
            elif (
                DATE_RE.fullmatch(segment.text)
                and segment is line.segments[-1]
                # beside the header's labels, or on a line of its own
                and (len(line.segments) == 1 or (line.page == 0 and index < 40))
                and segment.col >= _RIGHT_SIDE * widths[line.page]
            ):
                candidates.append((index, segment.text))
            elif (m := _PADA_TANGGAL_RE.match(line.raw, segment.col)) and any(
                _DITETAPKAN_RE.search(before.raw) for before in lines[max(0, index - 2) : index]
            ):
                candidates.append((index, m.group("date")))
    candidates += [(len(lines) + line, value) for line, value in label_values]
    if candidates:
        # The first date line is the letter's; when it cannot be read, a later date is more
        # likely an event's than the letter's: leave it to the clerk.
        parsed = read_date(min(candidates, key=lambda c: c[0])[1])
        return parsed, parsed is None
    return _date_in_words(" ".join(" ".join(line.raw.split()) for line in lines)), False


@cache
def _number_words(low: int, high: int) -> dict[str, int]:
    return {terbilang(n): n for n in range(low, high + 1)}


def _date_in_words(text: str) -> date | None:
    """A Berita Acara's "Pada hari ini Jumat tanggal dua puluh bulan November tahun dua ribu
    dua puluh enam"; the weekday must agree."""
    if not (m := _BERITA_ACARA_RE.search(text)):
        return None
    day = _number_words(1, 31).get(m.group("tgl").strip().lower())
    years = _number_words(1945, 2100)
    words = m.group("tahun").lower().split()
    year = next(
        (
            years[" ".join(words[:n])]
            for n in range(len(words), 0, -1)
            if " ".join(words[:n]) in years
        ),
        None,
    )
    if day is None or year is None:
        return None
    parsed = read_date(f"{day} {m.group('bulan')} {year}")
    if parsed is None or HARI_ID[parsed.weekday()].lower() != m.group("hari").lower():
        return None
    return parsed


DITETAPKAN_RE = _DITETAPKAN_RE
"""``Ditetapkan di``/``Dikeluarkan di``: the line above a decree's date and signature."""
