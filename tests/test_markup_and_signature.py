"""Body markup parsing and the signature block's delegation lines."""

from __future__ import annotations

import pytest

from tnde.formatting import signature_lines
from tnde.render.markup import TextBlock, inline, parse
from tnde.templates.values import Delegation, Person, Signer


def test_paragraphs_and_nested_lists() -> None:
    text = """Pembuka yang
berlanjut di baris kedua.

Mohon Saudara:
1. butir satu;
2. butir dua
   yang panjang;
   a. rincian a;
   b) rincian b;
3. butir tiga.

Demikian."""
    assert parse(text) == [
        TextBlock("Pembuka yang berlanjut di baris kedua."),
        TextBlock("Mohon Saudara:"),
        TextBlock("butir satu;", "1.", 0),
        TextBlock("butir dua yang panjang;", "2.", 0),
        TextBlock("rincian a;", "a.", 1),
        TextBlock("rincian b;", "b)", 1),
        TextBlock("butir tiga.", "3.", 0),
        TextBlock("Demikian."),
    ]


def test_inline_escapes_and_emphasis() -> None:
    assert inline("A & B <c>") == "A &amp; B &lt;c&gt;"
    assert inline("**tebal** dan *miring*") == "<b>tebal</b> dan <i>miring</i>"
    assert inline("2 * 3 * 4") == "2 * 3 * 4"


def test_plain_numbers_are_not_list_items() -> None:
    assert parse("Tahun 2026. Selesai.") == [TextBlock("Tahun 2026. Selesai.")]


def signer(jabatan: str, delegasi: Delegation | None = None) -> Signer:
    return Signer(Person(nama="Budi", jabatan=jabatan), delegasi)


@pytest.mark.parametrize(
    ("value", "case", "expected"),
    [
        (
            signer("Kepala Dinas Komunikasi dan Informatika"),
            "upper",
            ["KEPALA DINAS KOMUNIKASI DAN INFORMATIKA,"],
        ),
        (
            signer("Sekretaris Daerah", Delegation("a.n.", atas_nama="Gubernur Nusantara Raya")),
            "upper",
            ["a.n. GUBERNUR NUSANTARA RAYA", "SEKRETARIS DAERAH,"],
        ),
        (
            signer(
                "Asisten Administrasi",
                Delegation("u.b.", atas_nama="Bupati Kudus", jabatan_antara="Sekretaris Daerah"),
            ),
            "upper",
            ["a.n. BUPATI KUDUS", "SEKRETARIS DAERAH", "u.b.", "ASISTEN ADMINISTRASI,"],
        ),
        (
            signer("Kepala Bagian Umum", Delegation("Plh.", dasar="800/12/2026")),
            "upper",
            ["Plh. KEPALA BAGIAN UMUM,"],
        ),
        (signer("Bupati Sukamaju", Delegation("Pj.")), "upper", ["Pj. BUPATI SUKAMAJU,"]),
        (
            signer("kepala badan", Delegation("a.n.", atas_nama="menteri dalam negeri")),
            "title",
            ["a.n. Menteri Dalam Negeri", "Kepala Badan,"],
        ),
        (signer("Kepala Dinas,"), "upper", ["KEPALA DINAS,"]),
        (
            signer(
                "Sekretaris Daerah",
                Delegation("a.n.", atas_nama="Bupati Kudus", pelaksana="Plh."),
            ),
            "upper",
            ["a.n. BUPATI KUDUS", "Plh. SEKRETARIS DAERAH,"],
        ),
    ],
)
def test_signature_lines(value: Signer, case: str, expected: list[str]) -> None:
    assert signature_lines(value, case) == expected
