"""Orchestration: the one place where the stages run in order over a batch.

read (ingest) -> clean -> store -> analyse -> link -> compare. ``storyline ingest``, ``run``, ``watch``,
``poll``, the Dask runner, the benches and the web app all go through ``Pipeline``; its options are one
``PipelineSettings`` record.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.analyse import Analyser
from storyline.clean import clean_one
from storyline.compare import compare_story
from storyline.model import (
    Article,
    ArticleFacts,
    IngestError,
    IngestReport,
    RawDoc,
    Story,
    StoryReport,
    publication_key,
)
from storyline.store import Store
from storyline.store.migrate import exclusive
from storyline.store.stories import get_stories, link_articles, story_of

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["Corpus", "IngestReport", "Pipeline", "PipelineSettings", "Progress", "print_error", "printable"]

# Progress callback: (stage, done, total or None when unknown).
Progress = Callable[[str, int, int | None], None]


@dataclass(frozen=True, slots=True)
class PipelineSettings:
    """How a batch runs. The defaults are what the CLI uses."""

    # Processes for the analysis stage; None picks 2 for a backlog of AUTO_WORKERS_FROM articles or more
    # (spaCy in two processes: 10.3 -> 19.5 articles/s on the 2-core machine, bench/bench_analyse.py).
    workers: int | None = None
    auto_workers_from: int = 200
    # Articles analysed per step (progress granularity and memory; results do not depend on it).
    chunk: int = 64
    # Articles per store transaction, and raw bytes: 100 articles of 20 MB each would hold GBs in memory.
    batch: int = 100
    batch_bytes: int = 32 * 1024 * 1024
    # Articles linked per call: each call loads and saves the live part of the link index.
    link_chunk: int = 500
    analyse: bool = True
    link: bool = True
    # Run clean/analyse on this Dask cluster (``storyline ingest --dask``); linking stays here.
    dask: Client | None = None


@dataclass(slots=True)
class Corpus:
    """Stories with their articles and facts, as the compare stage needs them (loaded in bulk)."""

    articles: dict[int, Article] = field(default_factory=dict)
    facts: dict[int, ArticleFacts] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)

    def story_of(self, article_id: int) -> Story | None:
        return next((s for s in self.stories if article_id in s.article_ids), None)


class Pipeline:
    """The stages over one store. ``ingest`` runs read -> link for a batch; ``run`` adds compare."""

    def __init__(self, store: Store, settings: PipelineSettings | None = None) -> None:
        self.store = store
        self.settings = settings or PipelineSettings()

    # ------------------------------------------------------------ read -> clean -> store

    def store_docs(
        self,
        docs: Iterable[RawDoc | IngestError],
        on_error: Callable[[IngestError], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Clean and store documents in batches (one transaction each); re-ingesting adds nothing."""
        store, cfg = self.store, self.settings
        rep = IngestReport()
        pending: list[tuple[RawDoc, Article]] = []
        pending_bytes = 0

        def err(e: IngestError) -> None:
            rep.errors.append(e)
            if on_error:
                on_error(e)

        def flush() -> None:
            nonlocal pending_bytes
            if not pending:
                return
            for res in store.add_each(pending):
                if isinstance(res, IngestError):
                    err(res)
                else:
                    (rep.stored if res[1] else rep.existing).append(res[0])
            pending.clear()
            pending_bytes = 0

        for doc in docs:
            rep.seen += 1
            if on_progress:
                on_progress(rep.seen)
            if isinstance(doc, IngestError):
                err(doc)
                continue
            known = store.has_hash(doc.hash)
            if known is not None:
                rep.existing.append(known)
                continue
            res = clean_one(doc)
            if isinstance(res, IngestError):
                err(res)
                continue
            pending.append((doc, res))
            pending_bytes += len(doc.data)
            if len(pending) >= cfg.batch or pending_bytes >= cfg.batch_bytes:
                flush()
        flush()
        return rep

    # ------------------------------------------------------------ analyse, link

    def analyse(
        self, ids: Iterable[int] | None = None, on_progress: Callable[[int, int], None] | None = None
    ) -> int:
        """Analyse stored articles that have no facts yet (all, or those among ``ids``); returns how many.

        ``on_progress(done, total)`` is called after each chunk.
        """
        cfg = self.settings
        todo = self.store.ids_without_facts()
        if ids is not None:
            wanted = set(ids)
            todo = [i for i in todo if i in wanted]
        n_process = cfg.workers or (2 if len(todo) >= cfg.auto_workers_from else 1)
        done = 0
        with Analyser(n_process) as analyser:  # worker processes start once for the whole backlog
            for i in range(0, len(todo), cfg.chunk):
                arts = list(self.store.iter_articles(todo[i : i + cfg.chunk]))
                facts = analyser.analyse(arts)
                self.store.save_facts(
                    [(a.id, f) for a, f in zip(arts, facts, strict=True) if a.id is not None]
                )
                done += len(arts)
                if on_progress:
                    on_progress(done, len(todo))
        return done

    def link(self, ids: Iterable[int]) -> int:
        """Link stored articles into stories, oldest first (incremental: already linked ones are skipped)."""
        store = self.store
        # streaming clustering reads a batch as a stream: in the order things were published, not the
        # order files were listed (a follow-up met before its story's first report would start its own)
        ordered = store.in_publication_order(ids)
        step = self.settings.link_chunk
        with exclusive(store.engine, "link"):  # the story index is shared state: one linker at a time
            for i in range(0, len(ordered), step):
                part = ordered[i : i + step]
                arts = list(store.iter_articles(part))
                facts = store.get_facts_many(part)
                link_articles(
                    store.engine, arts, [facts.get(a.id) if a.id is not None else None for a in arts]
                )
        return len(ordered)

    def link_processed(self, articles: list[Article], facts: list[ArticleFacts | None]) -> None:
        """Link articles whose facts are in hand (the Dask runner's), oldest first."""
        pairs = sorted(
            zip(articles, facts, strict=True), key=lambda p: publication_key(p[0].published, p[0].id)
        )
        with exclusive(self.store.engine, "link"):
            link_articles(self.store.engine, [a for a, _ in pairs], [f for _, f in pairs])

    # ------------------------------------------------------------ the batch

    def ingest(
        self,
        docs: Iterable[RawDoc | IngestError],
        on_error: Callable[[IngestError], None] | None = None,
        progress: Progress | None = None,
        analyse_all: bool = False,
    ) -> IngestReport:
        """read -> clean -> store -> analyse -> link for a batch (analysis and linking per the settings).

        New and already stored inputs are analysed if they have no facts yet (with ``analyse_all``, every
        stored article without facts); new ones are linked.
        """
        cfg = self.settings

        def step(stage: str) -> Callable[[int, int], None] | None:
            if progress is None:
                return None
            return lambda done, total: progress(stage, done, total)

        if cfg.dask is not None:
            rep = self._ingest_dask(docs, on_error, progress)
        else:
            rep = self.store_docs(
                docs, on_error, (lambda n: progress("ingest", n, None)) if progress else None
            )
        if progress:
            progress("ingest", rep.seen, rep.seen)
        if cfg.analyse and cfg.dask is None:
            rep.analysed += self.analyse(None if analyse_all else rep.ids, on_progress=step("analyse"))
        if cfg.link and rep.ids:
            self.link(rep.ids)  # articles already linked (by the Dask runner, or earlier) are skipped
            if progress:
                progress("link", 1, 1)
        return rep

    def _ingest_dask(
        self,
        docs: Iterable[RawDoc | IngestError],
        on_error: Callable[[IngestError], None] | None,
        progress: Progress | None,
    ) -> IngestReport:
        # deferred: dask is an optional extra (storyline[dask])
        from storyline.distributed import Stages, ingest_dask

        cfg = self.settings

        def link(_store: Store, items: list) -> None:  # type: ignore[type-arg]
            done = [p for p in items if p.article is not None and p.article.id is not None]
            self.link_processed([p.article for p in done], [p.facts for p in done])

        return ingest_dask(
            self.store,
            docs,
            cfg.dask,
            stages=Stages(analyse=cfg.analyse),
            batch=cfg.batch,
            batch_bytes=cfg.batch_bytes,
            link_every=cfg.link_chunk,
            link=link if cfg.link else None,
            on_error=on_error,
            on_progress=(lambda n: progress("ingest", n, None)) if progress else None,
        )

    # ------------------------------------------------------------ stories, compare

    def stories(self, article_ids: Iterable[int]) -> list[Story]:
        """The stories (in full) holding the given stored articles."""
        with self.store.session() as s:
            story_ids = sorted(set(story_of(s, article_ids).values()))
        return get_stories(self.store.engine, story_ids)

    def corpus(self, stories: list[Story]) -> Corpus:
        """The articles and facts of ``stories``, read in bulk."""
        corpus = Corpus(stories=stories)
        ids = sorted({a for st in stories for a in st.article_ids})
        for a in self.store.iter_articles(ids):
            if a.id is not None:
                corpus.articles[a.id] = a
        corpus.facts = self.store.get_facts_many(ids)
        return corpus

    def compare(self, story: Story, corpus: Corpus | None = None) -> StoryReport:
        """The comparison of one story (its articles and facts read from the store unless given)."""
        corpus = corpus or self.corpus([story])
        arts = {i: corpus.articles[i] for i in story.article_ids if i in corpus.articles}
        facts = {i: corpus.facts[i] for i in story.article_ids if i in corpus.facts}
        return compare_story(story, arts, facts)


# File names, URLs and redirect targets come from outside: control characters in them could move the
# cursor, recolour or clear the user's terminal, or forge extra error lines.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(s: str) -> str:
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


def print_error(e: IngestError) -> None:
    print(f"error: {printable(e.source)}: {printable(e.reason)}", file=sys.stderr)
