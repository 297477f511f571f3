"""Layout rules checked on every jenis in both sample profiles, from word positions.

Word boxes come from poppler's ``pdftotext -bbox`` (points, from the top left of the page).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import SAMPLES, SAMPLES_DIR, pdf_text, run_tool
from tests.pdfcheck import render_sample, squash
from tnde.profiles import PAPER_SIZES_MM, load_profile
from tnde.render.hyphenation import hyphenate_id, syllable_breaks

if TYPE_CHECKING:
    from pathlib import Path

MM = 72 / 25.4
PROFILES = ("diskominfo-nusantara-raya", "bkpsdm-kabupaten-sukamaju")
_WORD_RE = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
_PAGE_RE = re.compile(r"<page [^>]*>(.*?)</page>", re.DOTALL)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


def pages_words(pdf: Path) -> list[list[Word]]:
    """The words of each page with their boxes."""
    html = run_tool("pdftotext", "-bbox", pdf, "-")
    return [
        [
            Word(unescape(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4]))
            for m in _WORD_RE.finditer(page)
        ]
        for page in _PAGE_RE.findall(html)
    ]


# -- pages without a kop ------------------------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_continuation_pages_keep_the_top_margin(sample: Path, profile: str, out_dir: Path) -> None:
    """Page number and text of pages 2… stay below the 2 cm top margin, the text below the
    number."""
    rendered = render_sample(sample, out_dir, profile=profile, mode="final")
    margin = load_profile(profile).margins.top_continuation * MM
    assert margin >= 20 * MM - 0.01
    for n, words in enumerate(pages_words(rendered.path)[1:], start=2):
        number = [w for w in words if w.text == str(n)]
        assert number, f"page {n} has no page number"
        assert number[0].top >= margin - 1, f"page {n}: number {number[0].top / MM:.1f} mm"
        body = [w for w in words if w.top > number[0].bottom]
        assert body, f"page {n} has no text"
        assert min(w.top for w in body) >= number[0].bottom + 2 * MM


# -- print mode ---------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_print_mode_has_no_tte_marks(sample: Path, profile: str, out_dir: Path) -> None:
    final = render_sample(sample, out_dir, profile=profile, mode="final")
    printed = render_sample(sample, out_dir, profile=profile, mode="print")
    text = pdf_text(printed.path)
    assert "Ruang tanda tangan" not in text
    assert "Ruang catatan kaki" not in text
    assert "KONSEP" not in text
    assert printed.result.signature_slots == ()
    # the same pages as the electronic letter, so a printed copy matches it line for line
    assert printed.result.pages == final.result.pages
    # the signer's name still follows a blank room under the jabatan
    assert squash(pdf_text(final.path)).count("NIP") == squash(text).count("NIP")


def test_final_unsigned_letter_still_shows_the_tte_room(out_dir: Path) -> None:
    final = render_sample(SAMPLES_DIR / "surat_dinas.toml", out_dir, mode="final")
    text = pdf_text(final.path)
    assert "Ruang tanda tangan elektronik" in text
    assert final.result.signature_slots


# -- kata penyambung ----------------------------------------------------------------------------


def test_kata_penyambung_is_black(out_dir: Path) -> None:
    rendered = render_sample(
        SAMPLES_DIR / "keputusan.toml", out_dir, profile="bkpsdm-kabupaten-sukamaju", mode="final"
    )
    words = pages_words(rendered.path)[0]
    word = next(w for w in words if w.text.endswith("\u2026"))
    stem = out_dir / "p1"
    run_tool("pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", "-f", "1", "-l", "1",
             rendered.path, stem)  # fmt: skip
    image = Image.open(f"{stem}.png").convert("L")
    k = 150 / 72
    box = (int(word.x0 * k), int(word.top * k), int(word.x1 * k) + 1, int(word.bottom * k) + 1)
    darkest, _ = image.crop(box).getextrema()
    assert isinstance(darkest, int | float)
    assert darkest < 40, f"kata penyambung printed grey ({darkest}/255)"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_kata_penyambung_announces_the_tembusan(sample: Path, out_dir: Path) -> None:
    rendered = render_sample(sample, out_dir, profile="bkpsdm-kabupaten-sukamaju", mode="final")
    label = load_profile("bkpsdm-kabupaten-sukamaju").style.tembusan_label.split()[0]
    for n in range(1, rendered.result.pages + 1):
        assert f"{label}\u2026" not in pdf_text(rendered.path, page=n), f"page {n}"


# -- heading ------------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILES)
def test_place_and_date_level_with_nomor(profile: str, out_dir: Path) -> None:
    for jenis in ("surat_dinas", "surat_undangan"):
        rendered = render_sample(SAMPLES_DIR / f"{jenis}.toml", out_dir, profile=profile)
        words = pages_words(rendered.path)[0]
        nomor = next(w for w in words if w.text == "Nomor" and w.x0 < 100)
        place = load_profile(profile).style.default_place + ","
        date = next(w for w in words if w.text == place)
        assert abs(date.top - nomor.top) < 1.5, (jenis, date, nomor)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_title_nomor_has_one_form(sample: Path, out_dir: Path) -> None:
    rendered = render_sample(sample, out_dir, profile="diskominfo-nusantara-raya")
    assert "NOMOR :" not in squash(pdf_text(rendered.path, page=1))


def test_tembusan_items_end_with_semicolons(out_dir: Path) -> None:
    rendered = render_sample(SAMPLES_DIR / "surat_dinas.toml", out_dir)
    text = squash(pdf_text(rendered.path, page=1))
    assert "1. Gubernur Nusantara Raya (sebagai laporan); 2." in text


# -- lampiran -----------------------------------------------------------------------------------


def test_lampiran_header_keeps_the_number_on_one_line(out_dir: Path) -> None:
    nomor = "000.8.3.3/1234/ND/Diskominfo/2026"
    rendered = render_sample(
        SAMPLES_DIR / "nota_dinas.toml", out_dir, edit={"nomor": nomor}, mode="final"
    )
    last = pdf_text(rendered.path, page=rendered.result.pages)
    assert nomor in last


def test_keputusan_lampiran_tentang_is_short(out_dir: Path) -> None:
    for profile in PROFILES:
        rendered = render_sample(SAMPLES_DIR / "keputusan.toml", out_dir, profile=profile)
        words = pages_words(rendered.path)[-1]
        tentang = next(w for w in words if w.text == "TENTANG")
        title = next(w for w in words if w.text == "SUSUNAN")
        lines = {round(w.top) for w in words if tentang.top - 1 <= w.top < title.top - 5}
        assert len(lines) <= 4, f"{profile}: TENTANG on {len(lines)} lines"


# -- justified text -----------------------------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILES)
def test_justified_narrow_columns_have_no_wide_gaps(profile: str, out_dir: Path) -> None:
    rendered = render_sample(SAMPLES_DIR / "keputusan.toml", out_dir, profile=profile)
    wide_lines = []
    for words in pages_words(rendered.path)[:2]:
        lines: dict[int, list[Word]] = {}
        for w in words:
            lines.setdefault(round(w.bottom), []).append(w)
        for line in lines.values():
            line.sort(key=lambda w: w.x0)
            gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(line)]
            # skip label columns (Menimbang … : a.), which are meant to be wide
            if any(4 * MM < g < 40 for g in gaps[3:]):
                wide_lines.append(" ".join(w.text for w in line))
    # one line may end before a word hyphenation cannot split (a loan word, a code)
    assert len(wide_lines) <= 1, wide_lines


def test_indonesian_syllable_breaks() -> None:
    def split(word: str) -> str:
        breaks = syllable_breaks(word)
        return "-".join(word[i:j] for i, j in zip([0, *breaks], [*breaks, len(word)], strict=True))

    assert split("pemerintahan") == "pe-me-rin-ta-han"
    assert split("penyelenggaraan") == "pe-nye-leng-ga-raan"
    assert split("masyarakat") == "ma-sya-ra-kat"
    assert split("instruksi") == "instruksi"  # three consonants: no rule, no break
    assert split("ANRI") == "ANRI"
    assert split("2026") == "2026"
    assert hyphenate_id("menyampaikan")[0] == ("menyampai", "kan")


# -- paper per jenis, the disposition sheet, the kop jabatan --------------------------------------


def test_laporan_on_a4_under_an_f4_profile(out_dir: Path) -> None:
    profile = load_profile("bkpsdm-kabupaten-sukamaju")
    assert profile.paper == "F4"
    rendered = render_sample(SAMPLES_DIR / "laporan.toml", out_dir, profile=profile.id)
    width, height = PAPER_SIZES_MM["A4"]
    for page in PdfReader(rendered.path).pages:
        assert float(page.mediabox.width) == pytest.approx(width * MM, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height * MM, abs=0.5)


def test_disposition_sheet_on_half_a_folio_without_tte_footer(out_dir: Path) -> None:
    rendered = render_sample(
        SAMPLES_DIR / "lembar_disposisi.toml",
        out_dir,
        profile="bkpsdm-kabupaten-sukamaju",
        mode="final",
    )
    assert rendered.result.pages == 1
    page = PdfReader(rendered.path).pages[0]
    width, height = PAPER_SIZES_MM["F4-half"]
    assert float(page.mediabox.width) == pytest.approx(width * MM, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(height * MM, abs=0.5)
    text = pdf_text(rendered.path)
    assert "Ruang catatan kaki" not in text
    assert "Paraf" in text


@pytest.mark.parametrize("profile", PROFILES)
def test_disposition_sheet_never_has_a_tte_footer(profile: str, out_dir: Path) -> None:
    rendered = render_sample(
        SAMPLES_DIR / "lembar_disposisi.toml", out_dir, profile=profile, mode="final"
    )
    assert "Ruang catatan kaki" not in pdf_text(rendered.path)


@pytest.mark.parametrize("profile", PROFILES)
def test_kop_jabatan_has_its_own_emblem(profile: str) -> None:
    loaded = load_profile(profile)
    assert loaded.kop_jabatan is not None
    assert loaded.kop_jabatan.logo is not None
    assert loaded.kop.logo is not None
    assert loaded.kop_jabatan.logo.resolve() != loaded.kop.logo.resolve()


def test_surat_kuasa_closing_sentence_stays_on_its_page(out_dir: Path) -> None:
    rendered = render_sample(SAMPLES_DIR / "surat_kuasa.toml", out_dir, mode="final")
    first = squash(pdf_text(rendered.path, page=1))
    assert "Demikian Surat Kuasa" in first
    # each signature keeps its jabatan: the two signing rooms are on one page, under them
    slots = rendered.result.signature_slots
    assert len({s.page for s in slots}) == 1
    page = squash(pdf_text(rendered.path, page=slots[0].page))
    assert "Penerima Kuasa" in page
    assert "Pemberi Kuasa" in page


def fonts_of(pdf: Path, page: int, needle: str) -> set[str]:
    """Base font names of the text runs on ``page`` (1-based) that contain ``needle``."""
    found: set[str] = set()

    def visit(
        text: str, cm: object, tm: object, font: dict[str, object] | None, size: float
    ) -> None:
        if needle in text and font is not None:
            found.add(str(font.get("/BaseFont", "")))

    PdfReader(pdf).pages[page - 1].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("profile", PROFILES)
def test_memutuskan_is_bold(profile: str, out_dir: Path) -> None:
    rendered = render_sample(SAMPLES_DIR / "keputusan.toml", out_dir, profile=profile)
    for n in range(1, rendered.result.pages + 1):
        fonts = fonts_of(rendered.path, n, "MEMUTUSKAN")
        if fonts:
            assert all("Bold" in f for f in fonts), fonts
            return
    pytest.fail("no MEMUTUSKAN in the Keputusan")


@pytest.mark.parametrize("profile", PROFILES)
def test_keputusan_signature_page_carries_the_last_diktum(profile: str, out_dir: Path) -> None:
    """The last diktum goes with the signature: never a page of a signature alone."""
    rendered = render_sample(SAMPLES_DIR / "keputusan.toml", out_dir, profile=profile)
    slot = rendered.result.signature_slots[0]
    page = squash(pdf_text(rendered.path, page=slot.page))
    assert "Keputusan ini mulai berlaku pada tanggal ditetapkan." in page
