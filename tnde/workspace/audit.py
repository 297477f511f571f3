"""The hash-chained audit log: every action, in order, tamper-evident.

Row ``n`` stores ``prev_hash`` (row ``n - 1``'s hash, or :data:`GENESIS_HASH`) and
``hash = SHA-256(prev_hash ‖ canonical_json({seq, at, actor, action, object, details}))``.
Editing, deleting or reordering rows breaks the chain where it happened, and
:func:`audit_verify` names that row. Deleting the *newest* rows leaves a valid shorter chain;
only a copy of the head kept elsewhere can show that.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.canonical import canonical_json, now_timestamp
from tnde.messages import _
from tnde.workspace.hashing import GENESIS_HASH, chain_hash

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Mapping

log = logging.getLogger(__name__)

__all__ = ["AuditEntry", "AuditProblem", "audit_append", "audit_entries", "audit_verify"]


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log."""

    seq: int
    """Position in the log, from 1."""
    at: str
    """When, ISO 8601 UTC with milliseconds."""
    actor: str
    """Who: a NIP, or ``"system"``."""
    action: str
    """What, as a dotted verb (``"workspace.created"``, ``"letter.numbered"``)."""
    object: str
    """The thing acted on (a letter id, a blob hash, a series key)."""
    details: Any
    """The decoded details (a mapping for every row this code writes)."""
    prev_hash: str
    """Hash of the row before, or 64 zeros for the first."""
    hash: str
    """This row's hash."""

    def expected_hash(self, seq: int | None = None) -> str:
        """The hash this row's content gives (placed at ``seq``, by default its own)."""
        fields = {
            "seq": self.seq if seq is None else seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "object": self.object,
            "details": self.details,
        }
        return chain_hash(self.prev_hash, fields)


@dataclass(frozen=True)
class AuditProblem:
    """A break in the audit chain."""

    seq: int
    """The row concerned (for a deletion: the first missing row)."""
    kind: str
    """``edited``, ``deleted`` or ``reordered``."""
    detail: str
    """What was found, as a sentence."""


def audit_append(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    object: str,  # the audit column's name (shadows the builtin on purpose)
    details: Mapping[str, Any],
    at: str | None = None,
) -> int:
    """Append a row to the audit log inside the caller's transaction; returns its ``seq``.

    Raises:
        ValueError: ``conn`` is not in a transaction (the chain's head could change under us).
    """
    if not conn.in_transaction:
        raise ValueError("audit_append must run inside the caller's transaction")
    head = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    entry = AuditEntry(
        seq, at or now_timestamp(), actor, action, object, dict(details), prev_hash, ""
    )
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, object, details, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            seq,
            entry.at,
            actor,
            action,
            object,
            canonical_json(entry.details),
            prev_hash,
            entry.expected_hash(),
        ),
    )
    return seq


def audit_entries(conn: sqlite3.Connection, *, limit: int | None = None) -> list[AuditEntry]:
    """The audit rows in ``seq`` order; with ``limit``, only the newest ``limit`` of them."""
    if limit is None:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY seq").fetchall()
    else:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM (SELECT * FROM audit ORDER BY seq DESC LIMIT ?) ORDER BY seq",
            (limit,),
        ).fetchall()
    return [_entry(tuple(row)) for row in rows]


def audit_verify(conn: sqlite3.Connection) -> list[AuditProblem]:
    """Re-hash the whole log; returns the breaks found, ordered by row (empty when intact)."""
    entries = audit_entries(conn)
    by_hash = {e.hash: e for e in entries}
    problems: list[AuditProblem] = []
    positions: dict[str, int | None] = {}
    prev: AuditEntry | None = None
    for entry in entries:
        self_ok = entry.expected_hash() == entry.hash
        link = _check_link(entry, prev, by_hash, self_ok)
        if link:
            problems.append(link)
        # A row moved to another seq still hashes right at the seq the chain gives it.
        if not self_ok and entry.expected_hash(_position(entry, by_hash, positions)) != entry.hash:
            problems.append(
                AuditProblem(
                    entry.seq,
                    "edited",
                    _(
                        "row {seq} was edited: its contents no longer match its hash",
                        seq=entry.seq,
                    ),
                )
            )
        prev = entry
    problems.sort(key=lambda p: p.seq)
    if problems:
        log.warning("audit chain broken at row %d (%s)", problems[0].seq, problems[0].kind)
    return problems


