"""The labelled fields of a letter's header: Nomor, Sifat, Lampiran, Hal (and Tanggal, Urgensi).

Labels come in many styles: ``Nomor : …``, ``Nomor: …``, ``Nomor.``/``Hal.``, no colon at all
(the value in a column of its own), capitals, letter-spaced (``S i f a t``) or widely spaced
(``Sifat     :``). A label without a colon counts only inside a block of two or more labels
that stand one above the other, so a body line starting "Hal tersebut …" is no label.

A value ends where its column ends: text further right on the same line is the address
column ("Yth. … / di - / TEMPAT") beside the labels, even when the two ran together, so a
value is cut at the x position where that column starts. A value the rules cannot place
with certainty is left empty and reported as *unsure*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tnde.incoming.sifat import split_sifat

if TYPE_CHECKING:
    from tnde.incoming.prefill_lines import Line

__all__ = ["Field", "Header", "Label", "find_labels", "hal", "lampiran", "nomor", "sifat_urgensi"]

_LABEL_WORDS = (
    ("nomor", "Nomor Surat"),
    ("nomor", "Nomor"),
    ("nomor", "No"),
    ("sifat", "Sifat Surat"),
    ("sifat", "Sifat Naskah"),
    ("sifat", "Sifat"),
    ("urgensi", "Tingkat Urgensi"),
    ("urgensi", "Urgensi"),
    ("lampiran", "Lampiran"),
    ("lampiran", "Lamp"),
    ("hal", "Perihal"),
    ("hal", "Hal"),
    ("tanggal", "Tanggal"),
)


def _spaced(words: str) -> str:
    """A label that may be printed letter-spaced: ``S i f a t``."""
    return r"\s+".join(r"\s?".join(re.escape(ch) for ch in word) for word in words.split())


_LABEL_RE = re.compile(
    "(?:"
    + "|".join(f"(?P<k{k}>{_spaced(words)})" for k, (_key, words) in enumerate(_LABEL_WORDS))
    + r")(?![A-Za-z])(?P<sep>\.?[ \t]*:|[ \t]*\.|[ \t]{3,}|[ \t]*$)",
    re.I,
)
# A line starting like this ends a value that wraps: another label, the address block.
_STOPS_RE = re.compile(
    r"(Yth\.|Kepada\b|Tembusan\b|di\s*-|[A-Za-z][A-Za-z./ ]{0,24}?[ \t]*:)", re.I
)
_ANOTHER_LABEL_RE = re.compile(r"[A-Za-z][A-Za-z./ ]{0,24}?[ \t]*:(\s|$)")
# The address column beside the labels starts with one of these.
_ADDRESS_START_RE = re.compile(r"(Yth\b|Kepada\b|di\b)", re.I)
# What a value must not end with: the start of the address column that ran into it.
_ADDRESS_TAIL_RE = re.compile(r"(\s|^)(di\s*-|Yth\.?|Kepada)(\s|$)", re.I)
_ARAHAN_NOMOR_RE = re.compile(r"(\d+)\s+TAHUN\s+(\d{4})", re.I)
# Letters, digits and . - /; a space only inside a code after a slash ("…/Satpol PP").
_CODE_NOMOR_RE = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9.\-/]*(?:/[A-Za-z0-9.\-]+(?: [A-Za-z0-9.\-]+)?)*"
)
_NONE_RE = re.compile(r"[-\u2013\u2014]|tidak ada|nihil", re.I)
_COUNT_RE = re.compile(
    r"(\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|se)\b.{0,40}", re.I
)
#: The labels of a letter's header stand within this many lines of the first one.
_BLOCK_LINES = 14
#: Labels of one block stand this close (points) to each other's left edge.
_SAME_X = 4.0
#: A line reaching this far right (as a share of the page's right margin) may have wrapped.
_WRAPS_AT = 0.85


@dataclass(frozen=True)
class Label:
    """A label and the value printed on its line."""

    key: str
    line: int
    x: float
    """Where the label starts on the page."""
    value: str
    value_col: int
    """Where the value starts (or would start), in columns of the line."""
    value_x: float
    colon: bool
    broken: bool = False
    """The address column cut the value inside a word: what is left may be cut short."""


@dataclass(frozen=True)
class Field:
    """A value read from the letter and whether it was seen but left out as unsure."""

    value: str = ""
    unsure: bool = False


@dataclass(frozen=True)
class Header:
    """The labels of a letter's header and the address column beside them."""

    labels: dict[str, list[Label]]
    """Every label of each key, in reading order."""
    address_x: float | None
    """Where the address column beside the labels starts (points), if there is one."""
    rows: tuple[int, ...]
    """The lines of the labels the address column stands beside."""

    def first(self, key: str) -> Label | None:
        found = self.labels.get(key)
        return found[0] if found else None


