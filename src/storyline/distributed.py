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
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from storyline.analyse import analyse_many, nlp
from storyline.clean import clean_one
from storyline.embed import encode, get_model
from storyline.link.features import extract
from storyline.model import Article, ArticleFacts, IngestError, IngestReport, RawDoc

if TYPE_CHECKING:
    import numpy as np

    from storyline.store import Store

CHUNK = 16  # articles per task: big enough for spaCy batching, small enough to balance 2 workers


# ---------------------------------------------------------------- records


@dataclass(slots=True)
class Stages:
    """Which per-article stages run besides cleaning."""

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


# ---------------------------------------------------------------- per-article stages (run on workers)


def embed_texts(articles: list[Article], facts: list[ArticleFacts | None]) -> list[str]:
    """The text the linker embeds for each article (same function the linker uses)."""
    return [extract(a, f).embed_text for a, f in zip(articles, facts, strict=True)]


def process_chunk(docs: list[RawDoc], stages: Stages) -> ChunkResult:
    """Clean, analyse and embed a chunk of inputs; one bad input never sinks the others."""
    res = ChunkResult([Processed(d) for d in docs])
    t0 = time.perf_counter()
    for p in res.items:
        out = clean_one(p.raw)
        if isinstance(out, IngestError):
            p.error = out
        else:
            p.article = out
    res.seconds["clean"] = time.perf_counter() - t0
    ok = [p for p in res.items if p.article is not None]
    if ok and stages.analyse:
        t0 = time.perf_counter()
        try:
            for p, f in zip(ok, analyse_many([p.article for p in ok if p.article]), strict=True):
                p.facts = f
        except Exception as e:  # analysis failing as a whole (not one article) is reported per input
            for p in ok:
                p.error = IngestError(
                    p.raw.source, f"internal error while analysing: {type(e).__name__}: {e}"
                )
                p.article = None
            ok = []
        res.seconds["analyse"] = time.perf_counter() - t0
    if ok and stages.embed:
        t0 = time.perf_counter()
        vecs = encode(embed_texts([p.article for p in ok if p.article], [p.facts for p in ok]))
        for p, v in zip(ok, vecs, strict=True):
            p.embedding = v
        res.seconds["embed"] = time.perf_counter() - t0
    return res


