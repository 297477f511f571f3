"""A throwaway PKI and real PAdES signatures made by pyHanko, for the verification tests.

Everything is generated (RSA 2048 for speed) and every name says DEMO. The PKI mirrors the
BSrE shape on a small scale: "DEMO Uji Root CA" → "DEMO Uji Issuing CA" →
officials; a timestamp authority under the root; a second, untrusted root with its own TSA.
The CRLs are built with ``cryptography`` and handed to pyHanko's ``ValidationContext`` for the
B-LT/B-LTA signatures, so nothing touches the network.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

if TYPE_CHECKING:
    from collections.abc import Sequence

UTC = dt.UTC
NOW = dt.datetime.now(UTC).replace(microsecond=0)
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")
UID = x509.ObjectIdentifier("0.9.2342.19200300.100.1.1")
ORG = "Pemerintah Provinsi Nusantara Raya (DEMO)"

#: The text the letter shows, and the hidden text under the white cover (shadow "hide").
AMOUNT = "Rp 10.000.000"
HIDDEN = "Rp 90.000.000"


@dataclass(frozen=True)
class Party:
    """A certificate and its private key."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def asn1_cert(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER))

    @property
    def asn1_key(self) -> asn1_keys.PrivateKeyInfo:
        der = self.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return asn1_keys.PrivateKeyInfo.load(der)

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


@dataclass
class TestPki:
    """The whole throwaway PKI; build it once per session with :func:`build_pki`."""

    root: Party
    issuing: Party
    kepala: Party
    sekretaris: Party
    expired: Party
    short: Party
    """Valid from 30 days ago for 60 days: expired when verified 90 days on."""
    revoked: Party
    tsa: Party
    tsa_no_eku: Party
    other_root: Party
    other_tsa: Party
    revoked_at: dt.datetime
    _crl_cache: list[bytes] = field(default_factory=list)

    def crls(self, *, at: dt.datetime | None = None) -> list[bytes]:
        """DER CRLs of the root and the issuing CA (the latter lists :attr:`revoked`).

        Without ``at``: issued an hour before the PKI was built (shared, for validation
        while signing). With ``at``: a new pair issued then; a DSS added after signing holds
        such a pair, because verification accepts only revocation data issued at or after
        the signing time.
        """
        if at is not None:
            return [
                _crl(self.root, [], at=at),
                _crl(self.issuing, [(self.revoked.cert.serial_number, self.revoked_at)], at=at),
            ]
        if not self._crl_cache:
            self._crl_cache = [
                _crl(self.root, []),
                _crl(self.issuing, [(self.revoked.cert.serial_number, self.revoked_at)]),
            ]
        return self._crl_cache

    # -- pyHanko objects ----------------------------------------------------------------------

    def signer(self, party: Party) -> Any:
        from pyhanko.sign import signers
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        store = SimpleCertificateStore.from_certs([self.issuing.asn1_cert, self.root.asn1_cert])
        return signers.SimpleSigner(
            signing_cert=party.asn1_cert, signing_key=party.asn1_key, cert_registry=store
        )

    def timestamper(self, *, tsa: str = "ours", at: dt.datetime | None = None) -> Any:
        """pyHanko's in-process TSA; ``at`` fixes its time.

        ``tsa``: ``ours`` (trusted), ``untrusted`` (under the other root), ``no_eku`` (our
        root, but the certificate lacks the timeStamping EKU), ``bad_imprint`` (ours, but it
        stamps a different digest than the one asked for).
        """
        party, root = {
            "ours": (self.tsa, self.root),
            "bad_imprint": (self.tsa, self.root),
            "untrusted": (self.other_tsa, self.other_root),
            "no_eku": (self.tsa_no_eku, self.root),
        }[tsa]
        cls = _LyingTimeStamper if tsa == "bad_imprint" else DummyTimeStamper
        return cls(party.asn1_cert, party.asn1_key, certs_to_embed=[root.asn1_cert], fixed_dt=at)

    def validation_context(self) -> Any:
        from pyhanko_certvalidator import ValidationContext

        return ValidationContext(
            trust_roots=[self.root.asn1_cert, self.other_root.asn1_cert],
            other_certs=[self.issuing.asn1_cert],
            crls=self.crls(),
            allow_fetching=False,
        )


class _LyingTimeStamper(DummyTimeStamper):  # type: ignore[misc]
    """A TSA whose token stamps another digest than the one it was asked for."""

    async def async_timestamp(self, message_digest: bytes, md_algorithm: str) -> Any:
        return await super().async_timestamp(bytes(reversed(message_digest)), md_algorithm)


