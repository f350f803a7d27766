"""Linking articles: near-duplicates, streaming stories, events inside stories, canonical entities.

Entry points for the CLI and other stages (state lives in the store's database):

- ``link_articles(db, articles, facts=None)``: link new articles incrementally, return the touched stories;
- ``list_stories(db, ...)``: story summaries, newest first;
- ``get_story(db, story_id)``: one story in full (duplicate groups, inferred dates, events, entities).

``db`` is an SQLAlchemy ``Engine`` (committed here) or ``Session`` (the caller commits).
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    from storyline.link.cluster import LinkConfig
    from storyline.model import Article, ArticleFacts, Assignment, Story

__all__ = [
    "ClusterConfig",
    "DedupConfig",
    "LinkConfig",
    "StoryLinker",
    "find_duplicates",
    "get_story",
    "link_articles",
    "list_stories",
    "merge_entities",
    "resolve_times",
]

# Imported on first use, so that importing one submodule (e.g. link.dedup) stays light.
_LAZY = {
    "ClusterConfig": "storyline.link.cluster",
    "LinkConfig": "storyline.link.cluster",
    "StoryLinker": "storyline.link.cluster",
    "DedupConfig": "storyline.link.dedup",
    "find_duplicates": "storyline.link.dedup",
    "merge_entities": "storyline.link.aliases",
    "resolve_times": "storyline.link.events",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


log = logging.getLogger(__name__)


@contextmanager
def _session(db: Engine | Session) -> Iterator[Session]:
    from sqlalchemy.orm import Session

    if isinstance(db, Session):
        yield db
        return
    with Session(db) as s:
        yield s
        s.commit()


def link_articles(
    db: Engine | Session,
    articles: Sequence[Article],
    facts: Sequence[ArticleFacts | None] | None = None,
    config: LinkConfig | None = None,
    assignments: list[Assignment] | None = None,
    full: bool = False,
) -> list[Story]:
    """Link ``articles`` (stored, so with ids) into the stories kept in ``db``; return the touched stories.

    Articles already linked are skipped; an article without an id is logged and skipped. Earlier
    state is read through the store's indexes, never scanned (see ``storyline.store.stories``).
    The touched stories come back as summaries (like ``list_stories``), or in full (events,
    entities) with ``full=True``. ``assignments``, when given, receives one ``Assignment`` per
    newly linked article.
    """
    from storyline.store.stories import load_linker, save_linker, story_of, story_summaries

    facts = list(facts) if facts is not None else [None] * len(articles)
    if len(facts) != len(articles):
        raise ValueError(f"link_articles: {len(articles)} articles but {len(facts)} facts")
    todo = []
    for a, f in zip(articles, facts, strict=True):
        if a.id is None:
            log.warning("%s: not linked, the article has no id (store it first)", a.source)
            continue
        todo.append((a, f))
    with _session(db) as s:
        linker = load_linker(s, config)
        done = story_of(s, [a.id for a, _ in todo if a.id is not None])
        todo = [(a, f) for a, f in todo if a.id not in done]
        out = linker.add_many([a for a, _ in todo], [f for _, f in todo])
        if assignments is not None:
            assignments.extend(out)
        touched = sorted(linker.dirty_stories & set(linker.stories))
        stories = [linker.story(sid) for sid in touched] if full else []
        save_linker(s, linker)
        if not full:
            stories = sorted(story_summaries(s, limit=None, ids=touched), key=lambda st: st.id)
    return stories


def list_stories(
    db: Engine | Session,
    limit: int | None = 100,
    offset: int = 0,
    min_articles: int = 1,
    since: dt.date | None = None,
) -> list[Story]:
    """Story summaries, most recent first: id, label, article ids, span, outlets, independent outlets,
    duplicate groups (events and entities are left empty: see ``get_story``)."""
    from storyline.store.stories import create_tables, story_summaries

    with _session(db) as s:
        create_tables(s)
        return story_summaries(s, limit=limit, offset=offset, min_articles=min_articles, since=since)


def get_story(db: Engine | Session, story_id: int) -> Story | None:
    """One story in full, or None if there is no such story."""
    from storyline.store.stories import create_tables, load_story

    with _session(db) as s:
        create_tables(s)
        return load_story(s, story_id)
