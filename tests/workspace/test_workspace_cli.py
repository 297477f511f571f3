"""``tnde workspace …`` and ``tnde audit …``: exit codes, messages and JSON."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tnde.cli.main import main
from tnde.workspace import Workspace

# End-to-end runs of the command line: slow, still run by CI (.ci/run).
pytestmark = pytest.mark.slow

OWNER = "199203152019031004"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "ruang kerja – é"


def test_init_uses_tnde_home_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "workspace", "init", "--owner", OWNER)
    home = Path(os.environ["TNDE_HOME"])
    assert code == 0
    assert f"ruang kerja dibuat: {home}" in out
    assert (home / "workspace.sqlite").is_file()


def test_init_records_the_profile(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    args = (
        "--workspace",
        folder,
        "workspace",
        "init",
        "--owner",
        OWNER,
        "--profile",
        "bkpsdm-kabupaten-sukamaju",
    )
    assert run(capsys, *args)[0] == 0
    code, out, _ = run(capsys, "--workspace", folder, "workspace", "info", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["profile"] == "bkpsdm-kabupaten-sukamaju"
    assert info["path"] == str(folder)


def test_init_refuses_an_unknown_profile_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, _, err = run(
        capsys, "--workspace", folder, "workspace", "init", "--owner", OWNER, "--profile", "tak-ada"
    )
    assert code == 1
    assert "profil tidak dikenal" in err
    assert not folder.exists()


def test_init_refuses_an_existing_workspace(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    assert run(capsys, "--workspace", folder, "workspace", "init", "--owner", OWNER)[0] == 0
    code, _, err = run(capsys, "--workspace", folder, "workspace", "init", "--owner", OWNER)
    assert code == 1
    assert "folder tidak kosong" in err


def test_commands_on_a_missing_workspace_say_how_to_make_one(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, _, err = run(capsys, "--workspace", folder, "audit", "verify")
    assert code == 1
    assert "bukan ruang kerja TNDE" in err
    assert "workspace init" in err


def test_check_passes_then_fails_on_a_missing_blob(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    with Workspace.create(folder) as ws, ws.transaction() as conn:
        sha = ws.blobs.put(b"%PDF-1.7\n", "application/pdf", conn)
    code, out, _ = run(capsys, "--workspace", folder, "workspace", "check")
    assert code == 0
    assert "0 galat, 0 peringatan" in out
    (folder / "blobs" / sha[:2] / sha).unlink()
    code, out, _ = run(capsys, "--workspace", folder, "workspace", "check", "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert report["findings"][0]["code"] == "blob_missing"
    assert report["findings"][0]["subject"] == sha


def test_audit_verify_names_the_broken_row(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    Workspace.create(folder).close()
    assert run(capsys, "--workspace", folder, "audit", "verify")[1] == "log audit utuh: 1 baris\n"
    conn = sqlite3.connect(folder / "workspace.sqlite", isolation_level=None)
    conn.execute("UPDATE audit SET actor = 'penyusup' WHERE seq = 1")
    conn.close()
    code, out, _ = run(capsys, "--workspace", folder, "audit", "verify")
    assert code == 1
    assert out.startswith("log audit rusak di baris 1 (edited)")
    code, out, _ = run(capsys, "--workspace", folder, "audit", "verify", "--json")
    assert code == 1
    assert json.loads(out)["problems"][0] == {
        "seq": 1,
        "kind": "edited",
        "detail": "baris 1 telah diubah: isinya tidak lagi cocok dengan hash-nya",
    }


def test_audit_show_lists_the_newest_rows(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    Workspace.create(folder).close()
    code, out, _ = run(capsys, "--workspace", folder, "audit", "show", "--limit", "5")
    assert code == 0
    assert "workspace.created" in out
    code, out, _ = run(capsys, "--workspace", folder, "audit", "show", "--json")
    assert json.loads(out)[0]["seq"] == 1
    assert run(capsys, "--workspace", folder, "audit", "show", "--limit", "0")[0] == 2


def test_the_installed_command_runs_in_a_child_process(folder: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tnde",
            "--workspace",
            str(folder),
            "workspace",
            "init",
            "--owner",
            OWNER,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (folder / "config.toml").is_file()
