"""Where a desk stands with its archive: the ``sync_state`` rows of the workspace.

Written in the transaction of whatever changed it (a pulled page and its cursor commit
together). Nothing secret is kept here: the refresh token lives in the OS keyring
(:mod:`tnde.sync.credentials`), the access token only in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    from tnde.workspace import Workspace

__all__ = ["SyncLink", "link_of", "read_link", "save_link", "waiting_letters"]


@dataclass(frozen=True)
class SyncLink:
    """A workspace's link to an archive."""

    url: str
    archive_id: str
    nip: str
    """The pegawai signed in at this desk (the workspace's owner)."""
    certificate: str = ""
    """The pinned certificate, DER as hex ("" when the system's authorities are trusted or
    the archive is on this computer over plain HTTP)."""
    epoch: int = 0
    cursor: str = ""
    backup_watermark: int = 0
    linked_at: str = ""
    last_push_at: str = ""
    last_pull_at: str = ""
    last_error: str = ""

    def with_(self, **changes: object) -> SyncLink:
        """A copy with ``changes``."""
        return replace(self, **changes)  # type: ignore[arg-type]


_INTS = {"epoch", "backup_watermark"}


def read_link(conn: sqlite3.Connection) -> SyncLink | None:
    """The workspace's link, or None when it was never linked."""
    values = dict(conn.execute("SELECT key, value FROM sync_state").fetchall())
    if "url" not in values:
        return None
    known = {f.name for f in fields(SyncLink)}
    kwargs: dict[str, object] = {
        k: (int(v) if k in _INTS else v) for k, v in values.items() if k in known
    }
    return SyncLink(**kwargs)  # type: ignore[arg-type]


def save_link(conn: sqlite3.Connection, link: SyncLink) -> None:
    """Store every field of ``link`` (caller's transaction)."""
    conn.executemany(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [(f.name, str(getattr(link, f.name))) for f in fields(SyncLink)],
    )


def forget_link(conn: sqlite3.Connection) -> None:
    """Remove the link (caller's transaction)."""
    conn.execute("DELETE FROM sync_state")


def waiting_letters(ws: Workspace) -> set[str]:
    """Ids of the letters (and incoming letters) with actions waiting to be sent."""
    conn = ws.thread_connection()
    return {
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT e.letter_id FROM outbox o JOIN event e USING (event_id) "
            "WHERE o.state = 'pending'"
        )
    }


def link_of(ws: Workspace) -> SyncLink | None:
    """The workspace's link to its archive, or None when it is not linked."""
    return read_link(ws.thread_connection())
