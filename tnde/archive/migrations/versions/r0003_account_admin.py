"""Administrators: an account may see every account and the desks it linked.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``account.admin``, false for every account there is (the admin grants it)."""
    with op.batch_alter_table("account") as batch:
        batch.add_column(
            sa.Column(
                "admin",
                sa.Boolean(create_constraint=False),
                nullable=False,
                server_default=sa.false(),
            )
        )


def downgrade() -> None:
    """Drop what :func:`upgrade` added."""
    with op.batch_alter_table("account") as batch:
        batch.drop_column("admin")
