"""The secretaries' counters, the tracking query and full-text search, over the projections.

Every count and filter is one indexed query; "overdue" is computed here from the due date at
the moment of asking, never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tnde.dispositions.due import WorkCalendar, working_days_between
from tnde.tracking.model import TrackingRow, WeekCount
from tnde.workflow.positions import SqlAuthority
from tnde.workflow.service import iso

if TYPE_CHECKING:
    import sqlite3


_OPEN = ("terkirim", "dibaca", "dalam_proses")
#: Below this many full-text matches a filtered tracking page starts from the matches.
_FEW_MATCHES = 5000
#: Search ranks the newest matches only: the same results whenever a word is rarer.
_SEARCH_WINDOW = 2000


@dataclass(frozen=True)
class Counters:
    """The work queue at a glance."""

    perlu_diperiksa: int = 0
    perlu_ditandatangani: int = 0
    ditandatangani_belum_dikirim: int = 0
    masuk_belum_dibaca: int = 0
    masuk_belum_didisposisi: int = 0
    disposisi_belum_dibaca: int = 0
    disposisi_belum_selesai: int = 0
    terlambat: int = 0
    tembusan_belum_dibaca: int = 0


def _iso(moment: dt.datetime) -> str:
    return iso(moment)


def person_counters(
    conn: sqlite3.Connection, nip: str, now: dt.datetime, today: dt.date
) -> Counters:
    """What waits for one person, through every jabatan they hold or act in today."""

    authority = SqlAuthority(conn)
    jabatan = authority.jabatan_of(nip, today) or ["\0"]
    registry = authority.is_registry(nip, today)
    marks = ",".join("?" * len(jabatan))

    def one(sql: str, *args: object) -> int:
        return int(conn.execute(sql, args).fetchone()[0])

    return Counters(
        perlu_diperiksa=one(
            f"SELECT count(*) FROM task WHERE jabatan_id IN ({marks}) AND "
            "kind IN ('periksa', 'paraf_koordinasi')",
            *jabatan,
        ),
        perlu_ditandatangani=one(
            f"SELECT count(*) FROM task WHERE jabatan_id IN ({marks}) AND kind = 'tandatangan'",
            *jabatan,
        ),
        ditandatangani_belum_dikirim=one("SELECT count(*) FROM task WHERE kind = 'kirim'")
        if registry
        else 0,
        **_incoming_counts(conn, f"pimpinan_jabatan IN ({marks})", jabatan),
        **_disposition_counts(conn, f"recipient_jabatan IN ({marks})", jabatan, now),
    )


def unit_counters(conn: sqlite3.Connection, unit_id: str, now: dt.datetime) -> Counters:
    """What waits in one unit kerja (its jabatan's tasks, its incoming, its dispositions)."""

    def one(sql: str, *args: object) -> int:
        return int(conn.execute(sql, args).fetchone()[0])

    in_unit = "jabatan_id IN (SELECT jabatan_id FROM jabatan WHERE unit_id = ?)"
    return Counters(
        perlu_diperiksa=one(
            f"SELECT count(*) FROM task WHERE {in_unit} AND "
            "kind IN ('periksa', 'paraf_koordinasi')",
            unit_id,
        ),
        perlu_ditandatangani=one(
            f"SELECT count(*) FROM task WHERE {in_unit} AND kind = 'tandatangan'", unit_id
        ),
        ditandatangani_belum_dikirim=one(
            "SELECT count(*) FROM task t JOIN letter l ON l.letter_id = t.letter_id "
            "WHERE t.kind = 'kirim' AND l.unit_id = ?",
            unit_id,
        ),
        **_incoming_counts(conn, "unit_id = ?", [unit_id]),
        **_disposition_counts(conn, "recipient_unit = ?", [unit_id], now),
    )


def _incoming_counts(conn: sqlite3.Connection, where: str, args: list[str]) -> dict[str, int]:
    rows = dict(
        conn.execute(
            f"SELECT copy_only || ':' || status, count(*) FROM incoming WHERE {where} "
            "AND status IN ('diregistrasi', 'dibaca') GROUP BY 1",
            args,
        ).fetchall()
    )
    return {
        "masuk_belum_dibaca": rows.get("0:diregistrasi", 0),
        "masuk_belum_didisposisi": rows.get("0:dibaca", 0),
        "tembusan_belum_dibaca": rows.get("1:diregistrasi", 0),
    }


def _disposition_counts(
    conn: sqlite3.Connection, where: str, args: list[str], now: dt.datetime
) -> dict[str, int]:
    rows = dict(
        conn.execute(
            f"SELECT status, count(*) FROM disposisi WHERE {where} "
            "AND status IN ('terkirim', 'dibaca', 'dalam_proses') GROUP BY status",
            args,
        ).fetchall()
    )
    late = conn.execute(
        f"SELECT count(*) FROM disposisi WHERE {where} "
        "AND status IN ('terkirim', 'dibaca', 'dalam_proses') AND due_at < ?",
        [*args, _iso(now)],
    ).fetchone()[0]
    return {
        "disposisi_belum_dibaca": rows.get("terkirim", 0),
        "disposisi_belum_selesai": rows.get("dibaca", 0) + rows.get("dalam_proses", 0),
        "terlambat": int(late),
    }


@dataclass(frozen=True)
class TrackingFilter:
    """Which dispositions of a unit to show."""

    unit_id: str
    statuses: tuple[str, ...] = ()
    due_from: dt.datetime | None = None
    due_to: dt.datetime | None = None
    urgensi: str = ""
    asal: str = ""
    """Part of the sender's name."""
    kka: str = ""
    """A KKA code; its sub-codes match too."""
    text: str = ""
    """Full-text search over hal, isi ringkas, sender, nomor and the PDF text."""
    overdue_only: bool = False


def track(
    conn: sqlite3.Connection,
    f: TrackingFilter,
    now: dt.datetime,
    *,
    limit: int | None = 50,
    offset: int = 0,
    calendar: WorkCalendar | None = None,
) -> list[TrackingRow]:
    """A page of the unit's dispositions, most urgent due date first (``limit=None``: all).

    Aging counts working days in the office's calendar (weekends and holidays excluded).
    """

    calendar = calendar or WorkCalendar(holidays=frozenset())
    where = ["d.recipient_unit = ?"]
    args: list[object] = [f.unit_id]
    if f.statuses:
        where.append(f"d.status IN ({','.join('?' * len(f.statuses))})")
        args += f.statuses
    if f.overdue_only:
        where.append("d.status IN ('terkirim', 'dibaca', 'dalam_proses') AND d.due_at < ?")
        args.append(_iso(now))
    if f.due_from:
        where.append("d.due_at >= ?")
        args.append(_iso(f.due_from))
    if f.due_to:
        where.append("d.due_at < ?")
        args.append(_iso(f.due_to))
    if f.urgensi:
        where.append("d.urgensi = ?")
        args.append(f.urgensi)
    if f.asal:
        where.append("i.asal LIKE ?")
        args.append(f"%{f.asal}%")
    if f.kka:
        where.append("(i.kka = ? OR i.kka LIKE ?)")
        args += [f.kka, f"{f.kka}.%"]
    source = "disposisi d JOIN incoming i ON i.incoming_id = d.incoming_id"
    # user text is words only (quoted for FTS5); text without a word filters nothing
    query = fts_query(f.text)
    if query:
        matches = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM incoming_fts WHERE incoming_fts MATCH ? LIMIT ?)",
            (query, _FEW_MATCHES + 1),
        ).fetchone()[0]
        if matches <= _FEW_MATCHES:
            # A rare word: start from its few letters instead of walking the whole unit.
            source = (
                "incoming_fts f CROSS JOIN incoming i ON i.rowid = f.rowid "
                "CROSS JOIN disposisi d ON d.incoming_id = i.incoming_id"
            )
            where.append("incoming_fts MATCH ?")
        else:
            where.append("i.rowid IN (SELECT rowid FROM incoming_fts WHERE incoming_fts MATCH ?)")
        args.append(query)
    rows = conn.execute(
        "SELECT i.agenda, i.diterima, i.asal, i.hal, d.urgensi, coalesce(j.nama, "
        "d.recipient_jabatan), d.leading, d.status, d.given_at, d.due_at, d.completed_at "
        f"FROM {source} LEFT JOIN jabatan j ON j.jabatan_id = d.recipient_jabatan "
        f"WHERE {' AND '.join(where)} ORDER BY d.due_at, d.disposisi_id LIMIT ? OFFSET ?",
        [*args, -1 if limit is None else limit, offset],
    ).fetchall()
    zone = calendar.tzinfo
    out = []
    for r in rows:
        due = _parse(r[9])
        completed = _parse(r[10]) if r[10] else None
        given = _parse(r[8])
        end = completed or now
        aging = working_days_between(
            given.astimezone(zone).date(), end.astimezone(zone).date(), calendar
        )
        out.append(
            TrackingRow(
                agenda=r[0],
                diterima=dt.date.fromisoformat(r[1]),
                asal=r[2],
                hal=r[3],
                urgensi=r[4],
                recipient=r[5],
                leading=bool(r[6]),
                status=r[7],
                given_at=given,
                due_at=due,
                completed_at=completed,
                overdue=r[7] in _OPEN and due < now,
                aging_days=max(0, aging),
            )
        )
    return out


