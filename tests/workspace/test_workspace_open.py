"""Creating and opening workspaces: what is refused, and how connections behave."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

from tests.workspace.workspace_support import AT, raw_connection
from tnde.errors import WorkspaceError
from tnde.ids import is_uuid7
from tnde.paths import default_workspace_path
from tnde.workspace import Workspace, WorkspaceConfig, audit_entries
from tnde.workspace.schema import CURRENT_VERSION

if TYPE_CHECKING:
    from pathlib import Path


def test_create_makes_the_three_parts_and_fixed_ids(tmp_path: Path) -> None:
    folder = tmp_path / "baru – ü" / "ruang kerja"
    config = WorkspaceConfig(profile_id="diskominfo-nusantara-raya")
    with Workspace.create(folder, config=config, at=AT) as ws:
        ids = ws.workspace_id, ws.device_id
        assert is_uuid7(ws.workspace_id)
        assert is_uuid7(ws.device_id)
        assert ws.schema_version == CURRENT_VERSION
    assert sorted(p.name for p in folder.iterdir()) == ["blobs", "config.toml", "workspace.sqlite"]
    with Workspace.open(folder) as again:
        assert (again.workspace_id, again.device_id) == ids
        assert again.config.profile_id == "diskominfo-nusantara-raya"
        conn = again.connect()
        [created] = audit_entries(conn)
        assert (created.action, created.object, created.at) == ("workspace.created", ids[0], AT)


def test_migrations_are_recorded_with_their_description(ws: Workspace) -> None:
    conn = ws.connect()
    rows = conn.execute("SELECT version, applied_at, description FROM schema_migrations").fetchall()
    assert [tuple(r) for r in rows] == [
        (1, AT, "workspace, org chart, letters as events, numbering register, audit"),
        (2, AT, "index of tasks by kind, for registry inboxes"),
        (3, AT, "incoming letters, dispositions, full-text search"),
        (4, AT, "indexes for counters, tracking pages and duplicate checks"),
        (5, AT, "an incoming letter registered once per unit unless confirmed"),
        (6, AT, "sync with the archive: feed positions, sync state, refused actions"),
    ]


def test_create_refuses_a_folder_that_holds_anything(tmp_path: Path) -> None:
    (tmp_path / "catatan.txt").write_text("milik orang lain", encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        Workspace.create(tmp_path)
    assert caught.value.kind == WorkspaceError.NOT_EMPTY
    assert "catatan.txt" in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["catatan.txt"]


def test_create_accepts_an_existing_empty_folder(tmp_path: Path) -> None:
    with Workspace.create(tmp_path) as ws:
        assert ws.db_path.is_file()


def test_open_without_a_database_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(tmp_path)
    assert caught.value.kind == WorkspaceError.NOT_A_WORKSPACE
    assert list(tmp_path.iterdir()) == []  # nothing was created by looking


def test_open_with_create_makes_a_missing_workspace(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "belum ada", create=True) as ws:
        first = ws.workspace_id
    with Workspace.open(tmp_path / "belum ada", create=True) as ws:
        assert ws.workspace_id == first


def test_a_file_that_is_not_sqlite_is_corrupt(tmp_path: Path) -> None:
    (tmp_path / "workspace.sqlite").write_bytes(b"%PDF-1.7 bukan basis data\n" * 20)
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(tmp_path)
    assert caught.value.kind == WorkspaceError.CORRUPT
    assert "bukan berkas basis data SQLite" in str(caught.value)


def test_an_empty_database_file_is_corrupt(tmp_path: Path) -> None:
    (tmp_path / "workspace.sqlite").write_bytes(b"")
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(tmp_path)
    assert caught.value.kind == WorkspaceError.CORRUPT


def test_a_damaged_page_fails_the_quick_check(ws: Workspace) -> None:
    path = ws.path
    ws.close()
    data = bytearray(ws.db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Page 2 onwards holds the tables' b-trees; overwrite one page's header with junk.
    data[page_size * 3 : page_size * 3 + 64] = b"\xff" * 64
    ws.db_path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(path)
    assert caught.value.kind == WorkspaceError.CORRUPT


def test_an_sqlite_file_of_another_program_is_not_a_workspace(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "workspace.sqlite")
    conn.execute("CREATE TABLE catatan (isi TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(tmp_path)
    assert caught.value.kind == WorkspaceError.NOT_A_WORKSPACE


def test_a_database_from_a_newer_program_is_refused_naming_both_versions(ws: Workspace) -> None:
    raw = raw_connection(ws)
    raw.execute("INSERT INTO schema_migrations VALUES (99, ?, 'from the future')", (AT,))
    raw.close()
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(ws.path)
    error = caught.value
    assert error.kind == WorkspaceError.NEWER_VERSION
    assert (error.found_version, error.supported_version) == (99, CURRENT_VERSION)
    assert "versi skema 99" in str(error)
    assert f"sampai versi {CURRENT_VERSION}" in str(error)


def test_connections_use_wal_foreign_keys_and_full_sync(ws: Workspace) -> None:
    conn = ws.connect()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
    assert conn.isolation_level is None
    assert conn.execute("SELECT key FROM meta LIMIT 1").fetchone()["key"]


def test_transaction_commits_and_rolls_back_on_any_exception(ws: Workspace) -> None:
    with ws.transaction() as conn:
        conn.execute("INSERT INTO meta VALUES ('a', '1')")

    class BoomError(Exception):
        pass

    def insert_then_fail() -> None:
        with ws.transaction() as conn:
            conn.execute("INSERT INTO meta VALUES ('b', '2')")
            raise BoomError

    with pytest.raises(BoomError):
        insert_then_fail()
    keys = {r[0] for r in ws.connect().execute("SELECT key FROM meta")}
    assert "a" in keys
    assert "b" not in keys


def test_a_nested_transaction_is_a_savepoint(ws: Workspace) -> None:
    conn = ws.connect()

    def inner_fails() -> None:
        with ws.transaction(conn):
            conn.execute("INSERT INTO meta VALUES ('dalam', '2')")
            raise KeyError("dalam")

    with ws.transaction(conn):
        conn.execute("INSERT INTO meta VALUES ('luar', '1')")
        with pytest.raises(KeyError):
            inner_fails()
        with ws.transaction(conn):
            conn.execute("INSERT INTO meta VALUES ('dalam lagi', '3')")
    keys = {r[0] for r in conn.execute("SELECT key FROM meta")}
    assert {"luar", "dalam lagi"} <= keys
    assert "dalam" not in keys
    assert not conn.in_transaction


def test_foreign_keys_are_enforced(ws: Workspace) -> None:
    with pytest.raises(sqlite3.IntegrityError), ws.transaction() as conn:
        conn.execute("INSERT INTO jabatan (jabatan_id, nama, unit_id) VALUES ('X', 'x', 'tak ada')")


def test_close_closes_the_connections_it_handed_out(ws: Workspace) -> None:
    conn = ws.connect()
    ws.close()
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")
    with pytest.raises(RuntimeError):
        ws.connect()


def test_default_workspace_path_is_tnde_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TNDE_HOME", str(tmp_path / "rumah"))
    assert default_workspace_path() == tmp_path / "rumah"
    monkeypatch.delenv("TNDE_HOME")
    fallback = default_workspace_path()
    assert fallback.name == "workspace"
    assert "TNDE Desktop" in fallback.parts
