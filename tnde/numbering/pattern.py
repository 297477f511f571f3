"""A small grammar for letter numbers (nomor naskah dinas).

A pattern is literal text with tokens in braces::

    {kka}/{seq}/{unit}                               000.8.3.3/15/OR
    {kka}/{seq}/{unit}/{tahun}                       000.1.2.3/4461/107.1/2025
    {derajat}-{seq}/{jabatan}/{kka}/{bulan2}/{tahun} R-99/IJ/KP.07.6/04/2020
    {seq:3}/{jenis}/{unit}/{tahun}                   018/ND/Sj/2016
    {kka}/{seq}/{unit}/{bulan_romawi}/{tahun}        470/627498/KL-LMP/VIII/2026

Tokens: ``{kka}`` (Kode Klasifikasi Arsip), ``{seq}`` (the sequence number; ``{seq:3}`` pads it
with zeros to 3 digits), ``{unit}`` (unit code: "OR", "Diskominfo", "107.1"), ``{derajat}``
(security class B/T/R/SR), ``{jenis}`` (type code ND, UND, ST…), ``{jabatan}``
(office code), ``{bulan_romawi}`` (VII), ``{bulan2}`` (07) and ``{tahun}`` (2026). Every token
appears at most once and ``{seq}`` is required. There is no escape for literal braces: real
numbering schemes never print them.

The same pattern both formats a number (:meth:`NumberPattern.format`) and reads one back
(:meth:`NumberPattern.parse`); ``parse(format(ctx))`` gives back the values of ``ctx``. To keep
that true, :meth:`~NumberPattern.format` refuses values that would make the printed number
ambiguous (see its docstring), and two tokens must always be separated by literal text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from tnde.errors import NumberingError
from tnde.formatting import bulan_romawi, to_roman
from tnde.messages import _
from tnde.numbering.kka import KKA_CODE_REGEX

if TYPE_CHECKING:
    from datetime import date

__all__ = [
    "DERAJAT_CODES",
    "TOKENS",
    "NumberContext",
    "NumberPattern",
    "ParsedNumber",
    "Token",
    "format_arahan_number",
    "parse_pattern",
]

_log = logging.getLogger(__name__)

TOKENS: frozenset[str] = frozenset(
    {"kka", "seq", "unit", "derajat", "jenis", "jabatan", "bulan_romawi", "bulan2", "tahun"}
)
"""Every token name a pattern may use."""

DERAJAT_CODES: tuple[str, ...] = ("B", "T", "R", "SR")
"""Security-class codes (Biasa, Terbatas, Rahasia, Sangat Rahasia)."""

_FREE_TEXT = frozenset({"unit", "jenis", "jabatan"})
_MAX_PADDING = 10
_ROMAN_MONTH = {to_roman(m): m for m in range(1, 13)}
# Longest numerals first so the alternation never stops at a prefix ("X" of "XII").
_ROMAN_MONTH_RE = "|".join(sorted(_ROMAN_MONTH, key=len, reverse=True))
_FIXED_RE = {
    "kka": KKA_CODE_REGEX,
    "derajat": "SR|B|T|R",
    "bulan_romawi": _ROMAN_MONTH_RE,
    "bulan2": "0[1-9]|1[0-2]",
    "tahun": "[0-9]{4}",
}


@dataclass(frozen=True)
class Token:
    """One ``{name}`` or ``{seq:width}`` placeholder of a pattern."""

    name: str
    """A member of :data:`TOKENS`."""
    width: int | None = None
    """Zero-padding width; only ``seq`` has one."""

    def __str__(self) -> str:
        return f"{{{self.name}:{self.width}}}" if self.width else f"{{{self.name}}}"


@dataclass(frozen=True)
class NumberContext:
    """The values a number is formatted from. Unused fields are ignored."""

    seq: int
    """Sequence number in its series, from 1 (see :mod:`tnde.numbering.series`)."""
    tanggal: date
    """Date of the letter; gives ``{tahun}``, ``{bulan2}`` and ``{bulan_romawi}``."""
    kka: str = ""
    """Kode Klasifikasi Arsip, numeric (``000.1.2.3``) or ministry style (``KP.07.6``)."""
    unit: str = ""
    """Code of the issuing unit (``OR``, ``Diskominfo``, ``107.1``)."""
    derajat: str = ""
    """Security class code, one of :data:`DERAJAT_CODES`."""
    jenis: str = ""
    """Code of the type of naskah (``ND``, ``UND``, ``ST``…)."""
    jabatan: str = ""
    """Code of the signing office (``IJ``)."""


@dataclass(frozen=True)
class ParsedNumber:
    """What :meth:`NumberPattern.parse` read from a number; ``None`` where the pattern has no
    such token."""

    seq: int
    """Sequence number."""
    kka: str | None = None
    """Kode Klasifikasi Arsip."""
    unit: str | None = None
    """Unit code."""
    derajat: str | None = None
    """Security class code."""
    jenis: str | None = None
    """Type code."""
    jabatan: str | None = None
    """Office code."""
    tahun: int | None = None
    """Year, from ``{tahun}``."""
    bulan: int | None = None
    """Month 1..12, from ``{bulan2}`` or ``{bulan_romawi}``."""


@dataclass(frozen=True)
class NumberPattern:
    """A parsed numbering pattern. Build it with :func:`parse_pattern`."""

    text: str
    """The pattern as written (``"{kka}/{seq}/{unit}"``)."""
    parts: tuple[str | Token, ...]
    """Literal text and tokens in order; literals are never empty."""

    def __str__(self) -> str:
        return self.text

    @property
    def tokens(self) -> tuple[str, ...]:
        """Token names in the order they appear."""
        return tuple(p.name for p in self.parts if isinstance(p, Token))

    @property
    def seq_width(self) -> int | None:
        """The zero-padding width of ``{seq}``, or ``None``."""
        return next(p.width for p in self.parts if isinstance(p, Token) and p.name == "seq")

    # -- formatting -----------------------------------------------------------------------------

    def format(self, values: NumberContext) -> str:
        """The number for ``values``: ``"000.8.3.3/15/OR"``.

        Raises:
            NumberingError: ``missing_value`` when a token of the pattern has no value;
                ``bad_value`` when a value cannot be printed unambiguously: ``seq`` below 1, a
                year outside 1000..9999, a ``kka`` that is not a classification code, a
                ``derajat`` outside B/T/R/SR, or a ``unit``/``jenis``/``jabatan`` that has
                surrounding spaces, contains "/", or contains the literal character right
                before or after its token (a unit "KL-LMP" cannot follow ``"{seq}-"``). Dots
                are fine in a ``kka`` and in a unit such as "107.1" between slashes.
        """
        out: list[str] = []
        for index, part in enumerate(self.parts):
            out.append(part if isinstance(part, str) else self._render(index, part, values))
        return "".join(out)

    def _render(self, index: int, token: Token, values: NumberContext) -> str:
        name = token.name
        if name == "seq":
            if values.seq < 1:
                raise NumberingError(
                    "bad_value", _("sequence numbers start at 1, not {seq}", seq=values.seq)
                )
            return str(values.seq).zfill(token.width or 0)
        if name in ("tahun", "bulan2", "bulan_romawi"):
            year = values.tanggal.year
            if not 1000 <= year <= 9999:
                raise NumberingError(
                    "bad_value", _("year {year} does not have four digits", year=year)
                )
            if name == "tahun":
                return str(year)
            return (
                f"{values.tanggal.month:02d}" if name == "bulan2" else bulan_romawi(values.tanggal)
            )
        value: str = getattr(values, name)
        if not value:
            raise NumberingError(
                "missing_value",
                _("pattern {text!r} needs a value for {{{name}}}", text=self.text, name=name),
            )
        if name in _FREE_TEXT:
            bad = self._boundary_chars(index) & set(value)
            if bad:
                raise NumberingError(
                    "bad_value",
                    _(
                        "{name} {value!r} cannot be used in pattern {text!r}: "
                        "it contains {chars!r}",
                        name=name,
                        value=value,
                        text=self.text,
                        chars="".join(sorted(bad)),
                    ),
                )
            if value != value.strip():
                raise NumberingError(
                    "bad_value",
                    _(
                        "{name} {value!r} cannot be used in pattern {text!r}: surrounding spaces",
                        name=name,
                        value=value,
                        text=self.text,
                    ),
                )
        elif not re.fullmatch(_FIXED_RE[name], value):
            raise NumberingError(
                "bad_value", _("{value!r} is not a valid {name}", value=value, name=name)
            )
        return value

    def _boundary_chars(self, index: int) -> frozenset[str]:
        """Characters a free-text token at ``parts[index]`` must not contain."""
        chars = {"/"}
        if index > 0 and isinstance(before := self.parts[index - 1], str):
            chars.add(before[-1])
        if index + 1 < len(self.parts) and isinstance(after := self.parts[index + 1], str):
            chars.add(after[0])
        return frozenset(chars)

    # -- parsing --------------------------------------------------------------------------------

    @cached_property
    def _regex(self) -> re.Pattern[str]:
        pieces: list[str] = []
        for index, part in enumerate(self.parts):
            if isinstance(part, str):
                pieces.append(re.escape(part))
                continue
            if part.name == "seq":
                body = f"[0-9]{{{part.width},}}" if part.width else "[0-9]+"
            elif part.name in _FREE_TEXT:
                excluded = "".join(re.escape(c) for c in sorted(self._boundary_chars(index)))
                body = f"[^{excluded}]+"
            else:
                body = _FIXED_RE[part.name]
            pieces.append(f"(?P<{part.name}>{body})")
        return re.compile("".join(pieces))

    def parse(self, number: str) -> ParsedNumber:
        """Read a number written with this pattern (surrounding spaces are ignored).

        Raises:
            NumberingError: ``no_match`` when ``number`` does not fit the pattern, or its
                ``{bulan2}`` and ``{bulan_romawi}`` disagree.
        """
        match = self._regex.fullmatch(number.strip())
        if match is None:
            raise NumberingError(
                "no_match",
                _("{number!r} does not match pattern {text!r}", number=number, text=self.text),
            )
        found = match.groupdict()
        months = set()
        if (roman := found.get("bulan_romawi")) is not None:
            months.add(_ROMAN_MONTH[roman])
        if (two_digit := found.get("bulan2")) is not None:
            months.add(int(two_digit))
        if len(months) > 1:
            raise NumberingError(
                "no_match",
                _(
                    "{number!r}: the two month fields disagree (pattern {text!r})",
                    number=number,
                    text=self.text,
                ),
            )
        tahun = found.get("tahun")
        return ParsedNumber(
            seq=int(found["seq"]),
            kka=found.get("kka"),
            unit=found.get("unit"),
            derajat=found.get("derajat"),
            jenis=found.get("jenis"),
            jabatan=found.get("jabatan"),
            tahun=int(tahun) if tahun is not None else None,
            bulan=months.pop() if months else None,
        )


def parse_pattern(text: str) -> NumberPattern:
    """Parse a numbering pattern such as ``"{kka}/{seq:3}/{unit}/{tahun}"``.

    Raises:
        NumberingError: ``unbalanced_brace`` (a ``{`` without ``}``, a stray ``}``, or a brace
            inside a token); ``unknown_token``; ``bad_padding`` (a width that is not 1..10, or
            a width on a token other than ``seq``); ``duplicate_token``; ``adjacent_tokens``
            (two tokens with no literal text between them, which could not be read back);
            ``no_seq`` (the pattern has no ``{seq}``).
    """
    parts: list[str | Token] = []
    seen: set[str] = set()
    literal: list[str] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "}":
            raise NumberingError(
                "unbalanced_brace", _("stray '}}' at {pos} in pattern {text!r}", pos=pos, text=text)
            )
        if char != "{":
            literal.append(char)
            pos += 1
            continue
        end = text.find("}", pos + 1)
        if end == -1 or "{" in text[pos + 1 : end]:
            raise NumberingError(
                "unbalanced_brace",
                _("unclosed '{{' at {pos} in pattern {text!r}", pos=pos, text=text),
            )
        token = _parse_token(text[pos + 1 : end], text)
        if token.name in seen:
            raise NumberingError(
                "duplicate_token",
                _("{{{token}}} repeats in pattern {text!r}", token=token.name, text=text),
            )
        if literal:
            parts.append("".join(literal))
            literal.clear()
        elif parts:
            raise NumberingError(
                "adjacent_tokens",
                _(
                    "{token} directly follows another token in pattern {text!r}",
                    token=token,
                    text=text,
                ),
            )
        seen.add(token.name)
        parts.append(token)
        pos = end + 1
    if literal:
        parts.append("".join(literal))
    if "seq" not in seen:
        raise NumberingError("no_seq", _("pattern {text!r} has no {{seq}}", text=text))
    return NumberPattern(text=text, parts=tuple(parts))


def _parse_token(body: str, text: str) -> Token:
    name, colon, width = body.partition(":")
    if name not in TOKENS:
        raise NumberingError(
            "unknown_token", _("unknown token {{{body}}} in pattern {text!r}", body=body, text=text)
        )
    if not colon:
        return Token(name)
    if name != "seq":
        raise NumberingError(
            "bad_padding", _("only {{seq}} takes a width, not {{{body}}}", body=body)
        )
    if not re.fullmatch("[0-9]{1,2}", width) or not 1 <= int(width) <= _MAX_PADDING:
        raise NumberingError(
            "bad_padding",
            _(
                "width in {{{body}}} must be 1..{max_width} (pattern {text!r})",
                body=body,
                max_width=_MAX_PADDING,
                text=text,
            ),
        )
    return Token(name, int(width))


def format_arahan_number(seq: int, year: int) -> str:
    """Number of a Peraturan/Keputusan as printed after "NOMOR": ``"23 TAHUN 2020"``.

    The caller adds ``"NOMOR "``; the heading reads "KEPUTUSAN BUPATI … NOMOR 23 TAHUN 2020".

    Raises:
        NumberingError: ``bad_value`` when ``seq`` is below 1 or ``year`` is not four digits.
    """
    if seq < 1:
        raise NumberingError("bad_value", _("sequence numbers start at 1, not {seq}", seq=seq))
    if not 1000 <= year <= 9999:
        raise NumberingError("bad_value", _("year {year} does not have four digits", year=year))
    return f"{seq} TAHUN {year}"
