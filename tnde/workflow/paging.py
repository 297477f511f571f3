"""The SQL pieces the paged list queries share (:mod:`tnde.workflow.queries`,
:mod:`tnde.incoming.queries`): who is asking, a WHERE clause built from optional filters, the
sort column and the LIMIT/OFFSET of a page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.workflow.positions import SqlAuthority

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Mapping, Sequence

__all__ = [
    "ListFilter",
    "Where",
    "order_by",
    "page_args",
    "parse_moment",
    "placeholders",
    "viewer",
]


@dataclass(frozen=True)
class ListFilter:
    """What to show of a list (every field optional: ``""``/``None``/False is no filter).

    One type for every paged list, so the window's filter bar fills it directly. Each query
    applies the fields its rows have: ``jenis`` only outgoing letters, ``asal`` and ``kka``
    only incoming ones; the dates are the last change of an outgoing letter, the day an
    incoming letter was received, the due date of a disposition.
    """

    text: str = ""
    """Part of the subject (hal), the number, or (incoming) the sender or agenda."""
    jenis: str = ""
    sifat: str = ""
    urgensi: str = ""
    status: str = ""
    asal: str = ""
    """Part of the sender's name."""
    kka: str = ""
    """A KKA code; its sub-codes match too."""
    date_from: dt.date | None = None
    """First day (office time), inclusive."""
    date_to: dt.date | None = None
    """Last day (office time), inclusive."""
    overdue_only: bool = False
    """Only rows whose task or disposition is past its due time."""


def viewer(conn: sqlite3.Connection, nip: str, today: dt.date) -> tuple[list[str], bool]:
    """The jabatan ``nip`` holds on ``today`` (a never-matching one when none: an empty
    ``IN ()`` is not SQL), and whether ``nip`` works at a registry desk."""
    authority = SqlAuthority(conn)
    return authority.jabatan_of(nip, today) or ["\0"], authority.is_registry(nip, today)


def placeholders(values: Sequence[Any]) -> str:
    """``?,?,…``: one parameter mark per value."""
    return ",".join("?" * len(values))


def order_by(sort: str, keys: Mapping[str, str], descending: bool) -> tuple[str, str]:
    """The SQL of the sort key ``sort`` and the direction (``ASC``/``DESC``).

    Raises:
        ValueError: ``sort`` is not one of ``keys``.
    """
    if sort not in keys:
        raise ValueError(f"cannot sort by {sort!r} (known: {', '.join(keys)})")
    return keys[sort], "DESC" if descending else "ASC"


def page_args(args: Sequence[Any], offset: int, limit: int) -> list[Any]:
    """``args`` followed by the LIMIT and OFFSET of a page (at least one row, from 0)."""
    return [*args, max(1, int(limit)), max(0, int(offset))]


def parse_moment(text: str) -> dt.datetime:
    """A stored ISO moment (``…Z`` or with an offset) as an aware datetime."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


class Where:
    """A WHERE clause built one optional condition at a time (each with its parameters)."""

    def __init__(self, clause: str = "", args: Sequence[Any] = ()) -> None:
        self.clauses: list[str] = [clause] if clause else []
        self.args: list[Any] = list(args)

    def add(self, clause: str, *args: Any) -> None:
        """And ``clause`` with its parameters ``args``."""
        self.clauses.append(clause)
        self.args.extend(args)

    def equal(self, column: str, value: str) -> None:
        """And ``column = value`` when ``value`` is given."""
        if value:
            self.add(f"{column} = ?", value)

    def containing(self, text: str, *columns: str) -> None:
        """And "one of ``columns`` contains ``text``" when ``text`` is given (not blank)."""
        if text.strip():
            like = f"%{text.strip()}%"
            self.add(f"({' OR '.join(f'{c} LIKE ?' for c in columns)})", *[like] * len(columns))

    def code_or_below(self, column: str, code: str) -> None:
        """And "``column`` is ``code`` or one of its sub-codes" (KKA ``000.8`` takes
        ``000.8.3.3``) when ``code`` is given."""
        if code.strip():
            self.add(f"({column} = ? OR {column} LIKE ?)", code.strip(), f"{code.strip()}.%")

    def between(self, column: str, first: str | None, last: str | None) -> None:
        """And ``first <= column <= last``, each bound when given."""
        if first:
            self.add(f"{column} >= ?", first)
        if last:
            self.add(f"{column} <= ?", last)

    def sql(self, *, grouped: bool = False) -> str:
        """The conditions joined by AND (``grouped``: each in parentheses)."""
        return (
            " AND ".join(f"({c})" for c in self.clauses) if grouped else " AND ".join(self.clauses)
        )
