"""The workspace folder: ``workspace.sqlite`` (WAL), ``blobs/`` and ``config.toml``.

Opening checks before it trusts: the file must be SQLite and pass ``PRAGMA quick_check``, and
its schema must not be newer than this program (a newer program's data would be damaged by an
older one). Older schemas are migrated on open, one transaction per migration.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
import threading
import weakref
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Self

from tnde.canonical import now_timestamp
from tnde.errors import FileWriteError, WorkspaceError
from tnde.faults import crash_point
from tnde.fsutil import private_folder
from tnde.ids import uuid7
from tnde.messages import _
from tnde.workspace.acting import ActingPolicy
from tnde.workspace.audit import audit_append
from tnde.workspace.blobs import BlobStore, fsync_directory
from tnde.workspace.config import (
    CONFIG_FILE,
    WorkspaceConfig,
    read_config,
    upgrade_config,
    write_config,
)
from tnde.workspace.migrate import apply_migrations, schema_version
from tnde.workspace.schema import CURRENT_VERSION
from tnde.workspace.storage_errors import disk_full_error, read_only_error, sqlite_error

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import TracebackType

log = logging.getLogger(__name__)

__all__ = ["BLOBS_DIR", "CONFIG_FILE", "DB_FILE", "Workspace"]

DB_FILE = "workspace.sqlite"
BLOBS_DIR = "blobs"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUSY_TIMEOUT_S = 10.0


class _Connection(sqlite3.Connection):
    """A plain connection that the workspace can keep a weak reference to."""


class Workspace:
    """An open workspace. Make one with :meth:`create` or :meth:`open`, end with :meth:`close`."""

    def __init__(
        self,
        path: Path,
        *,
        workspace_id: str,
        device_id: str,
        version: int,
        read_only: bool = False,
    ) -> None:
        self.path = path
        """The workspace folder."""
        self.workspace_id = workspace_id
        """UUIDv7 naming this workspace, fixed at creation."""
        self.device_id = device_id
        """UUIDv7 naming this device in events and sync, fixed at creation."""
        self.schema_version = version
        """The database's schema version (after migration: :data:`CURRENT_VERSION`)."""
        self.read_only = read_only
        """Whether this program may not write the workspace (no write permission on its folder
        or database, or a read-only disk): it is read as it is, and every change is refused
        (:meth:`require_writable`)."""
        self.blobs = BlobStore(path / BLOBS_DIR)
        """The immutable files."""
        self.config = (read_config if read_only else upgrade_config)(path / CONFIG_FILE)
        """The settings from ``config.toml``; change them with :meth:`save_config`."""
        self._connections: weakref.WeakSet[_Connection] = weakref.WeakSet()
        self._local = threading.local()
        self._closed = False

    @property
    def acting(self) -> ActingPolicy:
        """Whose actions this desk takes: its owner, or anyone in a demo workspace."""
        return ActingPolicy.for_workspace(owner=self.config.owner, demo=self.config.demo)

    @property
    def db_path(self) -> Path:
        """The database file."""
        return self.path / DB_FILE

    # -- creating and opening ---------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, *, config: WorkspaceConfig | None = None, at: str | None = None
    ) -> Workspace:
        """Make a new workspace in ``path`` (created if needed) and open it.

        The database is built under a temporary name and renamed into place last, so a
        crash never leaves a folder that looks like a workspace but is not one.

        Raises:
            WorkspaceError: ``NOT_EMPTY`` when ``path`` exists and holds anything.
        """
        path = Path(path)
        refuse_occupied(path)
        path.mkdir(parents=True, exist_ok=True)
        # Letter texts (Rahasia ones too) live here: the owner's alone, whatever the umask.
        private_folder(path)
        at = at or now_timestamp()
        building = path / f".{DB_FILE}.creating"
        try:
            (path / BLOBS_DIR).mkdir(mode=0o700)
            write_config(path / CONFIG_FILE, config or WorkspaceConfig())
            _build_database(building, at, demo=(config or WorkspaceConfig()).demo)
            os.replace(building, path / DB_FILE)
            fsync_directory(path)
        except BaseException as exc:
            for leftover in (building, path / CONFIG_FILE):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            with contextlib.suppress(OSError):
                (path / BLOBS_DIR).rmdir()
            if _disk_full(exc):
                raise disk_full_error(path) from None
            raise
        log.info("created workspace %s", path)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> Workspace:
        """Open the workspace in ``path``, migrating an older schema.

        A workspace this program may not write (see :attr:`read_only`) opens for reading only.

        Raises:
            WorkspaceError: ``NOT_A_WORKSPACE`` (no ``workspace.sqlite``, unless ``create``),
                ``CORRUPT`` (not SQLite, or its integrity check fails), ``NEWER_VERSION``, or
                ``READ_ONLY`` (an older schema that cannot be migrated here).
            ConfigError: ``config.toml`` is missing or invalid.
        """
        path = Path(path)
        db = path / DB_FILE
        read_only = db.is_file() and not _writable(path, db)
        if db.is_file() and not read_only:
            # a workspace made before workspaces were private becomes so when next opened
            # (a read-only one keeps its modes: 0700 would give its owner write access back)
            with contextlib.suppress(OSError):
                private_folder(path)
        if not db.is_file():
            if create:
                return cls.create(path)
            if path.is_dir():
                what = _("the folder has no workspace.sqlite")
            else:
                what = _("it is a file") if path.exists() else _("the folder does not exist")
            raise WorkspaceError(
                WorkspaceError.NOT_A_WORKSPACE,
                str(path),
                _("not a TNDE workspace: {what}", what=what),
            )
        _check_header(db)
        try:
            conn = _connect(db, read_only=read_only)
            try:
                version = _checked_version(conn, db, read_only=read_only)
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            if exc.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
                raise WorkspaceError(
                    WorkspaceError.CORRUPT, str(db), _("damaged database: {exc}", exc=exc)
                ) from None
            if read_only and exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_CANTOPEN:
                # committed changes in the -wal file, but no -shm index beside it, which
                # SQLite would have to make to read them
                raise WorkspaceError(
                    WorkspaceError.READ_ONLY,
                    str(path),
                    _(
                        "the workspace is read-only, and its latest changes are still in {wal}, "
                        "which only a program that may write in the folder can read",
                        wal=f"{DB_FILE}-wal",
                    ),
                ) from exc
            fault = sqlite_error(exc, path)
            if fault is not None:
                raise fault from exc
            raise
        if "workspace_id" not in meta or "device_id" not in meta:
            raise WorkspaceError(
                WorkspaceError.CORRUPT,
                str(db),
                _("the meta table lacks the workspace and device ids"),
            )
        _refuse_links(path)
        if not read_only:
            (path / BLOBS_DIR).mkdir(exist_ok=True)
        opened = cls(
            path,
            workspace_id=meta["workspace_id"],
            device_id=meta["device_id"],
            version=version,
            read_only=read_only,
        )
        if meta.get("demo") == "0" and opened.config.demo:
            raise WorkspaceError(
                WorkspaceError.UNSAFE,
                str(path / CONFIG_FILE),
                _(
                    "config.toml makes this workspace a demo, but it was made as an office "
                    "workspace: a demo lets anyone act as anyone, so it is not opened"
                ),
            )
        return opened

    # -- connections and transactions ---------------------------------------------------------

    def connect(self) -> sqlite3.Connection:
        """A new connection to the database, closed by the caller (or by :meth:`close`).

        WAL, foreign keys on, ``synchronous=FULL``, 10 s busy timeout, autocommit (use
        :meth:`transaction`), rows as :class:`sqlite3.Row`.
        """
        if self._closed:
            raise RuntimeError(f"workspace {self.path} is closed")
        conn = _connect(self.db_path, read_only=self.read_only)
        self._connections.add(conn)
        return conn

    def thread_connection(self) -> sqlite3.Connection:
        """This thread's long-lived connection (made on first use, closed by :meth:`close`)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self.connect()
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self, conn: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; ``ROLLBACK`` on any exception.

        Without ``conn`` the calling thread's own long-lived connection is used (opening and
        closing one per action would cost more than the action). Inside an open transaction
        it nests as a savepoint, so services can be combined.

        Raises:
            WorkspaceError: ``READ_ONLY`` before anything is done on a read-only workspace;
                ``DISK_FULL`` (or ``READ_ONLY``) when SQLite cannot write, after the rollback.
        """
        self.require_writable()
        db = self.thread_connection() if conn is None else conn
        nested = db.in_transaction
        name = f"tnde_sp_{os.urandom(6).hex()}"
        db.execute(f"SAVEPOINT {name}" if nested else "BEGIN IMMEDIATE")
        try:
            yield db
            crash_point("savepoint" if nested else "commit")
            db.execute(f"RELEASE {name}" if nested else "COMMIT")
        except BaseException as exc:
            # SQLite may have rolled the whole transaction back already (a full disk)
            if nested and db.in_transaction:
                db.execute(f"ROLLBACK TO {name}")
                db.execute(f"RELEASE {name}")
            elif db.in_transaction:
                db.execute("ROLLBACK")
            fault = sqlite_error(exc, self.path) if isinstance(exc, sqlite3.Error) else None
            if fault is not None:
                raise fault from exc
            raise

    def require_writable(self) -> None:
        """Refuse a change before anything is written when the workspace is read-only.

        Raises:
            WorkspaceError: ``READ_ONLY``, naming the workspace folder.
        """
        if self.read_only:
            raise read_only_error(self.path)

    def save_config(self, config: WorkspaceConfig) -> None:
        """Replace ``config.toml`` (atomically) and :attr:`config`."""
        self.require_writable()
        write_config(self.path / CONFIG_FILE, config)
        self.config = config

    def close(self) -> None:
        """Close every connection this workspace handed out; it cannot be used afterwards."""
        for conn in list(self._connections):
            conn.close()
        self._connections.clear()
        self._closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"


