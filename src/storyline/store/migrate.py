"""Schema creation and upgrade with Alembic (revisions in store/migrations/versions).

``upgrade(engine)`` is what the store runs on open. It holds a database-wide lock for the whole
upgrade (PostgreSQL: a transaction-scoped advisory lock; SQLite: BEGIN IMMEDIATE with the DDL in the
same transaction), so processes opening a fresh store at the same moment migrate it exactly once.
"""

from __future__ import annotations

import contextlib
import importlib
import zlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from storyline.store.engine import make_engine
from storyline.store.schema import Base

HERE = Path(__file__).resolve().parent
MIGRATIONS = HERE / "migrations"
ALEMBIC_INI = HERE / "alembic.ini"
# Modules that put their tables on Base; importing them registers the tables.
MODEL_MODULES = ("storyline.store.stories", "storyline.store.feeds", "storyline.store.reports")
# Full-text index tables (store.search) are made by raw DDL in migration 0006 (an FTS5 virtual table and
# its shadow tables; a tsvector table): no model declares them, so schema comparisons leave them out.
INDEX_TABLE_PREFIXES = ("article_fts", "article_search")


def is_modelled(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic ``include_object`` hook: False for the full-text index tables and their indexes."""
    table = getattr(getattr(obj, "table", None), "name", None) if type_ != "table" else name
    return not (table or "").startswith(INDEX_TABLE_PREFIXES)


# Stores made before Alembic managed the schema hold exactly these tables: adopt them at this revision.
BASELINE = ("0001", {"articles", "facts"})
_PG_LOCK = 0x5709_11E5  # advisory lock key of schema upgrades


def register_models() -> None:
    for mod in MODEL_MODULES:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise


def alembic_config() -> Config:
    cfg = Config(str(ALEMBIC_INI))
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@lru_cache(maxsize=1)
def head() -> str:
    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _locked_engine(engine: Engine) -> Engine:
    """An engine whose transactions take the database lock first (SQLite), or the engine itself."""
    if engine.dialect.name != "sqlite":
        return engine

    db = engine.url.database
    if db and db != ":memory:" and not db.startswith("file:"):
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    # BEGIN IMMEDIATE waits (busy timeout) for the write lock before reading the schema version.
    return make_engine(engine.url.render_as_string(hide_password=False), begin="BEGIN IMMEDIATE")


def up_to_date(engine: Engine) -> bool:
    """True when the schema is at the newest revision and has every registered table (no lock taken)."""
    register_models()
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version") or current(conn) != head():
            return False
        return set(Base.metadata.tables) <= set(inspect(conn).get_table_names())


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the store's schema to ``revision`` (default: the newest), once, under a lock.

    Opening an up-to-date store only reads the version: readers never wait for a writer's lock.
    """
    register_models()
    if revision == "head" and up_to_date(engine):
        return
    cfg = alembic_config()
    locked = _locked_engine(engine)
    try:
        with locked.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")
            cfg.attributes["connection"] = conn
            tables = set(inspect(conn).get_table_names())
            if "alembic_version" not in tables and BASELINE[1] <= tables:
                command.stamp(cfg, BASELINE[0])
            command.upgrade(cfg, revision)
            if revision == "head":
                # Tables a stage registered on Base before its revision was written: create them so the
                # stage works; tests/test_postgres_store.py fails until a revision covers them.
                Base.metadata.create_all(conn)
    finally:
        if locked is not engine:
            locked.dispose()


@contextlib.contextmanager
def exclusive(engine: Engine, name: str) -> Iterator[None]:
    """A lock called ``name`` held across every process using this database, for work that reads,
    updates and writes back shared state as a whole (the link stage's index): without it, two
    processes would each write back their own copy and one's updates would be lost.

    PostgreSQL: a session-level advisory lock. SQLite: an exclusive lock on ``<db file>.<name>.lock``
    (a lock inside the database would block the holder's own writes). Both go with the process.
    """
    if engine.dialect.name == "postgresql":
        key = zlib.crc32(f"storyline:{name}".encode()) & 0x7FFF_FFFF
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
        return
    db = engine.url.database if engine.dialect.name == "sqlite" else None
    try:
        import fcntl  # POSIX only: imported where the lock is taken, so the store still opens elsewhere
    except ImportError:  # not POSIX: no lock file; run one writer at a time
        fcntl = None  # type: ignore[assignment]
    if not db or db == ":memory:" or db.startswith("file:") or fcntl is None:
        yield
        return
    with open(f"{db}.{name}.lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
