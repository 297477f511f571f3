"""What ``sync status`` shows, and letting go of an action the archive refused."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tnde.canonical import now_timestamp
from tnde.messages import _
from tnde.sync.engine import SyncError
from tnde.sync.link import read_link

if TYPE_CHECKING:
    from tnde.workspace import Workspace

__all__ = ["dismiss_rejection", "status"]


def dismiss_rejection(ws: Workspace, event_id: str) -> None:
    """Mark a refused action as seen and let go by the user (it stays in the table, with when
    it was dismissed, but no longer asks for attention).

    Raises:
        SyncError: no refused action of this desk has that id, or it was dismissed already.
    """
    with ws.transaction() as conn:
        done = conn.execute(
            "UPDATE sync_rejection SET resolved_at = ?, resolution = 'dismissed' "
            "WHERE event_id = ? AND resolved_at IS NULL",
            (now_timestamp(), event_id),
        ).rowcount
    if not done:
        raise SyncError(_("no refused action waits with the id {event_id}", event_id=event_id))


def status(ws: Workspace) -> dict[str, Any]:
    """What ``sync status`` shows: the link, what waits to be sent, what was refused."""
    conn = ws.thread_connection()
    link = read_link(conn)
    pending = conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
    sent = conn.execute("SELECT count(*) FROM outbox WHERE state = 'sent'").fetchone()[0]
    # set aside after a restore, until the letters' earlier events are back: still to send
    parked = conn.execute(
        "SELECT count(*) FROM sync_rejection WHERE source = 'parked' AND resolved_at IS NULL"
    ).fetchone()[0]
    rejected = [
        {
            "event_id": r[0],
            "letter_id": r[1],
            "type": r[2],
            "rule": r[3],
            "message": r[4],
            "source": r[5],
            "rejected_at": r[6],
        }
        for r in conn.execute(
            "SELECT event_id, letter_id, type, rule, message, source, rejected_at "
            "FROM sync_rejection WHERE resolved_at IS NULL AND source != 'parked' "
            "ORDER BY rejected_at"
        )
    ]
    return {
        "linked": link is not None,
        "url": link.url if link else "",
        "archive_id": link.archive_id if link else "",
        "nip": link.nip if link else "",
        "epoch": link.epoch if link else 0,
        "cursor": link.cursor if link else "",
        "backup_watermark": link.backup_watermark if link else 0,
        "last_push_at": link.last_push_at if link else "",
        "last_pull_at": link.last_pull_at if link else "",
        "last_error": link.last_error if link else "",
        "pending": int(pending) + int(parked),
        "awaiting_pull": int(sent),
        "rejected": rejected,
    }
