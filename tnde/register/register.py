"""Issuing and voiding letter numbers: the central counter of each numbering series.

A series (:class:`SeriesRef`) is one row of ``number_series``: its ``last_no`` is the highest
number ever taken out of it, either issued to a letter here or handed to a registry desk as
part of a leased block (:mod:`tnde.register.leases`). Every number that was used is one row of
``number_use``, whose primary key (unit, series, year, no) makes a duplicate impossible, and
whose partial unique index allows a letter at most one issued number.

Atomicity: every function takes a :class:`sqlite3.Connection`. When the connection is already
inside a transaction (the workflow numbers a letter in the same ``BEGIN IMMEDIATE`` transaction
as the letter's event) the function works inside a savepoint of it, so a failure leaves nothing
of its own behind and the caller decides whether to commit. When it is not, the function opens
its own ``BEGIN IMMEDIATE`` transaction and commits it. Callers that bring a transaction should
open it with ``BEGIN IMMEDIATE`` too: a deferred transaction that has already read may fail with
"database is locked" instead of waiting when it first writes.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from tnde.canonical import now_timestamp
from tnde.errors import RegisterError
from tnde.faults import crash_point
from tnde.messages import _
from tnde.numbering import SeriesContext, series_key
from tnde.workspace.audit import audit_append

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable, Iterator, Mapping
    from datetime import date

    from tnde.numbering import SeriesPolicy

__all__ = [
    "IssuedNumber",
    "NumberUse",
    "SeriesRef",
    "SeriesState",
    "atomic",
    "issue_central",
    "last_issued",
    "list_series",
    "series_for",
    "uses",
    "void_issued",
    "void_number",
]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SeriesRef:
    """Which counter a number comes from: one row of ``number_series``."""

    unit_id: str
    """The unit that owns the counter; ``""`` when the office shares one counter across units
    (a :class:`~tnde.numbering.SeriesPolicy` with ``per_unit=False``)."""
    series: str
    """The series key made by :func:`tnde.numbering.series_key`."""
    year: int
    """The calendar year for yearly series; ``0`` for a series that never resets."""

    def __str__(self) -> str:
        return _(
            "series {series!r} of unit {unit_id!r}, {year}",
            series=self.series,
            unit_id=self.unit_id,
            year=self.year,
        )


@dataclass(frozen=True)
class IssuedNumber:
    """A number given to a letter."""

    no: int
    """The sequence number inside the series."""
    nomor: str
    """The number as printed, made by the caller's ``format`` function."""
    ref: SeriesRef
    """The series it comes from."""
    lease_id: str | None = None
    """The leased block it was drawn from; ``None`` when issued centrally."""


@dataclass(frozen=True)
class NumberUse:
    """One used number of a series (a row of ``number_use``)."""

    ref: SeriesRef
    """The series."""
    no: int
    """The sequence number."""
    status: Literal["issued", "voided"]
    """``"issued"``: it stands on a letter; ``"voided"``: cancelled, never given out again."""
    letter_id: str | None
    """The letter it was issued to (kept after voiding); ``None`` for a number voided unused."""
    nomor: str
    """The printed number, ``""`` when never issued."""
    lease_id: str | None
    """The leased block it belongs to, if any."""
    reason: str
    """Why it was voided; ``""`` while issued."""
    at: str
    """When it was issued, or voided (ISO 8601 UTC)."""
    actor: str
    """Who issued or voided it."""


@dataclass(frozen=True)
class SeriesState:
    """A series and how far its counter has gone."""

    ref: SeriesRef
    """The series."""
    last_no: int
    """The highest number taken out of it, issued or leased; 0 when it has not started."""


