"""Hostile letters the verifier used to accept: each must now get the verdict its class calls
for, with a reason naming what is wrong.

The classes and their generators are in :mod:`tests.verify.hostile`. Every class is tried on
several genuine bases (B-LT and B-LTA, one signer and two, certified or not), and the
counter-cases beside them (metadata refreshed as a second signer signs, CRLs issued after the
signature) must stay VALID, so a verifier that rejects too much fails here as well. Each
attacked file must still open as a PDF (pypdf, ``qpdf --check``): an attack that breaks the
file would prove nothing. The files are made once per module: signing is the slow part.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from pypdf import PdfReader

from tests.conftest import require_tool
from tests.verify import hostile
from tests.verify import sigfixtures as fx
from tests.verify.attacks import byte_ranges
from tests.verify.conftest import verify
from tnde.verify import Verdict

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from tests.verify.conftest import Corpus


class Bases:
    """The genuine letters the attacks start from, each made once (on first use)."""

    def __init__(self, corpus: Corpus) -> None:
        self.pki = corpus.pki
        self.unsigned = corpus.unsigned
        self.blt = corpus.blt
        self.blta = corpus.levels["B-LTA"]
        self.bt = corpus.levels["B-T"]
        self.two = corpus.two_signers
        self.certified_half = corpus.half_signed
        """Certified by Kepala (B-LT); the Sekretaris field is still empty."""

    @cached_property
    def approval_half(self) -> bytes:
        """Approved (not certified) by Kepala at B-LT; the Sekretaris field still empty."""
        return fx.sign(self.pki, fx.letter_pdf(), self.pki.kepala, level="B-LT")

    @cached_property
    def xmp_blt(self) -> bytes:
        return fx.sign(
            self.pki, hostile.xmp_letter(fields=("Kepala",)), self.pki.kepala, level="B-LT"
        )

    @cached_property
    def xmp_blta(self) -> bytes:
        return fx.sign(
            self.pki, hostile.xmp_letter(fields=("Kepala",)), self.pki.kepala, level="B-LTA"
        )

    @cached_property
    def xmp_two(self) -> bytes:
        """Certified, then countersigned: pyHanko rewrites /Info and the XMP each time."""
        certified = fx.sign(
            self.pki, hostile.xmp_letter(), self.pki.kepala, level="B-LT", certify=True
        )
        return self.countersign(certified)

    @cached_property
    def wrong(self) -> hostile.WrongSigners:
        return hostile.wrong_signers(self.pki)

    def countersign(self, half: bytes) -> bytes:
        return fx.sign(self.pki, half, self.pki.sekretaris, field_name="Sekretaris", level="B-LT")

    def bt_with_crls(self, *, stale: tuple[str, ...]) -> bytes:
        """The B-T letter plus a DSS whose CRLs of the CAs named in ``stale`` (``root``,
        ``issuing``) were issued two hours before its signature timestamp, the others just
        after it; all of them are current (nextUpdate a week later)."""
        signed_at = hostile.signature_time(self.bt)
        after = hostile.second_after(signed_at)
        crls = [
            hostile.crl(
                getattr(self.pki, ca),
                issued=signed_at - dt.timedelta(hours=2) if ca in stale else after,
                next_update=signed_at + dt.timedelta(days=7),
            )
            for ca in ("root", "issuing")
        ]
        return hostile.add_dss_with(self.pki, self.bt, crls)


@dataclass(frozen=True)
class Case:
    make: Callable[[Bases], bytes]
    verdict: Verdict
    reason: str
    """A piece of the expected file-level reason; empty for VALID."""
    zip_inside: bool = False
    """The ZIP archive lies raw in the file: ``python -m zipfile -l`` must list it."""


INVALID, INDETERMINATE, VALID = Verdict.INVALID, Verdict.INDETERMINATE, Verdict.VALID
TEXT, ZIP = hostile.HIDDEN_TEXT, hostile.zip_archive()
rewrite = hostile.rewrite_metadata


def _metadata(reason: str = "metadata") -> dict[str, Case]:
    def case(make: Callable[[Bases], bytes]) -> Case:
        return Case(make, INVALID, reason)

    return {
        "metadata: /Info rewritten, B-LT": case(lambda b: rewrite(b.blt)),
        "metadata: XMP rewritten, B-LT": case(lambda b: rewrite(b.xmp_blt, info=False, xmp=True)),
        "metadata: /Info and XMP rewritten, B-LT": case(lambda b: rewrite(b.xmp_blt, xmp=True)),
        "metadata: /Info rewritten after the document timestamp, B-LTA": case(
            lambda b: rewrite(b.blta)
        ),
        "metadata: XMP rewritten after the document timestamp, B-LTA": case(
            lambda b: rewrite(b.xmp_blta, info=False, xmp=True)
        ),
        "metadata: /Info and XMP rewritten, then a document timestamp, B-LTA": case(
            lambda b: fx.timestamp_document(b.pki, rewrite(b.xmp_blta, xmp=True))
        ),
        "metadata: /Info rewritten, then the first document timestamp": case(
            lambda b: fx.timestamp_document(b.pki, rewrite(b.blt))
        ),
        "metadata: /Info rewritten after two signers (certified)": case(lambda b: rewrite(b.two)),
        "metadata: /Info and XMP rewritten after two signers (certified, XMP)": case(
            lambda b: rewrite(b.xmp_two, xmp=True)
        ),
        "metadata: /ModDate refreshed as the second signer signs (certified)": Case(
            lambda b: hostile.countersign_touching_info(b.pki, b.certified_half), VALID, ""
        ),
        "metadata: /Info and XMP refreshed by the second signature (XMP)": Case(
            lambda b: b.xmp_two, VALID, ""
        ),
    }


def _unsigned_bytes(reason: str = "byte") -> dict[str, Case]:
    after = hostile.unsigned_bytes
    payloads: dict[str, tuple[Callable[[bytes], bytes], bool]] = {
        "text": (lambda _: TEXT, False),
        "unlisted objects": (hostile.orphan_objects, False),
        "a whole PDF": (lambda _: hostile.second_pdf(), False),
        "a ZIP archive": (lambda _: ZIP, True),
    }
    # After the last revision: each payload on one base, the ZIP on two.
    at_end = [
        ("text", "B-LT", "blt"),
        ("unlisted objects", "B-LTA", "blta"),
        ("a whole PDF", "two signers", "two"),
        ("a ZIP archive", "B-LT", "blt"),
        ("a ZIP archive", "B-LTA", "blta"),
    ]
    cases: dict[str, Case] = {}
    for what, label, base in at_end:
        payload, is_zip = payloads[what]
        cases[f"bytes: {what} after the last revision, {label}"] = Case(
            lambda b, p=payload, n=base: after(getattr(b, n), p(getattr(b, n))),
            INVALID,
            reason,
            is_zip,
        )
    # Between the signers: the second signature covers the bytes, which is still refused.
    for what, (payload, is_zip) in payloads.items():
        cases[f"bytes: {what} between two signers (certified)"] = Case(
            lambda b, p=payload: b.countersign(after(b.certified_half, p(b.certified_half))),
            INVALID,
            reason,
            is_zip,
        )
    cases["bytes: a ZIP archive between two signers (not certified)"] = Case(
        lambda b: b.countersign(after(b.approval_half, ZIP)), INVALID, reason, True
    )
    orphan = hostile.listed_orphan
    cases["object: a ZIP archive in a listed, unreferenced stream, B-LT"] = Case(
        lambda b: orphan(b.blt, ZIP), INVALID, "objek", True
    )
    cases["object: text in a listed, unreferenced stream, B-LTA"] = Case(
        lambda b: orphan(b.blta, TEXT), INVALID, "objek"
    )
    cases["object: a ZIP archive in a listed stream between two signers (not certified)"] = Case(
        lambda b: b.countersign(orphan(b.approval_half, ZIP)), INVALID, "objek", True
    )
    return cases


def _certificates(reason: str = "menandatangani dokumen") -> dict[str, Case]:
    variants = [
        *(
            (who, certify)
            for who in ("tls_server", "tls_client", "ca")
            for certify in (False, True)
        ),
        ("tls_server_nr", False),
        ("tls_client_nr", True),
        ("signing_ca", False),
        ("signing_ca", True),
    ]
    cases = {}
    for who, certify in variants:
        kind = "certified" if certify else "approval"
        cases[f"certificate: {who} signs ({kind}), B-LT"] = Case(
            lambda b, w=who, c=certify: hostile.sign_as(
                b.pki, b.unsigned, getattr(b.wrong, w), certify=c
            ),
            INVALID,
            reason,
        )
    # The control: the same signing path with an official's certificate is VALID, so the
    # certificate's purpose is the only thing wrong above.
    cases["certificate: the official signs the same way (certified), B-LT"] = Case(
        lambda b: hostile.sign_as(b.pki, b.unsigned, b.pki.kepala, certify=True), VALID, ""
    )
    cases["certificate: tls_client_nr countersigns a certified letter, B-LT"] = Case(
        lambda b: hostile.sign_as(
            b.pki, b.certified_half, b.wrong.tls_client_nr, certify=False, field_name="Sekretaris"
        ),
        INVALID,
        reason,
    )
    return cases


def _padding(reason: str = "padding") -> dict[str, Case]:
    hide = hostile.hide_in_padding
    return {
        "padding: text in the signature, B-LT": Case(lambda b: hide(b.blt, TEXT), INVALID, reason),
        "padding: ZIP in the signature, B-LT": Case(lambda b: hide(b.blt, ZIP), INVALID, reason),
        "padding: text in the signature, then a document timestamp": Case(
            lambda b: fx.timestamp_document(b.pki, hide(b.blt, TEXT)), INVALID, reason
        ),
        "padding: text in the first of two signatures (certified)": Case(
            lambda b: b.countersign(hide(b.certified_half, TEXT)), INVALID, reason
        ),
        "padding: ZIP in the first of two signatures (not certified)": Case(
            lambda b: b.countersign(hide(b.approval_half, ZIP)), INVALID, reason
        ),
        "padding: ZIP in the second of two signatures": Case(
            lambda b: hide(b.two, ZIP, index=1), INVALID, reason
        ),
        "padding: text in the document timestamp, B-LTA": Case(
            lambda b: hide(b.blta, TEXT, index=1), INVALID, reason
        ),
        "padding: ZIP in the document timestamp, B-LTA": Case(
            lambda b: hide(b.blta, ZIP, index=1), INVALID, reason
        ),
    }


def _dss(reason: str = "DSS") -> dict[str, Case]:
    return {
        "DSS: VRI entry holding a ZIP, B-LT": Case(
            lambda b: hostile.dss_vri_stream(b.blt, ZIP), INVALID, reason
        ),
        "DSS: VRI entry holding a ZIP, B-LTA": Case(
            lambda b: hostile.dss_vri_stream(b.blta, ZIP), INVALID, reason
        ),
        "DSS: VRI dictionary with an unknown key, B-LT": Case(
            lambda b: hostile.dss_vri_unknown_key(b.blt), INVALID, reason
        ),
        "DSS: VRI dictionary with an unknown key, two signers": Case(
            lambda b: hostile.dss_vri_unknown_key(b.two), INVALID, reason
        ),
        "DSS: text in /Certs, B-LT": Case(
            lambda b: hostile.dss_cert_not_certificate(b.blt, TEXT), INVALID, reason
        ),
        "DSS: ZIP in /Certs, two signers": Case(
            lambda b: hostile.dss_cert_not_certificate(b.two, ZIP), INVALID, reason
        ),
        "DSS: unknown key, B-LT": Case(
            lambda b: hostile.dss_unknown_key(b.blt, ZIP), INVALID, reason
        ),
        "DSS: unknown key, B-LTA": Case(
            lambda b: hostile.dss_unknown_key(b.blta, TEXT), INVALID, reason
        ),
    }


def _revocation(reason: str = "sebelum") -> dict[str, Case]:
    return {
        "revocation: issuing CA's CRL issued before the signature timestamp": Case(
            lambda b: b.bt_with_crls(stale=("issuing",)), INDETERMINATE, reason
        ),
        "revocation: both CRLs issued before the signature timestamp": Case(
            lambda b: b.bt_with_crls(stale=("root", "issuing")), INDETERMINATE, reason
        ),
        "revocation: both CRLs issued after the signature timestamp": Case(
            lambda b: b.bt_with_crls(stale=()), VALID, ""
        ),
    }


CASES: dict[str, Case] = {
    **_metadata(),
    **_unsigned_bytes(),
    **_certificates(),
    **_padding(),
    **_dss(),
    **_revocation(),
}


@pytest.fixture(scope="module")
def bases(corpus: Corpus) -> Bases:
    return Bases(corpus)


@pytest.fixture(scope="module")
def made(bases: Bases) -> dict[str, bytes]:
    return {name: case.make(bases) for name, case in CASES.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_verdict_and_reason(name: str, made: dict[str, bytes], bases: Bases) -> None:
    case = CASES[name]
    report = verify(made[name], bases.pki)
    assert report.verdict is case.verdict, report.reasons
    if case.verdict is VALID:
        assert report.reasons == ()
        return
    assert any(case.reason in r for r in report.reasons), report.reasons


@pytest.mark.parametrize("name", list(CASES))
def test_the_file_still_opens(name: str, made: dict[str, bytes], tmp_path: Path) -> None:
    """The attack is realistic: ordinary readers open the file without complaint (qpdf exit
    code 3 means warnings only)."""
    reader = PdfReader(io.BytesIO(made[name]))
    assert len(reader.pages) == 1
    assert "/AcroForm" in reader.trailer["/Root"]
    path = tmp_path / "serangan.pdf"
    path.write_bytes(made[name])
    proc = subprocess.run(
        [require_tool("qpdf"), "--check", str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode in (0, 3), proc.stdout + proc.stderr


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.zip_inside])
def test_the_zip_polyglot_lists_its_payload(
    name: str, made: dict[str, bytes], tmp_path: Path
) -> None:
    path = tmp_path / "poliglot.pdf"
    path.write_bytes(made[name])
    proc = subprocess.run(
        [sys.executable, "-m", "zipfile", "-l", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert hostile.ZIP_MEMBER in proc.stdout


@pytest.mark.parametrize("name", ["xmp_blt", "xmp_blta", "xmp_two"])
def test_the_genuine_xmp_letters_are_valid(name: str, bases: Bases) -> None:
    """The bases themselves: every pyHanko revision rewrites /Info and the XMP (new ModDate
    and Producer), and that alone must not count as a metadata attack."""
    report = verify(getattr(bases, name), bases.pki)
    assert report.verdict is VALID, report.reasons


def test_readers_show_the_forged_metadata(made: dict[str, bytes]) -> None:
    info = PdfReader(io.BytesIO(made["metadata: /Info rewritten, B-LT"]))
    assert info.metadata is not None
    assert info.metadata.title == hostile.FORGED_TITLE
    xmp = PdfReader(io.BytesIO(made["metadata: XMP rewritten, B-LT"])).xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": hostile.FORGED_TITLE}
    assert xmp.pdf_keywords == hostile.FORGED_KEYWORDS


def test_the_counter_case_changes_info_in_the_signed_revision(
    made: dict[str, bytes], bases: Bases
) -> None:
    """The VALID counter-case really rewrites /Info in the second signature's own revision."""
    data = made["metadata: /ModDate refreshed as the second signer signs (certified)"]
    info = PdfReader(io.BytesIO(data)).trailer.raw_get("/Info").idnum
    _, _, start, length = byte_ranges(data)[1]
    second = data[len(bases.certified_half) : start + length]
    redefined = re.search(rb"(?:^|\n)%d 0 obj\s*<<(.*?)>>\s*endobj" % info, second, re.DOTALL)
    assert redefined is not None
    assert b"/ModDate" in redefined.group(1)


