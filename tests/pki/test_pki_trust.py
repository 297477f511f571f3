"""The workspace trust store: add, list, remove, footer names, and clear errors for bad files."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.pkifixtures import KADIS
from tnde.errors import PkiError
from tnde.pki import DEMO_FOOTER_ISSUER, TrustStore, certificate_pem, fingerprint
from tnde.pki.trust import BSRE_FOOTER_ISSUER

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.pki import DemoPki

Pair = tuple[x509.Certificate, ec.EllipticCurvePrivateKey]


def name(cn: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def make_cert(subject: x509.Name, issuer: Pair | None = None, *, ca: bool = True) -> Pair:
    """A certificate with an EC key (fast): self-signed when ``issuer`` is ``None``."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer[0].subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(issuer[1] if issuer else key, hashes.SHA256())
    )
    return cert, key


@pytest.fixture
def store(tmp_path: Path) -> TrustStore:
    return TrustStore.for_workspace(tmp_path / "ruang kerja – é")


def test_add_list_roots_and_remove(store: TrustStore, demo_pki_session: DemoPki) -> None:
    assert store.list() == []
    assert store.roots() == []
    root = demo_pki_session.root
    added = store.add_root(certificate_pem(root), footer_issuer=DEMO_FOOTER_ISSUER, demo=True)
    assert added.label == "TNDE DEMO Root CA"
    assert added.fingerprint == fingerprint(root)
    assert added.demo
    assert added.not_after == root.not_valid_after_utc
    other, _ = make_cert(name("Akar Uji Lain", "Instansi Uji"))
    der = other.public_bytes(serialization.Encoding.DER)
    store.add_root(der, label="Akar kedua")
    listed = store.list()
    assert [(r.label, r.demo, r.footer_issuer) for r in listed] == [
        ("TNDE DEMO Root CA", True, DEMO_FOOTER_ISSUER),
        ("Akar kedua", False, None),
    ]
    assert listed[1].subject == "CN=Akar Uji Lain,O=Instansi Uji,C=ID"
    assert store.roots() == [root, other]
    assert (store.folder / f"{fingerprint(other)}.pem").is_file()
    assert store.config_path == store.folder.parent / "trust.toml"

    # Adding again updates in place (label kept unless given).
    again = store.add_root(der, footer_issuer="Instansi Uji")
    assert (again.label, again.footer_issuer) == ("Akar kedua", "Instansi Uji")
    assert len(store.list()) == 2

    gone = store.remove(fingerprint(other)[:12].upper())
    assert gone.label == "Akar kedua"
    assert store.roots() == [root]
    assert not (store.folder / f"{fingerprint(other)}.pem").exists()
    with pytest.raises(PkiError, match="tidak ada satu pun akar") as caught:
        store.remove("deadbeefdeadbeef")
    assert caught.value.kind == PkiError.NOT_FOUND
    with pytest.raises(PkiError, match="tidak ada satu pun akar"):
        store.remove("0")  # too short to be unambiguous
    leftovers = [p.name for p in store.folder.parent.rglob("*.tmp")]
    assert leftovers == []  # atomic writes leave no temporary files


def test_bad_files_are_refused_with_the_reason(
    store: TrustStore, demo_pki_session: DemoPki
) -> None:
    with pytest.raises(PkiError, match=r"akar\.pem: bukan sertifikat X\.509") as caught:
        store.add_root(b"-----BEGIN CERTIFICATE-----\nrusak\n", source="akar.pem")
    assert caught.value.kind == PkiError.BAD_FILE
    with pytest.raises(PkiError, match="bukan sertifikat CA") as caught:
        store.add_root(certificate_pem(demo_pki_session.certificate_of(KADIS)), source="ttd.pem")
    assert caught.value.kind == PkiError.BAD_CERTIFICATE
    with pytest.raises(PkiError, match="bukan ditandatangani sendiri"):
        store.add_root(certificate_pem(demo_pki_session.issuing_ca), source="ca.pem")
    assert store.list() == []


