"""Paged lists of incoming letters, tembusan and dispositions as one person sees them.

Like :mod:`tnde.workflow.queries`: sorted and filtered in SQL, one page at a time, "overdue"
computed at the moment of asking. A registry desk sees every incoming letter of the
workspace; anyone else the letters addressed to a jabatan they hold (as head of the unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tnde.errors import WorkflowRefused
from tnde.incoming.rules import check
from tnde.incoming.state import IncomingEventType as T
from tnde.workflow.events import Event
from tnde.workflow.paging import (
    ListFilter,
    Where,
    order_by,
    page_args,
    parse_moment,
    placeholders,
    viewer,
)
from tnde.workflow.positions import SqlAuthority
from tnde.workflow.service import iso

if TYPE_CHECKING:
    import datetime as dt
    import sqlite3

    from tnde.incoming.state import IncomingState

__all__ = [
    "DISPOSITION_SORT_KEYS",
    "INCOMING_SORT_KEYS",
    "DispositionRow",
    "IncomingAction",
    "IncomingFilter",
    "IncomingRow",
    "allowed_incoming_actions",
    "count_dispositions",
    "count_incoming",
    "disposition_page",
    "incoming_page",
]

_OPEN = "('terkirim', 'dibaca', 'dalam_proses')"

INCOMING_SORT_KEYS: dict[str, str] = {
    "diterima": "i.diterima",
    "agenda": "i.rowid",
    "asal": "i.asal",
    "hal": "i.hal",
    "urgensi": "i.urgensi",
    "status": "i.status",
}
"""Columns an incoming page may be sorted by."""

DISPOSITION_SORT_KEYS: dict[str, str] = {
    "batas": "d.due_at",
    "diberikan": "d.given_at",
    "hal": "i.hal",
    "status": "d.status",
    "urgensi": "d.urgensi",
}
"""Columns a disposition page may be sorted by."""


IncomingFilter = ListFilter
"""What to show of incoming letters and dispositions: the shared
:class:`~tnde.workflow.paging.ListFilter` (``sifat``, ``urgensi``, ``status``, ``text``, the
days received or due, overdue only; the sender and KKA code for incoming letters)."""


@dataclass(frozen=True)
class IncomingRow:
    """One incoming letter (or tembusan) as the list shows it."""

    incoming_id: str
    agenda: str
    asal: str
    nomor: str
    tanggal: str
    hal: str
    sifat: str
    urgensi: str
    diterima: str
    status: str
    copy_only: bool
    has_pdf: bool
    overdue: bool
    """One of its dispositions is open past its due time."""


@dataclass(frozen=True)
class DispositionRow:
    """One disposition received by a jabatan the person holds."""

    disposisi_id: str
    incoming_id: str
    agenda: str
    asal: str
    hal: str
    giver: str
    """The giver's jabatan name."""
    recipient: str
    """The recipient's jabatan name."""
    leading: bool
    urgensi: str
    given_at: dt.datetime
    due_at: dt.datetime
    status: str
    completed_at: dt.datetime | None
    overdue: bool


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _incoming_where(
    conn: sqlite3.Connection, nip: str, today: dt.date, copies: bool, f: IncomingFilter
) -> tuple[str, list[Any]]:
    jabatan, registry = viewer(conn, nip, today)
    where = Where("i.copy_only = ?", [int(copies)])
    if not registry:
        where.add(f"i.pimpinan_jabatan IN ({placeholders(jabatan)})", *jabatan)
    where.containing(f.text, "i.hal", "i.asal", "i.nomor", "i.agenda")
    where.containing(f.asal, "i.asal")
    where.code_or_below("i.kka", f.kka)
    for column, value in (("sifat", f.sifat), ("urgensi", f.urgensi), ("status", f.status)):
        where.equal(f"i.{column}", value)
    where.between("i.diterima", _day(f.date_from), _day(f.date_to))
    return where.sql(), where.args


