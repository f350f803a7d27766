"""The store on both backends: Alembic migrations, adoption of pre-Alembic stores, concurrent writers.

Every test here takes the ``db`` fixture, so it runs on SQLite and on the PostgreSQL server the test
session starts (tests/pg.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select

from storyline.model import Article, RawDoc, content_hash
from storyline.store import Store, db_url, make_engine, migrate
from storyline.store.schema import ArticleRow, Base, FactsRow
from storyline.testing.synth import generate


def test_db_url_picks_psycopg_driver() -> None:
    assert db_url("postgresql://ann@db.example:5433/news") == "postgresql+psycopg://ann@db.example:5433/news"
    assert db_url("postgres://ann@db.example/news") == "postgresql+psycopg://ann@db.example/news"
    assert db_url("postgresql+psycopg://ann@h/n") == "postgresql+psycopg://ann@h/n"
    assert db_url("sqlite:///x.db") == "sqlite:///x.db"
    assert db_url("some/dir/s.db").startswith("sqlite:////") and db_url("some/dir/s.db").endswith(
        "/some/dir/s.db"
    )


def test_migrations_build_the_declared_schema(db: str) -> None:
    """The revisions alone (no create_all) give exactly the tables and columns the models declare."""
    engine = make_engine(db_url(db))
    try:
        migrate.register_models()
        migrate.upgrade(engine, migrate.head())  # an explicit revision: no create_all safety net
        with engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
            ctx = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": migrate.is_modelled}
            )
            diff = compare_metadata(ctx, Base.metadata)
        assert diff == [], f"models and migrations differ: write a revision for {diff}"
        # And back down to nothing, then up again: downgrades work too.
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        Store(db).close()
        with engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
    finally:
        engine.dispose()


def test_store_made_before_alembic_is_adopted(db: str) -> None:
    """A store whose tables were made by create_all (no alembic_version) is stamped and upgraded, data kept."""
    engine = make_engine(db_url(db))
    Base.metadata.create_all(engine, tables=[ArticleRow.__table__, FactsRow.__table__])
    with engine.begin() as conn:
        conn.execute(
            ArticleRow.__table__.insert().values(
                content_hash="a" * 64,
                source="old.txt",
                origin="file",
                kind="text",
                raw=b"x",
                article={"source": "old.txt", "content_hash": "a" * 64},
            )
        )
    engine.dispose()
    store = Store(db)
    try:
        assert store.count() == 1
        assert "feed_state" in inspect(store.engine).get_table_names()
        with store.engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
    finally:
        store.close()


def _pair(i: int) -> tuple[RawDoc, Article]:
    text = f"Harbour pilots in Quillon counted {i} tugs on the morning shift."
    raw = RawDoc(source=f"p{i}.txt", kind="text", data=text.encode())
    return raw, Article(source=raw.source, content_hash=raw.hash, paragraphs=[text], title=f"Tugs {i}")


def _records(n: int) -> list[str]:
    out = []
    for s in generate(n, seed=7):
        a = s.article
        out.append(
            json.dumps(
                {
                    "title": a.title,
                    "outlet": a.outlet,
                    "text": a.text,
                    "published": a.published.isoformat() if a.published else None,
                }
            )
        )
    return out


def _race(tmp_path: Path, db: str, recs: list[str], *extra: str) -> list[bytes]:
    """Run two `storyline ingest` processes at once on the same records (the second in reverse order,
    for maximal contention); returns their outputs."""
    fwd, rev = tmp_path / "fwd.jsonl", tmp_path / "rev.jsonl"
    fwd.write_text("\n".join(recs) + "\n")
    rev.write_text("\n".join(reversed(recs)) + "\n")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "storyline.cli", "ingest", str(p), "--db", db, *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for p in (fwd, rev)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err.decode()[-3000:]
    return [out for out, _ in outs]


def test_two_ingest_processes_lose_nothing_and_duplicate_nothing(tmp_path: Path, db: str) -> None:
    """Started together on a fresh store, so the processes also race to create the schema."""
    recs = _records(400)
    hashes = {content_hash(json.loads(r)["text"]) for r in recs}  # syndicated copies may share a body
    n = len(hashes)
    outs = _race(tmp_path, db, recs, "--no-analyse")
    store = Store(db)
    try:
        assert store.count() == n
        with store.session() as s:
            assert s.scalar(select(func.count(func.distinct(ArticleRow.content_hash)))) == n
        # Every article was stored by exactly one of the two processes.
        new = [int(out.split(b" new,")[0].split()[-1]) for out in outs]
        existing = [int(out.split(b" already stored")[0].split()[-1]) for out in outs]
        assert sum(new) == n and all(a + b == len(recs) for a, b in zip(new, existing, strict=True))
        assert {a.content_hash for a in store.iter_articles()} == hashes
    finally:
        store.close()


_SAVE_FACTS = """
import sys
from storyline.model import ArticleFacts, Sentence
from storyline.store import Store
store = Store(sys.argv[1])
for aid in store.article_ids():
    store.save_facts([(aid, ArticleFacts(None, sentences=[Sentence(0, 0, 6, sys.argv[2])]))])
"""


def test_two_processes_saving_facts_for_the_same_articles(db: str) -> None:
    """Both analysed the same articles: each article ends with one facts record, from one of them."""
    store = Store(db)
    try:
        ids = [aid for aid, _ in store.add_batch(_pair(i) for i in range(120))]
        procs = [
            subprocess.Popen([sys.executable, "-c", _SAVE_FACTS, db, who], stderr=subprocess.PIPE)
            for who in ("first.", "second")
        ]
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err.decode()[-3000:]
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(FactsRow)) == len(ids)
        for aid in ids:
            facts = store.get_facts(aid)
            assert facts is not None and facts.article_id == aid
            assert [x.text for x in facts.sentences] in (["first."], ["second"])
    finally:
        store.close()


_LINK_HALF = """
import sys
from storyline.store import Store
from storyline.pipeline import Pipeline
store = Store(sys.argv[1])
mine = store.article_ids()[int(sys.argv[2])::2]
for i in range(0, len(mine), 8):
    Pipeline(store).link(mine[i:i + 8])
"""


def test_two_processes_linking_into_the_same_stories(db: str) -> None:
    """The link index is read, updated and written back whole: linkers in two processes take turns,
    so every article counts in it once (without the lock, one process's updates were lost)."""
    from storyline.store.stories import list_stories, load_linker

    store = Store(db)
    try:
        pairs = []
        for s in generate(120, seed=5):
            a = s.article
            raw = RawDoc(source=a.source, kind="text", data=f"{a.title}\n\n{a.text}".encode())
            a.id, a.content_hash = None, raw.hash
            pairs.append((raw, a))
        store.add_batch(pairs)
        n = store.count()
        procs = [
            subprocess.Popen([sys.executable, "-c", _LINK_HALF, db, half], stderr=subprocess.PIPE)
            for half in ("0", "1")
        ]
        for p in procs:
            _, err = p.communicate(timeout=300)
            assert p.returncode == 0, err.decode()[-3000:]
        with store.session() as s:
            assert load_linker(s).seq == n  # articles the linker has taken in, over all processes
        linked = [i for st in list_stories(store.engine, limit=None) for i in st.article_ids]
        assert sorted(linked) == store.article_ids()
    finally:
        store.close()
