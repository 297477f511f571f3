"""Schema migrations: in order, one transaction each, recorded, and never half-applied."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

from tests.workspace.workspace_support import AT
from tnde.workspace.migrate import apply_migrations, schema_version, split_statements
from tnde.workspace.schema import MIGRATIONS, Migration

# The tests add made-up later migrations after the first real one.
FIRST = MIGRATIONS[:1]

if TYPE_CHECKING:
    from pathlib import Path

V2 = Migration(2, "surat gets a priority", "ALTER TABLE letter ADD COLUMN prioritas TEXT;")
V3 = Migration(
    3,
    "tags",
    """
    CREATE TABLE tag (name TEXT PRIMARY KEY) STRICT;  -- first statement; a ';' in a comment
    INSERT INTO tag VALUES ('a;b');
    """,
)


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path / "uji.sqlite", isolation_level=None)


def test_migrations_run_in_order_and_are_recorded(tmp_path: Path) -> None:
    conn = connect(tmp_path)
    assert schema_version(conn) is None
    assert apply_migrations(conn, (*FIRST, V2, V3), at=AT) == [1, 2, 3]
    rows = conn.execute("SELECT version, applied_at, description FROM schema_migrations")
    assert [tuple(r) for r in rows] == [
        (1, AT, MIGRATIONS[0].description),
        (2, AT, "surat gets a priority"),
        (3, AT, "tags"),
    ]
    assert conn.execute("SELECT name FROM tag").fetchall() == [("a;b",)]
    assert schema_version(conn) == 3


def test_only_pending_migrations_run(tmp_path: Path) -> None:
    conn = connect(tmp_path)
    apply_migrations(conn, FIRST, at=AT)
    assert apply_migrations(conn, (*FIRST, V2), at=AT) == [2]
    assert apply_migrations(conn, (*FIRST, V2), at=AT) == []


def test_a_failing_migration_leaves_the_previous_version_intact(tmp_path: Path) -> None:
    broken = Migration(
        2,
        "half of it would work",
        "CREATE TABLE tag (name TEXT) STRICT; INSERT INTO tidak_ada VALUES (1);",
    )
    conn = connect(tmp_path)
    apply_migrations(conn, FIRST, at=AT)
    with pytest.raises(sqlite3.OperationalError, match="tidak_ada"):
        apply_migrations(conn, (*FIRST, broken, V3), at=AT)
    assert schema_version(conn) == 1
    assert not conn.in_transaction
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    assert "tag" not in tables


def test_statements_are_split_at_real_semicolons_only() -> None:
    sql = "CREATE TABLE t (x TEXT DEFAULT ';'); -- a; comment\nINSERT INTO t VALUES ('x;y');\n"
    assert list(split_statements(sql)) == [
        "CREATE TABLE t (x TEXT DEFAULT ';');",
        "-- a; comment\nINSERT INTO t VALUES ('x;y');",
    ]


def test_an_unterminated_statement_is_an_error() -> None:
    with pytest.raises(ValueError, match="unterminated"):
        list(split_statements("CREATE TABLE t (x TEXT);\nCREATE TABLE u (y"))
