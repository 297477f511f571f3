"""Pre-fill the registration of an incoming letter from its PDF.

The pencatat registers a letter with its nomor, tanggal, hal, asal and sifat. When the PDF
carries a text layer, :func:`prefill_from_pdf` reads those fields with rules that follow the
anatomy of a naskah dinas: the kop at the top of page 1, the ``Nomor``/``Sifat``/``Hal`` labels,
the place and date line, the ``NOMOR … / TENTANG …`` title block and the signature block whose
jabatan ends with a comma. A field the rules are not sure of stays empty; the UI asks the user
to confirm what :attr:`Prefill.found` lists.

Text comes from pypdf (no external tool, so it works on Windows). The rules read pypdf's
*layout* text, which keeps the columns of the page: a run of three or more spaces separates
columns, and blank lines stand for vertical gaps such as the signature space.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from tnde.errors import DataFileError, ValidationError
from tnde.formatting import HARI_ID, jabatan_case, parse_tanggal, terbilang
from tnde.messages import _

if TYPE_CHECKING:
    from datetime import date

__all__ = ["Prefill", "prefill_from_pdf"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prefill:
    """What could be read from an incoming letter's PDF; empty strings for what could not."""

    text_layer: bool
    """False for a scan without text; then every other field is empty."""
    nomor: str = ""
    """The letter's number as printed (``"000.8.3.3/15/Diskominfo/2026"``, ``"23 Tahun 2026"``)."""
    tanggal: date | None = None
    """The letter's date."""
    hal: str = ""
    """The subject (``Hal``/``Perihal``, or the ``TENTANG`` title of a Keputusan or Edaran)."""
    asal: str = ""
    """The sender institution from the kop (``"Dinas Komunikasi dan Informatika Provinsi …"``)."""
    asal_jabatan: str = ""
    """The signer's own jabatan from the signature block, without ``a.n. …``/``Plt.``/``Plh.``."""
    sifat: str = ""
    """``Biasa``, ``Terbatas``, ``Rahasia``, ``Segera``…; ``""`` when the letter has none."""
    jenis: str = ""
    """The guessed jenis naskah (``"Surat Dinas"``, ``"Nota Dinas"``, ``"Keputusan"``…)."""
    text: str = ""
    """The whole text layer, for full-text search."""
    found: tuple[str, ...] = ()
    """Names of the fields above that were found, so the UI can ask to confirm them."""


_FIELDS = ("nomor", "tanggal", "hal", "asal", "asal_jabatan", "sifat", "jenis")
#: Fewer letters and digits than this is a scan (perhaps with a scanner app's watermark).
_MIN_TEXT_CHARS = 40
#: Pages read in layout mode; the letter proper is at the front, lampiran pages follow.
_LAYOUT_PAGES = 4
#: A signature block starts this far right (as a share of the page's right margin, in columns).
_RIGHT_SIDE = 0.4
#: A line reaching this far right (same measure) may have wrapped onto the next line.
_WRAPS_AT = 0.85

