"""Database URLs and engines: SQLite files (WAL, explicit transactions, busy retries) or PostgreSQL."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

DEFAULT_DB = "storyline.db"


def db_url(db: str | None) -> str:
    """A SQLAlchemy URL from --db: a URL as is, anything else is a SQLite file path."""
    db = db or DEFAULT_DB
    if "://" in db:
        # psycopg 3 is the PostgreSQL driver: a plain postgresql:// URL means it too
        for plain in ("postgresql://", "postgres://"):
            if db.startswith(plain):
                return "postgresql+psycopg://" + db[len(plain) :]
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _wal(cur) -> None:  # type: ignore[no-untyped-def]
    """Switch a SQLite database to WAL once; processes opening a new file together may collide here,
    and the switch does not wait on the busy timeout, so retry for a while."""
    for i in range(60):
        try:
            if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e).lower() and "busy" not in str(e).lower():
                raise
            time.sleep(min(0.05 * (i + 1), 0.5))
    cur.execute("PRAGMA journal_mode=WAL")


def make_engine(url: str, begin: str = "BEGIN") -> Engine:
    """An engine; on SQLite every transaction is opened explicitly with ``begin``.

    pysqlite starts transactions lazily and not before a SAVEPOINT, so without this the first
    savepoint of a batch would commit on its own and a crash could leave half a batch.
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _rec):  # type: ignore[no-untyped-def]
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA busy_timeout=30000")
            _wal(cur)
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):  # type: ignore[no-untyped-def]
            conn.exec_driver_sql(begin)

        return engine
    return create_engine(url, pool_pre_ping=True)