class WarmModels(WorkerPlugin):  # type: ignore[misc]
    """Loads the models once when a worker starts, so no task pays for it (and none loads twice)."""

    name = "storyline-models"

    def __init__(self, stages: Stages) -> None:
        self.stages = stages

    def setup(self, worker: Any) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        if self.stages.analyse:
            nlp.get_nlp()
        if self.stages.embed:
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
    kind, arg = parse_spec(spec)
    if kind == "remote":
        with Client(str(arg), timeout="30s") as client:
            yield client
        return
    # One thread per worker process: spaCy and torch are not worth threading on a small box, and
    # processes sidestep the GIL for the pure-Python parts of cleaning and analysis.
    # A worker still freeing its models when the cluster closes is killed after a grace period, with a
    # warning; by then every result is stored, so the warning would only alarm.
    nanny_log = logging.getLogger("distributed.nanny")
    level = nanny_log.level
    try:
        with (
            LocalCluster(
                n_workers=int(arg),
                threads_per_worker=1,
                processes=True,
                memory_limit=memory_limit,
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            try:
                yield client
            finally:
                nanny_log.setLevel(logging.ERROR)
    finally:
        nanny_log.setLevel(level)


# ---------------------------------------------------------------- the run


# Client-side stage after each stored batch: (store, newly stored articles with facts and embeddings).
LinkFn = Callable[["Store", list[Processed]], None]


@dataclass(slots=True)
class DaskReport(IngestReport):
    times: StageTimes = field(default_factory=StageTimes)


def ingest_dask(
    store: Store,
    docs: Iterable[RawDoc | IngestError],
    client: Client | None,
    *,
    stages: Stages | None = None,
    link: LinkFn | None = None,
    chunk: int = CHUNK,
    batch: int = 100,
    batch_bytes: int = 32 * 1024 * 1024,
    window: int | None = None,
    link_every: int = 500,
    on_error: Callable[[IngestError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_stored: Callable[[list[int]], None] | None = None,
) -> DaskReport:
    """Run the per-article stages on ``client``'s workers (in this process when ``client`` is None) and
    store the results in input order, ``batch`` articles per transaction; ``link`` gets the new
    articles every ``link_every``. ``on_progress`` hears of each input read, ``on_stored`` of the ids
    of each stored batch.

    The report is the pipeline's IngestReport plus ``analysed`` (facts saved) and ``times`` (per stage).
    """
    stages = stages or Stages()
    rep = DaskReport()
    times: StageTimes = rep.times
    if client is not None:
        client.register_plugin(WarmModels(stages))
        # Enough chunks in flight to keep every worker busy while the client stores and links.
        window = window or 8 * max(1, len(client.scheduler_info().get("workers", {})))
    inflight: deque[tuple[Any, list[RawDoc]]] = deque()  # (future, or result when local; its inputs)
    pending: list[Processed] = []
    pending_bytes = 0
    to_link: list[Processed] = []  # stored, not linked yet

    def err(e: IngestError) -> None:
        rep.errors.append(e)
        if on_error:
            on_error(e)

    def store_batch(items: list[Processed]) -> list[tuple[int, bool] | IngestError]:
        return store.add_each([(p.raw, p.article) for p in items if p.article is not None])

    def flush() -> None:
        nonlocal pending_bytes
        if not pending:
            return
        new: list[Processed] = []
        with times.time("store"):
            for p, res in zip(pending, store_batch(pending), strict=True):
                if isinstance(res, IngestError):
                    err(res)
                    continue
                aid, is_new = res
                (rep.stored if is_new else rep.existing).append(aid)
                if is_new and p.article is not None:
                    p.article.id = aid
                    new.append(p)
            facts = [
                (p.article.id, p.facts) for p in new if p.article and p.article.id and p.facts is not None
            ]
            if facts:
                store.save_facts(facts)
                rep.analysed += len(facts)
        if on_stored is not None:
            on_stored([p.article.id for p in new if p.article and p.article.id is not None])
        to_link.extend(new)
        if len(to_link) >= link_every:
            link_pending()
        pending.clear()
        pending_bytes = 0

    def link_pending() -> None:
        if link is not None and to_link:
            with times.time("link"):
                link(store, to_link)
        to_link.clear()

    def take(result: ChunkResult) -> None:
        nonlocal pending_bytes
        for stage, secs in result.seconds.items():
            times.add(stage, secs)
        for p in result.items:
            if p.error is not None:
                err(p.error)
            elif p.article is not None:
                pending.append(p)
                pending_bytes += len(p.raw.data)
            if len(pending) >= batch or pending_bytes >= batch_bytes:
                flush()

    def drain(keep: int) -> None:
        while len(inflight) > keep:
            head, sent = inflight.popleft()
            if client is None:
                take(head)
                continue
            with times.time("wait"):
                try:
                    result = head.result()
                except Exception as e:  # a worker died or the task failed: its inputs fail, the run goes on
                    for d in sent:
                        err(IngestError(d.source, f"distributed task failed: {type(e).__name__}: {e}"))
                    continue
            take(result)

    def submit(part: list[RawDoc]) -> None:
        # Inputs already stored are not sent out again (the check the single-process run makes too).
        with times.time("store"):
            known = store.known_hashes(d.hash for d in part)
        fresh: list[RawDoc] = []
        for d in part:
            aid = store.has_hash(d.hash) if d.hash in known else None
            if aid is not None:
                rep.existing.append(aid)
            else:
                fresh.append(d)
        if not fresh:
            return
        if client is None:
            inflight.append((process_chunk(fresh, stages), fresh))
        else:
            inflight.append((client.submit(process_chunk, fresh, stages, pure=False), fresh))
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
    link_pending()
    return rep
