"""Hyphenation of Indonesian words, so justified text in narrow columns keeps even spacing.

Without it a justified line in a narrow column (the Menimbang column of a Keputusan, the
content of a numbered section) ends at a whole long word and the remaining width is spread
over a few gaps. Indonesian spelling splits words between syllables, and its syllables
follow a few regular rules, so no dictionary is needed:

* one consonant between vowels goes with the next syllable: ``ma-ka-nan``;
* of two consonants between vowels, one goes with each: ``pan-tai``, ``un-dang``; the
  digraphs *ng*, *ny*, *sy* and *kh* count as one consonant: ``me-nga-lami``, ``ba-nyak``,
  ``leng-ga``;
* three or more consonants (loan words: ``instruksi``, ``ekstra``) and vowel pairs
  (``main``, ``kerbau``) are never split, since their syllables cannot be told by rule.

The tail keeps at least three letters and the head at least two, so no line ends or starts
with a lone fragment.
"""

from __future__ import annotations

import re

__all__ = ["hyphenate_id", "syllable_breaks"]

_VOWELS = frozenset("aeiou")
_DIGRAPHS = ("ng", "ny", "sy", "kh")
_WORD_RE = re.compile(r"^[A-Za-z]+$")
MIN_HEAD = 2
MIN_TAIL = 3


def _units(word: str) -> list[str]:
    """The word as letters, with each consonant digraph kept as one unit."""
    lower = word.lower()
    units: list[str] = []
    i = 0
    while i < len(lower):
        pair = lower[i : i + 2]
        if pair in _DIGRAPHS and i + 2 < len(lower):
            units.append(word[i : i + 2])
            i += 2
        else:
            units.append(word[i])
            i += 1
    return units


def _is_vowel(unit: str) -> bool:
    return len(unit) == 1 and unit.lower() in _VOWELS


def syllable_breaks(word: str) -> list[int]:
    """Character offsets inside ``word`` where it may be split, in increasing order."""
    if not _WORD_RE.match(word) or word.isupper():
        return []  # numbers, codes and acronyms (ANRI, SOP) are never split
    units = _units(word)
    breaks: list[int] = []
    offset = 0
    offsets = []
    for unit in units:
        offsets.append(offset)
        offset += len(unit)
    n = len(units)
    i = 0
    while i < n:
        if not _is_vowel(units[i]):
            i += 1
            continue
        # a vowel: count the consonants up to the next vowel
        j = i + 1
        while j < n and not _is_vowel(units[j]):
            j += 1
        consonants = j - i - 1
        if j < n:
            if consonants == 1:
                breaks.append(offsets[i + 1])
            elif consonants == 2:
                breaks.append(offsets[i + 2])
        i = j
    return [b for b in breaks if b >= MIN_HEAD and len(word) - b >= MIN_TAIL]


def hyphenate_id(word: str) -> list[tuple[str, str]]:
    """(head, tail) splits of ``word``, longest head first, as reportlab's paragraph asks.

    reportlab adds the hyphen itself and takes the first split whose head fits the line.
    """
    return [(word[:b], word[b:]) for b in reversed(syllable_breaks(word))]
