"""The office profile (Profil TND): everything about a letter's look that varies per office.

Regional regulations override national defaults, so paper, margins, fonts,
kop, casing and numbering are data, never code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from tnde.numbering.series import SeriesPolicy

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

PaperName = Literal["A4", "F4", "F4-210", "F4-half"]
FontFamily = Literal["sans", "serif"]
Casing = Literal["upper", "title", "as_written"]
RuleStyle = Literal["single", "double", "thick-thin", "none"]

#: Paper sizes in millimetres (width, height). F4 comes in two widths in the wild.
PAPER_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "F4": (215.0, 330.0),
    "F4-210": (210.0, 330.0),
    # half a folio sheet, upright: the customary size of a pemda Lembar Disposisi
    "F4-half": (165.0, 215.0),
}

#: The disposition instructions of the standard forms (ANRI and pemda); a
#: profile may replace the list with its own regional vocabulary.
DEFAULT_INSTRUCTIONS = (
    "Untuk diketahui",
    "Tindak lanjuti/selesaikan",
    "Tanggapan dan saran",
    "Proses lebih lanjut sesuai ketentuan",
    "Koordinasikan/konfirmasikan",
    "Pelajari/kaji",
    "Siapkan bahan/jawaban",
    "Hadiri/wakili",
    "Agendakan",
    "Edarkan",
    "Pantau",
    "Perhatian",
    "Arsipkan",
)

#: Offices without a ``timezone`` keep Western Indonesian Time (WIB).
DEFAULT_TIMEZONE = "Asia/Jakarta"


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres."""

    top: float
    """Top of page 1, where the kop stands."""
    bottom: float
    left: float
    right: float
    top_continuation: float = 20.0
    """Top margin of the pages without a kop (page 2 onward): at least 2 cm. The page number
    stands at this line and the text starts two lines below it."""


@dataclass(frozen=True)
class Fonts:
    """Typeface choice per document group, and the body size."""

    by_group: dict[str, FontFamily]
    """Font family for each of :data:`tnde.templates.model.DOCUMENT_GROUPS`."""
    size: float = 12.0
    """Body size in points (Arial 12 / Bookman 12 by default)."""
    leading: float = 1.2
    """Line height as a multiple of the size."""


@dataclass(frozen=True)
class Kop:
    """A letterhead: lines of text beside a logo, closed by a rule. Printed on page 1 only."""

    lines: tuple[str, ...]
    """Name lines, top to bottom (``PEMERINTAH PROVINSI …``, ``DINAS …``); the last is bold."""
    address_lines: tuple[str, ...]
    """Address, telephone, pos-el, laman, already composed into lines."""
    logo: Path | None
    """Logo image (lambang), or None for a text-only kop."""
    logo_width_mm: float = 22.0
    bold_from: int = 1
    """Index of the first bold name line: the perangkat daerah's name is bold, the
    ``PEMERINTAH …`` line above it is not (0 makes every line bold)."""
    name_sizes: tuple[float, ...] = (14.0, 16.0)
    """Point sizes of :attr:`lines`; the last size repeats for further lines."""
    address_size: float = 10.0
    rule: RuleStyle = "thick-thin"
    logo_position: Literal["left", "top"] = "left"
    """``top`` centres the emblem above the name, as a kop jabatan does."""


@dataclass(frozen=True)
class Style:
    """House rules for parts of the letter whose form varies per region."""

    jabatan_case: Casing = "upper"
    name_case: Casing = "upper"
    name_bold: bool = True
    name_underline: bool = False
    yth_position: Literal["left", "right"] = "right"
    """Pemda style puts Yth. under the date on the right; ANRI style on the left under Hal."""
    tembusan_label: str = "Tembusan:"
    tembusan_numbered: bool = True
    tembusan_yth_allowed: bool = False
    """Whether ``Tembusan Yth.:`` is acceptable (ANRI forbids it; many pemda write it)."""
    date_style: Literal["long", "long_zero"] = "long"
    """``long``: "5 Juli 2023"; ``long_zero``: "05 Juli 2023"."""
    show_place: bool = True
    default_place: str = ""
    salam_pembuka: str = ""
    """An opening salutation such as ``Dengan hormat,``; empty in ANRI/pemda formal style."""
    body_first_line_indent_mm: float = 12.5
    body_align_with_kepala: bool = True
    """Indent letter bodies to the value column of the Nomor/Hal block."""
    di_style: Literal["dash", "inline"] = "dash"
    """``dash``: "di –" then the place on its own line; ``inline``: "di Tempat"."""
    signature_align: Literal["center", "left"] = "center"
    """Alignment of the lines inside a signature block."""
    yth_person_allowed: bool = False
    """Whether Yth. may name a person rather than a jabatan."""
    hal_max_chars: int = 150
    future_date_limit_days: int = 30
    paraf_max: int = 3
    route_restart: Literal["first", "returner"] = "first"
    """After a revision, review restarts at the ``first`` step, or at the step that returned
    it (``returner``: earlier approvals are carried to the new text, marked as carried)."""
    kata_penyambung: bool = False
    """Print the first word of the next page at the bottom right of each page."""
    judul_nomor_colon: bool = False
    """``NOMOR : 12/…`` under a centred title instead of ``NOMOR 12/…``, for every jenis
    alike (the colon of the Nomor/Hal block of a Surat Dinas is not affected)."""
    tembusan_semicolon: bool = True
    """End each tembusan item but the last with ``;``, as a list of the parts of one
    sentence is punctuated."""


