"""Certificate profiles of the TNDE DEMO hierarchy, built with ``cryptography``.

The profiles follow what BSrE issues so the signing and verification code is
exercised on realistic certificates: RSA with SHA-256, a two-level hierarchy, signer subjects
with NIK/NIP/jabatan, keyUsage ``digitalSignature`` + ``nonRepudiation`` (pyHanko insists on
the latter), AIA and CRL distribution points. Every name and the certificate policy say DEMO,
so a test certificate can never pass for a PSrE one.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from tnde.pki.identity import DEMO_POLICY_OID, UID_OID

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "CA_KEY_BITS",
    "DEMO_NOTICE",
    "DEMO_ORG",
    "DOCUMENT_SIGNING",
    "SERVICE_KEY_BITS",
    "Endpoints",
    "ca_certificate",
    "demo_name",
    "make_hierarchy",
    "new_key",
    "ocsp_responder_certificate",
    "official_certificate",
    "official_name",
    "tsa_certificate",
]

CA_KEY_BITS = 3072
"""RSA size of the DEMO CAs and of officials' keys (BSrE-like)."""
SERVICE_KEY_BITS = 2048
"""RSA size of the DEMO TSA and OCSP responder keys (smaller: generated faster, DEMO only)."""
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")
"""EKU id-kp-documentSigning (RFC 9336)."""
DEMO_ORG = "TNDE DEMO - sertifikat uji, bukan PSrE"
"""O of every DEMO CA and service certificate."""
DEMO_NOTICE = (
    "TNDE DEMO: sertifikat uji, bukan sertifikat PSrE; tidak sah untuk naskah dinas sungguhan."
)
"""User notice of the DEMO certificate policy."""
_YEAR = dt.timedelta(days=365)


