"""The text of a PDF page laid out by where its characters stand, not by drawing order.

Pre-fill reads fields by their place on the page: a label and its value on one line, a column
of address lines beside the labels, blank space above a signer's name. A PDF may draw its text
in any order (word by word, shuffled, columns one after the other), so stream order says little.
:func:`layout_pages` asks PDFium for every character's box and rebuilds the page as lines of
fixed-width text:

- characters whose boxes share a vertical band form one line (a label centred beside a
  two-line value is a line of its own, between the value's two lines);
- within a line, a gap wider than about a character's height starts a new *column*, written
  with at least three spaces before it; a smaller gap is one space; touching glyphs are one word;
- a column starts at its x position (:data:`POINTS_PER_COLUMN` points a column), so text
  that stands one above the other on the page starts in the same column of text;
- vertical gaps become blank lines (one per missing line), so the signature space shows.
"""

from __future__ import annotations

import itertools
import logging
import statistics
from dataclasses import dataclass

__all__ = ["POINTS_PER_COLUMN", "LaidLine", "has_text_layer", "layout_pages"]

_log = logging.getLogger(__name__)

POINTS_PER_COLUMN = 5.0
"""Width of one column of the rebuilt text, in points (about a character of 10–11 pt type)."""
#: A PDF whose text has fewer letters and digits than this is a scan (perhaps with a scanner
#: app's watermark, "Scanned with …"): nothing can be read from it without OCR.
_MIN_TEXT_CHARS = 40
#: A gap wider than this share of the glyph height separates words.
_WORD_GAP = 0.1
#: A gap wider than this share of the glyph height separates columns.
_COLUMN_GAP = 1.0
#: Characters whose vertical centres differ by less than this share of their height share a line.
_SAME_LINE = 0.4


@dataclass(frozen=True)
class _Char:
    text: str
    left: float
    right: float
    bottom: float
    top: float

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def has_text_layer(text: str) -> bool:
    """Whether a PDF's extracted ``text`` is a text layer, not a scan's stray words."""
    return sum(ch.isalnum() for ch in text) >= _MIN_TEXT_CHARS


@dataclass(frozen=True)
class LaidLine:
    """One line of rebuilt text, and where on the page each of its characters starts."""

    text: str
    xs: tuple[float, ...]
    """The x position (points from the left edge) of each character of :attr:`text`; a space
    the layout put in stands where the character before it ends."""


def layout_pages(data: bytes, pages: int) -> list[list[LaidLine]]:
    """The lines of the first ``pages`` pages of the PDF in ``data``, top to bottom.

    Raises:
        pypdfium2.PdfiumError: PDFium cannot open the file (the caller falls back).
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return [
            _page_lines(_chars(document[number])) for number in range(min(pages, len(document)))
        ]
    finally:
        document.close()


def _chars(page: object) -> list[_Char]:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        chars = []
        for index in range(textpage.count_chars()):
            text = textpage.get_text_range(index, 1)
            if not text or text.isspace() or text == "\ufffe":
                continue  # spaces come back from the geometry, not from the stream
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            if right <= left and top <= bottom:
                continue  # a character PDFium made up, without a place on the page
            chars.append(_Char(text, left, right, bottom, top))
        return chars
    finally:
        textpage.close()


def _rows(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines, top of the page first."""
    rows: list[list[_Char]] = []
    middles: list[float] = []
    for char in sorted(chars, key=lambda c: -c.middle):
        if rows and abs(middles[-1] - char.middle) < _SAME_LINE * char.height:
            rows[-1].append(char)
            continue
        rows.append([char])
        middles.append(char.middle)
    return [sorted(row, key=lambda c: c.left) for row in rows]


def _row_line(row: list[_Char]) -> LaidLine:
    """One line of text: columns at their x position, words one space apart."""
    text: list[str] = []
    xs: list[float] = []
    previous: _Char | None = None
    for char in row:
        if previous is None:
            pad = round(char.left / POINTS_PER_COLUMN)
            text += [" "] * pad
            xs += [k * POINTS_PER_COLUMN for k in range(pad)]
        else:
            gap = char.left - previous.right
            height = max(char.height, previous.height)
            pad = 0
            if gap > _COLUMN_GAP * height:
                pad = max(3, round(char.left / POINTS_PER_COLUMN) - len(text))
            elif gap > _WORD_GAP * height:
                pad = 1
            text += [" "] * pad
            xs += [previous.right] * pad
        text.append(char.text)
        xs += [char.left] * len(char.text)
        previous = char
    return LaidLine("".join(text), tuple(xs))


def _page_lines(chars: list[_Char]) -> list[LaidLine]:
    rows = _rows(chars)
    if not rows:
        return []
    middles = [statistics.median(c.middle for c in row) for row in rows]
    height = statistics.median(c.height for c in chars)
    # The usual distance between two lines: wider in a word processor's spaced paragraphs
    # than in a typewriter-like layout, and never less than the type's own height.
    distances = [above - below for above, below in itertools.pairwise(middles)]
    pitch = min(max(statistics.median(distances), height), 2.5 * height) if distances else height
    lines = [_row_line(rows[0])]
    for row, (above, below) in zip(rows[1:], itertools.pairwise(middles), strict=True):
        lines.extend([LaidLine("", ())] * max(0, round((above - below) / pitch) - 1))
        lines.append(_row_line(row))
    return lines
