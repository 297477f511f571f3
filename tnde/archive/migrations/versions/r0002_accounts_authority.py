"""Accounts and devices, the aggregates the server folds, numbering, backups, the audit log.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the tables for sign-in, acceptance, the scoped feed, numbers and backups."""
    op.create_table(
        "account",
        sa.Column("nip", sa.String(18), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=True),
        sa.Column("enrol_code_hash", sa.String(64), nullable=True),
        sa.Column("enrol_expires_at", sa.Text, nullable=True),
        sa.Column("disabled_at", sa.Text, nullable=True),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.CheckConstraint("length(nip) = 18", name="ck_account_nip"),
    )
    op.create_table(
        "signin_failure",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("window_start", sa.Text, nullable=False),
        sa.Column("locked_until", sa.Text, nullable=True),
    )
    op.create_table(
        "device",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("last_seen_at", sa.Text, nullable=True),
        sa.Column("revoked_at", sa.Text, nullable=True),
    )
    op.create_index("ix_device_nip", "device", ["nip"])
    op.create_table(
        "refresh_token",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("issued_at", sa.Text, nullable=False),
        sa.Column("expires_at", sa.Text, nullable=False),
        sa.Column("revoked_at", sa.Text, nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.device_id"], name="fk_refresh_token_device"
        ),
    )
    op.create_index("ix_refresh_token_device", "refresh_token", ["device_id"])
    op.add_column("event", sa.Column("body_hash", sa.String(64), nullable=False, server_default=""))
    op.create_index("ix_event_blob", "event", ["blob_sha256"])
    op.create_index("ix_event_letter_feed", "event", ["letter_id", "feed_seq"])
    op.add_column("blob", sa.Column("uploaded_by", sa.String(36), nullable=True))
    op.create_table(
        "blob_holder",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "device_id", name="pk_blob_holder"),
        sa.ForeignKeyConstraint(["sha256"], ["blob.sha256"], name="fk_blob_holder_blob"),
    )
    op.create_table(
        "aggregate",
        sa.Column("aggregate_id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("head_seq", sa.Integer, nullable=False),
        sa.Column("last_event_hash", sa.String(64), nullable=False),
        sa.Column("state_json", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Text, nullable=False),
        sa.Column("security", sa.Text, nullable=False),
        sa.Column("created_feed_seq", sa.BigInteger, nullable=False),
        sa.Column("updated_feed_seq", sa.BigInteger, nullable=False),
        sa.CheckConstraint("kind IN ('letter', 'incoming')", name="ck_aggregate_kind"),
    )
    op.create_table(
        "aggregate_access",
        sa.Column("aggregate_id", sa.String(36), nullable=False),
        sa.Column("grantee", sa.Text, nullable=False),
        sa.Column("granted_feed_seq", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("aggregate_id", "grantee", name="pk_aggregate_access"),
        sa.ForeignKeyConstraint(
            ["aggregate_id"], ["aggregate.aggregate_id"], name="fk_aggregate_access_aggregate"
        ),
    )
    op.create_index(
        "ix_aggregate_access_grantee", "aggregate_access", ["grantee", "granted_feed_seq"]
    )
    op.create_table(
        "number_series",
        sa.Column("unit_id", sa.Text, nullable=False),
        sa.Column("series", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("last_no", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("unit_id", "series", "year", name="pk_number_series"),
    )
    op.create_table(
        "number_lease",
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
    )
    op.create_index("ix_number_lease_device", "number_lease", ["device_id", "state"])
    op.create_table(
        "number_use",
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
    op.create_table(
        "backup",
        sa.Column("backup_id", sa.String(36), primary_key=True),
        sa.Column("started_at", sa.Text, nullable=False),
        sa.Column("finished_at", sa.Text, nullable=True),
        sa.Column("feed_seq", sa.BigInteger, nullable=False),
        sa.Column("epoch", sa.Integer, nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
    )
    op.create_table(
        "audit",
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


def downgrade() -> None:
    """Drop what :func:`upgrade` made."""
    for table in (
        "blob_holder",
        "audit",
        "backup",
        "number_use",
        "number_lease",
        "number_series",
        "aggregate_access",
        "aggregate",
        "refresh_token",
        "device",
        "signin_failure",
        "account",
    ):
        op.drop_table(table)
    op.drop_index("ix_event_letter_feed", "event")
    op.drop_index("ix_event_blob", "event")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("body_hash")
    with op.batch_alter_table("blob") as batch:
        batch.drop_column("uploaded_by")
