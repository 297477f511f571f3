"""Projections rebuilt from the event log and compared with the stored rows: the aggregates'
part of ``tnde workspace check``.

:func:`~tnde.workflow.eventlog.append_event` writes an aggregate's projection (the rows the
lists, queues and counters read) from its state after each event. A :class:`Projection` says
which tables those are and which rows a state gives; the aggregate's ``project`` writes those
very rows, so the writer and the check cannot disagree. :func:`check_projection` folds every
aggregate's events afresh, in memory, and compares the rows the fold gives with the stored
ones. A row edited, deleted or added behind the application's back becomes a finding that
names the aggregate and the columns or rows that differ.

An event log that does not start with the aggregate's first event type and has no projection
row belongs to no aggregate this version knows (the version-1 upgrade fixture holds one); it is
not folded, and its hash chain is still checked by the storage check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from tnde.messages import _
from tnde.workflow.eventlog import EVENT_COLUMNS, event_from_row
from tnde.workspace import ERROR, Finding, column_differences

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable, Mapping, Sequence

    from tnde.workflow.eventlog import Aggregate

__all__ = ["Projection", "Table", "check_projection"]

S = TypeVar("S")

_BATCH = 500
"""Aggregates read and folded together: one query per table for each batch, and memory bound
by the batch, not by the workspace."""


@dataclass(frozen=True)
class Table:
    """One table of a projection."""

    name: str
    owner: str
    """The column that names the aggregate a row belongs to."""
    columns: tuple[str, ...]
    """The columns compared, in the order the projection's rows give them."""
    key: tuple[str, ...] = ()
    """The columns that tell one aggregate's rows apart; none when it has one row."""
    agrees: Mapping[str, Callable[[Any, Any], bool]] = field(default_factory=dict)
    """Column → whether a stored value that is not the fold's still agrees with it (JSON that
    an older version wrote with fewer keys; a flag a migration set)."""


@dataclass(frozen=True)
class Projection(Generic[S]):
    """How an aggregate's projection is rebuilt from its events."""

    aggregate: Aggregate[S]
    """The aggregate: its fold (``apply``) is the one :func:`append_event` uses."""
    first: str
    """The type of an aggregate's first event (``letter.created``, ``incoming.registered``)."""
    parse_type: Callable[[str], Any]
    """The aggregate's event type from its stored text."""
    tables: tuple[Table, ...]
    """Its tables; the first holds its one main row."""
    rows: Callable[[S], Mapping[str, Sequence[tuple[Any, ...]]]]
    """Table name → the rows a state gives, as ``project`` writes them."""
    subject: Callable[[str], str]
    """How a finding names one aggregate (``surat …``, ``surat masuk …``)."""


def check_projection(
    conn: sqlite3.Connection, projection: Projection[S], findings: list[Finding]
) -> int:
    """Fold each aggregate's events afresh and compare the rows with the stored ones.

    Appends ``projection_differs`` (rows or columns differ; the detail names them),
    ``projection_orphan`` (rows of an aggregate without events) or ``fold_failed`` (events
    that no longer fold, e.g. an edited payload; the storage check names the event).

    Returns:
        How many aggregates were checked.
    """
    ids = _aggregate_ids(conn, projection)
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        marks = ", ".join("?" * len(batch))
        rows = conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM event WHERE letter_id IN ({marks})"
            " ORDER BY letter_id, letter_seq",
            batch,
        )
        logs = {key: list(group) for key, group in groupby(map(tuple, rows), key=lambda r: r[1])}
        stored = {table.name: _stored(conn, table, batch, marks) for table in projection.tables}
        for aggregate_id in batch:
            mine = {name: by_owner.get(aggregate_id, []) for name, by_owner in stored.items()}
            finding = _check_one(projection, aggregate_id, logs.get(aggregate_id, []), mine)
            if finding is not None:
                findings.append(finding)
    return len(ids)


def _aggregate_ids(conn: sqlite3.Connection, projection: Projection[Any]) -> list[str]:
    """Every aggregate with a first event of its kind or a row in one of its tables."""
    union = " UNION ".join(
        f"SELECT {table.owner} FROM {table.name} WHERE {table.owner} IS NOT NULL"
        for table in projection.tables
    )
    query = f"SELECT letter_id FROM event WHERE letter_seq = 1 AND type = ? UNION {union}"
    return [str(r[0]) for r in conn.execute(query + " ORDER BY 1", (projection.first,))]


def _stored(
    conn: sqlite3.Connection, table: Table, batch: list[str], marks: str
) -> dict[str, list[tuple[Any, ...]]]:
    owner = table.columns.index(table.owner)
    rows = conn.execute(
        f"SELECT {', '.join(table.columns)} FROM {table.name} WHERE {table.owner} IN ({marks})",
        batch,
    )
    found: dict[str, list[tuple[Any, ...]]] = {}
    for row in map(tuple, rows):
        found.setdefault(str(row[owner]), []).append(row)
    return found


def _check_one(
    projection: Projection[S],
    aggregate_id: str,
    log: list[tuple[Any, ...]],
    stored: dict[str, list[tuple[Any, ...]]],
) -> Finding | None:
    subject = projection.subject
    if not log:
        tables = ", ".join(name for name, rows in stored.items() if rows)
        detail = _("the {tables} table(s) hold rows of it, but it has no events", tables=tables)
        return Finding(ERROR, "projection_orphan", subject(aggregate_id), detail)
    if log[0][3] != projection.first:
        detail = _(
            "its log starts with {type}, not with {first}, so its rows cannot be checked",
            type=log[0][3],
            first=projection.first,
        )
        return Finding(ERROR, "fold_failed", subject(aggregate_id), detail)
    try:
        events = [event_from_row(row, projection.parse_type) for row in log]
        state: S | None = None
        for event in events:
            state = projection.aggregate.apply(state, event)
        assert state is not None
        expected = projection.rows(state)
    except (ValueError, LookupError, TypeError, AttributeError) as exc:
        detail = _(
            "its events no longer fold into a state ({error}), so its rows cannot be checked",
            error=exc,
        )
        return Finding(ERROR, "fold_failed", subject(aggregate_id), detail)
    differences = [
        difference
        for table in projection.tables
        for difference in _differences(table, stored[table.name], expected[table.name])
    ]
    if not differences:
        return None
    detail = _(
        "its rows differ from a fresh fold of its events: {differences}",
        differences="; ".join(differences),
    )
    return Finding(ERROR, "projection_differs", subject(aggregate_id), detail)


def _differences(
    table: Table, stored: Sequence[tuple[Any, ...]], expected: Sequence[tuple[Any, ...]]
) -> list[str]:
    """What differs between one aggregate's stored rows of ``table`` and the fold's."""
    if list(stored) == list(expected):
        return []  # the usual case (rows read in the order they were written), unworded
    positions = [table.columns.index(c) for c in table.key]

    def keyed(rows: Sequence[tuple[Any, ...]]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
        return {tuple(row[i] for i in positions): row for row in rows}

    have, want = keyed(stored), keyed(expected)
    found = []
    for key in sorted(have.keys() | want.keys(), key=repr):
        row = _("{table} row {key}", table=table.name, key="/".join(map(str, key)))
        if not key:
            row = _("{table} row", table=table.name)
        if key not in have:
            found.append(_("{row} is missing", row=row))
        elif key not in want:
            found.append(_("{row} is not in the fold of its events", row=row))
        else:
            changed = column_differences(table.columns, have[key], want[key], table.agrees)
            if changed:
                found.append(_("{row}: {changes}", row=row, changes=", ".join(changed)))
    return found
