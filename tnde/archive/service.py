"""What the archive answers, without HTTP: the service the routes call.

Every method is synchronous and short; the routes run them on the server's thread pool so
the event loop only moves bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from tnde import __version__
from tnde.archive.accept import Acceptor
from tnde.archive.accounts import list_accounts
from tnde.archive.admins import is_admin
from tnde.archive.authority import ChartAuthority, viewer_grantees
from tnde.archive.blob_access import readable_blobs
from tnde.archive.feed import FeedPage, feed_end, letter_history, parse_cursor, read_page
from tnde.archive.numbers import MAX_LEASE, LeaseGrant, lease_block
from tnde.archive.records import (
    ArchiveIdentity,
    BlobRow,
    find_blob,
    read_chart,
    read_identity,
    record_blob,
)
from tnde.archive.sync_notify import FeedNotifier
from tnde.canonical import now_timestamp
from tnde.errors import WorkflowRefused
from tnde.messages import _
from tnde.org import org_toml_text
from tnde.profiles import load_profile

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from tnde.archive.accept import Desk
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

    def __init__(
        self,
        database: Database,
        blobs: BlobStore,
        limits: Limits,
        *,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.database = database
        self.blobs = blobs
        self.limits = limits
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        with database.read() as conn:
            identity = _identity(conn)
            # the org chart changes only through the archive's own commands, which restart
            # the server: one snapshot answers every rule and feed question
            self.chart = read_chart(conn)
        self.zone = ZoneInfo(load_profile(identity.profile).timezone)
        self.authority = ChartAuthority(self.chart)
        self.notifier = FeedNotifier()
        self.acceptor = Acceptor(
            database,
            self.authority,
            zone=self.zone,
            clock=self.clock,
            on_commit=self.notifier.notify,
        )

    def today(self) -> dt.date:
        """The office's day now."""
        return self.clock().astimezone(self.zone).date()

    def accept(self, desk: Desk, events: Sequence[object]) -> list[dict[str, Any]]:
        """Answer a pushed batch (:class:`tnde.archive.accept.Acceptor`)."""
        return [r.to_json() for r in self.acceptor.accept(desk, events)]

    def changes(self, desk: Desk, cursor: str, limit: int) -> FeedPage:
        """A page of the feed after ``cursor`` for the signed-in pegawai.

        Raises:
            CursorReset: the cursor belongs to another archive or epoch.
            ValueError: the cursor has not the form of one.
        """
        grantees = viewer_grantees(self.chart, desk.nip, self.today())
        with self.database.read() as conn:
            identity = _identity(conn)
            after = parse_cursor(cursor, identity, feed_end(conn))
            return read_page(conn, identity, grantees, after, limit)

    def history(self, desk: Desk, aggregate_id: str) -> list[dict[str, Any]] | None:
        """Every event of an aggregate ``desk``'s official may see, in order; None when they
        may not see it or it does not exist."""
        grantees = viewer_grantees(self.chart, desk.nip, self.today())
        with self.database.read() as conn:
            return letter_history(conn, aggregate_id, grantees)

    def lease(self, desk: Desk, unit_id: str, series: str, year: int, size: int) -> LeaseGrant:
        """Lease a block of a series to the desk of a registry pegawai.

        Raises:
            WorkflowRefused: ``REG-REGISTRY-ONLY`` for anyone else, ``REG-LEASE-SIZE`` for
                a size out of range, ``WF-UNIT`` for an unknown unit.
        """
        if not self.authority.is_registry(desk.nip, self.today()):
            raise WorkflowRefused(
                "REG-REGISTRY-ONLY", _("only a registry desk (tata usaha) leases numbers")
            )
        if not 1 <= size <= MAX_LEASE:
            raise WorkflowRefused(
                "REG-LEASE-SIZE",
                _("a lease takes from 1 to {max} numbers", max=MAX_LEASE),
            )
        if unit_id and not self.authority.unit_exists(unit_id):
            raise WorkflowRefused(
                "WF-UNIT", _("unit kerja {unit!r} is not in the org chart", unit=unit_id)
            )
        with self.database.write() as conn:
            return lease_block(
                conn,
                device_id=desk.device_id,
                nip=desk.nip,
                unit_id=unit_id,
                series=series,
                year=year,
                size=size,
                at=now_timestamp(),
            )

    def hello(self) -> dict[str, Any]:
        """Who the archive is and what it accepts: a desk's first call in every sync.

        The identity is read afresh: a restore from backup raises the epoch while the
        server runs.
        """
        with self.database.read() as conn:
            identity = _identity(conn)
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

    def office(self) -> dict[str, Any]:
        """The office a new desk joins: the archive's id, its profile and the org chart its
        rules judge by, as the TOML text ``tnde org import`` reads, with the text's SHA-256
        (the desk checks what it received before importing it)."""
        with self.database.read() as conn:
            identity = _identity(conn)
        text = org_toml_text(self.chart)
        return {
            "archive_id": identity.archive_id,
            "profile_id": identity.profile,
            "org_toml": text,
            "org_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        }

    def linked_desks(self, nip: str) -> list[dict[str, Any]] | None:
        """Every account with its state and desks, for an administrator; None for anyone
        else. Nothing secret is in it (:meth:`~tnde.archive.accounts.AccountInfo.to_json`)."""
        with self.database.read() as conn:
            if not is_admin(conn, nip):
                return None
            accounts = list_accounts(conn, at=self.clock())
        return [a.to_json() for a in accounts]

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

    def record(
        self, sha256: str, size: int, media_type: str, uploaded_by: str | None = None
    ) -> bool:
        """Record a blob whose file was just made durable; whether its row is new.

        Args:
            uploaded_by: the device that sent it (it may read it back before any event
                refers to it).
        """
        with self.database.write() as conn:
            return record_blob(
                conn,
                sha256=sha256,
                size=size,
                media_type=media_type,
                at=now_timestamp(),
                uploaded_by=uploaded_by,
            )

    def may_read_blob(self, desk: Desk, sha256: str) -> bool:
        """Whether ``desk`` may download the blob (:mod:`tnde.archive.blob_access`)."""
        grantees = viewer_grantees(self.chart, desk.nip, self.today())
        with self.database.read() as conn:
            found = readable_blobs(conn, [sha256], device_id=desk.device_id, grantees=grantees)
        return sha256 in found


def _identity(conn: Any) -> ArchiveIdentity:
    identity = read_identity(conn)
    if identity is None:  # pragma: no cover - open_archive refuses such a database
        raise RuntimeError("the archive database has no identity row")
    return identity