@dataclass(frozen=True)
class Endpoints:
    """The loopback URLs the certificates point at (served by :mod:`tnde.pki.server`)."""

    port: int
    """TCP port on 127.0.0.1."""

    @property
    def base(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def ocsp(self) -> str:
        """The OCSP responder (answers for certificates of the issuing CA)."""
        return f"{self.base}/ocsp"

    @property
    def tsa(self) -> str:
        """The RFC 3161 timestamp service."""
        return f"{self.base}/tsa"

    def crl(self, ca: str) -> str:
        """The CRL of ``ca`` (``"root"`` or ``"issuing-ca"``)."""
        return f"{self.base}/crl/{ca}.crl"

    def ca_cert(self, ca: str) -> str:
        """The DER certificate of ``ca``, for AIA caIssuers."""
        return f"{self.base}/ca/{ca}.cer"


def new_key(bits: int = CA_KEY_BITS) -> rsa.RSAPrivateKey:
    """A fresh RSA key (about 0.3 s for 3072 bits)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def official_name(
    *, nama: str, nik: str, nip: str, jabatan: str, unit: str, organisasi: str
) -> x509.Name:
    """The BSrE-style subject: C, O, OU, title, serialNumber (NIK), UID (NIP), CN."""
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "ID")]
    if organisasi:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisasi))
    if unit:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    if jabatan:
        attrs.append(x509.NameAttribute(NameOID.TITLE, jabatan))
    attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, nik))
    if nip:
        attrs.append(x509.NameAttribute(UID_OID, nip))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, nama))
    return x509.Name(attrs)


def demo_name(common_name: str) -> x509.Name:
    """``C=ID, O=<DEMO_ORG>, CN=<common_name>`` for the DEMO CAs and services."""
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEMO_ORG),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def ca_certificate(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    *,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey] | None,
    not_before: dt.datetime,
    not_after: dt.datetime,
    endpoints: Endpoints,
) -> x509.Certificate:
    """A DEMO CA: self-signed root when ``issuer`` is ``None``, else an issuing CA under it."""
    builder = _base(subject, key, issuer, not_before, not_after).add_extension(
        x509.BasicConstraints(ca=True, path_length=1 if issuer is None else 0), critical=True
    )
    builder = builder.add_extension(
        _key_usage(key_cert_sign=True, crl_sign=True, digital_signature=issuer is None),
        critical=True,
    )
    if issuer is not None:
        builder = _revocation_pointers(builder, endpoints, "root", ocsp=False)
        builder = builder.add_extension(_demo_policy(), critical=False)
    signer = issuer[1] if issuer else key
    return builder.sign(signer, hashes.SHA256())


def official_certificate(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    *,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey],
    not_before: dt.datetime,
    not_after: dt.datetime,
    endpoints: Endpoints,
) -> x509.Certificate:
    """A signer certificate: nonRepudiation, emailProtection + documentSigning, AIA, CDP."""
    return _end_entity(
        subject,
        key,
        issuer,
        not_before,
        not_after,
        endpoints,
        usage=_key_usage(digital_signature=True, content_commitment=True),
        eku=x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING]),
        eku_critical=False,
    )


def tsa_certificate(
    key: rsa.RSAPrivateKey,
    *,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey],
    not_before: dt.datetime,
    not_after: dt.datetime,
    endpoints: Endpoints,
) -> x509.Certificate:
    """``TNDE DEMO Timestamp Authority``: EKU timeStamping, critical (RFC 3161 §2.3)."""
    return _end_entity(
        demo_name("TNDE DEMO Timestamp Authority"),
        key,
        issuer,
        not_before,
        not_after,
        endpoints,
        usage=_key_usage(digital_signature=True, content_commitment=True),
        eku=x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
        eku_critical=True,
    )


def ocsp_responder_certificate(
    key: rsa.RSAPrivateKey,
    *,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey],
    not_before: dt.datetime,
    not_after: dt.datetime,
    endpoints: Endpoints,
) -> x509.Certificate:
    """``TNDE DEMO OCSP Responder``: delegated by the issuing CA, with id-pkix-ocsp-nocheck."""
    builder = _base(demo_name("TNDE DEMO OCSP Responder"), key, issuer, not_before, not_after)
    builder = builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
    builder = builder.add_extension(_key_usage(digital_signature=True), critical=True)
    builder = builder.add_extension(
        x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), critical=False
    )
    # RFC 6960 §4.2.2.2.1: with nocheck nobody asks whether the responder itself is revoked.
    builder = builder.add_extension(x509.OCSPNoCheck(), critical=False)
    builder = builder.add_extension(_demo_policy(), critical=False)
    return builder.sign(issuer[1], hashes.SHA256())


def make_hierarchy(
    start: dt.datetime, now: dt.datetime, endpoints: Endpoints
) -> dict[str, tuple[x509.Certificate, rsa.RSAPrivateKey, str, str]]:
    """Root, issuing CA, TSA and OCSP responder, valid from ``start``.

    Returns file stem → (certificate, key, issuer stem or ``""`` for the root, kind).
    Lifetimes: root 20 years, issuing CA 10, the services 5 (all from ``now``).
    """
    year = _YEAR
    # OpenSSL lets go of the GIL while it searches for primes: four keys side by side take
    # about the time of the slowest one (the demo must be ready in a few seconds)
    with ThreadPoolExecutor(max_workers=4) as pool:
        root_key, ca_key, tsa_key, ocsp_key = pool.map(
            new_key, (CA_KEY_BITS, CA_KEY_BITS, SERVICE_KEY_BITS, SERVICE_KEY_BITS)
        )
    root = ca_certificate(
        demo_name("TNDE DEMO Root CA"),
        root_key,
        issuer=None,
        not_before=start,
        not_after=now + 20 * year,
        endpoints=endpoints,
    )
    ca = ca_certificate(
        demo_name("TNDE DEMO Issuing CA"),
        ca_key,
        issuer=(root, root_key),
        not_before=start,
        not_after=now + 10 * year,
        endpoints=endpoints,
    )
    end = now + 5 * year
    tsa = tsa_certificate(
        tsa_key, issuer=(ca, ca_key), not_before=start, not_after=end, endpoints=endpoints
    )
    ocsp = ocsp_responder_certificate(
        ocsp_key, issuer=(ca, ca_key), not_before=start, not_after=end, endpoints=endpoints
    )
    return {
        "root": (root, root_key, "", "ca"),
        "issuing-ca": (ca, ca_key, "root", "ca"),
        "tsa": (tsa, tsa_key, "issuing-ca", "tsa"),
        "ocsp": (ocsp, ocsp_key, "issuing-ca", "ocsp"),
    }


def _end_entity(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey],
    not_before: dt.datetime,
    not_after: dt.datetime,
    endpoints: Endpoints,
    *,
    usage: x509.KeyUsage,
    eku: x509.ExtendedKeyUsage,
    eku_critical: bool,
) -> x509.Certificate:
    builder = _base(subject, key, issuer, not_before, not_after)
    builder = builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
    builder = builder.add_extension(usage, critical=True)
    builder = builder.add_extension(eku, critical=eku_critical)
    builder = _revocation_pointers(builder, endpoints, "issuing-ca", ocsp=True)
    builder = builder.add_extension(_demo_policy(), critical=False)
    return builder.sign(issuer[1], hashes.SHA256())


def _base(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey] | None,
    not_before: dt.datetime,
    not_after: dt.datetime,
) -> x509.CertificateBuilder:
    issuer_name = issuer[0].subject if issuer else subject
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    authority = issuer[1].public_key() if issuer else key.public_key()
    return builder.add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(authority), critical=False
    )


def _revocation_pointers(
    builder: x509.CertificateBuilder, endpoints: Endpoints, ca: str, *, ocsp: bool
) -> x509.CertificateBuilder:
    """CRL DP of ``ca``, AIA caIssuers of ``ca`` and (for the issuing CA's certificates) OCSP."""
    access: Sequence[x509.AccessDescription] = [
        x509.AccessDescription(
            AuthorityInformationAccessOID.CA_ISSUERS,
            x509.UniformResourceIdentifier(endpoints.ca_cert(ca)),
        )
    ]
    if ocsp:
        access = [
            x509.AccessDescription(
                AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(endpoints.ocsp)
            ),
            *access,
        ]
    cdp = x509.CRLDistributionPoints(
        [
            x509.DistributionPoint(
                full_name=[x509.UniformResourceIdentifier(endpoints.crl(ca))],
                relative_name=None,
                reasons=None,
                crl_issuer=None,
            )
        ]
    )
    return builder.add_extension(
        x509.AuthorityInformationAccess(access), critical=False
    ).add_extension(cdp, critical=False)


def _demo_policy() -> x509.CertificatePolicies:
    return x509.CertificatePolicies(
        [
            x509.PolicyInformation(
                DEMO_POLICY_OID, [x509.UserNotice(notice_reference=None, explicit_text=DEMO_NOTICE)]
            )
        ]
    )


def _key_usage(
    *,
    digital_signature: bool = False,
    content_commitment: bool = False,
    key_cert_sign: bool = False,
    crl_sign: bool = False,
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=content_commitment,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=key_cert_sign,
        crl_sign=crl_sign,
        encipher_only=False,
        decipher_only=False,
    )
