"""What every layout block needs while it builds: profile, values, styles, measures."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from tnde import formatting
from tnde.profiles.model import ARAHAN
from tnde.render.fonts import FontSet, font_set
from tnde.render.hyphenation import hyphenate_id
from tnde.render.markup import inline
from tnde.templates.values import Person, Signer, empty

if TYPE_CHECKING:
    from tnde.profiles.model import Margins, Profile
    from tnde.templates.model import Template

RenderMode = Literal["draft", "final", "print"]
"""``draft``: KONSEP watermark and TTE placeholders; ``final``: the letter to sign
electronically (QR and TTE footer, or their placeholders until signing); ``print``: the
letter to print and sign by hand, with blank room for the wet signature and the stamp and
no TTE marks at all."""

_PLACEHOLDER_RE = re.compile(r"\{([a-z][a-z0-9_]*)(?:\.([a-z0-9_]+))?(?::([a-z_]+))?\}")
_NUMBER_TOKEN_RE = re.compile(r"\{([a-z_0-9]+)(?::\d+)?\}")
_DERAJAT = {"Biasa": "B", "Terbatas": "T", "Rahasia": "R", "Sangat Rahasia": "SR"}
#: Room left for the sequence number of a letter not yet numbered.
SEQ_BLANK = "\u00a0" * 6


@dataclass(frozen=True)
class TteStamp:
    """What the signing step prints into the reserved areas (filled by the signing work)."""

    document_id: str
    """Identifier in the verification URL of the QR code."""
    caption_lines: tuple[str, ...] = ()
    """Extra caption lines under the profile's caption (jabatan, nama)."""
    issuer: str | None = None
    """Printable name of the certificate authority that issued the signing certificate,
    for ``{penerbit}`` in the profile's footer. It is known only once the signer's
    certificate is, so the final PDF rendered at numbering leaves the footer as a placeholder
    and the one rendered for signing names the real issuer."""


@dataclass(frozen=True)
class SlotPosition:
    """Where a signature's reserved area landed, in PDF points from the page's lower left."""

    field: str
    page: int
    """1-based page number."""
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one letter, derived from the profile and the document group."""

    body: ParagraphStyle
    left: ParagraphStyle
    center: ParagraphStyle
    right: ParagraphStyle
    title: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle


def make_styles(profile: Profile, fonts: FontSet) -> Styles:
    """Paragraph styles for ``profile``'s body size and leading in ``fonts``."""
    size = profile.fonts.size
    plain = ParagraphStyle(
        "plain",
        fontName=fonts.regular,
        fontSize=size,
        leading=size * profile.fonts.leading,
        alignment=TA_LEFT,
        bulletFontName=fonts.regular,
        allowWidows=0,
        allowOrphans=0,
    )
    # Justified text is hyphenated (Indonesian syllables), or a narrow column would spread
    # a line's leftover width over a few wide gaps. Ragged and centred text (names, jabatan,
    # titles) is never hyphenated.
    body = ParagraphStyle("body", plain, alignment=TA_JUSTIFY, hyphenationLang=hyphenate_id)
    return Styles(
        body=body,
        left=ParagraphStyle("left", plain),
        center=ParagraphStyle("center", plain, alignment=TA_CENTER),
        right=ParagraphStyle("right", plain, alignment=TA_RIGHT),
        title=ParagraphStyle("title", plain, fontName=fonts.bold, alignment=TA_CENTER),
        small=ParagraphStyle("small", plain, fontSize=size - 3, leading=(size - 3) * 1.2),
        cell=ParagraphStyle("cell", plain, fontSize=size - 1, leading=(size - 1) * 1.15),
        cell_center=ParagraphStyle(
            "cell_center", plain, fontSize=size - 1, leading=(size - 1) * 1.15, alignment=TA_CENTER
        ),
    )


