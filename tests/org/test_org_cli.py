"""``tnde org import|show|export`` on a real workspace folder."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from tnde.cli import main as cli_main
from tnde.org import OrgChart, demo_org_path, load_org, read_org, write_org
from tnde.workspace import Workspace, WorkspaceConfig, audit_entries

if TYPE_CHECKING:
    from pathlib import Path

# End-to-end runs of the command line: slow, still run by CI (.ci/run).
pytestmark = pytest.mark.slow

OWNER = "199203152019031004"


def tnde(*argv: str | Path) -> int:
    """Run the ``tnde`` command line in-process and return its exit code."""
    return cli_main.main([str(a) for a in argv])


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A new workspace, its owner an official of the demo org."""
    folder = tmp_path / "ruang kerja – é"
    Workspace.create(folder, config=WorkspaceConfig(owner=OWNER)).close()
    return folder


def stored(workspace: Path) -> OrgChart:
    with Workspace.open(workspace) as ws:
        return load_org(ws.connect())


def audit_count(workspace: Path) -> int:
    with Workspace.open(workspace) as ws:
        return int(ws.connect().execute("SELECT count(*) FROM audit").fetchone()[0])


def test_import_stores_the_chart_as_the_owner(
    workspace: Path, demo: OrgChart, capsys: pytest.CaptureFixture[str]
) -> None:
    assert tnde("--workspace", workspace, "org", "import", demo_org_path()) == 0
    assert "14 unit, 18 jabatan, 17 pegawai, 19 penugasan diimpor ke" in capsys.readouterr().out
    assert stored(workspace) == demo
    with Workspace.open(workspace) as ws:
        assert audit_entries(ws.connect())[-1].actor == OWNER


def test_import_as_anyone_but_the_owner_is_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = "198506122010011003"
    assert tnde("--workspace", workspace, "org", "import", demo_org_path(), "--actor", other) == 1
    assert "ACT-NOT-OWNER" in capsys.readouterr().err
    assert stored(workspace).pegawai == ()


def test_import_needs_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "belum ada"
    assert tnde("--workspace", missing, "org", "import", demo_org_path()) == 1
    assert "workspace init" in capsys.readouterr().err
    assert not missing.exists()


def test_import_of_a_chart_with_problems_lists_them_and_writes_nothing(
    workspace: Path, tmp_path: Path, demo: OrgChart, capsys: pytest.CaptureFixture[str]
) -> None:
    assert tnde("--workspace", workspace, "org", "import", demo_org_path()) == 0
    audit_rows = audit_count(workspace)
    broken = (
        demo_org_path()
        .read_text("utf-8")
        .replace('superior_id = "KABID_IKP"', 'superior_id = "KABID_HUMAS"', 1)
    )
    path = tmp_path / "bagan rusak.toml"
    path.write_text(broken.replace('dasar = "Surat Perintah Sekretaris', 'catatan = "', 1), "utf-8")
    capsys.readouterr()
    assert tnde("--workspace", workspace, "org", "import", path) == 1
    err = capsys.readouterr().err
    assert "catatan" in err
    assert "kunci tidak dikenal" in err
    path.write_text(broken, "utf-8")
    assert tnde("--workspace", workspace, "org", "import", path) == 1
    err = capsys.readouterr().err
    assert f"{path} [jabatan[7].superior_id]: jabatan atasan 'KABID_HUMAS'" in err
    assert "1 masalah" in err
    assert "tidak ada yang diimpor" in err
    assert stored(workspace) == demo
    assert audit_count(workspace) == audit_rows


def test_problems_in_a_csv_folder_name_the_file_and_row(
    workspace: Path, tmp_path: Path, demo: OrgChart, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "csv bagan"
    write_org(demo, folder)
    lines = (folder / "assignment.csv").read_text("utf-8-sig").splitlines()
    lines[2] = lines[2].replace("Keputusan Gubernur Nusantara Raya Nomor 821.2/412/BKD/2022", "")
    lines[4] = lines[4].rsplit(",", 1)[0] + ","  # the Plt. loses its dasar
    (folder / "assignment.csv").write_text("\n".join(lines) + "\n", "utf-8")
    assert tnde("--workspace", workspace, "org", "import", folder) == 1
    err = capsys.readouterr().err
    assert f"{folder / 'assignment.csv'} [baris 5, dasar]:" in err
    assert stored(workspace).pegawai == ()


def test_import_check_only_validates(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert tnde("--workspace", workspace, "org", "import", "--check", demo_org_path()) == 0
    assert ": sah (" in capsys.readouterr().out
    assert stored(workspace).pegawai == ()


def test_show_prints_the_tree_with_holders_on_a_date(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tnde("--workspace", workspace, "org", "import", demo_org_path())
    capsys.readouterr()
    assert tnde("--workspace", workspace, "org", "show", "--on", "2026-11-27") == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Bagan organisasi per 2026-11-27\nPemerintah Provinsi Nusantara Raya (PROV)"
    )
    assert "  - Gubernur Nusantara Raya [GUB]: Pj. Dr. Ir. Hendra Wijaya Kusuma, M.Si.\n" in out
    assert (
        "[KABID_APTIKA]: Ir. Yusuf Pratama, M.Kom.; "
        "Plh. Fajar Nugroho, S.Kom., M.Cs. sampai 2026-12-11\n"
    ) in out
    assert "[KASUBBAG_UMPEG] (meja pencatat): Rina Marlina, S.E.\n" in out
    assert tnde("--workspace", workspace, "org", "show", "--on", "2026-08-01") == 0
    assert "[SEKDIS]: (kosong)" in capsys.readouterr().out


def test_show_json_nests_units_and_lists_holders(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tnde("--workspace", workspace, "org", "import", demo_org_path())
    capsys.readouterr()
    assert tnde("--workspace", workspace, "org", "show", "--json", "--on", "2026-12-12") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["on"] == "2026-12-12"
    dinas = data["units"][0]["children"][1]
    assert dinas["unit_id"] == "DISKOMINFO"
    aptika = next(c for c in dinas["children"] if c["unit_id"] == "DISKOMINFO.APTIKA")
    assert [h["bentuk"] for h in aptika["jabatan"][0]["holders"]] == ["definitif"]


def test_show_rejects_a_bad_date_as_usage(workspace: Path) -> None:
    tnde("--workspace", workspace, "org", "import", demo_org_path())
    assert tnde("--workspace", workspace, "org", "show", "--on", "27-11-2026") == 2


def test_show_on_a_missing_workspace_fails(tmp_path: Path) -> None:
    assert tnde("--workspace", tmp_path / "belum ada", "org", "show") == 1


def test_export_writes_toml_or_csv_that_reads_back(
    workspace: Path, tmp_path: Path, demo: OrgChart
) -> None:
    tnde("--workspace", workspace, "org", "import", demo_org_path())
    assert tnde("--workspace", workspace, "org", "export", tmp_path / "bagan ekspor.toml") == 0
    assert read_org(tmp_path / "bagan ekspor.toml") == demo
    assert tnde("--workspace", workspace, "org", "export", tmp_path / "csv ekspor") == 0
    assert read_org(tmp_path / "csv ekspor") == demo


def test_export_of_an_empty_chart_fails(workspace: Path, tmp_path: Path) -> None:
    assert tnde("--workspace", workspace, "org", "export", tmp_path / "kosong.toml") == 1
    assert not (tmp_path / "kosong.toml").exists()
