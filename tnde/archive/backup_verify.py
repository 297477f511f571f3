"""Checking a backup whole before anything uses it (``restore``, and ``backup`` itself once
it has written one).

In this order, each step trusting only what the one before it checked: the manifest against
its checksum file; the manifest's format, schema revision and tables against this program's;
every table file and settings file against the manifest's size and SHA-256; the manifest's
facts against the rows (the archive and epoch in ``archive_meta``, the feed position in
``event``, the count and bytes in ``blob``), so that a manifest edited together with its
checksum is caught too; and last every blob against its name and the size in its row. Every
damaged file is named, not only the first.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.archive.backup_format import (
    BLOB_CHUNK,
    FORMAT_VERSION,
    MANIFEST,
    MANIFEST_SUM,
    BackupDamagedError,
    Manifest,
    blob_file,
    is_sha256,
    parse_manifest,
    read_rows,
    table_file,
)
from tnde.archive.errors import ArchiveError
from tnde.archive.migrate import head_revision
from tnde.archive.schema import ARCHIVE_META, BLOB, EVENT, METADATA
from tnde.errors import DataFileError
from tnde.messages import _
from tnde.progress import check_cancel

if TYPE_CHECKING:
    from pathlib import Path

    from tnde.progress import CancelToken, ProgressSink

__all__ = ["VerifiedBackup", "verify_backup"]

MAX_MANIFEST_BYTES = 16 * 1024 * 1024
"""A manifest is read no further (a real one is a few kilobytes)."""


@dataclass(frozen=True)
class VerifiedBackup:
    """A backup whose every file matched its manifest."""

    folder: Path
    manifest: Manifest
    manifest_sha256: str
    """SHA-256 of ``manifest.json``: the backup's fingerprint, kept in the ``backup`` table."""


def verify_backup(
    folder: Path, *, progress: ProgressSink | None = None, cancel: CancelToken | None = None
) -> VerifiedBackup:
    """Check the backup in ``folder`` whole, before anything of it is used.

    Raises:
        ArchiveError: ``not_a_backup`` when the folder holds no backup; ``backup_unsupported``
            when a newer program wrote it, or at a schema revision this program does not
            restore.
        BackupDamagedError: ``backup_damaged``, naming every file that is missing or differs from
            the manifest (up to ten in the sentence, all in ``problems``).
    """
    raw = _read_manifest(folder)
    digest = hashlib.sha256(raw).hexdigest()
    _check_manifest_sum(folder, digest)
    try:
        document = json.loads(raw)
        if not isinstance(document, dict):
            raise ValueError(_("not a JSON object"))
    except ValueError as exc:
        raise BackupDamagedError(folder, [f"{MANIFEST}: {exc}"]) from None
    _refuse_newer(folder, document)
    try:
        manifest = parse_manifest(document, MANIFEST)
    except DataFileError as exc:
        raise BackupDamagedError(folder, [str(exc)]) from None
    _check_schema(folder, manifest)
    problems = [
        p for t in manifest.tables if (p := _check_file(folder, t.file, t.bytes, t.sha256, t.rows))
    ]
    problems += [p for f in manifest.files if (p := _check_file(folder, f.path, f.bytes, f.sha256))]
    if problems:
        raise BackupDamagedError(folder, problems)
    problems = _check_rows(folder, manifest)
    if problems:
        raise BackupDamagedError(folder, problems)
    problems = _check_blobs(folder, manifest, progress, cancel)
    if problems:
        raise BackupDamagedError(folder, problems)
    return VerifiedBackup(folder, manifest, digest)


def _read_manifest(folder: Path) -> bytes:
    path = folder / MANIFEST
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_MANIFEST_BYTES)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        raise ArchiveError(
            ArchiveError.NOT_A_BACKUP,
            _(
                "{folder} is not an archive backup (it has no {file}); a backup is the folder "
                "tnde archive backup made",
                folder=folder,
                file=MANIFEST,
            ),
        ) from None


def _refuse_newer(folder: Path, document: dict[str, Any]) -> None:
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise ArchiveError(
            ArchiveError.BACKUP_UNSUPPORTED,
            _(
                "the backup {folder} was made by a newer TNDE archive (backup format "
                "{found}); this program reads up to format {supported}",
                folder=folder,
                found=version,
                supported=FORMAT_VERSION,
            ),
        )


