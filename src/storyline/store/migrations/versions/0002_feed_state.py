"""Conditional-GET validators of polled feeds (storyline poll).

Revision ID: 0002
Revises: 0001
Create Date: 2031-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("feed_state"):
        return  # made by create_all before this revision existed
    op.create_table(
        "feed_state",
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("checked", sa.DateTime(), nullable=True),
        sa.Column("changed", sa.DateTime(), nullable=True),
        sa.Column("articles", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("feed_state")
