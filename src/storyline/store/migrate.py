"""Schema creation/upgrade. Creates the tables every stage registered on the shared metadata."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from storyline.store.schema import Base


def _register_models() -> None:
    # Stages that persist put their tables on Base; importing them registers the tables.
    import importlib

    for mod in ("storyline.store.stories",):
        try:
            importlib.import_module(mod)
        except ImportError:
            pass


def upgrade(engine: Engine) -> None:
    _register_models()
    Base.metadata.create_all(engine)
