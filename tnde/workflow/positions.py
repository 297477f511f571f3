"""The org chart as the workflow rules see it, read straight from the workspace tables.

Each question is one indexed query, so checking an event costs the same with ten officials
or ten thousand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    import sqlite3

_ACTS_AS = """
SELECT bentuk FROM assignment
WHERE nip = ? AND jabatan_id = ? AND mulai <= ? AND (selesai IS NULL OR selesai >= ?)
ORDER BY bentuk = 'definitif' DESC LIMIT 1
"""
_REGISTRY = """
SELECT 1 FROM assignment a JOIN jabatan j ON j.jabatan_id = a.jabatan_id
WHERE a.nip = ? AND j.registry = 1 AND a.mulai <= ? AND (a.selesai IS NULL OR a.selesai >= ?)
LIMIT 1
"""
_JABATAN_OF = """
SELECT jabatan_id FROM assignment
WHERE nip = ? AND mulai <= ? AND (selesai IS NULL OR selesai >= ?)
"""


class SqlAuthority:
    """:class:`tnde.workflow.rules.Authority` over a workspace connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def acts_as(self, nip: str, jabatan_id: str, on: dt.date) -> str | None:
        """How ``nip`` holds ``jabatan_id`` on ``on``, or None."""
        day = on.isoformat()
        row = self.conn.execute(_ACTS_AS, (nip, jabatan_id, day, day)).fetchone()
        return str(row[0]) if row else None

    def is_registry(self, nip: str, on: dt.date) -> bool:
        """Whether ``nip`` holds a registry-desk jabatan on ``on``."""
        day = on.isoformat()
        return self.conn.execute(_REGISTRY, (nip, day, day)).fetchone() is not None

    def jabatan_exists(self, jabatan_id: str) -> bool:
        """Whether the org chart has this jabatan."""
        row = self.conn.execute("SELECT 1 FROM jabatan WHERE jabatan_id = ?", (jabatan_id,))
        return row.fetchone() is not None

    def unit_exists(self, unit_id: str) -> bool:
        """Whether the org chart has this unit kerja."""
        row = self.conn.execute("SELECT 1 FROM unit WHERE unit_id = ?", (unit_id,))
        return row.fetchone() is not None

    def jabatan_of(self, nip: str, on: dt.date) -> list[str]:
        """Every jabatan ``nip`` holds or acts in on ``on``."""
        day = on.isoformat()
        return [str(r[0]) for r in self.conn.execute(_JABATAN_OF, (nip, day, day))]

    def name_of(self, nip: str) -> str:
        """The name of ``nip`` as printed, with degrees ("" when the chart does not list them)."""
        row = self.conn.execute("SELECT nama FROM pegawai WHERE nip = ?", (nip,)).fetchone()
        return str(row[0]) if row else ""
