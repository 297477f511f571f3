"""The archive's connections: SQLite's settings, and a write transaction that locks at BEGIN."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa

from tnde.archive import ArchiveError
from tnde.archive.db import BUSY_TIMEOUT_MS, Database, resolve_url, sqlite_url

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tnde.archive import ArchiveFolder


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database(sqlite_url(tmp_path / "basis data – é.sqlite"))
    yield db
    db.close()


def test_sqlite_is_durable_and_checks_references(database: Database) -> None:
    with database.read() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar_one()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "busy_timeout": BUSY_TIMEOUT_MS,
    }


def test_a_write_takes_the_lock_at_its_start(database: Database) -> None:
    path = database.url.database
    assert path is not None
    with database.write() as conn:
        conn.exec_driver_sql("SELECT 1")  # reads only, and still holds the write lock
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()
    with database.read() as conn:  # a read does not lock out writers
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()
        conn.exec_driver_sql("SELECT 1")


def test_a_failed_write_leaves_nothing(database: Database) -> None:
    with database.write() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")

    def half_done() -> None:
        with database.write() as conn:
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
            conn.exec_driver_sql("CREATE TABLE u (y INTEGER)")  # DDL too: it is transactional
            raise RuntimeError

    with pytest.raises(RuntimeError):
        half_done()
    with database.read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM t")).scalar_one() == 0
        assert "u" not in sa.inspect(conn).get_table_names()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "mysql://a@b/c", "nonsense"])
def test_only_a_database_that_keeps_the_archive_is_taken(tmp_path: Path, url: str) -> None:
    with pytest.raises(ArchiveError) as caught:
        resolve_url(tmp_path, url)
    assert caught.value.code == ArchiveError.DATABASE_UNREACHABLE


def test_a_relative_sqlite_file_is_the_archive_folder_s(tmp_path: Path) -> None:
    assert resolve_url(tmp_path, "sqlite:///arsip.db").database == str(tmp_path / "arsip.db")
    assert resolve_url(tmp_path, "").database == str(tmp_path / "archive.sqlite")
    postgres = resolve_url(tmp_path, "postgresql://arsip@db.internal/arsip")
    assert postgres.get_driver_name() == "psycopg"


def test_recording_a_blob_says_whether_its_row_is_new(opened: ArchiveFolder) -> None:
    from tnde.archive.records import record_blob

    row = {
        "sha256": "ab" * 32,
        "size": 3,
        "media_type": "application/pdf",
        "at": "2026-12-07T00:00:00.000Z",
    }
    with opened.database.write() as conn:
        assert record_blob(conn, **row) is True
    with opened.database.write() as conn:
        assert record_blob(conn, **row) is False
