"""Helpers for the register tests: a real workspace database file, in threads and processes.

The tests use the workspace layer (``tnde.workspace.Workspace``) when it is there; otherwise a
plain SQLite file set up like a workspace connection (WAL, autocommit, foreign keys, busy
timeout 10 s) with schema migration 1, and a minimal hash-chained ``audit_append`` so the
register's audit rows can be checked.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sqlite3
import sys
import time
import types
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.workspace.schema import MIGRATIONS

if TYPE_CHECKING:
    from pathlib import Path


def _have_workspace() -> bool:
    try:
        from tnde.workspace import Workspace  # noqa: F401
    except ImportError:
        return False
    return True


HAVE_WORKSPACE = _have_workspace()


def _fallback_audit_append(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    object: str,
    details: Any,
    at: str | None = None,
) -> int:
    row = conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    prev = row[0] if row else ""
    body = json.dumps(
        {"at": at, "actor": actor, "action": action, "object": object, "details": details},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    digest = hashlib.sha256((prev + body).encode()).hexdigest()
    cur = conn.execute(
        "INSERT INTO audit (at, actor, action, object, details, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (at or "", actor, action, object, json.dumps(details, sort_keys=True), prev, digest),
    )
    return int(cur.lastrowid or 0)


def ensure_audit() -> None:
    """Make ``tnde.workspace.audit.audit_append`` importable (the real one when it exists)."""
    if "tnde.workspace.audit" in sys.modules:
        return
    if importlib.util.find_spec("tnde.workspace.audit") is not None:
        return
    module = types.ModuleType("tnde.workspace.audit")
    module.audit_append = _fallback_audit_append  # type: ignore[attr-defined]
    sys.modules["tnde.workspace.audit"] = module


def _plain_connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=10.0, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


@dataclass(frozen=True)
class Db:
    """A workspace database that threads and processes can each open (picklable)."""

    folder: Path
    """The workspace folder."""
    use_workspace: bool
    """Open through ``tnde.workspace.Workspace`` rather than a plain SQLite file."""

    @property
    def file(self) -> Path:
        return self.folder / "workspace.sqlite"

    def connect(self) -> sqlite3.Connection:
        """A new connection, as the workspace gives them."""
        ensure_audit()
        if self.use_workspace:
            from tnde.workspace import Workspace

            return Workspace.open(self.folder).connect()
        return _plain_connect(self.file)


OWNER = "198911072014022002"
"""The official whose workspace the register tests use: the office's registry desk."""


def create_db(folder: Path) -> Db:
    """A new, empty workspace database in ``folder`` (which must not exist yet), owned by
    :data:`OWNER`."""
    ensure_audit()
    if HAVE_WORKSPACE:
        from tests.office import seed_org
        from tnde.workspace import Workspace, WorkspaceConfig

        with Workspace.create(folder, config=WorkspaceConfig(owner=OWNER)) as ws:
            seed_org(ws)
        return Db(folder, use_workspace=True)
    folder.mkdir(parents=True)
    conn = _plain_connect(folder / "workspace.sqlite")
    conn.executescript(MIGRATIONS[0].sql)
    conn.close()
    return Db(folder, use_workspace=False)


def audit_actions(conn: sqlite3.Connection) -> list[tuple[str, str, dict[str, Any]]]:
    """(action, object, details) of every audit row of the register, in order."""
    rows = conn.execute(
        "SELECT action, object, details FROM audit WHERE action LIKE 'number.%' ORDER BY seq"
    ).fetchall()
    return [(r[0], r[1], json.loads(r[2])) for r in rows]


def issue_many(
    db: Db, tag: str, count: int, barrier: Any = None, pause: float = 0.002
) -> list[int]:
    """Issue ``count`` numbers of the shared test series on a fresh connection of this process.

    Used by the threads and the spawned processes of the concurrency tests; ``barrier`` (a
    ``threading`` or ``multiprocessing`` barrier) makes every worker start together, and the
    ``pause`` between two issues lets the others in, so the workers really interleave.
    """
    from tnde.register import issue_number

    conn = db.connect()
    try:
        if barrier is not None:
            barrier.wait(timeout=30)
        numbers = []
        for i in range(count):
            issued = issue_number(
                conn,
                SHARED,
                letter_id=f"{tag}-{i}",
                format=lambda no: f"000.8.3.3/{no}/OR",
                actor=tag,
                at="2026-08-17T09:00:00.000Z",
            )
            numbers.append(issued.no)
            time.sleep(pause)
        return numbers
    finally:
        conn.close()


def _shared() -> Any:
    from tnde.register import SeriesRef

    return SeriesRef("DISKOMINFO", "unit=DISKOMINFO|year=2026", 2026)


SHARED = _shared()
