"""Office profiles load, and broken ones fail naming file, key and problem."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tnde.errors import ProfileError
from tnde.profiles import available_profiles, load_profile, profiles_dir

if TYPE_CHECKING:
    from pathlib import Path

GOOD = (profiles_dir() / "diskominfo-nusantara-raya.toml").read_text(encoding="utf-8")


def test_shipped_profiles_load() -> None:
    ids = available_profiles()
    assert {"diskominfo-nusantara-raya", "bkpsdm-kabupaten-sukamaju"} <= set(ids)
    for profile_id in ids:
        profile = load_profile(profile_id)
        assert profile.kop.logo is not None
        assert profile.kop.logo.is_file()


def test_paper_sizes() -> None:
    assert load_profile("diskominfo-nusantara-raya").page_size_mm == (210.0, 297.0)
    assert load_profile("bkpsdm-kabupaten-sukamaju").page_size_mm == (215.0, 330.0)


def test_fonts_per_group() -> None:
    profile = load_profile("diskominfo-nusantara-raya")
    assert profile.font_for("korespondensi") == "sans"
    assert profile.font_for("penetapan") == "serif"


def test_numbering_patterns_differ() -> None:
    a = load_profile("diskominfo-nusantara-raya").numbering
    b = load_profile("bkpsdm-kabupaten-sukamaju").numbering
    assert a.pattern_for("surat_dinas") != b.pattern_for("surat_dinas")
    assert a.pattern_for("keputusan") == "arahan"


def write(tmp_path: Path, text: str, name: str = "kantor-uji") -> Path:
    (tmp_path / "logos").mkdir(exist_ok=True)
    path = tmp_path / f"{name}.toml"
    path.write_text(
        text.replace('id = "diskominfo-nusantara-raya"', f'id = "{name}"'), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ('size = "A4"', 'size = "A5"', "paper.size", "'A5' bukan salah satu dari"),
        ("left = 30", 'left = "30"', "margins.left", "seharusnya angka"),
        ("left = 30", "left = 2", "margins.left", "di bawah batas terkecil"),
        ("[style]", "[style]\nyth_posisi = 'left'", "style.yth_posisi", "kunci tidak dikenal"),
        (
            'default = "{kka}/{seq}/{unit}/{tahun}"',
            'default = "{kka}/{nomor}"',
            "numbering.default",
            "pola penomoran '{kka}/{nomor}' salah",
        ),
        (
            "logo_width_mm = 21",
            'logo_width_mm = 21\nlogo = "logos/tidak-ada.png"',
            "kop.logo",
            None,
        ),
        (
            "https://tte.nusantararaya.go.id/verifikasi/{document_id}",
            "http://tte.example/{document_id}",
            "tte.verification_url",
            "https://",
        ),
        ("schema_version = 1", "schema_version = 9", "schema_version", "tidak didukung"),
    ],
)
def test_bad_profile_names_file_key_problem(
    tmp_path: Path, old: str, new: str, key: str, problem: str | None
) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    if key == "kop.logo":  # a duplicate key is a TOML error; replace the real logo line
        text = GOOD.replace(
            'logo = "logos/logo-provinsi-contoh.png"\nlogo_width_mm = 21',
            'logo = "logos/tidak-ada.png"\nlogo_width_mm = 21',
            1,
        )
        problem = "tidak ditemukan"
    path = write(tmp_path, text)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.path == str(path)
    assert info.value.key == key
    assert problem in info.value.problem
    assert str(path) in str(info.value)


def test_malformed_toml(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "\n[paper\n")
    with pytest.raises(ProfileError, match="TOML rusak"):
        load_profile(path)


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path = tmp_path / "lain.toml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(ProfileError, match="harus sama dengan nama berkasnya"):
        load_profile(path)


def test_unknown_profile_lists_available() -> None:
    with pytest.raises(ProfileError, match=r"yang tersedia: .*diskominfo-nusantara-raya"):
        load_profile("tidak-ada")


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        (
            "line_sizes = [14, 16]",
            'line_sizes = ["besar", 16]',
            "kop.line_sizes[0]",
            "seharusnya ukuran dalam poin",
        ),
        ("line_sizes = [14, 16]", "line_sizes = 14", "kop.line_sizes", "seharusnya daftar"),
        ("line_sizes = [14, 16]", "line_sizes = [400, 16]", "kop.line_sizes[0]", "di luar 6–24 pt"),
        (
            'lines = ["PEMERINTAH PROVINSI NUSANTARA RAYA", "DINAS KOMUNIKASI DAN INFORMATIKA"]',
            'lines = ["PEMERINTAH PROVINSI NUSANTARA RAYA", " "]',
            "kop.lines[1]",
            "tidak boleh kosong",
        ),
        ('nota_dinas = "', 'nota_dinass = "', "numbering.jenis.nota_dinass", "jenis tidak dikenal"),
        (
            "https://tte.nusantararaya.go.id/",
            "https://evil.example.com/",
            "tte.verification_url",
            "domain .go.id",
        ),
        ("bottom = 25", "bottom = 8", "margins.bottom", "di bawah batas terkecil"),
        # a footer may not name the certificate authority: the certificate decides it
        ("diterbitkan oleh {penerbit}.", "diterbitkan oleh BSrE.", "tte.footer", "{penerbit}"),
        (
            "diterbitkan oleh {penerbit}.",
            "diterbitkan oleh Balai Besar Sertifikasi Elektronik.",
            "tte.footer",
            "menyebut penyelenggara sertifikat",
        ),
    ],
)
def test_more_bad_profiles(tmp_path: Path, old: str, new: str, key: str, problem: str) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == key
    assert problem in info.value.problem


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        # half a folio suits a form of one jenis, never a profile's letters
        ('size = "A4"', 'size = "F4-half"', "paper.size", "bukan salah satu dari"),
        (
            'size = "A4"',
            'size = "A4"\n\n[paper.jenis]\nlaporann = "A4"',
            "paper.jenis.laporann",
            "jenis tidak dikenal",
        ),
        (
            'size = "A4"',
            'size = "A4"\n\n[paper.jenis]\nlaporan = "A3"',
            "paper.jenis.laporan.size",
            "bukan salah satu dari",
        ),
        # pages without a kop keep at least 2 cm at the top
        ("top = 15", "top = 15\ntop_continuation = 12", "margins.top_continuation", "di bawah"),
        # the kop jabatan carries the lambang negara, not the region's lambang
        (
            'logo = "logos/lambang-jabatan-contoh.png"',
            'logo = "logos/logo-provinsi-contoh.png"',
            "kop_jabatan.logo",
            "[kop]",
        ),
    ],
)
def test_bad_page_settings(tmp_path: Path, old: str, new: str, key: str, problem: str) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == key
    assert problem in info.value.problem


def test_paper_and_margins_per_jenis(tmp_path: Path) -> None:
    text = GOOD.replace(
        'size = "A4"',
        'size = "F4"\n\n[paper.jenis]\nlaporan = "A4"\n'
        'lembar_disposisi = { size = "F4-half", margins = '
        "{ top = 10, bottom = 10, left = 15, right = 10 } }",
        1,
    )
    profile = load_profile(write(tmp_path, text))
    assert profile.page_size_mm_for("surat_dinas") == (215.0, 330.0)
    assert profile.page_size_mm_for("laporan") == (210.0, 297.0)
    assert profile.page_size_mm_for("lembar_disposisi") == (165.0, 215.0)
    assert profile.margins_for("lembar_disposisi").left == 15
    assert profile.margins_for("laporan") == profile.margins
    # without the key, pages 2… start 2 cm from the top even under a 15 mm kop margin
    assert profile.margins.top == 15
    assert profile.margins.top_continuation == 20
