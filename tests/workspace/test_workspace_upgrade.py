"""Old files keep working: the config.toml format steps and every released database version.

The fixtures in ``tests/data/upgrade/`` are never regenerated: they are what old versions wrote.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tnde.errors import ConfigError, WorkflowRefused
from tnde.workspace import Workspace, WorkspaceConfig, check_workspace
from tnde.workspace.config import CONFIG_VERSION, read_config, upgrade_config, write_config
from tnde.workspace.schema import CURRENT_VERSION

UPGRADE = Path(__file__).resolve().parent.parent / "data" / "upgrade"


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return tmp_path / "pengaturan – é" / "config.toml"


def test_a_version_1_config_is_read_in_the_current_form(tmp_path: Path) -> None:
    old = tmp_path / "config.toml"
    shutil.copy(UPGRADE / "config_v1.toml", old)
    assert read_config(old) == WorkspaceConfig(
        schema_version=CONFIG_VERSION,
        profile_id="bkpsdm-kabupaten-sukamaju",
        archive_url="https://arsip.sukamaju.go.id/tnde",
        demo=False,
    )
    assert old.read_bytes() == (UPGRADE / "config_v1.toml").read_bytes()  # reading never writes


def test_upgrading_a_version_1_config_rewrites_it_once(tmp_path: Path) -> None:
    old = tmp_path / "config.toml"
    shutil.copy(UPGRADE / "config_v1.toml", old)
    config = upgrade_config(old)
    text = old.read_text(encoding="utf-8")
    assert f"schema_version = {CONFIG_VERSION}" in text
    assert "profil " not in text
    assert read_config(old) == config
    assert upgrade_config(old) == config


def test_an_empty_archive_url_of_version_1_means_no_archive(config_file: Path) -> None:
    config_file.parent.mkdir()
    config_file.write_text('schema_version = 1\nprofil = ""\narchive_url = ""\n', encoding="utf-8")
    assert read_config(config_file) == WorkspaceConfig()


def test_config_round_trips(config_file: Path) -> None:
    config_file.parent.mkdir()
    config = WorkspaceConfig(
        profile_id="diskominfo-nusantara-raya", archive_url="https://arsip.example/ü", demo=True
    )
    write_config(config_file, config)
    assert read_config(config_file) == config


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (
            "schema_version = 9\n",
            "schema_version",
            "TNDE Desktop yang lebih baru (versi konfigurasi 9)",
        ),
        ('profile = "x"\n', "schema_version", "wajib"),
        ("schema_version = 2\nprofil = 'x'\n", "profil", "kunci tidak dikenal"),
        ("schema_version = 2\ndemo = 'ya'\n", "demo", "seharusnya true atau false"),
        ("schema_version = 2\n[archive]\nurl = 'ftp://x'\n", "archive.url", "bukan URL http(s)"),
        ("schema_version = 2\nprofile = '../etc'\n", "profile", "bukan id profil"),
        ("schema_version = [\n", "", "TOML rusak"),
    ],
)
def test_a_bad_config_names_the_key_and_the_problem(
    config_file: Path, text: str, key: str, problem: str
) -> None:
    config_file.parent.mkdir()
    config_file.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(config_file)
    assert caught.value.key == key
    assert problem in caught.value.problem
    assert caught.value.path == str(config_file)


def test_a_version_1_workspace_opens_and_checks_clean(tmp_path: Path) -> None:
    folder = tmp_path / "ruang kerja lama – é"
    shutil.copytree(UPGRADE / "workspace_v1", folder)
    dump = folder / "workspace.sql"
    conn = sqlite3.connect(folder / "workspace.sqlite")
    conn.executescript(dump.read_text(encoding="utf-8"))
    conn.close()
    dump.unlink()
    with Workspace.open(folder) as ws:
        assert ws.schema_version == CURRENT_VERSION
        assert ws.config.profile_id == "diskominfo-nusantara-raya"
        report = check_workspace(ws)
        assert report.findings == ()
        assert (report.blobs, report.audit_rows, report.events) == (1, 3, 3)
        [sha] = [r[0] for r in ws.connect().execute("SELECT sha256 FROM blob")]
        assert ws.blobs.get(sha) == "Surat uji – versi 1\n".encode()


def test_a_version_2_config_has_no_owner_and_its_workspace_refuses_to_act(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "lama"
    shutil.copytree(UPGRADE / "workspace_v1", folder)
    conn = sqlite3.connect(folder / "workspace.sqlite")
    conn.executescript((folder / "workspace.sql").read_text(encoding="utf-8"))
    conn.close()
    assert read_config(folder / "config.toml").owner == ""
    with Workspace.open(folder) as ws:
        assert f"schema_version = {CONFIG_VERSION}" in (folder / "config.toml").read_text("utf-8")
        assert ws.acting.default_actor() == ""
        with pytest.raises(WorkflowRefused, match="ACT-NO-OWNER"):
            ws.acting.admit("199203152019031004")


def test_a_version_3_config_names_the_owner_and_refuses_a_bad_nip(
    config_file: Path,
) -> None:
    config_file.parent.mkdir()
    write_config(config_file, WorkspaceConfig(owner="199203152019031004"))
    text = config_file.read_text("utf-8")
    assert 'owner = "199203152019031004"' in text
    assert "schema_version = 3" in text
    config_file.write_text(text.replace('"199203152019031004"', '"12"'), "utf-8")
    with pytest.raises(ConfigError, match="owner"):
        read_config(config_file)
