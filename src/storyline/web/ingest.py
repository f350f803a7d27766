"""Adding articles from the web API through the same pipeline as the CLI (clean, store, analyse, link)."""

from __future__ import annotations

from collections.abc import Iterable

from storyline.model import IngestError, RawDoc
from storyline.store import Store


def run_pipeline(store: Store, docs: Iterable[RawDoc | IngestError]) -> tuple[list[int], list[int], list[IngestError]]:
    """(new ids, already stored ids, errors) after cleaning, storing, analysing and linking ``docs``."""
    try:
        from storyline.pipeline import Pipeline, PipelineSettings  # type: ignore[attr-defined]
    except ImportError:  # the staged functions, before the Pipeline class
        return _staged(store, docs)
    rep = Pipeline(store, PipelineSettings()).ingest(list(docs))
    return list(rep.stored), list(rep.existing), list(rep.errors)


def _staged(store: Store, docs: Iterable[RawDoc | IngestError]) -> tuple[list[int], list[int], list[IngestError]]:
    from storyline.pipeline import analyse_pending, ingest
    from storyline.store.migrate import exclusive
    from storyline.store.stories import link_articles

    rep = ingest(store, docs)
    if rep.stored:
        analyse_pending(store, rep.stored)
        ids = store.in_publication_order(rep.stored)
        with exclusive(store.engine, "link"):
            arts = list(store.iter_articles(ids))
            link_articles(store.engine, arts, [store.get_facts(a.id) for a in arts if a.id is not None])
    return rep.stored, rep.existing, rep.errors