def _connect(db: Path, *, create: bool = False, read_only: bool = False) -> _Connection:
    # A URI with mode=rw never creates an empty database in place of a missing one.
    mode = "rwc" if create else "rw"
    if read_only:
        # To read a WAL database SQLite writes its -shm index beside it, which it cannot in a
        # write-protected folder. A workspace is its owner's alone: while the owner may not
        # write it, nobody changes it, so it is read as immutable, unless committed changes
        # still wait in its -wal file (left by a crash), which only a plain read-only
        # connection reads.
        mode = "ro" if _wal_pending(db) else "ro&immutable=1"
    uri = f"{db.resolve().as_uri()}?mode={mode}"
    conn = sqlite3.connect(
        uri,
        uri=True,
        timeout=_BUSY_TIMEOUT_S,
        isolation_level=None,
        factory=_Connection,
        # Each connection is used by one thread at a time; the workspace may close it from
        # another thread when it shuts down.
        check_same_thread=False,
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
    if create:
        # WAL is a property of the file: set once, when the database is made (re-running it on
        # every connection costs a millisecond per user action).
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _build_database(db: Path, at: str, *, demo: bool) -> None:
    """A new, fully migrated database with its ids and first audit row, at ``db``.

    Whether it is a demo is recorded here too, where an edit of ``config.toml`` cannot reach:
    turning an office workspace into a demo would let anyone act as anyone.
    """
    # made private before SQLite opens it: its journal and WAL files take the same mode
    os.close(os.open(db, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    conn = _connect(db, create=True)
    try:
        apply_migrations(conn, at=at)
        workspace_id, device_id = uuid7(), uuid7()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("workspace_id", workspace_id),
                ("device_id", device_id),
                ("created_at", at),
                ("demo", "1" if demo else "0"),
            ],
        )
        audit_append(
            conn,
            actor="system",
            action="workspace.created",
            object=workspace_id,
            details={"device_id": device_id, "schema_version": CURRENT_VERSION},
            at=at,
        )
        conn.execute("COMMIT")
    finally:
        conn.close()  # the last close checkpoints the WAL into the file and removes it


def _check_header(db: Path) -> None:
    with db.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise WorkspaceError(WorkspaceError.CORRUPT, str(db), _("not an SQLite database file"))


def _writable(path: Path, db: Path) -> bool:
    """Whether this program may write the workspace in ``path``: its folder (where SQLite keeps
    its -wal and -shm files and blobs are added) and its database file, on a disk mounted for
    writing."""
    return os.access(path, os.W_OK) and os.access(db, os.W_OK)


def _wal_pending(db: Path) -> bool:
    """Whether ``db``'s -wal file holds anything (a clean close removes it)."""
    wal = db.with_name(f"{db.name}-wal")
    try:
        return wal.stat().st_size > 0
    except FileNotFoundError:
        return False


def _checked_version(conn: sqlite3.Connection, db: Path, *, read_only: bool = False) -> int:
    """Run SQLite's quick check and the version checks; migrate an older schema."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        raise WorkspaceError(
            WorkspaceError.CORRUPT,
            str(db),
            _("SQLite integrity check failed: {problem}", problem=problems[0]),
        )
    version = schema_version(conn)
    if version is None:
        raise WorkspaceError(
            WorkspaceError.NOT_A_WORKSPACE,
            str(db),
            _("an SQLite file, but not a TNDE workspace (no schema_migrations)"),
        )
    if version > CURRENT_VERSION:
        raise WorkspaceError(
            WorkspaceError.NEWER_VERSION,
            str(db),
            _(
                "written by a newer TNDE Desktop (schema version {version}); this program "
                "understands up to version {supported}; update TNDE Desktop to open it",
                version=version,
                supported=CURRENT_VERSION,
            ),
            found_version=version,
            supported_version=CURRENT_VERSION,
        )
    if version < CURRENT_VERSION and read_only:
        raise WorkspaceError(
            WorkspaceError.READ_ONLY,
            str(db.parent),
            _(
                "the workspace is read-only, and its database (schema version {version}) must "
                "first be upgraded to version {current} by a program that may write it",
                version=version,
                current=CURRENT_VERSION,
            ),
        )
    if version < CURRENT_VERSION:
        log.info("migrating %s from schema version %d to %d", db, version, CURRENT_VERSION)
        apply_migrations(conn)
    return CURRENT_VERSION


def _refuse_links(path: Path) -> None:
    """Refuse a workspace whose database, settings or stored files are reached through a
    symbolic link: new letters and signed PDFs would be written outside its folder."""
    for name in (DB_FILE, CONFIG_FILE, BLOBS_DIR, "pki"):
        if (path / name).is_symlink():
            raise WorkspaceError(
                WorkspaceError.UNSAFE,
                str(path / name),
                _(
                    "{name} is a symbolic link: a workspace keeps its files inside its own folder",
                    name=name,
                ),
            )


def refuse_occupied(path: Path) -> None:
    """Refuse ``path`` as the place of a new workspace unless it is new or an empty folder.

    Raises:
        WorkspaceError: ``NOT_EMPTY``, naming what is in the way.
    """
    if path.is_symlink():
        # a link, even to nothing or to itself, is not a place for a workspace: its files
        # would be written wherever the link leads
        raise WorkspaceError(
            WorkspaceError.NOT_EMPTY,
            str(path),
            _(
                "cannot create a workspace: {detail}",
                detail=_("it is a symbolic link; give a real folder"),
            ),
        )
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        if path.is_dir():
            names = sorted(p.name for p in path.iterdir())
            more = ", …" if len(names) > 3 else ""
            detail = _(
                "the folder is not empty ({names}{more})",
                names=", ".join(names[:3]),
                more=more,
            )
        else:
            detail = _("it is a file, not a folder")
        raise WorkspaceError(
            WorkspaceError.NOT_EMPTY,
            str(path),
            _("cannot create a workspace: {detail}", detail=detail),
        )


def _disk_full(exc: BaseException) -> bool:
    """Whether building a new workspace failed because the disk is full."""
    if isinstance(exc, sqlite3.Error):
        return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF == sqlite3.SQLITE_FULL
    return isinstance(exc, (OSError, FileWriteError)) and exc.errno in (
        errno.ENOSPC,
        errno.EDQUOT,
    )