def test_a_damaged_config_or_certificate_file_is_named(
    store: TrustStore, demo_pki_session: DemoPki
) -> None:
    store.add_root(certificate_pem(demo_pki_session.root), demo=True)
    config = store.config_path.read_text("utf-8")
    store.config_path.write_text(config.replace("demo = true", 'demo = "ya"'), "utf-8")
    with pytest.raises(PkiError, match=r"trust\.toml: \[root\[0\]\.demo\] harus bertipe bool"):
        store.list()
    store.config_path.write_text("warna = 1\n" + config, "utf-8")
    with pytest.raises(PkiError, match=r"\[warna\] kunci tidak dikenal"):
        store.list()
    store.config_path.write_text(config + "warna = 1\n", "utf-8")
    with pytest.raises(PkiError, match=r"\[root\[0\]\.warna\] kunci tidak dikenal"):
        store.list()
    store.config_path.write_text("schema_version = [", "utf-8")
    with pytest.raises(PkiError, match="tidak dapat dibaca"):
        store.list()
    store.config_path.write_text(config, "utf-8")
    other, _ = make_cert(name("Akar Palsu", "Penyusup"))
    (store.folder / f"{fingerprint(demo_pki_session.root)}.pem").write_bytes(certificate_pem(other))
    with pytest.raises(PkiError, match="tidak cocok dengan sidik jari"):
        store.roots()


def test_footer_issuer_for_demo_and_foreign_chains(
    store: TrustStore, demo_pki_session: DemoPki
) -> None:
    pki = demo_pki_session
    signer = pki.certificate_of(KADIS)
    assert store.footer_issuer_for([signer, pki.issuing_ca]) is None  # nothing trusted yet
    store.add_root(certificate_pem(pki.root), footer_issuer=DEMO_FOOTER_ISSUER, demo=True)
    assert store.footer_issuer_for([signer, pki.issuing_ca]) == DEMO_FOOTER_ISSUER
    assert store.footer_issuer_for([signer, pki.issuing_ca, pki.root]) == DEMO_FOOTER_ISSUER
    assert store.footer_issuer_for([signer]) is None  # the issuing CA is missing
    assert store.footer_issuer_for([]) is None

    # pyHanko hands out asn1crypto certificates; they work too.
    from asn1crypto import x509 as asn1_x509

    def as_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    chain = [as_asn1(signer), as_asn1(pki.issuing_ca)]
    assert store.footer_issuer_for(chain) == DEMO_FOOTER_ISSUER

    # A look-alike chain (same names, other keys) does not end at the trusted root.
    fake_root = make_cert(pki.root.subject)
    fake_ca = make_cert(pki.issuing_ca.subject, fake_root)
    fake_signer, _ = make_cert(signer.subject, fake_ca, ca=False)
    assert store.footer_issuer_for([fake_signer, fake_ca[0], fake_root[0]]) is None


def test_footer_issuer_under_the_indonesian_root_names_the_psre(store: TrustStore) -> None:
    # Stand-ins with the real names, to test the mapping only (never leave this file).
    root = make_cert(name("Root CA Indonesia DS G1", "Kementerian Komunikasi dan Informatika"))
    bsre = make_cert(name("BSRE CA DS G1", "Badan Siber dan Sandi Negara"), root)
    other_psre = make_cert(name("PSrE Lain CA", "PT PSrE Lain"), root)
    store.add_root(certificate_pem(root[0]))
    entry = store.list()[0]
    assert entry.footer_issuer is None
    assert entry.issuers == {
        "CN=BSRE CA DS G1,O=Badan Siber dan Sandi Negara,C=ID": BSRE_FOOTER_ISSUER
    }
    by_bsre, _ = make_cert(name("BUDI SANTOSO", "Pemerintah Provinsi"), bsre, ca=False)
    by_other, _ = make_cert(name("SITI", "Pemerintah Provinsi"), other_psre, ca=False)
    assert store.footer_issuer_for([by_bsre, bsre[0]]) == BSRE_FOOTER_ISSUER
    # Never BSrE for another PSrE under the same root: its own organisation name.
    assert store.footer_issuer_for([by_other, other_psre[0]]) == "PT PSrE Lain"
    store.set_issuer_footer(entry.fingerprint, "CN=PSrE Lain CA,O=PT PSrE Lain,C=ID", "PSrE Lain")
    assert store.footer_issuer_for([by_other, other_psre[0]]) == "PSrE Lain"
    assert "[[root.issuer]]" in store.config_path.read_text("utf-8")
