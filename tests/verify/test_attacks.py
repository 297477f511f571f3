"""The negative corpus: none of it is VALID, each for the right reason.

Every attacked file is made by the test from a genuine B-LT letter (or built wrongly on
purpose), so the corpus is ours and licence-clean. Genuine files are checked alongside, so a
verdict here cannot come from a verifier that simply rejects everything.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from pyhanko.sign.fields import FieldMDPAction, FieldMDPSpec

from tests.verify import attacks
from tests.verify import sigfixtures as fx
from tests.verify.conftest import verify
from tnde.verify import Verdict

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.verify.conftest import Corpus


@dataclass(frozen=True)
class Case:
    make: Callable[[Corpus], bytes]
    verdict: Verdict
    reason: str
    """A piece of the expected reason (file-level reasons include the signatures')."""


def _certify_then_new_field(c: Corpus) -> bytes:
    certified = fx.sign(
        c.pki,
        fx.letter_pdf(fields=()),
        c.pki.kepala,
        level="B-LT",
        certify=True,
        new_field_box=fx.KEPALA_BOX,
    )
    return fx.sign(
        c.pki,
        certified,
        c.pki.sekretaris,
        field_name="Sekretaris",
        level="B-LT",
        new_field_box=fx.SEKRETARIS_BOX,
    )


def _locked_field_signed(c: Corpus) -> bytes:
    lock = FieldMDPSpec(action=FieldMDPAction.INCLUDE, fields=["Sekretaris"])
    locked = fx.sign(
        c.pki,
        fx.letter_pdf(fields=("Sekretaris",)),
        c.pki.kepala,
        level="B-LT",
        certify=True,
        lock=lock,
        new_field_box=fx.KEPALA_BOX,
    )
    return fx.sign(c.pki, locked, c.pki.sekretaris, field_name="Sekretaris", level="B-LT")


def _form_change_under_p1(c: Corpus) -> bytes:
    no_changes = fx.sign(
        c.pki, fx.letter_pdf(fields=("Kepala",)), c.pki.kepala, level="B-LT", certify=True, docmdp=1
    )
    return attacks.shadow_replace(no_changes)


def _locked_value_changed_then_countersigned(c: Corpus) -> bytes:
    """The amount is locked by the first signature; it is changed, then the second signer
    signs the changed letter (covering the change): the lock still makes it INVALID."""
    lock = FieldMDPSpec(action=FieldMDPAction.INCLUDE, fields=["Nominal"])
    locked = fx.sign(
        c.pki,
        fx.letter_pdf(fields=("Sekretaris",)),
        c.pki.kepala,
        level="B-LT",
        certify=True,
        lock=lock,
        new_field_box=fx.KEPALA_BOX,
    )
    changed = attacks.shadow_replace(locked)
    return fx.sign(c.pki, changed, c.pki.sekretaris, field_name="Sekretaris", level="B-LT")


def _timestamped(tsa: str) -> Callable[[Corpus], bytes]:
    def make(c: Corpus) -> bytes:
        signed = fx.sign(c.pki, c.unsigned, c.pki.kepala, level="B-T", tsa=tsa)
        return fx.add_dss(c.pki, signed)

    return make


def _document_timestamp(tsa: str) -> Callable[[Corpus], bytes]:
    def make(c: Corpus) -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign.signers import PdfTimeStamper

        out = io.BytesIO()
        PdfTimeStamper(c.pki.timestamper(tsa=tsa)).timestamp_pdf(
            IncrementalPdfFileWriter(io.BytesIO(c.blt)), "sha256", output=out
        )
        return out.getvalue()

    return make


def _only_document_timestamp(c: Corpus) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers import PdfTimeStamper

    out = io.BytesIO()
    PdfTimeStamper(c.pki.timestamper()).timestamp_pdf(
        IncrementalPdfFileWriter(io.BytesIO(fx.letter_pdf(fields=()))), "sha256", output=out
    )
    return out.getvalue()


INVALID, INDETERMINATE = Verdict.INVALID, Verdict.INDETERMINATE
CASES: dict[str, Case] = {
    "byte flip": Case(lambda c: attacks.byte_flip(c.blt), INVALID, "digest tidak cocok"),
    "incremental saving attack": Case(
        lambda c: attacks.incremental_saving(c.blt), INVALID, "tidak dilindungi tanda tangan"
    ),
    "signature wrapping (gap injection)": Case(
        lambda c: attacks.wrapping(c.blt), INVALID, "kamus tanda tangan rusak"
    ),
    "USF null /Contents": Case(
        lambda c: attacks.usf_null_contents(c.blt), INVALID, "/Contents tanda tangan bukan string"
    ),
    "USF null /ByteRange": Case(
        lambda c: attacks.usf_null_byte_range(c.blt), INVALID, "tidak dapat dibaca"
    ),
    "USF empty /Contents": Case(
        lambda c: attacks.usf_empty_contents(c.blt), INVALID, "kamus tanda tangan rusak"
    ),
    "USF /ByteRange not from 0": Case(
        lambda c: attacks.usf_not_from_zero(c.blt), INVALID, "tidak dimulai dari byte 0"
    ),
    "USF ranges beyond EOF": Case(
        lambda c: attacks.usf_beyond_eof(c.blt), INVALID, "ke luar berkas"
    ),
    "shadow hide (cover removed)": Case(
        lambda c: attacks.shadow_hide(c.blt), INVALID, "tidak dilindungi tanda tangan"
    ),
    "shadow replace (form value changed)": Case(
        lambda c: attacks.shadow_replace(c.blt), INVALID, "tidak dilindungi tanda tangan"
    ),
    "shadow replace under DocMDP P=1": Case(_form_change_under_p1, INVALID, "DocMDP P=1"),
    "locked value changed, then countersigned": Case(
        _locked_value_changed_then_countersigned, INVALID, "kolom 'Nominal' dikunci (FieldMDP)"
    ),
    "new signature field after certification": Case(
        _certify_then_new_field, INVALID, "setelah tanda tangan sertifikasi"
    ),
    "FieldMDP-locked field signed": Case(
        _locked_field_signed, INVALID, "kolom 'Sekretaris' dikunci (FieldMDP)"
    ),
    "trailing garbage": Case(
        lambda c: attacks.trailing_garbage(c.blt), INVALID, "data tambahan setelah %%EOF"
    ),
    "truncated file": Case(lambda c: attacks.truncated(c.blt), INVALID, "tidak dapat dibaca"),
    "rewritten by pypdf": Case(
        lambda c: attacks.rewritten(c.blt), INVALID, "bukan satu string heksadesimal"
    ),
    "not a PDF at all": Case(lambda c: b"Bukan PDF, hanya teks.\n", INVALID, "bukan PDF"),
    "no signatures": Case(
        lambda c: fx.letter_pdf(fields=()), INVALID, "tidak ada tanda tangan elektronik"
    ),
    "empty signature fields only": Case(
        lambda c: fx.letter_pdf(), INVALID, "tidak ada tanda tangan elektronik"
    ),
    "document timestamp only": Case(_only_document_timestamp, INVALID, "hanya cap waktu dokumen"),
    "expired signer, no timestamp": Case(
        lambda c: fx.sign(c.pki, c.unsigned, c.pki.expired, level="B-B"),
        INDETERMINATE,
        "tidak berlaku saat verifikasi",
    ),
    "expired signer, timestamp after expiry": Case(
        lambda c: fx.add_dss(c.pki, fx.sign(c.pki, c.unsigned, c.pki.expired, level="B-T")),
        INDETERMINATE,
        "tidak berlaku pada waktu cap waktu",
    ),
    "revoked signer (embedded CRL)": Case(
        lambda c: fx.add_dss(
            c.pki, fx.sign(c.pki, c.unsigned, c.pki.revoked, level="B-T"), certs=[c.pki.revoked]
        ),
        INVALID,
        "telah dicabut",
    ),
    "revoked signer without timestamp": Case(
        lambda c: fx.add_dss(
            c.pki, fx.sign(c.pki, c.unsigned, c.pki.revoked, level="B-B"), certs=[c.pki.revoked]
        ),
        INVALID,
        "telah dicabut",
    ),
    "timestamp by an untrusted TSA": Case(
        _timestamped("untrusted"), INDETERMINATE, "TSA yang tidak dipercaya"
    ),
    "timestamp without the timeStamping EKU": Case(
        _timestamped("no_eku"), INDETERMINATE, "TSA yang tidak dipercaya"
    ),
    "timestamp over another digest": Case(
        _timestamped("bad_imprint"), INVALID, "cap waktu tanda tangan rusak"
    ),
    "document timestamp by an untrusted TSA": Case(
        _document_timestamp("untrusted"), INDETERMINATE, "cap waktu dokumen dari TSA"
    ),
    "document timestamp over another digest": Case(
        _document_timestamp("bad_imprint"), INVALID, "cap waktu dokumen rusak"
    ),
}


@pytest.fixture(scope="module")
def made(corpus: Corpus) -> dict[str, bytes]:
    return {name: case.make(corpus) for name, case in CASES.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_attacked_file_is_not_valid(name: str, made: dict[str, bytes], corpus: Corpus) -> None:
    case = CASES[name]
    report = verify(made[name], corpus.pki)
    assert report.verdict is case.verdict, report.reasons
    assert report.reasons, "a verdict other than VALID always says why"
    assert any(case.reason in r for r in report.reasons), report.reasons


def test_the_attacks_change_what_a_reader_sees(corpus: Corpus, made: dict[str, bytes]) -> None:
    """The shadow "replace" really changes the value a viewer shows (the attack is real)."""
    assert attacks.field_value(corpus.blt) == fx.AMOUNT
    assert attacks.field_value(made["shadow replace (form value changed)"]) == fx.HIDDEN


def test_changes_are_described_for_the_auditor(corpus: Corpus, made: dict[str, bytes]) -> None:
    isa = verify(made["incremental saving attack"], corpus.pki).signatures[0]
    assert isa.modification_level == "OTHER"
    assert any("isi halaman 1 diubah" in c for c in isa.changes)
    replaced = verify(made["shadow replace (form value changed)"], corpus.pki).signatures[0]
    assert any("nilai kolom 'Nominal' diubah" in c for c in replaced.changes)
    hidden = verify(made["shadow hide (cover removed)"], corpus.pki).signatures[0]
    assert any("objek lain diubah" in c for c in hidden.changes)
    locked = verify(made["FieldMDP-locked field signed"], corpus.pki).signatures[0]
    assert locked.field_lock == "kolom dikunci: Sekretaris"
    assert locked.lock_violations


def test_a_wrong_trust_root_is_indeterminate(corpus: Corpus) -> None:
    report = verify(corpus.blt, corpus.pki, roots=[corpus.pki.other_root.cert])
    assert report.verdict is Verdict.INDETERMINATE
    assert any("tidak berantai ke akar tepercaya" in r for r in report.reasons)


def test_no_trust_roots_at_all_trusts_nothing(corpus: Corpus) -> None:
    """An empty list must not fall back to the operating system's store."""
    from tnde.verify import verify_pdf

    report = verify_pdf(corpus.blt, trust_roots=[])
    assert report.verdict is Verdict.INDETERMINATE
