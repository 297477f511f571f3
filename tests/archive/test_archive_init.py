"""``init`` makes a whole archive or nothing; ``open`` refuses what is not this archive's."""

from __future__ import annotations

import ipaddress
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from tests.archive.conftest import ORG_FILE, PROFILE
from tests.cliutil import ROOT
from tnde.archive import ArchiveError, init_archive, open_archive
from tnde.archive.config import ArchiveConfig, read_config, write_config
from tnde.archive.db import Database, resolve_url
from tnde.archive.records import read_chart, read_identity, sorted_chart
from tnde.archive.tls import format_fingerprint, normalize_fingerprint
from tnde.errors import ConfigError, ProfileError
from tnde.org import chart_digest, read_org

if TYPE_CHECKING:
    from tnde.archive import ArchiveFolder, InitResult

SERVER_LIBRARIES = ("fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "psycopg")


def test_init_makes_the_folder(made_archive_sqlite: Path) -> None:
    folder = made_archive_sqlite
    assert sorted(p.name for p in folder.iterdir()) == [
        "archive.sqlite",
        "blobs",
        "config.toml",
        "tls",
        "token.key",
    ]
    assert sorted(p.name for p in (folder / "blobs").iterdir()) == ["sha256", "tmp"]
    assert folder.stat().st_mode & 0o777 == 0o700
    for private in ("config.toml", "archive.sqlite", "tls/server.key", "token.key"):
        assert (folder / private).stat().st_mode & 0o777 == 0o600, private
    config = read_config(folder)
    assert config.profile == PROFILE
    assert config.database == ""


@pytest.fixture
def made_archive_sqlite(archive_dir: Path) -> Path:
    init_archive(archive_dir, profile=PROFILE, org=ORG_FILE, names=["arsip.kominfo.test"])
    return archive_dir


def test_the_fingerprint_is_the_certificate_s(made: InitResult, archive_dir: Path) -> None:
    certificate = x509.load_pem_x509_certificate((archive_dir / "tls/server.crt").read_bytes())
    expected = certificate.fingerprint(hashes.SHA256()).hex()
    assert made.fingerprint == format_fingerprint(expected)
    assert normalize_fingerprint(made.fingerprint) == expected
    assert len(made.fingerprint) == 32 * 3 - 1


def test_the_certificate_names_the_machine(made_archive_sqlite: Path) -> None:
    pem = (made_archive_sqlite / "tls/server.crt").read_bytes()
    certificate = x509.load_pem_x509_certificate(pem)
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {"localhost", "arsip.kominfo.test"} <= set(names.get_values_for_type(x509.DNSName))
    assert ipaddress.ip_address("127.0.0.1") in names.get_values_for_type(x509.IPAddress)
    assert not certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_the_org_chart_is_imported_whole(opened: ArchiveFolder) -> None:
    with opened.database.read() as conn:
        chart = read_chart(conn)
        identity = read_identity(conn)
    assert chart == sorted_chart(read_org(ORG_FILE))
    assert identity is not None
    assert identity.org_digest == chart_digest(chart)
    assert identity.profile == PROFILE
    assert identity.epoch == 1


def test_init_refuses_a_folder_in_use(archive_dir: Path) -> None:
    archive_dir.mkdir()
    (archive_dir / "catatan.txt").write_text("milik orang lain")
    with pytest.raises(ArchiveError) as caught:
        init_archive(archive_dir, profile=PROFILE, org=ORG_FILE)
    assert caught.value.code == ArchiveError.FOLDER_NOT_EMPTY
    assert sorted(p.name for p in archive_dir.iterdir()) == ["catatan.txt"]


def test_a_folder_that_cannot_be_made_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "berkas biasa"
    blocker.write_text("bukan folder")
    with pytest.raises(ArchiveError) as caught:
        init_archive(blocker / "arsip", profile=PROFILE, org=ORG_FILE)
    assert caught.value.code == ArchiveError.FOLDER_UNUSABLE
    assert str(blocker / "arsip") in caught.value.detail
    assert blocker.read_text() == "bukan folder"


def test_an_invalid_org_chart_makes_nothing(archive_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "org rusak.toml"
    stray = '\n[[jabatan]]\njabatan_id = "HANTU"\nnama = "Tanpa Unit"\nunit_id = "TIDAK.ADA"\n'
    broken.write_text(ORG_FILE.read_text(encoding="utf-8") + stray, encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        init_archive(archive_dir, profile=PROFILE, org=broken)
    assert caught.value.code == ArchiveError.INVALID_ORG
    assert ".unit_id" in caught.value.detail
    assert not archive_dir.exists()


def test_an_unknown_profile_makes_nothing(archive_dir: Path) -> None:
    with pytest.raises(ProfileError):
        init_archive(archive_dir, profile="tidak-ada", org=ORG_FILE)
    assert not archive_dir.exists()


def test_a_failure_half_way_removes_what_was_made(archive_dir: Path) -> None:
    archive_dir.mkdir()
    with pytest.raises(ArchiveError) as caught:
        init_archive(archive_dir, profile=PROFILE, org=ORG_FILE, database="mysql://x@y/z")
    assert caught.value.code == ArchiveError.DATABASE_UNREACHABLE
    assert list(archive_dir.iterdir()) == []


def test_init_refuses_a_database_in_use(
    archive_dir: Path, tmp_path: Path, database_url: str
) -> None:
    first = tmp_path / "arsip pertama"
    init_archive(first, profile=PROFILE, org=ORG_FILE, database=database_url)
    used = database_url or resolve_url(first, "").render_as_string()
    with pytest.raises(ArchiveError) as caught:
        init_archive(archive_dir, profile=PROFILE, org=ORG_FILE, database=used)
    assert caught.value.code == ArchiveError.DATABASE_NOT_EMPTY
    assert not archive_dir.exists()


def test_a_profile_file_is_copied_into_the_folder(archive_dir: Path, tmp_path: Path) -> None:
    own = tmp_path / "profil kantor – é" / f"{PROFILE}.toml"
    own.parent.mkdir()
    shutil.copy(Path(str(ORG_FILE)).parents[1] / "profiles" / f"{PROFILE}.toml", own)
    init_archive(archive_dir, profile=str(own), org=ORG_FILE)
    assert read_config(archive_dir).profile == f"{PROFILE}.toml"
    assert (archive_dir / f"{PROFILE}.toml").read_bytes() == own.read_bytes()
    archive = open_archive(archive_dir)
    try:
        assert archive.identity.profile == PROFILE
    finally:
        archive.close()


def test_open_refuses_what_is_not_an_archive(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError) as caught:
        open_archive(tmp_path)
    assert caught.value.code == ArchiveError.NOT_AN_ARCHIVE


def test_open_refuses_another_archive_s_database(tmp_path: Path, database_url: str) -> None:
    ours = tmp_path / "arsip kita"
    theirs = tmp_path / "arsip lain"
    init_archive(ours, profile=PROFILE, org=ORG_FILE, database=database_url)
    init_archive(theirs, profile=PROFILE, org=ORG_FILE)
    with pytest.raises(ArchiveError) as caught:
        open_archive(ours, database=resolve_url(theirs, "").render_as_string())
    assert caught.value.code == ArchiveError.DATABASE_FOREIGN


def test_open_names_a_missing_database_file(made_archive_sqlite: Path) -> None:
    (made_archive_sqlite / "archive.sqlite").unlink()
    with pytest.raises(ArchiveError) as caught:
        open_archive(made_archive_sqlite)
    assert caught.value.code == ArchiveError.DATABASE_EMPTY
    assert not (made_archive_sqlite / "archive.sqlite").exists()  # not made empty by opening


def test_open_names_a_database_it_cannot_reach(made_archive_sqlite: Path) -> None:
    unreachable = "postgresql+psycopg://arsip@127.0.0.1:1/arsip?connect_timeout=2"
    with pytest.raises(ArchiveError) as caught:
        open_archive(made_archive_sqlite, database=unreachable)
    assert caught.value.code == ArchiveError.DATABASE_UNREACHABLE
    assert "127.0.0.1:1" in caught.value.detail


def test_the_settings_file_is_read_strictly(tmp_path: Path) -> None:
    config = ArchiveConfig("01923f6e-0000-7000-8000-000000000000", PROFILE, "", blob_max_bytes=10)
    write_config(tmp_path, config)
    assert read_config(tmp_path) == config
    assert tomllib.loads((tmp_path / "config.toml").read_text())["limits"] == {"blob_max_bytes": 10}
    path = tmp_path / "config.toml"
    path.write_text("listen = true\n" + path.read_text())
    with pytest.raises(ConfigError) as caught:
        read_config(tmp_path)
    assert caught.value.key == "listen"


def test_a_database_password_is_never_shown(tmp_path: Path) -> None:
    db = Database(resolve_url(tmp_path, "postgresql://arsip:rahasia@db.example/arsip"))
    try:
        assert "rahasia" not in db.shown
        assert db.dialect == "postgresql"
    finally:
        db.close()


def test_the_command_line_starts_without_the_server_s_libraries() -> None:
    script = (
        "import sys\n"
        "from tnde.cli.main import build_parser\n"
        "build_parser().parse_args(['archive', 'serve', 'x'])\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {SERVER_LIBRARIES!r}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert proc.stdout.strip() == "[]"


def test_the_feed_counter_starts_at_zero(opened: ArchiveFolder) -> None:
    with opened.database.read() as conn:
        assert conn.execute(sa.text("SELECT value FROM feed_counter")).scalar_one() == 0
