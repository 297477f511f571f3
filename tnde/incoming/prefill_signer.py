"""The signer's jabatan, read from the signature block of an incoming letter.

The block stands on the right: the jabatan rows end with a comma, then a space for the
signature (or a TTE mark), then the name and NIP. Delegation rows come first: ``a.n. BUPATI X``
names the mandator, ``u.b.`` passes it one level down, ``Plt.``/``Plh.`` mark an acting official.
The signer's *own* jabatan is the one after the last ``a.n.``/``u.b.``, without Plt./Plh.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tnde.formatting import jabatan_case
from tnde.incoming.prefill_dates import DATE_RE, DITETAPKAN_RE
from tnde.incoming.prefill_lines import is_upper

if TYPE_CHECKING:
    from tnde.incoming.prefill_lines import Line, Segment

__all__ = ["signer_jabatan"]

#: A signature block starts this far right (as a share of the page's right margin, in columns).
_RIGHT_SIDE = 0.4
_DELEGATION_RE = re.compile(r"(a\.\s?n\.?|u\.\s?b\.?)(\s|$)", re.I)
_ACTING_RE = re.compile(r"(Plt|Plh|Pj)\.\s*", re.I)
_MARKER_RE = re.compile(r"\b(a\.\s?n|u\.\s?b|u\.\s?p|Plt|Plh|Pj)\.", re.I)
_HEAD_WORD_RE = re.compile(
    r"(?:(?:Plt|Plh|Pj)\.\s*)?(Kepala|Sekretaris|Asisten|Direktur|Deputi|Inspektur|Camat|Lurah|Ketua|"
    r"Wakil|Kabag|Kabid|Kasubbag|Kasubag|Kasi|Kasie|Sekda|Koordinator|Panitera|Rektor|Dekan|"
    r"Bupati|Gubernur|Wali|Walikota|Menteri|Pejabat|Komandan)\b",
    re.I,
)
_EVIDENCE_RE = re.compile(r"^(NIP|NRP)\b|ditandatangani|\bttd\b|tertanda", re.I)


def _overlapping(line: Line, segment: Segment) -> Segment | None:
    return next((s for s in line.segments if s.col <= segment.end and s.end >= segment.col), None)


def _signature_follows(lines: list[Line], index: int, segment: Segment) -> bool:
    """Whether a signature space, a TTE mark, a name or a NIP follows the jabatan line."""
    page = lines[index].page
    window = [line for line in lines[index + 1 : index + 15] if line.page == page]
    if not window:
        return False
    if _overlapping(window[0], segment) is not None:  # text right under: only a TTE/ttd mark
        return any(_EVIDENCE_RE.search(s.text) for s in window[0].segments)
    if any(_EVIDENCE_RE.search(s.text) for line in window for s in line.segments):
        return True
    blank = 0
    for line in window:
        if _overlapping(line, segment) is None:
            blank += 1
        else:
            return blank >= 2
    return False


def _block_rows(lines: list[Line], index: int, segment: Segment) -> list[Segment]:
    """The jabatan block ending at ``segment``: the rows above it in the same column."""
    rows = [segment]
    for line in reversed(lines[max(0, index - 6) : index]):
        above = _overlapping(line, segment)
        if (
            line.page != lines[index].page
            or above is None
            or above.text.startswith(":")
            or DATE_RE.search(above.text)
            or DITETAPKAN_RE.match(above.text)
            or re.match(r"pada\s+tanggal", above.text, re.I)
            or above.text.endswith(":")
        ):
            break
        rows.insert(0, above)
    if is_upper(_MARKER_RE.sub("", segment.text)):
        # Capitals block (pemda): a caption above it ("Pemberi Kuasa") is not the jabatan.
        while rows and not is_upper(_MARKER_RE.sub("", rows[0].text)):
            rows.pop(0)
    return rows


def _several_signers(lines: list[Line], index: int, rows: list[Segment]) -> bool:
    """Whether another signature block sits beside this one (Berita Acara, Surat Kuasa)."""
    page = lines[index].page
    start = index - len(rows) + 1
    for line in lines[start : index + 15]:
        if line.page != page:
            break
        others = [s for s in line.segments if all(s.end < r.col or s.col > r.end for r in rows)]
        if any(s.text.endswith(",") for s in others):
            return True
        if sum(bool(_EVIDENCE_RE.search(s.text)) for s in line.segments) > 1:
            return True
    return False


def _jabatan_from_rows(rows: list[str]) -> str:
    """The signer's own jabatan: after the last ``a.n.``/``u.b.`` row, without Plt./Plh."""
    rows = [*rows[:-1], rows[-1].removesuffix(",")]
    markers = [k for k, row in enumerate(rows) if _DELEGATION_RE.match(row)]
    if markers:
        after = [row for row in rows[markers[-1] + 1 :] if row]
        # The a.n. jabatan may wrap onto more rows; the signer's starts at a head word.
        starts = [k for k, row in enumerate(after) if _HEAD_WORD_RE.match(row)]
        if not starts:
            return ""
        rows = after[starts[-1] :]
    jabatan = " ".join(rows)
    if acting := _ACTING_RE.match(jabatan):
        jabatan = jabatan[acting.end() :].strip()
    if not jabatan or any(ch.isdigit() for ch in jabatan) or len(jabatan) > 160:
        return ""
    return jabatan_case(jabatan, "title")


def signer_jabatan(lines: list[Line], widths: dict[int, int]) -> tuple[str, bool]:
    """The signer's own jabatan, and whether a signature block was seen but not understood."""
    for index, line in enumerate(lines):
        if not line.segments:
            continue
        segment = line.segments[-1]
        if (
            not segment.text.endswith(",")
            or segment.col < _RIGHT_SIDE * widths[line.page]
            or not _signature_follows(lines, index, segment)
        ):
            continue
        rows = _block_rows(lines, index, segment)
        if not rows or _several_signers(lines, index, rows):
            return "", False
        jabatan = _jabatan_from_rows([row.text for row in rows])
        return jabatan, not jabatan
    return "", False
