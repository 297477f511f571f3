"""A desk trusts the archive it was told to: the certificate pinned by the fingerprint the
administrator read out, over real TLS."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from typing import TYPE_CHECKING

import pytest
import uvicorn

from tests.office import nip, office_chart, seed_org
from tests.sync.conftest import PASSWORD, PROFILE, MemorySecrets
from tests.sync.liveserver import free_port
from tnde.archive import init_archive, open_archive
from tnde.archive.accounts import enrol_account
from tnde.archive.app import app_for
from tnde.org import write_org_toml
from tnde.sync import ArchiveUnreachable, Syncer, SyncError, link_workspace
from tnde.workspace import Workspace, WorkspaceConfig

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@contextlib.contextmanager
def _https(folder: Path) -> Iterator[str]:
    archive = open_archive(folder)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app_for(archive),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            ssl_certfile=str(folder / "tls" / "server.crt"),
            ssl_keyfile=str(folder / "tls" / "server.key"),
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"https://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        archive.close()


def _code(folder: Path) -> str:
    archive = open_archive(folder)
    try:
        with archive.database.write() as conn:
            return enrol_account(conn, nip("analis"), at=dt.datetime.now(dt.UTC), actor="a").code
    finally:
        archive.close()


def test_a_desk_links_over_https_only_to_the_certificate_it_was_told(tmp_path: Path) -> None:
    org = tmp_path / "org.toml"
    write_org_toml(office_chart(), org)
    made = init_archive(tmp_path / "arsip", profile=PROFILE, org=org, names=["127.0.0.1"])
    ws = Workspace.create(
        tmp_path / "meja", config=WorkspaceConfig(profile_id=PROFILE, owner=nip("analis"))
    )
    seed_org(ws)
    secrets = MemorySecrets()
    with _https(made.folder) as url:
        wrong = "AB:" * 31 + "CD"
        with pytest.raises(SyncError) as refused:
            link_workspace(
                ws, url, nip=nip("analis"), secret="x|y", secrets=secrets, fingerprint=wrong
            )
        assert made.fingerprint in refused.value.args[0]
        # without a fingerprint, the system's authorities do not vouch for a self-signed one
        with pytest.raises(ArchiveUnreachable):
            link_workspace(ws, url, nip=nip("analis"), secret="x|y", secrets=secrets)
        assert secrets.items == {}
        link_workspace(
            ws,
            url,
            nip=nip("analis"),
            secret=f"{_code(made.folder)}|{PASSWORD}",
            secrets=secrets,
            fingerprint=made.fingerprint.lower().replace(":", " "),
        )
        syncer = Syncer(ws, secrets)
        try:
            assert syncer.sync_once().rejected == 0
        finally:
            syncer.close()