def _check_link(
    entry: AuditEntry,
    prev: AuditEntry | None,
    by_hash: Mapping[str, AuditEntry],
    self_ok: bool,
) -> AuditProblem | None:
    """What is wrong with how ``entry`` follows ``prev`` (the row before it by seq), if anything."""
    expected_seq = prev.seq + 1 if prev else 1
    expected_prev_hash = prev.hash if prev else GENESIS_HASH
    if entry.seq > expected_seq:
        missing = (
            _("row {seq} is missing (a gap in seq)", seq=expected_seq)
            if entry.seq == expected_seq + 1
            else _(
                "rows {first}–{last} are missing (a gap in seq)",
                first=expected_seq,
                last=entry.seq - 1,
            )
        )
        return AuditProblem(expected_seq, "deleted", missing)
    if entry.prev_hash == expected_prev_hash:
        return None
    target = by_hash.get(entry.prev_hash)
    if entry.prev_hash == GENESIS_HASH or target is not None:
        start = _("the start of the log")
        after = start if target is None else _("row {seq}", seq=target.seq)
        instead = _("row {seq}", seq=prev.seq) if prev else start
        return AuditProblem(
            entry.seq,
            "reordered",
            _(
                "row {seq} is chained after {after}, not after {instead}",
                seq=entry.seq,
                after=after,
                instead=instead,
            ),
        )
    if prev is not None and self_ok and prev.expected_hash() == prev.hash:
        return AuditProblem(
            prev.seq,
            "edited",
            _(
                "row {seq} was rewritten with a new hash: row {next} still points to its old hash",
                seq=prev.seq,
                next=entry.seq,
            ),
        )
    return AuditProblem(
        entry.seq,
        "deleted",
        _(
            "the row before row {seq} in the chain is gone (its prev_hash matches no row): "
            "rows were deleted and the later ones renumbered",
            seq=entry.seq,
        ),
    )


def _position(
    entry: AuditEntry, by_hash: Mapping[str, AuditEntry], memo: dict[str, int | None]
) -> int | None:
    """The seq ``entry`` had when written, found by following ``prev_hash`` to the start.

    Where the way back is cut (deleted rows), the cut row's own hash tells its old seq. ``None``
    when that fails too or the links loop; ``memo`` keeps the walk linear over the whole log.
    """
    path: list[AuditEntry] = []
    on_path: set[str] = set()
    current = entry
    base: int | None
    while current.hash not in memo:
        if current.hash in on_path:  # a loop: tampered beyond recognition
            base = None
            break
        path.append(current)
        on_path.add(current.hash)
        if current.prev_hash == GENESIS_HASH:
            base = 0
            break
        before = by_hash.get(current.prev_hash)
        if before is None:
            written = _written_seq(current)
            base = None if written is None else written - 1
            break
        current = before
    else:
        base = memo[current.hash]
    for offset, row in enumerate(reversed(path), start=1):
        memo[row.hash] = None if base is None else base + offset
    return memo[entry.hash]


def _written_seq(entry: AuditEntry, window: int = 1024) -> int | None:
    """The seq near ``entry.seq`` at which its content reproduces its hash, if any."""
    for distance in range(window + 1):
        for seq in {entry.seq + distance, entry.seq - distance}:
            if seq >= 1 and entry.expected_hash(seq) == entry.hash:
                return seq
    return None


_COLUMNS = "seq, at, actor, action, object, details, prev_hash, hash"


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    seq, at, actor, action, obj, details_text, prev_hash, row_hash = row
    try:
        details = json.loads(details_text)
    except ValueError:
        details = details_text  # unreadable: hashed as text, so the row shows as edited
    return AuditEntry(seq, at, actor, action, obj, details, prev_hash, row_hash)