# -- the PKI --------------------------------------------------------------------------------------


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(cn: str, *, org: str = ORG, extra: Sequence[x509.NameAttribute] = ()) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            *extra,
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _ca(cn: str, issuer: Party | None, *, org: str = ORG) -> Party:
    key = _key()
    subject = _name(cn, org=org)
    signer_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=3 * 365))
        .not_valid_after(NOW + dt.timedelta(days=10 * 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    return Party(builder.sign(signer_key, hashes.SHA256()), key)


def _leaf(
    subject: x509.Name,
    issuer: Party,
    *,
    tsa: bool = False,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
) -> Party:
    key = _key()
    eku = (
        [ExtendedKeyUsageOID.TIME_STAMPING]
        if tsa
        else [
            ExtendedKeyUsageOID.EMAIL_PROTECTION,
            DOCUMENT_SIGNING,
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - dt.timedelta(days=30))
        .not_valid_after(not_after or NOW + dt.timedelta(days=2 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=not tsa,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage(eku), critical=tsa)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [x509.UniformResourceIdentifier("http://127.0.0.1:9/demo.crl")],
                        None,
                        None,
                        None,
                    )
                ]
            ),
            critical=False,
        )
    )
    return Party(builder.sign(issuer.key, hashes.SHA256()), key)


def official_name(nama: str, *, nik: str, nip: str, jabatan: str) -> x509.Name:
    """A BSrE-style subject : title, serialNumber = NIK, UID = NIP, CN."""
    return _name(
        nama,
        extra=[
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Dinas Kominfo (DEMO)"),
            x509.NameAttribute(NameOID.TITLE, jabatan),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, nik),
            x509.NameAttribute(UID, nip),
        ],
    )


def _crl(
    ca: Party, revoked: Sequence[tuple[int, dt.datetime]], *, at: dt.datetime | None = None
) -> bytes:
    issued = at or NOW - dt.timedelta(hours=1)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.cert.subject)
        .last_update(issued)
        .next_update(issued + dt.timedelta(days=7))
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
    )
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(when)
            .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
            .build()
        )
    crl = builder.sign(ca.key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.DER)


def build_pki() -> TestPki:
    """Generate the whole PKI (about a second with RSA 2048)."""
    root = _ca("DEMO Uji Root CA", None)
    issuing = _ca("DEMO Uji Issuing CA", root)
    kepala = _leaf(
        official_name(
            "Dr. Budi Santoso, S.Kom., M.T. (DEMO)",
            nik="3201010101800001",
            nip="198001012005011001",
            jabatan="Kepala Dinas",
        ),
        issuing,
    )
    sekretaris = _leaf(
        official_name(
            "Siti Rahmawati, S.E. (DEMO)",
            nik="3201010202850002",
            nip="198502022010012002",
            jabatan="Sekretaris",
        ),
        issuing,
    )
    expired = _leaf(
        official_name(
            "Andi Kedaluwarsa (DEMO)",
            nik="3201010303700003",
            nip="197003032000031003",
            jabatan="Kepala Bidang",
        ),
        issuing,
        not_before=NOW - dt.timedelta(days=3 * 365),
        not_after=NOW - dt.timedelta(days=365),
    )
    short = _leaf(
        official_name(
            "Dewi Sementara (DEMO)",
            nik="3201010505800005",
            nip="198005052006042005",
            jabatan="Pelaksana Tugas",
        ),
        issuing,
        not_before=NOW - dt.timedelta(days=30),
        not_after=NOW + dt.timedelta(days=30),
    )
    revoked = _leaf(
        official_name(
            "Rudi Dicabut (DEMO)",
            nik="3201010404750004",
            nip="197504042001041004",
            jabatan="Kepala Seksi",
        ),
        issuing,
    )
    tsa = _leaf(_name("DEMO Uji Timestamp Authority"), root, tsa=True)
    tsa_no_eku = _leaf(_name("DEMO Uji TSA tanpa EKU"), root)
    other_org = "Lembaga Tak Dikenal (DEMO)"
    other_root = _ca("DEMO Root Lain (tidak dipercaya)", None, org=other_org)
    other_tsa = _leaf(_name("DEMO TSA Lain", org=other_org), other_root, tsa=True)
    return TestPki(
        root=root,
        issuing=issuing,
        kepala=kepala,
        sekretaris=sekretaris,
        expired=expired,
        short=short,
        revoked=revoked,
        tsa=tsa,
        tsa_no_eku=tsa_no_eku,
        other_root=other_root,
        other_tsa=other_tsa,
        revoked_at=NOW - dt.timedelta(days=1),
    )


# -- the letter -----------------------------------------------------------------------------------

#: Boxes (x1, y1, x2, y2) of the two pre-created signature fields on page 1.
KEPALA_BOX = (330, 150, 540, 220)
SEKRETARIS_BOX = (330, 60, 540, 130)


def draw_letter_head(canvas: Any, title: str, closing: str) -> None:
    """The DEMO letter's kop, number, subject and sentences (everything but the amount)."""
    canvas.setTitle(title)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawCentredString(297, 780, "PEMERINTAH PROVINSI NUSANTARA RAYA (DEMO)")
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, 730, "Nomor : 800/123/DEMO/2026")
    canvas.drawString(72, 712, "Hal   : Pembayaran honorarium")
    canvas.drawString(72, 680, "Dengan hormat, bersama ini kami sampaikan pembayaran sebesar")
    canvas.drawString(72, 600, f"{closing} untuk verifikasi tanda tangan.")