def incoming_page(
    conn: sqlite3.Connection,
    nip: str,
    *,
    today: dt.date,
    now: dt.datetime,
    copies: bool = False,
    flt: IncomingFilter | None = None,
    sort: str = "diterima",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
) -> list[IncomingRow]:
    """One page of incoming letters (``copies``: the tembusan instead).

    Raises:
        ValueError: unknown ``sort``.
    """
    order, direction = order_by(sort, INCOMING_SORT_KEYS, descending)
    f = flt or IncomingFilter()
    where, args = _incoming_where(conn, nip, today, copies, f)
    late = (
        "EXISTS (SELECT 1 FROM disposisi d WHERE d.incoming_id = i.incoming_id "
        f"AND d.status IN {_OPEN} AND d.due_at < ?)"
    )
    if f.overdue_only:
        where += f" AND {late}"
        args.append(_iso(now))
    rows = conn.execute(
        "SELECT i.incoming_id, i.agenda, i.asal, i.nomor, i.tanggal, i.hal, i.sifat, "
        f"i.urgensi, i.diterima, i.status, i.copy_only, i.blob_sha256 IS NOT NULL, {late} "
        f"FROM incoming i WHERE {where} "
        f"ORDER BY {order} {direction}, i.rowid {direction} LIMIT ? OFFSET ?",
        page_args([_iso(now), *args], offset, limit),
    ).fetchall()
    return [
        IncomingRow(
            incoming_id=r[0],
            agenda=r[1],
            asal=r[2],
            nomor=r[3],
            tanggal=r[4],
            hal=r[5],
            sifat=r[6],
            urgensi=r[7],
            diterima=r[8],
            status=r[9],
            copy_only=bool(r[10]),
            has_pdf=bool(r[11]),
            overdue=bool(r[12]),
        )
        for r in rows
    ]


def count_incoming(
    conn: sqlite3.Connection,
    nip: str,
    *,
    today: dt.date,
    copies: bool = False,
    flt: IncomingFilter | None = None,
) -> int:
    """How many incoming letters (or tembusan) ``nip`` sees (overdue_only aside)."""
    where, args = _incoming_where(conn, nip, today, copies, flt or IncomingFilter())
    return int(conn.execute(f"SELECT count(*) FROM incoming i WHERE {where}", args).fetchone()[0])


def _disposition_where(
    conn: sqlite3.Connection, nip: str, today: dt.date, f: IncomingFilter, now: dt.datetime
) -> tuple[str, list[Any]]:
    jabatan, _registry = viewer(conn, nip, today)
    where = Where(f"d.recipient_jabatan IN ({placeholders(jabatan)})", jabatan)
    where.containing(f.text, "i.hal", "i.asal", "i.agenda")
    where.equal("d.urgensi", f.urgensi)
    where.equal("d.status", f.status)
    if f.overdue_only:
        where.add(f"d.status IN {_OPEN} AND d.due_at < ?", _iso(now))
    where.between("i.diterima", _day(f.date_from), _day(f.date_to))
    return where.sql(), where.args


