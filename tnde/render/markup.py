"""The small text markup of body fields, parsed into blocks the renderer lays out.

Drafters write plain text: paragraphs separated by a blank line; list items start with
``1.``, ``a.``, ``1)``, ``a)`` or ``-``; indenting an item (two or more spaces, or a tab) nests
it; an indented line without a marker continues the item or paragraph above. ``**bold**``
and ``*italic*`` mark emphasis. Nothing else is special, so ordinary text never breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

_ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>(?:\d{1,3}|[a-z])[.)]|-|•)\s+(?P<text>.*)$")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
_ITALIC_RE = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


@dataclass(frozen=True)
class TextBlock:
    """A paragraph (``level`` is None) or a list item at nesting ``level`` with ``marker``."""

    text: str
    """Paragraph markup for reportlab (escaped, with <b>/<i>)."""
    marker: str | None = None
    level: int = 0


def inline(text: str) -> str:
    """Escape ``text`` for reportlab paragraphs and turn ``**``/``*`` into bold/italic."""
    out = escape(text)
    out = _BOLD_RE.sub(r"<b>\1</b>", out)
    return _ITALIC_RE.sub(r"<i>\1</i>", out)


def parse(text: str) -> list[TextBlock]:
    """Split body text into paragraphs and list items, in reading order."""
    blocks: list[tuple[str | None, int, list[str]]] = []
    indents: list[int] = []  # indentation widths of the open list levels
    fresh = True  # the previous line was blank (or this is the first line)
    for raw in text.expandtabs(4).splitlines():
        if not raw.strip():
            fresh = True
            continue
        match = _ITEM_RE.match(raw)
        if match:
            width = len(match["indent"])
            while indents and width < indents[-1]:
                indents.pop()
            if not indents or width > indents[-1]:
                indents.append(width)
            blocks.append((match["marker"], len(indents) - 1, [match["text"].strip()]))
        elif blocks and not fresh:
            blocks[-1][2].append(raw.strip())  # continuation of the block above
        elif blocks and blocks[-1][0] is not None and raw.startswith((" ", "\t")):
            blocks[-1][2].append(raw.strip())  # indented continuation after a blank line
        else:
            indents.clear()
            blocks.append((None, 0, [raw.strip()]))
        fresh = False
    return [
        TextBlock(text=inline(" ".join(parts)), marker=marker, level=level)
        for marker, level, parts in blocks
    ]


def first_words(text: str, count: int = 1) -> str:
    """The first ``count`` words of plain text (used for the kata penyambung)."""
    return " ".join(text.split()[:count])
