"""The org chart in the workspace database: load it whole, replace it whole.

The chart is small (hundreds of rows), changes rarely and must change all at once, so there
is no row-by-row editing: an admin edits a file and :func:`replace_org` swaps every org row
inside the caller's transaction, with one audit row recording who did it and a digest of the
new chart.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from tnde.errors import OrgError
from tnde.messages import _
from tnde.org.model import Assignment, Jabatan, OrgChart, Pegawai, Unit
from tnde.org.validation import validate_chart
from tnde.workspace.audit import audit_append

if TYPE_CHECKING:
    import sqlite3

    from tnde.workspace import Workspace

__all__ = ["chart_digest", "import_org", "load_org", "replace_org", "workspace_org"]

_log = logging.getLogger(__name__)


def workspace_org(workspace: Workspace) -> OrgChart:
    """The org chart of an open workspace, read on this thread's connection (callers above
    the core never hold a database connection)."""
    return load_org(workspace.thread_connection())


def import_org(workspace: Workspace, chart: OrgChart, *, actor: str) -> int:
    """Replace the org chart of ``workspace`` as ``actor``, who must be its owner outside demo
    mode, in one transaction with its audit row (what ``tnde org import`` does).

    Returns:
        The sequence number of the audit row.

    Raises:
        WorkflowRefused: ``actor`` may not act in this workspace; nothing is written.
        OrgError: ``invalid_chart`` (see :func:`replace_org`).
    """
    workspace.acting.admit(actor)
    with workspace.transaction() as conn:
        return replace_org(conn, chart, actor=actor)


def load_org(conn: sqlite3.Connection) -> OrgChart:
    """The org chart stored in the workspace, rows in the order they were written."""
    units = tuple(
        Unit(unit_id=r[0], nama=r[1], parent_id=r[2], kode=r[3])
        for r in conn.execute("SELECT unit_id, nama, parent_id, kode FROM unit ORDER BY rowid")
    )
    jabatan = tuple(
        Jabatan(
            jabatan_id=r[0],
            nama=r[1],
            unit_id=r[2],
            eselon=r[3],
            heads_unit=bool(r[4]),
            superior_id=r[5],
            registry=bool(r[6]),
        )
        for r in conn.execute(
            "SELECT jabatan_id, nama, unit_id, eselon, heads_unit, superior_id, registry"
            " FROM jabatan ORDER BY rowid"
        )
    )
    pegawai = tuple(
        Pegawai(nip=r[0], nama=r[1], pangkat=r[2], golongan=r[3], nik_ref=r[4], email=r[5])
        for r in conn.execute(
            "SELECT nip, nama, pangkat, golongan, nik_ref, email FROM pegawai ORDER BY rowid"
        )
    )
    assignments = tuple(
        Assignment(
            assignment_id=r[0],
            nip=r[1],
            jabatan_id=r[2],
            bentuk=r[3],
            mulai=date.fromisoformat(r[4]),
            selesai=date.fromisoformat(r[5]) if r[5] is not None else None,
            dasar=r[6],
        )
        for r in conn.execute(
            "SELECT assignment_id, nip, jabatan_id, bentuk, mulai, selesai, dasar"
            " FROM assignment ORDER BY rowid"
        )
    )
    return OrgChart(units, jabatan, pegawai, assignments)


def replace_org(
    conn: sqlite3.Connection, chart: OrgChart, *, actor: str, at: str | None = None
) -> int:
    """Replace every org row with ``chart``, inside the caller's open transaction.

    Args:
        conn: a workspace connection with a transaction in progress (``BEGIN IMMEDIATE``);
            the caller commits, or rolls back on error, so nothing is ever half-replaced.
        chart: the new chart; it must validate clean.
        actor: who replaces it (recorded in the audit row).
        at: the audit timestamp (ISO 8601); ``None`` for now.

    Returns:
        The sequence number of the audit row.

    Raises:
        OrgError: ``no_transaction`` when no transaction is open, ``invalid_chart`` when
            :meth:`OrgChart.validate` finds problems (nothing is written then).
    """

    if not conn.in_transaction:
        raise OrgError("no_transaction", _("replace_org must run inside a transaction"))
    problems = validate_chart(chart)
    if problems:
        raise OrgError(
            "invalid_chart",
            _(
                "the org chart has {count} problem(s), first: {problem}",
                count=len(problems),
                problem=problems[0],
            ),
        )
    # Self-references (unit parents, jabatan superiors) may point at rows inserted later in
    # the same transaction; the pragma defers the checks to COMMIT and resets itself there.
    conn.execute("PRAGMA defer_foreign_keys = ON")
    for table in ("assignment", "jabatan", "pegawai", "unit"):
        conn.execute(f"DELETE FROM {table}")
    conn.executemany(
        "INSERT INTO unit (unit_id, nama, parent_id, kode) VALUES (?, ?, ?, ?)",
        [(u.unit_id, u.nama, u.parent_id, u.kode) for u in chart.units],
    )
    conn.executemany(
        "INSERT INTO jabatan (jabatan_id, nama, unit_id, eselon, heads_unit, superior_id,"
        " registry) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                j.jabatan_id,
                j.nama,
                j.unit_id,
                j.eselon,
                int(j.heads_unit),
                j.superior_id,
                int(j.registry),
            )
            for j in chart.jabatan
        ],
    )
    conn.executemany(
        "INSERT INTO pegawai (nip, nama, pangkat, golongan, nik_ref, email)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(p.nip, p.nama, p.pangkat, p.golongan, p.nik_ref, p.email) for p in chart.pegawai],
    )
    conn.executemany(
        "INSERT INTO assignment (assignment_id, nip, jabatan_id, bentuk, mulai, selesai, dasar)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.assignment_id,
                a.nip,
                a.jabatan_id,
                a.bentuk,
                a.mulai.isoformat(),
                a.selesai.isoformat() if a.selesai else None,
                a.dasar,
            )
            for a in chart.assignments
        ],
    )
    details = {
        "units": len(chart.units),
        "jabatan": len(chart.jabatan),
        "pegawai": len(chart.pegawai),
        "assignments": len(chart.assignments),
        "digest": chart_digest(chart),
    }
    seq = audit_append(
        conn, actor=actor, action="org.replace", object="org", details=details, at=at
    )
    _log.info("org chart replaced: %s", {k: v for k, v in details.items() if k != "digest"})
    return seq


def chart_digest(chart: OrgChart) -> str:
    """SHA-256 (hex) of the chart's rows as canonical JSON: the same chart, the same digest."""
    rows: dict[str, list[dict[str, Any]]] = {
        "unit": [asdict(u) for u in chart.units],
        "jabatan": [asdict(j) for j in chart.jabatan],
        "pegawai": [asdict(p) for p in chart.pegawai],
        "assignment": [asdict(a) for a in chart.assignments],
    }
    text = json.dumps(rows, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
