"""A workspace outside demo mode acts as its owner only: the konseptor who could approve
their own letter by naming a reviewer with ``--as`` is refused, and so is anyone else."""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import TYPE_CHECKING

import pytest

from tests.office import FixedClock, nip, office_chart, seed_org, surat_dinas_values
from tnde.cli.main import main
from tnde.errors import ValidationError, WorkflowRefused, WorkspaceError
from tnde.incoming import IncomingDesk
from tnde.org import import_org, workspace_org
from tnde.register import SeriesRef
from tnde.resources import resource_path
from tnde.workflow import Letters, RegisterDesk
from tnde.workspace import Workspace, WorkspaceConfig, audit_entries, bind_owner

if TYPE_CHECKING:
    from pathlib import Path

RESOURCES = resource_path("samples")
META = {
    "asal": "Dinas Kesehatan",
    "nomor": "005/12/Dinkes/2026",
    "tanggal": "2026-11-18",
    "hal": "Undangan rapat koordinasi",
    "sifat": "Biasa",
    "urgensi": "Biasa",
    "kka": "005",
}
ROUTE = [
    {"kind": "periksa", "jabatan_id": "KASI1"},
    {"kind": "periksa", "jabatan_id": "KADIS"},
    {"kind": "tandatangan", "jabatan_id": "SEKDIS"},
]


def owned_by(tmp_path: Path, who: str, clock: FixedClock) -> tuple[Workspace, Letters]:
    ws = Workspace.create(tmp_path / f"meja {who}", config=WorkspaceConfig(owner=nip(who)))
    seed_org(ws)
    return ws, Letters(ws, clock)


def new_letter(letters: Letters, actor: str) -> str:
    return letters.create(
        actor,
        jenis="surat_dinas",
        unit_id="SEKSI1",
        profile_id="diskominfo-nusantara-raya",
        values=surat_dinas_values(),
    ).letter_id


def counts(ws: Workspace) -> tuple[int, int]:
    conn = ws.thread_connection()
    return (
        conn.execute("SELECT count(*) FROM event").fetchone()[0],
        conn.execute("SELECT count(*) FROM audit").fetchone()[0],
    )


def test_the_konseptor_cannot_approve_by_naming_the_reviewer(
    tmp_path: Path, clock: FixedClock
) -> None:
    ws, letters = owned_by(tmp_path, "analis", clock)
    letter = new_letter(letters, nip("analis"))
    letters.set_route(nip("analis"), letter, ROUTE)
    letters.submit(nip("analis"), letter)
    before = counts(ws)
    with pytest.raises(WorkflowRefused) as refused:
        letters.approve(nip("kasi"), letter)
    assert refused.value.rule == "ACT-NOT-OWNER"
    assert counts(ws) == before, "a refused action stores nothing, not even an audit row"
    with pytest.raises(WorkflowRefused) as own:
        letters.approve(nip("analis"), letter)
    assert own.value.rule == "WF-OWN-APPROVAL"
    assert {e.actor for e in audit_entries(ws.thread_connection())} <= {
        nip("analis"),
        "uji",
        "system",
    }


def test_every_kind_of_action_is_bound_to_the_owner(tmp_path: Path, clock: FixedClock) -> None:
    ws, letters = owned_by(tmp_path, "tu", clock)
    desk = IncomingDesk(ws, clock)
    with pytest.raises(WorkflowRefused, match="ACT-NOT-OWNER"):
        new_letter(letters, nip("analis"))
    with pytest.raises(WorkflowRefused, match="ACT-NOT-OWNER"):
        desk.register(nip("kadis"), unit_id="DINAS", meta=META)
    # the registry desk is a role the owner holds (KASUBBAG is a registry jabatan here)
    state = desk.register(nip("tu"), unit_id="DINAS", meta=META)
    assert state.registered_by == nip("tu")
    assert counts(ws)[0] == 1


def test_a_position_the_owner_holds_that_day_acts_for_them(
    tmp_path: Path, clock: FixedClock
) -> None:
    # The letter is made in a demo workspace, as if it had arrived from the other desks;
    # then the workspace becomes the Plh. Kepala Dinas's own desk.
    ws = Workspace.create(tmp_path / "meja", config=WorkspaceConfig(demo=True))
    seed_org(ws)
    letters = Letters(ws, clock)
    letter = new_letter(letters, nip("analis"))
    letters.set_route(nip("analis"), letter, ROUTE)
    letters.submit(nip("analis"), letter)
    letters.approve(nip("kasi"), letter)
    ws.save_config(dataclasses.replace(ws.config, demo=False, owner=nip("kabid2")))
    with pytest.raises(WorkflowRefused, match="ACT-NOT-OWNER"):
        letters.approve(nip("kadis"), letter)
    # kabid2 is Plh. Kepala Dinas from 18 to 22 November 2026 (tests/office.py)
    state = letters.approve(nip("kabid2"), letter)
    assert [s.decided_by for s in state.route[:2]] == [nip("kasi"), nip("kabid2")]