def weekly_counts(
    conn: sqlite3.Connection,
    unit_id: str,
    weeks: int,
    now: dt.datetime,
    zone: dt.tzinfo = dt.UTC,
) -> list[WeekCount]:
    """Dispositions opened and completed per week (Monday-based, in the office's zone)."""
    local = now.astimezone(zone).date()
    start = (local - dt.timedelta(days=local.weekday())) - dt.timedelta(weeks=weeks - 1)
    edges = [
        _iso(dt.datetime.combine(start + dt.timedelta(weeks=i), dt.time(0), zone))
        for i in range(weeks + 1)
    ]
    out = []
    for i in range(weeks):
        # two index range counts per week (recipient_unit, given_at / completed_at)
        opened = conn.execute(
            "SELECT count(*) FROM disposisi WHERE recipient_unit = ? AND given_at >= ? "
            "AND given_at < ?",
            (unit_id, edges[i], edges[i + 1]),
        ).fetchone()[0]
        completed = conn.execute(
            "SELECT count(*) FROM disposisi WHERE recipient_unit = ? AND completed_at >= ? "
            "AND completed_at < ?",
            (unit_id, edges[i], edges[i + 1]),
        ).fetchone()[0]
        out.append(
            WeekCount(
                week_start=start + dt.timedelta(weeks=i),
                opened=int(opened),
                completed=int(completed),
            )
        )
    return out


