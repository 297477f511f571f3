"""What the demo workspace's letters say, brought up to the day the demo is built.

The sample letters (``resources/samples``) were written on fixed days in 2026: an invitation
to a meeting on 3 December reads wrong to someone trying the demo in January. So the demo
moves every date of a sample by the same number of **whole weeks**, from the sample's own
``tanggal`` to the week of the day the demo is made: dates stay in order, the gaps between
them stay, and a weekday printed beside a date ("hari Senin, 30 November 2026") still fits.
Dates written in the text ("paling lambat tanggal 31 Desember 2026", "tanggal 13 sampai
dengan 15 Oktober 2026") move with them. Years in names of regulations and reference numbers
("Nomor 12 Tahun 2026") are left alone: they are names, not days.

The incoming letters of the demo carry a PDF, as a scanned or electronic letter would: a
letter of the sending office laid out with the ordinary renderer, under that office's own
letterhead (:func:`incoming_pdf`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from tnde import render
from tnde.drafts import Draft, prepare
from tnde.formatting import MONTHS_ID
from tnde.resources import resource_path

__all__ = ["IncomingSample", "incoming_pdf", "shift_dates", "weeks_between"]

_MONTH_NUMBER = {name.lower(): number for number, name in enumerate(MONTHS_ID, start=1)}
_MONTHS = "|".join(MONTHS_ID)
_DATE_TEXT = re.compile(
    rf"\b(?:(?P<first>\d{{1,2}})(?P<joint>\s+(?:sampai dengan|s\.d\.|s/d|-|–)\s+))?"
    rf"(?P<day>\d{{1,2}})\s+(?P<month>{_MONTHS})\s+(?P<year>\d{{4}})\b"
)


def weeks_between(sample_day: dt.date, today: dt.date) -> dt.timedelta:
    """The whole number of weeks nearest to ``today - sample_day``."""
    return dt.timedelta(weeks=round((today - sample_day).days / 7))


def shift_dates(value: Any, delta: dt.timedelta) -> Any:
    """``value`` (a draft's field values, nested lists and tables) with every date moved by
    ``delta``: date values, and dates written out in Indonesian in the text."""
    if isinstance(value, dt.datetime):
        return value + delta
    if isinstance(value, dt.date):
        return value + delta
    if isinstance(value, str):
        return _DATE_TEXT.sub(lambda m: _shift_written(m, delta), value)
    if isinstance(value, list):
        return [shift_dates(v, delta) for v in value]
    if isinstance(value, dict):
        return {k: shift_dates(v, delta) for k, v in value.items()}
    return value


def _shift_written(match: re.Match[str], delta: dt.timedelta) -> str:
    month = _MONTH_NUMBER[match["month"].lower()]
    try:
        last = dt.date(int(match["year"]), month, int(match["day"])) + delta
        first = (
            dt.date(int(match["year"]), month, int(match["first"])) + delta
            if match["first"]
            else None
        )
    except ValueError:
        return match.group()  # not a real date ("31 November"): leave the words as written
    written = f"{last.day} {_month(last)} {last.year}"
    if first is None:
        return written
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}{match['joint']}{written}"
    year = f" {first.year}" if first.year != last.year else ""
    return f"{first.day} {_month(first)}{year}{match['joint']}{written}"


def _month(day: dt.date) -> str:
    return MONTHS_ID[day.month - 1]


# -- incoming letters ---------------------------------------------------------------------


@dataclass(frozen=True)
class IncomingSample:
    """One letter another office sends the demo office."""

    asal: str
    """The sending office, as the registry writes it."""
    kop: tuple[str, ...]
    """Its letterhead lines (``PEMERINTAH PROVINSI …``, then the office)."""
    address: tuple[str, ...]
    """The address lines under them."""
    nomor: str
    """Its reference number; ``{year}`` stands for the year it is sent."""
    kka: str
    """Its classification code (the head of :attr:`nomor`)."""
    hal: str
    urgensi: str
    isi: str
    """The body, in the draft markup."""
    penandatangan: dict[str, str]
    """Who signed it (jabatan, nama, pangkat, golongan, nip)."""


_RECIPIENT = "Kepala Dinas Komunikasi dan Informatika Provinsi Nusantara Raya"


def incoming_pdf(sample: IncomingSample, day: dt.date) -> bytes:
    """The PDF of ``sample`` dated ``day``: a Surat Dinas of the sending office.

    It is laid out by the letter renderer under the demo profile with the sender's own
    letterhead and address, as a letter printed and signed by hand (``print``: no KONSEP
    watermark, no places kept for an electronic signature) and scanned at the desk.
    """
    values = {
        "tanggal": day,
        "nomor": sample.nomor.format(year=day.year),
        "kka": sample.kka,
        "sifat": "Biasa",
        "hal": sample.hal,
        "tujuan": [_RECIPIENT],
        "di": "Tempat",
        "isi": sample.isi,
        "penandatangan": dict(sample.penandatangan),
    }
    draft = Draft(
        jenis="surat_dinas",
        profile_id=str(resource_path("profiles", "diskominfo-nusantara-raya.toml")),
        raw_values=values,
        source=f"demo: {sample.asal}",
    )
    prepared = prepare(draft)
    if prepared.problems:
        raise prepared.problems[0]
    kop = replace(prepared.profile.kop, lines=sample.kop, address_lines=sample.address)
    profile = replace(prepared.profile, kop=kop)
    return render.render_letter(prepared.template, profile, prepared.values, mode="print").pdf
