"""Small text helpers shared by the rules: quoting, comparing and splitting letter text."""

from __future__ import annotations

import re

_QUOTE_LIMIT = 70
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """``text`` in double quotes for a message, shortened with an ellipsis past ``limit``."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return f'"{text}"'


def quote_end(text: str, limit: int = 40) -> str:
    """The last ``limit`` characters of ``text`` in double quotes, for problems at the end."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = "\u2026" + text[-(limit - 1) :].lstrip()
    return f'"{text}"'


def same_jabatan(a: str, b: str) -> bool:
    """Whether two jabatan name the same post, ignoring case, spacing and end punctuation."""
    return comparable(a) == comparable(b)


def comparable(text: str) -> str:
    """``text`` folded for comparison: case-folded, spaces collapsed, end punctuation dropped."""
    return " ".join(text.casefold().split()).strip(" ,.;:")


def paragraphs(text: str) -> list[str]:
    """The non-empty paragraphs (blocks separated by blank lines) of body text."""
    return [p.strip() for p in _BLANK_LINE_RE.split(text.strip()) if p.strip()]


def sentence_around(text: str, start: int, end: int, limit: int = _QUOTE_LIMIT) -> str:
    """The sentence of ``text`` containing ``text[start:end]``, quoted and shortened."""
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    sentence = text[left:right].strip()
    if len(sentence) > limit:  # centre the excerpt on the match
        offset = max(0, start - left - limit // 3)
        sentence = ("\u2026" if offset else "") + sentence[offset:]
    return quote(sentence, limit)