_SEGMENT_RE = re.compile(r"\S+(?:[ \t]{1,2}\S+)*")
_DATE = r"\d{1,2}\s+[A-Za-z]+\s+\d{4}"
_DATE_RE = re.compile(_DATE)
_PLACE_DATE_RE = re.compile(rf"(?P<place>[A-Z][A-Za-z.'\- ]{{1,40}}),\s*(?P<date>{_DATE})")
_PADA_TANGGAL_RE = re.compile(rf"pada\s+tanggal\s*:?\s*(?P<date>{_DATE})\s*$", re.I)
_DITETAPKAN_RE = re.compile(r"(Ditetapkan|Dikeluarkan)\s+di\b", re.I)
_LABEL_RE = re.compile(r"(Nomor|No\.|Sifat|Lampiran|Hal|Perihal|Tanggal)[ \t]*:", re.I)
_LABEL_KEYS = {"no.": "nomor", "perihal": "hal"}
_NEXT_LABEL_RE = re.compile(r"(Yth\.|Kepada\b|Sifat\b|Lampiran\b|Tembusan\b|di\b)", re.I)
_ANY_LABEL_RE = re.compile(r"[A-Za-z][A-Za-z./ ]{0,24}?[ \t]*:")
_TITLE_NOMOR_RE = re.compile(r"NOMOR\s*:?\s+(.+)")
_ARAHAN_NOMOR_RE = re.compile(r"(\d+)\s+TAHUN\s+(\d{4})", re.I)
_CODE_NOMOR_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/]*")
_ADDRESS_RE = re.compile(
    r"\b(Jalan|Jl|Jln|Telepon|Telp|Tlp|Faks|Faksimile|Fax|Pos-el|Surel|E-?mail|Laman|Website|"
    r"Kode Pos)\b|@|www\.",
    re.I,
)
_KOP_JABATAN_RE = re.compile(r"(GUBERNUR|BUPATI|WALI ?KOTA|MENTERI|PRESIDEN)\b")
_DELEGATION_RE = re.compile(r"(a\.\s?n\.?|u\.\s?b\.?)(\s|$)", re.I)
_ACTING_RE = re.compile(r"(Plt|Plh)\.\s*", re.I)
_MARKER_RE = re.compile(r"\b(a\.\s?n|u\.\s?b|u\.\s?p|Plt|Plh|Pj)\.", re.I)
_HEAD_WORD_RE = re.compile(
    r"(Plt\.|Plh\.|Pj\.|Kepala|Sekretaris|Asisten|Direktur|Deputi|Inspektur|Camat|Lurah|Ketua|"
    r"Wakil|Kabag|Kabid|Kasubbag|Kasubag|Kasi|Kasie|Sekda|Koordinator|Panitera|Rektor|Dekan|"
    r"Bupati|Gubernur|Wali|Walikota|Menteri|Pejabat|Komandan)\b",
    re.I,
)
_EVIDENCE_RE = re.compile(r"^(NIP|NRP)\b|ditandatangani|\bttd\b|tertanda", re.I)
_BERITA_ACARA_RE = re.compile(
    r"hari ini\s+(?P<hari>[A-Za-z']+)\s*,?\s+tanggal\s+(?P<tgl>[a-z ]+?)\s+bulan\s+"
    r"(?P<bulan>[A-Za-z]+)\s+tahun\s+(?P<tahun>[a-z ]+)",
    re.I,
)

_SIFAT = {
    s.lower(): s
    for s in (
        "Biasa", "Terbatas", "Rahasia", "Sangat Rahasia", "Segera", "Sangat Segera",
        "Amat Segera", "Kilat", "Penting", "Konfidensial", "Terbuka",
    )
}  # fmt: skip

# The title line of a naskah names its jenis: "NOTA DINAS", "KEPUTUSAN GUBERNUR …".
_TITLES = {
    name.upper(): name
    for name in (
        "Surat Edaran", "Surat Keterangan", "Surat Kuasa", "Surat Pengantar", "Surat Perintah",
        "Surat Tugas", "Surat Undangan", "Surat Pernyataan", "Surat Perjanjian",
        "Surat Panggilan", "Surat Izin", "Nota Dinas", "Memo", "Keputusan", "Peraturan",
        "Instruksi", "Berita Acara", "Pengumuman", "Laporan", "Telaahan Staf", "Notula Rapat",
        "Lembar Disposisi", "Rekomendasi",
    )
} | {"MEMORANDUM": "Memo", "NOTULA": "Notula Rapat", "UNDANGAN": "Surat Undangan"}  # fmt: skip

# Lower-case inside a subject, on top of jabatan_case's own function words.
_SUBJECT_FUNCTION_WORDS = frozenset({"bagi", "tentang", "terhadap", "oleh", "dalam", "atas"})


@dataclass(frozen=True)
class _Segment:
    """A run of text in one column of a layout line."""

    col: int
    end: int
    text: str


@dataclass(frozen=True)
class _Line:
    """One line of layout text."""

    page: int
    raw: str
    segments: tuple[_Segment, ...]


def prefill_from_pdf(data: bytes, *, name: str = "PDF") -> Prefill:
    """Read the registration fields of an incoming letter from its PDF.

    Args:
        data: the PDF file's bytes.
        name: the file's name, for error messages.

    Returns:
        The fields found. ``text_layer`` is False (and every field empty) for a scan without
        text; run OCR first to pre-fill those.

    Raises:
        DataFileError: the bytes are not a PDF, are damaged, or are encrypted with a password.
    """
    plain, layout = _extract(data, name)
    text = "\n".join(plain).strip()
    if sum(ch.isalnum() for ch in text) < _MIN_TEXT_CHARS:
        return Prefill(text_layer=False)
    lines = _lines(layout)
    widths = _right_margins(lines)
    kop_end, asal = _kop(lines)
    labels = _labels(lines)
    hal = _hal(lines, labels, widths) or _tentang(lines)
    result = Prefill(
        text_layer=True,
        nomor=_nomor(lines, labels),
        tanggal=_tanggal(lines, labels, widths),
        hal=hal,
        asal=asal,
        asal_jabatan=_signer_jabatan(lines, widths),
        sifat=_sifat(labels),
        jenis=_jenis(lines, kop_end, labels, hal),
        text=text,
    )
    found = tuple(name for name in _FIELDS if getattr(result, name) not in ("", None))
    return replace(result, found=found)


