"""Link stage state (storyline.store.stories): stories, each article's place, the inverted index,
MinHash bands and the linker's counters.

Revision ID: 0003
Revises: 0002
Create Date: 2031-01-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("link_stories", "link_articles", "link_postings", "link_bands", "link_meta")


def upgrade() -> None:
    # Stores opened while the link tables had no revision got them from create_all: keep those.
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "link_stories" not in existing:
        op.create_table(
            "link_stories",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
            sa.Column("label", sa.Text(), nullable=False),
            sa.Column("first", sa.Date(), nullable=True),
            sa.Column("last", sa.Date(), nullable=True),
            sa.Column("seq", sa.Integer(), nullable=False),
            sa.Column("n", sa.Integer(), nullable=False),
            sa.Column("n_articles", sa.Integer(), nullable=False),
            sa.Column("independent_outlets", sa.Integer(), nullable=False),
            sa.Column("terms", sa.LargeBinary(), nullable=False),
            sa.Column("ents", sa.LargeBinary(), nullable=False),
            sa.Column("indexed", sa.LargeBinary(), nullable=False),
            sa.Column("emb", sa.LargeBinary(), nullable=True),
            sa.Column("names", sa.JSON(), nullable=False),
            sa.Column("summary", sa.JSON(), nullable=False),
        )
        op.create_index("ix_link_stories_last", "link_stories", ["last"])
        op.create_index("ix_link_stories_seq", "link_stories", ["seq"])
    if "link_articles" not in existing:
        op.create_table(
            "link_articles",
            # no foreign key to articles: the linker also runs on corpora kept elsewhere
            sa.Column("article_id", sa.Integer(), primary_key=True, autoincrement=False),
            sa.Column("story_id", sa.Integer(), nullable=False),
            sa.Column("duplicate_of", sa.Integer(), nullable=True),
            sa.Column("similarity", sa.Float(), nullable=False),
            sa.Column("published", sa.Date(), nullable=True),
            sa.Column("outlet", sa.Text(), nullable=True),
            sa.Column("seq", sa.Integer(), nullable=False),
            sa.Column("signature", sa.LargeBinary(), nullable=True),
            sa.Column("cues", sa.JSON(), nullable=False),
            sa.Column("entities", sa.JSON(), nullable=False),
        )
        op.create_index("ix_link_articles_story_id", "link_articles", ["story_id"])
    if "link_postings" not in existing:
        op.create_table(
            "link_postings",
            sa.Column("feature", sa.Integer(), primary_key=True, autoincrement=False),
            sa.Column("story_id", sa.Integer(), primary_key=True, autoincrement=False),
            sa.Column("seq", sa.Integer(), nullable=False),
        )
        op.create_index("ix_link_postings_feature_seq", "link_postings", ["feature", "seq"])
        op.create_index("ix_link_postings_story_id", "link_postings", ["story_id"])
    if "link_bands" not in existing:
        op.create_table(
            "link_bands",
            sa.Column("band_key", sa.BigInteger(), primary_key=True, autoincrement=False),
            sa.Column("article_id", sa.Integer(), primary_key=True, autoincrement=False),
        )
    if "link_meta" not in existing:
        op.create_table(
            "link_meta",
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("value", sa.LargeBinary(), nullable=False),
        )


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)  # their indexes go with them
