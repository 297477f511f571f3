"""Whether a certificate may sign documents: CA, keyUsage and extendedKeyUsage rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, ExtensionOID, NameOID

from tests.certkit import Pair, eku, key_usage, make_cert
from tnde.pki import (
    DOCUMENT_SIGNING_PURPOSES,
    TrustStore,
    certificate_pem,
    signing_purpose_problems,
)
from tnde.pki.purpose import is_dotted_oid

if TYPE_CHECKING:
    from pathlib import Path

OFFICE_PURPOSE = "1.3.6.1.4.1.99999.7.1"
"""A made-up EKU of an office CA, accepted only when the trust store says so."""
usage = key_usage


def make(
    *extensions: x509.ExtensionType | x509.UnrecognizedExtension,
    issuer: Pair | None = None,
    cn: str = "BUDI SANTOSO",
) -> Pair:
    """A certificate with exactly these extensions; self-signed without ``issuer``."""
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    return make_cert(subject, issuer, ca=None, extensions=extensions)


def cert(*extensions: x509.ExtensionType | x509.UnrecognizedExtension) -> x509.Certificate:
    return make(*extensions)[0]


SIGNING_USAGE = usage("digital_signature", "content_commitment")


def test_a_tls_server_certificate_is_refused_by_its_purpose() -> None:
    server = cert(SIGNING_USAGE, eku(ExtendedKeyUsageOID.SERVER_AUTH))
    assert signing_purpose_problems(server) == [
        "sertifikat hanya untuk serverAuth (sertifikat server TLS), "
        "bukan untuk menandatangani dokumen"
    ]


def test_a_client_authentication_certificate_is_refused() -> None:
    client = cert(usage("digital_signature"), eku(ExtendedKeyUsageOID.CLIENT_AUTH))
    (problem,) = signing_purpose_problems(client)
    assert "clientAuth (autentikasi klien TLS)" in problem


def test_every_purpose_is_named_and_unknown_ones_by_their_oid() -> None:
    several = cert(
        eku(
            ExtendedKeyUsageOID.SERVER_AUTH,
            ExtendedKeyUsageOID.CLIENT_AUTH,
            ExtendedKeyUsageOID.CODE_SIGNING,
            ExtendedKeyUsageOID.TIME_STAMPING,
            ExtendedKeyUsageOID.OCSP_SIGNING,
            OFFICE_PURPOSE,
        )
    )
    (problem,) = signing_purpose_problems(several)
    assert problem == (
        "sertifikat hanya untuk serverAuth (sertifikat server TLS), clientAuth (autentikasi "
        "klien TLS), codeSigning (penandatanganan program), timeStamping (layanan cap waktu), "
        f"OCSPSigning (penjawab status OCSP) dan {OFFICE_PURPOSE}, "
        "bukan untuk menandatangani dokumen"
    )


def test_a_ca_certificate_never_signs_documents() -> None:
    ca = cert(x509.BasicConstraints(ca=True, path_length=0), SIGNING_USAGE)
    (problem,) = signing_purpose_problems(ca)
    assert "sertifikat CA (basicConstraints CA:TRUE)" in problem
    assert "bukan untuk menandatangani dokumen" in problem
    # Even with a document-signing EKU, and even when the admin would accept more.
    ca_with_eku = cert(
        x509.BasicConstraints(ca=True, path_length=None),
        usage("digital_signature", "key_cert_sign", "crl_sign"),
        eku(ExtendedKeyUsageOID.EMAIL_PROTECTION),
    )
    (problem,) = signing_purpose_problems(ca_with_eku, [OFFICE_PURPOSE])
    assert "basicConstraints CA:TRUE, keyUsage keyCertSign, keyUsage cRLSign" in problem


@pytest.mark.parametrize("bit", ["key_cert_sign", "crl_sign"])
def test_a_certificate_signing_key_is_refused_without_basic_constraints(bit: str) -> None:
    issuer_key = cert(usage("digital_signature", "content_commitment", bit))
    (problem,) = signing_purpose_problems(issuer_key)
    assert "sertifikat CA" in problem
    assert ("keyCertSign" if bit == "key_cert_sign" else "cRLSign") in problem


def test_a_key_encipherment_only_certificate_is_refused() -> None:
    encipher = cert(usage("key_encipherment"))
    assert signing_purpose_problems(encipher) == [
        "keyUsage sertifikat hanya mengizinkan keyEncipherment, tanpa digitalSignature atau "
        "nonRepudiation yang diperlukan untuk menandatangani dokumen"
    ]


def test_both_the_key_usage_and_the_purpose_are_reported() -> None:
    tls = cert(usage("key_encipherment"), eku(ExtendedKeyUsageOID.SERVER_AUTH))
    problems = signing_purpose_problems(tls)
    assert len(problems) == 2
    assert "keyEncipherment" in problems[0]
    assert "serverAuth" in problems[1]


@pytest.mark.parametrize(
    "extensions",
    [
        pytest.param((usage("digital_signature"),), id="digitalSignature-no-eku"),
        pytest.param((usage("content_commitment"),), id="nonRepudiation-only"),
        pytest.param((), id="no-extensions"),
        pytest.param(
            (x509.BasicConstraints(ca=False, path_length=None), SIGNING_USAGE),
            id="end-entity-basic-constraints",
        ),
    ],
)
def test_signing_key_usages_without_an_eku_are_accepted(
    extensions: tuple[x509.ExtensionType, ...],
) -> None:
    assert signing_purpose_problems(cert(*extensions)) == []


@pytest.mark.parametrize(
    "purpose",
    [
        pytest.param("1.3.6.1.5.5.7.3.4", id="emailProtection"),
        pytest.param("1.3.6.1.5.5.7.3.36", id="documentSigning"),
        pytest.param("2.5.29.37.0", id="anyExtendedKeyUsage"),
        pytest.param("1.2.840.113583.1.1.5", id="adobe-authentic-documents"),
        pytest.param("1.3.6.1.4.1.311.10.3.12", id="microsoft-document-signing"),
    ],
)
def test_document_signing_purposes_are_accepted(purpose: str) -> None:
    assert purpose in DOCUMENT_SIGNING_PURPOSES
    assert signing_purpose_problems(cert(SIGNING_USAGE, eku(purpose))) == []
    # One document-signing purpose among others is enough.
    mixed = cert(SIGNING_USAGE, eku(ExtendedKeyUsageOID.CLIENT_AUTH, purpose))
    assert signing_purpose_problems(mixed) == []


def test_an_extra_purpose_from_the_trust_store_is_accepted_under_its_root_only(
    tmp_path: Path,
) -> None:
    ca_usage = usage("key_cert_sign", "crl_sign")
    root = make(x509.BasicConstraints(ca=True, path_length=None), ca_usage, cn="Akar Kantor")
    other_root = make(x509.BasicConstraints(ca=True, path_length=None), ca_usage, cn="Akar Lain")
    signer, _ = make(SIGNING_USAGE, eku(OFFICE_PURPOSE), issuer=root)
    stranger, _ = make(SIGNING_USAGE, eku(OFFICE_PURPOSE), issuer=other_root)
    store = TrustStore.for_workspace(tmp_path / "ruang kerja – é")
    store.add_root(certificate_pem(root[0]), purposes=[OFFICE_PURPOSE])
    store.add_root(certificate_pem(other_root[0]))

    assert signing_purpose_problems(signer) != []  # not a document-signing purpose by itself
    assert store.purposes_for([signer]) == (OFFICE_PURPOSE,)
    assert signing_purpose_problems(signer, store.purposes_for([signer])) == []
    # The other root accepts nothing extra, and a chain to no root gets nothing.
    assert store.purposes_for([stranger]) == ()
    assert signing_purpose_problems(stranger, store.purposes_for([stranger])) != []
    unrelated, _ = make(SIGNING_USAGE, eku(OFFICE_PURPOSE))
    assert store.purposes_for([unrelated]) == ()
    assert store.purposes_for([]) == ()


@pytest.mark.parametrize(
    "oid",
    [ExtensionOID.EXTENDED_KEY_USAGE, ExtensionOID.KEY_USAGE, ExtensionOID.BASIC_CONSTRAINTS],
    ids=["eku", "key-usage", "basic-constraints"],
)
def test_a_malformed_extension_is_a_problem_not_an_exception(oid: x509.ObjectIdentifier) -> None:
    damaged = cert(x509.UnrecognizedExtension(oid, b"\x04\x01\x00"))
    (problem,) = signing_purpose_problems(damaged)
    assert problem.startswith("ekstensi sertifikat rusak")


def test_dotted_oids() -> None:
    assert is_dotted_oid("1.3.6.1.5.5.7.3.36")
    assert is_dotted_oid("2.5.29.37.0")
    for bad in ("", "1", "serverAuth", "1.3.6.", "1..3", "3.1.2", "1.03.6", " 1.3.6", "1.3.6 "):
        assert not is_dotted_oid(bad), bad
