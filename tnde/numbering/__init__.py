"""Letter numbering: number patterns, series rules and the KKA classification tree.

- :mod:`~tnde.numbering.pattern`: format and read numbers such as ``000.8.3.3/15/OR``
  (:func:`parse_pattern`, :class:`NumberPattern`) and Keputusan numbers ("23 TAHUN 2020").
- :mod:`~tnde.numbering.series`: which counter a number comes from (:class:`SeriesPolicy`,
  :func:`series_key`). Issuing numbers atomically is the register's job, later.
- :mod:`~tnde.numbering.kka`: the Kode Klasifikasi Arsip tree (:class:`KkaTree`,
  :func:`load_kka_csv`, :func:`default_kka`).

Everything raises :class:`tnde.errors.NumberingError` (with a stable ``code``) for bad patterns,
values and numbers, and :class:`tnde.errors.DataFileError` for bad KKA files.
"""

from __future__ import annotations

from tnde.numbering.kka import (
    KKA_CODE_REGEX,
    NASIB_AKHIR,
    KkaTree,
    Klasifikasi,
    default_kka,
    load_kka_csv,
    parent_code,
)
from tnde.numbering.pattern import (
    DERAJAT_CODES,
    TOKENS,
    NumberContext,
    NumberPattern,
    ParsedNumber,
    Token,
    format_arahan_number,
    parse_pattern,
)
from tnde.numbering.series import SeriesContext, SeriesPolicy, next_in_series, series_key

__all__ = [
    "DERAJAT_CODES",
    "KKA_CODE_REGEX",
    "NASIB_AKHIR",
    "TOKENS",
    "KkaTree",
    "Klasifikasi",
    "NumberContext",
    "NumberPattern",
    "ParsedNumber",
    "SeriesContext",
    "SeriesPolicy",
    "Token",
    "default_kka",
    "format_arahan_number",
    "load_kka_csv",
    "next_in_series",
    "parent_code",
    "parse_pattern",
    "series_key",
]
