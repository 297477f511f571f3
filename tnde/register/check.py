"""The numbering register against its witnesses: the register's part of ``tnde workspace check``.

The register writes its rows itself (:mod:`tnde.register.register`, :mod:`tnde.register.leases`);
they are no fold of events. But every row has witnesses that are tamper-evident themselves:

- **The audit log** (hash-chained; the storage check verifies the chain). Every issue, void,
  lease and lease closing appends an entry whose details name the number or the block, with
  what the row holds. Replaying these entries in order rebuilds ``number_use`` and
  ``number_lease`` as they must stand now, column by column. A number voided unused (a void of
  a number never drawn, the rest of a closed lease) and every lease have no event behind them:
  for them the audit log is the only witness.
- **The events of the letters the numbers were given to.** An outgoing letter's
  ``letter.numbered`` event carries its number, sequence number and series; an incoming
  letter's ``incoming.registered`` event its agenda number. The aggregates, which the register
  may not import, hand them over as :class:`NumberClaim` s. Every claim must have its row
  (issued, or voided later: a returned or cancelled letter keeps the record of its number) and
  every row that names a letter must be claimed by one of that letter's events.
- **The counters.** A series' ``last_no`` is never behind a number used or leased from it; a
  counter wound back would give out a number again once its row is gone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.messages import _
from tnde.register.register import SeriesRef
from tnde.workspace import ERROR, Finding, column_differences

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable

__all__ = ["NumberClaim", "check_register"]

# The audit actions the register writes (record_issue, void_number, lease_block, close_lease).
_ISSUE, _VOID, _LEASE, _CLOSE = "number.issue", "number.void", "number.lease", "number.lease_close"

_USE_COLUMNS = ("status", "letter_id", "nomor", "lease_id", "reason", "at", "actor")
_LEASE_COLUMNS = ("unit_id", "series", "year", "first_no", "last_no", "desk", "state")

Key = tuple[str, str, int, int]
"""A number: (unit_id, series, year, no), the primary key of ``number_use``."""


@dataclass(frozen=True)
class NumberClaim:
    """A number an event says its letter was given: an aggregate's witness for the register."""

    letter_id: str
    """The letter (or incoming letter) the event belongs to."""
    nomor: str
    """The number as printed; an incoming letter's agenda number."""
    subject: str
    """How a finding names the letter (the aggregate's own words, as its other findings)."""
    ref: SeriesRef | None = None
    """The series, when the event names it."""
    no: int | None = None
    """The sequence number in the series, when the event names it."""


def check_register(
    conn: sqlite3.Connection, findings: list[Finding], claims: Iterable[NumberClaim]
) -> int:
    """Compare ``number_use``, ``number_lease`` and ``number_series`` with the audit log and
    with the numbers the events claim; append a finding per difference.

    Codes: ``number_missing`` (a recorded number has no row), ``number_unrecorded`` (a row no
    audit entry records), ``number_differs`` (a row's columns differ from the record, or from
    its letter's event), ``number_no_event`` (a row gives a number to a letter none of whose
    events has it), ``lease_missing``, ``lease_unrecorded``, ``lease_differs``,
    ``counter_behind``.

    Returns:
        How many numbers (rows of ``number_use``) were checked.
    """
    uses, leases = _replay(conn, findings)
    stored = {
        (r[0], r[1], r[2], r[3]): r[4:]
        for r in map(
            tuple,
            conn.execute(
                "SELECT unit_id, series, year, no, "
                + ", ".join(_USE_COLUMNS)
                + " FROM number_use ORDER BY unit_id, series, year, no"
            ),
        )
    }
    claimed = {(c.letter_id, c.nomor): c for c in claims}
    _compare_uses(findings, uses, stored, claimed)
    _compare_claims(findings, uses, stored, claimed)
    query = f"SELECT lease_id, {', '.join(_LEASE_COLUMNS)} FROM number_lease"
    stored_leases = {r[0]: r[1:] for r in map(tuple, conn.execute(query))}
    _compare_leases(findings, leases, stored_leases)
    _check_counters(conn, findings)
    return len(stored)


