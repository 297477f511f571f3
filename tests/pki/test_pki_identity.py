"""Reading who a certificate names (BSrE style), NIK references and name comparison."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.pkifixtures import KABID_IKP, KADIS, OFFICIALS
from tnde.errors import PkiError
from tnde.pki import DemoPki, identity_of, load_certificate, nik_ref, same_person_name
from tnde.pki.identity import UID_OID


def test_identity_of_a_demo_official(demo_pki_session: DemoPki) -> None:
    cert = demo_pki_session.certificate_of(KADIS)
    who = identity_of(cert)
    assert who.nama == "Dr. Budi Santoso, S.Kom., M.T."
    assert who.nik == OFFICIALS[KADIS].nik
    assert who.nip == KADIS
    assert who.jabatan == "Kepala Dinas Komunikasi dan Informatika"
    assert who.unit == "Dinas Komunikasi dan Informatika"
    assert who.organisasi == "Pemerintah Provinsi Nusantara Raya (DEMO)"
    assert who.issuer_cn == "TNDE DEMO Issuing CA"
    assert who.issuer_org == "TNDE DEMO - sertifikat uji, bukan PSrE"
    assert who.serial_hex == f"{cert.serial_number:x}"
    assert who.not_before.tzinfo is dt.UTC
    assert who.not_after == cert.not_valid_after_utc
    assert who.sha256_fingerprint == cert.fingerprint(hashes.SHA256()).hex()
    assert who.is_demo
    assert who.nik_ref == nik_ref(OFFICIALS[KADIS].nik)


def _foreign_cert(subject: x509.Name, issuer_cn: str) -> x509.Certificate:
    """A BSrE-shaped certificate from a non-DEMO issuer (EC key: fast)."""
    key = ec.generate_private_key(ec.SECP256R1())
    issuer = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Badan Siber dan Sandi Negara"),
            x509.NameAttribute(NameOID.COMMON_NAME, issuer_cn),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(0x0A0B)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=730))
        .sign(key, hashes.SHA256())
    )


def test_identity_of_a_bsre_shaped_certificate_with_prefixed_values() -> None:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, "NIK3171012708670001"),
            x509.NameAttribute(UID_OID, "NIP 196708271994031001"),
            x509.NameAttribute(NameOID.COMMON_NAME, "BUDI SANTOSO"),
        ]
    )
    who = identity_of(_foreign_cert(subject, "BSRE CA DS G1"))
    assert (who.nama, who.nik, who.nip) == ("BUDI SANTOSO", "3171012708670001", KADIS)
    assert (who.jabatan, who.unit, who.organisasi) == ("", "", "")
    assert who.issuer_cn == "BSRE CA DS G1"
    assert who.issuer_org == "Badan Siber dan Sandi Negara"
    assert who.serial_hex == "a0b"
    assert not who.is_demo


def test_identity_of_a_certificate_without_nik_or_nip() -> None:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Server Uji")])
    who = identity_of(_foreign_cert(subject, "Some CA"))
    assert (who.nik, who.nip, who.nik_ref) == ("", "", "")
    assert not who.is_demo


def test_nik_ref_is_sha256_of_the_digits() -> None:
    nik = OFFICIALS[KABID_IKP].nik
    expected = "sha256:" + hashlib.sha256(nik.encode("ascii")).hexdigest()
    assert nik_ref(nik) == expected
    assert nik_ref(f"{nik[:4]} {nik[4:8]} {nik[8:]}") == expected
    for bad in ("123", "12345678901234567", "abcdefghijklmnop", "\uff11" * 16):
        with pytest.raises(PkiError, match="NIK harus 16 angka") as caught:
            nik_ref(bad)
        assert bad not in str(caught.value)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Dr. Budi Santoso, S.Kom., M.T.", "BUDI SANTOSO", True),
        ("Dr. Budi Santoso, S.Kom., M.T.", "budi  santoso", True),
        ("Ir. H. Yusuf Pratama, M.Kom.", "Yusuf Pratama", True),
        ("Hj. Siti Rahmawati S.Sos. M.I.Kom.", "SITI RAHMAWATI", True),
        ("Prof. Dr. Ir. Hendra Wijaya Kusuma, M.Si.", "Hendra Wijaya Kusuma", True),
        ("dr. Maya Sari Putri", "Maya Sari Putri, Sp.A.", True),
        ("M. Yusuf", "M Yusuf", True),
        ("Budi Santoso", "Budi Santosa", False),
        ("Budi Santoso", "Budi", False),
        ("Budi Santoso", "Santoso Budi", False),
        ("", "", False),
        ("Dr.", "Dr.", True),
    ],
)
def test_same_person_name(a: str, b: str, same: bool) -> None:
    assert same_person_name(a, b) is same
    assert same_person_name(b, a) is same


def test_load_certificate_reads_pem_and_der_and_names_a_bad_file(
    demo_pki_session: DemoPki,
) -> None:
    from cryptography.hazmat.primitives import serialization

    root = demo_pki_session.root
    assert load_certificate(root.public_bytes(serialization.Encoding.PEM)) == root
    assert load_certificate(root.public_bytes(serialization.Encoding.DER)) == root
    with pytest.raises(PkiError, match=r"akar\.txt: bukan sertifikat X\.509") as caught:
        load_certificate(b"bukan sertifikat", source="akar.txt")
    assert caught.value.kind == PkiError.BAD_FILE