# -- reading the PDF ----------------------------------------------------------------------------


def pdf_text(data: bytes, *, name: str = "PDF") -> str:
    """The plain text layer of every page, for full-text search ("" for a scan); ``name``
    names the file in errors.

    Raises:
        DataFileError: not a readable PDF.
    """
    return "\n".join(_plain_pages(data, name)[1])


def _plain_pages(data: bytes, name: str) -> tuple[list[Any], list[str]]:
    """The pages and their plain text."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        # An owner password alone (printing/copying limits) still opens with an empty one.
        locked = reader.is_encrypted and not reader.decrypt("")
        pages = [] if locked else list(reader.pages)
        plain = [page.extract_text() or "" for page in pages]
    except Exception as exc:  # pypdf raises many kinds on damaged input; all mean "unreadable"
        # the library's own words go to the log; the user hears what it means
        _log.info("%s unreadable: %s: %s", name, type(exc).__name__, exc)
        raise DataFileError(
            name, "", _("not a readable PDF: the file is damaged or is not a PDF")
        ) from exc
    if locked:
        raise DataFileError(name, "", _("not a readable PDF: it is encrypted with a password"))
    return pages, plain


def _extract(data: bytes, name: str) -> tuple[list[str], list[str]]:
    """Plain text of every page, and layout text of the first pages."""
    pages, plain = _plain_pages(data, name)
    layout = []
    for number, (page, fallback) in enumerate(zip(pages[:_LAYOUT_PAGES], plain, strict=False)):
        try:
            layout.append(page.extract_text(extraction_mode="layout") or "")
        except Exception:  # noqa: BLE001 - layout mode is stricter; plain text still has labels
            _log.warning("layout text failed on page %d; using plain text", number, exc_info=True)
            layout.append(fallback)
    return plain, layout


def _lines(pages: list[str]) -> list[_Line]:
    out = []
    for page, text in enumerate(pages):
        for raw in text.replace("\u00a0", " ").splitlines():
            segments = tuple(
                _Segment(m.start(), m.end(), " ".join(m.group().split()))
                for m in _SEGMENT_RE.finditer(raw)
            )
            out.append(_Line(page, raw, segments))
    return out


def _right_margins(lines: list[_Line]) -> dict[int, int]:
    """Where each page's text lines end, in columns: most body lines run to the margin, while
    a footer in small print runs further and short lines stop before it."""
    ends: dict[int, list[int]] = {}
    for line in lines:
        if line.segments:
            ends.setdefault(line.page, []).append(line.segments[-1].end)
    return {page: sorted(e)[int(0.8 * (len(e) - 1))] for page, e in ends.items()}


def _title_jenis(text: str) -> str:
    return next((j for t, j in _TITLES.items() if text == t or text.startswith(t + " ")), "")


def _is_upper(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not any(ch.islower() for ch in text)


def _title_case(text: str) -> str:
    words = jabatan_case(text, "title").split(" ")
    return " ".join(
        [words[0], *(w.lower() if w.lower() in _SUBJECT_FUNCTION_WORDS else w for w in words[1:])]
    )


# -- kop, labels, title block -------------------------------------------------------------------


def _kop(lines: list[_Line]) -> tuple[int, str]:
    """Index after the kop, and the institution it names (``""`` when not sure)."""
    start = next((i for i, line in enumerate(lines) if line.segments), len(lines))
    kop: list[str] = []
    i = start
    while i < len(lines) and lines[i].page == 0 and len(lines[i].segments) == 1:
        text = lines[i].segments[0].text
        if (
            not _is_upper(text)
            or _ADDRESS_RE.search(text)
            or _title_jenis(text)
            or text.startswith("NOMOR")
        ):
            break
        kop.append(text)
        i += 1
    if not kop:
        return start, ""
    after = next((line for line in lines[i : i + 3] if line.segments), None)
    followed_by_address = after is not None and bool(_ADDRESS_RE.search(after.raw))
    if kop[0].startswith("PEMERINTAH ") and len(kop) > 1:
        region = kop[0].removeprefix("PEMERINTAH ")
        return i, jabatan_case(" ".join([*kop[1:], region]), "title")
    if followed_by_address or (len(kop) == 1 and _KOP_JABATAN_RE.match(kop[0])):
        return i, jabatan_case(" ".join(kop), "title")
    return i, ""


@dataclass(frozen=True)
class _Label:
    """A ``Label : value`` field on a line."""

    line: int
    value: str
    value_col: int


def _labels(lines: list[_Line]) -> dict[str, list[_Label]]:
    """Every ``Nomor``/``Sifat``/``Lampiran``/``Hal``/``Tanggal`` field, in reading order."""
    found: dict[str, list[_Label]] = {}
    for index, line in enumerate(lines):
        for segment in line.segments:
            if not (m := _LABEL_RE.match(line.raw, segment.col)):
                continue
            rest = line.raw[m.end() :]
            gap = len(rest) - len(rest.lstrip(" \t"))
            value = _SEGMENT_RE.match(rest, gap)
            # A value far from the colon belongs to the next column ("Sifat:   Tingkat urgensi:").
            text = " ".join(value.group().split()) if value and gap <= 3 else ""
            key = m.group(1).lower()
            found.setdefault(_LABEL_KEYS.get(key, key), []).append(
                _Label(index, text, m.end() + gap)
            )
    return found


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


def _nomor(lines: list[_Line], labels: dict[str, list[_Label]]) -> str:
    candidates = [(label.line, label.value) for label in labels.get("nomor", [])]
    for index, line in enumerate(lines):
        if len(line.segments) == 1 and (m := _TITLE_NOMOR_RE.fullmatch(line.segments[0].text)):
            candidates.append((index, m.group(1)))
    for _position, value in sorted(candidates):
        if nomor := _clean_nomor(value):
            return nomor
    return ""


def _hal(lines: list[_Line], labels: dict[str, list[_Label]], widths: dict[int, int]) -> str:
    """The ``Hal`` value with the lines it wraps onto, up to a blank line or the next label."""
    for label in labels.get("hal", []):
        if not label.value:
            continue
        parts = [label.value]
        end = label.value_col + len(label.value)
        for line in lines[label.line + 1 : label.line + 6]:
            first = line.segments[0] if line.segments else None
            if (
                first is None
                or _NEXT_LABEL_RE.match(first.text)
                or _ANY_LABEL_RE.match(line.raw, first.col)
            ):
                break
            if abs(first.col - label.value_col) > 2:
                # A long value followed by text at the margin may have wrapped there, or not.
                return "" if end >= _WRAPS_AT * widths[line.page] else " ".join(parts)
            parts.append(first.text)
            end = first.end
        return " ".join(parts)
    return ""


def _tentang(lines: list[_Line]) -> str:
    """The subject of a titled naskah: the capitals after ``TENTANG`` on page 1."""
    page_one = [line for line in lines if line.page == 0][:60]
    for index, line in enumerate(page_one):
        if len(line.segments) != 1 or not _is_upper(line.segments[0].text):
            continue
        text = line.segments[0].text
        if text != "TENTANG" and not text.startswith("TENTANG "):
            continue
        parts = [text.removeprefix("TENTANG").strip()]
        for after in page_one[index + 1 : index + 6]:
            if len(after.segments) != 1 or not _is_upper(after.segments[0].text):
                break
            parts.append(after.segments[0].text)
        subject = " ".join(p for p in parts if p)
        return _title_case(subject) if subject else ""
    return ""


def _sifat(labels: dict[str, list[_Label]]) -> str:
    for label in labels.get("sifat", []):
        parts = [p.strip().lower() for p in re.split(r"[/,]", label.value)]
        if label.value and all(p in _SIFAT for p in parts):
            return "/".join(_SIFAT[p] for p in parts)
    return ""


def _jenis(lines: list[_Line], kop_end: int, labels: dict[str, list[_Label]], hal: str) -> str:
    """The jenis from the title line under the kop, or a plain letter's Nomor + Hal labels."""
    # A heading in capitals below the Nomor/Hal labels is part of the body, not the title.
    first_label = min((f[0].line for k in ("nomor", "hal") if (f := labels.get(k))), default=None)
    for line in lines[
        kop_end : min(kop_end + 40, len(lines) if first_label is None else first_label)
    ]:
        title = line.segments[0].text if len(line.segments) == 1 and line.page == 0 else ""
        if _is_upper(title) and (jenis := _title_jenis(title)):
            return jenis
    if labels.get("nomor") and hal:
        invitation = hal.lower().startswith("undangan") or any(
            re.match(r"\s*Hari\s*/\s*tanggal\s*:", line.raw, re.I) for line in lines
        )
        return "Surat Undangan" if invitation else "Surat Dinas"
    return ""


