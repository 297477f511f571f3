"""Reading and writing the archive's rows, in the caller's transaction (SQLAlchemy Core).

The same statements run on SQLite and PostgreSQL; where the two spell a statement
differently (``INSERT … ON CONFLICT DO NOTHING``), :func:`_insert_new` picks the dialect's
form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from tnde.archive.schema import (
    ARCHIVE_META,
    ASSIGNMENT,
    BLOB,
    BLOB_HOLDER,
    JABATAN,
    PEGAWAI,
    UNIT,
)
from tnde.org import Assignment, Jabatan, OrgChart, Pegawai, Unit

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "ArchiveIdentity",
    "BlobRow",
    "create_identity",
    "find_blob",
    "read_chart",
    "read_identity",
    "record_blob",
    "sorted_chart",
    "store_chart",
]


@dataclass(frozen=True)
class ArchiveIdentity:
    """Who the archive is (its ``archive_meta`` row)."""

    archive_id: str
    """Fixed at ``init``; a desk linked to another archive refuses to sync with this one."""
    epoch: int
    """Raised when the database is restored from a backup; desks then pull again."""
    backup_watermark: int
    """The last ``feed_seq`` covered by a verified backup."""
    profile: str
    """The office profile the archive was made for."""
    org_digest: str
    """SHA-256 of the org chart it holds (:func:`tnde.org.chart_digest`)."""
    created_at: str
    """When ``init`` made it."""


@dataclass(frozen=True)
class BlobRow:
    """A stored blob's row."""

    sha256: str
    size: int
    media_type: str
    created_at: str


def create_identity(
    conn: sa.Connection, *, archive_id: str, profile: str, org_digest: str, at: str
) -> None:
    """Insert the ``archive_meta`` row of a new archive (epoch 1, nothing backed up)."""
    conn.execute(
        sa.insert(ARCHIVE_META).values(
            id=1,
            archive_id=archive_id,
            epoch=1,
            backup_watermark=0,
            profile=profile,
            org_digest=org_digest,
            created_at=at,
        )
    )


def read_identity(conn: sa.Connection) -> ArchiveIdentity | None:
    """The archive's identity, or ``None`` when the database has none yet."""
    row = conn.execute(
        sa.select(
            ARCHIVE_META.c.archive_id,
            ARCHIVE_META.c.epoch,
            ARCHIVE_META.c.backup_watermark,
            ARCHIVE_META.c.profile,
            ARCHIVE_META.c.org_digest,
            ARCHIVE_META.c.created_at,
        ).where(ARCHIVE_META.c.id == 1)
    ).one_or_none()
    return None if row is None else ArchiveIdentity(*row)


def find_blob(conn: sa.Connection, sha256: str) -> BlobRow | None:
    """The row of the blob ``sha256``, or ``None``."""
    row = conn.execute(
        sa.select(BLOB.c.sha256, BLOB.c.size, BLOB.c.media_type, BLOB.c.created_at).where(
            BLOB.c.sha256 == sha256
        )
    ).one_or_none()
    return None if row is None else BlobRow(*row)


def record_blob(
    conn: sa.Connection,
    *,
    sha256: str,
    size: int,
    media_type: str,
    at: str,
    uploaded_by: str | None = None,
) -> bool:
    """Insert the row of a blob whose file is durable; returns whether it was new.

    Args:
        uploaded_by: the device that sent it (None: made by the archive itself); sent
            again by another device, the file's row stays and that device is recorded as
            holding it too.
    """
    values = {
        "sha256": sha256,
        "size": size,
        "media_type": media_type,
        "created_at": at,
        "uploaded_by": uploaded_by,
    }
    new = _insert_new(conn, BLOB, values, key=("sha256",))
    if not new and uploaded_by is not None:
        holder = {"sha256": sha256, "device_id": uploaded_by}
        _insert_new(conn, BLOB_HOLDER, holder, key=("sha256", "device_id"))
    return new