@dataclass(frozen=True)
class Tte:
    """How an electronically signed letter is marked."""

    footer: str
    """Footer text on every page of a signed letter; ``{penerbit}`` stands for the authority
    that issued the signing certificate, which the profile may not name itself."""
    verification_url: str

    """URL template for the QR code; ``{document_id}`` is replaced."""
    caption: str = "Ditandatangani secara elektronik oleh:"
    qr_size_mm: float = 22.0
    footer_size: float = 8.0
    paraf_elektronik: bool = False
    """Whether reviewers also sign their paraf electronically: invisible approval signatures
    in the numbered PDF, before the signer's."""

    def footer_text(self, issuer: str) -> str:
        """The footer with ``{penerbit}`` replaced by the certificate's issuer."""
        return self.footer.replace(ISSUER_PLACEHOLDER, issuer)


ISSUER_PLACEHOLDER = "{penerbit}"
#: Certificate authorities a footer could claim by name. A profile is written before anyone
#: signs, so it cannot know which authority will issue the certificate: naming one there
#: would print a false claim under every letter signed with another.
CLAIMED_AUTHORITIES = (
    "bsre",
    "bssn",
    "sertifikasi elektronik",
    "psre",
    "peruri",
    "privy",
    "vida",
)


#: The numbering "pattern" of arahan documents (Keputusan, Peraturan): ``NOMOR n TAHUN yyyy``,
#: a sequence per year and jenis rather than a pattern of tokens.
ARAHAN = "arahan"


@dataclass(frozen=True)
class Numbering:
    """Letter number patterns (see :mod:`tnde.numbering`) per jenis, with a default."""

    default: str
    by_jenis: dict[str, str] = field(default_factory=dict)
    unit_code: str = ""
    """Code of the issuing unit for ``{unit}``."""
    series: SeriesPolicy = field(default_factory=SeriesPolicy)
    """Which counter a number comes from: yearly reset, per unit, per jenis, per derajat."""

    def pattern_for(self, jenis: str) -> str:
        """The pattern text a letter of ``jenis`` is numbered with."""
        return self.by_jenis.get(jenis, self.default)


@dataclass(frozen=True)
class JenisPaper:
    """A paper size (and optionally margins) one jenis uses instead of the profile's."""

    size: PaperName
    margins: Margins | None = None
    """Margins for this paper; None keeps the profile's."""


@dataclass(frozen=True)
class Profile:
    """One office's Profil TND, as loaded from ``resources/profiles/<id>.toml``."""

    id: str
    nama: str
    paper: PaperName
    margins: Margins
    fonts: Fonts
    kop: Kop
    kop_jabatan: Kop | None
    """Letterhead for documents signed by the head of government in person (Keputusan). It
    carries the lambang negara, so its ``logo`` is an emblem of its own, never the region's
    lambang of :attr:`kop`."""
    style: Style
    tte: Tte
    numbering: Numbering
    daerah: str = ""
    """Name of the region as used in titles (``GUBERNUR NUSANTARA RAYA``)."""
    instructions: tuple[str, ...] = DEFAULT_INSTRUCTIONS
    """The disposition instructions offered (and printed on the Lembar Disposisi)."""
    holidays: frozenset[date] = frozenset()
    """Public holidays and cuti bersama: not working days for disposition due dates."""
    timezone: str = DEFAULT_TIMEZONE
    """IANA zone of the office (Asia/Jakarta, Asia/Makassar, Asia/Jayapura): its calendar day
    decides letter dates, delegation periods and yearly number series."""
    paper_by_jenis: dict[str, JenisPaper] = field(default_factory=dict)
    """Jenis printed on another paper than :attr:`paper` (a Laporan on A4 under an F4
    profile, the Lembar Disposisi on half a folio)."""
    source: Path | None = None

    @property
    def page_size_mm(self) -> tuple[float, float]:
        """(width, height) of the profile's paper in millimetres."""
        return PAPER_SIZES_MM[self.paper]

    def paper_for(self, jenis: str) -> PaperName:
        """The paper a letter of ``jenis`` is printed on."""
        own = self.paper_by_jenis.get(jenis)
        return own.size if own is not None else self.paper

    def page_size_mm_for(self, jenis: str) -> tuple[float, float]:
        """(width, height) in millimetres of the paper of ``jenis``."""
        return PAPER_SIZES_MM[self.paper_for(jenis)]

    def margins_for(self, jenis: str) -> Margins:
        """The margins of ``jenis``: its own paper's, or the profile's."""
        own = self.paper_by_jenis.get(jenis)
        return own.margins if own is not None and own.margins is not None else self.margins

    def font_for(self, group: str) -> FontFamily:
        """The font family of a document group (falls back to korespondensi)."""
        return self.fonts.by_group.get(group, self.fonts.by_group.get("korespondensi", "sans"))
