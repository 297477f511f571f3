"""The two speed-ups behave exactly like the library code they replace."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tnde.verify import speedups


def _original_hex_reader() -> Any:
    speedups.install()
    return speedups.ORIGINALS["read_hex_string_from_stream"]


CASES = [
    b"<>",
    b"<3082>",
    b"<30 82\n0a\r\tFF>",
    b"<abc>",
    b"<" + b"0" * 70_000 + b"41>",
    b"<3082> trailing",
]


@pytest.mark.parametrize("raw", CASES, ids=range(len(CASES)))
def test_hex_strings_read_the_same_and_leave_the_stream_at_the_same_place(raw: bytes) -> None:
    original = _original_hex_reader()
    ours, theirs = io.BytesIO(raw), io.BytesIO(raw)
    got = speedups.read_hex_string(ours)
    expected = original(theirs)
    assert got.original_bytes == expected.original_bytes
    assert type(got) is type(expected)
    assert ours.tell() == theirs.tell()


@pytest.mark.parametrize("raw", [b"<30x2>", b"<3082", b"<30<>"])
def test_bad_hex_strings_fail_as_in_the_library(raw: bytes) -> None:
    from pyhanko.pdf_utils.misc import PdfReadError

    original = _original_hex_reader()
    with pytest.raises(PdfReadError):
        original(io.BytesIO(raw))
    with pytest.raises(PdfReadError):
        speedups.read_hex_string(io.BytesIO(raw))


def test_install_patches_once_and_string_prep_is_unchanged() -> None:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils import generic

    speedups.install()
    speedups.install()
    assert generic.read_hex_string_from_stream is speedups.read_hex_string
    name = asn1_x509.Name.build({"common_name": "  Dr. Budi  SANTOSO ", "country_name": "ID"})
    other = asn1_x509.Name.build({"common_name": "dr. budi santoso", "country_name": "id"})
    assert name == other  # RFC 4518 preparation: case and inner spaces folded
    assert name != asn1_x509.Name.build({"common_name": "Siti", "country_name": "ID"})
    prep = speedups.ORIGINALS["_ldap_string_prep"]
    for text in ("  Dr. Budi  SANTOSO ", "Siti Rahmawati", "ÉLÈVE  ﬁ", ""):
        patched = asn1_x509.NameTypeAndValue._ldap_string_prep(None, text)
        assert patched == prep(None, text)
