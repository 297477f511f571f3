"""Rules about who a letter goes to: the Yth. addressees, "di" and the tembusan list."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tnde.lint.model import Rule, Severity, rule
from tnde.lint.text import comparable, quote

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tnde.lint.context import LintContext
    from tnde.lint.model import Hit

_LEADING_YTH_RE = re.compile(r"^(?:yth\b\.?|yang\s+terhormat\b|kepada\b)\s*:?\s*", re.IGNORECASE)
_HONORIFIC_RE = re.compile(
    r"^(?:bapak|ibu|bpk\.?|sdr\.?|sdri\.?|saudara|saudari|tuan|nyonya)(?=\s|$)", re.IGNORECASE
)
_TITLE_RE = re.compile(r"^(?:(?:prof|dr|drs|dra|drg|drh|ir|h|hj|kh)\.\s*)+(?=\w)", re.IGNORECASE)
# ", S.Kom.", ", M.T.", ", Ph.D.", ", A.Md.": two or more dotted chunks after a comma.
_DEGREE_RE = re.compile(r",\s*(?:[A-Z][a-z]{0,3}\.){2,}(?=\s|,|$)")
_NIP_RE = re.compile(r"(?<!\d)\d{8}\s?\d{6}\s?\d\s?\d{3}(?!\d)")
_ARSIP_RE = re.compile(r"^(?:arsip|pertinggal)\b", re.IGNORECASE)
_KEPALA_DAERAH_RE = re.compile(
    r"^(?:(?:plt|plh|pj)\.?\s+)?(?:wakil\s+)?(?:gubernur|bupati|wali\s*kota)\b", re.IGNORECASE
)


@rule(
    "TND004",
    Severity.WARNING,
    "Yth. ditujukan kepada orang, bukan jabatan",
    "Perka ANRI 5/2021 dan Permendagri 1/2023: naskah dinas ditujukan kepada nama jabatan, "
    "tanpa sapaan, gelar, nama pribadi atau NIP; kata Yth. sudah dicetak.",
)
def yth_person(ctx: LintContext) -> Iterator[Hit]:
    """Addressees written as people (Bapak …, Dr. …, …, S.Kom., a NIP) or with a second Yth."""
    person_allowed = ctx.profile.style.yth_person_allowed
    for name in ctx.addressee_fields():
        for i, item in enumerate(ctx.items(name)):
            where = ctx.item_path(name, i)
            reasons = []
            lead = _LEADING_YTH_RE.match(item)
            if lead:
                reasons.append(f"diawali {quote(lead.group().strip())} yang sudah dicetak templat")
            rest = item[lead.end() :] if lead else item
            if not person_allowed:
                reasons += _person_reasons(rest)
            if reasons:
                advice = (
                    'tulis nama jabatan penerima, mis. "Kepala Dinas ..."'
                    if len(reasons) > 1 or not lead
                    else "hapus kata itu"
                )
                yield where, f"Yth. {quote(item)} {'; '.join(reasons)}; {advice}."


def _person_reasons(text: str) -> list[str]:
    reasons = []
    if m := _HONORIFIC_RE.match(text):
        reasons.append(f"memakai sapaan {quote(m.group())}")
    if m := _TITLE_RE.match(text):
        reasons.append(f"memakai gelar {quote(m.group().strip())} di depan nama")
    if m := _DEGREE_RE.search(text):
        reasons.append(f"memakai gelar akademik {quote(m.group().lstrip(', '))}")
    if _NIP_RE.search(text):
        reasons.append("memuat NIP")
    if reasons:
        reasons[0] = "ditujukan kepada orang: " + reasons[0]
    return reasons


@rule(
    "TND006",
    Severity.WARNING,
    'Tembusan memakai "Yth."',
    'Perka ANRI 5/2021: tembusan berisi nama jabatan tanpa "Yth."; profil kantor dapat '
    'mengizinkan "Tembusan Yth.:" sesuai peraturan kepala daerah.',
)
def tembusan_yth(ctx: LintContext) -> Iterator[Hit]:
    """ "Yth." in tembusan items or label when the profile forbids it, or printed twice."""
    style = ctx.profile.style
    label_has_yth = "yth" in style.tembusan_label.casefold()
    for name in ctx.tembusan_fields():
        items = ctx.items(name)
        if items and label_has_yth and not style.tembusan_yth_allowed:
            yield (
                name,
                (
                    f'Label tembusan profil {quote(style.tembusan_label)} memuat "Yth.", '
                    f"padahal profil {ctx.profile.id} tidak mengizinkannya; ubah "
                    'tembusan_label menjadi "Tembusan:".'
                ),
            )
        for i, item in enumerate(items):
            if not re.match(r"yth\b", item, re.IGNORECASE):
                continue
            if label_has_yth:
                why = f'"Yth." tercetak dua kali karena label sudah {quote(style.tembusan_label)}'
            elif not style.tembusan_yth_allowed:
                why = 'tembusan ditulis tanpa "Yth."'
            else:
                continue
            yield ctx.item_path(name, i), f'Tembusan {quote(item)}: {why}; hapus "Yth.".'


@rule(
    "TND007",
    Severity.WARNING,
    '"Arsip" dicantumkan sebagai tembusan',
    "Perka ANRI 5/2021: tembusan hanya untuk pejabat yang perlu mengetahui; pertinggal "
    "arsip tidak dicantumkan (TNDE menyimpan arsipnya sendiri).",
)
def tembusan_arsip(ctx: LintContext) -> Iterator[Hit]:
    """An "Arsip"/"Pertinggal" entry in the tembusan list."""
    for name in ctx.tembusan_fields():
        for i, item in enumerate(ctx.items(name)):
            if _ARSIP_RE.match(_LEADING_YTH_RE.sub("", item)):
                yield (
                    ctx.item_path(name, i),
                    (
                        f"Tembusan {quote(item)} bukan penerima; hapus butir "
                        "arsip/pertinggal dari daftar tembusan."
                    ),
                )


@rule(
    "TND008",
    Severity.INFO,
    'Tembusan kepada kepala daerah tanpa "(sebagai laporan)"',
    "Praktik TND pemda: tembusan kepada atasan (Gubernur, Bupati, Wali Kota) diberi "
    'keterangan "(sebagai laporan)".',
)
def tembusan_laporan(ctx: LintContext) -> Iterator[Hit]:
    """Gubernur/Bupati/Wali Kota (or their deputies) in the tembusan without the remark."""
    for name in ctx.tembusan_fields():
        for i, item in enumerate(ctx.items(name)):
            if (
                _KEPALA_DAERAH_RE.match(_LEADING_YTH_RE.sub("", item))
                and "sebagai laporan" not in item.casefold()
            ):
                yield (
                    ctx.item_path(name, i),
                    (
                        f"Tembusan {quote(item)} ditujukan kepada kepala daerah; "
                        'bila atasan, tambahkan "(sebagai laporan)".'
                    ),
                )


@rule(
    "TND023",
    Severity.WARNING,
    "Penerima tembusan juga menjadi tujuan",
    "Perka ANRI 5/2021: tembusan untuk pihak lain yang perlu mengetahui; tujuan sudah "
    "menerima naskah aslinya.",
)
def tembusan_is_tujuan(ctx: LintContext) -> Iterator[Hit]:
    """A tembusan entry that repeats an addressee."""
    addressees = {
        comparable(_LEADING_YTH_RE.sub("", t))
        for name in ctx.addressee_fields()
        for t in ctx.items(name)
    }
    for name in ctx.tembusan_fields():
        for i, item in enumerate(ctx.items(name)):
            if comparable(_LEADING_YTH_RE.sub("", item)) in addressees:
                yield (
                    ctx.item_path(name, i),
                    (
                        f"Tembusan {quote(item)} sudah tercantum sebagai tujuan "
                        "(Yth.); hapus dari tembusan."
                    ),
                )


@rule(
    "TND024",
    Severity.WARNING,
    'Isian "di" tercetak ganda',
    'Permendagri 1/2023 (praktik pemda): alamat tujuan ditulis "di -" lalu nama tempat, '
    'atau "di Tempat"; kata "di" sudah dicetak templat.',
)
def di_doubled(ctx: LintContext) -> Iterator[Hit]:
    """A "di" field that repeats the word "di" or holds only a dash."""
    for name in ctx.di_fields():
        value = ctx.values.get(name)
        if not isinstance(value, str):
            continue
        text = value.strip()
        if re.match(r"di(?:\s|$)", text, re.IGNORECASE):
            yield (
                name,
                (
                    f'Isian di {quote(text)} diawali "di" yang sudah dicetak templat; '
                    'tulis nama tempatnya saja, mis. "Tempat".'
                ),
            )
        elif text in ("-", "\u2013", "\u2014"):
            yield (
                name,
                (
                    "Isian di hanya berisi tanda pisah, padahal tanda pisah sudah dicetak; "
                    'tulis nama tempatnya, mis. "Tempat".'
                ),
            )


RULES: tuple[Rule, ...] = (
    yth_person,
    tembusan_yth,
    tembusan_arsip,
    tembusan_laporan,
    tembusan_is_tujuan,
    di_doubled,
)
"""The rules of this module."""
