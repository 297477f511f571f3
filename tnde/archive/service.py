"""What the archive answers, without HTTP: the service the routes call.

Every method is synchronous and short; the routes run them on the server's thread pool so
the event loop only moves bytes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde import __version__
from tnde.archive.records import BlobRow, find_blob, read_identity, record_blob
from tnde.canonical import now_timestamp

if TYPE_CHECKING:
    from tnde.archive.blobs import BlobStore
    from tnde.archive.db import Database

__all__ = ["API_VERSION", "ArchiveService", "Limits"]

log = logging.getLogger(__name__)

API_VERSION = 1
"""The version of the HTTP interface (the ``/v1/`` of every path)."""


@dataclass(frozen=True)
class Limits:
    """What one request may carry; ``hello`` tells the desks."""

    blob_max_bytes: int
    """The largest file a ``PUT /v1/blobs/…`` accepts."""


class ArchiveService:
    """The archive's answers over one database and one blob store."""

    def __init__(self, database: Database, blobs: BlobStore, limits: Limits) -> None:
        self.database = database
        self.blobs = blobs
        self.limits = limits

    def hello(self) -> dict[str, Any]:
        """Who the archive is and what it accepts: a desk's first call in every sync.

        The identity is read afresh: a restore from backup raises the epoch while the
        server runs.
        """
        with self.database.read() as conn:
            identity = read_identity(conn)
        if identity is None:  # pragma: no cover - open_archive refuses such a database
            raise RuntimeError("the archive database has no identity row")
        return {
            "archive_id": identity.archive_id,
            "epoch": identity.epoch,
            "backup_watermark": identity.backup_watermark,
            "profile": identity.profile,
            "server_time": now_timestamp(),
            "api_version": API_VERSION,
            "version": __version__,
            "limits": {"blob_max_bytes": self.limits.blob_max_bytes},
        }

    def stored_blob(self, sha256: str) -> BlobRow | None:
        """The blob's row when the blob is stored: its row and its file both exist.

        A row whose file is gone is logged and answered as absent, so the desk uploads the
        file again and the archive has it back.
        """
        with self.database.read() as conn:
            row = find_blob(conn, sha256)
        if row is None:
            return None
        if not self.blobs.exists(sha256):
            log.error("blob %s has a row but no file; it will be taken again on upload", sha256)
            return None
        return row

    def record(self, sha256: str, size: int, media_type: str) -> bool:
        """Record a blob whose file was just made durable; whether its row is new."""
        with self.database.write() as conn:
            return record_blob(
                conn, sha256=sha256, size=size, media_type=media_type, at=now_timestamp()
            )
