"""Rules about signature blocks: jabatan lines, delegation forms and the signer's identity."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from tnde.errors import ValidationError
from tnde.formatting import from_roman, signature_lines, validate_golongan, validate_nip
from tnde.lint.model import Rule, Severity, rule
from tnde.lint.text import quote, same_jabatan

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

    from tnde.lint.context import LintContext
    from tnde.lint.model import Hit
    from tnde.templates.values import Signer

# Delegation forms typed by hand into jabatan text, with every spelling seen in the wild.
_TYPED_AN_RE = re.compile(
    r"(?<![\w.])(?:a\s*\.\s*n\b\.?|an\.|a\s*/\s*n\b|atas\s+nama\b)|^an(?=\s)", re.IGNORECASE
)
_TYPED_UB_RE = re.compile(
    r"(?<![\w.])(?:u\s*\.\s*b\b\.?|ub\.|u\s*/\s*b\b|untuk\s+beliau\b)|^ub(?=\s)", re.IGNORECASE
)
_TYPED_ACTING_RE = re.compile(r"^(?:plt|plh|pj)\b\.?", re.IGNORECASE)
_ACTING_FORMS = ("Plt.", "Plh.", "Pj.")

#: Pangkat of each PNS golongan/ruang (PP 99/2000, Lampiran I).
PANGKAT_BY_GOLONGAN: dict[str, str] = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I", "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata", "III/d": "Penata Tingkat I", "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}  # fmt: skip
_GOLONGAN_IN_TEXT_RE = re.compile(r"\(?\b(?:IV|III|II|I)\s*/\s*[a-e]\b\)?", re.IGNORECASE)
_NIP_PROBLEMS = {
    "nip_digits": "hanya boleh berisi angka",
    "nip_length": "harus 18 digit",
    "nip_birth_date": "digit 1-8 bukan tanggal lahir yang sah",
    "nip_tmt": "digit 9-14 bukan bulan dan tahun TMT yang sah",
    "nip_sex": "digit ke-15 harus 1 atau 2",
}


def _jabatan_sources(signer: Signer) -> list[tuple[str, str]]:
    """``(field suffix, typed text)`` behind each line of :func:`signature_lines`."""
    d = signer.delegasi
    own = ("jabatan", signer.person.jabatan)
    if d is None or d.bentuk in _ACTING_FORMS:
        return [own]
    if d.bentuk == "a.n.":
        return [("delegasi.atas_nama", d.atas_nama), own]
    return [
        ("delegasi.atas_nama", d.atas_nama),
        ("delegasi.jabatan_antara", d.jabatan_antara),
        ("", "u.b."),
        own,
    ]


@rule(
    "TND002",
    Severity.ERROR,
    "Baris jabatan penanda tangan tidak diakhiri koma",
    "Perka ANRI 5/2021 dan Permendagri 1/2023: nama jabatan pada kaki naskah diakhiri tanda "
    "baca koma, tanpa tanda baca lain.",
)
def jabatan_comma(ctx: LintContext) -> Iterator[Hit]:
    """The computed jabatan lines: the last ends in a lone comma, none in other punctuation."""

    for name, signer in ctx.signers():
        lines = signature_lines(signer, ctx.profile.style.jabatan_case)
        sources = _jabatan_sources(signer)
        for i, (line, (suffix, _)) in enumerate(zip(lines, sources, strict=False)):
            last = i == len(lines) - 1
            body = line[:-1] if last and line.endswith(",") else line
            if last and not line.endswith(","):
                yield f"{name}.{suffix}", f"Baris jabatan {quote(line)} tidak diakhiri koma."
            elif suffix and body.endswith((".", ";", ":", ",", "-", "\u2013")):
                where = "terakhir " if last else ""
                yield (
                    f"{name}.{suffix}",
                    (
                        f"Baris jabatan {where}dicetak {quote(line)}: hapus "
                        f'tanda baca "{body[-1]}" di akhir jabatan.'
                    ),
                )


@rule(
    "TND003",
    Severity.ERROR,
    "Bentuk delegasi diketik di dalam teks jabatan",
    "Perka ANRI 5/2021: a.n. dan u.b. ditulis huruf kecil bertitik; delegasi diisi pada "
    "delegasi.bentuk agar susunan baris dan dasar penunjukannya tercatat.",
)
def typed_delegation(ctx: LintContext) -> Iterator[Hit]:
    """``A.N.``, ``a/n``, ``atas nama``, ``U.B.``, ``Plt.``… typed into jabatan text."""
    for name, signer in ctx.signers():
        for suffix, text in _jabatan_sources(signer):
            if not suffix:
                continue
            for pattern, form in ((_TYPED_AN_RE, "a.n."), (_TYPED_UB_RE, "u.b.")):
                match = pattern.search(text)
                if match:
                    typed = match.group().strip()
                    how = "" if typed == form else f' dan ejaannya salah (dicetak "{form}")'
                    yield (
                        f"{name}.{suffix}",
                        (
                            f'Teks {quote(text)} memuat "{typed}"{how}; hapus dari teks dan '
                            f'pilih delegasi.bentuk = "{form}" dengan jabatan yang diwakili.'
                        ),
                    )
            match = _TYPED_ACTING_RE.match(text)
            if match:
                yield (
                    f"{name}.{suffix}",
                    (
                        f'Teks {quote(text)} diawali "{match.group()}"; hapus dari teks dan pilih '
                        "delegasi.bentuk (Plt., Plh. atau Pj.) beserta dasar penunjukannya."
                    ),
                )


@rule(
    "TND011",
    Severity.WARNING,
    "NIP tidak masuk akal",
    "Perka BKN 22/2007: NIP memuat tanggal lahir (digit 1-8) dan TMT pengangkatan (digit "
    "9-14); PP 11/2017 Pasal 23: CPNS diangkat paling rendah berusia 18 tahun.",
)
def nip_dates(ctx: LintContext) -> Iterator[Hit]:
    """NIPs whose appointment is before age 18 or in the future; malformed NIPs in tables."""
    for path, person in ctx.people():
        if person.nip:
            for problem in _nip_date_problems(person.nip, ctx.today):
                yield f"{path}.nip", f"NIP pada {quote(person.nama)}: {problem}"
    for spec, rows in ctx.filled("table"):
        if not any(c.name == "nip" for c in spec.columns):
            continue
        for i, row in enumerate(rows):
            nip, nama = row.get("nip", ""), row.get("nama", "") or f"baris {i + 1}"
            if not nip:
                continue
            try:
                nip = validate_nip(nip)
            except ValidationError as exc:
                problem = _NIP_PROBLEMS.get(exc.code, "tidak sah")
                yield f"{spec.name}[{i}].nip", f"NIP pada {quote(nama)} {problem}."
                continue
            for problem in _nip_date_problems(nip, ctx.today):
                yield f"{spec.name}[{i}].nip", f"NIP pada {quote(nama)}: {problem}"


def _nip_date_problems(nip: str, today: dt.date) -> list[str]:
    born = (int(nip[0:4]), int(nip[4:6]))
    tmt = (int(nip[8:12]), int(nip[12:14]))
    shown = f"{tmt[1]:02d}/{tmt[0]}"
    problems = []
    if tmt < (born[0] + 18, born[1]):
        problems.append(
            f"TMT {shown} (digit 9-14) jatuh sebelum usia 18 tahun menurut tanggal "
            "lahir (digit 1-8); periksa kembali NIP."
        )
    if tmt > (today.year, today.month):
        problems.append(f"TMT {shown} (digit 9-14) masih di masa depan; periksa kembali NIP.")
    return problems


@rule(
    "TND012",
    Severity.WARNING,
    "Identitas kepegawaian penanda tangan tidak lengkap",
    "Permendagri 1/2023: kaki naskah pejabat ASN memuat nama, pangkat (golongan) dan NIP; "
    "golongan tanpa pangkat tidak tercetak.",
)
def signer_identity(ctx: LintContext) -> Iterator[Hit]:
    """A signer with a pangkat but no NIP, or a PNS golongan without its pangkat."""
    for name, signer in ctx.signers():
        p = signer.person
        if p.pangkat and not p.nip:
            yield (
                f"{name}.nip",
                (
                    f"{quote(p.nama)} berpangkat {quote(p.pangkat)} tetapi NIP "
                    "kosong; pejabat ASN mencantumkan NIP di bawah nama."
                ),
            )
        if p.golongan and not p.pangkat:
            golongan = _pns_golongan(p.golongan)
            if golongan:
                yield (
                    f"{name}.pangkat",
                    (
                        f"{quote(p.nama)} bergolongan {golongan} tanpa pangkat, sehingga golongan "
                        f'tidak tercetak; isi pangkat "{PANGKAT_BY_GOLONGAN[golongan]}".'
                    ),
                )


@rule(
    "TND025",
    Severity.WARNING,
    "Pangkat dan golongan tidak sesuai",
    "PP 99/2000: tiap golongan ruang PNS berpasangan dengan satu pangkat (IV/c Pembina Utama "
    'Muda); kaki naskah mencetak "Pangkat (golongan)".',
)
def pangkat_golongan(ctx: LintContext) -> Iterator[Hit]:
    """Pangkat not matching the golongan, a golongan typed into the pangkat, a bad golongan."""
    for path, p in ctx.people():
        if _GOLONGAN_IN_TEXT_RE.search(p.pangkat):
            yield (
                f"{path}.pangkat",
                (
                    f"Pangkat {quote(p.pangkat)} memuat golongan; tulis "
                    "golongan pada isian golongan saja."
                ),
            )
            continue
        if not p.golongan:
            continue
        golongan = _pns_golongan(p.golongan)
        if golongan is None:
            if not _pppk_golongan(p.golongan):
                yield (
                    f"{path}.golongan",
                    (
                        f"Golongan {quote(p.golongan)} tidak dikenal; tulis "
                        "seperti III/a atau IV/c (PPPK: I sampai XVII)."
                    ),
                )
            continue
        expected = PANGKAT_BY_GOLONGAN[golongan]
        typed = _fold_pangkat(p.pangkat)
        if typed in _KNOWN_PANGKAT and typed != _fold_pangkat(expected):
            yield (
                f"{path}.pangkat",
                (
                    f"Pangkat {quote(p.pangkat)} tidak sesuai golongan "
                    f"{golongan}; pangkat golongan {golongan} adalah "
                    f'"{expected}".'
                ),
            )


def _pns_golongan(text: str) -> str | None:
    try:
        return validate_golongan(text)
    except ValidationError:
        return None


def _pppk_golongan(text: str) -> bool:
    try:
        return 1 <= from_roman(text.strip().upper()) <= 17
    except ValidationError:
        return False


def _fold_pangkat(text: str) -> str:
    words = re.sub(r"[.,]", " ", text.casefold()).split()
    words = ["tingkat" if w in ("tk", "tkt") else "i" if w == "1" else w for w in words]
    return " ".join(words)


_KNOWN_PANGKAT = frozenset(_fold_pangkat(v) for v in PANGKAT_BY_GOLONGAN.values())


@rule(
    "TND019",
    Severity.WARNING,
    "Plt./Plh./Pj. tanpa dasar penunjukan",
    "UU 30/2014 Pasal 14 dan SE Kepala BKN 1/SE/I/2021: Plt./Plh. bertindak berdasarkan "
    "surat perintah; nomornya dicatat agar kewenangan dapat diperiksa.",
)
def acting_basis(ctx: LintContext) -> Iterator[Hit]:
    """A Plt./Plh./Pj. signature without the decree it rests on."""
    for name, signer in ctx.signers():
        d = signer.delegasi
        if d is not None and d.bentuk in _ACTING_FORMS and not d.dasar:
            yield (
                f"{name}.delegasi.dasar",
                (
                    f"{d.bentuk} {signer.person.jabatan} ditandatangani tanpa dasar penunjukan; "
                    "isi delegasi.dasar dengan nomor surat perintah/keputusan."
                ),
            )


def _delegation_chain(signer: Signer) -> list[tuple[str, str]]:
    """An a.n./u.b. signer's chain from the mandator down, as (field, jabatan) pairs."""
    d = signer.delegasi
    assert d is not None  # the rules call it for a.n./u.b. signers only
    chain = [("delegasi.atas_nama", d.atas_nama)]
    if d.bentuk == "u.b.":
        chain.append(("delegasi.jabatan_antara", d.jabatan_antara))
    chain.append(("jabatan", signer.person.jabatan))
    return chain