def test_a_workspace_without_an_owner_refuses_to_act_until_one_is_set(
    tmp_path: Path, clock: FixedClock
) -> None:
    ws = Workspace.create(tmp_path / "lama")
    seed_org(ws)
    letters = Letters(ws, clock)
    with pytest.raises(WorkflowRefused) as refused:
        new_letter(letters, nip("analis"))
    assert refused.value.rule == "ACT-NO-OWNER"
    assert "tnde workspace owner" in refused.value.detail
    with pytest.raises(ValidationError):
        bind_owner(ws, "12345")
    assert bind_owner(ws, nip("analis")) == nip("analis")
    assert Workspace.open(ws.path).config.owner == nip("analis"), "kept in config.toml"
    assert audit_entries(ws.thread_connection())[-1].action == "workspace.owner"
    new_letter(letters, nip("analis"))
    with pytest.raises(WorkflowRefused) as again:
        bind_owner(ws, nip("kasi"))
    assert again.value.rule == "ACT-OWNER-SET"
    assert Workspace.open(ws.path).config.owner == nip("analis")


def test_a_demo_workspace_has_no_owner(workspace: Workspace) -> None:
    with pytest.raises(WorkflowRefused, match="ACT-DEMO"):
        bind_owner(workspace, nip("analis"))


# -- the command line ---------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_init_needs_an_owner_outside_demo_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "meja"
    code, _, err = run(capsys, "--workspace", folder, "workspace", "init")
    assert code == 2
    assert "--owner NIP" in err
    assert not folder.exists()
    code, _, err = run(capsys, "--workspace", folder, "workspace", "init", "--owner", "123")
    assert code == 1
    assert "NIP" in err
    assert not folder.exists()
    owner = nip("analis")
    assert run(capsys, "--workspace", folder, "workspace", "init", "--owner", owner)[0] == 0
    code, out, _ = run(capsys, "--workspace", folder, "workspace", "info")
    assert f"owner           {owner}" in out


def test_as_defaults_to_the_owner_and_names_no_one_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "meja"
    owner = nip("analis")
    with Workspace.create(folder, config=WorkspaceConfig(owner=owner)) as ws:
        seed_org(ws)
    code, _, _ = run(capsys, "--workspace", folder, "inbox")
    assert code == 0, "inbox without --as is the owner's"
    # another official's queue is theirs to see at their own desk
    code, _, err = run(capsys, "--workspace", folder, "inbox", "--as", nip("kadis"))
    assert code == 1
    assert "ACT-NOT-OWNER" in err
    draft = tmp_path / "konsep.toml"
    draft.write_text(RESOURCES.joinpath("surat_dinas.toml").read_text("utf-8"), "utf-8")
    made = ("letter", "new", draft, "--unit", "SEKSI1", "--signer", "KADIS")
    code, _, err = run(capsys, "--workspace", folder, *made, "--as", nip("kasi"))
    assert (code, "ACT-NOT-OWNER" in err) == (1, True)
    with sqlite3.connect(folder / "workspace.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM event").fetchone()[0] == 0
    code, _, err = run(capsys, "--workspace", folder, *made)
    assert code == 0, err
    with sqlite3.connect(folder / "workspace.sqlite") as conn:
        actors = conn.execute("SELECT DISTINCT actor_nip FROM event").fetchall()
    assert actors == [(owner,)]


def test_a_demo_workspace_asks_who_acts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "latihan"
    assert run(capsys, "--workspace", folder, "workspace", "init", "--demo")[0] == 0
    code, _, err = run(capsys, "--workspace", folder, "inbox")
    assert code == 2
    assert "--as NIP" in err


def test_the_register_is_changed_only_at_the_registry_desk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "meja analis"
    with Workspace.create(folder, config=WorkspaceConfig(owner=nip("analis"))) as ws:
        seed_org(ws)
    series = ["--unit", "DINAS", "--series", "unit=DINAS|year=2026", "--year", "2026"]
    lease = ("register", "lease", *series, "--size", "5", "--desk", "meja TU")
    code, _, err = run(capsys, "--workspace", folder, *lease)
    assert code == 1
    assert "REG-REGISTRY-ONLY" in err
    with sqlite3.connect(folder / "workspace.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM number_lease").fetchone()[0] == 0


