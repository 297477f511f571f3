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

The tables: ``archive_meta`` (who this archive is), ``blob`` (files by SHA-256), ``event``
with its global ``feed_seq`` (assigned from ``feed_counter`` as the last statement of each
transaction, so the change feed never skips an event), the org chart the rules are checked
against, ``aggregate`` (each letter's folded state, the row an acceptance locks) with
``aggregate_access`` (who may receive it in their feed), the accounts with their devices and
refresh tokens, the numbering register, the backups taken, and the server's own audit log.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "ACCOUNT",
    "AGGREGATE",
    "AGGREGATE_ACCESS",
    "ARCHIVE_META",
    "ASSIGNMENT",
    "AUDIT",
    "BACKUP",
    "BLOB",
    "BLOB_HOLDER",
    "DEVICE",
    "EVENT",
    "FEED_COUNTER",
    "JABATAN",
    "METADATA",
    "NUMBER_LEASE",
    "NUMBER_SERIES",
    "NUMBER_USE",
    "PEGAWAI",
    "REFRESH_TOKEN",
    "SIGNIN_FAILURE",
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
    # the device that uploaded it: until an event refers to it, only that desk may read it
    sa.Column("uploaded_by", sa.String(36), nullable=True),
    sa.CheckConstraint("length(sha256) = 64", name="ck_blob_sha256"),
    sa.CheckConstraint("size >= 0", name="ck_blob_size"),
)
"""Immutable files by SHA-256; a row exists only once its file is durable."""

BLOB_HOLDER = sa.Table(
    "blob_holder",
    METADATA,
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("device_id", sa.String(36), nullable=False),
    sa.PrimaryKeyConstraint("sha256", "device_id", name="pk_blob_holder"),
    sa.ForeignKeyConstraint(["sha256"], ["blob.sha256"], name="fk_blob_holder_blob"),
)
"""Devices that uploaded a file the archive already held: they proved they have its bytes,
so their events may name it (the first uploader is ``blob.uploaded_by``)."""

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
    # SHA-256 of what the desk chose (id, aggregate, type, actor, device, base, revision,
    # payload, client time): an id sent again with another body is refused, not re-used
    sa.Column("body_hash", sa.String(64), nullable=False, server_default=""),
    sa.ForeignKeyConstraint(["blob_sha256"], ["blob.sha256"], name="fk_event_blob"),
    sa.UniqueConstraint("feed_seq", name="uq_event_feed_seq"),
    sa.UniqueConstraint("letter_id", "letter_seq", name="uq_event_letter_seq"),
    sa.CheckConstraint("letter_seq >= 1", name="ck_event_letter_seq"),
    sa.Index("ix_event_blob", "blob_sha256"),
    sa.Index("ix_event_letter_feed", "letter_id", "feed_seq"),
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


ACCOUNT = sa.Table(
    "account",
    METADATA,
    sa.Column("nip", sa.String(18), primary_key=True),
    # Argon2id hash of the password; NULL until the official signs in with their code
    sa.Column("password_hash", sa.Text, nullable=True),
    # SHA-256 of the one-time enrolment code; NULL once it is used
    sa.Column("enrol_code_hash", sa.String(64), nullable=True),
    sa.Column("enrol_expires_at", sa.Text, nullable=True),
    sa.Column("disabled_at", sa.Text, nullable=True),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
    # may see every account and its desks (GET /v1/admin/desks); set by `user admin`
    sa.Column(
        "admin", sa.Boolean(create_constraint=False), nullable=False, server_default=sa.false()
    ),
    sa.CheckConstraint("length(nip) = 18", name="ck_account_nip"),
)
"""A pegawai of the org chart who may sign in (made by ``tnde archive user enrol``)."""

SIGNIN_FAILURE = sa.Table(
    "signin_failure",
    METADATA,
    # what is limited: "nip:<NIP>" (known or not, so probing unknown NIPs is limited too)
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("window_start", sa.Text, nullable=False),
    sa.Column("locked_until", sa.Text, nullable=True),
)
"""Failed sign-ins, counted per key, so every server process sees the same limit."""

DEVICE = sa.Table(
    "device",
    METADATA,
    sa.Column("device_id", sa.String(36), primary_key=True),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("last_seen_at", sa.Text, nullable=True),
    sa.Column("revoked_at", sa.Text, nullable=True),
    sa.Index("ix_device_nip", "nip"),
)
"""A desk (workspace) an official signed in from; its events carry its ``device_id``."""

