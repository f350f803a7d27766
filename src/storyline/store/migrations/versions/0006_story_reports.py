"""Stored comparison reports (storyline.store.reports) and the full-text index of articles
(storyline.store.search): SQLite FTS5 table ``article_fts``, PostgreSQL ``article_search`` (tsvector, GIN).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    existing = set(sa.inspect(bind).get_table_names())
    if "story_reports" not in existing:  # made by create_all when the table was registered first
        op.create_table(
            "story_reports",
            sa.Column("story_id", sa.Integer(), primary_key=True, autoincrement=False),
            sa.Column("version", sa.String(64), nullable=False),
            sa.Column("computed", sa.DateTime(), nullable=False),
            sa.Column("seconds", sa.Float(), nullable=False),
            sa.Column("articles", sa.Integer(), nullable=False),
            sa.Column("claims", sa.Integer(), nullable=False),
            sa.Column("corroborated", sa.Integer(), nullable=False),
            sa.Column("conflicts", sa.Integer(), nullable=False),
            sa.Column("report", sa.JSON(), nullable=False),
        )
    if bind.dialect.name == "sqlite":
        # rowid is the article id; unicode61 folds case and diacritics
        op.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif "article_search" not in existing:
        op.create_table(
            "article_search",
            sa.Column(
                "article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
            ),
            sa.Column("doc", sa.dialects.postgresql.TSVECTOR(), nullable=False),
        )
        op.create_index("ix_article_search_doc", "article_search", ["doc"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS article_fts")
    else:
        op.drop_table("article_search")
    op.drop_table("story_reports")
