"""Link stage: why each article is in its story (``storyline story ID --why``), and the sampled verbatim
passages of each article with their index, so partial copies are found across batches and sessions.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    cols = {c["name"] for c in sa.inspect(bind).get_columns("link_articles")}
    with op.batch_alter_table("link_articles") as batch:
        if "placement" not in cols:
            batch.add_column(sa.Column("placement", sa.JSON(), nullable=True))
        if "passages" not in cols:
            batch.add_column(sa.Column("passages", sa.LargeBinary(), nullable=True))
    if "link_passages" not in sa.inspect(bind).get_table_names():
        op.create_table(
            "link_passages",
            sa.Column("passage", sa.BigInteger(), primary_key=True, autoincrement=False),
            sa.Column("article_id", sa.Integer(), primary_key=True, autoincrement=False),
        )


def downgrade() -> None:
    op.drop_table("link_passages")
    with op.batch_alter_table("link_articles") as batch:
        batch.drop_column("passages")
        batch.drop_column("placement")