def _replay(
    conn: sqlite3.Connection, findings: list[Finding]
) -> tuple[dict[Key, dict[str, Any]], dict[str, dict[str, Any]]]:
    """``number_use`` and ``number_lease`` as the register's audit entries say they stand."""
    uses: dict[Key, dict[str, Any]] = {}
    leases: dict[str, dict[str, Any]] = {}
    rows = conn.execute(
        "SELECT seq, at, actor, action, object, details FROM audit"
        " WHERE action IN (?, ?, ?, ?) ORDER BY seq",
        (_ISSUE, _VOID, _LEASE, _CLOSE),
    )
    for seq, at, actor, action, obj, text in rows:
        try:
            d = json.loads(text)
            series = (str(d["unit_id"]), str(d["series"]), int(d["year"]))
            if action == _ISSUE:
                uses[(*series, int(d["no"]))] = {
                    "status": "issued",
                    "letter_id": d["letter_id"],
                    "nomor": d["nomor"],
                    "lease_id": d.get("lease_id"),
                    "reason": "",
                    "at": at,
                    "actor": actor,
                }
            elif action == _VOID:
                use = uses.setdefault(
                    (*series, int(d["no"])),
                    {"letter_id": d["letter_id"], "nomor": d["nomor"], "lease_id": d["lease_id"]},
                )
                use.update(status="voided", reason=d["reason"], at=at, actor=actor)
            elif action == _LEASE:
                leases[str(obj).removeprefix("lease:")] = dict(
                    zip(
                        _LEASE_COLUMNS,
                        (*series, int(d["first_no"]), int(d["last_no"]), d["desk"], "open"),
                        strict=True,
                    )
                )
            else:
                lease_id = str(obj).removeprefix("lease:")
                if lease_id in leases:
                    leases[lease_id]["state"] = "closed"
                for no in d["voided"]:
                    uses[(*series, int(no))] = {
                        "status": "voided",
                        "letter_id": None,
                        "nomor": "",
                        "lease_id": lease_id,
                        "reason": d["reason"],
                        "at": at,
                        "actor": actor,
                    }
        except (ValueError, KeyError, TypeError):
            detail = _(
                "audit row {seq} ({action}) cannot be read, so the register rows it records "
                "are not checked against it",
                seq=seq,
                action=action,
            )
            findings.append(Finding(ERROR, "number_audit", _("audit row {seq}", seq=seq), detail))
    return uses, leases


def _number(key: Key) -> str:
    unit_id, series, year, no = key
    return _("no. {no} of {ref}", no=no, ref=SeriesRef(unit_id, series, year))


def _compare_uses(
    findings: list[Finding],
    uses: dict[Key, dict[str, Any]],
    stored: dict[Key, tuple[Any, ...]],
    claimed: dict[tuple[str, str], NumberClaim],
) -> None:
    for key in sorted(uses.keys() | stored.keys()):
        record, row = uses.get(key), stored.get(key)
        if row is None:
            assert record is not None
            claim = claimed.get((str(record["letter_id"]), str(record["nomor"])))
            if claim is not None:
                subject = claim.subject
                detail = _(
                    "the register has no row for its number {nomor} ({number}), which its "
                    "events and the audit log record",
                    nomor=record["nomor"],
                    number=_number(key),
                )
            else:
                subject = _number(key)
                detail = _("the register has no row for this number, which the audit log records")
            findings.append(Finding(ERROR, "number_missing", subject, detail))
        elif record is None:
            detail = _("the register holds this number, but no audit entry records it")
            findings.append(Finding(ERROR, "number_unrecorded", _number(key), detail))
        else:
            expected = tuple(record.get(c) for c in _USE_COLUMNS)
            changed = column_differences(_USE_COLUMNS, row, expected)
            if changed:
                detail = _(
                    "the register row differs from what the audit log records: {changes}",
                    changes="; ".join(changed),
                )
                findings.append(Finding(ERROR, "number_differs", _number(key), detail))


