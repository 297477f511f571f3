"""Certificates of the trusted CA that are not for signing documents are refused, device unused.

A TLS server certificate and a CA certificate issued under the workspace's DEMO root chain to
a trusted root and carry nonRepudiation, so path validation and pyHanko's key-usage check
alone let them sign; the purpose check must stop them before the key is used.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.signers.pdf_cms import Signer

from tests.cliutil import WorkspaceCli
from tests.demoworkspace import letter_in, signer_of
from tests.pkifixtures import small_pdf
from tnde.errors import SigningError
from tnde.pki import PkiServer, TrustStore, fingerprint
from tnde.pki.demo import DEMO_PASSPHRASE, DemoPki
from tnde.pki.workspace_demo import demo_folder
from tnde.signing.batch import sign_letters
from tnde.signing.context import workspace_services
from tnde.signing.devices import Pkcs12Device, SigningSession
from tnde.signing.pades import Level
from tnde.signing.pdf import sign_any_pdf
from tnde.workflow.letters import Letters
from tnde.workflow.state import LetterStatus

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.workspace import Workspace

SERVER_AUTH = ExtendedKeyUsageOID.SERVER_AUTH.dotted_string


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    """digitalSignature + nonRepudiation (pyHanko's own check passes), plus a CA's bits."""
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=not ca,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def unsuitable_p12(ws: Workspace, out: Path, kind: str, subject: x509.Name | None = None) -> Path:
    """A ``.p12`` whose certificate the workspace's DEMO issuing CA signed.

    Args:
        kind: ``"server"`` (EKU serverAuth only) or ``"ca"`` (CA:TRUE, keyCertSign, no EKU).
        subject: the certificate's subject (default a TLS host name).
    """
    pki = DemoPki.open(demo_folder(ws.path))
    ca_key = serialization.load_pem_private_key(
        (pki.folder / "keys" / "issuing-ca.key.pem").read_bytes(), password=DEMO_PASSPHRASE
    )
    assert isinstance(ca_key, rsa.RSAPrivateKey)
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    name = subject or x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "surat.contoh.go.id")])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(pki.issuing_ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=kind == "ca", path_length=None), critical=True)
        .add_extension(_key_usage(ca=kind == "ca"), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
    )
    if kind == "server":
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
    cert = builder.sign(ca_key, hashes.SHA256())
    out.write_bytes(
        pkcs12.serialize_key_and_certificates(
            name=b"bukan penanda tangan",
            key=key,
            cert=cert,
            cas=pki.chain,
            encryption_algorithm=serialization.BestAvailableEncryption(DEMO_PASSPHRASE),
        )
    )
    return out


class RecordingSigner(Signer):
    """The device's own signer, counting how often it is asked for a signature value."""

    def __init__(self, inner: Any) -> None:
        super().__init__(signing_cert=inner.signing_cert, cert_registry=inner.cert_registry)
        self.inner = inner
        self.calls = 0

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        self.calls += 1
        return bytes(await self.inner.async_sign_raw(data, digest_algorithm, dry_run))


def sign_with_recorder(ws: Workspace, p12: Path) -> tuple[RecordingSigner, bytes | SigningError]:
    """``sign_any_pdf`` (certifying, B-B) through the workspace's services; signer and outcome."""
    with (
        workspace_services(ws) as signing,
        Pkcs12Device(p12).open(bytearray(DEMO_PASSPHRASE)) as session,
    ):
        recorder = RecordingSigner(session.signer)
        recorded = SigningSession(
            recorder, session.certificate, session.chain, description=session.description
        )
        try:
            signed: bytes | SigningError = sign_any_pdf(
                small_pdf(),
                recorded,
                signing.services,
                field="Tanda Tangan",
                level=Level.B_B,
                certify=True,
            )
        except SigningError as exc:
            signed = exc
    return recorder, signed


@pytest.mark.parametrize(
    ("kind", "named"), [("server", "serverAuth (sertifikat server TLS)"), ("ca", "CA:TRUE")]
)
def test_sign_pdf_refuses_a_certificate_of_the_trusted_ca_that_is_not_for_documents(
    demo_ws: Workspace, tmp_path: Path, kind: str, named: str
) -> None:
    source = tmp_path / "surat.pdf"
    source.write_bytes(small_pdf())
    p12 = unsuitable_p12(demo_ws, tmp_path / "bukan ttd.p12", kind)
    out = tmp_path / "surat (ttd).pdf"
    cli = WorkspaceCli(demo_ws.path)
    # sign-pdf does not start the DEMO responders; the issuing CA's CRL comes from these.
    with PkiServer(DemoPki.open(demo_folder(demo_ws.path))):
        proc = cli.run(
            "sign-pdf", source, "-o", out, "--p12", p12, "--secret-fd", "0", "--certify",
            "--level", "B-B", stdin="demo1234\n",
        )  # fmt: skip
    assert proc.returncode == 1, proc.stdout
    assert "tidak boleh dipakai menandatangani dokumen" in proc.stderr
    assert named in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_the_device_is_not_asked_until_the_root_accepts_the_purpose(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    p12 = unsuitable_p12(demo_ws, tmp_path / "server.p12", "server")
    recorder, outcome = sign_with_recorder(demo_ws, p12)
    assert isinstance(outcome, SigningError)
    assert outcome.kind == SigningError.CERT_UNSUITABLE
    assert "serverAuth" in outcome.detail
    assert outcome.subject == "CN=surat.contoh.go.id"
    assert recorder.calls == 0

    # An admin who accepts serverAuth under the DEMO root lets the same certificate sign.
    pki = DemoPki.open(demo_folder(demo_ws.path))
    store = TrustStore.for_workspace(demo_ws.path)
    store.update_root(fingerprint(pki.root), purposes=[SERVER_AUTH])
    recorder, outcome = sign_with_recorder(demo_ws, p12)
    assert isinstance(outcome, bytes), outcome
    assert recorder.calls >= 1


def test_a_letter_is_not_signed_with_a_server_certificate_in_the_officials_name(
    demo_ws: Workspace, tmp_path: Path
) -> None:
    letters = Letters(demo_ws)
    letter = letter_in(letters, "dinomori")
    nip = signer_of(letters, letter)
    official = DemoPki.open(demo_folder(demo_ws.path)).certificate_of(nip)
    p12 = unsuitable_p12(demo_ws, tmp_path / "server.p12", "server", subject=official.subject)
    with workspace_services(demo_ws) as signing, pytest.raises(SigningError) as caught:
        sign_letters(
            letters,
            nip,
            [letter],
            Pkcs12Device(p12),
            bytearray(DEMO_PASSPHRASE),
            signing.services,
            level=Level.B_B,
            issuer_of=signing.issuer_of,
        )
    assert caught.value.kind == SigningError.CERT_UNSUITABLE
    assert "serverAuth" in caught.value.detail
    assert letters.get(letter).status is LetterStatus.DINOMORI