@rule(
    "TND020",
    Severity.ERROR,
    "Delegasi atas nama jabatan sendiri",
    "Perka ANRI 5/2021: a.n. melimpahkan wewenang dari atasan kepada pejabat satu tingkat "
    "di bawahnya, dan u.b. satu tingkat lagi; jabatannya tidak boleh sama.",
)
def delegation_chain(ctx: LintContext) -> Iterator[Hit]:
    """a.n./u.b. whose chain names the same jabatan twice."""
    for name, signer in ctx.signers():
        d = signer.delegasi
        if d is None or d.bentuk not in ("a.n.", "u.b."):
            continue
        chain = _delegation_chain(signer)
        for i, (suffix, text) in enumerate(chain):
            for _, earlier in chain[:i]:
                if text and same_jabatan(text, earlier):
                    yield (
                        f"{name}.{suffix}",
                        (
                            f"Jabatan {quote(text)} muncul dua kali dalam rantai {d.bentuk}; "
                            f"{d.bentuk} menandatangani atas nama jabatan atasan, bukan jabatan "
                            "sendiri. Hapus delegasi atau perbaiki jabatannya."
                        ),
                    )
                    break


#: Levels of the regional hierarchy, recognised from the jabatan's name (1 is the head of
#: the region). The first pattern that matches decides.
_LEVELS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), level)
    for pattern, level in (
        (r"^(?:wakil\s+)?(?:gubernur|bupati|wali\s*kota|walikota)\b", 1),
        (r"^sekretaris\s+daerah\b", 2),
        (r"^kepala\s+(?:sub\s*bagian|subbagian|seksi|sub\s*bidang|subbidang)\b", 5),
        (r"^(?:kepala\s+(?:bidang|bagian|upt|unit)|sekretaris\b|inspektur\s+pembantu)", 4),
        (
            r"^(?:kepala\s+(?:dinas|badan|kantor|satuan|pelaksana)|inspektur\b|asisten\b|staf\s+ahli)",
            3,
        ),
    )
)


