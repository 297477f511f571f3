"""The archive server's own audit log: enrolments, disabled accounts, revoked devices…

The chain is the one the desks keep (:mod:`tnde.workspace.audit`): row ``n`` stores the hash
of row ``n - 1`` (:data:`~tnde.workspace.hashing.GENESIS_HASH` before the first) and
``hash = SHA-256(prev_hash ‖ canonical JSON of {seq, at, actor, action, object, details})``,
computed by the same :class:`~tnde.workspace.audit.AuditEntry`, so a desk and the archive
can never disagree about a row's hash. Editing, deleting or reordering rows breaks the chain
at that row and :func:`verify_audit` names it; deleting the newest rows leaves a valid shorter
chain, which only a copy of the head kept elsewhere (a backup) can show.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from tnde.archive.schema import AUDIT
from tnde.canonical import canonical_json
from tnde.workspace.audit import AuditEntry
from tnde.workspace.hashing import GENESIS_HASH

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["AUDIT_LOCK", "audit_append", "verify_audit"]

log = logging.getLogger(__name__)

AUDIT_LOCK = 0x746E_6465_6175_6474  # "tndeaudt"
"""The PostgreSQL advisory lock that puts the appends to the chain one after the other."""


def audit_append(
    conn: sa.Connection,
    *,
    actor: str,
    action: str,
    object: str,  # the audit column's name (shadows the builtin on purpose)
    details: Mapping[str, Any],
    at: str,
) -> int:
    """Append a row to the audit log inside the caller's write transaction; returns its seq.

    Args:
        actor: who: a NIP, ``"admin"`` for the command line on the server, or ``"system"``.
        action: a dotted verb (``"account.enrolled"``, ``"device.revoked"``).
        object: what was acted on (a NIP, a device id).
        details: what else is worth keeping (never a secret: no code, password or token).
        at: when, as :func:`tnde.canonical.format_timestamp` writes it.

    Raises:
        ValueError: ``conn`` is not in a transaction.
    """
    if not conn.in_transaction():
        raise ValueError("audit_append must run inside the caller's transaction")
    _lock_the_chain(conn)
    head = conn.execute(
        sa.select(AUDIT.c.seq, AUDIT.c.hash).order_by(AUDIT.c.seq.desc()).limit(1)
    ).one_or_none()
    seq, prev_hash = (int(head.seq) + 1, str(head.hash)) if head else (1, GENESIS_HASH)
    entry = AuditEntry(seq, at, actor, action, object, dict(details), prev_hash, "")
    conn.execute(
        sa.insert(AUDIT).values(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            object=object,
            details=canonical_json(entry.details),
            prev_hash=prev_hash,
            hash=entry.expected_hash(),
        )
    )
    return seq


def _lock_the_chain(conn: sa.Connection) -> None:
    """Make concurrent appends wait for each other until their transactions end.

    SQLite needs nothing: a write transaction holds the database's only write lock from its
    ``BEGIN IMMEDIATE`` (:mod:`tnde.archive.db`). On PostgreSQL (``READ COMMITTED``) two
    transactions could both read the same head and both write ``seq + 1``. ``SELECT … FOR
    UPDATE`` of the newest row does not prevent it: the second transaction waits for the
    first, then still gets the row it locked, not the one the first inserted, and fails on the
    primary key anyway. Letting it fail and having every caller retry its whole transaction
    (an enrolment, a revoked device) would spread retry loops over the code for a log that is
    written a few times a day. So the append takes a transaction-scoped advisory lock that
    only audit appends use; the head read after it is a new statement, so it sees the row of
    the transaction that held the lock before. Callers append late in their transaction, which
    keeps the time the lock is held short. The primary key and the unique hash stay as the
    last guard: should two appends ever race, one fails rather than forking the chain.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(AUDIT_LOCK)))


def verify_audit(conn: sa.Connection) -> int | None:
    """Re-hash the whole log; the seq of the first row where the chain breaks, or ``None``.

    A row breaks the chain when its seq is not the next one (a deleted row: the first missing
    seq is named), when its ``prev_hash`` is not the hash of the row before, or when its
    content does not give its hash (an edited row).
    """
    expected_seq, prev_hash = 1, GENESIS_HASH
    rows = conn.execute(sa.select(AUDIT).order_by(AUDIT.c.seq))
    for row in rows:
        entry = AuditEntry(
            int(row.seq),
            row.at,
            row.actor,
            row.action,
            row.object,
            _details(row.details),
            row.prev_hash,
            row.hash,
        )
        if entry.seq != expected_seq:
            return _broken(expected_seq)
        if entry.prev_hash != prev_hash or entry.expected_hash() != entry.hash:
            return _broken(entry.seq)
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    return None


def _details(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text  # unreadable: hashed as text, so the row shows as edited


def _broken(seq: int) -> int:
    log.warning("the archive's audit chain breaks at row %d", seq)
    return seq
