"""Full-text search over stored articles: SQLite FTS5 (``article_fts``), PostgreSQL ``tsvector``
(``article_search`` with a GIN index). Both tables are made by migration 0006.

Articles are only ever added, so the index catches up by id: ``sync`` indexes the articles above the
highest id it holds (the web app calls it before searching and in its background loop).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, text

from storyline.store import Store
from storyline.store.schema import ArticleRow
from storyline.store.stories import LinkArticleRow

# Snippet markers: control characters no cleaned text holds, swapped for <mark> after HTML escaping.
HIT_START, HIT_END = "\x02", "\x03"
_WORD_RE = re.compile(r"\w+", re.UNICODE)
SYNC_CHUNK = 500


@dataclass(slots=True)
class Hit:
    article_id: int
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str  # plain text with HIT_START/HIT_END around matched words
    story_id: int | None = None


def _terms(query: str) -> list[str]:
    return _WORD_RE.findall(query)[:20]


def sync(store: Store) -> int:
    """Index articles not yet indexed; returns how many were added."""
    dialect = store.engine.dialect.name
    table, key = ("article_fts", "rowid") if dialect == "sqlite" else ("article_search", "article_id")
    added = 0
    while True:
        with store.engine.connect() as conn:
            top = conn.execute(text(f"SELECT COALESCE(MAX({key}), 0) FROM {table}")).scalar() or 0
        with store.session() as s:
            rows = list(
                s.execute(
                    select(ArticleRow.id, ArticleRow.title, ArticleRow.article)
                    .where(ArticleRow.id > top)
                    .order_by(ArticleRow.id)
                    .limit(SYNC_CHUNK)
                )
            )
        if not rows:
            return added
        params = [
            {"id": aid, "title": title or "", "body": "\n\n".join((art or {}).get("paragraphs") or [])}
            for aid, title, art in rows
        ]
        if dialect == "sqlite":
            sql = "INSERT OR IGNORE INTO article_fts(rowid, title, body) VALUES (:id, :title, :body)"
        else:
            sql = (
                "INSERT INTO article_search(article_id, doc) VALUES (:id, "
                "setweight(to_tsvector('english', :title), 'A') || to_tsvector('english', :body)) "
                "ON CONFLICT (article_id) DO NOTHING"
            )

        def tx(sql: str = sql, params: list[dict[str, object]] = params) -> None:
            with store.engine.begin() as conn:
                conn.execute(text(sql), params)

        store._retry(tx)
        added += len(rows)


def search(store: Store, query: str, limit: int = 50, offset: int = 0) -> tuple[list[Hit], int]:
    """Articles matching every word of ``query``, best first, with their story; and the total count."""
    terms = _terms(query)
    if not terms:
        return [], 0
    if store.engine.dialect.name == "sqlite":
        match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        total_sql = "SELECT COUNT(*) FROM article_fts WHERE article_fts MATCH :q"
        sql = (
            "SELECT rowid, snippet(article_fts, 1, :a, :b, '…', 24) FROM article_fts "
            "WHERE article_fts MATCH :q ORDER BY bm25(article_fts, 5.0, 1.0) LIMIT :limit OFFSET :offset"
        )
        params: dict[str, object] = {
            "q": match,
            "a": HIT_START,
            "b": HIT_END,
            "limit": limit,
            "offset": offset,
        }
    else:
        match = " ".join(terms)
        total_sql = "SELECT COUNT(*) FROM article_search WHERE doc @@ plainto_tsquery('english', :q)"
        sql = (
            "SELECT s.article_id, ts_headline('english', a.article->>'title' || ' ' || "
            "COALESCE(array_to_string(ARRAY(SELECT json_array_elements_text(a.article->'paragraphs')), ' '), ''), "
            "plainto_tsquery('english', :q), :opts) "
            "FROM article_search s JOIN articles a ON a.id = s.article_id "
            "WHERE s.doc @@ plainto_tsquery('english', :q) "
            "ORDER BY ts_rank(s.doc, plainto_tsquery('english', :q)) DESC, s.article_id LIMIT :limit OFFSET :offset"
        )
        opts = f"StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=12"
        params = {"q": match, "opts": opts, "limit": limit, "offset": offset}
    with store.engine.connect() as conn:
        total = int(conn.execute(text(total_sql), {"q": match}).scalar() or 0)
        found = [(int(aid), str(snip or "")) for aid, snip in conn.execute(text(sql), params)]
    if not found:
        return [], total
    ids = [aid for aid, _ in found]
    with store.session() as s:
        meta = {
            aid: (title, outlet, pub.isoformat() if pub else None)
            for aid, title, outlet, pub in s.execute(
                select(ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published).where(
                    ArticleRow.id.in_(ids)
                )
            )
        }
        stories = {
            aid: sid
            for aid, sid in s.execute(
                select(LinkArticleRow.article_id, LinkArticleRow.story_id).where(
                    LinkArticleRow.article_id.in_(ids)
                )
            )
        }
    return [
        Hit(aid, *meta.get(aid, (None, None, None)), snippet=snip, story_id=stories.get(aid))
        for aid, snip in found
    ], total
