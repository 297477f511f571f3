"""Tests for the Indonesian text rules in :mod:`tnde.formatting`."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tnde.errors import ValidationError
from tnde.formatting import (
    EN_DASH,
    GOLONGAN_RUANG,
    MONTHS_ID,
    CaseStyle,
    TanggalTerbilang,
    bulan_romawi,
    format_hari_tanggal,
    format_lampiran,
    format_nip,
    format_pangkat,
    format_tanggal,
    from_roman,
    hari,
    jabatan_case,
    name_case,
    normalize_nip,
    parse_tanggal,
    terbilang,
    terbilang_tanggal,
    to_roman,
    validate_golongan,
    validate_nik,
    validate_nip,
)

# -- dates ------------------------------------------------------------------------------------


def test_months_are_indonesian() -> None:
    assert len(MONTHS_ID) == 12
    assert MONTHS_ID[0] == "Januari"
    assert MONTHS_ID[7] == "Agustus"
    assert MONTHS_ID[11] == "Desember"


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2023, 7, 5), "5 Juli 2023"),
        (date(2026, 8, 22), "22 Agustus 2026"),
        (date(2023, 2, 8), "8 Februari 2023"),
        (date(1999, 12, 31), "31 Desember 1999"),
    ],
)
def test_format_tanggal(d: date, text: str) -> None:
    assert format_tanggal(d) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 Juli 2023", date(2023, 7, 5)),
        ("05 juli 2023", date(2023, 7, 5)),
        ("  17 AGUSTUS 1945 ", date(1945, 8, 17)),
        ("10 Nopember 1945", date(1945, 11, 10)),
        ("10 November 1945", date(1945, 11, 10)),
        ("1 Pebruari 1990", date(1990, 2, 1)),
        ("2023-07-05", date(2023, 7, 5)),
        ("29 Februari 2024", date(2024, 2, 29)),
    ],
)
def test_parse_tanggal_accepts(text: str, expected: date) -> None:
    assert parse_tanggal(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "5 July 2023",
        "5 Juli 23",
        "31 Februari 2023",
        "29 Februari 2023",
        "2023-7-5",
        "2023-13-01",
        "05/07/2023",
        "5 Juli 2023 10:00",
        "Juli 2023",
        "\u0665 Juli 2023",  # Arabic-Indic digit five: only ASCII digits count
    ],
)
def test_parse_tanggal_rejects(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_tanggal(text)
    assert info.value.code == "bad_date"
    assert info.value.field == ""


@pytest.mark.parametrize(
    ("d", "name"),
    [
        (date(2023, 7, 3), "Senin"),
        (date(2023, 7, 4), "Selasa"),
        (date(2023, 7, 5), "Rabu"),
        (date(2023, 7, 6), "Kamis"),
        (date(2023, 7, 7), "Jumat"),
        (date(2023, 7, 8), "Sabtu"),
        (date(2023, 7, 9), "Minggu"),
    ],
)
def test_hari(d: date, name: str) -> None:
    assert hari(d) == name


def test_format_hari_tanggal() -> None:
    assert format_hari_tanggal(date(2023, 7, 3)) == "Senin, 3 Juli 2023"
    assert format_hari_tanggal(date(1945, 8, 17)) == "Jumat, 17 Agustus 1945"


@given(st.dates(min_value=date(1000, 1, 1)))
def test_tanggal_round_trip(d: date) -> None:
    text = format_tanggal(d)
    assert parse_tanggal(text) == d
    assert parse_tanggal(text.upper()) == d
    assert parse_tanggal(d.isoformat()) == d
    assert format_hari_tanggal(d) == f"{hari(d)}, {text}"


# -- Roman numerals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "roman"),
    [(1, "I"), (4, "IV"), (7, "VII"), (9, "IX"), (12, "XII"), (40, "XL"), (1994, "MCMXCIV"),
     (2026, "MMXXVI"), (3999, "MMMCMXCIX")],
)  # fmt: skip
def test_roman_examples(n: int, roman: str) -> None:
    assert to_roman(n) == roman
    assert from_roman(roman) == n


@pytest.mark.parametrize("n", [0, -1, 4000])
def test_to_roman_range(n: int) -> None:
    with pytest.raises(ValueError, match=r"1\.\.3999"):
        to_roman(n)


@pytest.mark.parametrize(
    "text", ["", "IIII", "VV", "IC", "IL", "XM", "MMMM", "vii", " VII", "VII ", "ABC", "IIV"]
)
def test_from_roman_rejects_non_canonical(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        from_roman(text)
    assert info.value.code == "bad_roman"


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n: int) -> None:
    assert from_roman(to_roman(n)) == n


@given(st.text(alphabet="IVXLCDM", min_size=1, max_size=12))
def test_from_roman_accepts_only_canonical(text: str) -> None:
    try:
        value = from_roman(text)
    except ValidationError:
        return
    assert to_roman(value) == text


def test_bulan_romawi() -> None:
    assert bulan_romawi(date(2023, 7, 5)) == "VII"
    assert [bulan_romawi(date(2023, m, 1)) for m in (1, 8, 12)] == ["I", "VIII", "XII"]


# -- terbilang --------------------------------------------------------------------------------

_999 = "sembilan ratus sembilan puluh sembilan"


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (110, "seratus sepuluh"),
        (123, "seratus dua puluh tiga"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (2000, "dua ribu"),
        (2023, "dua ribu dua puluh tiga"),
        (11_000, "sebelas ribu"),
        (21_000, "dua puluh satu ribu"),
        (101_000, "seratus satu ribu"),
        (1_000_000, "satu juta"),
        (1_001_000, "satu juta seribu"),
        (2_500_000, "dua juta lima ratus ribu"),
        (1_000_000_000, "satu miliar"),
        (10**12 - 1, f"{_999} miliar {_999} juta {_999} ribu {_999}"),
    ],
)  # fmt: skip
def test_terbilang_examples(n: int, words: str) -> None:
    assert terbilang(n) == words


@pytest.mark.parametrize("n", [-1, 10**12])
def test_terbilang_range(n: int) -> None:
    with pytest.raises(ValueError, match="10\\*\\*12"):
        terbilang(n)


_WORD_VALUES = {w: i for i, w in enumerate(
    ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
)}  # fmt: skip
_SE_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
_SCALE_WORDS = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9}


def _words_to_int(words: str) -> int:
    """An independent reader of terbilang output, used to check it by round trip."""
    total = group = last = 0
    for word in words.split(" "):
        if word in _WORD_VALUES:
            last = _WORD_VALUES[word]
            group += last
        elif word in _SE_WORDS:
            group += _SE_WORDS[word]
        elif word == "belas":
            group += 10
        elif word == "puluh":
            group += last * 9
        elif word == "ratus":
            group += last * 99
        elif word == "seribu":
            assert group == 0
            total += 1000
        else:
            total += group * _SCALE_WORDS[word]
            group = 0
    return total + group


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_terbilang_round_trip(n: int) -> None:
    words = terbilang(n)
    assert _words_to_int(words) == n
    assert "  " not in words
    assert words == words.strip()
    for wrong in ("satu puluh", "satu belas", "satu ratus", "nol "):
        assert wrong not in words
    assert not words.startswith("satu ribu")


@pytest.mark.parametrize(
    ("count", "unit", "text"),
    [
        (1, "berkas", "1 (satu) berkas"),
        (2, "lembar", "2 (dua) lembar"),
        (12, "eksemplar", "12 (dua belas) eksemplar"),
        (0, "berkas", EN_DASH),
    ],
)
def test_format_lampiran(count: int, unit: str, text: str) -> None:
    assert format_lampiran(count, unit) == text


def test_format_lampiran_defaults_and_dash() -> None:
    assert format_lampiran(3) == "3 (tiga) berkas"
    assert format_lampiran(0) == "\u2013"
    with pytest.raises(ValueError, match="10\\*\\*12"):
        format_lampiran(-1)


def test_terbilang_tanggal() -> None:
    t = terbilang_tanggal(date(2023, 7, 3))
    assert t == TanggalTerbilang(
        hari="Senin", tanggal="tiga", bulan="Juli", tahun="dua ribu dua puluh tiga"
    )
    assert t.kalimat == (
        "Pada hari ini Senin tanggal tiga bulan Juli tahun dua ribu dua puluh tiga"
    )
    assert terbilang_tanggal(date(2024, 1, 1)).tanggal == "satu"
    assert terbilang_tanggal(date(1999, 8, 31)).tahun == (
        "seribu sembilan ratus sembilan puluh sembilan"
    )
    with pytest.raises(AttributeError):
        t.hari = "Selasa"  # type: ignore[misc]


# -- NIP / NIK --------------------------------------------------------------------------------

_NIP = "196708271994032001"


def test_nip_normalise_validate_format() -> None:
    assert normalize_nip(" 19670827 199403\t2 001\n") == _NIP
    assert validate_nip("19670827 199403 2 001") == _NIP
    assert format_nip(_NIP) == "19670827 199403 2 001"
    assert format_nip("19670827 199403 2 001") == "19670827 199403 2 001"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "nip_length"),
        ("19670827 199403 2 00", "nip_length"),
        ("1967082719940320011", "nip_length"),
        ("19670827-199403-2-001", "nip_digits"),
        ("NIP 19670827 199403 2 001", "nip_digits"),
        ("1967082719940320O1", "nip_digits"),
        ("19670827199403200\u0661", "nip_digits"),  # Arabic-Indic one
        ("196702301994032001", "nip_birth_date"),
        ("196713011994032001", "nip_birth_date"),
        ("000001011994032001", "nip_birth_date"),
        ("196708271994132001", "nip_tmt"),
        ("196708271994002001", "nip_tmt"),
        ("196708270000012001", "nip_tmt"),
        ("196708271994033001", "nip_sex"),
        ("196708271994030001", "nip_sex"),
    ],
)
def test_validate_nip_rejects(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_nip(text)
    assert info.value.field == "nip"
    assert info.value.code == code
    if normalize_nip(text):  # the message must not repeat personal data
        assert normalize_nip(text) not in str(info.value)


def test_format_nip_validates() -> None:
    with pytest.raises(ValidationError) as info:
        format_nip("123")
    assert info.value.code == "nip_length"


@st.composite
def _nips(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=date(1940, 1, 1), max_value=date(2010, 12, 31)))
    tmt_year = draw(st.integers(min_value=1960, max_value=2030))
    tmt_month = draw(st.integers(min_value=1, max_value=12))
    sex = draw(st.sampled_from("12"))
    seq = draw(st.integers(min_value=0, max_value=999))
    return f"{born:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{sex}{seq:03d}"


@given(_nips())
def test_nip_round_trip(nip: str) -> None:
    assert validate_nip(nip) == nip
    shown = format_nip(nip)
    assert len(shown) == 21
    assert [len(p) for p in shown.split(" ")] == [8, 6, 1, 3]
    assert validate_nip(shown) == nip


def test_validate_nik() -> None:
    assert validate_nik("3201 0123 4567 0001") == "3201012345670001"
    for text, code in [
        ("320101234567000", "nik_length"),
        ("32010123456700011", "nik_length"),
        ("32010123456700A1", "nik_digits"),
        ("3201.0123.4567.0001", "nik_digits"),
    ]:
        with pytest.raises(ValidationError) as info:
            validate_nik(text)
        assert (info.value.field, info.value.code) == ("nik", code)


# -- casing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KEPALA DINAS KOMUNIKASI DAN INFORMATIKA", "Kepala Dinas Komunikasi dan Informatika"),
        ("kepala badan pengelolaan keuangan dan aset daerah",
         "Kepala Badan Pengelolaan Keuangan dan Aset Daerah"),
        ("SEKRETARIS DPRD", "Sekretaris DPRD"),
        ("KEPALA BPKAD", "Kepala BPKAD"),
        ("Kepala UPT Puskesmas", "Kepala UPT Puskesmas"),
        ("kepala upt puskesmas", "Kepala Upt Puskesmas"),
        ("Kepala BKPSDM", "Kepala BKPSDM"),
        ("Kepala Seksi Wilayah III", "Kepala Seksi Wilayah III"),
        ("KEPALA SEKSI WILAYAH IV", "Kepala Seksi Wilayah IV"),
        ("di bawah bupati", "Di Bawah Bupati"),
        ("KEPALA BAGIAN UMUM PADA SEKRETARIAT DAERAH,",
         "Kepala Bagian Umum pada Sekretariat Daerah,"),
        ("a.n. BUPATI KUDUS", "a.n. Bupati Kudus"),
        ("A.N. BUPATI KUDUS", "a.n. Bupati Kudus"),
        ("PLT. SEKRETARIS DAERAH", "Plt. Sekretaris Daerah"),
        ("Kepala Sub-bagian Tata Usaha", "Kepala Sub-Bagian Tata Usaha"),
        ("Gubernur DI Yogyakarta", "Gubernur DI Yogyakarta"),
    ],
)  # fmt: skip
def test_jabatan_title(text: str, expected: str) -> None:
    assert jabatan_case(text, "title") == expected


def test_jabatan_upper_and_as_written() -> None:
    assert jabatan_case("a.n. Bupati Kudus", "upper") == "a.n. BUPATI KUDUS"
    assert jabatan_case("plh. kepala bagian umum,", "upper") == "Plh. KEPALA BAGIAN UMUM,"
    assert jabatan_case("Sekretaris Daerah\nu.b.\nAsisten Administrasi,", "upper") == (
        "SEKRETARIS DAERAH\nu.b.\nASISTEN ADMINISTRASI,"
    )
    assert jabatan_case("kepala DINAS x", "as_written") == "kepala DINAS x"


def test_jabatan_custom_acronyms() -> None:
    text = "KEPALA DISKOMINFO"
    assert jabatan_case(text, "title") == "Kepala Diskominfo"
    assert jabatan_case(text, "title", acronyms=frozenset({"DISKOMINFO"})) == text.replace(
        "KEPALA", "Kepala"
    )


@pytest.mark.parametrize(
    ("name", "style", "expected"),
    [
        ("Dr. Budi Santoso, S.Kom., M.T.", "upper", "Dr. BUDI SANTOSO, S.Kom., M.T."),
        ("Hj. Siti Aminah, S.E., M.Si.", "upper", "Hj. SITI AMINAH, S.E., M.Si."),
        ("Prof. Dr. Ir. H. Ahmad Yani", "upper", "Prof. Dr. Ir. H. AHMAD YANI"),
        ("dr. Rina Wati, Sp.A.", "upper", "dr. RINA WATI, Sp.A."),
        ("Budi Santoso", "upper", "BUDI SANTOSO"),
        ("BUDI SANTOSO, S.KOM.", "title", "Budi Santoso, S.KOM."),
        ("Drs. BUDI H. SANTOSO", "title", "Drs. Budi H. Santoso"),
        ("b.j. habibie", "title", "B.J. Habibie"),
        ("SITI AMINAH BINTI AHMAD", "title", "Siti Aminah binti Ahmad"),
        ("MA'RUF AMIN", "title", "Ma'ruf Amin"),
        ("dr. rina wati, Sp.A.", "as_written", "dr. rina wati, Sp.A."),
    ],
)
def test_name_case(name: str, style: CaseStyle, expected: str) -> None:
    assert name_case(name, style) == expected


_JABATAN_TEXT = st.text(alphabet="abcdeiknrsuvxIDKNPRUVX ", max_size=40)


@given(_JABATAN_TEXT)
def test_jabatan_title_is_idempotent(text: str) -> None:
    once = jabatan_case(text, "title")
    assert once.lower() == text.lower()
    # An all-capitals result ("DPRD A" from "DPRD a") loses the mixed-case signal, so
    # re-casing it falls back to KNOWN_ACRONYMS; otherwise title casing is stable.
    if any(ch.islower() for ch in once):
        assert jabatan_case(once, "title") == once


@given(st.text(max_size=30), st.text(max_size=30))
def test_name_upper_keeps_degrees(head: str, degrees: str) -> None:
    name = f"{head.replace(',', '')},{degrees}"
    result = name_case(name, "upper")
    assert result.partition(",")[2] == degrees
    assert name_case(name, "as_written") == name


# -- pangkat / golongan -----------------------------------------------------------------------


def test_format_pangkat() -> None:
    assert format_pangkat("Pembina Utama Muda", "IV/c") == "Pembina Utama Muda (IV/c)"
    assert format_pangkat(" Penata ", "iii / C") == "Penata (III/c)"
    with pytest.raises(ValidationError) as info:
        format_pangkat("", "IV/c")
    assert (info.value.field, info.value.code) == ("pangkat", "required")


def test_golongan_table() -> None:
    assert GOLONGAN_RUANG[0] == "I/a"
    assert GOLONGAN_RUANG[-1] == "IV/e"
    assert len(GOLONGAN_RUANG) == 17
    assert all(validate_golongan(g) == g for g in GOLONGAN_RUANG)


@pytest.mark.parametrize(
    "text", ["", "V/a", "IV/f", "I/e", "III/e", "IIII/a", "4/c", "IV-c", "IVc"]
)
def test_validate_golongan_rejects(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        format_pangkat("Pembina", text)
    assert (info.value.field, info.value.code) == ("golongan", "golongan")