def letter_pdf(*, fields: Sequence[str] = ("Kepala", "Sekretaris")) -> bytes:
    """A one-page DEMO letter with a text field "Nominal", a white cover over hidden text
    (a Form XObject named ``Cover``), and the given signature fields pre-created (pyHanko)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    draw_letter_head(canvas, "Surat Uji (DEMO)", "ReportLab DEMO naskah uji")
    # Shadow "hide" set-up: hidden text, then a white Form XObject painted over it.
    canvas.drawString(300, 640, HIDDEN)
    canvas.beginForm("Cover")
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(295, 632, 140, 22, stroke=0, fill=1)
    canvas.endForm()
    canvas.doForm("Cover")
    canvas.acroForm.textfield(
        name="Nominal", value=AMOUNT, x=72, y=632, width=200, height=22, borderWidth=0
    )
    canvas.showPage()
    canvas.save()
    data = buffer.getvalue()
    if not fields:
        return data
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    boxes = (KEPALA_BOX, SEKRETARIS_BOX)
    for name, box in zip(fields, boxes, strict=False):
        append_signature_field(writer, SigFieldSpec(name, on_page=0, box=box))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign(
    pki: TestPki,
    pdf: bytes,
    party: Party,
    *,
    field_name: str = "Kepala",
    level: str = "B-B",
    certify: bool = False,
    docmdp: int = 2,
    lock: Any = None,
    new_field_box: tuple[int, int, int, int] | None = None,
    tsa: str = "ours",
    ts_time: dt.datetime | None = None,
    strict: bool = True,
) -> bytes:
    """Sign ``pdf`` at PAdES ``level`` (B-B, B-T, B-LT, B-LTA) into ``field_name``.

    ``lock`` is a pyHanko ``FieldMDPSpec`` put on a newly created field;
    ``new_field_box`` creates the field instead of filling a pre-created one; ``tsa`` picks
    the timestamp authority (see :meth:`TestPki.timestamper`), ``ts_time`` back-dates it;
    ``strict=False`` reads ``pdf`` leniently (for originals pyHanko's strict mode refuses).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
    from pyhanko.stamp import TextStampStyle

    timestamped = level != "B-B"
    long_term = level in ("B-LT", "B-LTA")
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason="Persetujuan naskah (DEMO)",
        location="Kota Nusantara",
        certify=certify,
        docmdp_permissions=MDPPerm(docmdp),
    )
    spec = None
    if new_field_box is not None or lock is not None:
        spec = SigFieldSpec(
            field_name, on_page=0, box=new_field_box or KEPALA_BOX, field_mdp_spec=lock
        )
    pdf_signer = signers.PdfSigner(
        meta,
        pki.signer(party),
        timestamper=pki.timestamper(tsa=tsa, at=ts_time) if timestamped else None,
        stamp_style=TextStampStyle(stamp_text="Ditandatangani secara elektronik oleh:\n%(signer)s"),
        new_field_spec=spec,
    )
    out = io.BytesIO()
    pdf_signer.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf), strict=strict),
        existing_fields_only=spec is None,
        output=out,
    )
    if not long_term:
        return out.getvalue()
    # As a careful signer does: revocation data fetched after the signature (B-LT), then a
    # document timestamp over everything (B-LTA).
    with_dss = add_dss(pki, out.getvalue())
    return timestamp_document(pki, with_dss) if level == "B-LTA" else with_dss


def add_dss(
    pki: TestPki,
    pdf: bytes,
    *,
    certs: Sequence[Party] = (),
    crls_at: dt.datetime | None = None,
) -> bytes:
    """Append a DSS update holding both CRLs (and ``certs``) for the last signature.

    The CRLs are issued at ``crls_at`` (default: now, i.e. after the signature).
    """
    from asn1crypto import crl as asn1_crl
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    reader = PdfFileReader(io.BytesIO(pdf))
    contents = reader.embedded_signatures[-1].pkcs7_content
    out = io.BytesIO(pdf)
    DocumentSecurityStore.add_dss(
        out,
        contents,
        certs=[p.asn1_cert for p in (*certs, pki.issuing, pki.root)],
        crls=[
            asn1_crl.CertificateList.load(c)
            for c in pki.crls(at=crls_at or dt.datetime.now(UTC).replace(microsecond=0))
        ],
    )
    return out.getvalue()


def timestamp_document(pki: TestPki, pdf: bytes) -> bytes:
    """Append a document timestamp (and its DSS) as pyHanko's LTA refresh does."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers import PdfTimeStamper

    out = io.BytesIO()
    PdfTimeStamper(pki.timestamper()).timestamp_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)),
        "sha256",
        validation_context=pki.validation_context(),
        output=out,
    )
    return out.getvalue()
