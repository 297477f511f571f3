"""``tnde pki …`` end to end, in child processes on a real workspace folder."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import urllib.request
from typing import TYPE_CHECKING

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.cliutil import ROOT, WorkspaceCli
from tnde.pki import DEMO_FOOTER_ISSUER, DemoPki, demo_nik, identity_of, nik_ref

if TYPE_CHECKING:
    from pathlib import Path

# End-to-end runs of the command line: slow, still run by CI (.ci/run).
pytestmark = pytest.mark.slow


KEPALA, STAF, TANPA_JABATAN, NIK_ASLI = (
    "197505052000031001",
    "199001012015032002",
    "198802022012121003",
    "198303032008011004",
)
ORG = f"""
schema_version = 1

[[unit]]
unit_id = "KAB"
nama = "Pemerintah Kabupaten Uji"

[[unit]]
unit_id = "DINAS"
nama = "Dinas Komunikasi dan Informatika"
parent_id = "KAB"

[[jabatan]]
jabatan_id = "KADIS"
nama = "Kepala Dinas Komunikasi dan Informatika"
unit_id = "DINAS"
heads_unit = true

[[jabatan]]
jabatan_id = "STAF"
nama = "Pranata Komputer Ahli Pertama"
unit_id = "DINAS"
superior_id = "KADIS"

[[jabatan]]
jabatan_id = "STAF2"
nama = "Analis Sistem Informasi"
unit_id = "DINAS"
superior_id = "KADIS"

[[pegawai]]
nip = "{KEPALA}"
nama = "Ir. Joko Susanto, M.T."

[[pegawai]]
nip = "{STAF}"
nama = "Ani Wulandari, S.Kom."

[[pegawai]]
nip = "{TANPA_JABATAN}"
nama = "Rudi Hartono"

[[pegawai]]
nip = "{NIK_ASLI}"
nama = "Dedi Kurniawan"
nik_ref = "sha256:{"ab" * 32}"

[[assignment]]
nip = "{KEPALA}"
jabatan_id = "KADIS"
bentuk = "definitif"
mulai = 2020-01-01

[[assignment]]
nip = "{STAF}"
jabatan_id = "STAF"
bentuk = "definitif"
mulai = 2020-01-01