def _compare_claims(
    findings: list[Finding],
    uses: dict[Key, dict[str, Any]],
    stored: dict[Key, tuple[Any, ...]],
    claimed: dict[tuple[str, str], NumberClaim],
) -> None:
    by_letter = {(row[1], row[2]): key for key, row in stored.items() if row[1] is not None}
    recorded = {(u["letter_id"], u["nomor"]) for u in uses.values()}
    for (letter_id, nomor), claim in claimed.items():
        key = by_letter.get((letter_id, nomor))
        if key is None:
            if (letter_id, nomor) not in recorded:  # else reported with the audit's record
                detail = _(
                    "the register has no row for its number {nomor}, which its events record "
                    "(and the audit log does not)",
                    nomor=nomor,
                )
                findings.append(Finding(ERROR, "number_missing", claim.subject, detail))
        elif claim.ref is not None and claim.no is not None:
            given = (claim.ref.unit_id, claim.ref.series, claim.ref.year, claim.no)
            if given != key:
                detail = _(
                    "its events give number {nomor} as {number}, the register as {row}",
                    nomor=nomor,
                    number=_number(given),
                    row=_number(key),
                )
                findings.append(Finding(ERROR, "number_differs", claim.subject, detail))
    for (letter_id, nomor), key in sorted(by_letter.items(), key=lambda item: item[1]):
        if (letter_id, nomor) not in claimed:
            detail = _(
                "the register gives number {nomor} to letter {letter_id}, but no event of that "
                "letter records it",
                nomor=nomor,
                letter_id=letter_id,
            )
            findings.append(Finding(ERROR, "number_no_event", _number(key), detail))


def _compare_leases(
    findings: list[Finding],
    leases: dict[str, dict[str, Any]],
    stored: dict[str, tuple[Any, ...]],
) -> None:
    for lease_id in sorted(leases.keys() | stored.keys()):
        record, row = leases.get(lease_id), stored.get(lease_id)
        subject = _("number lease {lease_id}", lease_id=lease_id)
        if row is None:
            assert record is not None
            detail = _(
                "the register has no row for this lease of nos. {first_no}–{last_no}, which the "
                "audit log records",
                first_no=record["first_no"],
                last_no=record["last_no"],
            )
            findings.append(Finding(ERROR, "lease_missing", subject, detail))
        elif record is None:
            detail = _("the register holds this lease, but no audit entry records it")
            findings.append(Finding(ERROR, "lease_unrecorded", subject, detail))
        else:
            expected = tuple(record[c] for c in _LEASE_COLUMNS)
            changed = column_differences(_LEASE_COLUMNS, row, expected)
            if changed:
                detail = _(
                    "the lease row differs from what the audit log records: {changes}",
                    changes="; ".join(changed),
                )
                findings.append(Finding(ERROR, "lease_differs", subject, detail))


def _check_counters(conn: sqlite3.Connection, findings: list[Finding]) -> None:
    rows = conn.execute(
        "SELECT u.unit_id, u.series, u.year, u.top, coalesce(s.last_no, 0) FROM ("
        " SELECT unit_id, series, year, max(top) AS top FROM ("
        "  SELECT unit_id, series, year, max(no) AS top FROM number_use"
        "   GROUP BY unit_id, series, year"
        "  UNION ALL SELECT unit_id, series, year, max(last_no) FROM number_lease"
        "   GROUP BY unit_id, series, year)"
        " GROUP BY unit_id, series, year) u"
        " LEFT JOIN number_series s USING (unit_id, series, year)"
        " WHERE coalesce(s.last_no, 0) < u.top ORDER BY 1, 2, 3"
    )
    for unit_id, series, year, top, last_no in rows:
        ref = SeriesRef(unit_id, series, year)
        detail = _(
            "the counter stands at {last_no}, behind no. {top}, which is already used or leased: "
            "it was wound back",
            last_no=last_no,
            top=top,
        )
        findings.append(
            Finding(ERROR, "counter_behind", _("the counter of {ref}", ref=ref), detail)
        )
