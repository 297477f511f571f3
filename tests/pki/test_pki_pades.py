"""pyHanko signs with a DEMO ``.p12`` at PAdES B-LT, fetching TSA, OCSP and CRL over loopback
HTTP, and the result validates offline from the embedded revocation data alone."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from asn1crypto import ocsp as asn1_ocsp

from tests.pkifixtures import KABID_IKP, KADIS, small_pdf
from tnde.pki import DEMO_PASSPHRASE

if TYPE_CHECKING:
    from tnde.pki import DemoPki, PkiServer


def _sign(pki: DemoPki, server: PkiServer, nip: str) -> bytes:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.timestamps import HTTPTimeStamper
    from pyhanko_certvalidator import ValidationContext

    root = load_cert_from_pemder(str(pki.folder / "root.pem"))
    signer = signers.SimpleSigner.load_pkcs12(str(pki.p12_path(nip)), passphrase=DEMO_PASSPHRASE)
    assert signer is not None
    # hard-fail: signing stops unless OCSP and CRLs really came back over HTTP.
    vc = ValidationContext(trust_roots=[root], allow_fetching=True, revocation_mode="hard-fail")
    meta = signers.PdfSignatureMetadata(
        field_name="Kepala",
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        embed_validation_info=True,
        validation_context=vc,
    )
    pdf_signer = signers.PdfSigner(meta, signer, timestamper=HTTPTimeStamper(server.tsa_url))
    out = pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(small_pdf())))
    return bytes(out.getvalue())


def test_b_lt_signature_validates_offline_from_embedded_revocation_data(
    demo_pki_session: DemoPki, pki_server: PkiServer
) -> None:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko_certvalidator import ValidationContext

    pki = demo_pki_session
    signed = _sign(pki, pki_server, KADIS)
    reader = PdfFileReader(io.BytesIO(signed))
    dss = DocumentSecurityStore.read_dss(reader)
    # OCSP for the signer and for the TSA certificate, the root's CRL for the issuing CA.
    assert len(dss.ocsps) >= 2
    assert len(dss.crls) >= 1
    responses = [asn1_ocsp.OCSPResponse.load(o.get_object().data) for o in dss.ocsps]
    responders = {
        r.basic_ocsp_response["certs"][0].subject.native["common_name"] for r in responses
    }
    assert responders == {"TNDE DEMO OCSP Responder"}

    root = load_cert_from_pemder(str(pki.folder / "root.pem"))
    sig = reader.embedded_signatures[0]
    offline = dss.as_validation_context(
        {"trust_roots": [root], "allow_fetching": False, "revocation_mode": "hard-fail"}
    )
    status = validate_pdf_signature(sig, offline)
    assert status.bottom_line, status.pretty_print_details()
    assert status.trusted
    assert not status.revoked
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.trusted
    assert (
        "TNDE DEMO Timestamp Authority"
        in status.timestamp_validity.signing_cert.subject.human_friendly
    )
    assert status.signing_cert.serial_number == pki.certificate_of(KADIS).serial_number

    # The same check without the embedded revocation data cannot reach a verdict: the DSS is
    # what made it pass, and the DSS came from our responders over HTTP.
    bare = ValidationContext(
        trust_roots=[root], allow_fetching=False, revocation_mode="hard-fail", crls=[], ocsps=[]
    )
    assert not validate_pdf_signature(sig, bare).trusted


def test_pyhanko_refuses_to_sign_with_a_revoked_certificate(
    demo_pki: DemoPki, pki_server: PkiServer
) -> None:
    from pyhanko.sign.general import SigningError

    demo_pki.revoke(KABID_IKP, reason="keyCompromise")
    with pytest.raises(SigningError) as caught:
        _sign(demo_pki, pki_server, KABID_IKP)
    assert "revoked" in repr(caught.value.__cause__)


def test_the_session_pki_answers_again_after_a_test_copy(
    demo_pki_session: DemoPki, pki_server: PkiServer
) -> None:
    """The copy a previous test revoked in is no longer served: the session PKI is."""
    assert pki_server.pki is demo_pki_session
    signed = _sign(demo_pki_session, pki_server, KABID_IKP)
    assert signed.startswith(b"%PDF")