def series_for(
    policy: SeriesPolicy, *, unit_id: str, jenis: str = "", derajat: str = "", tanggal: date
) -> SeriesRef:
    """The series a letter draws its number from, under an office's policy.

    The series text is :func:`tnde.numbering.series_key` of the letter's unit, jenis, derajat
    and date. A yearly policy gives the letter's calendar year (so each year starts again at 1);
    a policy that never resets gives year 0. A policy that does not split by unit gives
    ``unit_id=""``, so every unit of the office shares the one counter.

    Raises:
        NumberingError: ``missing_value`` when the policy splits by a field given empty.
    """
    key = series_key(policy, SeriesContext(tanggal, unit=unit_id, jenis=jenis, derajat=derajat))
    return SeriesRef(
        unit_id=unit_id if policy.per_unit else "",
        series=key,
        year=tanggal.year if policy.reset == "yearly" else 0,
    )


# -- transactions and shared steps ----------------------------------------------------------


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing: a savepoint inside the caller's transaction, else ``BEGIN IMMEDIATE``.

    On an exception everything done inside the block is undone and the exception propagates;
    a transaction the caller opened stays open for the caller to finish.
    """
    if conn.in_transaction:
        conn.execute("SAVEPOINT tnde_register")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # SQLite may already have rolled everything back (disk full)
                conn.execute("ROLLBACK TO tnde_register")
                conn.execute("RELEASE tnde_register")
            raise
        conn.execute("RELEASE tnde_register")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def audit(
    conn: sqlite3.Connection,
    *,
    actor: str,
    action: str,
    obj: str,
    details: Mapping[str, Any],
    at: str,
) -> None:
    """Append one row to the workspace's hash-chained audit log, in the current transaction."""

    audit_append(conn, actor=actor, action=action, object=obj, details=details, at=at)


def ref_details(ref: SeriesRef) -> dict[str, Any]:
    """The series fields of an audit row."""
    return {"unit_id": ref.unit_id, "series": ref.series, "year": ref.year}


def number_object(ref: SeriesRef, no: int) -> str:
    """The audit ``object`` naming one number of a series."""
    return f"number:{ref.unit_id}/{ref.series}/{ref.year}/{no}"


def ensure_series(conn: sqlite3.Connection, ref: SeriesRef) -> None:
    """Create the series row (at 0) if it does not exist yet."""
    conn.execute(
        "INSERT INTO number_series (unit_id, series, year) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (ref.unit_id, ref.series, ref.year),
    )


def check_not_numbered(conn: sqlite3.Connection, letter_id: str) -> None:
    """Raise ``already_numbered`` when the letter already holds an issued number."""
    row = conn.execute(
        "SELECT unit_id, series, year, no, nomor FROM number_use"
        " WHERE letter_id = ? AND status = 'issued'",
        (letter_id,),
    ).fetchone()
    if row is not None:
        unit_id, series, year, no, nomor = tuple(row)
        raise RegisterError(
            "already_numbered",
            _(
                "letter {letter_id} already has number {nomor} (no. {no} of series "
                "{series!r} of unit {unit_id!r}, {year}); void it before giving it another",
                letter_id=letter_id,
                nomor=nomor or no,
                no=no,
                series=series,
                unit_id=unit_id,
                year=year,
            ),
        )


def record_issue(
    conn: sqlite3.Connection,
    ref: SeriesRef,
    no: int,
    *,
    letter_id: str,
    format: Callable[[int], str],
    lease_id: str | None,
    actor: str,
    at: str,
) -> IssuedNumber:
    """Format ``no``, store it as issued to the letter and audit it (inside a transaction)."""
    nomor = format(no)
    conn.execute(
        "INSERT INTO number_use (unit_id, series, year, no, status, letter_id, nomor, lease_id,"
        " at, actor) VALUES (?, ?, ?, ?, 'issued', ?, ?, ?, ?, ?)",
        (ref.unit_id, ref.series, ref.year, no, letter_id, nomor, lease_id, at, actor),
    )
    details = {**ref_details(ref), "no": no, "nomor": nomor, "letter_id": letter_id}
    if lease_id is not None:
        details["lease_id"] = lease_id
    audit(
        conn, actor=actor, action="number.issue", obj=number_object(ref, no), details=details, at=at
    )
    _log.info("issued no. %d of %s to letter %s", no, ref, letter_id)
    crash_point("number")
    return IssuedNumber(no=no, nomor=nomor, ref=ref, lease_id=lease_id)


