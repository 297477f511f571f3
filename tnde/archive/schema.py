"""The archive's tables, as SQLAlchemy Core objects: one portable subset of SQL that runs on
SQLite (the embedded default) and PostgreSQL (a province).

These objects are what the code queries. The database itself is made and changed only by
the Alembic migrations in ``tnde/archive/migrations/versions/``, which spell each table out
in full (a migration never imports this module, so it stays what it was when it shipped);
``tests/archive/test_archive_migrations.py`` checks that the migrations at head give exactly
these tables on both databases.

Conventions: identifiers and hashes are text, timestamps are ISO 8601 text in UTC with
milliseconds and ``Z`` (the form every hash of the project is taken over, see
:mod:`tnde.canonical`), JSON is canonical JSON text. Constraints carry explicit names so a
later migration can name what it changes on both databases.

The tables of this slice: ``archive_meta`` (who this archive is), ``blob`` (files by SHA-256),
and, for the slices that accept events, ``event`` with its global ``feed_seq`` (assigned from
``feed_counter`` as the last statement of each transaction, so the change feed never skips an
event) and the org chart the rules are checked against.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "ARCHIVE_META",
    "ASSIGNMENT",
    "BLOB",
    "EVENT",
    "FEED_COUNTER",
    "JABATAN",
    "METADATA",
    "PEGAWAI",
    "UNIT",
]

METADATA = sa.MetaData()
"""Every table of the archive."""

ARCHIVE_META = sa.Table(
    "archive_meta",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("archive_id", sa.String(36), nullable=False),
    # raised whenever the database is restored from a backup or the feed is rebuilt: a desk
    # whose cursor names another epoch starts its pull again
    sa.Column("epoch", sa.Integer, nullable=False),
    # the last feed_seq covered by a verified backup; desks keep their events until it passes
    sa.Column("backup_watermark", sa.BigInteger, nullable=False),
    sa.Column("profile", sa.Text, nullable=False),
    sa.Column("org_digest", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.CheckConstraint("id = 1", name="ck_archive_meta_one_row"),
    sa.CheckConstraint("epoch >= 1", name="ck_archive_meta_epoch"),
)
"""The archive's identity: exactly one row."""

BLOB = sa.Table(
    "blob",
    METADATA,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("media_type", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.CheckConstraint("length(sha256) = 64", name="ck_blob_sha256"),
    sa.CheckConstraint("size >= 0", name="ck_blob_size"),
)
"""Immutable files by SHA-256; a row exists only once its file is durable."""

FEED_COUNTER = sa.Table(
    "feed_counter",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("value", sa.BigInteger, nullable=False),
    sa.CheckConstraint("id = 1", name="ck_feed_counter_one_row"),
)
"""The last ``feed_seq`` handed out: one row, taken last in each accepting transaction."""

EVENT = sa.Table(
    "event",
    METADATA,
    sa.Column("event_id", sa.String(36), primary_key=True),
    sa.Column("letter_id", sa.String(36), nullable=False),
    sa.Column("letter_seq", sa.Integer, nullable=False),
    sa.Column("feed_seq", sa.BigInteger, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("actor_nip", sa.Text, nullable=False),
    sa.Column("device_id", sa.Text, nullable=False),
    sa.Column("base_seq", sa.Integer, nullable=False),
    sa.Column("revision_hash", sa.Text, nullable=False),
    sa.Column("blob_sha256", sa.String(64), nullable=True),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("client_time", sa.Text, nullable=False),
    sa.Column("server_time", sa.Text, nullable=False),
    sa.Column("prev_event_hash", sa.Text, nullable=False),
    sa.Column("event_hash", sa.Text, nullable=False),
    sa.ForeignKeyConstraint(["blob_sha256"], ["blob.sha256"], name="fk_event_blob"),
    sa.UniqueConstraint("feed_seq", name="uq_event_feed_seq"),
    sa.UniqueConstraint("letter_id", "letter_seq", name="uq_event_letter_seq"),
    sa.CheckConstraint("letter_seq >= 1", name="ck_event_letter_seq"),
)
"""Every accepted event of every letter and incoming letter, in feed order."""

# The org chart, as the desk stores it (tnde/workspace/schema.py). It is replaced whole, so
# its references are checked at COMMIT: a jabatan may name a superior inserted after it.
UNIT = sa.Table(
    "unit",
    METADATA,
    sa.Column("unit_id", sa.Text, primary_key=True),
    sa.Column("nama", sa.Text, nullable=False),
    sa.Column("parent_id", sa.Text, nullable=True),
    sa.Column("kode", sa.Text, nullable=False),
    sa.ForeignKeyConstraint(
        ["parent_id"],
        ["unit.unit_id"],
        name="fk_unit_parent",
        deferrable=True,
        initially="DEFERRED",
    ),
)

JABATAN = sa.Table(
    "jabatan",
    METADATA,
    sa.Column("jabatan_id", sa.Text, primary_key=True),
    sa.Column("nama", sa.Text, nullable=False),
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("eselon", sa.Text, nullable=False),
    sa.Column("heads_unit", sa.Boolean(create_constraint=False), nullable=False),
    sa.Column("superior_id", sa.Text, nullable=True),
    sa.Column("registry", sa.Boolean(create_constraint=False), nullable=False),
    sa.ForeignKeyConstraint(
        ["unit_id"], ["unit.unit_id"], name="fk_jabatan_unit", deferrable=True, initially="DEFERRED"
    ),
    sa.ForeignKeyConstraint(
        ["superior_id"],
        ["jabatan.jabatan_id"],
        name="fk_jabatan_superior",
        deferrable=True,
        initially="DEFERRED",
    ),
)

PEGAWAI = sa.Table(
    "pegawai",
    METADATA,
    sa.Column("nip", sa.String(18), primary_key=True),
    sa.Column("nama", sa.Text, nullable=False),
    sa.Column("pangkat", sa.Text, nullable=False),
    sa.Column("golongan", sa.Text, nullable=False),
    sa.Column("nik_ref", sa.Text, nullable=False),
    sa.Column("email", sa.Text, nullable=False),
    sa.CheckConstraint("length(nip) = 18", name="ck_pegawai_nip"),
)

ASSIGNMENT = sa.Table(
    "assignment",
    METADATA,
    sa.Column("assignment_id", sa.Text, primary_key=True),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("jabatan_id", sa.Text, nullable=False),
    sa.Column("bentuk", sa.Text, nullable=False),
    sa.Column("mulai", sa.Date, nullable=False),
    sa.Column("selesai", sa.Date, nullable=True),
    sa.Column("dasar", sa.Text, nullable=False),
    sa.ForeignKeyConstraint(
        ["nip"],
        ["pegawai.nip"],
        name="fk_assignment_pegawai",
        deferrable=True,
        initially="DEFERRED",
    ),
    sa.ForeignKeyConstraint(
        ["jabatan_id"],
        ["jabatan.jabatan_id"],
        name="fk_assignment_jabatan",
        deferrable=True,
        initially="DEFERRED",
    ),
    sa.CheckConstraint(
        "bentuk IN ('definitif', 'Plt.', 'Plh.', 'Pj.')", name="ck_assignment_bentuk"
    ),
    sa.Index("ix_assignment_jabatan", "jabatan_id", "mulai"),
    sa.Index("ix_assignment_nip", "nip", "mulai"),
)