REFRESH_TOKEN = sa.Table(
    "refresh_token",
    METADATA,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("device_id", sa.String(36), nullable=False),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("issued_at", sa.Text, nullable=False),
    sa.Column("expires_at", sa.Text, nullable=False),
    sa.Column("revoked_at", sa.Text, nullable=True),
    sa.ForeignKeyConstraint(["device_id"], ["device.device_id"], name="fk_refresh_token_device"),
    sa.Index("ix_refresh_token_device", "device_id"),
)
"""Refresh tokens by SHA-256 (the token itself is never stored), each bound to one device."""

AGGREGATE = sa.Table(
    "aggregate",
    METADATA,
    sa.Column("aggregate_id", sa.String(36), primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("head_seq", sa.Integer, nullable=False),
    sa.Column("last_event_hash", sa.String(64), nullable=False),
    sa.Column("state_json", sa.Text, nullable=False),
    # the unit that owns it (the konseptor's unit; the receiving unit of an incoming letter)
    sa.Column("unit_id", sa.Text, nullable=False),
    # its sifat: Biasa, Terbatas, Rahasia or Sangat Rahasia
    sa.Column("security", sa.Text, nullable=False),
    sa.Column("created_feed_seq", sa.BigInteger, nullable=False),
    sa.Column("updated_feed_seq", sa.BigInteger, nullable=False),
    sa.CheckConstraint("kind IN ('letter', 'incoming')", name="ck_aggregate_kind"),
)
"""Each letter's folded state: what the rules check the next event against, and the row an
acceptance locks so two desks acting on one letter are taken one after the other."""

AGGREGATE_ACCESS = sa.Table(
    "aggregate_access",
    METADATA,
    sa.Column("aggregate_id", sa.String(36), nullable=False),
    # "unit:<unit_id>", "jabatan:<jabatan_id>" or "nip:<NIP>"
    sa.Column("grantee", sa.Text, nullable=False),
    # the feed position at which the grant was made; the feed sends the history before it
    sa.Column("granted_feed_seq", sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint("aggregate_id", "grantee", name="pk_aggregate_access"),
    sa.ForeignKeyConstraint(
        ["aggregate_id"], ["aggregate.aggregate_id"], name="fk_aggregate_access_aggregate"
    ),
    sa.Index("ix_aggregate_access_grantee", "grantee", "granted_feed_seq"),
)
"""Who may receive a letter's events in their feed, and since when."""

NUMBER_SERIES = sa.Table(
    "number_series",
    METADATA,
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("series", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("last_no", sa.Integer, nullable=False),
    sa.PrimaryKeyConstraint("unit_id", "series", "year", name="pk_number_series"),
)
"""The last number of each series taken out of the register (issued or leased)."""

NUMBER_LEASE = sa.Table(
    "number_lease",
    METADATA,
    sa.Column("lease_id", sa.String(36), primary_key=True),
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("series", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("first_no", sa.Integer, nullable=False),
    sa.Column("last_no", sa.Integer, nullable=False),
    sa.Column("device_id", sa.String(36), nullable=False),
    sa.Column("nip", sa.String(18), nullable=False),
    sa.Column("leased_at", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False),
    sa.CheckConstraint("first_no <= last_no", name="ck_number_lease_range"),
    sa.CheckConstraint("state IN ('open', 'closed')", name="ck_number_lease_state"),
    sa.Index("ix_number_lease_device", "device_id", "state"),
)
"""A block of numbers one registry desk may issue on its own, offline included."""

NUMBER_USE = sa.Table(
    "number_use",
    METADATA,
    sa.Column("unit_id", sa.Text, nullable=False),
    sa.Column("series", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("no", sa.Integer, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("letter_id", sa.String(36), nullable=True),
    sa.Column("nomor", sa.Text, nullable=False),
    sa.Column("lease_id", sa.String(36), nullable=True),
    sa.Column("event_id", sa.String(36), nullable=True),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("unit_id", "series", "year", "no", name="pk_number_use"),
    sa.CheckConstraint("status IN ('issued', 'voided')", name="ck_number_use_status"),
)
"""Every number issued or voided: at most one use of each number, ever."""

BACKUP = sa.Table(
    "backup",
    METADATA,
    sa.Column("backup_id", sa.String(36), primary_key=True),
    sa.Column("started_at", sa.Text, nullable=False),
    sa.Column("finished_at", sa.Text, nullable=True),
    # every event up to this feed position is in the backup
    sa.Column("feed_seq", sa.BigInteger, nullable=False),
    sa.Column("epoch", sa.Integer, nullable=False),
    sa.Column("location", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=True),
)
"""The backups taken; a finished one moves ``archive_meta.backup_watermark``."""

AUDIT = sa.Table(
    "audit",
    METADATA,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("object", sa.Text, nullable=False),
    sa.Column("details", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.UniqueConstraint("hash", name="uq_audit_hash"),
)
"""The server's own actions (enrolments, disabled accounts, leases, backups), hash-chained as
the desks' audit logs are."""