def _series_where(ref: SeriesRef) -> tuple[str, tuple[Any, ...]]:
    return "unit_id = ? AND series = ? AND year = ?", (ref.unit_id, ref.series, ref.year)


def _take_next(conn: sqlite3.Connection, ref: SeriesRef) -> int:
    # The counter normally already sits past every leased block (lease_block advances it), but a
    # block recorded another way (e.g. received from the archive) or a number already used ahead
    # of the counter must still never be given out twice: jump over them.
    where, params = _series_where(ref)
    ensure_series(conn, ref)
    while True:
        (no,) = conn.execute(
            f"UPDATE number_series SET last_no = last_no + 1 WHERE {where} RETURNING last_no",
            params,
        ).fetchone()
        (block_end,) = conn.execute(
            f"SELECT max(last_no) FROM number_lease WHERE {where}"
            " AND ? BETWEEN first_no AND last_no",
            (*params, no),
        ).fetchone()
        if block_end is not None:
            conn.execute(
                f"UPDATE number_series SET last_no = ? WHERE {where}", (block_end, *params)
            )
            continue
        taken = conn.execute(f"SELECT 1 FROM number_use WHERE {where} AND no = ?", (*params, no))
        if taken.fetchone() is None:
            return int(no)


# -- public operations ----------------------------------------------------------------------


def issue_central(
    conn: sqlite3.Connection,
    ref: SeriesRef,
    *,
    letter_id: str,
    format: Callable[[int], str],
    actor: str,
    at: str | None = None,
) -> IssuedNumber:
    """Give a letter the next number of a series from the central counter, atomically,
    skipping every number that belongs to a leased block.

    Callers use :func:`tnde.register.issue_number`, which also draws from a lease.

    Args:
        conn: the workspace connection; see the module docstring about transactions.
        ref: the series, usually from :func:`series_for`.
        letter_id: the letter being numbered.
        format: turns the sequence number into the printed number, e.g.
            ``lambda no: pattern.format(replace(ctx, seq=no))``; if it raises, nothing is used.
        actor: who numbers (NIP or device), for the record and the audit log.
        at: timestamp (ISO 8601); default now.

    Raises:
        RegisterError: ``already_numbered`` (the letter holds an issued number, named in the
            message).
    """
    at = at or now_timestamp()
    with atomic(conn):
        check_not_numbered(conn, letter_id)
        no = _take_next(conn, ref)
        return record_issue(
            conn, ref, no, letter_id=letter_id, format=format, lease_id=None, actor=actor, at=at
        )


def void_number(
    conn: sqlite3.Connection,
    ref: SeriesRef,
    no: int,
    *,
    reason: str,
    actor: str,
    at: str | None = None,
) -> NumberUse:
    """Cancel a number for good: it is recorded as voided, with the reason, and never reissued.

    An issued number keeps the letter it stood on (which may then be numbered again); a number
    of a leased block that was not drawn yet is voided unused and the desk skips it.

    Raises:
        RegisterError: ``reason_required``; ``already_voided``; ``not_issued`` when the number
            was never taken out of the series.
    """
    reason = reason.strip()
    if not reason:
        raise RegisterError(
            "reason_required", _("give a reason to void no. {no} of {ref}", no=no, ref=ref)
        )
    at = at or now_timestamp()
    where, params = _series_where(ref)
    with atomic(conn):
        row = conn.execute(
            f"SELECT status, letter_id, nomor, lease_id FROM number_use WHERE {where} AND no = ?",
            (*params, no),
        ).fetchone()
        if row is not None:
            status, letter_id, nomor, lease_id = tuple(row)
            if status == "voided":
                raise RegisterError(
                    "already_voided", _("no. {no} of {ref} is already voided", no=no, ref=ref)
                )
            conn.execute(
                f"UPDATE number_use SET status = 'voided', reason = ?, at = ?, actor = ?"
                f" WHERE {where} AND no = ?",
                (reason, at, actor, *params, no),
            )
        else:
            letter_id, nomor = None, ""
            lease_id = _lease_holding(conn, ref, no)
            counter = conn.execute(f"SELECT last_no FROM number_series WHERE {where}", params)
            last_no = (counter.fetchone() or (0,))[0]
            if lease_id is None and not 1 <= no <= last_no:
                raise RegisterError(
                    "not_issued",
                    _(
                        "no. {no} of {ref} has not been issued (the last is {last_no})",
                        no=no,
                        ref=ref,
                        last_no=last_no,
                    ),
                )
            conn.execute(
                "INSERT INTO number_use (unit_id, series, year, no, status, lease_id, reason, at,"
                " actor) VALUES (?, ?, ?, ?, 'voided', ?, ?, ?, ?)",
                (*params, no, lease_id, reason, at, actor),
            )
        details = {**ref_details(ref), "no": no, "nomor": nomor, "letter_id": letter_id}
        details |= {"lease_id": lease_id, "reason": reason}
        audit(
            conn,
            actor=actor,
            action="number.void",
            obj=number_object(ref, no),
            details=details,
            at=at,
        )
    _log.info("voided no. %d of %s", no, ref)
    return NumberUse(ref, no, "voided", letter_id, nomor, lease_id, reason, at, actor)