[[assignment]]
nip = "{NIK_ASLI}"
jabatan_id = "STAF2"
bentuk = "definitif"
mulai = 2020-01-01
"""


@pytest.fixture
def cli(tmp_path: Path) -> WorkspaceCli:
    """A workspace with the small org chart above."""
    org = tmp_path / "bagan uji.toml"
    org.write_text(ORG, encoding="utf-8")
    cli = WorkspaceCli(tmp_path / "ruang kerja – é")
    cli.ok("workspace", "init", "--demo")
    cli.ok("org", "import", org)
    return cli


def test_demo_init_is_refused_outside_a_demo_workspace(tmp_path: Path) -> None:
    org = tmp_path / "bagan uji.toml"
    org.write_text(ORG, encoding="utf-8")
    cli = WorkspaceCli(tmp_path / "kantor")
    cli.ok("workspace", "init", "--owner", "198506122010011003")
    cli.ok("org", "import", org)
    stderr = cli.refused("hanya untuk ruang kerja demo", "pki", "demo-init")
    assert "workspace init --demo" in stderr
    assert not (cli.workspace / "pki" / "demo").exists()
    assert "Traceback" not in stderr


def query(cli: WorkspaceCli, sql: str) -> list[tuple[object, ...]]:
    db = (cli.workspace / "workspace.sqlite").resolve().as_uri()
    conn = sqlite3.connect(f"{db}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in conn.execute(sql).fetchall()]
    finally:
        conn.close()


def test_demo_init_issues_certificates_sets_nik_refs_and_trusts_the_root(
    cli: WorkspaceCli,
) -> None:
    made = cli.json("pki", "demo-init")
    folder = cli.workspace / "pki" / "demo"
    assert made["folder"] == str(folder)
    assert made["passphrase"] == "demo1234"
    # Only those who hold a jabatan, and not the one whose nik_ref is a real NIK's.
    assert [o["nip"] for o in made["officials"]] == [KEPALA, STAF]
    pki = DemoPki.open(folder)
    assert pki.port == made["port"]
    who = identity_of(pki.certificate_of(KEPALA))
    assert (who.nama, who.nip, who.nik) == ("Ir. Joko Susanto, M.T.", KEPALA, demo_nik(KEPALA))
    assert who.jabatan == "Kepala Dinas Komunikasi dan Informatika"
    assert who.unit == "Dinas Komunikasi dan Informatika"
    assert who.organisasi == "Pemerintah Kabupaten Uji (DEMO)"
    refs = dict(query(cli, "SELECT nip, nik_ref FROM pegawai"))
    assert refs == {
        KEPALA: nik_ref(demo_nik(KEPALA)),
        STAF: nik_ref(demo_nik(STAF)),
        TANPA_JABATAN: "",
        NIK_ASLI: "sha256:" + "ab" * 32,
    }
    actions = [r[0] for r in query(cli, "SELECT action FROM audit ORDER BY seq")][-2:]
    assert actions == ["org.replace", "pki.demo_init"]
    assert cli.json("audit", "verify")["ok"] is True
    roots = cli.json("pki", "trust", "list")
    assert [(r["label"], r["demo"], r["footer_issuer"]) for r in roots] == [
        ("TNDE DEMO Root CA", True, DEMO_FOOTER_ISSUER)
    ]
    text = cli.ok("pki", "trust", "list")
    assert "[DEMO]" in text
    assert DEMO_FOOTER_ISSUER in text

    stderr = cli.refused("sudah punya PKI DEMO", "pki", "demo-init")
    assert "--replace" in stderr
    old_root = roots[0]["fingerprint"]
    printed = cli.ok("pki", "demo-init", "--replace")
    assert "DEMO_PASSPHRASE = 'demo1234'" in printed
    assert f"{folder / 'officials' / KEPALA}.p12" in printed
    new_roots = cli.json("pki", "trust", "list")
    assert len(new_roots) == 1
    assert new_roots[0]["fingerprint"] != old_root


def _other_root(tmp_path: Path) -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Akar Uji Instansi")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "akar instansi.der"
    path.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    return path


def test_trust_add_list_remove_and_bad_files(cli: WorkspaceCli, tmp_path: Path) -> None:
    assert "belum ada akar tepercaya" in cli.ok("pki", "trust", "list")
    bad = tmp_path / "bukan akar.pem"
    bad.write_text("ini bukan sertifikat", encoding="utf-8")
    stderr = cli.refused("bukan sertifikat X.509", "pki", "trust", "add", bad)
    assert str(bad) in stderr
    cli.refused("berkas tidak ditemukan", "pki", "trust", "add", tmp_path / "tidak ada.pem")
    root = _other_root(tmp_path)
    added = cli.json(
        "pki", "trust", "add", root, "--label", "Akar instansi", "--footer-issuer", "CA Instansi"
    )
    assert (added["label"], added["demo"], added["footer_issuer"]) == (
        "Akar instansi",
        False,
        "CA Instansi",
    )
    assert [r["fingerprint"] for r in cli.json("pki", "trust", "list")] == [added["fingerprint"]]
    out = cli.ok("pki", "trust", "remove", added["fingerprint"][:10])
    assert "tidak lagi dipercaya: Akar instansi" in out
    assert cli.json("pki", "trust", "list") == []
    assert [r[0] for r in query(cli, "SELECT action FROM audit ORDER BY seq")][-2:] == [
        "pki.trust_add",
        "pki.trust_remove",
    ]
    cli.refused("tidak ada satu pun akar", "pki", "trust", "remove", "0123456789abcdef")


def test_serve_answers_until_interrupted_and_revoke_shows_in_the_crl(cli: WorkspaceCli) -> None:
    err = cli.run("pki", "serve")
    assert err.returncode == 1
    assert "state.toml PKI DEMO tidak ada" in err.stderr
    assert "Traceback" not in err.stderr
    made = cli.json("pki", "demo-init")
    assert "dicabut (keyCompromise)" in cli.ok("pki", "revoke", STAF)
    serial = DemoPki.open(cli.workspace / "pki" / "demo").certificate_of(STAF).serial_number
    proc = subprocess.Popen(
        [sys.executable, "-m", "tnde", "--workspace", str(cli.workspace), "pki", "serve"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{made['port']}" in first, first
        url = f"http://127.0.0.1:{made['port']}/crl/issuing-ca.crl"
        with urllib.request.urlopen(url, timeout=10) as response:
            crl = x509.load_der_x509_crl(response.read())
        assert [r.serial_number for r in crl] == [serial]
        proc.send_signal(signal.SIGINT)
        out, errors = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, errors
    assert "berhenti" in out
    assert "Traceback" not in errors


def test_pki_commands_need_a_workspace(tmp_path: Path) -> None:
    cli = WorkspaceCli(tmp_path / "bukan ruang kerja")
    proc = cli.run("pki", "trust", "list")
    assert proc.returncode == 1
    assert "workspace init" in proc.stderr


def test_trust_add_and_set_what_a_root_allows(cli: WorkspaceCli, tmp_path: Path) -> None:
    root = _other_root(tmp_path)
    office, server_auth = "1.3.6.1.4.1.99999.7.1", "1.3.6.1.5.5.7.3.1"
    added = cli.json(
        "pki", "trust", "add", root, "--purpose", office, "--purpose", server_auth,
        "--revocation-freshness", "24h",
    )  # fmt: skip
    assert (added["purposes"], added["revocation_freshness"]) == ([office, server_auth], "1d")
    fp = added["fingerprint"]
    text = cli.ok("pki", "trust", "list")
    assert f"tujuan EKU tambahan {office}, {server_auth}" in text
    assert "kesegaran CRL/OCSP  1d" in text

    changed = cli.json("pki", "trust", "set", fp[:12], "--revocation-freshness", "30m")
    assert (changed["purposes"], changed["revocation_freshness"]) == ([office, server_auth], "30m")
    printed = cli.ok("pki", "trust", "set", fp, "--purpose", office)
    assert f"tujuan EKU tambahan {office}\n" in printed
    cleared = cli.json("pki", "trust", "set", fp, "--no-purposes")
    assert (cleared["purposes"], cleared["revocation_freshness"]) == ([], "30m")
    (listed,) = cli.json("pki", "trust", "list")
    assert listed == cleared
    audits = query(cli, "SELECT action, details FROM audit WHERE action LIKE 'pki.trust_%'")
    assert [a for a, _ in audits] == ["pki.trust_add", *["pki.trust_set"] * 3]
    assert server_auth in str(audits[0][1])

    cli.refused("bukan OID bertitik", "pki", "trust", "set", fp, "--purpose", "serverAuth")
    cli.refused("tulis seperti 30m, 24h atau 2d", "pki", "trust", "set", fp,
                "--revocation-freshness", "sehari")  # fmt: skip
    cli.refused("tidak ada satu pun akar", "pki", "trust", "set", "0123456789abcdef",
                "--no-purposes")  # fmt: skip
    for usage in ([], ["--purpose", office, "--no-purposes"]):
        proc = cli.run("pki", "trust", "set", fp, *usage)
        assert proc.returncode == 2, proc.stderr
    assert cli.json("pki", "trust", "list") == [cleared]
