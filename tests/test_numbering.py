"""Number patterns (format/parse) and series rules: tnde.numbering.pattern and .series."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tnde.numbering
from tnde.errors import NumberingError
from tnde.numbering import (
    KKA_CODE_REGEX,
    NumberContext,
    ParsedNumber,
    SeriesContext,
    SeriesPolicy,
    format_arahan_number,
    next_in_series,
    parse_pattern,
    series_key,
)

PEMDA = "{kka}/{seq}/{unit}"
SURAT_TUGAS = "{kka}/{seq}/{unit}/{tahun}"
KEMENTERIAN = "{derajat}-{seq}/{jabatan}/{kka}/{bulan2}/{tahun}"
INTERNAL = "{seq:3}/{jenis}/{unit}/{tahun}"
KELURAHAN = "{kka}/{seq}/{unit}/{bulan_romawi}/{tahun}"
PRACTICE_PATTERNS = (PEMDA, SURAT_TUGAS, KEMENTERIAN, INTERNAL, KELURAHAN)

# (pattern, context, printed number): examples from real naskah dinas.
EXAMPLES = [
    (PEMDA, NumberContext(15, date(2026, 7, 1), kka="000.8.3.3", unit="OR"), "000.8.3.3/15/OR"),
    (
        SURAT_TUGAS,
        NumberContext(4461, date(2025, 3, 9), kka="000.1.2.3", unit="107.1"),
        "000.1.2.3/4461/107.1/2025",
    ),
    (
        KEMENTERIAN,
        NumberContext(99, date(2020, 4, 20), kka="KP.07.6", derajat="R", jabatan="IJ"),
        "R-99/IJ/KP.07.6/04/2020",
    ),
    (INTERNAL, NumberContext(18, date(2016, 2, 1), jenis="ND", unit="Sj"), "018/ND/Sj/2016"),
    (
        KELURAHAN,
        NumberContext(627498, date(2026, 8, 17), kka="470", unit="KL-LMP"),
        "470/627498/KL-LMP/VIII/2026",
    ),
]


def _code(excinfo: pytest.ExceptionInfo[NumberingError]) -> str:
    return excinfo.value.code


# -- the examples ------------------------------------------------------------------------------


@pytest.mark.parametrize(("pattern", "ctx", "number"), EXAMPLES)
def test_examples_format(pattern: str, ctx: NumberContext, number: str) -> None:
    assert parse_pattern(pattern).format(ctx) == number


@pytest.mark.parametrize(("pattern", "ctx", "number"), EXAMPLES)
def test_examples_parse(pattern: str, ctx: NumberContext, number: str) -> None:
    parsed = parse_pattern(pattern).parse(number)
    assert parsed.seq == ctx.seq
    tokens = parse_pattern(pattern).tokens
    for name in ("kka", "unit", "derajat", "jenis", "jabatan"):
        assert getattr(parsed, name) == (getattr(ctx, name) if name in tokens else None)
    assert parsed.tahun == (ctx.tanggal.year if "tahun" in tokens else None)


def test_parse_reads_all_fields() -> None:
    assert parse_pattern(KEMENTERIAN).parse("R-99/IJ/KP.07.6/04/2020") == ParsedNumber(
        seq=99, kka="KP.07.6", derajat="R", jabatan="IJ", tahun=2020, bulan=4
    )
    assert parse_pattern(KELURAHAN).parse("470/627498/KL-LMP/VIII/2026").bulan == 8


def test_parse_ignores_surrounding_spaces() -> None:
    assert parse_pattern(PEMDA).parse("  000.8.3.3/15/OR\n").seq == 15


@pytest.mark.parametrize(
    "number", ["HM/3/Setjen", "UM.02.01/3/Setjen", "KA.220/3/Setjen", "000/3/Setjen"]
)
def test_parse_kka_forms(number: str) -> None:
    assert parse_pattern(PEMDA).parse(number).kka == number.split("/")[0]


def test_tokens_and_width() -> None:
    pattern = parse_pattern(INTERNAL)
    assert pattern.tokens == ("seq", "jenis", "unit", "tahun")
    assert pattern.seq_width == 3
    assert parse_pattern(PEMDA).seq_width is None
    assert str(pattern) == INTERNAL
    assert parse_pattern(INTERNAL) == pattern


def test_literal_prefix_and_suffix() -> None:
    pattern = parse_pattern("No. {seq}/{unit} (salinan)")
    number = pattern.format(NumberContext(5, date(2026, 1, 2), unit="107.1"))
    assert number == "No. 5/107.1 (salinan)"
    assert pattern.parse(number).unit == "107.1"


# -- padding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seq", "printed"), [(7, "007"), (42, "042"), (999, "999"), (1234, "1234")]
)
def test_padding(seq: int, printed: str) -> None:
    pattern = parse_pattern("{seq:3}/{unit}")
    assert pattern.format(NumberContext(seq, date(2026, 1, 1), unit="OR")) == f"{printed}/OR"
    assert pattern.parse(f"{printed}/OR").seq == seq


def test_padding_is_respected_when_parsing() -> None:
    with pytest.raises(NumberingError) as excinfo:
        parse_pattern("{seq:3}/{unit}").parse("07/OR")
    assert _code(excinfo) == "no_match"
    assert parse_pattern("{seq}/{unit}").parse("007/OR").seq == 7


# -- pattern errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{kka}/{nomor}/{seq}", "unknown_token"),
        ("{KKA}/{seq}", "unknown_token"),
        ("{ seq }", "unknown_token"),
        ("{}/{seq}", "unknown_token"),
        ("{kka}/{seq", "unbalanced_brace"),
        ("{kka}/seq}", "unbalanced_brace"),
        ("{kka{seq}}", "unbalanced_brace"),
        ("{seq}/{", "unbalanced_brace"),
        ("{kka}/{unit}", "no_seq"),
        ("", "no_seq"),
        ("nomor", "no_seq"),
        ("{seq}/{unit}/{seq}", "duplicate_token"),
        ("{seq:3}/{seq}", "duplicate_token"),
        ("{seq:0}", "bad_padding"),
        ("{seq:x}", "bad_padding"),
        ("{seq:}", "bad_padding"),
        ("{seq:11}", "bad_padding"),
        ("{seq:-1}", "bad_padding"),
        ("{unit:3}/{seq}", "bad_padding"),
        ("{kka}{seq}", "adjacent_tokens"),
    ],
)
def test_pattern_errors(text: str, code: str) -> None:
    with pytest.raises(NumberingError) as excinfo:
        parse_pattern(text)
    assert _code(excinfo) == code
    assert str(excinfo.value)


# -- format errors -----------------------------------------------------------------------------

_DAY = date(2026, 7, 1)


@pytest.mark.parametrize(
    ("pattern", "ctx", "code"),
    [
        (PEMDA, NumberContext(1, _DAY, unit="OR"), "missing_value"),
        (PEMDA, NumberContext(1, _DAY, kka="000.1"), "missing_value"),
        (KEMENTERIAN, NumberContext(1, _DAY, kka="KP.07.6", jabatan="IJ"), "missing_value"),
        (PEMDA, NumberContext(0, _DAY, kka="000.1", unit="OR"), "bad_value"),
        (PEMDA, NumberContext(-3, _DAY, kka="000.1", unit="OR"), "bad_value"),
        (PEMDA, NumberContext(1, _DAY, kka="000.1", unit="OR/2"), "bad_value"),
        (PEMDA, NumberContext(1, _DAY, kka="000.1", unit=" OR"), "bad_value"),
        (PEMDA, NumberContext(1, _DAY, kka="000/1", unit="OR"), "bad_value"),
        (PEMDA, NumberContext(1, _DAY, kka="Umum", unit="OR"), "bad_value"),
        (PEMDA, NumberContext(1, _DAY, kka="00.1", unit="OR"), "bad_value"),
        (KEMENTERIAN, NumberContext(1, _DAY, kka="HM", derajat="X", jabatan="IJ"), "bad_value"),
        ("{seq}-{unit}/{tahun}", NumberContext(1, _DAY, unit="KL-LMP"), "bad_value"),
        ("{seq}/{unit}-{tahun}", NumberContext(1, _DAY, unit="KL-LMP"), "bad_value"),
        ("{seq}/{tahun}", NumberContext(1, date(999, 1, 1)), "bad_value"),
    ],
)
def test_format_errors(pattern: str, ctx: NumberContext, code: str) -> None:
    with pytest.raises(NumberingError) as excinfo:
        parse_pattern(pattern).format(ctx)
    assert _code(excinfo) == code


def test_dots_are_fine_in_kka_and_unit_between_slashes() -> None:
    ctx = NumberContext(3, _DAY, kka="000.1.2.3", unit="107.1")
    assert parse_pattern(SURAT_TUGAS).format(ctx) == "000.1.2.3/3/107.1/2026"


# -- parse errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "number"),
    [
        (PEMDA, "000.8.3.3/15"),
        (PEMDA, "000.8.3.3/lima/OR"),
        (PEMDA, "Umum/15/OR"),
        (PEMDA, "000.8.3.3/15/OR/2026"),
        (KELURAHAN, "470/1/KL/XIII/2026"),
        (KELURAHAN, "470/1/KL/IIII/2026"),
        (KELURAHAN, "470/1/KL/viii/2026"),
        (KEMENTERIAN, "R-99/IJ/KP.07.6/13/2020"),
        (KEMENTERIAN, "R-99/IJ/KP.07.6/4/2020"),
        (KEMENTERIAN, "X-99/IJ/KP.07.6/04/2020"),
        (SURAT_TUGAS, "000.1.2.3/4461/107.1/25"),
        ("{seq}/{bulan2}/{bulan_romawi}", "1/04/V"),
    ],
)
def test_parse_no_match(pattern: str, number: str) -> None:
    with pytest.raises(NumberingError) as excinfo:
        parse_pattern(pattern).parse(number)
    assert _code(excinfo) == "no_match"
    assert pattern in str(excinfo.value)


def test_two_month_tokens_that_agree() -> None:
    assert parse_pattern("{seq}/{bulan2}/{bulan_romawi}").parse("1/04/IV").bulan == 4


# -- round trips -------------------------------------------------------------------------------

_kka = st.from_regex(KKA_CODE_REGEX, fullmatch=True)
_code_text = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.]{0,11}", fullmatch=True)


@given(
    pattern_text=st.sampled_from(PRACTICE_PATTERNS),
    seq=st.integers(min_value=1, max_value=10**7),
    tanggal=st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
    kka=_kka,
    unit=_code_text,
    derajat=st.sampled_from(tnde.numbering.DERAJAT_CODES),
    jenis=st.from_regex(r"[A-Z]{1,4}", fullmatch=True),
    jabatan=_code_text,
)
def test_round_trip(
    pattern_text: str,
    seq: int,
    tanggal: date,
    kka: str,
    unit: str,
    derajat: str,
    jenis: str,
    jabatan: str,
) -> None:
    pattern = parse_pattern(pattern_text)
    ctx = NumberContext(seq, tanggal, kka, unit, derajat, jenis, jabatan)
    parsed = pattern.parse(pattern.format(ctx))
    used = set(pattern.tokens)
    assert parsed.seq == seq
    for name in ("kka", "unit", "derajat", "jenis", "jabatan"):
        assert getattr(parsed, name) == (getattr(ctx, name) if name in used else None)
    assert parsed.tahun == (tanggal.year if "tahun" in used else None)
    has_month = bool(used & {"bulan2", "bulan_romawi"})
    assert parsed.bulan == (tanggal.month if has_month else None)


# -- arahan numbers ----------------------------------------------------------------------------


def test_format_arahan_number() -> None:
    assert format_arahan_number(23, 2020) == "23 TAHUN 2020"
    assert "NOMOR " + format_arahan_number(1, 2026) == "NOMOR 1 TAHUN 2026"


@pytest.mark.parametrize(("seq", "year"), [(0, 2020), (-1, 2020), (5, 999), (5, 10000)])
def test_format_arahan_number_errors(seq: int, year: int) -> None:
    with pytest.raises(NumberingError) as excinfo:
        format_arahan_number(seq, year)
    assert _code(excinfo) == "bad_value"


# -- series ------------------------------------------------------------------------------------

_CTX = SeriesContext(tanggal=date(2026, 7, 1), unit="OR", jenis="ND", derajat="B")


@pytest.mark.parametrize(
    ("policy", "key"),
    [
        (SeriesPolicy(), "unit=OR|year=2026"),
        (SeriesPolicy(per_jenis=True), "unit=OR|jenis=ND|year=2026"),
        (SeriesPolicy(per_jenis=True, per_derajat=True), "unit=OR|jenis=ND|derajat=B|year=2026"),
        (SeriesPolicy(reset="never"), "unit=OR"),
        (SeriesPolicy(per_unit=False), "year=2026"),
        (SeriesPolicy(reset="never", per_unit=False), "all"),
    ],
)
def test_series_key(policy: SeriesPolicy, key: str) -> None:
    assert series_key(policy, _CTX) == key


def test_series_restarts_each_year() -> None:
    next_year = SeriesContext(tanggal=date(2027, 1, 2), unit="OR")
    assert series_key(SeriesPolicy(), _CTX) != series_key(SeriesPolicy(), next_year)
    never = SeriesPolicy(reset="never")
    assert series_key(never, _CTX) == series_key(never, next_year)


def test_series_key_escapes_separators() -> None:
    ctx = SeriesContext(tanggal=date(2026, 1, 1), unit="A|jenis=B%")
    assert series_key(SeriesPolicy(), ctx) == "unit=A%7Cjenis%3DB%25|year=2026"


@given(st.text(min_size=1), st.text(min_size=1))
def test_series_keys_of_different_units_differ(a: str, b: str) -> None:
    ka = series_key(SeriesPolicy(), SeriesContext(date(2026, 1, 1), unit=a))
    kb = series_key(SeriesPolicy(), SeriesContext(date(2026, 1, 1), unit=b))
    assert (ka == kb) == (a == b)


@pytest.mark.parametrize(
    "policy", [SeriesPolicy(), SeriesPolicy(per_unit=False, per_jenis=True)], ids=["unit", "jenis"]
)
def test_series_key_missing_value(policy: SeriesPolicy) -> None:
    with pytest.raises(NumberingError) as excinfo:
        series_key(policy, SeriesContext(tanggal=date(2026, 1, 1)))
    assert _code(excinfo) == "missing_value"


def test_bad_policy() -> None:
    with pytest.raises(NumberingError) as excinfo:
        SeriesPolicy(reset="monthly")  # type: ignore[arg-type]
    assert _code(excinfo) == "bad_policy"


def test_next_in_series() -> None:
    assert next_in_series(None) == 1
    assert next_in_series(0) == 1
    assert next_in_series(41) == 42
    with pytest.raises(NumberingError) as excinfo:
        next_in_series(-1)
    assert _code(excinfo) == "bad_value"


def test_public_api() -> None:
    for name in tnde.numbering.__all__:
        assert hasattr(tnde.numbering, name), name
