"""The whole workspace check: :func:`tnde.workspace.check_workspace` with the projections of
every aggregate and the numbering register."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tnde.incoming import agenda_numbers, check_incoming
from tnde.register import check_register
from tnde.workflow import check_letters, letter_numbers
from tnde.workspace import check_workspace

if TYPE_CHECKING:
    import sqlite3

    from tnde.workspace import CheckReport, Finding, Workspace

__all__ = ["check_integrity"]


def check_integrity(ws: Workspace) -> CheckReport:
    """Check everything in the workspace; never changes anything.

    The report's :attr:`~tnde.workspace.CheckReport.more` counts ``letters`` and ``incoming``
    (aggregates whose rows were rebuilt from their events) and ``numbers`` (register rows
    matched with the audit log and the events). Besides the storage check's codes, findings
    carry ``projection_differs``, ``projection_orphan``, ``fold_failed`` (projections) and
    ``number_missing``, ``number_unrecorded``, ``number_differs``, ``number_no_event``,
    ``number_audit``, ``lease_missing``, ``lease_unrecorded``, ``lease_differs``,
    ``counter_behind`` (register).
    """
    return check_workspace(
        ws, {"letters": check_letters, "incoming": check_incoming, "numbers": _numbers}
    )


def _numbers(conn: sqlite3.Connection, findings: list[Finding]) -> int:
    return check_register(conn, findings, [*letter_numbers(conn), *agenda_numbers(conn)])
