"""The byte-level checks on their own: ByteRange shape, the gap, revision ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.verify.attacks import byte_ranges
from tnde.verify.structure import (
    byte_range_problems,
    contents_padding_problems,
    ends_at_revision,
    file_end_problems,
    revision_end_before,
)

if TYPE_CHECKING:
    from tests.verify.conftest import Corpus

HEX = b"30030201010000"  # a complete DER SEQUENCE, then zero padding
OBJ = b"7 0 obj\n<< /Type /Sig /Contents "
TAIL = b" /ByteRange [0 0 0 0] >>\nendobj\nxref\nstartxref\n12\n%%EOF\n"


def _file(gap: bytes = b"<" + HEX + b">") -> tuple[bytes, int, int]:
    data = OBJ + gap + TAIL
    return data, len(OBJ), len(OBJ) + len(gap)


def test_a_well_formed_range_passes() -> None:
    data, a, b = _file()
    assert byte_range_problems(data, [0, a, b, len(data) - b], bytes.fromhex(HEX.decode()), 0) == []


@pytest.mark.parametrize(
    ("contents", "expected"),
    [
        ("3003020101", None),
        ("300302010100000000", None),
        ("3003020101000050004b0304", "padding /Contents"),  # a ZIP header in the padding
        ("30030201010000ff", "padding /Contents"),
        ("3080020101" + "0000" + "0000", None),  # BER, indefinite length, then padding
        ("ffff", "tidak diawali struktur CMS"),
        ("", "tidak diawali struktur CMS"),
    ],
)
def test_contents_after_the_cms_must_be_zero_padding(contents: str, expected: str | None) -> None:
    problems = contents_padding_problems(bytes.fromhex(contents))
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1
        assert expected in problems[0]


@pytest.mark.parametrize(
    ("byte_range", "expected"),
    [
        ([0, 10, 20], "bukan empat bilangan bulat"),
        ([0, 10, 20, 30, 40], "bukan empat bilangan bulat"),
        ([0, 10.5, 20, 30], "bukan empat bilangan bulat"),
        ([0, True, 20, 30], "bukan empat bilangan bulat"),
        ([0, -1, 20, 30], "negatif"),
        ([5, 10, 20, 30], "tidak dimulai dari byte 0"),
        ([0, 10, 20, 10_000], "ke luar berkas"),
        ([0, 30, 20, 5], "bertumpang tindih"),
    ],
)
def test_malformed_ranges_are_named(byte_range: list[object], expected: str) -> None:
    data, _, _ = _file()
    problems = byte_range_problems(data, byte_range, b"", 0)
    assert any(expected in p for p in problems), problems


def test_the_gap_must_be_exactly_this_signatures_contents() -> None:
    data, a, b = _file(b"<" + HEX + b"> 9 0 obj ()>")
    problems = byte_range_problems(data, [0, a, b, len(data) - b], b"", 0)
    assert any("signature wrapping" in p for p in problems)
    data, a, b = _file()
    other = byte_range_problems(data, [0, a, b, len(data) - b], b"\x30\x82", 0)
    assert any("bukan nilai /Contents" in p for p in other)


def test_the_gap_must_sit_on_the_contents_key_of_its_own_object() -> None:
    data, a, b = _file()
    contents = bytes.fromhex(HEX.decode())
    assert any(
        "kunci /Contents" in p
        for p in byte_range_problems(data, [0, a, b, len(data) - b], contents, 3)
    )
    assert any(
        "object stream" in p
        for p in byte_range_problems(data, [0, a, b, len(data) - b], contents, None)
    )


def test_the_signed_range_must_end_at_a_revision_end() -> None:
    data, a, b = _file()
    contents = bytes.fromhex(HEX.decode())
    problems = byte_range_problems(data, [0, a, b, len(data) - b - 3], contents, 0)
    assert any("batas revisi" in p for p in problems)


def test_revision_ends_and_trailing_bytes(corpus: Corpus) -> None:
    data = corpus.blt
    assert revision_end_before(data, len(data)) is not None
    for _, _a, b, c in byte_ranges(data):
        assert ends_at_revision(data, b + c)
    last = revision_end_before(data, len(data))
    assert last is not None
    assert file_end_problems(data, last) == []
    assert file_end_problems(data + b"\n%garbage\n", last) != []
    assert file_end_problems(data, last + 1) != []
    assert not ends_at_revision(data, 0)
    assert not ends_at_revision(data, len(data) + 1)
