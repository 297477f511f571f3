"""The tracking rows as CSV, for secretaries who keep their own spreadsheets.

The file is UTF-8 with a byte-order mark, so Excel on Windows reads the Indonesian text
right on a double click; dates are ISO 8601, so it sorts them and reads them in any locale.
"""

from __future__ import annotations

import csv
import io
from typing import IO, TYPE_CHECKING

from tnde.tracking.model import STATUS_LABELS

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from tnde.tracking.model import TrackingRow

__all__ = ["CSV_HEADER", "write_tracking_csv"]

CSV_HEADER: tuple[str, ...] = (
    "No. Agenda",
    "Tanggal Diterima",
    "Asal Surat",
    "Hal",
    "Tingkat Urgensi",
    "Penerima Disposisi",
    "Penanggung Jawab Utama",
    "Status",
    "Tanggal Disposisi",
    "Batas Waktu",
    "Tanggal Selesai",
    "Terlambat",
    "Umur (Hari Kerja)",
)
"""The header row, one column per field of :class:`~tnde.tracking.model.TrackingRow`."""

# A cell starting with one of these is a formula to a spreadsheet (CSV injection, OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_tracking_csv(
    rows: Iterable[TrackingRow], stream: IO[bytes], *, delimiter: str = ","
) -> None:
    """Write ``rows`` with :data:`CSV_HEADER` to the binary ``stream`` as UTF-8 with a BOM.

    Dates are ``YYYY-MM-DD``; times are ISO 8601 with their UTC offset, to the second, as
    given. Yes/no columns read ``Ya``/``Tidak``; the status is its printed label. Free text
    (agenda, asal, hal, urgensi, penerima) that a spreadsheet would take for a formula gets a
    leading apostrophe.

    Args:
        rows: the rows, in the order to write.
        stream: a binary file or buffer; it is left open.
        delimiter: ``","`` by default; ``";"`` suits Excel under an Indonesian regional
            setting, whose list separator is the semicolon.
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(CSV_HEADER)
        for row in rows:
            writer.writerow(
                (
                    _safe(row.agenda),
                    row.diterima.isoformat(),
                    _safe(row.asal),
                    _safe(row.hal),
                    _safe(row.urgensi),
                    _safe(row.recipient),
                    _yes_no(row.leading),
                    STATUS_LABELS[row.status],
                    _iso(row.given_at),
                    _iso(row.due_at),
                    _iso(row.completed_at),
                    _yes_no(row.overdue),
                    str(row.aging_days),
                )
            )
        text.flush()
    finally:
        text.detach()  # leave the caller's stream open


def _safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _yes_no(flag: bool) -> str:
    return "Ya" if flag else "Tidak"


def _iso(value: dt.datetime | None) -> str:
    return "" if value is None else value.isoformat(timespec="seconds")