# -- date -----------------------------------------------------------------------------------


def _parse_date(text: str) -> date | None:
    try:
        parsed = parse_tanggal(text)
    except ValidationError:
        return None
    return parsed if 1945 <= parsed.year <= 2100 else None


def _tanggal(
    lines: list[_Line], labels: dict[str, list[_Label]], widths: dict[int, int]
) -> date | None:
    """The first date line in reading order ("Tempat, 20 November 2026", a lone date on the
    right, or "pada tanggal …" under "Ditetapkan di"); else the first "Tanggal : …" (a label
    may also be an event's date in an invitation); else a Berita Acara's date in words."""
    candidates: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        for segment in line.segments:
            m = _PLACE_DATE_RE.fullmatch(segment.text)
            if m and m.group("place").strip().title() not in HARI_ID:
                candidates.append((index, m.group("date")))
            elif (
                _DATE_RE.fullmatch(segment.text)
                and len(line.segments) == 1
                and segment.col >= _RIGHT_SIDE * widths[line.page]
            ):
                candidates.append((index, segment.text))
            elif (m := _PADA_TANGGAL_RE.match(line.raw, segment.col)) and any(
                _DITETAPKAN_RE.search(before.raw) for before in lines[max(0, index - 2) : index]
            ):
                candidates.append((index, m.group("date")))
    candidates += [(len(lines) + label.line, label.value) for label in labels.get("tanggal", [])]
    for _position, text in sorted(candidates, key=lambda c: c[0]):
        if parsed := _parse_date(text.strip()):
            return parsed
    return _tanggal_in_words(" ".join(" ".join(line.raw.split()) for line in lines))


