"""``tnde archive backup|restore``: a verified copy of the archive, and a new archive from one.

Run by the admin on the server. ``backup`` reads a running archive without stopping it;
``restore`` makes a new archive folder and database (docs/archive.md, "Backup and restore").
Like the other archive commands, these load the server's libraries only when they run.
"""

from __future__ import annotations

import contextlib
import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde import archive
from tnde.cli.output import out
from tnde.messages import _

if TYPE_CHECKING:
    import argparse

__all__ = ["cmd_archive_backup", "cmd_archive_restore", "register_backup"]


def register_backup(commands: argparse._SubParsersAction[Any]) -> None:
    """Add ``backup`` and ``restore`` to ``tnde archive``."""
    backup = commands.add_parser(
        "backup",
        help=_("back up the archive into a new folder (while it serves)"),
        description=_(
            "Back up the archive in FOLDER into the new folder OUT: every table read at one "
            "moment, every file checked against its SHA-256, the certificate and its key. "
            "The archive may keep serving meanwhile. Once the backup is complete and checked, "
            "the archive's backup watermark moves up to it, and desks may then drop the "
            "events it covers. OUT holds every letter and the TLS key: keep it as safe as "
            "the server."
        ),
    )
    backup.add_argument("folder", type=Path, metavar="FOLDER", help=_("the archive folder"))
    backup.add_argument("out", type=Path, metavar="OUT", help=_("the new backup folder"))
    backup.add_argument(
        "--database",
        default=None,
        metavar="URL",
        help=_("the database to use instead of the one in the folder's settings"),
    )
    backup.set_defaults(run=cmd_archive_backup)

    restore = commands.add_parser(
        "restore",
        help=_("make a new archive from a backup"),
        description=_(
            "Check the backup BACKUP whole, then make a new archive from it in FOLDER (new or "
            "empty), with its database (the SQLite file in FOLDER, or an empty PostgreSQL "
            "database). The archive keeps its id and, unless --new-certificate, its "
            "certificate; it starts a new epoch, so desks send again what it lacks."
        ),
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP", help=_("the backup folder"))
    restore.add_argument("folder", type=Path, metavar="FOLDER", help=_("the new archive folder"))
    restore.add_argument(
        "--database",
        default="",
        metavar="URL",
        help=_("a PostgreSQL database (postgresql+psycopg://user@host/name) instead of SQLite"),
    )
    restore.add_argument(
        "--new-certificate",
        action="store_true",
        help=_(
            "make a new self-signed certificate instead of restoring the backed-up one "
            "(every desk must then be given its fingerprint)"
        ),
    )
    restore.add_argument(
        "--name",
        action="append",
        default=[],
        metavar="HOST",
        help=_("another host name or address for a new certificate (repeatable)"),
    )
    restore.set_defaults(run=cmd_archive_restore)


def cmd_archive_backup(args: argparse.Namespace) -> int:
    """Back up and say what was saved: up to which feed position, how many files, how big."""
    opened = archive.open_archive(args.folder, database=args.database)
    try:
        made = archive.backup_archive(opened, args.out, actor=_actor())
    finally:
        opened.close()
    out(_("backup {backup_id} saved in {folder}", backup_id=made.backup_id, folder=made.location))
    out(
        _(
            "events up to feed position {feed_seq} ({events} events), {blobs} files, {size} in all",
            feed_seq=made.feed_seq,
            events=made.events,
            blobs=made.blobs,
            size=_size(made.size),
        )
    )
    if not made.certificate:
        out(
            _(
                "the archive's certificate or key was missing: a restore of this backup makes "
                "a new certificate, whose fingerprint every desk must be given"
            )
        )
    out(
        _(
            "backup watermark: {watermark}; desks may drop the events it covers",
            watermark=made.watermark,
        )
    )
    out(_("manifest SHA-256: {sha256}", sha256=made.manifest_sha256))
    return 0


def cmd_archive_restore(args: argparse.Namespace) -> int:
    """Restore and say what the admin must know: the new epoch, the certificate, how to serve."""
    made = archive.restore_archive(
        args.backup,
        args.folder,
        database=args.database,
        new_certificate=args.new_certificate,
        names=args.name,
        actor=_actor(),
    )
    out(
        _(
            "archive {archive_id} restored in {folder} from backup {backup_id}",
            archive_id=made.archive_id,
            folder=made.folder,
            backup_id=made.backup_id,
        )
    )
    out(
        _(
            "database: {database} (schema {revision})",
            database=made.database,
            revision=made.revision,
        )
    )
    out(
        _(
            "events up to feed position {feed_seq}, {blobs} files",
            feed_seq=made.feed_seq,
            blobs=made.blobs,
        )
    )
    out(
        _(
            "new epoch {epoch} (the backup's was {previous}): desks start their sync again "
            "and send what the archive lacks",
            epoch=made.epoch,
            previous=made.backup_epoch,
        )
    )
    if made.certificate_kept:
        out(_("certificate restored, fingerprint unchanged (SHA-256):"))
    else:
        out(_("certificate for: {names}", names=", ".join(made.names)))
        out(_("new certificate fingerprint (SHA-256), read it out to every desk:"))
    out(f"  {made.fingerprint}")
    out(_("start it with: tnde archive serve {folder}", folder=made.folder))
    return 0


def _size(size: int) -> str:
    """A size in whole KB, MB or GB (powers of 1000), at least ten of them: rounding down
    then loses less than a tenth."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= 10 * scale:
            return f"{size // scale} {unit}"
    return _("{count} bytes", count=size)


def _actor() -> str:
    """Who ran the command, for the audit log: the server account's user name."""
    with contextlib.suppress(OSError, KeyError):  # no user name in the environment
        return f"admin:{getpass.getuser()}"
    return "admin"
