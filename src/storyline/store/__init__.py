"""The store: cleaned articles beside their raw bytes, analysis facts, link state.

SQLite file by default (WAL mode, retries on a busy database), PostgreSQL by URL.
"""

from __future__ import annotations

import datetime as dt
import importlib
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from storyline.model import (
    Article,
    ArticleFacts,
    IngestError,
    RawDoc,
    article_from_json,
    facts_from_json,
    publication_key,
    to_jsonable,
)
from storyline.store.engine import DEFAULT_DB, db_url, make_engine
from storyline.store.migrate import upgrade
from storyline.store.schema import ArticleRow, Base, FactsRow

__all__ = ["DEFAULT_DB", "Store", "db_url", "make_engine"]

_RETRYABLE = ("locked", "busy", "deadlock detected", "could not serialize")
T = TypeVar("T")


class Store:
    def __init__(self, db: str | None = None, create: bool = True) -> None:
        self.url = db_url(db)
        self.engine = make_engine(self.url)
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        if create:
            self.migrate()

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def migrate(self) -> None:
        upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def _retry(self, fn, attempts: int = 8):  # type: ignore[no-untyped-def]
        """Retry a transaction when the database is busy (concurrent SQLite writers) or PostgreSQL
        aborted it to break a deadlock between concurrent writers."""
        for i in range(attempts):
            try:
                return fn()
            except OperationalError as e:
                msg = str(e).lower()
                if not any(w in msg for w in _RETRYABLE) or i == attempts - 1:
                    raise
                time.sleep(0.05 * 2**i)
        raise RuntimeError("unreachable")

    # ---------------------------------------------------------------- articles

    def add_batch(self, items: Iterable[tuple[RawDoc, Article]]) -> list[tuple[int, bool]]:
        """Store (raw, article) pairs in one transaction; returns (id, is_new) each.

        Duplicates by raw content hash are not stored again, also when another process inserts the
        same article concurrently.
        """
        items = list(items)

        def tx() -> list[tuple[int, bool]]:
            out: list[tuple[int, bool]] = []
            with self.Session() as s, s.begin():
                hashes = [a.content_hash for _, a in items]
                rows = s.execute(
                    select(ArticleRow.content_hash, ArticleRow.id).where(ArticleRow.content_hash.in_(hashes))
                )
                known = {h: i for h, i in rows}
                for raw, art in items:
                    if art.content_hash in known:
                        out.append((known[art.content_hash], False))
                        continue
                    row = _row(raw, art)
                    try:
                        with s.begin_nested():
                            s.add(row)
                            s.flush()
                    except IntegrityError:
                        existing = s.scalar(
                            select(ArticleRow.id).where(ArticleRow.content_hash == art.content_hash)
                        )
                        out.append((int(existing), False))  # type: ignore[arg-type]
                        continue
                    art.id = row.id
                    row.article = to_jsonable(art)
                    known[art.content_hash] = row.id
                    out.append((row.id, True))
            return out

        return self._retry(tx)

    def add_each(self, items: list[tuple[RawDoc, Article]]) -> list[tuple[int, bool] | IngestError]:
        """``add_batch``, except that an article the database rejects costs only itself: the batch is then
        stored one by one and the rejected ones come back as IngestErrors. A database that is unusable
        as a whole (disk, locks) still raises."""
        try:
            return list(self.add_batch(items))
        except OperationalError:
            raise
        except Exception:
            out: list[tuple[int, bool] | IngestError] = []
            for raw, art in items:
                try:
                    out.append(self.add(raw, art))
                except OperationalError:
                    raise
                except Exception as e:
                    out.append(IngestError(raw.source, f"cannot store: {type(e).__name__}: {e}"))
            return out

    def add(self, raw: RawDoc, art: Article) -> tuple[int, bool]:
        return self.add_batch([(raw, art)])[0]

    def has_hash(self, h: str) -> int | None:
        with self.Session() as s:
            return s.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == h))

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        hs = list(hashes)
        out: set[str] = set()
        with self.Session() as s:
            for i in range(0, len(hs), 500):
                out.update(
                    s.scalars(
                        select(ArticleRow.content_hash).where(ArticleRow.content_hash.in_(hs[i : i + 500]))
                    )
                )
        return out

    def get_article(self, aid: int) -> Article | None:
        with self.Session() as s:
            row = s.get(ArticleRow, aid)
            return _article(row) if row else None

    def get_raw(self, aid: int) -> tuple[str, str, bytes] | None:
        """(source, origin, raw bytes) of an article."""
        with self.Session() as s:
            row = s.get(ArticleRow, aid)
            return (row.source, row.origin, row.raw) if row else None

    def count(self) -> int:
        with self.Session() as s:
            return int(s.scalar(select(func.count(ArticleRow.id))) or 0)

    def article_ids(self) -> list[int]:
        with self.Session() as s:
            return list(s.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))

    def in_publication_order(self, ids: Iterable[int], chunk: int = 5000) -> list[int]:
        """``ids`` ordered by publication date (then id); undated articles last, in id order."""
        wanted = sorted(set(ids))
        dates: dict[int, dt.date | None] = {}
        for i in range(0, len(wanted), chunk):
            with self.Session() as s:
                part = wanted[i : i + chunk]
                rows = s.execute(select(ArticleRow.id, ArticleRow.published).where(ArticleRow.id.in_(part)))
                dates.update((aid, pub) for aid, pub in rows)
        return sorted(wanted, key=lambda a: publication_key(dates.get(a), a))

    def iter_articles(self, ids: Iterable[int] | None = None, chunk: int = 500) -> Iterator[Article]:
        all_ids = list(ids) if ids is not None else self.article_ids()
        for i in range(0, len(all_ids), chunk):
            part = all_ids[i : i + chunk]
            with self.Session() as s:
                rows = {r.id: r for r in s.scalars(select(ArticleRow).where(ArticleRow.id.in_(part)))}
            for aid in part:
                if aid in rows:
                    yield _article(rows[aid])

    # ---------------------------------------------------------------- facts

    def save_facts(self, pairs: Iterable[tuple[int, ArticleFacts]], version: int = 1) -> None:
        pairs = list(pairs)

        rows = []
        for aid, facts in pairs:
            facts.article_id = aid
            rows.append({"article_id": aid, "version": version, "facts": to_jsonable(facts)})
        if not rows:
            return
        dialect = self.engine.dialect.name

        def tx() -> None:
            with self.Session() as s, s.begin():
                if dialect in ("sqlite", "postgresql"):
                    # An upsert: two processes analysing the same article must not collide on its key.
                    ins = importlib.import_module(f"sqlalchemy.dialects.{dialect}").insert(FactsRow)
                    s.execute(
                        ins.on_conflict_do_update(
                            index_elements=["article_id"],
                            set_={"version": ins.excluded.version, "facts": ins.excluded.facts},
                        ),
                        rows,
                    )
                else:
                    for r in rows:
                        s.merge(FactsRow(**r))

        self._retry(tx)

    def get_facts(self, aid: int) -> ArticleFacts | None:
        with self.Session() as s:
            row = s.get(FactsRow, aid)
            return facts_from_json(row.facts) if row else None

    def get_facts_many(self, ids: Iterable[int], chunk: int = 500) -> dict[int, ArticleFacts]:
        """Facts of many articles in a few queries (those analysed; article id -> facts)."""
        wanted = sorted(set(ids))
        out: dict[int, ArticleFacts] = {}
        for i in range(0, len(wanted), chunk):
            with self.Session() as s:
                for row in s.scalars(select(FactsRow).where(FactsRow.article_id.in_(wanted[i : i + chunk]))):
                    f = facts_from_json(row.facts)
                    f.article_id = row.article_id
                    out[row.article_id] = f
        return out

    def ids_without_facts(self) -> list[int]:
        with self.Session() as s:
            q = select(ArticleRow.id).outerjoin(FactsRow, FactsRow.article_id == ArticleRow.id)
            return list(s.scalars(q.where(FactsRow.article_id.is_(None)).order_by(ArticleRow.id)))

    def session(self) -> Session:
        return self.Session()


def _row(raw: RawDoc, art: Article) -> ArticleRow:
    return ArticleRow(
        content_hash=art.content_hash,
        source=raw.source,
        origin=raw.origin,
        kind=raw.kind,
        raw=raw.data,
        url=art.url,
        title=art.title,
        outlet=art.outlet,
        published=art.published,
        language=art.language,
        language_confidence=art.language_confidence if art.language else None,
        article=to_jsonable(art),
    )


def _article(row: ArticleRow) -> Article:
    art = article_from_json(row.article)
    art.id = row.id
    return art


__all__ = ["Store", "Base", "db_url", "make_engine", "DEFAULT_DB"]
