"""Batch runs on Dask: the per-article stages as dask.distributed tasks, the store written by the client.

``storyline ingest PATH... --dask local:N`` starts a LocalCluster of N single-threaded worker processes;
``--dask tcp://scheduler:8786`` uses a running cluster. Inputs are read on the client and sent in chunks
to the workers, which clean, analyse (spaCy) and, when the linker wants them, embed (MiniLM) each article
with models loaded once per worker process (``WarmModels``). The client takes results back in input
order, so article ids match a single-process run, and writes them in batches (``Store.add_batch`` and
``Store.save_facts``); linking stays on the client and incremental.

At most ``window`` chunks are in flight, so memory stays flat however many inputs there are.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storyline.model import Article, ArticleFacts, IngestError, RawDoc

if TYPE_CHECKING:
    import numpy as np
    from distributed import Client

    from storyline.pipeline import IngestReport
    from storyline.store import Store

CHUNK = 16  # articles per task: big enough for spaCy batching, small enough to balance 2 workers
BATCH = 100  # articles per store transaction
WORKER_STAGES = ("clean", "analyse", "embed")


# ---------------------------------------------------------------- records


@dataclass(slots=True)
class Stages:
    """Which per-article stages run (each is skipped when its module is not available)."""

    analyse: bool = True
    embed: bool = False  # only useful when the linker compares embeddings


@dataclass(slots=True)
class Processed:
    """One input after the per-article stages."""

    raw: RawDoc
    article: Article | None = None
    facts: ArticleFacts | None = None
    embedding: np.ndarray | None = None
    error: IngestError | None = None


@dataclass(slots=True)
class ChunkResult:
    items: list[Processed]
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> wall time on the worker
    worker: int = 0  # pid that did the work


@dataclass(slots=True)
class StageTimes:
    """Wall time per stage; worker stages are summed over workers (they overlap with the client's)."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, secs: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + secs

    @contextlib.contextmanager
    def time(self, stage: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.add(stage, time.perf_counter() - t0)

    def shares(self) -> dict[str, float]:
        total = sum(self.seconds.values()) or 1.0
        return {k: v / total for k, v in sorted(self.seconds.items(), key=lambda kv: -kv[1])}


# ---------------------------------------------------------------- per-article stages (run on workers)


def _analyser() -> Callable[[list[Article]], list[ArticleFacts]] | None:
    try:
        from storyline.analyse import analyse_many
    except ModuleNotFoundError:
        return None
    return analyse_many


def embed_texts(articles: list[Article], facts: list[ArticleFacts | None]) -> list[str]:
    """The text the linker embeds for each article (same function the linker uses)."""
    from storyline.link.features import extract

    return [extract(a, f).embed_text for a, f in zip(articles, facts, strict=True)]


def process_chunk(docs: list[RawDoc], stages: Stages) -> ChunkResult:
    """Clean, analyse and embed a chunk of inputs; one bad input never sinks the others."""
    from storyline.pipeline import clean_one

    res = ChunkResult([Processed(d) for d in docs], worker=os.getpid())
    t0 = time.perf_counter()
    for p in res.items:
        out = clean_one(p.raw)
        if isinstance(out, IngestError):
            p.error = out
        else:
            p.article = out
    res.seconds["clean"] = time.perf_counter() - t0
    ok = [p for p in res.items if p.article is not None]
    analyse = _analyser() if stages.analyse else None
    if ok and analyse is not None:
        t0 = time.perf_counter()
        try:
            for p, f in zip(ok, analyse([p.article for p in ok if p.article]), strict=True):
                p.facts = f
        except Exception as e:  # analysis failing as a whole (not one article) is reported per input
            for p in ok:
                p.error = IngestError(p.raw.source, f"internal error while analysing: {type(e).__name__}: {e}")
                p.article = None
            ok = []
        res.seconds["analyse"] = time.perf_counter() - t0
    if ok and stages.embed:
        from storyline.embed import encode

        t0 = time.perf_counter()
        vecs = encode(embed_texts([p.article for p in ok if p.article], [p.facts for p in ok]))
        for p, v in zip(ok, vecs, strict=True):
            p.embedding = v
        res.seconds["embed"] = time.perf_counter() - t0
    return res


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ModuleNotFoundError:  # dask is a dependency; this only keeps import errors readable
    WorkerPlugin = object  # type: ignore[assignment,misc]


class WarmModels(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the models once when a worker starts, so no task pays for it (and none loads twice)."""

    name = "storyline-models"

    def __init__(self, stages: Stages) -> None:
        self.stages = stages

    def setup(self, worker: Any) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        if self.stages.analyse and _analyser() is not None:
            from storyline.analyse import nlp

            nlp.get_nlp()
        if self.stages.embed:
            from storyline.embed import get_model

            get_model()


# ---------------------------------------------------------------- cluster


def parse_spec(spec: str) -> tuple[str, int | str]:
    """('local', n_workers) or ('remote', scheduler address) from --dask; ValueError says what is wrong."""
    s = spec.strip()
    if s == "local" or s.startswith("local:"):
        n = s.partition(":")[2] or str(min(os.cpu_count() or 2, 4))
        if not n.isdigit() or int(n) < 1:
            raise ValueError(f"--dask {spec!r}: expected local or local:N with N >= 1 workers")
        return "local", int(n)
    if "://" in s or (":" in s and s.rsplit(":", 1)[1].isdigit()):
        return "remote", s if "://" in s else f"tcp://{s}"
    raise ValueError(f"--dask {spec!r}: expected local, local:N or a scheduler address like tcp://host:8786")


@contextlib.contextmanager
def connect(spec: str, memory_limit: str = "auto") -> Iterator[Client]:
    """A Dask client for --dask SPEC; a local cluster lives as long as the client."""
    from distributed import Client, LocalCluster

    kind, arg = parse_spec(spec)
    if kind == "remote":
        with Client(str(arg), timeout="30s") as client:
            yield client
        return
    # One thread per worker process: spaCy and torch are not worth threading on a small box, and
    # processes sidestep the GIL for the pure-Python parts of cleaning and analysis.
    with LocalCluster(n_workers=int(arg), threads_per_worker=1, processes=True, memory_limit=memory_limit,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


# ---------------------------------------------------------------- the run


LinkFn = Callable[["Store", list[Article], list["ArticleFacts | None"], list["np.ndarray | None"]], None]


def ingest_dask(
    store: Store,
    docs: Iterable[RawDoc | IngestError],
    client: Client | None,
    *,
    stages: Stages | None = None,
    link: LinkFn | None = None,
    chunk: int = CHUNK,
    batch: int = BATCH,
    window: int | None = None,
    times: StageTimes | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Run the per-article stages on ``client``'s workers (in this process when ``client`` is None)
    and store the results in input order, ``batch`` articles per transaction."""
    from storyline.pipeline import IngestReport

    stages = stages or Stages()
    times = times if times is not None else StageTimes()
    rep = IngestReport()
    if client is not None:
        client.register_plugin(WarmModels(stages))
        window = window or 2 * max(1, len(client.scheduler_info().get("workers", {}))) + 2
    inflight: deque[Any] = deque()  # futures (or results when local), oldest first
    pending: list[Processed] = []

    def err(e: IngestError) -> None:
        rep.errors.append(e)
        if on_error:
            on_error(e)

    def flush() -> None:
        if not pending:
            return
        with times.time("store"):
            ids = store.add_batch([(p.raw, p.article) for p in pending if p.article is not None])
            new: list[Processed] = []
            for p, (aid, is_new) in zip(pending, ids, strict=True):
                (rep.stored if is_new else rep.existing).append(aid)
                if is_new and p.article is not None:
                    p.article.id = aid
                    new.append(p)
            facts = [(p.article.id, p.facts) for p in new if p.facts is not None and p.article and p.article.id]
            if facts:
                store.save_facts(facts)
        if link is not None and new:
            with times.time("link"):
                link(store, [p.article for p in new if p.article], [p.facts for p in new],
                     [p.embedding for p in new])
        pending.clear()

    def take(result: ChunkResult) -> None:
        for stage, secs in result.seconds.items():
            times.add(stage, secs)
        for p in result.items:
            if p.error is not None:
                err(p.error)
            elif p.article is not None:
                pending.append(p)
        if len(pending) >= batch:
            flush()

    def drain(keep: int) -> None:
        while len(inflight) > keep:
            head = inflight.popleft()
            if client is None:
                take(head)
                continue
            with times.time("wait"):
                try:
                    result = head.result()
                except Exception as e:  # a worker died or the task failed: its inputs fail, the run goes on
                    docs_ = _chunk_docs.pop(head.key, [])
                    for d in docs_:
                        err(IngestError(d.source, f"distributed task failed: {type(e).__name__}: {e}"))
                    continue
            _chunk_docs.pop(head.key, None)
            take(result)

    _chunk_docs: dict[str, list[RawDoc]] = {}

    def submit(part: list[RawDoc]) -> None:
        # Inputs already stored are not sent out again (the same check the single-process run makes).
        with times.time("store"):
            known = store.known_hashes(d.hash for d in part)
        fresh: list[RawDoc] = []
        for d in part:
            if d.hash in known:
                aid = store.has_hash(d.hash)
                if aid is not None:
                    rep.existing.append(aid)
                    continue
            fresh.append(d)
        if not fresh:
            return
        if client is None:
            inflight.append(process_chunk(fresh, stages))
        else:
            fut = client.submit(process_chunk, fresh, stages, pure=False)
            _chunk_docs[fut.key] = fresh
            inflight.append(fut)
        drain(window or 0)

    part: list[RawDoc] = []
    it = iter(docs)
    while True:
        with times.time("read"):
            doc = next(it, None)
        if doc is None:
            break
        rep.seen += 1
        if on_progress:
            on_progress(rep.seen)
        if isinstance(doc, IngestError):
            err(doc)
            continue
        part.append(doc)
        if len(part) >= chunk:
            submit(part)
            part = []
    if part:
        submit(part)
    drain(0)
    flush()
    return rep
