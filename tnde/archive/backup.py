"""``tnde archive backup``: a consistent, verified copy of a running archive.

The rows are read in one read transaction, so the backup is one moment of the archive however
many desks keep sending: on SQLite a ``BEGIN`` read transaction in WAL mode sees one snapshot
and never blocks the writer; on PostgreSQL the transaction is ``REPEATABLE READ, READ ONLY``,
one snapshot for every table. Because each accepting transaction takes its ``feed_seq`` from
``feed_counter`` last, and the next one waits for that row, a snapshot that holds an event
holds every event before it: the backup's events are exactly those up to its ``feed_seq``.

Blobs are immutable and named by their SHA-256, so they are copied after the snapshot ends
(the transaction stays short), each hashed while it is copied. Everything goes into a
temporary folder beside ``OUT``, is fsynced, read back and checked whole
(:func:`~tnde.archive.backup_verify.verify_backup`) and only then renamed to ``OUT``: a
backup under its final name is always complete.

The ``backup`` table records each backup: a row when it starts (``finished_at`` empty), and,
once the backup is in place, its end, its feed position and its manifest's SHA-256. That same
transaction raises ``archive_meta.backup_watermark`` to the backup's ``feed_seq`` (never
lowers it) and appends ``archive.backed_up`` to the audit log: desks keep every event the
archive acknowledged until the watermark passes it. A failed backup leaves its row
unfinished, the watermark where it was and no ``OUT``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, OperationalError

from tnde import __version__
from tnde.archive.audit import audit_append
from tnde.archive.backup_format import (
    BLOB_CHUNK,
    MANIFEST,
    MANIFEST_SUM,
    BackupDamagedError,
    FileEntry,
    Manifest,
    TableEntry,
    blob_file,
    encode_row,
    is_profile_file,
    manifest_bytes,
    manifest_sum,
    problem_lines,
    read_rows,
    role_path,
    table_file,
)
from tnde.archive.backup_verify import verify_backup
from tnde.archive.errors import ArchiveError
from tnde.archive.migrate import current_revisions
from tnde.archive.records import read_identity
from tnde.archive.schema import ARCHIVE_META, BACKUP, BLOB, EVENT, METADATA
from tnde.canonical import now_timestamp
from tnde.fsutil import fsync_directory
from tnde.ids import uuid7
from tnde.messages import _
from tnde.progress import check_cancel

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tnde.archive.blobs import BlobStore
    from tnde.archive.db import Database
    from tnde.archive.folder import ArchiveFolder
    from tnde.progress import CancelToken, ProgressSink

__all__ = ["BackupResult", "backup_archive"]

log = logging.getLogger(__name__)

BATCH = 1000
"""Rows fetched from the database at a time while a table is written."""


@dataclass(frozen=True)
class BackupResult:
    """What a finished backup holds, for the admin."""

    location: Path
    backup_id: str
    archive_id: str
    epoch: int
    feed_seq: int
    """Every event up to this feed position is in the backup."""
    events: int
    blobs: int
    blob_bytes: int
    size: int
    """The backup's bytes on disk (every file)."""
    manifest_sha256: str
    """SHA-256 of its ``manifest.json``, recorded in the archive's ``backup`` table."""
    watermark: int
    """The archive's ``backup_watermark`` after this backup."""
    certificate: bool
    """Whether the TLS certificate and key are in it (a restore then keeps the fingerprint)."""


@dataclass
class _Written:
    """What the snapshot held, gathered while its tables were written."""

    archive_id: str = ""
    epoch: int = 0
    revision: str = ""
    feed_seq: int = 0
    events: int = 0
    blobs: int = 0
    blob_bytes: int = 0
    tables: list[TableEntry] = field(default_factory=list)