def disposition_page(
    conn: sqlite3.Connection,
    nip: str,
    *,
    today: dt.date,
    now: dt.datetime,
    flt: IncomingFilter | None = None,
    sort: str = "batas",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[DispositionRow]:
    """One page of the dispositions addressed to a jabatan ``nip`` holds (due first).

    Raises:
        ValueError: unknown ``sort``.
    """
    order, direction = order_by(sort, DISPOSITION_SORT_KEYS, descending)
    where, args = _disposition_where(conn, nip, today, flt or IncomingFilter(), now)
    rows = conn.execute(
        "SELECT d.disposisi_id, d.incoming_id, i.agenda, i.asal, i.hal, "
        "coalesce(g.nama, d.giver_jabatan), coalesce(r.nama, d.recipient_jabatan), d.leading, "
        "d.urgensi, d.given_at, d.due_at, d.status, d.completed_at "
        "FROM disposisi d JOIN incoming i ON i.incoming_id = d.incoming_id "
        "LEFT JOIN jabatan g ON g.jabatan_id = d.giver_jabatan "
        "LEFT JOIN jabatan r ON r.jabatan_id = d.recipient_jabatan "
        f"WHERE {where} ORDER BY {order} {direction}, d.rowid {direction} LIMIT ? OFFSET ?",
        page_args(args, offset, limit),
    ).fetchall()
    out = []
    for r in rows:
        due = parse_moment(r[10])
        status = str(r[11])
        out.append(
            DispositionRow(
                disposisi_id=r[0],
                incoming_id=r[1],
                agenda=r[2],
                asal=r[3],
                hal=r[4],
                giver=r[5],
                recipient=r[6],
                leading=bool(r[7]),
                urgensi=r[8],
                given_at=parse_moment(r[9]),
                due_at=due,
                status=status,
                completed_at=parse_moment(r[12]) if r[12] else None,
                overdue=status in ("terkirim", "dibaca", "dalam_proses") and due < now,
            )
        )
    return out


def count_dispositions(
    conn: sqlite3.Connection,
    nip: str,
    *,
    today: dt.date,
    now: dt.datetime,
    flt: IncomingFilter | None = None,
) -> int:
    """How many dispositions are addressed to ``nip``'s jabatan (with ``flt``)."""
    where, args = _disposition_where(conn, nip, today, flt or IncomingFilter(), now)
    return int(
        conn.execute(
            "SELECT count(*) FROM disposisi d JOIN incoming i ON i.incoming_id = d.incoming_id "
            f"WHERE {where}",
            args,
        ).fetchone()[0]
    )


def _iso(moment: dt.datetime) -> str:
    return iso(moment)


# -- what may I do now ------------------------------------------------------------------------


@dataclass(frozen=True)
class IncomingAction:
    """An action the rules allow on an incoming letter or one of its dispositions."""

    kind: str
    """``read``, ``copy_read``, ``dispose``, ``dispose_for`` (a registry desk on the head's
    orders), ``forward``, ``read_disposition``, ``progress``, ``complete`` or ``cancel``."""
    disposisi_id: str = ""
    """The disposition acted on ("" for the letter itself)."""


def allowed_incoming_actions(
    conn: sqlite3.Connection, state: IncomingState, nip: str, today: dt.date
) -> list[IncomingAction]:
    """What the incoming-letter rules (:func:`tnde.incoming.rules.check`) would accept from
    ``nip`` now, each checked with a probe event (notes and recipients the user has still to
    give are filled in by the probe)."""

    authority = SqlAuthority(conn)

    def allowed(kind: T, payload: dict[str, Any]) -> bool:
        probe = Event(
            event_id="",
            letter_id=state.incoming_id,
            letter_seq=state.head_seq + 1,
            type=kind,  # type: ignore[arg-type] # the shared Event takes any kind
            actor_nip=nip,
            device_id="",
            base_seq=state.head_seq,
            revision_hash="",
            payload=payload,
        )
        try:
            check(state, probe, authority, today)
        except WorkflowRefused:
            return False
        return True

    def dispose(giver: str, parent: str, atas_perintah: bool = False) -> dict[str, Any]:
        return {
            "parent_id": parent,
            "giver_jabatan": giver,
            "recipients": [{"jabatan_id": giver, "leading": True}],
            "instructions": ["-"],
            "atas_perintah": atas_perintah,
        }

    out: list[IncomingAction] = []
    if not state.read_by or all(reader != nip for reader, _ in state.read_by):
        kind = T.COPY_READ if state.copy_only else T.READ
        if allowed(kind, {}):
            out.append(IncomingAction("copy_read" if state.copy_only else "read"))
    if allowed(T.DISPOSED, dispose(state.pimpinan_jabatan, "")):
        out.append(IncomingAction("dispose"))
    elif allowed(T.DISPOSED, dispose(state.pimpinan_jabatan, "", atas_perintah=True)):
        out.append(IncomingAction("dispose_for"))
    for d in state.dispositions:
        steps: tuple[tuple[str, T, dict[str, Any]], ...] = (
            ("read_disposition", T.DISPOSITION_READ, {}),
            ("progress", T.DISPOSITION_PROGRESS, {"note": "-"}),
            ("complete", T.DISPOSITION_COMPLETED, {"note": "-"}),
            ("cancel", T.DISPOSITION_CANCELLED, {"reason": "-"}),
        )
        for name, kind, extra in steps:
            if allowed(kind, {"disposisi_id": d.disposisi_id, **extra}):
                out.append(IncomingAction(name, d.disposisi_id))
        if allowed(T.DISPOSED, dispose(d.recipient_jabatan, d.disposisi_id)):
            out.append(IncomingAction("forward", d.disposisi_id))
    return out
