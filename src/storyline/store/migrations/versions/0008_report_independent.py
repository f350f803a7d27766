"""Stored reports keep their story's independent sources (rewritten wire copies counted once), so
story lists show the count the brief shows.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    cols = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("story_reports")}
    if "independent" not in cols:
        with op.batch_alter_table("story_reports") as batch:
            batch.add_column(sa.Column("independent", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("story_reports") as batch:
        batch.drop_column("independent")
