"""Leased blocks: numbers a registry desk may issue on its own, e.g. while offline.

A lease takes the next ``size`` numbers of a series out of central issuance (the series counter
is advanced past them in the same transaction), so the block and the central numbers are
disjoint by construction. Only the desk named in the lease draws from it, in
order; when it is used up the desk asks for a new lease. Closing a lease voids whatever was not
drawn, with the reason, so no number is ever silently lost or reissued.

Transactions work as in :mod:`tnde.register.register`: inside the caller's transaction when
there is one, else in their own ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from tnde.canonical import now_timestamp
from tnde.errors import RegisterError
from tnde.ids import uuid7
from tnde.messages import _
from tnde.register.register import (
    IssuedNumber,
    SeriesRef,
    atomic,
    audit,
    check_not_numbered,
    ensure_series,
    issue_central,
    record_issue,
    ref_details,
)

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

__all__ = [
    "MAX_LEASE_SIZE",
    "Lease",
    "adopt_lease",
    "close_lease",
    "draw_from_lease",
    "get_lease",
    "is_linked",
    "issue_number",
    "lease_block",
    "open_leases",
    "usable_lease",
]

_log = logging.getLogger(__name__)

MAX_LEASE_SIZE = 10_000
"""The largest block one lease may take (a guard against a mistyped size)."""


@dataclass(frozen=True)
class Lease:
    """A block of consecutive numbers of one series, held by one desk."""

    lease_id: str
    """UUIDv7 of the lease."""
    first_no: int
    """First number of the block."""
    last_no: int
    """Last number of the block (inclusive)."""
    desk: str
    """The device or registry desk that alone may draw from it."""
    ref: SeriesRef
    """The series the numbers belong to."""
    state: Literal["open", "closed"] = "open"
    """``"closed"`` once :func:`close_lease` voided its rest."""
    used: int = 0
    """How many numbers of the block are used (issued or voided)."""

    @property
    def size(self) -> int:
        """How many numbers the block holds."""
        return self.last_no - self.first_no + 1

    @property
    def remaining(self) -> int:
        """How many numbers are still free to draw (0 once closed)."""
        return 0 if self.state == "closed" else self.size - self.used


_LEASE_COLUMNS = "lease_id, first_no, last_no, desk, unit_id, series, year, state"


def _lease_from_row(conn: sqlite3.Connection, row: Any) -> Lease:
    lease_id, first_no, last_no, desk, unit_id, series, year, state = tuple(row)
    ref = SeriesRef(unit_id, series, year)
    return Lease(
        lease_id=lease_id,
        first_no=first_no,
        last_no=last_no,
        desk=desk,
        ref=ref,
        state="closed" if state == "closed" else "open",
        used=len(_used_in(conn, ref, first_no, last_no)),
    )


def _used_in(conn: sqlite3.Connection, ref: SeriesRef, first: int, last: int) -> set[int]:
    rows = conn.execute(
        "SELECT no FROM number_use WHERE unit_id = ? AND series = ? AND year = ?"
        " AND no BETWEEN ? AND ?",
        (ref.unit_id, ref.series, ref.year, first, last),
    )
    return {int(no) for (no,) in rows}


def get_lease(conn: sqlite3.Connection, lease_id: str) -> Lease:
    """One lease, with how much of it is used.

    Raises:
        RegisterError: ``unknown_lease``.
    """
    row = conn.execute(
        f"SELECT {_LEASE_COLUMNS} FROM number_lease WHERE lease_id = ?", (lease_id,)
    ).fetchone()
    if row is None:
        raise RegisterError(
            "unknown_lease", _("there is no number lease {lease_id}", lease_id=lease_id)
        )
    return _lease_from_row(conn, row)


def open_leases(conn: sqlite3.Connection, desk: str) -> list[Lease]:
    """The open leases a desk holds, oldest first (exhausted ones included until closed)."""
    rows = conn.execute(
        f"SELECT {_LEASE_COLUMNS} FROM number_lease WHERE desk = ? AND state = 'open'"
        " ORDER BY lease_id",
        (desk,),
    ).fetchall()
    return [_lease_from_row(conn, row) for row in rows]


def lease_block(
    conn: sqlite3.Connection,
    ref: SeriesRef,
    *,
    size: int,
    desk: str,
    actor: str,
    at: str | None = None,
) -> Lease:
    """Take the next ``size`` numbers of a series out of central issuance for one desk.

    The block starts after the counter (and after any block or used number already ahead of
    it); the counter moves to the block's last number, so central issuance continues after it.

    Raises:
        RegisterError: ``bad_size`` (not 1…:data:`MAX_LEASE_SIZE`); ``desk_required``.
    """
    if not 1 <= size <= MAX_LEASE_SIZE:
        raise RegisterError(
            "bad_size",
            _(
                "a lease holds 1 to {max_size} numbers, not {size}",
                max_size=MAX_LEASE_SIZE,
                size=size,
            ),
        )
    desk = desk.strip()
    if not desk:
        raise RegisterError("desk_required", _("name the desk that will hold the lease"))
    at = at or now_timestamp()
    key = (ref.unit_id, ref.series, ref.year)
    with atomic(conn):
        ensure_series(conn, ref)
        (counter,) = conn.execute(
            "SELECT last_no FROM number_series WHERE unit_id = ? AND series = ? AND year = ?", key
        ).fetchone()
        first = int(counter) + 1
        while True:  # step over blocks and used numbers that lie ahead of the counter
            last = first + size - 1
            (block_end,) = conn.execute(
                "SELECT max(last_no) FROM number_lease WHERE unit_id = ? AND series = ?"
                " AND year = ? AND first_no <= ? AND last_no >= ?",
                (*key, last, first),
            ).fetchone()
            used = _used_in(conn, ref, first, last)
            top = max([*used, block_end or 0])
            if top < first:
                break
            first = top + 1
        conn.execute(
            "UPDATE number_series SET last_no = ? WHERE unit_id = ? AND series = ? AND year = ?",
            (last, *key),
        )
        lease = Lease(lease_id=uuid7(), first_no=first, last_no=last, desk=desk, ref=ref)
        conn.execute(
            "INSERT INTO number_lease (lease_id, unit_id, series, year, first_no, last_no, desk)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (lease.lease_id, *key, first, last, desk),
        )
        details = {**ref_details(ref), "first_no": first, "last_no": last, "desk": desk}
        audit(
            conn,
            actor=actor,
            action="number.lease",
            obj=f"lease:{lease.lease_id}",
            details=details,
            at=at,
        )
    _log.info("leased nos. %d-%d of %s to desk %s", first, last, ref, desk)
    return lease


def is_linked(conn: sqlite3.Connection) -> bool:
    """Whether the workspace is linked to an archive, which then holds the register: its
    desks number only from blocks the archive leased to them."""
    return conn.execute("SELECT 1 FROM sync_state WHERE key = 'url'").fetchone() is not None


def adopt_lease(
    conn: sqlite3.Connection,
    lease_id: str,
    ref: SeriesRef,
    *,
    first_no: int,
    last_no: int,
    desk: str,
    actor: str,
    at: str | None = None,
) -> Lease:
    """Record a block the archive leased to this desk, under the archive's lease id.

    The archive keeps the blocks of every desk disjoint; the local counter moves past the
    block so nothing issued here can fall inside it.
    """
    key = (ref.unit_id, ref.series, ref.year)
    with atomic(conn):
        ensure_series(conn, ref)
        conn.execute(
            "UPDATE number_series SET last_no = max(last_no, ?) "
            "WHERE unit_id = ? AND series = ? AND year = ?",
            (last_no, *key),
        )
        conn.execute(
            "INSERT INTO number_lease (lease_id, unit_id, series, year, first_no, last_no, desk)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (lease_id, *key, first_no, last_no, desk),
        )
        details = {
            **ref_details(ref),
            "first_no": first_no,
            "last_no": last_no,
            "desk": desk,
            "from_archive": True,
        }
        audit(
            conn,
            actor=actor,
            action="number.lease",
            obj=f"lease:{lease_id}",
            details=details,
            at=at or now_timestamp(),
        )
    return Lease(lease_id=lease_id, first_no=first_no, last_no=last_no, desk=desk, ref=ref)


def usable_lease(conn: sqlite3.Connection, ref: SeriesRef, desk: str) -> str | None:
    """The oldest open lease of ``desk`` for ``ref`` that still has a free number."""
    for lease in open_leases(conn, desk):
        if lease.ref == ref and lease.remaining > 0:
            return lease.lease_id
    return None


def draw_from_lease(
    conn: sqlite3.Connection,
    lease_id: str,
    *,
    desk: str,
    letter_id: str,
    format: Callable[[int], str],
    actor: str,
    at: str | None = None,
) -> IssuedNumber:
    """Give a letter the next free number of a leased block.

    Args:
        conn: the workspace connection (inside the caller's transaction, or not).
        lease_id: the lease to draw from.
        desk: the desk drawing; must be the lease's.
        letter_id: the letter being numbered.
        format: turns the sequence number into the printed number.
        actor: who numbers, for the record and the audit log.
        at: timestamp (ISO 8601); default now.

    Raises:
        RegisterError: ``unknown_lease``; ``not_your_lease`` (another desk holds it);
            ``lease_closed``; ``lease_exhausted`` (every number used: ask for a new lease);
            ``already_numbered``.
    """
    return draw(conn, lease_id, desk=desk, letter_id=letter_id, format=format, actor=actor, at=at)


def issue_number(
    conn: sqlite3.Connection,
    ref: SeriesRef,
    *,
    letter_id: str,
    format: Callable[[int], str],
    actor: str,
    at: str | None = None,
    lease_id: str | None = None,
    desk: str | None = None,
) -> IssuedNumber:
    """Give a letter the next number of a series, atomically: from the central counter
    (:func:`~tnde.register.register.issue_central`), or with ``lease_id`` from that leased
    block, which only ``desk`` may draw from.

    Raises:
        RegisterError: ``already_numbered`` (the letter holds an issued number, named in the
            message); with a lease, the errors of :func:`draw_from_lease` and
            ``desk_required``/``wrong_series``.
    """
    if lease_id is None:
        return issue_central(conn, ref, letter_id=letter_id, format=format, actor=actor, at=at)
    if not desk:
        raise RegisterError(
            "desk_required", _("drawing from lease {lease_id} needs the desk", lease_id=lease_id)
        )
    return draw(
        conn, lease_id, desk=desk, letter_id=letter_id, format=format, actor=actor, at=at, ref=ref
    )


def draw(
    conn: sqlite3.Connection,
    lease_id: str,
    *,
    desk: str,
    letter_id: str,
    format: Callable[[int], str],
    actor: str,
    at: str | None,
    ref: SeriesRef | None = None,
) -> IssuedNumber:
    """:func:`draw_from_lease`, optionally checking that the lease belongs to series ``ref``."""
    at = at or now_timestamp()
    with atomic(conn):
        lease = get_lease(conn, lease_id)
        if ref is not None and lease.ref != ref:
            raise RegisterError(
                "wrong_series",
                _(
                    "lease {lease_id} holds numbers of {lease_ref}, not of {ref}",
                    lease_id=lease_id,
                    lease_ref=lease.ref,
                    ref=ref,
                ),
            )
        if lease.desk != desk:
            raise RegisterError(
                "not_your_lease",
                _(
                    "lease {lease_id} belongs to desk {owner!r}; desk {desk!r} cannot draw from it",
                    lease_id=lease_id,
                    owner=lease.desk,
                    desk=desk,
                ),
            )
        if lease.state == "closed":
            raise RegisterError(
                "lease_closed",
                _("lease {lease_id} is closed; ask for a new lease", lease_id=lease_id),
            )
        check_not_numbered(conn, letter_id)
        used = _used_in(conn, lease.ref, lease.first_no, lease.last_no)
        free = next((n for n in range(lease.first_no, lease.last_no + 1) if n not in used), None)
        if free is None:
            raise RegisterError(
                "lease_exhausted",
                _(
                    "lease {lease_id} is used up: all {size} numbers ({first_no}-{last_no}) of "
                    "{ref} are taken; ask for a new lease",
                    lease_id=lease_id,
                    size=lease.size,
                    first_no=lease.first_no,
                    last_no=lease.last_no,
                    ref=lease.ref,
                ),
            )
        return record_issue(
            conn,
            lease.ref,
            free,
            letter_id=letter_id,
            format=format,
            lease_id=lease_id,
            actor=actor,
            at=at,
        )


def close_lease(
    conn: sqlite3.Connection, lease_id: str, *, reason: str, actor: str, at: str | None = None
) -> tuple[int, ...]:
    """Close a lease: every number of it not drawn yet is voided with ``reason``.

    Returns:
        The numbers voided, in order.

    Raises:
        RegisterError: ``reason_required``; ``unknown_lease``; ``lease_closed``.
    """
    reason = reason.strip()
    if not reason:
        raise RegisterError(
            "reason_required", _("give a reason to close lease {lease_id}", lease_id=lease_id)
        )
    at = at or now_timestamp()
    with atomic(conn):
        lease = get_lease(conn, lease_id)
        if lease.state == "closed":
            raise RegisterError(
                "lease_closed", _("lease {lease_id} is already closed", lease_id=lease_id)
            )
        used = _used_in(conn, lease.ref, lease.first_no, lease.last_no)
        rest = tuple(n for n in range(lease.first_no, lease.last_no + 1) if n not in used)
        key = (lease.ref.unit_id, lease.ref.series, lease.ref.year)
        conn.executemany(
            "INSERT INTO number_use (unit_id, series, year, no, status, lease_id, reason, at,"
            " actor) VALUES (?, ?, ?, ?, 'voided', ?, ?, ?, ?)",
            [(*key, no, lease_id, reason, at, actor) for no in rest],
        )
        conn.execute("UPDATE number_lease SET state = 'closed' WHERE lease_id = ?", (lease_id,))
        details = {
            **ref_details(lease.ref),
            "first_no": lease.first_no,
            "last_no": lease.last_no,
            "desk": lease.desk,
            "reason": reason,
            "voided": list(rest),
        }
        audit(
            conn,
            actor=actor,
            action="number.lease_close",
            obj=f"lease:{lease_id}",
            details=details,
            at=at,
        )
    _log.info("closed lease %s; voided %d unused number(s)", lease_id, len(rest))
    return rest