@cache
def _number_words(low: int, high: int) -> dict[str, int]:
    return {terbilang(n): n for n in range(low, high + 1)}


def _tanggal_in_words(text: str) -> date | None:
    """A Berita Acara's "Pada hari ini Jumat tanggal dua puluh bulan November tahun dua ribu
    dua puluh enam"; the weekday must agree."""
    if not (m := _BERITA_ACARA_RE.search(text)):
        return None
    day = _number_words(1, 31).get(m.group("tgl").strip().lower())
    years = _number_words(1945, 2100)
    words = m.group("tahun").lower().split()
    year = next(
        (
            years[" ".join(words[:n])]
            for n in range(len(words), 0, -1)
            if " ".join(words[:n]) in years
        ),
        None,
    )
    if day is None or year is None:
        return None
    parsed = _parse_date(f"{day} {m.group('bulan')} {year}")
    if parsed is None or HARI_ID[parsed.weekday()].lower() != m.group("hari").lower():
        return None
    return parsed


# -- signature block ------------------------------------------------------------------------


def _overlapping(line: _Line, segment: _Segment) -> _Segment | None:
    return next((s for s in line.segments if s.col <= segment.end and s.end >= segment.col), None)


def _signature_follows(lines: list[_Line], index: int, segment: _Segment) -> bool:
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


def _block_rows(lines: list[_Line], index: int, segment: _Segment) -> list[_Segment]:
    """The jabatan block ending at ``segment``: the rows above it in the same column."""
    rows = [segment]
    for line in reversed(lines[max(0, index - 6) : index]):
        above = _overlapping(line, segment)
        if (
            line.page != lines[index].page
            or above is None
            or above.text.startswith(":")
            or _DATE_RE.search(above.text)
            or _DITETAPKAN_RE.match(above.text)
            or re.match(r"pada\s+tanggal", above.text, re.I)
            or above.text.endswith(":")
        ):
            break
        rows.insert(0, above)
    if _is_upper(_MARKER_RE.sub("", segment.text)):
        # Capitals block (pemda): a caption above it ("Pemberi Kuasa") is not the jabatan.
        while rows and not _is_upper(_MARKER_RE.sub("", rows[0].text)):
            rows.pop(0)
    return rows


def _several_signers(lines: list[_Line], index: int, rows: list[_Segment]) -> bool:
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
        after = rows[markers[-1] + 1 :]
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


def _signer_jabatan(lines: list[_Line], widths: dict[int, int]) -> str:
    """The jabatan line ending with a comma above the signature space, on the right side."""
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
            return ""
        return _jabatan_from_rows([row.text for row in rows])
    return ""
