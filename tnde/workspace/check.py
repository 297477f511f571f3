"""``tnde workspace check``: is everything in the workspace still what was written?

The check is read-only. It runs SQLite's own checks, re-hashes every blob file, lists files in
``blobs/`` that no row names, and verifies the audit chain and every letter's event chain.
Errors mean damage or tampering; warnings are harmless leftovers (a crash between a blob file's
rename and its row's commit leaves an orphan file, by design).

What this layer cannot judge comes in as ``more``: the projections (a fresh fold of each
aggregate's events) and the numbering register belong to the layers above, which the workspace
may not import. :func:`tnde.integrity.check_integrity` passes them; the command line calls that,
so ``tnde workspace check`` always runs everything.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tnde.errors import ValidationError
from tnde.messages import _
from tnde.workspace.audit import audit_verify
from tnde.workspace.blobs import is_sha256
from tnde.workspace.hashing import EVENT_HASH_FIELDS, GENESIS_HASH, event_hash

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from tnde.workspace.workspace import Workspace

log = logging.getLogger(__name__)

__all__ = [
    "ERROR",
    "WARNING",
    "CheckReport",
    "Finding",
    "WorkspaceCheck",
    "check_workspace",
    "column_differences",
]

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing the check found."""

    severity: str
    """``"error"`` (damage or tampering) or ``"warning"`` (a harmless leftover)."""
    code: str
    """Stable reason: ``integrity``, ``foreign_key``, ``blob_missing``, ``blob_corrupt``,
    ``blob_size``, ``blob_orphan``, ``blob_stray``, ``audit_<kind>``, ``event_edited``,
    ``event_deleted``, ``event_chain``, ``symlink``, ``unreadable``, and those of the checks
    passed in as ``more`` (:mod:`tnde.integrity` lists them)."""
    subject: str
    """What it is about: a blob hash, ``"audit row 7"``, ``"letter <id> event 3"``…"""
    detail: str
    """The finding as a sentence."""


