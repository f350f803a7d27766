"""Link stage: each article's trimmed vectors while its story is young, so a later session can still
split a story that merged two events (``ClusterConfig.split_ratio``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    cols = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("link_articles")}
    if "vector" not in cols:  # stores whose link tables came from create_all already have it
        with op.batch_alter_table("link_articles") as batch:
            batch.add_column(sa.Column("vector", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("link_articles") as batch:
        batch.drop_column("vector")
