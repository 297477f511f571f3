"""``tnde archive link``, ``tnde sync`` and ``tnde sync status`` against a live archive."""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import TYPE_CHECKING

import pytest

from tests.office import nip, seed_org, surat_dinas_values
from tests.sync.conftest import PASSWORD, PROFILE
from tnde.archive import open_archive
from tnde.archive.accounts import enrol_account
from tnde.cli.main import main
from tnde.workflow import Letters
from tnde.workspace import Workspace, WorkspaceConfig

if TYPE_CHECKING:
    from pathlib import Path

    from tests.fakekeyring import FakeKeyring
    from tests.sync.conftest import Office


def _secret_fd(*lines: str) -> int:
    read, write = os.pipe()
    os.write(write, "".join(f"{line}\n" for line in lines).encode("utf-8"))
    os.close(write)
    return read


def _enrol(office: Office, who: str) -> str:
    archive = open_archive(office.archive_folder)
    try:
        with archive.database.write() as conn:
            return enrol_account(conn, nip(who), at=dt.datetime.now(dt.UTC), actor="admin").code
    finally:
        archive.close()


def _workspace(tmp_path: Path, who: str) -> Workspace:
    ws = Workspace.create(
        tmp_path / f"cli {who}", config=WorkspaceConfig(profile_id=PROFILE, owner=nip(who))
    )
    seed_org(ws)
    return ws


def test_link_sync_and_status_from_the_command_line(
    office: Office,
    tmp_path: Path,
    memory_keyring: FakeKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ws = _workspace(tmp_path, "analis")
    letter = Letters(ws).create(
        nip("analis"),
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id=PROFILE,
        values=surat_dinas_values(),
    )
    where = ["--workspace", str(ws.path)]
    fd = _secret_fd(_enrol(office, "analis"), PASSWORD)
    try:
        assert main([*where, "archive", "link", office.url, "--secret-fd", str(fd)]) == 0
    finally:
        os.close(fd)
    assert "analis" not in capsys.readouterr().err
    # the refresh token went to the keyring, nothing secret to the workspace's settings
    assert len(memory_keyring.secrets) == 1
    assert PASSWORD not in (ws.path / "config.toml").read_text(encoding="utf-8")

    assert main([*where, "sync", "status", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert (before["linked"], before["pending"], before["nip"]) == (True, 1, nip("analis"))

    assert main([*where, "sync", "--once", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["accepted"], report["rejected"]) == (1, 0)

    assert main([*where, "sync", "status"]) == 0
    shown = capsys.readouterr().out
    assert office.url in shown
    assert "0" in shown.split("\n")[2]  # nothing waits
    assert letter.letter_id


def test_a_wrong_enrolment_code_links_nothing(
    office: Office,
    tmp_path: Path,
    memory_keyring: FakeKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ws = _workspace(tmp_path, "kasi")
    _enrol(office, "kasi")
    fd = _secret_fd("AAAA-BBBB-CCCC-DDDD", PASSWORD)
    try:
        code = main(
            ["--workspace", str(ws.path), "archive", "link", office.url, "--secret-fd", str(fd)]
        )
    finally:
        os.close(fd)
    assert code != 0
    assert memory_keyring.secrets == {}
    assert main(["--workspace", str(ws.path), "sync", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["linked"] is False


@pytest.mark.parametrize("url", ["http://[::1", "ftp://arsip", "http://10.0.0.1:8470"])
def test_a_url_that_cannot_be_used_is_refused_before_any_secret_is_asked(
    tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = _workspace(tmp_path, "analis")
    # no --secret-fd and no terminal: a prompt would fail with another message
    assert main(["--workspace", str(ws.path), "archive", "link", url]) != 0
    err = capsys.readouterr().err
    assert "secret-fd" not in err
    assert "https://" in err
