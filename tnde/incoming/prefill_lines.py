"""Lines and columns of a letter's text, as the pre-fill rules read them.

A line is the fixed-width text :mod:`tnde.incoming.pdf_layout` rebuilds from where the
characters stand; a *segment* is a run of words in one column of it (three or more spaces
separate columns). Every character keeps its x position on the page, so a rule can cut a
segment where another column starts even when the two ran together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tnde.incoming.pdf_layout import POINTS_PER_COLUMN, LaidLine

__all__ = ["Line", "Segment", "is_upper", "lines_of", "right_margins"]

_SEGMENT_RE = re.compile(r"\S+(?:[ \t]{1,2}\S+)*")


@dataclass(frozen=True)
class Segment:
    """A run of text in one column of a line."""

    col: int
    """Where it starts, in columns of the line's text."""
    end: int
    """Where it ends (exclusive), in columns."""
    text: str
    """Its words, one space apart."""
    x: float
    """Where it starts on the page, in points."""


@dataclass(frozen=True)
class Line:
    """One line of layout text."""

    page: int
    raw: str
    segments: tuple[Segment, ...]
    xs: tuple[float, ...]
    """The x position of every character of :attr:`raw`, in points."""

    def x_at(self, col: int) -> float:
        """Where column ``col`` of :attr:`raw` stands on the page."""
        if 0 <= col < len(self.xs):
            return self.xs[col]
        return col * POINTS_PER_COLUMN

    def column_at(self, start: int, end: int, x: float) -> int:
        """The first column of ``raw[start:end]`` at or right of ``x`` points (where another
        column of the page starts, even when its text touches this one's); ``end`` if none."""
        return next((col for col in range(start, end) if self.x_at(col) >= x), end)

    def text_before(self, start: int, end: int, x: float) -> str:
        """``raw[start:end]`` up to :meth:`column_at` ``x``, one space apart."""
        return " ".join(self.raw[start : self.column_at(start, end, x)].split())


def lines_of(pages: list[list[LaidLine]]) -> list[Line]:
    """The lines of every page, in order."""
    out = []
    for page, laid in enumerate(pages):
        for line in laid:
            raw = line.text.replace("\u00a0", " ")
            xs = line.xs if len(line.xs) == len(raw) else ()
            built = Line(page, raw, (), xs)
            segments = tuple(
                Segment(m.start(), m.end(), " ".join(m.group().split()), built.x_at(m.start()))
                for m in _SEGMENT_RE.finditer(raw)
            )
            out.append(Line(page, raw, segments, xs))
    return out


def right_margins(lines: list[Line]) -> dict[int, int]:
    """Where each page's text lines end, in columns: most body lines run to the margin, while
    a footer in small print runs further and short lines stop before it."""
    ends: dict[int, list[int]] = {}
    for line in lines:
        if line.segments:
            ends.setdefault(line.page, []).append(line.segments[-1].end)
    return {page: sorted(e)[int(0.8 * (len(e) - 1))] for page, e in ends.items()}


def is_upper(text: str) -> bool:
    """Whether ``text`` has letters and all of them are capitals."""
    return any(ch.isalpha() for ch in text) and not any(ch.islower() for ch in text)