def backup_archive(
    archive: ArchiveFolder,
    out: Path,
    *,
    actor: str = "admin",
    progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> BackupResult:
    """Back up ``archive`` (while it serves) into the new folder ``out``.

    Args:
        actor: who backs it up, for the audit log (``admin:<user>`` from the command line).

    Raises:
        ArchiveError: ``backup_exists`` when ``out`` exists; ``backup_failed`` when a blob's
            file is missing or damaged, a value cannot be written, or the folder cannot be
            written (nothing is left under ``out`` and the watermark does not move);
            ``database_unreachable``.
        Cancelled: ``cancel`` was set; nothing is left.
    """
    out = Path(os.path.abspath(out))
    _refuse_existing(out)
    backup_id = uuid7()
    work = out.parent / f".{out.name}.{backup_id}.partial"
    try:
        work.mkdir(mode=0o700)
    except OSError as exc:
        raise _unwritable(out, exc) from None
    try:
        started_at = _record_start(archive.database, backup_id, out)
        written = _write_tables(archive.database, work, progress, cancel)
        _copy_blobs(archive.blobs, work, written, progress, cancel)
        files = _copy_settings(archive, work)
        manifest = Manifest(
            backup_id=backup_id,
            archive_id=written.archive_id,
            epoch=written.epoch,
            feed_seq=written.feed_seq,
            revision=written.revision,
            database=archive.database.dialect,
            program_version=__version__,
            created_at=started_at,
            finished_at=now_timestamp(),
            profile=archive.config.profile,
            blob_max_bytes=archive.config.blob_max_bytes,
            tables=tuple(written.tables),
            blob_count=written.blobs,
            blob_bytes=written.blob_bytes,
            files=tuple(files),
        )
        digest = _write_manifest(work, manifest)
        _sync_folders(work)
        _read_back(work, digest, out, cancel)
        _move_into_place(work, out)
    except BaseException as exc:
        shutil.rmtree(work, ignore_errors=True)
        log.info("backup %s into %s did not finish: %r", backup_id, out, exc)
        if isinstance(exc, OSError):
            raise _unwritable(out, exc) from None
        raise
    watermark = _record_finish(archive.database, manifest, digest, out, actor)
    log.info("backup %s of feed position %d in %s", backup_id, manifest.feed_seq, out)
    return BackupResult(
        location=out,
        backup_id=backup_id,
        archive_id=manifest.archive_id,
        epoch=manifest.epoch,
        feed_seq=manifest.feed_seq,
        events=written.events,
        blobs=written.blobs,
        blob_bytes=written.blob_bytes,
        size=_folder_size(out),
        manifest_sha256=digest,
        watermark=watermark,
        certificate=manifest.file("key") is not None,
    )


# -- the archive's record of its backups ----------------------------------------------------------


def _record_start(db: Database, backup_id: str, out: Path) -> str:
    """The backup's row, unfinished: a backup that fails is seen as one that never ended."""
    at = now_timestamp()
    with _reaching(db), db.write() as conn:
        identity = read_identity(conn)
        if identity is None:  # pragma: no cover - open_archive refuses such a database
            raise RuntimeError("the archive database has no identity row")
        conn.execute(
            sa.insert(BACKUP).values(
                backup_id=backup_id,
                started_at=at,
                finished_at=None,
                feed_seq=0,
                epoch=identity.epoch,
                location=str(out),
                sha256=None,
            )
        )
    return at


def _record_finish(db: Database, manifest: Manifest, digest: str, out: Path, actor: str) -> int:
    """Mark the backup finished and raise the watermark to it; the watermark after."""
    try:
        with db.write() as conn:
            conn.execute(
                sa.update(BACKUP)
                .where(BACKUP.c.backup_id == manifest.backup_id)
                .values(finished_at=manifest.finished_at, feed_seq=manifest.feed_seq, sha256=digest)
            )
            # never down, and never for another epoch's feed (a restore in between would
            # have started a new one)
            conn.execute(
                sa.update(ARCHIVE_META)
                .where(
                    ARCHIVE_META.c.id == 1,
                    ARCHIVE_META.c.epoch == manifest.epoch,
                    ARCHIVE_META.c.backup_watermark < manifest.feed_seq,
                )
                .values(backup_watermark=manifest.feed_seq)
            )
            identity = read_identity(conn)
            audit_append(
                conn,
                actor=actor,
                action="archive.backed_up",
                object=manifest.backup_id,
                details={
                    "location": str(out),
                    "epoch": manifest.epoch,
                    "feed_seq": manifest.feed_seq,
                    "blobs": manifest.blob_count,
                    "manifest_sha256": digest,
                },
                at=manifest.finished_at,
            )
    except DBAPIError as exc:
        raise ArchiveError(
            ArchiveError.BACKUP_FAILED,
            _(
                "the backup in {out} is complete, but the archive could not record it, so "
                "its watermark did not move: {reason}",
                out=out,
                reason=_first_line(exc),
            ),
        ) from None
    return 0 if identity is None else identity.backup_watermark


# -- the snapshot ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _snapshot(db: Database) -> Iterator[sa.Connection]:
    """One read transaction that sees one moment of every table."""
    with _reaching(db), db.read() as conn:
        if db.dialect == "postgresql":
            # the first statement of the transaction: every query after it reads one snapshot
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        # SQLite: the BEGIN of db.read() is deferred, and in WAL mode its first read fixes
        # the snapshot the whole transaction sees
        yield conn


def _write_tables(
    db: Database, work: Path, progress: ProgressSink | None, cancel: CancelToken | None
) -> _Written:
    written = _Written()
    (work / "tables").mkdir(mode=0o700)
    tables = METADATA.sorted_tables  # dependency order: the order a restore loads them in
    with _snapshot(db) as conn:
        revisions = current_revisions(conn)
        if len(revisions) != 1:  # pragma: no cover - open_archive brought it to one head
            raise RuntimeError(f"the archive database is at revisions {revisions}")
        written.revision = revisions[0]
        for done, table in enumerate(tables, start=1):
            check_cancel(cancel)
            written.tables.append(_write_table(conn, table, work, written))
            if progress is not None:
                progress(done, len(tables), _("table {name}", name=table.name))
    return written


def _write_table(conn: sa.Connection, table: sa.Table, work: Path, written: _Written) -> TableEntry:
    name = table_file(table.name)
    digest = hashlib.sha256()
    rows = size = 0
    statement = sa.select(table).order_by(*table.primary_key.columns)
    with _new_file(work / name) as handle:
        for row in conn.execute(statement.execution_options(yield_per=BATCH)):
            values = row._mapping
            try:
                line = encode_row(table, values)
            except ValueError as exc:
                raise ArchiveError(
                    ArchiveError.BACKUP_FAILED,
                    _(
                        "a row of the table {table} cannot be backed up ({reason}); nothing "
                        "was saved",
                        table=table.name,
                        reason=exc,
                    ),
                ) from None
            handle.write(line)
            digest.update(line)
            rows += 1
            size += len(line)
            _note(table, values, written)
    return TableEntry(
        name=table.name,
        columns=tuple(c.name for c in table.columns),
        rows=rows,
        bytes=size,
        sha256=digest.hexdigest(),
    )


def _note(table: sa.Table, row: Any, written: _Written) -> None:
    """Gather what the manifest says about the snapshot from the rows as they pass."""
    if table is ARCHIVE_META:
        written.archive_id, written.epoch = row["archive_id"], row["epoch"]
    elif table is EVENT:
        written.events += 1
        written.feed_seq = max(written.feed_seq, row["feed_seq"])
    elif table is BLOB:
        written.blobs += 1
        written.blob_bytes += row["size"]


# -- the files ------------------------------------------------------------------------------------


def _copy_blobs(
    store: BlobStore,
    work: Path,
    written: _Written,
    progress: ProgressSink | None,
    cancel: CancelToken | None,
) -> None:
    """Copy every blob the snapshot lists, each hashed on the way; every missing or damaged
    file is named, then the backup fails."""
    problems: list[str] = []
    for done, row in enumerate(read_rows(work, BLOB), start=1):
        check_cancel(cancel)
        sha256, size = row["sha256"], row["size"]
        try:
            source = store.open(sha256)
        except (FileNotFoundError, ArchiveError):
            problems.append(_("file {sha256} is missing from the blob store", sha256=sha256))
            continue
        with source:
            found, found_size = _copy(source, work / blob_file(sha256))
        if (found, found_size) != (sha256, size):
            problems.append(
                _(
                    "file {sha256} is damaged in the blob store (its {size} bytes hash to {found})",
                    sha256=sha256,
                    size=found_size,
                    found=found,
                )
            )
        if progress is not None:
            progress(done, written.blobs, _("copying the files"))
    if problems:
        raise ArchiveError(
            ArchiveError.BACKUP_FAILED,
            _(
                "the backup failed: {count} of the archive's files are missing or damaged; "
                "nothing was saved and the watermark did not move:\n{problems}",
                count=len(problems),
                problems=problem_lines(problems),
            ),
        )


def _copy(source: BinaryIO, target: Path) -> tuple[str, int]:
    """Copy ``source`` into the new file ``target``; the SHA-256 and size of what was read."""
    _make_folders(target.parent)
    digest = hashlib.sha256()
    size = 0
    with _new_file(target) as handle:
        while chunk := source.read(BLOB_CHUNK):
            digest.update(chunk)
            handle.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _copy_settings(archive: ArchiveFolder, work: Path) -> list[FileEntry]:
    """The certificate and its key (so a restored archive keeps its fingerprint: desks pin
    it) and the office profile when the folder keeps its own file."""
    config = archive.config
    sources = {"certificate": archive.path(config.certificate), "key": archive.path(config.key)}
    if not all(p.is_file() for p in sources.values()):
        log.warning("the archive's certificate or key is missing; the backup holds neither")
        sources = {}
    if is_profile_file(config.profile) and (archive.folder / config.profile).is_file():
        sources["profile"] = archive.folder / config.profile
    files = []
    for role, source in sources.items():
        path = role_path(role, config.profile)
        with source.open("rb") as handle:
            sha256, size = _copy(handle, work / path)
        files.append(FileEntry(role, path, size, sha256))
    return files


def _make_folders(folder: Path) -> None:
    """``folder`` and its missing parents, each the owner's only (fsynced at the end)."""
    if not folder.is_dir():
        _make_folders(folder.parent)
        folder.mkdir(mode=0o700, exist_ok=True)


def _write_manifest(work: Path, manifest: Manifest) -> str:
    data = manifest_bytes(manifest)
    digest = hashlib.sha256(data).hexdigest()
    with _new_file(work / MANIFEST) as handle:
        handle.write(data)
    with _new_file(work / MANIFEST_SUM) as handle:
        handle.write(manifest_sum(digest))
    return digest


@contextlib.contextmanager
def _new_file(path: Path) -> Iterator[BinaryIO]:
    """A new file readable by the owner only, fsynced when the block ends."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folders(work: Path) -> None:
    """Make every entry of the backup durable, the deepest folders first."""
    folders = sorted(
        (p for p in work.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True
    )
    for folder in [*folders, work]:
        fsync_directory(folder)


def _read_back(work: Path, digest: str, out: Path, cancel: CancelToken | None) -> None:
    """Check the written backup whole, as a restore will, before it gets its name."""
    try:
        verified = verify_backup(work, cancel=cancel)
    except BackupDamagedError as exc:
        raise ArchiveError(
            ArchiveError.BACKUP_FAILED,
            _(
                "the backup did not read back as it was written (is the disk under {folder} "
                "failing?); nothing was saved and the watermark did not move:\n{problems}",
                folder=out.parent,
                problems=problem_lines(list(exc.problems)),
            ),
        ) from None
    if verified.manifest_sha256 != digest:
        raise ArchiveError(
            ArchiveError.BACKUP_FAILED,
            _(
                "the backup's {file} changed while it was checked; nothing was saved and the "
                "watermark did not move",
                file=MANIFEST,
            ),
        )


def _move_into_place(work: Path, out: Path) -> None:
    _refuse_existing(out)  # it may have appeared while the backup ran
    os.rename(work, out)
    fsync_directory(out.parent)


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# -- errors ---------------------------------------------------------------------------------------


def _refuse_existing(out: Path) -> None:
    if out.exists() or out.is_symlink():
        raise ArchiveError(
            ArchiveError.BACKUP_EXISTS,
            _(
                "{out} already exists; a backup is written into a new folder, never over another",
                out=out,
            ),
        )
    if not out.parent.is_dir():
        raise ArchiveError(
            ArchiveError.BACKUP_FAILED,
            _("there is no folder {folder}; make it first", folder=out.parent),
        )


def _unwritable(out: Path, exc: OSError) -> ArchiveError:
    """A file that could not be read or written (a full disk, a permission), named."""
    reason = f"{exc.strerror or exc}: {exc.filename}" if exc.filename else exc.strerror or exc
    return ArchiveError(
        ArchiveError.BACKUP_FAILED,
        _(
            "the backup into {out} failed ({reason}); nothing was saved and the watermark "
            "did not move",
            out=out,
            reason=reason,
        ),
    )


@contextlib.contextmanager
def _reaching(db: Database) -> Iterator[None]:
    """A database that cannot be reached is named, not a traceback."""
    try:
        yield
    except OperationalError as exc:
        raise ArchiveError(
            ArchiveError.DATABASE_UNREACHABLE,
            _("cannot use the database {url}: {reason}", url=db.shown, reason=_first_line(exc)),
        ) from None


def _first_line(exc: DBAPIError) -> str:
    text = str(exc.orig if exc.orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
