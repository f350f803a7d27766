"""Alembic environment of the storyline store.

Programmatic runs (storyline.store.migrate.upgrade) hand over an open connection in
``config.attributes["connection"]``, already inside a locked transaction; the alembic command line
gets its database from ``-x db=...`` (a SQLite path or URL) or ``sqlalchemy.url`` in alembic.ini.
"""

from __future__ import annotations

import logging.config

from alembic import context
from sqlalchemy.engine import Connection

from storyline.store.engine import db_url, make_engine
from storyline.store.migrate import is_modelled, register_models
from storyline.store.schema import Base

config = context.config
register_models()
target_metadata = Base.metadata


def _url() -> str:
    return db_url(
        context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    )


def _run(conn: Connection) -> None:
    context.configure(
        connection=conn,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=conn.dialect.name == "sqlite",
        include_object=is_modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        _run(conn)
        return
    if config.config_file_name:  # command line: show what runs
        logging.config.fileConfig(config.config_file_name, disable_existing_loggers=False)
    engine = make_engine(_url())
    try:
        with engine.connect() as c:
            _run(c)
            c.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
