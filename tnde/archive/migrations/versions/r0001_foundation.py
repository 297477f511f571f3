"""The first archive schema: identity, blobs, the event log with its feed counter, the org chart.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the tables of the first slice and the ones the event slices fill."""
    op.create_table(
        "archive_meta",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("archive_id", sa.String(36), nullable=False),
        sa.Column("epoch", sa.Integer, nullable=False),
        sa.Column("backup_watermark", sa.BigInteger, nullable=False),
        sa.Column("profile", sa.Text, nullable=False),
        sa.Column("org_digest", sa.String(64), nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_archive_meta_one_row"),
        sa.CheckConstraint("epoch >= 1", name="ck_archive_meta_epoch"),
    )
    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("media_type", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.CheckConstraint("length(sha256) = 64", name="ck_blob_sha256"),
        sa.CheckConstraint("size >= 0", name="ck_blob_size"),
    )
    feed_counter = op.create_table(
        "feed_counter",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("value", sa.BigInteger, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_feed_counter_one_row"),
    )
    op.bulk_insert(feed_counter, [{"id": 1, "value": 0}])
    op.create_table(
        "event",
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
    op.create_table(
        "unit",
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
    op.create_table(
        "jabatan",
        sa.Column("jabatan_id", sa.Text, primary_key=True),
        sa.Column("nama", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text, nullable=False),
        sa.Column("eselon", sa.Text, nullable=False),
        sa.Column("heads_unit", sa.Boolean(create_constraint=False), nullable=False),
        sa.Column("superior_id", sa.Text, nullable=True),
        sa.Column("registry", sa.Boolean(create_constraint=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.unit_id"],
            name="fk_jabatan_unit",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.ForeignKeyConstraint(
            ["superior_id"],
            ["jabatan.jabatan_id"],
            name="fk_jabatan_superior",
            deferrable=True,
            initially="DEFERRED",
        ),
    )
    op.create_table(
        "pegawai",
        sa.Column("nip", sa.String(18), primary_key=True),
        sa.Column("nama", sa.Text, nullable=False),
        sa.Column("pangkat", sa.Text, nullable=False),
        sa.Column("golongan", sa.Text, nullable=False),
        sa.Column("nik_ref", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.CheckConstraint("length(nip) = 18", name="ck_pegawai_nip"),
    )
    op.create_table(
        "assignment",
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
    )
    op.create_index("ix_assignment_jabatan", "assignment", ["jabatan_id", "mulai"])
    op.create_index("ix_assignment_nip", "assignment", ["nip", "mulai"])


def downgrade() -> None:
    """The archive never goes back a revision: restore a backup instead."""
    raise NotImplementedError("an archive database is never downgraded; restore a backup")