def void_issued(
    conn: sqlite3.Connection, *, letter_id: str, reason: str, actor: str, at: str | None = None
) -> NumberUse | None:
    """Void the number a letter holds now, e.g. when it is cancelled or returned after numbering.

    Returns:
        The voided number, or ``None`` when the letter holds no issued number (nothing to do,
        so the workflow may call it whenever a letter loses its number).

    Raises:
        RegisterError: ``reason_required``.
    """
    if not reason.strip():
        raise RegisterError(
            "reason_required",
            _("give a reason to void the number of {letter_id}", letter_id=letter_id),
        )
    with atomic(conn):
        row = conn.execute(
            "SELECT unit_id, series, year, no FROM number_use"
            " WHERE letter_id = ? AND status = 'issued'",
            (letter_id,),
        ).fetchone()
        if row is None:
            return None
        unit_id, series, year, no = tuple(row)
        ref = SeriesRef(str(unit_id), str(series), int(year))
        return void_number(conn, ref, int(no), reason=reason, actor=actor, at=at)


def _lease_holding(conn: sqlite3.Connection, ref: SeriesRef, no: int) -> str | None:
    where, params = _series_where(ref)
    row = conn.execute(
        f"SELECT lease_id FROM number_lease WHERE {where} AND ? BETWEEN first_no AND last_no",
        (*params, no),
    ).fetchone()
    return None if row is None else str(row[0])


def uses(conn: sqlite3.Connection, ref: SeriesRef) -> list[NumberUse]:
    """Every used number of a series (issued and voided), in number order."""
    where, params = _series_where(ref)
    rows = conn.execute(
        "SELECT no, status, letter_id, nomor, lease_id, reason, at, actor FROM number_use"
        f" WHERE {where} ORDER BY no",
        params,
    ).fetchall()
    return [NumberUse(ref, *tuple(row)) for row in rows]


def last_issued(conn: sqlite3.Connection, ref: SeriesRef) -> int | None:
    """The highest number of the series that stands on a letter now; ``None`` when none does.

    Voided numbers are not counted; the counter itself (which also covers leased blocks) is
    :attr:`SeriesState.last_no` from :func:`list_series`.
    """
    where, params = _series_where(ref)
    (no,) = conn.execute(
        f"SELECT max(no) FROM number_use WHERE {where} AND status = 'issued'", params
    ).fetchone()
    return None if no is None else int(no)


def list_series(
    conn: sqlite3.Connection,
    *,
    unit_id: str | None = None,
    series: str | None = None,
    year: int | None = None,
) -> list[SeriesState]:
    """The series of the register, optionally filtered, ordered by unit, year and series."""
    clauses, params = [], []
    for column, value in (("unit_id", unit_id), ("series", series), ("year", year)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        f"SELECT unit_id, series, year, last_no FROM number_series{where}"
        " ORDER BY unit_id, year, series",
        params,
    ).fetchall()
    return [SeriesState(SeriesRef(r[0], r[1], r[2]), r[3]) for r in rows]