def jabatan_level(jabatan: str) -> int | None:
    """The level of ``jabatan`` in a region's hierarchy (1 = kepala daerah), if known."""
    text = " ".join(jabatan.replace(",", " ").split())
    return next((level for pattern, level in _LEVELS if pattern.match(text)), None)


def _allowed_gap(mandator_level: int) -> int:
    """How many levels below its mandator an a.n. signer may stand.

    a.n. passes authority one level down; under a kepala daerah the heads of perangkat
    daerah also sign a.n. for their own field, so there the gap may be two.
    """
    return 2 if mandator_level == 1 else 1


@rule(
    "TND026",
    Severity.WARNING,
    "Delegasi a.n. melompati jenjang jabatan",
    "Perka ANRI 5/2021 dan Permendagri 1/2023: a.n. dilimpahkan kepada pejabat satu tingkat "
    "di bawah pejabat yang berwenang (di bawah kepala daerah juga kepala perangkat daerah); "
    "pejabat yang lebih rendah menandatangani u.b. melalui pejabat antara.",
)
def delegation_skips_levels(ctx: LintContext) -> Iterator[Hit]:
    """An a.n. signer (or u.b. step) standing more levels below the mandator than allowed."""
    for name, signer in ctx.signers():
        d = signer.delegasi
        if d is None or d.bentuk not in ("a.n.", "u.b."):
            continue
        chain = _delegation_chain(signer)
        for (_, upper), (suffix, lower) in itertools.pairwise(chain):
            top, below = jabatan_level(upper or ""), jabatan_level(lower or "")
            if top is None or below is None or below - top <= _allowed_gap(top):
                continue
            yield (
                f"{name}.{suffix}",
                (
                    f"{quote(lower)} berada {below - top} jenjang di bawah {quote(upper)}; "
                    f"{d.bentuk} hanya dilimpahkan satu jenjang ke bawah. Gunakan u.b. melalui "
                    "pejabat antara, atau penandatangan yang setingkat di bawahnya."
                ),
            )


RULES: tuple[Rule, ...] = (
    jabatan_comma,
    typed_delegation,
    nip_dates,
    signer_identity,
    pangkat_golongan,
    acting_basis,
    delegation_chain,
    delegation_skips_levels,
)
"""The rules of this module."""
