"""The workspace trust store: add, list, remove, footer names, what each root allows (extra
signing purposes, revocation freshness), and clear errors for bad files."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from tests.certkit import make_cert
from tests.pkifixtures import KADIS
from tnde.errors import PkiError
from tnde.pki import DEMO_FOOTER_ISSUER, TrustStore, certificate_pem, fingerprint
from tnde.pki.trust import BSRE_FOOTER_ISSUER, format_duration, parse_duration

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.pki import DemoPki

OFFICE_PURPOSE = "1.3.6.1.4.1.99999.7.1"
SERVER_AUTH = "1.3.6.1.5.5.7.3.1"


def name(cn: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


@pytest.fixture
def store(tmp_path: Path) -> TrustStore:
    return TrustStore.for_workspace(tmp_path / "ruang kerja – é")


def test_add_list_roots_and_remove(store: TrustStore, demo_pki_session: DemoPki) -> None:
    assert store.list() == []
    assert store.roots() == []
    root = demo_pki_session.root
    added = store.add_root(
        certificate_pem(root), footer_issuer=DEMO_FOOTER_ISSUER, demo=True, demo_workspace=True
    )
    assert added.label == "TNDE DEMO Root CA"
    assert added.fingerprint == fingerprint(root)
    assert added.demo
    assert added.not_after == root.not_valid_after_utc
    other, _ = make_cert(name("Akar Uji Lain", "Instansi Uji"))
    der = other.public_bytes(serialization.Encoding.DER)
    store.add_root(der, label="Akar kedua", demo_workspace=True)
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
    again = store.add_root(der, footer_issuer="Instansi Uji", demo_workspace=True)
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
        store.add_root(
            b"-----BEGIN CERTIFICATE-----\nrusak\n", source="akar.pem", demo_workspace=True
        )
    assert caught.value.kind == PkiError.BAD_FILE
    with pytest.raises(PkiError, match="bukan sertifikat CA") as caught:
        store.add_root(
            certificate_pem(demo_pki_session.certificate_of(KADIS)),
            source="ttd.pem",
            demo_workspace=True,
        )
    assert caught.value.kind == PkiError.BAD_CERTIFICATE
    with pytest.raises(PkiError, match="bukan ditandatangani sendiri"):
        store.add_root(
            certificate_pem(demo_pki_session.issuing_ca), source="ca.pem", demo_workspace=True
        )
    assert store.list() == []


def test_a_damaged_config_or_certificate_file_is_named(
    store: TrustStore, demo_pki_session: DemoPki
) -> None:
    store.add_root(certificate_pem(demo_pki_session.root), demo=True, demo_workspace=True)
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
    store.add_root(
        certificate_pem(pki.root), footer_issuer=DEMO_FOOTER_ISSUER, demo=True, demo_workspace=True
    )
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
    store.add_root(certificate_pem(root[0]), demo_workspace=True)
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


def test_purposes_and_revocation_freshness_round_trip(
    store: TrustStore, demo_pki_session: DemoPki
) -> None:
    root = certificate_pem(demo_pki_session.root)
    added = store.add_root(
        root,
        demo=True,
        demo_workspace=True,
        purposes=[OFFICE_PURPOSE, SERVER_AUTH, OFFICE_PURPOSE],
        revocation_freshness=dt.timedelta(hours=36),
    )
    assert added.purposes == (OFFICE_PURPOSE, SERVER_AUTH)  # duplicates dropped, order kept
    assert added.revocation_freshness == dt.timedelta(hours=36)
    config = store.config_path.read_text("utf-8")
    assert f'purposes = ["{OFFICE_PURPOSE}", "{SERVER_AUTH}"]' in config
    assert 'revocation_freshness = "1d12h"' in config
    (listed,) = store.list()
    assert (listed.purposes, listed.revocation_freshness) == (
        added.purposes,
        dt.timedelta(hours=36),
    )
    assert listed == added

    # Adding the root again, or naming an issuer's footer, keeps both settings.
    again = store.add_root(root, demo=True, demo_workspace=True)
    assert (again.purposes, again.revocation_freshness) == (
        added.purposes,
        added.revocation_freshness,
    )
    store.set_issuer_footer(added.fingerprint, "CN=CA Uji", "CA Uji")
    assert store.list()[0].purposes == added.purposes

    changed = store.update_root(added.fingerprint[:12], revocation_freshness=dt.timedelta(0))
    assert (changed.purposes, changed.revocation_freshness) == (added.purposes, dt.timedelta(0))
    assert changed.certificate == demo_pki_session.root
    cleared = store.update_root(added.fingerprint, purposes=[])
    assert cleared.purposes == ()
    config = store.config_path.read_text("utf-8")
    # Unset settings are not written, so the file stays readable by an older program.
    assert "purposes" not in config
    assert "revocation_freshness" not in config
    assert store.list()[0] == cleared
    with pytest.raises(PkiError, match="tidak ada satu pun akar") as caught:
        store.update_root("deadbeefdeadbeef", purposes=[])
    assert caught.value.kind == PkiError.NOT_FOUND


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('purposes = "1.3.6.1.5.5.7.3.1"', "purposes"),
        ('purposes = ["serverAuth"]', "purposes"),
        ("purposes = [1]", "purposes"),
        ("revocation_freshness = 24", "revocation_freshness"),
        ('revocation_freshness = "sehari"', "revocation_freshness"),
        ('revocation_freshness = "-1h"', "revocation_freshness"),
    ],
)
def test_bad_purposes_or_freshness_in_trust_toml_name_the_key(
    store: TrustStore, demo_pki_session: DemoPki, line: str, key: str
) -> None:
    store.add_root(certificate_pem(demo_pki_session.root), demo=True, demo_workspace=True)
    config = store.config_path.read_text("utf-8")
    store.config_path.write_text(config.replace("demo = true", f"demo = true\n{line}"), "utf-8")
    with pytest.raises(PkiError, match=rf"trust\.toml: \[root\[0\]\.{key}\] harus") as caught:
        store.list()
    assert caught.value.kind == PkiError.BAD_FILE


def test_bad_purposes_or_freshness_are_refused_before_anything_is_written(
    store: TrustStore, demo_pki_session: DemoPki
) -> None:
    root = certificate_pem(demo_pki_session.root)
    with pytest.raises(PkiError, match="'serverAuth' bukan OID bertitik") as caught:
        store.add_root(root, purposes=["serverAuth"], demo_workspace=True)
    assert caught.value.kind == PkiError.BAD_VALUE
    assert store.list() == []
    fp = store.add_root(root, demo_workspace=True).fingerprint
    with pytest.raises(PkiError, match="bukan OID bertitik"):
        store.update_root(fp, purposes=["1.3.6.1.", SERVER_AUTH])
    with pytest.raises(PkiError, match="nol atau lebih") as caught:
        store.update_root(fp, revocation_freshness=dt.timedelta(hours=-1))
    assert caught.value.kind == PkiError.BAD_VALUE
    assert store.list()[0].purposes == ()


@pytest.mark.parametrize(
    ("text", "window", "written"),
    [
        ("24h", dt.timedelta(hours=24), "1d"),
        ("30m", dt.timedelta(minutes=30), "30m"),
        ("2d", dt.timedelta(days=2), "2d"),
        ("1d12h", dt.timedelta(hours=36), "1d12h"),
        (" 90M ", dt.timedelta(minutes=90), "1h30m"),
        ("45s", dt.timedelta(seconds=45), "45s"),
        ("0", dt.timedelta(0), "0s"),
    ],
)
def test_durations(text: str, window: dt.timedelta, written: str) -> None:
    assert parse_duration(text) == window
    assert format_duration(window) == written
    assert parse_duration(written) == window


@pytest.mark.parametrize("text", ["", "24", "h", "-1h", "1.5h", "1w", "1d 12h", "sehari"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(PkiError, match="tulis seperti 30m, 24h atau 2d") as caught:
        parse_duration(text)
    assert caught.value.kind == PkiError.BAD_VALUE