def _check_manifest_sum(folder: Path, digest: str) -> None:
    try:
        recorded = (folder / MANIFEST_SUM).read_bytes()[:64].decode("ascii", "replace")
    except FileNotFoundError:
        raise BackupDamagedError(folder, [_("{file} is missing", file=MANIFEST_SUM)]) from None
    if recorded != digest:
        raise BackupDamagedError(
            folder,
            [
                _(
                    "{file} does not match its checksum in {sum}: the manifest was changed "
                    "or damaged",
                    file=MANIFEST,
                    sum=MANIFEST_SUM,
                )
            ],
        )


def _check_schema(folder: Path, manifest: Manifest) -> None:
    """The backup's tables must be exactly this program's, at the revision it creates."""
    head = head_revision()
    ours = [(t.name, tuple(c.name for c in t.columns)) for t in METADATA.sorted_tables]
    theirs = [(t.name, t.columns) for t in manifest.tables]
    if manifest.revision == head and sorted(ours) == sorted(theirs):
        return
    raise ArchiveError(
        ArchiveError.BACKUP_UNSUPPORTED,
        _(
            "the backup {folder} holds an archive at schema revision {found}; this program "
            "restores revision {head}: restore it with the TNDE version that made it "
            "({version}), then serve it with this one, which upgrades it",
            folder=folder,
            found=manifest.revision,
            head=head,
            version=manifest.program_version or "?",
        ),
    )


def _check_file(folder: Path, name: str, size: int, sha256: str, rows: int | None = None) -> str:
    """What is wrong with one file of the backup (``""`` when it matches); ``rows``: the
    lines a table's file must hold."""
    try:
        found_size, found, lines = _hash_file(folder / name)
    except FileNotFoundError:
        return _("{file} is missing", file=name)
    except OSError as exc:
        return _("{file} cannot be read: {reason}", file=name, reason=exc.strerror or exc)
    if found != sha256 or found_size != size:
        return _(
            "{file} differs from the manifest (SHA-256 {found}, {size} bytes; the manifest "
            "records {expected}, {expected_size} bytes)",
            file=name,
            found=found,
            size=found_size,
            expected=sha256,
            expected_size=size,
        )
    if rows is not None and lines != rows:
        return _(
            "{file} holds {found} rows; the manifest records {expected}",
            file=name,
            found=lines,
            expected=rows,
        )
    return ""


def _check_rows(folder: Path, manifest: Manifest) -> list[str]:
    """The manifest's facts against the rows themselves: a manifest edited together with its
    checksum still has to tell the truth about the archive, the feed and the blobs."""
    problems = []
    meta = list(read_rows(folder, ARCHIVE_META))
    if len(meta) != 1 or (meta[0]["archive_id"], meta[0]["epoch"]) != (
        manifest.archive_id,
        manifest.epoch,
    ):
        problems.append(
            _(
                "{file} does not name the archive {archive_id} at epoch {epoch} the manifest "
                "records",
                file=table_file(ARCHIVE_META.name),
                archive_id=manifest.archive_id,
                epoch=manifest.epoch,
            )
        )
    feed_seq = max((row["feed_seq"] for row in read_rows(folder, EVENT)), default=0)
    if feed_seq != manifest.feed_seq:
        problems.append(
            _(
                "{file} ends at feed position {found}; the manifest records {expected}",
                file=table_file(EVENT.name),
                found=feed_seq,
                expected=manifest.feed_seq,
            )
        )
    count = size = 0
    for row in read_rows(folder, BLOB):
        count += 1
        size += row["size"]
    if (count, size) != (manifest.blob_count, manifest.blob_bytes):
        problems.append(
            _(
                "{file} lists {count} files of {size} bytes; the manifest records {expected} "
                "files of {expected_size} bytes",
                file=table_file(BLOB.name),
                count=count,
                size=size,
                expected=manifest.blob_count,
                expected_size=manifest.blob_bytes,
            )
        )
    return problems


def _check_blobs(
    folder: Path, manifest: Manifest, progress: ProgressSink | None, cancel: CancelToken | None
) -> list[str]:
    problems = []
    for done, row in enumerate(read_rows(folder, BLOB), start=1):
        check_cancel(cancel)
        sha256 = row["sha256"]
        if not is_sha256(sha256):
            problem = _(
                "{file} lists {name!r}, which is not a SHA-256",
                file=table_file(BLOB.name),
                name=sha256,
            )
        else:
            problem = _check_file(folder, blob_file(sha256), row["size"], sha256)
        if problem:
            problems.append(problem)
        if progress is not None:
            progress(done, manifest.blob_count, _("checking the backup's files"))
    return problems


def _hash_file(path: Path) -> tuple[int, str, int]:
    """The size, SHA-256 and number of lines of a file."""
    digest = hashlib.sha256()
    size = lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(BLOB_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
    return size, digest.hexdigest(), lines
