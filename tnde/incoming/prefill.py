"""Pre-fill the registration of an incoming letter from its PDF.

The pencatat registers a letter with its asal, nomor, tanggal, hal, sifat, urgensi, lampiran
and the signer's jabatan. When the PDF carries a text layer, :func:`prefill_from_pdf` reads
those fields with rules that follow the anatomy of a naskah dinas: the kop at the top of page 1,
the ``Nomor``/``Sifat``/``Lampiran``/``Hal`` labels (:mod:`tnde.incoming.prefill_fields`), the
place and date line (:mod:`tnde.incoming.prefill_dates`), the ``NOMOR … / TENTANG …`` title
block and the signature block (:mod:`tnde.incoming.prefill_signer`).

Text is read by where it stands on the page (:mod:`tnde.incoming.pdf_layout`), not in the order
the PDF draws it. A wrong value costs the clerk more than an empty one, so a field the rules
are not sure of stays empty and is listed in :attr:`Prefill.unsure`, for the form to point out.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from tnde.errors import DataFileError
from tnde.formatting import jabatan_case
from tnde.incoming import prefill_fields
from tnde.incoming.pdf_layout import POINTS_PER_COLUMN, LaidLine, has_text_layer, layout_pages
from tnde.incoming.prefill_dates import letter_date
from tnde.incoming.prefill_lines import Line, is_upper, lines_of, right_margins
from tnde.incoming.prefill_signer import signer_jabatan
from tnde.messages import _

if TYPE_CHECKING:
    from datetime import date

__all__ = ["FIELDS", "Prefill", "pdf_text", "prefill_from_pdf"]

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
    """``Biasa``, ``Terbatas``, ``Rahasia`` or ``Sangat Rahasia``; ``""`` when the letter has no
    Sifat line. An urgency word printed as the sifat ("Sifat : Segera") goes to :attr:`urgensi`
    and the sifat is then ``Biasa``."""
    urgensi: str = ""
    """``Amat Segera`` or ``Segera`` when the letter says so (``""`` otherwise)."""
    lampiran: str = ""
    """What the letter encloses, as printed (``"1 (satu) berkas"``); ``""`` for ``-`` or none."""
    jenis: str = ""
    """The guessed jenis naskah (``"Surat Dinas"``, ``"Nota Dinas"``, ``"Keputusan"``…)."""
    text: str = ""
    """The whole text layer, for full-text search."""
    found: tuple[str, ...] = ()
    """Names of the fields above that were read, so the UI can ask to confirm them."""
    unsure: tuple[str, ...] = ()
    """Names of the fields the letter seems to have but that were left empty because the rules
    were not sure of the value: the clerk must read and type them."""


FIELDS = (
    "nomor",
    "tanggal",
    "hal",
    "asal",
    "asal_jabatan",
    "sifat",
    "urgensi",
    "lampiran",
    "jenis",
)
"""The fields :class:`Prefill` may fill, in the order :attr:`Prefill.found` lists them."""
#: Pages read with their layout; the letter proper is at the front, lampiran pages follow.
_LAYOUT_PAGES = 4

_ADDRESS_RE = re.compile(
    r"\b(Jalan|Jl|Jln|Telepon|Telp|Tlp|Faks|Faksimile|Fax|Pos-el|Surel|E-?mail|Laman|Website|"
    r"Kode Pos)\b|@|www\.",
    re.I,
)
_REGION_RE = re.compile(r"(PROVINSI|KABUPATEN|KOTA|REPUBLIK INDONESIA)\b")
# The words a level of a kop starts with (a new line without one continues a long name).
_LEVEL_RE = re.compile(
    r"(KEMENTERIAN|LEMBAGA|BADAN|DIREKTORAT|DEPUTI|KEDEPUTIAN|BIRO|PUSAT|BALAI|SEKRETARIAT|"
    r"INSPEKTORAT|DINAS|KANTOR|SATUAN|RUMAH SAKIT|UPT|UPTD|BAGIAN|BIDANG|KECAMATAN|KELURAHAN|"
    r"DESA|NAGARI|GAMPONG|DISTRIK|KAMPUNG|PUSKESMAS|SEKOLAH|SMA|SMP|SD|UNIVERSITAS|DEWAN|"
    r"KOMISI|MAJELIS|KEPOLISIAN|KEJAKSAAN|PENGADILAN|BUPATI|GUBERNUR|WALI ?KOTA|CAMAT|LURAH)\b"
)
_KOP_JABATAN_RE = re.compile(r"(GUBERNUR|BUPATI|WALI ?KOTA|MENTERI|PRESIDEN)\b")

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


def prefill_from_pdf(data: bytes, *, name: str = "PDF") -> Prefill:
    """Read the registration fields of an incoming letter from its PDF.

    Args:
        data: the PDF file's bytes.
        name: the file's name, for error messages.

    Returns:
        The fields found, and those left empty because the rules were unsure. ``text_layer``
        is False (and every field empty) for a scan without text; run OCR first to pre-fill
        those.

    Raises:
        DataFileError: the bytes are not a PDF, are damaged, or are encrypted with a password.
    """
    plain, layout = _extract(data, name)
    text = "\n".join(plain).strip()
    if not has_text_layer(text):
        return Prefill(text_layer=False)
    lines = lines_of(layout)
    widths = right_margins(lines)
    kop_end, asal = _kop(lines)
    # capitals at the top that name no office pre-fill can be sure of
    kop_unsure = not asal and kop_end > next((i for i, ln in enumerate(lines) if ln.segments), 0)
    header = prefill_fields.find_labels(lines)
    hal = prefill_fields.hal(lines, header, widths)
    if not hal.value and not hal.unsure:
        hal = prefill_fields.Field(_tentang(lines))
    tanggal, tanggal_unsure = letter_date(
        lines, [(label.line, label.value) for label in header.labels.get("tanggal", [])], widths
    )
    nomor = prefill_fields.nomor(lines, header)
    sifat, urgensi = prefill_fields.sifat_urgensi(header)
    lampiran = prefill_fields.lampiran(header)
    jabatan, jabatan_unsure = signer_jabatan(lines, widths)
    result = Prefill(
        text_layer=True,
        nomor=nomor.value,
        tanggal=tanggal,
        hal=hal.value,
        asal=asal,
        asal_jabatan=jabatan,
        sifat=sifat.value,
        urgensi=urgensi.value,
        lampiran=lampiran.value,
        jenis=_jenis(lines, kop_end, header, hal.value),
        text=text,
    )
    unsure = {
        "nomor": nomor.unsure,
        "tanggal": tanggal_unsure,
        "hal": hal.unsure,
        "asal": kop_unsure,
        "asal_jabatan": jabatan_unsure,
        "sifat": sifat.unsure,
        "urgensi": urgensi.unsure,
        "lampiran": lampiran.unsure,
    }
    return replace(
        result,
        found=tuple(n for n in FIELDS if getattr(result, n) not in ("", None)),
        unsure=tuple(n for n in FIELDS if unsure.get(n) and getattr(result, n) in ("", None)),
    )


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


def _extract(data: bytes, name: str) -> tuple[list[str], list[list[LaidLine]]]:
    """Plain text of every page, and the laid-out lines of the first pages."""
    pages, plain = _plain_pages(data, name)
    try:
        return plain, layout_pages(data, _LAYOUT_PAGES)
    except Exception:  # noqa: BLE001 - PDFium refuses some files pypdf reads; fall back
        _log.warning("%s: PDFium could not lay the text out; using pypdf's layout", name)
    layout = []
    for number, (page, fallback) in enumerate(zip(pages[:_LAYOUT_PAGES], plain, strict=False)):
        try:
            text = page.extract_text(extraction_mode="layout") or ""
        except Exception:  # noqa: BLE001 - layout mode is stricter; plain text still has labels
            _log.warning("layout text failed on page %d; using plain text", number, exc_info=True)
            text = fallback
        layout.append(
            [
                LaidLine(row, tuple(k * POINTS_PER_COLUMN for k in range(len(row))))
                for row in text.splitlines()
            ]
        )
    return plain, layout


def _title_jenis(text: str) -> str:
    return next((j for t, j in _TITLES.items() if text == t or text.startswith(t + " ")), "")


def _title_case(text: str) -> str:
    words = jabatan_case(text, "title").split(" ")
    return " ".join(
        [words[0], *(w.lower() if w.lower() in _SUBJECT_FUNCTION_WORDS else w for w in words[1:])]
    )


# -- kop, title block -----------------------------------------------------------------------


def _kop(lines: list[Line]) -> tuple[int, str]:
    """Index after the kop, and the institution it names (``""`` when not sure).

    A pemda kop names the region first and the office under it, down to three levels
    (``PEMERINTAH KOTA X`` / ``KECAMATAN Y`` / ``KELURAHAN Z``): the sender is the lowest
    level, then the ones above it, then the region (``Kelurahan Z Kecamatan Y Kota X``).
    """
    start = next((i for i, line in enumerate(lines) if line.segments), len(lines))
    # Some tools print the kop in mixed case: "Pemerintah Kabupaten X" / "Dinas Sosial".
    kop_like = start < len(lines) and lines[start].raw.strip().lower().startswith("pemerintah ")
    kop: list[str] = []
    i = start
    while i < len(lines) and lines[i].page == 0:
        if not lines[i].segments and kop and i + 1 < len(lines) and lines[i + 1].segments:
            i += 1  # a little space between two kop lines
            continue
        if len(lines[i].segments) != 1:
            break
        text = lines[i].segments[0].text
        if (
            not (is_upper(text) or (kop_like and _is_title_case(text)))
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
    kop = _levels([line.upper() for line in kop])
    if kop[0].startswith("PEMERINTAH ") and 1 < len(kop) <= 4:
        region = kop[0].removeprefix("PEMERINTAH ")
        return i, jabatan_case(" ".join([*reversed(kop[1:]), region]), "title")
    if len(kop) == 1 and _KOP_JABATAN_RE.match(kop[0]):
        return i, jabatan_case(kop[0], "title")
    if not followed_by_address:
        return i, ""
    # An agency's kop: its levels top down ("KEMENTERIAN …" / "DIREKTORAT JENDERAL …"), then
    # perhaps the region of an office of it ("BADAN PUSAT STATISTIK" / "KABUPATEN X").
    offices = [line for line in kop if not _REGION_RE.match(line)]
    regions = kop[len(offices) :]
    if not offices or offices != kop[: len(offices)]:
        return i, ""
    if _REGION_RE.search(offices[-1]):
        offices = offices[-1:]  # "KANTOR KEMENTERIAN AGAMA KABUPATEN X" names itself in full
    return i, jabatan_case(" ".join([*reversed(offices), *regions]), "title")


def _levels(kop: list[str]) -> list[str]:
    """The kop's lines joined into its levels: a long name wraps onto the next line, which
    then starts with no word that names a level ("BADAN KEPEGAWAIAN DAN PENGEMBANGAN" /
    "SUMBER DAYA MANUSIA")."""
    levels = kop[:1]
    for line in kop[1:]:
        if _LEVEL_RE.match(line) or _REGION_RE.match(line) or levels[-1].startswith("PEMERINTAH "):
            levels.append(line)
        else:
            levels[-1] += " " + line
    return levels


def _is_title_case(text: str) -> bool:
    words = [w for w in text.split() if w.isalpha()]
    return (
        bool(words)
        and len(text) <= 90
        and all(w[0].isupper() or w in ("dan", "dan/atau") for w in words)
    )


def _tentang(lines: list[Line]) -> str:
    """The subject of a titled naskah: the capitals after ``TENTANG`` on page 1."""
    page_one = [line for line in lines if line.page == 0][:60]
    for index, line in enumerate(page_one):
        if len(line.segments) != 1 or not is_upper(line.segments[0].text):
            continue
        text = line.segments[0].text
        if text != "TENTANG" and not text.startswith("TENTANG "):
            continue
        parts = [text.removeprefix("TENTANG").strip()]
        for after in page_one[index + 1 : index + 6]:
            if len(after.segments) != 1 or not is_upper(after.segments[0].text):
                break
            parts.append(after.segments[0].text)
        subject = " ".join(p for p in parts if p)
        return _title_case(subject) if subject else ""
    return ""


def _jenis(lines: list[Line], kop_end: int, header: prefill_fields.Header, hal: str) -> str:
    """The jenis from the title line under the kop, or a plain letter's Nomor + Hal labels."""
    # A heading in capitals below the Nomor/Hal labels is part of the body, not the title.
    first_label = min(
        (f[0].line for k in ("nomor", "hal") if (f := header.labels.get(k))), default=None
    )
    for line in lines[
        kop_end : min(kop_end + 40, len(lines) if first_label is None else first_label)
    ]:
        title = line.segments[0].text if len(line.segments) == 1 and line.page == 0 else ""
        if is_upper(title) and (jenis := _title_jenis(title)):
            return jenis
    if header.labels.get("nomor") and hal:
        invitation = hal.lower().startswith("undangan") or any(
            re.match(r"\s*Hari\s*/\s*tanggal\s*:", line.raw, re.I) for line in lines
        )
        return "Surat Undangan" if invitation else "Surat Dinas"
    return ""
