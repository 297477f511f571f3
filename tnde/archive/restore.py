"""``tnde archive restore``: a new archive, folder and database, from a backup.

The backup is checked whole first (:func:`~tnde.archive.backup_format.verify_backup`): a
damaged one is refused, naming what is wrong, before anything is made. Then, as ``init``
does, a new folder (new or empty) gets its settings, its blob store, its TLS files and a new
database (SQLite in the folder, or an empty PostgreSQL database), migrated to the newest
schema with the shipped migrations; every table is loaded in one transaction, and a failure
on the way removes what was made.

What changes against the backup, on purpose:

- ``archive_meta.epoch`` is a new epoch, so every desk sees that its cursor
  (``archive_id:epoch:feed_seq``) belongs to another history and sends again what the
  restored archive lacks. Two restores of the same backup must never share an epoch (desks
  synced with the first would take the second for the same history), and a restore cannot
  know about an earlier restore of the same backup: that archive may have died with its disk,
  and the backup may sit on read-only media. So the epoch is the restore's time in seconds
  since :data:`EPOCH_ORIGIN` when that is larger than one more than every epoch the backup
  knows (its own and those in its ``backup`` table); see :func:`restored_epoch`.
- ``backup_watermark`` is the backup's ``feed_seq``: everything up to it is in a backup.
- ``feed_counter`` continues from the backup's ``feed_seq``.
- The backup's own ``backup`` row, unfinished in its snapshot, is marked finished with the
  manifest's SHA-256, as the archive marked it once the backup was in place, and the audit log
  gets ``archive.restored``.
- The access-token key (``token.key``) is not in a backup: the restored folder gets a new
  one. Access tokens last minutes; desks get new ones with their refresh tokens, which are in
  the database.

The archive keeps its ``archive_id`` (desks are linked to it), its certificate and key when
the backup holds them (desks pinned that fingerprint), or gets a new self-signed certificate
for the same names when asked (``new_certificate``) or when the backup has none.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from cryptography import x509

from tnde.archive.audit import audit_append
from tnde.archive.backup_format import BLOB_CHUNK, blob_file, read_rows
from tnde.archive.backup_verify import verify_backup
from tnde.archive.blobs import FilesystemBlobStore, store_stream
from tnde.archive.config import ArchiveConfig, write_config
from tnde.archive.db import display_url, resolve_url
from tnde.archive.errors import ArchiveError
from tnde.archive.folder import made_in, new_schema
from tnde.archive.migrate import head_revision
from tnde.archive.schema import ARCHIVE_META, BACKUP, BLOB, FEED_COUNTER, METADATA
from tnde.archive.tls import certificate_fingerprint, default_names, make_self_signed
from tnde.archive.tokens import write_token_key
from tnde.canonical import format_timestamp
from tnde.fsutil import private_folder, write_atomic
from tnde.messages import _
from tnde.progress import check_cancel

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    from sqlalchemy.engine import URL

    from tnde.archive.backup_format import Manifest
    from tnde.archive.backup_verify import VerifiedBackup
    from tnde.progress import CancelToken, ProgressSink

__all__ = ["EPOCH_ORIGIN", "RestoreResult", "restore_archive", "restored_epoch"]

log = logging.getLogger(__name__)

EPOCH_ORIGIN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
"""A restored archive's epoch counts seconds from here (a 32-bit epoch lasts until 2092)."""

BATCH = 1000
"""Rows inserted per statement while a table is loaded."""


@dataclass(frozen=True)
class RestoreResult:
    """What a restore made, for the admin."""

    folder: Path
    archive_id: str
    database: str
    """The database, its password masked."""
    revision: str
    backup_id: str
    manifest_sha256: str
    backup_epoch: int
    """The epoch the backup was taken in."""
    epoch: int
    """The restored archive's new epoch."""
    feed_seq: int
    """The restored archive holds every event up to this feed position."""
    blobs: int
    fingerprint: str
    """The certificate's SHA-256 fingerprint."""
    certificate_kept: bool
    """Whether it is the backed-up certificate (desks keep their pin) or a new one (every
    desk must be given the new fingerprint)."""
    names: tuple[str, ...]
    """The names a new certificate was made for (empty when it was kept)."""


