"""Applying the numbered schema migrations of :mod:`tnde.workspace.schema`.

Each migration runs in its own transaction together with its ``schema_migrations`` row, so a
crash or an error leaves the database at the previous version, never in between.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from tnde.canonical import now_timestamp
from tnde.workspace.schema import MIGRATIONS

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from tnde.workspace.schema import Migration

log = logging.getLogger(__name__)

__all__ = ["apply_migrations", "schema_version", "split_statements"]

_CREATE_LOG = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    applied_at  TEXT NOT NULL,
    description TEXT NOT NULL
) STRICT
"""


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The newest migration recorded in the database; ``None`` when it has no migration log."""
    has_log = conn.execute(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if has_log is None:
        return None
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0]) if row[0] is not None else 0


def apply_migrations(
    conn: sqlite3.Connection,
    migrations: Sequence[Migration] = MIGRATIONS,
    *,
    at: str | None = None,
) -> list[int]:
    """Bring the database up to the last of ``migrations``; returns the versions applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``) and outside a transaction.
    The caller has already refused databases newer than ``migrations`` (see
    :meth:`tnde.workspace.Workspace.open`).

    Raises:
        sqlite3.Error: a migration failed; it was rolled back and later ones were not run.
    """
    conn.execute(_CREATE_LOG)
    current = schema_version(conn) or 0
    applied = []
    for migration in migrations:
        if migration.version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if (schema_version(conn) or 0) >= migration.version:  # another process was quicker
                conn.execute("ROLLBACK")
                continue
            log.info("applying migration %d: %s", migration.version, migration.description)
            for statement in split_statements(migration.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, applied_at, description) VALUES (?, ?, ?)",
                (migration.version, at or now_timestamp(), migration.description),
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied


def split_statements(sql: str) -> Iterator[str]:
    """The SQL statements of a script, one by one (comments and semicolons in text are safe).

    ``executescript`` cannot be used: it commits any open transaction first.
    """
    start = 0
    for end, char in enumerate(sql):
        if char == ";" and sqlite3.complete_statement(sql[start : end + 1]):
            yield sql[start : end + 1].strip()
            start = end + 1
    rest = sql[start:].strip()
    if rest and any(
        line.strip() and not line.strip().startswith("--") for line in rest.splitlines()
    ):
        raise ValueError(f"migration SQL ends with an unterminated statement: {rest[:60]!r}")