@pytest.mark.parametrize(
    ("name", "index", "payload"),
    [
        ("padding: text in the signature, B-LT", 0, TEXT),
        ("padding: ZIP in the first of two signatures (not certified)", 0, ZIP),
        ("padding: ZIP in the document timestamp, B-LTA", 1, ZIP),
    ],
)
def test_the_payload_sits_in_the_padding(
    name: str, index: int, payload: bytes, made: dict[str, bytes]
) -> None:
    assert hostile.padding_of(made[name], index=index).startswith(payload)


def test_the_wrong_signers_are_what_they_claim(bases: Bases) -> None:
    def eku(party: fx.Party) -> list[x509.ObjectIdentifier] | None:
        try:
            found = party.cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
        except x509.ExtensionNotFound:
            return None
        return list(found.value)

    def usage(party: fx.Party) -> tuple[bool, bool, bool, bool]:
        ku = party.cert.extensions.get_extension_for_class(x509.KeyUsage).value
        return (ku.digital_signature, ku.content_commitment, ku.key_encipherment, ku.key_cert_sign)

    def is_ca(party: fx.Party) -> bool:
        return party.cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca

    server, client = [ExtendedKeyUsageOID.SERVER_AUTH], [ExtendedKeyUsageOID.CLIENT_AUTH]
    w = bases.wrong
    found = {name: (eku(party), usage(party), is_ca(party)) for name, party in vars(w).items()}
    assert found == {
        "tls_server": (server, (True, False, True, False), False),
        "tls_client": (client, (True, False, True, False), False),
        "ca": (None, (False, False, False, True), True),
        "tls_server_nr": (server, (True, True, True, False), False),
        "tls_client_nr": (client, (True, True, False, False), False),
        "signing_ca": (None, (True, True, False, True), True),
    }
    assert w.tls_server.cert.subject.rfc4514_string().startswith("CN=www.example.test")


def test_the_stale_crls_are_what_they_claim(made: dict[str, bytes], bases: Bases) -> None:
    signed_at = hostile.signature_time(bases.bt)
    issued = {}
    for name in (
        "revocation: both CRLs issued before the signature timestamp",
        "revocation: both CRLs issued after the signature timestamp",
    ):
        dss = PdfReader(io.BytesIO(made[name])).trailer["/Root"]["/DSS"]
        crls = [x509.load_der_x509_crl(ref.get_object().get_data()) for ref in dss["/CRLs"]]
        issued[name] = {c.last_update_utc - signed_at.replace(microsecond=0) for c in crls}
    assert issued["revocation: both CRLs issued before the signature timestamp"] == {
        -dt.timedelta(hours=2)
    }
    (after,) = issued["revocation: both CRLs issued after the signature timestamp"]
    assert dt.timedelta(0) < after <= dt.timedelta(seconds=1)
