"""Reasons an auditor can act on: the real cause is named, and no program internals show.

Each file here is wrong in one specific way; the verdict must not be VALID and the reason
must say what is wrong in the auditor's words (not "TypeError", not "0x0x…").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest

from tests.verify import attacks
from tests.verify import sigfixtures as fx
from tests.verify.conftest import verify
from tnde.verify import Verdict

if TYPE_CHECKING:
    from tests.verify.conftest import Corpus

#: What must never reach a reason: exception class names, reprs, doubled hex prefixes.
INTERNALS = re.compile(
    r"\b\w*(?:Error|Exception)\b|Traceback|object at 0x|0x0x|\b[A-Z]\w*\([a-z_]+="
)
NOW = fx.NOW


def _late_signer(pki: fx.TestPki) -> fx.Party:
    """A certificate valid from yesterday only (the TSA has been valid for a month)."""
    return fx._leaf(
        fx.official_name(
            "Rina Baru (DEMO)", nik="3201010606900006", nip="199006062015032006", jabatan="Staf"
        ),
        pki.issuing,
        not_before=NOW - dt.timedelta(days=1),
    )


def _signed_with_timestamp(c: Corpus, party: fx.Party, at: dt.datetime) -> bytes:
    return fx.add_dss(c.pki, fx.sign(c.pki, c.unsigned, party, level="B-T", ts_time=at))


def _zero_byte_range(c: Corpus) -> bytes:
    """The first /ByteRange rewritten in place as [0 0 0 0] (same length)."""
    match = attacks._BYTE_RANGE.search(c.blt)
    assert match is not None
    old = match.group(0)
    new = b"/ByteRange [0 0 0 0]"
    new = new[:-1] + b" " * (len(old) - len(new)) + b"]"
    return c.blt[: match.start()] + new + c.blt[match.end() :]


def _garbage_cms(c: Corpus) -> bytes:
    """The signature's /Contents replaced by bytes that are no CMS (same length)."""
    _, a, b, _ = attacks.byte_ranges(c.blt)[0]
    filler = (b"DEADBEEF" * ((b - a) // 8 + 1))[: b - a - 2]
    return c.blt[: a + 1] + filler + c.blt[b - 1 :]


CASES = {
    "timestamp before the certificate was valid": (
        lambda c: _signed_with_timestamp(c, _late_signer(c.pki), NOW - dt.timedelta(days=10)),
        Verdict.INDETERMINATE,
        "lebih awal dari mulai berlakunya sertifikat",
    ),
    "timestamp dated in the future": (
        lambda c: _signed_with_timestamp(c, c.pki.kepala, NOW + dt.timedelta(days=30)),
        Verdict.INDETERMINATE,
        "bertanggal di masa depan",
    ),
    "a /ByteRange of zeros": (_zero_byte_range, Verdict.INVALID, "rentang kosong"),
    "a /Contents that is no CMS": (_garbage_cms, Verdict.INVALID, "bukan struktur CMS"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_real_cause_is_named(name: str, corpus: Corpus) -> None:
    make, verdict, reason = CASES[name]
    report = verify(make(corpus), corpus.pki, now=NOW + dt.timedelta(minutes=10))
    assert report.verdict is verdict, report.reasons
    assert any(reason in r for r in report.reasons), report.reasons
    leaks = [r for r in report.reasons if INTERNALS.search(r)]
    assert not leaks, leaks


def test_a_file_only_a_lenient_reading_accepts_is_judged_and_says_so(corpus: Corpus) -> None:
    """An original whose first trailer under-counts its objects (pyHanko's strict mode
    refuses it; viewers do not care) is signed, then verified: judged on a lenient reading,
    VALID with the auditor's fresh CRLs, and the report notes the lenient reading."""
    from tnde.verify import verify_pdf

    base = fx.letter_pdf(fields=("Kepala",))
    size = re.search(rb"/Size (\d+)", base)
    assert size is not None
    smaller = str(int(size.group(1)) - 1).encode().rjust(len(size.group(1)))
    sloppy = base[: size.start(1)] + smaller + base[size.end(1) :]
    signed = fx.sign(corpus.pki, sloppy, corpus.pki.kepala, level="B-T", strict=False)
    crls = corpus.pki.crls(
        at=dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(seconds=1)
    )
    report = verify_pdf(signed, trust_roots=[corpus.pki.root.cert], crls=crls)
    assert report.verdict is Verdict.VALID, report.reasons
    assert any("pembacaan longgar" in note for note in report.notes), report.notes
