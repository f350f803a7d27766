"""Articles: the language the clean stage detected (ISO 639-1) and the detector's confidence.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    cols = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("articles")}
    if "language" not in cols:  # stores whose tables came from create_all already have them
        with op.batch_alter_table("articles") as batch:
            batch.add_column(sa.Column("language", sa.String(8), nullable=True))
            batch.add_column(sa.Column("language_confidence", sa.Float(), nullable=True))
        op.create_index("ix_articles_language", "articles", ["language"])


def downgrade() -> None:
    op.drop_index("ix_articles_language", table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("language_confidence")
        batch.drop_column("language")
