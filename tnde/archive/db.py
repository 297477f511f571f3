"""Connections to the archive's database: SQLite in the archive folder, or PostgreSQL.

One :class:`Database` wraps a SQLAlchemy engine with the settings each database needs:

- **SQLite** (the embedded default): WAL, so readers never wait for the writer;
  ``synchronous=FULL``, so a committed transaction survives a power cut; foreign keys on; a
  busy timeout, so a second writer waits instead of failing. pysqlite's own transaction
  handling is switched off and ``BEGIN`` is issued here (SQLAlchemy's documented recipe), so
  DDL is transactional (a migration applies whole or not at all) and a write transaction
  takes the write lock at its start (``BEGIN IMMEDIATE``) instead of failing half-way when
  another writer got there first.
- **PostgreSQL** (``postgresql+psycopg://…``): the server's defaults (``READ COMMITTED``,
  ``synchronous_commit=on``); connections are checked before use, so a restarted database
  costs one retry, not an error.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from tnde.archive.errors import ArchiveError
from tnde.messages import _

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = ["DATABASE_FILE", "Database", "display_url", "resolve_url", "sqlite_url"]

DATABASE_FILE = "archive.sqlite"
"""The embedded database's file name inside the archive folder."""

BUSY_TIMEOUT_MS = 10_000
"""How long a SQLite writer waits for another to finish before giving up."""

_WRITE = "tnde_write"
"""Execution option marking a connection whose transaction writes (``BEGIN IMMEDIATE``)."""


def sqlite_url(path: Path) -> URL:
    """The URL of a SQLite file (built, not parsed: any character may be in the path)."""
    return URL.create("sqlite+pysqlite", database=str(path))


def resolve_url(folder: Path, database: str) -> URL:
    """The database an archive folder uses: ``database`` when given, else its SQLite file.

    Raises:
        ArchiveError: ``database_unreachable`` when ``database`` is not a URL of a supported
            database (SQLite or PostgreSQL through psycopg).
    """
    if not database:
        return sqlite_url(folder / DATABASE_FILE)
    try:
        url = make_url(database)
    except ArgumentError:
        raise _unsupported(database) from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise _unsupported(display_url(url))
    if url.get_backend_name() == "sqlite":
        # a file, never memory (an archive that vanishes with the process); a relative path
        # is the archive folder's, not whatever folder the server was started in
        if not url.database or url.database == ":memory:" or url.query.get("mode") == "memory":
            raise _unsupported(database)
        return sqlite_url(folder / url.database)
    if url.get_backend_name() == "postgresql" and url.get_driver_name() != "psycopg":
        url = url.set(drivername="postgresql+psycopg")
    return url


def display_url(url: URL | str) -> str:
    """``url`` with any password masked, for messages and logs (a SQLite file by its path)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "<?>"
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def _unsupported(shown: str) -> ArchiveError:
    return ArchiveError(
        ArchiveError.DATABASE_UNREACHABLE,
        _(
            "{url} is not a database the archive can use: give a postgresql+psycopg://… URL, "
            "or nothing for the SQLite file in the archive folder",
            url=shown,
        ),
    )


class Database:
    """The archive's engine, with one way to read and one way to write."""

    def __init__(self, url: URL) -> None:
        """Make the engine (no connection is opened yet).

        Raises:
            ArchiveError: ``database_unreachable`` when the URL's driver is not installed.
        """
        self.url = url
        """Where the database is (the password, if any, is part of it: never show it raw)."""
        # SQLite: one writer at a time, queued in this process (see write); PostgreSQL
        # writers run side by side and lock only the rows they change
        self._writers: contextlib.AbstractContextManager[object] = (
            threading.RLock() if url.get_backend_name() == "sqlite" else contextlib.nullcontext()
        )
        try:
            self.engine = _make_engine(url)
        except (ArgumentError, NoSuchModuleError):
            raise _unsupported(display_url(url)) from None

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def shown(self) -> str:
        """The URL with the password masked."""
        return display_url(self.url)

    @contextlib.contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """A connection in a write transaction: committed when the block ends, rolled back
        when it raises.

        On SQLite, which takes one writer at a time, the server's threads queue for the
        write lock here, in order, instead of in SQLite's busy handler: that one sleeps and
        retries, and under a storm of pushes a waiter could miss every free moment until
        its timeout (measured: "database is locked" after 10 s with 16 desks pushing).
        """
        with self._writers, self.engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A connection in a read transaction (one consistent snapshot on both databases)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _make_engine(url: URL) -> sa.Engine:
    if url.get_backend_name() == "sqlite":
        engine = sa.create_engine(url)
        sa.event.listen(engine, "connect", _sqlite_connected)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def _sqlite_connected(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite would issue its own BEGIN before some statements and COMMIT before DDL;
    # _sqlite_begin issues BEGIN instead, so transactions mean what SQLAlchemy says
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    writes = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
