"""Helpers of the workspace tests."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from tnde.canonical import canonical_json
from tnde.workspace import GENESIS_HASH, audit_append, event_hash

if TYPE_CHECKING:
    from tnde.workspace import Workspace

AT = "2026-08-22T03:04:05.678Z"
"""The fixed clock of these tests."""


def raw_connection(ws: Workspace) -> sqlite3.Connection:
    """A connection that bypasses every rule, as someone tampering with the file would use."""
    conn = sqlite3.connect(ws.db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


def add_audit_rows(ws: Workspace, count: int) -> None:
    """Append ``count`` rows (after the ``workspace.created`` row, which is row 1)."""
    with ws.transaction() as conn:
        for i in range(count):
            audit_append(
                conn,
                actor="198001012006041001",
                action="letter.numbered",
                object=f"surat-{i}",
                details={"nomor": f"000.1/{i}/DISKOMINFO/2026", "catatan": "Ümlaut – ok"},
                at=AT,
            )


def add_events(ws: Workspace, letter_id: str, count: int) -> list[str]:
    """Insert a correctly chained run of ``count`` events for one letter; returns their hashes."""
    hashes = []
    prev = GENESIS_HASH
    with ws.transaction() as conn:
        for seq in range(1, count + 1):
            fields: dict[str, Any] = {
                "event_id": f"{letter_id}-e{seq}",
                "letter_id": letter_id,
                "letter_seq": seq,
                "type": "draft.revised",
                "actor_nip": "198001012006041001",
                "device_id": ws.device_id,
                "base_seq": seq - 1,
                "revision_hash": "",
                "payload": canonical_json({"hal": f"Undangan rapat {seq}"}),
                "client_time": AT,
                "prev_event_hash": prev,
            }
            fields["event_hash"] = prev = event_hash(fields)
            names = ", ".join(fields)
            marks = ", ".join("?" for _ in fields)
            conn.execute(f"INSERT INTO event ({names}) VALUES ({marks})", list(fields.values()))
            hashes.append(prev)
    return hashes