@dataclass(frozen=True)
class SearchHit:
    """An incoming letter found by full-text search."""

    incoming_id: str
    agenda: str
    asal: str
    nomor: str
    hal: str
    diterima: str


def search(conn: sqlite3.Connection, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Incoming letters matching ``text`` (every word, any order; prefixes match)."""
    query = fts_query(text)
    if not query:
        return []
    # bm25 over every match of a common word costs a second on a large register: rank the
    # newest matches only (the same answer whenever the word is rarer than the window).
    rows = conn.execute(
        "SELECT i.incoming_id, i.agenda, i.asal, i.nomor, i.hal, i.diterima FROM ("
        " SELECT rowid, rank FROM incoming_fts WHERE incoming_fts MATCH ?1 AND rowid >= ("
        "  SELECT coalesce(min(rowid), 0) FROM (SELECT rowid FROM incoming_fts"
        "   WHERE incoming_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?3))"
        " ORDER BY rank LIMIT ?2"
        ") f JOIN incoming i ON i.rowid = f.rowid ORDER BY f.rank",
        (query, limit, _SEARCH_WINDOW),
    ).fetchall()
    return [SearchHit(*r) for r in rows]


def fts_query(text: str) -> str:
    """User words as an FTS5 query: each word quoted (no syntax injection), prefix-matched."""
    words = ["".join(ch for ch in w if ch.isalnum()) for w in text.split()]
    return " ".join(f'"{w}"*' for w in words if w)


def _parse(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