@dataclass(frozen=True)
class CheckReport:
    """The result of :func:`check_workspace`."""

    findings: tuple[Finding, ...]
    """Everything found, errors and warnings, in the order the checks ran."""
    blobs: int
    """Blob rows whose files were re-hashed."""
    audit_rows: int
    """Audit rows verified."""
    events: int
    """Letter events verified."""
    more: Mapping[str, int] = field(default_factory=dict)
    """What each check passed in as ``more`` counted, by the name it was passed under."""

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that mean damage or tampering."""
        return tuple(f for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The harmless findings."""
        return tuple(f for f in self.findings if f.severity == WARNING)

    @property
    def ok(self) -> bool:
        """Whether no error was found (warnings allowed)."""
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data, for ``--json``."""
        return {"ok": self.ok, **asdict(self)}


WorkspaceCheck = Callable[[sqlite3.Connection, list[Finding]], int]
"""A check a layer above brings to :func:`check_workspace`: it reads through the connection
(inside the check's read transaction), appends its findings and returns how many things it
checked."""


def check_workspace(ws: Workspace, more: Mapping[str, WorkspaceCheck] | None = None) -> CheckReport:
    """Check the storage of the workspace, then run ``more``; never changes anything.

    Everything is read in one read transaction, so an action committed meanwhile is seen whole
    or not at all (a projection is never compared with half of its events).

    Args:
        more: checks of the layers above, by name: the name counts them in
            :attr:`CheckReport.more` and names them in an ``unreadable`` finding. Callers want
            :func:`tnde.integrity.check_integrity`, which passes every one of them.
    """
    findings: list[Finding] = []
    checks: list[tuple[str, WorkspaceCheck]] = [
        (check.__name__.removeprefix("_check_"), partial(check, ws))
        for check in (_check_sqlite, _check_blobs, _check_audit, _check_events, _check_links)
    ]
    checks.extend((more or {}).items())
    conn = ws.connect()
    try:
        conn.execute("BEGIN")
        counts = {name: _guarded(findings, name, check, conn) for name, check in checks}
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
    report = CheckReport(
        tuple(findings),
        blobs=counts["blobs"],
        audit_rows=counts["audit"],
        events=counts["events"],
        more={name: counts[name] for name in more or {}},
    )
    log.info(
        "checked %s: %d error(s), %d warning(s)",
        ws.path,
        len(report.errors),
        len(report.warnings),
    )
    return report


def column_differences(
    columns: Sequence[str],
    stored: Sequence[Any],
    expected: Sequence[Any],
    agrees: Mapping[str, Callable[[Any, Any], bool]] | None = None,
) -> list[str]:
    """One phrase per column whose stored value is not the expected one (long values cut).

    Args:
        agrees: column → whether a stored value that differs still agrees with the expected
            one (e.g. JSON an older version wrote with fewer keys).
    """
    agrees = agrees or {}
    return [
        _(
            "{column} is {stored}, should be {expected}",
            column=column,
            stored=_shown(old),
            expected=_shown(new),
        )
        for column, old, new in zip(columns, stored, expected, strict=True)
        if old != new and not (column in agrees and agrees[column](old, new))
    ]


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 48 else text[:47] + "…"


def _guarded(
    findings: list[Finding], name: str, check: WorkspaceCheck, conn: sqlite3.Connection
) -> int:
    """Run one check; a database too damaged to read becomes an error, not a crash."""
    try:
        return check(conn, findings)
    except sqlite3.DatabaseError as exc:
        findings.append(
            Finding(
                ERROR, "unreadable", name, _("cannot read the {name}: {exc}", name=name, exc=exc)
            )
        )
        return 0


def _check_sqlite(ws: Workspace, conn: sqlite3.Connection, findings: list[Finding]) -> int:
    for (message,) in conn.execute("PRAGMA integrity_check").fetchall():
        if message != "ok":
            findings.append(Finding(ERROR, "integrity", "database", message))
    for table, rowid, parent, _key in conn.execute("PRAGMA foreign_key_check").fetchall():
        detail = _(
            "{table} row {rowid} refers to a {parent} row that does not exist",
            table=table,
            rowid=rowid,
            parent=parent,
        )
        subject = _("{table} row {rowid}", table=table, rowid=rowid)
        findings.append(Finding(ERROR, "foreign_key", subject, detail))
    return 0


def _check_blobs(ws: Workspace, conn: sqlite3.Connection, findings: list[Finding]) -> int:
    rows = conn.execute("SELECT sha256, size FROM blob ORDER BY sha256").fetchall()
    for sha256, size in rows:
        try:
            problem = ws.blobs.verify(sha256)
        except ValidationError:
            findings.append(
                Finding(ERROR, "blob_name", sha256, _("blob row with a malformed hash"))
            )
            continue
        if problem is not None:
            findings.append(Finding(ERROR, f"blob_{problem.kind}", sha256, problem.detail))
        elif ws.blobs.path(sha256).stat().st_size != size:
            detail = _(
                "the blob row says {size} bytes, the (intact) file has another size", size=size
            )
            findings.append(Finding(ERROR, "blob_size", sha256, detail))
    known = {sha256 for sha256, _ in rows}
    for path in ws.blobs.files():
        relative = path.relative_to(ws.blobs.root)
        if relative.parts == (path.name[:2], path.name) and is_sha256(path.name):
            if path.name not in known:
                detail = _(
                    "file {path} has no blob row (left by an interrupted write)", path=relative
                )
                findings.append(Finding(WARNING, "blob_orphan", path.name, detail))
        else:
            detail = _(
                "{path} is not a blob file (a temporary file left by a crash?)", path=relative
            )
            findings.append(Finding(WARNING, "blob_stray", str(relative), detail))
    return len(rows)


def _check_audit(ws: Workspace, conn: sqlite3.Connection, findings: list[Finding]) -> int:
    for problem in audit_verify(conn):
        subject = _("audit row {seq}", seq=problem.seq)
        findings.append(Finding(ERROR, f"audit_{problem.kind}", subject, problem.detail))
    return int(conn.execute("SELECT count(*) FROM audit").fetchone()[0])


def _check_events(ws: Workspace, conn: sqlite3.Connection, findings: list[Finding]) -> int:
    columns = ", ".join((*EVENT_HASH_FIELDS, "event_hash"))
    rows = conn.execute(f"SELECT {columns} FROM event ORDER BY letter_id, letter_seq")
    count = 0
    for letter_id, events in groupby(map(dict, rows), key=lambda e: e["letter_id"]):
        count += _check_letter_chain(str(letter_id), events, findings)
    return count


def _check_letter_chain(
    letter_id: str, events: Iterable[dict[str, Any]], findings: list[Finding]
) -> int:
    expected_seq, prev_hash, count = 1, GENESIS_HASH, 0
    for event in events:
        count += 1
        seq = event["letter_seq"]
        subject = _("letter {letter_id} event {seq}", letter_id=letter_id, seq=seq)
        if seq != expected_seq:
            detail = _(
                "events {first}–{last} of letter {letter_id} are missing",
                first=expected_seq,
                last=seq - 1,
                letter_id=letter_id,
            )
            findings.append(Finding(ERROR, "event_deleted", subject, detail))
        elif event["prev_event_hash"] != prev_hash:
            detail = _(
                "event {seq} is not chained to event {previous} (prev_event_hash differs)",
                seq=seq,
                previous=seq - 1,
            )
            findings.append(Finding(ERROR, "event_chain", subject, detail))
        try:
            intact = event_hash(event) == event["event_hash"]
        except ValueError:  # payload that is no longer JSON
            intact = False
        if not intact:
            detail = _("event {seq} was edited: its fields no longer match its event_hash", seq=seq)
            findings.append(Finding(ERROR, "event_edited", subject, detail))
        expected_seq, prev_hash = seq + 1, event["event_hash"]
    return count


def _check_links(ws: Workspace, conn: sqlite3.Connection, findings: list[Finding]) -> int:
    """Symbolic links anywhere in the workspace: files read or written through them live
    outside it (new blobs were written wherever a linked ``blobs/`` pointed)."""
    links = sorted(
        Path(folder) / name
        for folder, dirs, files in os.walk(ws.path)  # never into a linked folder
        for name in (*dirs, *files)
        if (Path(folder) / name).is_symlink()
    )
    for link in links:
        findings.append(
            Finding(
                ERROR,
                "symlink",
                str(link.relative_to(ws.path)),
                _(
                    "a symbolic link inside the workspace, leading to {target}",
                    target=_link_target(link),
                ),
            )
        )
    return len(links)


def _link_target(link: Path) -> str:
    """Where ``link`` leads, as far as it can be followed (a loop of links cannot)."""
    try:
        return str(link.resolve())
    except (OSError, RuntimeError):  # a loop: Python < 3.13 raises RuntimeError
        return os.readlink(link)
