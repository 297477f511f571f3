"""Genuine letters: what is reported about them, and the level-dependent verdict policy."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from tests.verify import sigfixtures as fx
from tests.verify.conftest import verify
from tnde.verify import Verdict

if TYPE_CHECKING:
    from tests.verify.conftest import Corpus


@pytest.mark.parametrize("level", ["B-LT", "B-LTA"])
def test_long_term_signatures_are_valid_offline(corpus: Corpus, level: str) -> None:
    report = verify(corpus.levels[level], corpus.pki)
    assert report.verdict is Verdict.VALID, report.reasons
    assert report.reasons == ()
    sig = report.signatures[0]
    assert (sig.verdict, sig.pades_level, sig.revocation) == (Verdict.VALID, level, "good")
    assert sig.revocation_source == "DSS"
    assert sig.modification_level == "LTA_UPDATES"
    assert sig.coverage == "ENTIRE_REVISION"
    if level == "B-LTA":
        # A document timestamp after the DSS: the AdES engine proves it on its own.
        assert sig.ades == "PASSED/OK"
        stamps = [s for s in report.signatures if s.kind == "document_timestamp"]
        assert len(stamps) == 1
        assert stamps[0].verdict is Verdict.VALID
        assert stamps[0].timestamp is not None
        assert stamps[0].timestamp.trusted
    else:
        assert sig.ades is None  # no evidence record: the point-in-time check decides


@pytest.mark.parametrize("level", ["B-B", "B-T"])
def test_without_revocation_data_the_verdict_is_indeterminate(corpus: Corpus, level: str) -> None:
    """Policy (tnde.verify.engine): an offline auditor cannot know whether a B-B or B-T
    signer's certificate was revoked, so the signature cannot be VALID."""
    report = verify(corpus.levels[level], corpus.pki)
    assert report.verdict is Verdict.INDETERMINATE
    sig = report.signatures[0]
    assert (sig.verdict, sig.pades_level, sig.revocation) == (
        Verdict.INDETERMINATE,
        level,
        "unknown",
    )
    assert sig.revocation_source is None
    assert any("tidak ada data status pencabutan" in r for r in sig.reasons)
    assert sig.coverage == "ENTIRE_FILE"
    assert sig.modification_level == "NONE"


def test_what_is_reported_about_a_signer(corpus: Corpus) -> None:
    report = verify(corpus.levels["B-T"], corpus.pki)
    sig = report.signatures[0]
    assert sig.field == "Kepala"
    assert sig.kind == "signature"
    assert sig.subfilter == "ETSI.CAdES.detached"
    who = sig.signer
    assert who is not None
    assert who.nama == "Dr. Budi Santoso, S.Kom., M.T. (DEMO)"
    assert (who.nik, who.nip, who.jabatan) == (
        "3201010101800001",
        "198001012005011001",
        "Kepala Dinas",
    )
    assert who.issuer_cn == "DEMO Uji Issuing CA"
    assert who.is_demo
    assert sig.chain[0].startswith("Dr. Budi Santoso")
    assert sig.chain[-1].startswith("DEMO Uji Root CA")
    assert sig.trust_anchor == sig.chain[-1]
    assert sig.timestamp is not None
    assert sig.timestamp.trusted
    assert sig.timestamp.tsa.startswith("DEMO Uji Timestamp Authority")
    assert sig.claimed_time is not None
    assert abs(sig.timestamp.time - sig.claimed_time) < dt.timedelta(minutes=5)
    assert sig.page == 1
    assert sig.revision == 2  # reportlab, the pre-created field, the signature
    assert sig.signed_end == len(corpus.levels["B-T"])
    assert report.revisions == 3
    assert report.certification_level is None
    assert report.sha256
    assert report.size == len(corpus.levels["B-T"])


def test_two_signers_certify_then_approve_into_precreated_fields(corpus: Corpus) -> None:
    report = verify(corpus.two_signers, corpus.pki)
    assert report.verdict is Verdict.VALID, report.reasons
    first, second = report.signatures
    assert (first.field, second.field) == ("Kepala", "Sekretaris")
    assert first.certification == 2
    assert second.certification is None
    assert report.certification_level == 2
    assert first.modification_level == "FORM_FILLING"
    assert second.modification_level == "LTA_UPDATES"
    assert any("tanda tangan pada kolom 'Sekretaris'" in c for c in first.changes)
    assert all("DSS" in c for c in second.changes)
    assert second.signer is not None
    assert second.signer.jabatan == "Sekretaris"
    assert first.signed_end < second.signed_end < len(corpus.two_signers)


def test_an_unfinished_letter_is_indeterminate_while_its_signature_is_valid(
    corpus: Corpus,
) -> None:
    report = verify(corpus.half_signed, corpus.pki)
    assert report.signatures[0].verdict is Verdict.VALID
    assert report.verdict is Verdict.INDETERMINATE
    assert report.unsigned_fields == ("Sekretaris",)
    assert any("'Sekretaris' belum ditandatangani" in r for r in report.reasons)


def test_revoked_after_a_timestamped_signature_stays_valid(pki: fx.TestPki) -> None:
    """The timestamp proves the signature existed before the certificate was revoked."""
    before = pki.revoked_at - dt.timedelta(days=1)
    signed = fx.sign(
        pki, fx.letter_pdf(fields=("Kepala",)), pki.revoked, level="B-T", ts_time=before
    )
    report = verify(fx.add_dss(pki, signed, certs=[pki.revoked]), pki)
    sig = report.signatures[0]
    assert report.verdict is Verdict.VALID, report.reasons
    assert sig.revocation == "good"
    assert sig.pades_level == "B-LT"


def test_expired_certificate_proven_by_a_timestamp_inside_its_validity(pki: fx.TestPki) -> None:
    """Verified 90 days on: the certificate has expired, the timestamp says it had not."""
    signed = fx.sign(pki, fx.letter_pdf(fields=("Kepala",)), pki.short, level="B-LT")
    report = verify(signed, pki, now=fx.NOW + dt.timedelta(days=90))
    assert report.verdict is Verdict.VALID, report.reasons
    assert any("cap waktu tepercaya membuktikan" in n for n in report.signatures[0].notes)


def test_b_lt_after_the_tsa_certificate_expired_needs_b_lta(corpus: Corpus) -> None:
    """Three years on the TSA's own certificate has expired: only a document timestamp
    chain (B-LTA, renewed in time) could still prove the signing time."""
    report = verify(corpus.blt, corpus.pki, now=fx.NOW + dt.timedelta(days=3 * 365))
    assert report.verdict is Verdict.INDETERMINATE
    assert any("TSA yang tidak dipercaya" in r for r in report.signatures[0].reasons)
