"""The DEMO hierarchy: names, extensions, files and state, profiled as BSrE issues them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from tests.pkifixtures import KABID_IKP, KADIS, OFFICIALS, STAF
from tnde.errors import PkiError
from tnde.pki import DEMO_PASSPHRASE, DemoOfficial, DemoPki, demo_nik
from tnde.pki.certs import DOCUMENT_SIGNING
from tnde.pki.identity import DEMO_POLICY_OID, UID_OID

if TYPE_CHECKING:
    from pathlib import Path


def ext(
    cert: x509.Certificate, kind: type[x509.ExtensionType]
) -> x509.Extension[x509.ExtensionType]:
    return cert.extensions.get_extension_for_class(kind)


def cn(name: x509.Name) -> str:
    return str(name.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)


def test_every_ca_and_service_name_says_demo(demo_pki_session: DemoPki) -> None:
    pki = demo_pki_session
    names = {
        "root": pki.root,
        "issuing": pki.issuing_ca,
        "tsa": pki.tsa_cert,
        "ocsp": pki.ocsp_cert,
    }
    assert {k: cn(c.subject) for k, c in names.items()} == {
        "root": "TNDE DEMO Root CA",
        "issuing": "TNDE DEMO Issuing CA",
        "tsa": "TNDE DEMO Timestamp Authority",
        "ocsp": "TNDE DEMO OCSP Responder",
    }
    for cert in [*names.values(), *(pki.certificate_of(nip) for nip in OFFICIALS)]:
        for attr in (NameOID.ORGANIZATION_NAME,):
            assert "DEMO" in str(cert.subject.get_attributes_for_oid(attr)[0].value)
        assert "DEMO" in cn(cert.issuer)
        if cert is not pki.root:
            policies = ext(cert, x509.CertificatePolicies).value
            assert [p.policy_identifier for p in policies] == [DEMO_POLICY_OID]


def test_root_and_issuing_ca_are_a_two_level_hierarchy(demo_pki_session: DemoPki) -> None:
    pki = demo_pki_session
    root, ca = pki.root, pki.issuing_ca
    root.verify_directly_issued_by(root)
    ca.verify_directly_issued_by(root)
    assert ext(root, x509.BasicConstraints).critical
    assert ext(root, x509.BasicConstraints).value == x509.BasicConstraints(ca=True, path_length=1)
    assert ext(ca, x509.BasicConstraints).value == x509.BasicConstraints(ca=True, path_length=0)
    for cert in (root, ca):
        usage = ext(cert, x509.KeyUsage)
        assert usage.critical
        assert usage.value.key_cert_sign
        assert usage.value.crl_sign
        key = cert.public_key()
        assert isinstance(key, rsa.RSAPublicKey)
        assert key.key_size == 3072
        assert cert.signature_hash_algorithm is not None
        assert cert.signature_hash_algorithm.name == "sha256"
    cdp = ext(ca, x509.CRLDistributionPoints).value
    assert [str(dp.full_name[0].value) for dp in cdp] == [
        f"http://127.0.0.1:{pki.port}/crl/root.crl"
    ]
    assert root.not_valid_after_utc - root.not_valid_before_utc > dt.timedelta(days=20 * 365)


def test_official_certificate_follows_the_bsre_profile(demo_pki_session: DemoPki) -> None:
    pki = demo_pki_session
    official = OFFICIALS[KADIS]
    cert = pki.certificate_of(KADIS)
    cert.verify_directly_issued_by(pki.issuing_ca)
    subject = [(a.oid, a.value) for a in cert.subject]
    assert subject == [
        (NameOID.COUNTRY_NAME, "ID"),
        (NameOID.ORGANIZATION_NAME, "Pemerintah Provinsi Nusantara Raya (DEMO)"),
        (NameOID.ORGANIZATIONAL_UNIT_NAME, "Dinas Komunikasi dan Informatika"),
        (NameOID.TITLE, "Kepala Dinas Komunikasi dan Informatika"),
        (NameOID.SERIAL_NUMBER, official.nik),
        (UID_OID, KADIS),
        (NameOID.COMMON_NAME, "Dr. Budi Santoso, S.Kom., M.T."),
    ]
    key = cert.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    assert key.key_size == 3072
    assert ext(cert, x509.BasicConstraints).value == x509.BasicConstraints(
        ca=False, path_length=None
    )
    usage = ext(cert, x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature
    assert usage.value.content_commitment
    assert not usage.value.key_cert_sign
    assert list(ext(cert, x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.EMAIL_PROTECTION,
        DOCUMENT_SIGNING,
    ]
    aia = {
        (d.access_method, str(d.access_location.value))
        for d in ext(cert, x509.AuthorityInformationAccess).value
    }
    base = f"http://127.0.0.1:{pki.port}"
    assert aia == {
        (AuthorityInformationAccessOID.OCSP, f"{base}/ocsp"),
        (AuthorityInformationAccessOID.CA_ISSUERS, f"{base}/ca/issuing-ca.cer"),
    }
    cdp = ext(cert, x509.CRLDistributionPoints).value
    assert [str(dp.full_name[0].value) for dp in cdp] == [f"{base}/crl/issuing-ca.crl"]
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert dt.timedelta(days=729) <= lifetime <= dt.timedelta(days=731)


def test_tsa_and_ocsp_responder_certificates(demo_pki_session: DemoPki) -> None:
    pki = demo_pki_session
    tsa, responder = pki.tsa_cert, pki.ocsp_cert
    for cert in (tsa, responder):
        cert.verify_directly_issued_by(pki.issuing_ca)
        assert ext(cert, x509.KeyUsage).value.digital_signature
    tsa_eku = ext(tsa, x509.ExtendedKeyUsage)
    assert tsa_eku.critical
    assert list(tsa_eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    assert list(ext(responder, x509.ExtendedKeyUsage).value) == [ExtendedKeyUsageOID.OCSP_SIGNING]
    assert isinstance(ext(responder, x509.OCSPNoCheck).value, x509.OCSPNoCheck)


def test_p12_holds_key_certificate_and_chain_behind_the_passphrase(
    demo_pki_session: DemoPki,
) -> None:
    pki = demo_pki_session
    assert pki.official_keys() == sorted(OFFICIALS)
    data = pki.p12_path(KABID_IKP).read_bytes()
    key, cert, extra = pkcs12.load_key_and_certificates(data, DEMO_PASSPHRASE)
    assert isinstance(key, rsa.RSAPrivateKey)
    assert cert == pki.certificate_of(KABID_IKP)
    assert extra == [pki.issuing_ca, pki.root]
    with pytest.raises(ValueError, match="password"):
        pkcs12.load_key_and_certificates(data, b"salah")
    with pytest.raises(PkiError, match="tidak ada sertifikat DEMO"):
        pki.p12_path("199999999999999999")


def test_demo_nik_is_fictional_deterministic_and_well_formed() -> None:
    nik = demo_nik(KADIS)  # born 1967-08-27, a man
    assert nik == demo_nik(KADIS)
    assert len(nik) == 16
    assert nik.isdigit()
    assert nik.startswith("997101270867")
    woman = demo_nik(KABID_IKP)  # born 1978-03-14, a woman: day + 40
    assert woman[6:12] == "540378"
    assert demo_nik("bukan-nip") != demo_nik("bukan-nip-lain")
    assert len(demo_nik("bukan-nip")) == 16
    assert OFFICIALS[STAF].nik == demo_nik(STAF)


def test_issue_reissues_an_expired_certificate(demo_pki: DemoPki, tmp_path: Path) -> None:
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    path = demo_pki.issue(
        OFFICIALS[STAF],
        not_before=start,
        not_after=start + dt.timedelta(days=365),
        passphrase=b"rahasia-lain",
        out=tmp_path / "kedaluwarsa.p12",
    )
    _, cert, _ = pkcs12.load_key_and_certificates(path.read_bytes(), b"rahasia-lain")
    assert cert is not None
    assert cert.not_valid_after_utc == start + dt.timedelta(days=365)
    assert cert != demo_pki.certificate_of(STAF)  # the default .p12 was left alone
    reopened = DemoPki.open(demo_pki.folder)
    assert cert.serial_number in {c.serial for c in reopened.issued()}


def test_create_refuses_a_folder_with_files_and_bad_values(tmp_path: Path) -> None:
    busy = tmp_path / "sudah ada"
    busy.mkdir()
    (busy / "x.txt").write_text("x")
    official = next(iter(OFFICIALS.values()))
    with pytest.raises(PkiError, match="tidak kosong") as caught:
        DemoPki.create(busy, [official], passphrase=DEMO_PASSPHRASE, port=40000)
    assert caught.value.kind == PkiError.EXISTS
    with pytest.raises(PkiError, match="port 0"):
        DemoPki.create(tmp_path / "baru", [official], passphrase=DEMO_PASSPHRASE, port=0)
    with pytest.raises(PkiError, match="frasa sandi"):
        DemoPki.create(tmp_path / "baru", [official], passphrase=b"", port=40000)
    with pytest.raises(PkiError, match="NIK harus 16 angka"):
        DemoOfficial("Budi", KADIS, "123", "Kepala", "Dinas")
    with pytest.raises(PkiError, match="NIP"):
        DemoOfficial("Budi", "123", "9971012708670001", "Kepala", "Dinas")
    assert not (tmp_path / "baru").exists()


def test_state_toml_errors_name_the_file_and_key(demo_pki: DemoPki) -> None:
    state = demo_pki.folder / "state.toml"
    text = state.read_text("utf-8")
    state.write_text(text.replace('kind = "official"', 'kind = "pejabat"', 1), "utf-8")
    with pytest.raises(PkiError, match=r"state\.toml: \[issued\[\d\]\.kind\] 'pejabat' bukan"):
        DemoPki.open(demo_pki.folder)
    state.write_text("port = [", "utf-8")
    with pytest.raises(PkiError, match="tidak dapat dibaca") as caught:
        DemoPki.open(demo_pki.folder)
    assert caught.value.kind == PkiError.BAD_FILE
    state.unlink()
    with pytest.raises(PkiError, match=r"state\.toml PKI DEMO tidak ada"):
        DemoPki.open(demo_pki.folder)


def test_revoke_by_nip_and_serial_is_recorded_once(demo_pki: DemoPki) -> None:
    serial = demo_pki.revoke(KADIS, reason="affiliationChanged")
    assert serial == demo_pki.certificate_of(KADIS).serial_number
    assert demo_pki.revoke(f"{serial:x}") == serial  # a second revocation keeps the first
    reopened = DemoPki.open(demo_pki.folder)
    assert reopened.is_revoked(serial)
    assert 'reason = "affiliationChanged"' in (demo_pki.folder / "state.toml").read_text("utf-8")
    with pytest.raises(PkiError, match="tidak pernah menerbitkan"):
        demo_pki.revoke("abcdef")
    with pytest.raises(PkiError, match="alasan 'lupa' tidak dikenal"):
        demo_pki.revoke(KADIS, reason="lupa")


def test_keys_made_on_first_use_chain_to_the_root_and_answer_ocsp(tmp_path: Path) -> None:
    made = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)
    officials = list(OFFICIALS.values())
    pki = DemoPki.create(
        tmp_path / "pki", officials, passphrase=DEMO_PASSPHRASE, port=8999, now=made, on_demand=True
    )
    keys = sorted(o.key for o in officials)
    assert pki.official_keys() == keys  # enrolled: listed before any key exists
    assert not any(pki.is_issued(k) for k in keys)
    assert not list((tmp_path / "pki" / "officials").glob("*.p12"))
    assert [c.kind for c in pki.issued()] == ["ca", "tsa", "ocsp"]  # no official yet

    path = pki.p12_path(KADIS)  # the first ask makes the key
    assert pki.is_issued(KADIS)
    assert not pki.is_issued(STAF)
    key, cert, cas = pkcs12.load_key_and_certificates(path.read_bytes(), DEMO_PASSPHRASE)
    assert isinstance(key, rsa.RSAPrivateKey)
    assert key.key_size == 3072  # as strong as the officials' keys made up front
    assert cert is not None
    cert.verify_directly_issued_by(pki.issuing_ca)
    assert [c.subject for c in cas] == [pki.issuing_ca.subject, pki.root.subject]
    # the validity it would have had if made when the PKI was
    assert cert.not_valid_before_utc == made - dt.timedelta(days=1)
    assert cn(cert.subject) == OFFICIALS[KADIS].nama
    assert pki.p12_path(KADIS) == path  # later asks find it
    assert pki.certificate_of(KADIS) == cert
    assert [c.key for c in pki.issued() if c.kind == "official"] == [KADIS]

    request = ocsp.OCSPRequestBuilder().add_certificate(cert, pki.issuing_ca, hashes.SHA256())
    der = request.build().public_bytes(Encoding.DER)
    answer = ocsp.load_der_ocsp_response(pki.ocsp_response(der, now=made))
    assert answer.certificate_status == ocsp.OCSPCertStatus.GOOD
    # another handle on the same folder sees it, and revoking an enrolled official makes then
    # revokes their certificate
    other = DemoPki.open(tmp_path / "pki")
    assert other.is_issued(KADIS)
    serial = other.revoke(STAF)
    assert other.is_issued(STAF)
    assert other.is_revoked(serial)
    with pytest.raises(PkiError) as unknown:
        other.p12_path("199901012020011001")
    assert unknown.value.kind == PkiError.NOT_FOUND


def test_first_use_needs_the_demo_passphrase(tmp_path: Path) -> None:
    with pytest.raises(PkiError) as refused:
        DemoPki.create(
            tmp_path / "pki",
            list(OFFICIALS.values()),
            passphrase=b"lain",
            port=8999,
            on_demand=True,
        )
    assert refused.value.kind == PkiError.BAD_VALUE
    assert not (tmp_path / "pki").exists()