def restore_archive(
    backup: Path,
    target: Path,
    *,
    database: str = "",
    new_certificate: bool = False,
    names: Sequence[str] = (),
    actor: str = "admin",
    now: dt.datetime | None = None,
    progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> RestoreResult:
    """Restore the backup in ``backup`` as a new archive in ``target`` (new or empty).

    Args:
        database: an empty PostgreSQL database's URL; empty for ``archive.sqlite`` in
            ``target``.
        new_certificate: make a new self-signed certificate even when the backup holds one
            (when the backup may have been read by others: its key lets them pose as the
            archive).
        names: more host names or addresses for a new certificate.
        actor: who restores it, for the audit log (``admin:<user>`` from the command line).
        now: the restore's time (for the epoch); the clock's by default.

    Raises:
        ArchiveError: ``not_a_backup``, ``backup_damaged``, ``backup_unsupported``,
            ``folder_not_empty``, ``folder_unusable``, ``database_not_empty``,
            ``database_unreachable``, ``tls_invalid``.
        Cancelled: ``cancel`` was set; nothing is left.
    """
    verified = verify_backup(backup, progress=progress, cancel=cancel)
    manifest = verified.manifest
    _refuse_occupied(target)
    url = resolve_url(target, database)
    certificate, key, new_names = _certificate(verified, new_certificate, names)
    config = ArchiveConfig(
        manifest.archive_id,
        manifest.profile,
        database,
        blob_max_bytes=manifest.blob_max_bytes,
    )
    with made_in(target, restoring=True):
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
        private_folder(target)
        store = FilesystemBlobStore(target / "blobs")
        store.create()
        _restore_blobs(verified, store, progress, cancel)
        profile = manifest.file("profile")
        if profile is not None:
            kept = (backup / profile.path).read_bytes()
            write_atomic(target / manifest.profile, kept, private=True)
        (target / "tls").mkdir(mode=0o700)
        write_atomic(target / config.certificate, certificate)
        write_atomic(target / config.key, key, private=True)
        write_token_key(target)  # a new one: access tokens last minutes, desks refresh them
        write_config(target, config)
        # last: the one step that may reach beyond the folder (a PostgreSQL database)
        epoch = _restore_database(
            url,
            verified,
            now=now or dt.datetime.now(dt.UTC),
            certificate_kept=not new_names,
            actor=actor,
            cancel=cancel,
        )
    log.info("backup %s restored into %s at epoch %d", manifest.backup_id, target, epoch)
    return RestoreResult(
        folder=target,
        archive_id=manifest.archive_id,
        database=display_url(url),
        revision=head_revision(),
        backup_id=manifest.backup_id,
        manifest_sha256=verified.manifest_sha256,
        backup_epoch=manifest.epoch,
        epoch=epoch,
        feed_seq=manifest.feed_seq,
        blobs=manifest.blob_count,
        fingerprint=certificate_fingerprint(certificate),
        certificate_kept=not new_names,
        names=new_names,
    )


def restored_epoch(known: int, now: dt.datetime) -> int:
    """The epoch of an archive restored at ``now`` from a backup whose highest epoch is
    ``known``: above every epoch the backup knows, and different from any other restore of
    the same backup made at another second."""
    return max(known + 1, int((now - EPOCH_ORIGIN).total_seconds()))


# -- the files ------------------------------------------------------------------------------------


def _certificate(
    verified: VerifiedBackup, new_certificate: bool, names: Sequence[str]
) -> tuple[bytes, bytes, tuple[str, ...]]:
    """The certificate and key to restore, and the names of a new one (``()`` when kept)."""
    manifest = verified.manifest
    kept, key = manifest.file("certificate"), manifest.file("key")
    if kept is not None and key is not None and not new_certificate:
        return _read(verified, kept.path), _read(verified, key.path), ()
    old = _names_of(_read(verified, kept.path)) if kept is not None else []
    wanted = tuple(dict.fromkeys([*default_names(), *old, *names]))
    certificate, new_key = make_self_signed(wanted)
    return certificate, new_key, wanted


def _read(verified: VerifiedBackup, path: str) -> bytes:
    return (verified.folder / path).read_bytes()


def _names_of(certificate: bytes) -> list[str]:
    """The host names and addresses a certificate is valid for."""
    try:
        found = x509.load_pem_x509_certificate(certificate).extensions
        alternative = found.get_extension_for_class(x509.SubjectAlternativeName).value
    except (ValueError, x509.ExtensionNotFound):
        return []
    addresses: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [
        a
        for a in alternative.get_values_for_type(x509.IPAddress)
        if isinstance(a, ipaddress.IPv4Address | ipaddress.IPv6Address)
    ]
    return [*alternative.get_values_for_type(x509.DNSName), *(str(a) for a in addresses)]


def _restore_blobs(
    verified: VerifiedBackup,
    store: FilesystemBlobStore,
    progress: ProgressSink | None,
    cancel: CancelToken | None,
) -> None:
    """Every blob into the new store, through its writer: hashed again, fsynced, renamed."""
    manifest = verified.manifest
    for done, row in enumerate(read_rows(verified.folder, BLOB), start=1):
        check_cancel(cancel)
        with (verified.folder / blob_file(row["sha256"])).open("rb") as handle:
            chunks = iter(lambda: handle.read(BLOB_CHUNK), b"")
            store_stream(store, row["sha256"], chunks, max_bytes=max(row["size"], 1))
        if progress is not None:
            progress(done, manifest.blob_count, _("restoring the files"))


# -- the database ---------------------------------------------------------------------------------


def _restore_database(
    url: URL,
    verified: VerifiedBackup,
    *,
    now: dt.datetime,
    certificate_kept: bool,
    actor: str,
    cancel: CancelToken | None,
) -> int:
    """Create the schema and load every table in one transaction; the new epoch."""
    with new_schema(url, restoring=True) as conn:
        # the migrations seed some rows (the feed counter): the backup brings its own
        for table in reversed(METADATA.sorted_tables):
            conn.execute(sa.delete(table))
        known = verified.manifest.epoch
        for table in METADATA.sorted_tables:
            check_cancel(cancel)
            for batch in _batches(read_rows(verified.folder, table)):
                conn.execute(sa.insert(table), batch)
                if table is BACKUP:
                    known = max([known, *(row["epoch"] for row in batch)])
        epoch = restored_epoch(known, now)
        _start_epoch(conn, verified.manifest, verified.manifest_sha256, epoch)
        audit_append(
            conn,
            actor=actor,
            action="archive.restored",
            object=verified.manifest.backup_id,
            details={
                "backup_epoch": verified.manifest.epoch,
                "epoch": epoch,
                "feed_seq": verified.manifest.feed_seq,
                "manifest_sha256": verified.manifest_sha256,
                "certificate_kept": certificate_kept,
            },
            at=format_timestamp(now),
        )
    return epoch


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _start_epoch(conn: sa.Connection, manifest: Manifest, digest: str, epoch: int) -> None:
    """The restored archive's own state: new epoch, watermark and feed counter at the backup,
    and the backup it came from recorded as finished."""
    conn.execute(
        sa.update(ARCHIVE_META)
        .where(ARCHIVE_META.c.id == 1)
        .values(epoch=epoch, backup_watermark=manifest.feed_seq)
    )
    conn.execute(
        sa.update(FEED_COUNTER).where(FEED_COUNTER.c.id == 1).values(value=manifest.feed_seq)
    )
    conn.execute(
        sa.update(BACKUP)
        .where(BACKUP.c.backup_id == manifest.backup_id, BACKUP.c.finished_at.is_(None))
        .values(finished_at=manifest.finished_at, feed_seq=manifest.feed_seq, sha256=digest)
    )


# -- failures -------------------------------------------------------------------------------------


def _refuse_occupied(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ArchiveError(
            ArchiveError.FOLDER_NOT_EMPTY,
            _(
                "{folder} already exists and is not an empty folder; an archive is restored "
                "into a new or empty folder",
                folder=target,
            ),
        )