def test_a_mistyped_owner_can_be_replaced_until_something_was_done(
    tmp_path: Path, clock: FixedClock
) -> None:
    ws = Workspace.create(tmp_path / "meja", config=WorkspaceConfig(owner=nip("kasi")))
    seed_org(ws)
    with pytest.raises(WorkflowRefused, match="ACT-OWNER-SET"):
        bind_owner(ws, nip("analis"))
    assert bind_owner(ws, nip("analis"), replace_unused=True) == nip("analis")
    new_letter(Letters(ws, clock), nip("analis"))
    with pytest.raises(WorkflowRefused, match="ACT-OWNER-SET"):
        bind_owner(ws, nip("kasi"), replace_unused=True)
    assert Workspace.open(ws.path).config.owner == nip("analis")


def test_two_desks_setting_the_owner_at_once_give_one_owner(tmp_path: Path) -> None:
    first = Workspace.create(tmp_path / "lama")
    second = Workspace.open(first.path)  # opened before either chose: both see no owner
    bind_owner(first, nip("analis"))
    with pytest.raises(WorkflowRefused, match="ACT-OWNER-SET"):
        bind_owner(second, nip("kasi"))
    owners = [e for e in audit_entries(first.thread_connection()) if e.action == "workspace.owner"]
    assert len(owners) == 1
    assert Workspace.open(first.path).config.owner == nip("analis")


def test_owner_and_demo_exclude_each_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "meja"
    code, _, err = run(
        capsys, "--workspace", folder, "workspace", "init", "--demo", "--owner", nip("kasi")
    )
    assert code == 2
    assert "--owner" in err
    assert not folder.exists()
    with pytest.raises(ValidationError):
        WorkspaceConfig(demo=True, owner=nip("kasi"))


def test_an_office_workspace_is_not_turned_into_a_demo_by_its_settings_file(
    tmp_path: Path,
) -> None:
    ws = Workspace.create(tmp_path / "meja", config=WorkspaceConfig(owner=nip("analis")))
    ws.close()
    config = ws.path / "config.toml"
    text = config.read_text("utf-8")
    config.write_text(
        text.replace("demo = false", "demo = true").replace(nip("analis"), ""), "utf-8"
    )
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(ws.path)
    assert refused.value.kind == WorkspaceError.UNSAFE


def test_the_register_desk_of_the_core_admits_the_owner_at_the_registry_desk_only(
    tmp_path: Path, clock: FixedClock
) -> None:
    ref = SeriesRef("DINAS", "unit=DINAS|year=2026", 2026)
    analis = Workspace.create(tmp_path / "analis", config=WorkspaceConfig(owner=nip("analis")))
    seed_org(analis)
    with pytest.raises(WorkflowRefused, match="REG-REGISTRY-ONLY"):
        RegisterDesk(analis, nip("analis"), clock).lease(ref, size=5, desk="meja")
    tu = Workspace.create(tmp_path / "tu", config=WorkspaceConfig(owner=nip("tu")))
    seed_org(tu)
    with pytest.raises(WorkflowRefused, match="ACT-NOT-OWNER"):
        RegisterDesk(tu, nip("kadis"), clock).lease(ref, size=5, desk="meja")
    lease = RegisterDesk(tu, nip("tu"), clock).lease(ref, size=5, desk="meja")
    assert (lease.first_no, lease.last_no) == (1, 5)
    assert RegisterDesk(tu, nip("tu"), clock).close(lease.lease_id, reason="tidak dipakai") == (
        1,
        2,
        3,
        4,
        5,
    )
    for ws in (analis, tu):
        with ws.thread_connection() as conn:
            actors = {r[0] for r in conn.execute("SELECT actor FROM audit")}
        assert nip("kadis") not in actors


def test_the_org_chart_is_imported_by_the_owner_only(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "meja", config=WorkspaceConfig(owner=nip("tu")))
    with pytest.raises(WorkflowRefused, match="ACT-NOT-OWNER"):
        import_org(ws, office_chart(), actor=nip("kadis"))
    assert workspace_org(ws).pegawai == ()
    import_org(ws, office_chart(), actor=nip("tu"))
    assert len(workspace_org(ws).pegawai) == len(office_chart().pegawai)
    assert audit_entries(ws.thread_connection())[-1].actor == nip("tu")