@dataclass
class RenderContext:
    """State shared by the blocks of one rendering."""

    profile: Profile
    template: Template
    values: dict[str, Any]
    mode: RenderMode
    stamp: TteStamp | None
    fonts: FontSet = field(init=False)
    styles: Styles = field(init=False)
    frame_width: float = field(init=False)
    slots: list[SlotPosition] = field(default_factory=list)
    page_count: int = 0

    def __post_init__(self) -> None:
        self.fonts = font_set(self.profile.font_for(self.template.group))
        self.styles = make_styles(self.profile, self.fonts)
        width_mm = self.page_size_mm[0]
        margins = self.margins
        self.frame_width = (width_mm - margins.left - margins.right) * mm

    # -- page ---------------------------------------------------------------------------------

    @property
    def page_size_mm(self) -> tuple[float, float]:
        """The paper of this jenis under the profile (a profile may give a jenis its own)."""
        return self.profile.page_size_mm_for(self.template.jenis)

    @property
    def margins(self) -> Margins:
        """The margins of this jenis's paper."""
        return self.profile.margins_for(self.template.jenis)

    @property
    def tte_marks(self) -> bool:
        """Whether the pages carry TTE marks (footer, QR room): not when printed for a wet
        signature, and not on a jenis that is never signed electronically."""
        return self.mode != "print" and self.template.tte

    # -- values -------------------------------------------------------------------------------

    @property
    def tanggal(self) -> dt.date | None:
        """The letter's date, when it has one."""
        value = self.values.get("tanggal")
        return value if isinstance(value, dt.date) else None

    @property
    def line(self) -> float:
        """One line of body text, in points."""
        return float(self.styles.body.leading)

    def value(self, name: str) -> Any:
        """A field value or a built-in (``nomor_tampil``, ``daerah``, ``tahun``)."""
        if name == "nomor_tampil":
            return self.nomor_tampil()
        if name == "daerah":
            return self.profile.daerah
        if name == "tahun":
            return str(self.tanggal.year) if self.tanggal else ""
        return self.values.get(name)

    def nomor_tampil(self) -> str:
        """The number as printed: the real one, or the pattern with a blank sequence."""
        nomor = self.values.get("nomor")
        if nomor:
            return str(nomor)
        year = str(self.tanggal.year) if self.tanggal else SEQ_BLANK
        if self.template.numbering == ARAHAN:
            return f"{SEQ_BLANK} TAHUN {year}"
        pattern = self.profile.numbering.pattern_for(self.template.jenis)
        tanggal = self.tanggal
        tokens = {
            "seq": SEQ_BLANK,
            "kka": self.values.get("kka") or SEQ_BLANK,
            "unit": self.profile.numbering.unit_code or SEQ_BLANK,
            "derajat": _DERAJAT.get(str(self.values.get("sifat", "")), "B"),
            "jenis": self.template.kode,
            "jabatan": SEQ_BLANK,
            "bulan_romawi": formatting.bulan_romawi(tanggal) if tanggal else SEQ_BLANK,
            "bulan2": f"{tanggal.month:02d}" if tanggal else SEQ_BLANK,
            "tahun": year,
        }
        return _NUMBER_TOKEN_RE.sub(lambda m: tokens.get(m[1], SEQ_BLANK), pattern)

    def display(self, value: Any) -> str:
        """A value as plain text for printing."""
        if empty(value):
            return ""
        if isinstance(value, dt.date):
            zero_pad = self.profile.style.date_style == "long_zero"
            return formatting.format_tanggal(value, zero_pad=zero_pad)
        if isinstance(value, Signer):
            return value.person.nama
        if isinstance(value, Person):
            return value.nama
        if isinstance(value, tuple | list):
            return "; ".join(self.display(v) for v in value)
        return str(value)

    def fill(self, text: str) -> str:
        """Replace ``{field}``, ``{field.sub}`` and ``{field:filter}`` in ``text`` (plain text)."""
        return _PLACEHOLDER_RE.sub(lambda m: self._placeholder(m[1], m[2], m[3]), text)

    def fill_markup(self, text: str) -> str:
        """:meth:`fill`, then escaped for a paragraph (template text may use ``**bold**``)."""
        return inline(self.fill(text))

    def _placeholder(self, name: str, sub: str | None, filt: str | None) -> str:
        value = self.value(name)
        if sub == "jabatan_naskah" and isinstance(value, Signer):
            # the jabatan in whose name the letter is issued: the mandator under a.n./u.b.
            d = value.delegasi
            value = (
                d.atas_nama
                if d is not None and d.bentuk in ("a.n.", "u.b.")
                else value.person.jabatan
            )
        elif sub == "pangkat_golongan":
            person = value.person if isinstance(value, Signer) else value
            value = _pangkat_golongan(person) if isinstance(person, Person) else ""
        elif sub is not None:
            person = value.person if isinstance(value, Signer) else value
            value = getattr(person, sub, "") if isinstance(person, Person) else ""
            if sub == "nip" and value:
                value = formatting.format_nip(value)
        if filt is None:
            return self.display(value)
        return _FILTERS[filt](self, value) if filt in _FILTERS else self.display(value)


def _pangkat_golongan(person: Person) -> str:
    """``Penata (III/c)``; whichever part is known when the other is not."""
    if person.pangkat and person.golongan:
        return formatting.format_pangkat(person.pangkat, person.golongan)
    return person.pangkat or person.golongan


def _date_part(part: str) -> Any:
    def apply(ctx: RenderContext, value: Any) -> str:
        if not isinstance(value, dt.date):
            return ""
        words = formatting.terbilang_tanggal(value)
        return str(getattr(words, part))

    return apply


_FILTERS = {
    "upper": lambda ctx, v: ctx.display(v).upper(),
    "hari": lambda ctx, v: formatting.hari(v) if isinstance(v, dt.date) else "",
    "hari_tanggal": lambda ctx, v: (
        formatting.format_hari_tanggal(v) if isinstance(v, dt.date) else ""
    ),
    "tanggal_terbilang": _date_part("tanggal"),
    "bulan": _date_part("bulan"),
    "tahun_terbilang": _date_part("tahun"),
    "jabatan": lambda ctx, v: formatting.jabatan_case(
        ctx.display(v), ctx.profile.style.jabatan_case
    ),
}
