"""Rules about the body text: the opening salutation and the closing paragraph."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tnde.lint.model import Rule, Severity, rule
from tnde.lint.text import paragraphs, quote

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tnde.lint.context import LintContext
    from tnde.lint.model import Hit

_SALUTATION_RE = re.compile(
    r"^(?:dengan\s+hormat|salam\s+sejahtera|assalamu['\u2019]?\s*alaikum)\b[^\n]*", re.IGNORECASE
)
_CLOSING_RE = re.compile(r"\b(?:demikian|atas\s+perhatian|terima\s+kasih)\b", re.IGNORECASE)


def _salutation(ctx: LintContext) -> Iterator[tuple[str, str]]:
    """``(field, opening line)`` if the first filled body field starts with a salutation."""
    names = [n for n in ctx.body_fields() if not ctx.is_empty(n)]
    if names:
        match = _SALUTATION_RE.match(str(ctx.values[names[0]]).strip())
        if match:
            yield names[0], match.group().strip()


@rule(
    "TND017",
    Severity.INFO,
    "Salam pembuka di dalam isi",
    "Perka ANRI 5/2021 dan Permendagri 1/2023: naskah dinas gaya resmi tidak memakai salam "
    'pembuka seperti "Dengan hormat,"; profil kantor ini tidak memakainya.',
)
def salutation_in_body(ctx: LintContext) -> Iterator[Hit]:
    """A body opening with "Dengan hormat" when the office style has no salutation."""
    if ctx.profile.style.salam_pembuka:
        return
    for name, line in _salutation(ctx):
        yield (
            name,
            (
                f"Isi diawali salam {quote(line, 40)}, padahal gaya naskah profil "
                f"{ctx.profile.id} tanpa salam pembuka; mulai langsung dengan alinea "
                "pembuka."
            ),
        )


@rule(
    "TND018",
    Severity.WARNING,
    "Salam pembuka tercetak dua kali",
    "Salam pembuka dicetak dari profil kantor (salam_pembuka); salam yang diketik lagi di "
    "awal isi tercetak ganda.",
)
def salutation_twice(ctx: LintContext) -> Iterator[Hit]:
    """A body opening with a salutation when the profile already prints one."""
    printed = ctx.profile.style.salam_pembuka
    if not printed or not ctx.has_block("salam"):
        return
    for name, line in _salutation(ctx):
        yield (
            name,
            (
                f"Isi diawali salam {quote(line, 40)}, padahal profil sudah mencetak "
                f"{quote(printed)}; hapus salam dari isi."
            ),
        )


@rule(
    "TND022",
    Severity.INFO,
    "Surat tanpa alinea penutup",
    "Perka ANRI 5/2021: batang tubuh surat terdiri atas alinea pembuka, isi dan penutup "
    '("Demikian ...", "Atas perhatian ...").',
)
def closing_paragraph(ctx: LintContext) -> Iterator[Hit]:
    """A letter (a template with a kepala surat) whose body ends without a closing."""
    if not ctx.has_block("kepala_surat"):
        return
    names = [n for n in ctx.body_fields() if not ctx.is_empty(n)]
    if not names:
        return
    paras = paragraphs(str(ctx.values[names[-1]]))
    if paras and not _CLOSING_RE.search(paras[-1]):
        yield (
            names[-1],
            (
                f"Isi berakhir dengan {quote(paras[-1], 50)} tanpa alinea penutup; "
                'tambahkan, mis. "Demikian disampaikan, atas perhatian Saudara '
                'diucapkan terima kasih."'
            ),
        )


RULES: tuple[Rule, ...] = (salutation_in_body, salutation_twice, closing_paragraph)
"""The rules of this module."""
