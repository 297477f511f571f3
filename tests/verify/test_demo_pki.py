"""End to end with the project's DEMO PKI: a letter signed at B-LT over real loopback HTTP
(TSA, OCSP, CRL from tests/pkifixtures.py) verifies offline, with the network forbidden.

pyHanko's own B-LT flow fetches the OCSP answer *before* it signs, so the answer may predate
the signature by a moment: a trust store that grants the root a freshness window accepts it
(without one, data issued before the signing second are no proof; tests/verify/test_hostile.py)."""

from __future__ import annotations

import datetime as dt
import io
import socket
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives import hashes

from tests.pkifixtures import KADIS, OFFICIALS
from tests.verify import sigfixtures as fx
from tnde.pki import DEMO_PASSPHRASE
from tnde.verify import Verdict, verify_pdf
from tnde.verify.policy import RootPolicy, VerifyPolicy

if TYPE_CHECKING:
    import pytest

    from tnde.pki import DemoPki, PkiServer


def _sign_b_lt(pki: DemoPki, server: PkiServer, nip: str) -> bytes:
    """As tests/pki/test_pki_pades.py: pyHanko fetches the timestamp, OCSP and CRLs."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.timestamps import HTTPTimeStamper
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(pki.root.public_bytes(Encoding.DER))
    signer = signers.SimpleSigner.load_pkcs12(str(pki.p12_path(nip)), passphrase=DEMO_PASSPHRASE)
    assert signer is not None
    vc = ValidationContext(trust_roots=[root], allow_fetching=True, revocation_mode="hard-fail")
    meta = signers.PdfSignatureMetadata(
        field_name="Kepala",
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        embed_validation_info=True,
        validation_context=vc,
    )
    out = signers.PdfSigner(meta, signer, timestamper=HTTPTimeStamper(server.tsa_url)).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(fx.letter_pdf(fields=("Kepala",)))),
        existing_fields_only=True,
    )
    return bytes(out.getvalue())


def _forbid_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """From now on any attempt to open a connection fails (and is recorded)."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError(f"network forbidden in this test: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_demo_b_lt_letter_verifies_offline_from_the_embedded_ocsp(
    demo_pki_session: DemoPki, pki_server: PkiServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    signed = _sign_b_lt(demo_pki_session, pki_server, KADIS)
    attempts = _forbid_network(monkeypatch)
    root = demo_pki_session.root.fingerprint(hashes.SHA256()).hex()
    window = VerifyPolicy({root: RootPolicy(revocation_freshness=dt.timedelta(minutes=5))})
    report = verify_pdf(signed, trust_roots=[demo_pki_session.root], policy=window)
    assert attempts == []
    assert report.verdict is Verdict.VALID, report.reasons
    sig = report.signatures[0]
    assert any(e.startswith("OCSP dari TNDE DEMO OCSP") for e in sig.revocation_evidence)
    assert (sig.pades_level, sig.revocation, sig.revocation_source) == ("B-LT", "good", "DSS")
    assert sig.signer is not None
    assert sig.signer.nip == KADIS
    assert sig.signer.nik == OFFICIALS[KADIS].nik
    assert sig.signer.is_demo
    assert sig.timestamp is not None
    assert "TNDE DEMO Timestamp Authority" in sig.timestamp.tsa


def test_a_b_b_letter_never_reaches_for_the_network(
    corpus: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The throwaway certificates name a CRL URL on loopback: it must not be fetched."""
    attempts = _forbid_network(monkeypatch)
    report = verify_pdf(corpus.levels["B-B"], trust_roots=[corpus.pki.root.cert])
    assert attempts == []
    assert report.verdict is Verdict.INDETERMINATE
