"""Signing numbered letters in a workspace: real PAdES, checked by independent tools."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
from cryptography.hazmat.primitives import hashes
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from tests.conftest import pdf_text
from tests.demoworkspace import letter_in, p12_of, signer_of
from tests.sigcheck import nss_db, openssl_verify, pdfsig, qpdf_check
from tnde.demo import add_demo_letters
from tnde.errors import SigningError, WorkflowRefused
from tnde.pki.demo import DEMO_PASSPHRASE, DemoPki
from tnde.pki.workspace_demo import demo_folder
from tnde.signing.batch import LetterSignResult, sign_letters
from tnde.signing.context import workspace_services
from tnde.signing.devices import Pkcs12Device
from tnde.signing.pades import Level
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.workspace import Workspace


def sign(
    ws: Workspace,
    letter_ids: list[str],
    nip: str,
    *,
    p12_nip: str | None = None,
    secret: bytes = DEMO_PASSPHRASE,
    level: Level = Level.B_LT,
    tsa_url: str | None = None,
) -> list[LetterSignResult]:
    letters = Letters(ws)
    device = Pkcs12Device(p12_of(ws, p12_nip or nip))
    with workspace_services(ws, tsa_url=tsa_url) as signing:
        return sign_letters(
            letters,
            nip,
            letter_ids,
            device,
            bytearray(secret),
            signing.services,
            level=level,
            issuer_of=signing.issuer_of,
        )


def events(ws: Workspace) -> int:
    return int(ws.thread_connection().execute("SELECT count(*) FROM event").fetchone()[0])


def blobs(ws: Workspace) -> set[str]:
    return {p.name for p in (ws.path / "blobs").rglob("*") if p.is_file()}


def validation_context(ws: Workspace) -> object:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko_certvalidator import ValidationContext

    root = load_cert_from_pemder(str(demo_folder(ws.path) / "root.pem"))
    return ValidationContext(trust_roots=[root], allow_fetching=False, revocation_mode="soft-fail")


def test_a_numbered_letter_is_signed_at_b_lt_and_independent_tools_accept_it(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    (result,) = sign(demo_ws, [letter], nip)
    assert result.ok, result.error
    state = letters.get(letter)
    assert state.status is LetterStatus.DITANDATANGANI
    assert state.final_blob == result.blob
    pdf = tmp_path / "ditandatangani.pdf"
    pdf.write_bytes(demo_ws.blobs.get(result.blob))
    root = demo_folder(demo_ws.path) / "root.pem"

    # poppler/NSS trusting only the DEMO root; then openssl on the extracted CMS; then qpdf
    (found,) = pdfsig(pdf, nss_db(tmp_path / "nss", [root]))
    assert found.field == "TTE-penandatangan"
    assert found.type == "ETSI.CAdES.detached"
    assert found.validation == "Signature is Valid."
    assert found.certificate == "Certificate is Trusted."
    assert openssl_verify(pdf.read_bytes(), root, tmp_path) == []
    qpdf_check(pdf)

    # pyHanko offline: certified, whole revision covered, the DSS (B-LT) only after it
    with pdf.open("rb") as f:
        reader = PdfFileReader(f)
        (embedded,) = reader.embedded_signatures
        status = validate_pdf_signature(embedded, validation_context(demo_ws))
        assert status.bottom_line, status.pretty_print_details()
        assert status.docmdp_ok is True
        assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
        assert "/Perms" in reader.root  # certification (DocMDP)
        dss = reader.root["/DSS"]
        assert len(dss["/Certs"]) >= 3
        assert "/OCSPs" in dss or "/CRLs" in dss

    # the footer names the issuer of the certificate that signed, as the trust store says
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    assert "diterbitkan oleh TNDE DEMO CA (sertifikat uji, bukan PSrE)" in text
    assert state.nomor in text
    # PDF/A-2b identification survives the signature
    assert b"pdfaid:part" in pdf.read_bytes()

    # the event says which certificate signed, at which level, over which base revision
    (signed_event,) = [e for e in letters.history(letter) if e.type == "letter.signed"]
    cert = DemoPki.open(demo_folder(demo_ws.path)).certificate_of(nip)
    assert signed_event.payload["certificate"]["sha256"] == cert.fingerprint(hashes.SHA256()).hex()
    assert signed_event.payload["level"] == "B-LT"
    base = demo_ws.blobs.get(signed_event.payload["base_blob"])
    assert b"/ByteRange" not in base  # the unsigned base revision, kept as it was signed
    assert pdf.read_bytes().startswith(base)  # signing only appended to it


@pytest.mark.parametrize("level", list(Level))
def test_every_level_signs_and_validates(demo_ws: Workspace, level: Level) -> None:
    (letter,) = add_demo_letters(demo_ws, 1)
    letters = Letters(demo_ws)
    (result,) = sign(demo_ws, [letter], signer_of(letters, letter), level=level)
    assert result.ok, result.error
    from io import BytesIO

    reader = PdfFileReader(BytesIO(demo_ws.blobs.get(result.blob)))
    signature = reader.embedded_signatures[0]
    status = validate_pdf_signature(signature, validation_context(demo_ws))
    assert status.bottom_line, status.pretty_print_details()
    assert (status.timestamp_validity is not None) == (level is not Level.B_B)
    assert ("/DSS" in reader.root) == level.embeds_revocation
    doc_timestamps = [
        s for s in reader.embedded_signatures if s.sig_object.get("/Type") == "/DocTimeStamp"
    ]
    assert bool(doc_timestamps) == (level is Level.B_LTA)


def test_a_batch_signs_each_letter_and_reports_the_one_it_may_not_sign(
    demo_ws: Workspace,
) -> None:
    letters = Letters(demo_ws)
    numbered = add_demo_letters(demo_ws, 2)
    not_numbered = letter_in(letters, "siap_tandatangan")
    nip = signer_of(letters, numbered[0])
    before = letters.get(not_numbered)
    results = sign(demo_ws, [numbered[0], not_numbered, numbered[1]], nip)
    assert [r.ok for r in results] == [True, False, True]
    assert isinstance(results[1].error, WorkflowRefused)
    assert letters.get(not_numbered) == before
    assert all(letters.get(i).status is LetterStatus.DITANDATANGANI for i in numbered)


def test_a_wrong_passphrase_changes_nothing(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    before, n_events, stored = letters.get(letter), events(demo_ws), blobs(demo_ws)
    with pytest.raises(SigningError) as caught:
        sign(demo_ws, [letter], signer_of(letters, letter), secret=b"bukan-ini")
    assert caught.value.kind == SigningError.WRONG_SECRET
    assert "frasa sandi salah" in str(caught.value)
    assert letters.get(letter) == before
    assert events(demo_ws) == n_events
    assert blobs(demo_ws) == stored


def test_someone_elses_certificate_is_refused(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    other = next(n for n in DemoPki.open(demo_folder(demo_ws.path)).official_keys() if n != nip)
    with pytest.raises(SigningError) as caught:
        sign(demo_ws, [letter], nip, p12_nip=other)
    assert caught.value.kind == SigningError.IDENTITY_MISMATCH
    assert letters.get(letter).status is LetterStatus.DINOMORI


def test_a_revoked_certificate_is_refused_before_anything_is_signed(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    DemoPki.open(demo_folder(demo_ws.path)).revoke(nip)
    n_events = events(demo_ws)
    with pytest.raises(SigningError) as caught:
        sign(demo_ws, [letter], nip)
    assert caught.value.kind == SigningError.CERT_REVOKED
    assert "dicabut" in str(caught.value)
    assert events(demo_ws) == n_events


def test_an_expired_certificate_is_refused(demo_ws: Workspace) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    from tnde.pki.demo import DemoOfficial
    from tnde.pki.identity import identity_of

    pki = DemoPki.open(demo_folder(demo_ws.path))
    who = identity_of(pki.certificate_of(nip))
    official = DemoOfficial(who.nama, who.nip, who.nik, who.jabatan, who.unit, who.organisasi)
    now = dt.datetime.now(dt.UTC)

    pki.issue(
        official,
        not_before=now - dt.timedelta(days=800),
        not_after=now - dt.timedelta(days=70),
        passphrase=DEMO_PASSPHRASE,
    )
    with pytest.raises(SigningError) as caught:
        sign(demo_ws, [letter], nip)
    assert caught.value.kind == SigningError.CERT_EXPIRED
    assert "kedaluwarsa" in str(caught.value)


def test_an_unreachable_timestamp_service_fails_that_letter_and_keeps_it_as_it_was(
    demo_ws: Workspace,
) -> None:
    from tnde.pki import free_port

    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    before = letters.get(letter)
    (result,) = sign(
        demo_ws,
        [letter],
        signer_of(letters, letter),
        tsa_url=f"http://127.0.0.1:{free_port()}/tsa",
    )
    assert not result.ok
    assert isinstance(result.error, SigningError)
    assert result.error.kind == SigningError.SERVICE
    assert "TSA" in str(result.error)
    assert letters.get(letter) == before


def test_a_filed_letter_has_a_b_lta_archive_copy_and_the_sent_file_is_unchanged(
    demo_ws: Workspace,
) -> None:
    from tnde.pki.identity import load_certificate
    from tnde.verify import Verdict, verify_pdf

    letters = Letters(demo_ws)
    state = letters.get(letter_in(letters, "diarsipkan"))
    assert state.archive_blob
    sent = demo_ws.blobs.get(state.final_blob)
    archived = demo_ws.blobs.get(state.archive_blob)
    assert archived.startswith(sent)  # only appended to: the sent letter is kept as it was
    root = load_certificate((demo_folder(demo_ws.path) / "root.pem").read_bytes())
    report = verify_pdf(archived, trust_roots=[root])
    assert report.verdict is Verdict.VALID, report.reasons
    levels = [s.pades_level for s in report.signatures if s.kind == "signature"]
    assert levels == ["B-LTA"]
    assert any(s.kind == "document_timestamp" for s in report.signatures)


def test_every_letter_of_a_batch_carries_revocation_data_issued_after_its_signature(
    demo_ws: Workspace,
) -> None:
    """The OCSP answer of the first letter must not serve the last: each letter's DSS
    proves its own signing moment, so each verifies VALID with no freshness window."""
    from tnde.pki.identity import load_certificate
    from tnde.verify import Verdict, verify_pdf

    letters = Letters(demo_ws)
    numbered = add_demo_letters(demo_ws, 3)
    results = sign(demo_ws, numbered, signer_of(letters, numbered[0]))
    assert all(r.ok for r in results)
    root = load_certificate((demo_folder(demo_ws.path) / "root.pem").read_bytes())
    for result in results:
        report = verify_pdf(demo_ws.blobs.get(result.blob), trust_roots=[root])
        assert report.verdict is Verdict.VALID, report.reasons
        (signature,) = report.signatures
        timestamp = signature.timestamp
        assert timestamp is not None
        ocsp = [e for e in signature.revocation_evidence if e.startswith("OCSP")]
        assert ocsp, signature.revocation_evidence
        issued = dt.datetime.strptime(ocsp[0].split("diterbitkan ")[1][:19], "%Y-%m-%d %H:%M:%S")
        assert issued.replace(tzinfo=dt.UTC) >= timestamp.time.replace(microsecond=0)
