"""Sifat (security class) and tingkat urgensi of a letter, and how older letters mix them.

The register keeps two fields: *sifat* (Biasa, Terbatas, Rahasia, Sangat Rahasia) and *tingkat
urgensi* (Amat Segera, Segera, Biasa). Many letters still print the urgency in their ``Sifat``
line ("Sifat : Segera", "Sifat : Sangat Segera", "Sifat : Penting"), or both in one
("Rahasia/Segera"). :func:`split_sifat` reads such a line into the two fields:

- ``Segera`` → urgensi Segera; ``Sangat Segera``, ``Amat Segera`` and ``Kilat`` → Amat Segera;
- ``Penting`` → urgensi Segera: an "important" letter is handled ahead of ordinary ones, and
  there is no urgency level between Segera and Biasa;
- the sifat is then Biasa unless the line also names a security class.
"""

from __future__ import annotations

__all__ = ["SIFAT", "URGENSI", "more_urgent", "split_sifat"]

SIFAT = ("Biasa", "Terbatas", "Rahasia", "Sangat Rahasia")
"""The register's security classes."""
URGENSI = ("Amat Segera", "Segera", "Biasa")
"""The register's urgency levels, most urgent first."""

_SECURITY = {s.lower(): s for s in SIFAT} | {
    "konfidensial": "Terbatas",
    "terbuka": "Biasa",
    "umum": "Biasa",
}
_URGENCY = {
    "segera": "Segera",
    "penting": "Segera",
    "sangat segera": "Amat Segera",
    "amat segera": "Amat Segera",
    "kilat": "Amat Segera",
    "sangat penting": "Amat Segera",
    "biasa": "Biasa",
}


def more_urgent(a: str, b: str) -> str:
    """The more urgent of two urgency levels (an empty one counts as Biasa)."""
    rank = {u: k for k, u in enumerate(URGENSI)}
    return min(a or "Biasa", b or "Biasa", key=lambda u: rank.get(u, len(URGENSI)))


def split_sifat(text: str) -> tuple[str, str] | None:
    """A printed sifat as ``(sifat, urgensi)``, or None when a word in it is unknown.

    The urgency is ``""`` when the text names none (the register then takes Biasa).
    """
    parts = [" ".join(p.split()).lower() for p in text.replace(",", "/").split("/")]
    if not parts or any(not p for p in parts):
        return None
    sifat = urgensi = ""
    for part in parts:
        if part == "biasa":
            sifat = sifat or "Biasa"
        elif part in _SECURITY:
            if sifat not in ("", "Biasa"):
                return None  # two security classes: no way to tell which holds
            sifat = _SECURITY[part]
        elif part in _URGENCY:
            if urgensi:
                return None
            urgensi = _URGENCY[part]
        else:
            return None
    return sifat or "Biasa", urgensi