def store_chart(conn: sa.Connection, chart: OrgChart) -> None:
    """Replace the org chart with ``chart`` (already validated), in the caller's transaction.

    The references between its rows are checked at COMMIT (the constraints are deferred),
    so rows go in as the chart lists them.
    """
    for table in (ASSIGNMENT, JABATAN, PEGAWAI, UNIT):
        conn.execute(sa.delete(table))
    _insert_all(
        conn,
        UNIT,
        [
            {"unit_id": u.unit_id, "nama": u.nama, "parent_id": u.parent_id, "kode": u.kode}
            for u in chart.units
        ],
    )
    _insert_all(
        conn,
        JABATAN,
        [
            {
                "jabatan_id": j.jabatan_id,
                "nama": j.nama,
                "unit_id": j.unit_id,
                "eselon": j.eselon,
                "heads_unit": j.heads_unit,
                "superior_id": j.superior_id,
                "registry": j.registry,
            }
            for j in chart.jabatan
        ],
    )
    _insert_all(
        conn,
        PEGAWAI,
        [
            {
                "nip": p.nip,
                "nama": p.nama,
                "pangkat": p.pangkat,
                "golongan": p.golongan,
                "nik_ref": p.nik_ref,
                "email": p.email,
            }
            for p in chart.pegawai
        ],
    )
    _insert_all(
        conn,
        ASSIGNMENT,
        [
            {
                "assignment_id": a.assignment_id,
                "nip": a.nip,
                "jabatan_id": a.jabatan_id,
                "bentuk": a.bentuk,
                "mulai": a.mulai,
                "selesai": a.selesai,
                "dasar": a.dasar,
            }
            for a in chart.assignments
        ],
    )


def sorted_chart(chart: OrgChart) -> OrgChart:
    """``chart`` with each table in key order: the order the archive reads it back in, so
    :func:`tnde.org.chart_digest` of the sorted chart names what the archive holds."""
    return OrgChart(
        tuple(sorted(chart.units, key=lambda u: u.unit_id)),
        tuple(sorted(chart.jabatan, key=lambda j: j.jabatan_id)),
        tuple(sorted(chart.pegawai, key=lambda p: p.nip)),
        tuple(sorted(chart.assignments, key=lambda a: a.assignment_id)),
    )


def read_chart(conn: sa.Connection) -> OrgChart:
    """The org chart the archive holds, in the order of :func:`sorted_chart`."""
    units = tuple(
        Unit(unit_id=r.unit_id, nama=r.nama, parent_id=r.parent_id, kode=r.kode)
        for r in conn.execute(sa.select(UNIT))
    )
    jabatan = tuple(
        Jabatan(
            jabatan_id=r.jabatan_id,
            nama=r.nama,
            unit_id=r.unit_id,
            eselon=r.eselon,
            heads_unit=bool(r.heads_unit),
            superior_id=r.superior_id,
            registry=bool(r.registry),
        )
        for r in conn.execute(sa.select(JABATAN))
    )
    pegawai = tuple(
        Pegawai(
            nip=r.nip,
            nama=r.nama,
            pangkat=r.pangkat,
            golongan=r.golongan,
            nik_ref=r.nik_ref,
            email=r.email,
        )
        for r in conn.execute(sa.select(PEGAWAI))
    )
    assignments = tuple(
        Assignment(
            assignment_id=r.assignment_id,
            nip=r.nip,
            jabatan_id=r.jabatan_id,
            bentuk=r.bentuk,
            mulai=r.mulai,
            selesai=r.selesai,
            dasar=r.dasar,
        )
        for r in conn.execute(sa.select(ASSIGNMENT))
    )
    # sorted here, not in SQL: PostgreSQL orders text by the database's collation
    return sorted_chart(OrgChart(units, jabatan, pegawai, assignments))


def _insert_all(conn: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(sa.insert(table), list(rows))


def _insert_new(
    conn: sa.Connection, table: sa.Table, values: dict[str, Any], *, key: tuple[str, ...]
) -> bool:
    """Insert ``values`` unless a row with the same ``key`` exists; whether it was inserted."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(table)
        .values(values)
        .on_conflict_do_nothing(index_elements=key)
        # psycopg reports rowcount -1 for ON CONFLICT DO NOTHING: a returned row is the
        # answer both databases give the same way
        .returning(table.c[key[0]])
    )
    return conn.execute(statement).first() is not None
