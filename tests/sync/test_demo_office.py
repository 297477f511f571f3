"""``tnde demo --office DIR``: an archive and a linked desk per official of a route."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.office import surat_dinas_values
from tests.sync.conftest import MemorySecrets
from tests.sync.liveserver import free_port, live_archive
from tnde.cli.demo_office import create_demo_office
from tnde.cli.main import main
from tnde.org import demo_org_path, read_org, workspace_org
from tnde.secrets import KeyringSecretStore
from tnde.sync import ArchiveRefused, Syncer
from tnde.workflow import Letters
from tnde.workspace import Workspace

if TYPE_CHECKING:
    from pathlib import Path

    from tests.fakekeyring import FakeKeyring


def test_the_demo_office_links_a_desk_per_official_of_the_route(tmp_path: Path) -> None:
    port = free_port()
    secrets = MemorySecrets()
    desks = create_demo_office(tmp_path / "kantor", port=port, secrets=secrets)
    jabatan = [d.jabatan_id for d in desks]
    assert jabatan[0] == "PRANATA_KOMPUTER_APL"
    assert jabatan[-1] == "KASUBBAG_UMPEG"
    assert "KADIS" in jabatan
    assert len({d.nip for d in desks}) == len(desks)
    konseptor, kasi = desks[0], desks[1]
    chart = read_org(demo_org_path())
    with live_archive(tmp_path / "kantor" / "arsip", port=port):
        sent = _desk(konseptor.workspace, secrets)
        assert sent.ws.config.owner == konseptor.nip
        assert not sent.ws.config.demo
        letters = Letters(sent.ws)
        letter = letters.create(
            konseptor.nip,
            jenis="surat_dinas",
            unit_id=chart.get_jabatan(konseptor.jabatan_id).unit_id,
            profile_id="diskominfo-nusantara-raya",
            values=surat_dinas_values(hal="Uji kantor demo"),
        ).letter_id
        letters.set_route(konseptor.nip, letter, signer_jabatan="KADIS")
        letters.submit(konseptor.nip, letter)
        assert sent.sync_once().accepted == 3
        received = _desk(kasi.workspace, secrets)
        received.sync_once()
        inbox = Letters(received.ws).inbox(kasi.nip)
        assert [i.letter_id for i in inbox] == [letter]

        # each desk joined with the archive's org chart; the registry desk is an administrator
        assert set(workspace_org(received.ws).pegawai) == set(chart.pegawai)
        registry = desks[-1]
        assert registry.admin
        assert not any(d.admin for d in desks[:-1])
        admin = _desk(registry.workspace, secrets)
        accounts = admin.linked_desks()
        assert {a["nip"] for a in accounts} == {d.nip for d in desks}
        assert all(len(a["devices"]) == 1 for a in accounts)
        with pytest.raises(ArchiveRefused) as caught:
            sent.linked_desks()
        assert caught.value.code == "not_admin"
        for syncer in (sent, received, admin):
            syncer.close()
            syncer.ws.close()


def _desk(folder: Path, secrets: MemorySecrets) -> Syncer:
    return Syncer(Workspace.open(folder), secrets)


def test_the_command_prints_how_to_serve_and_each_desk(
    tmp_path: Path, memory_keyring: FakeKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    assert main(["demo", "--office", str(tmp_path / "kantor"), "--port", str(port)]) == 0
    shown = capsys.readouterr().out
    assert f"--plain-http --port {port}" in shown
    assert shown.count("tnde --workspace") >= 4
    assert shown.count("administrator arsip") == 1  # the registry desk's official
    # every desk can sync at once, with the token the command left in the keyring
    with live_archive(tmp_path / "kantor" / "arsip", port=port):
        for folder in sorted((tmp_path / "kantor").glob("meja-*")):
            ws = Workspace.open(folder)
            syncer = Syncer(ws, KeyringSecretStore())
            try:
                assert syncer.sync_once().rejected == 0
            finally:
                syncer.close()
                ws.close()