def find_labels(lines: list[Line]) -> Header:
    """Every label, in reading order, with the value on its line (cut at the address column)."""
    raw: list[tuple[Label, int]] = []
    for index, line in enumerate(lines):
        for position, segment in enumerate(line.segments):
            m = _LABEL_RE.match(line.raw, segment.col)
            if m is None:
                continue
            colon = ":" in m.group("sep")
            if not colon and position > 0:
                continue  # only a colon makes a label of text in the middle of a line
            group = next(k for k, v in m.groupdict().items() if v and k.startswith("k"))
            key = _LABEL_WORDS[int(group[1:])][0]
            raw.append((_label_at(line, index, key, m.end(), m.group("sep"), segment.x), position))
    # A label without a colon stands in a block of labels, one above the other.
    found: dict[str, list[Label]] = {}
    for label, _position in raw:
        if not label.colon and not any(
            other is not label
            and other.key != label.key
            and abs(other.x - label.x) <= _SAME_X
            and abs(other.line - label.line) <= 8
            for other, _ in raw
        ):
            continue
        found.setdefault(label.key, []).append(label)
    # The header block: the first labels of the letter, on one page (a lampiran page may
    # repeat "Nomor : …" further on, with no address column beside it).
    in_order = sorted((label for labels in found.values() for label in labels), key=_line_of)
    block = [
        label
        for label in in_order
        if lines[label.line].page == lines[in_order[0].line].page
        and label.line - in_order[0].line <= _BLOCK_LINES
    ]
    address_x = _address_column(lines, block)
    if address_x is None:
        return Header(found, None, ())
    rows = tuple(label.line for label in block)
    cut = {
        key: [_cut(lines[label.line], label, address_x) if label.line in rows else label
              for label in labels]
        for key, labels in found.items()
    }  # fmt: skip
    return Header(cut, address_x, rows)


def _line_of(label: Label) -> int:
    return label.line


def _label_at(line: Line, index: int, key: str, end: int, sep: str, x: float) -> Label:
    colon = ":" in sep
    rest = line.raw[end:]
    # The value starts at the next character that is not a space, in the label's column…
    value_col = end + len(rest) - len(rest.lstrip(" \t"))
    segment = next((s for s in line.segments if s.col <= end < s.end), None)
    if segment is None or value_col >= segment.end:
        # …or in the next column ("Nomor      005/…"), or on no line of its own.
        segment = next((s for s in line.segments if s.col >= end), None)
        # A label in the next column is no value ("Sifat:   Tingkat urgensi:").
        if segment is not None and not _ANOTHER_LABEL_RE.match(segment.text):
            value_col = segment.col
        else:
            segment = None
    value = " ".join(line.raw[value_col : segment.end].split()) if segment else ""
    return Label(key, index, x, value, value_col, line.x_at(value_col), colon)


def _address_column(lines: list[Line], labels: list[Label]) -> float | None:
    """Where the address column beside the labels starts, if there is one."""
    if not labels:
        return None
    first = min(label.line for label in labels)
    last = max(label.line for label in labels)
    value_x = min(label.value_x for label in labels)
    starts = [
        segment.x
        for line in lines[max(0, first - 3) : last + 8]
        for segment in line.segments
        if segment.x > value_x + 40 and _ADDRESS_START_RE.match(segment.text)
    ]
    return min(starts) if starts else None


def _cut(line: Line, label: Label, address_x: float) -> Label:
    if not label.value:
        return label
    end = next((s.end for s in line.segments if s.col <= label.value_col < s.end), 0)
    stop = line.column_at(label.value_col, end, address_x - 1)
    value = " ".join(line.raw[label.value_col : stop].split())
    # Cut inside a run of characters: fine when the address column's first word starts there
    # ("…KEPEGAWAIANDI -"), not when the value itself reaches under the address column.
    broken = (
        0 < stop < end
        and not line.raw[stop - 1].isspace()
        and not _ADDRESS_START_RE.match(line.raw, stop)
    )
    return replace(label, value="" if broken else value, broken=broken)


def _clean_nomor(value: str) -> str:
    value = re.sub(r"\s*([/-])\s*", r"\1", value.strip().rstrip(".,;"))
    if m := _ARAHAN_NOMOR_RE.fullmatch(value):
        return f"{m.group(1)} Tahun {m.group(2)}"
    if (
        _CODE_NOMOR_RE.fullmatch(value)
        and any(ch.isdigit() for ch in value)
        # A letter not numbered yet: "000.8.3.3/      /Diskominfo/2026".
        and "//" not in value
        and value[-1].isalnum()
        and len(value) <= 64
    ):
        return value
    return ""


_TITLE_NOMOR_RE = re.compile(r"NOMOR\s*:?\s+(.+)")


def nomor(lines: list[Line], header: Header) -> Field:
    """The number from the ``Nomor`` label or a title block's ``NOMOR …`` line."""
    candidates = [(label.line, label.value) for label in header.labels.get("nomor", [])]
    for index, line in enumerate(lines):
        if len(line.segments) == 1 and (m := _TITLE_NOMOR_RE.fullmatch(line.segments[0].text)):
            candidates.append((index, m.group(1)))
    for _position, value in sorted(candidates):
        if cleaned := _clean_nomor(value):
            return Field(cleaned)
    return Field("", unsure=bool(candidates))


def sifat_urgensi(header: Header) -> tuple[Field, Field]:
    """Sifat and urgensi: an urgency word in the Sifat line counts as the urgency."""
    sifat = urgensi = Field()
    for label in header.labels.get("sifat", [])[:1]:
        split = split_sifat(label.value) if label.value else None
        if split is None:
            sifat = Field("", unsure=True)
        else:
            sifat, urgensi = Field(split[0]), Field(split[1])
    for label in header.labels.get("urgensi", [])[:1]:
        split = split_sifat(label.value) if label.value else None
        if split is None or split[0] != "Biasa":
            urgensi = Field("", unsure=True)
        else:
            urgensi = Field(split[1] or "Biasa")
    return sifat, urgensi


def lampiran(header: Header) -> Field:
    """What the letter says it encloses (``""`` for ``-``: nothing)."""
    for label in header.labels.get("lampiran", [])[:1]:
        value = label.value
        if _NONE_RE.fullmatch(value):
            return Field()
        if _COUNT_RE.fullmatch(value) and not _ADDRESS_TAIL_RE.search(value):
            return Field(value)
        return Field("", unsure=True)
    return Field()


def _is_stop(line: Line) -> bool:
    first = line.segments[0]
    return bool(_STOPS_RE.match(first.text) or _LABEL_RE.match(line.raw, first.col))


def _value_lines(
    lines: list[Line], start: int, step: int, x: float, address_x: float | None
) -> list[tuple[str, int]]:
    """The lines next to a label line (below: step 1, above: step -1) that continue its value,
    each with the column where it ends."""
    out: list[tuple[str, int]] = []
    index = start + step
    while 0 <= index < len(lines) and len(out) < 5:
        line = lines[index]
        if address_x is not None and line.segments and line.segments[0].x >= address_x - 1 > x:
            index += step  # a line of the address column, between two lines of the value
            continue
        if not line.segments or _is_stop(line) or abs(line.segments[0].x - x) > _SAME_X:
            break
        first = line.segments[0]
        text = first.text
        if address_x is not None and x < address_x:
            text = line.text_before(first.col, first.end, address_x - 1)
        out.append((text, first.end))
        index += step
    return out


def hal(lines: list[Line], header: Header, widths: dict[int, int]) -> Field:
    """The ``Hal``/``Perihal`` value with the lines it wraps onto."""
    label = header.first("hal")
    if label is None:
        return Field()
    if label.broken:
        return Field("", unsure=True)
    address_x = header.address_x if label.line in header.rows else None
    below = _value_lines(lines, label.line, 1, label.value_x, address_x)
    if label.value:
        line = lines[label.line]
        end = next((s.end for s in line.segments if s.col <= label.value_col < s.end), 0)
        parts = [(label.value, end), *below]
        above = _value_lines(lines, label.line, -1, label.value_x, address_x)
        if above:
            # A label centred beside an odd number of lines: as many above as below.
            if len(above) != len(below):
                return Field("", unsure=True)
            parts = [*reversed(above), *parts]
    else:
        # The label centred beside an even number of lines: half above it, half below (or
        # beside the first two of three, as some tools centre it on the first lines).
        following = lines[label.line + 1] if label.line + 1 < len(lines) else None
        if following is None or not following.segments or following.segments[0].x <= label.x:
            return Field("", unsure=True)
        x = following.segments[0].x
        below = _value_lines(lines, label.line, 1, x, address_x)
        above = _value_lines(lines, label.line, -1, x, address_x)
        if not above:
            return Field("", unsure=True)
        # Lines above beyond as many as below belong to the label above (a wrapped Lampiran).
        parts = [*reversed(above[: len(below)]), *below]
    last = label.line + len(below)
    after = lines[last + 1] if last + 1 < len(lines) else None
    if (
        after is not None
        and after.segments
        and not _is_stop(after)
        and parts[-1][1] >= _WRAPS_AT * widths[lines[last].page]
    ):
        return Field("", unsure=True)  # a long line followed by text at the margin: wrapped?
    value = " ".join(" ".join(text for text, _end in parts).split())
    if not value or _ADDRESS_TAIL_RE.search(value):
        return Field("", unsure=True)  # the address column ran into it
    return Field(value)
