"""End-to-end throughput and peak memory: generated scrapes -> clean -> store -> analyse -> link.

For each corpus size, every mode runs in a fresh process on a fresh store, while this process samples
the resident memory of that process and all its children (Dask workers included):

- ``pipeline``: what ``storyline ingest`` runs in one process (pipeline.ingest, then the analysis of
  the new articles), followed by story linking;
- ``dask``: ``storyline ingest --dask SPEC`` (clean + analyse on Dask workers, store and link on the client);
- ``inprocess``: the Dask runner's code path without Dask (the same stages, one process).

Printed per run: articles/s end to end (cluster start and model loading included) and in steady state
(after the first tenth), the rate per tenth of the run (flat = the cost per article does not grow with
the store), peak RSS of the whole process tree, and the share of time per stage (worker stages are
summed over workers, so under Dask the shares add up to more than the wall time).

    .venv/bin/python bench/bench_pipeline.py                       # 1000 articles, pipeline vs dask local:2
    .venv/bin/python bench/bench_pipeline.py --sizes 1000,10000    # add the 10k run (slow on 2 cores)
    .venv/bin/python bench/bench_pipeline.py --modes dask --dask tcp://scheduler:8786 --db postgresql://...
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

GOAL_RATE = 12.0  # articles/s: a million a day
GOAL_RSS = 4 * 1024**3
NAV = [
    "Home | World | Business | Sport | Culture | Opinion",
    "Menu  Search  Sign in",
    "Latest news  Most read",
]
WIDGETS = [
    "Advertisement",
    "Share this article",
    "4 min read",
    "Follow us on social media",
    "Subscribe to our newsletter for the morning briefing",
    "Comments (12)",
]


# ---------------------------------------------------------------- corpus


def write_corpus(n: int, folder: Path, seed: int = 0) -> int:
    """n realistic plain-text scrapes (masthead, navigation, byline, date, widgets, related links) from
    storyline.testing.synth's invented stories; returns how many files were written."""
    from storyline.testing.synth import generate

    rng = random.Random(seed)
    items = generate(n, seed=seed)
    titles = [s.article.title or "" for s in items]
    folder.mkdir(parents=True, exist_ok=True)
    for i, s in enumerate(items):
        a = s.article
        lines = [a.outlet or "", rng.choice(NAV), "", a.title or "", ""]
        lines.append(f"By {rng.choice(['Staff reporter', 'Our correspondent', 'News desk'])} | {a.outlet}")
        if a.published:
            lines.append(a.published.strftime("%B %d, %Y"))
        lines.append("")
        for k, p in enumerate(a.paragraphs):
            lines += [p, ""]
            if k == 1 and rng.random() < 0.5:
                lines += [rng.choice(WIDGETS), ""]
        lines += (
            [rng.choice(WIDGETS), "", "Related stories"] + rng.sample(titles, 3) + ["", rng.choice(WIDGETS)]
        )
        (folder / f"{i:06d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(items)


# ---------------------------------------------------------------- one run (child process)


def _stories(store: Any) -> int | None:
    try:
        from sqlalchemy import func, select

        from storyline.store.stories import LinkStoryRow
    except ImportError:
        return None
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(LinkStoryRow)) or 0)


def _fresh_store(db: str) -> Any:
    from storyline.store import Store, db_url, make_engine, migrate

    url = db_url(db)
    if not url.startswith("sqlite"):
        # A database URL: empty it through the migrations, then let the store build it again.
        from alembic import command

        engine = make_engine(url)
        with engine.begin() as conn:
            cfg = migrate.alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        engine.dispose()
    return Store(db)


def run_one(mode: str, corpus: Path, db: str, dask: str, link: bool) -> dict[str, Any]:
    import resource

    from storyline.distributed import Stages, StageTimes, connect, ingest_dask
    from storyline.ingest import read_paths
    from storyline.pipeline import Pipeline

    t_start = time.perf_counter()
    n_inputs = sum(1 for _ in corpus.iterdir())
    store = _fresh_store(db)

    def link_fn(_store: Any, items: list[Any]) -> None:  # the link stage as Pipeline's Dask path runs it
        done = [p for p in items if p.article is not None and p.article.id is not None]
        Pipeline(store).link_processed([p.article for p in done], [p.facts for p in done])

    times = StageTimes()
    workers_rss: list[int] = []
    stored_at: list[tuple[float, int]] = []  # (time, articles stored so far) after each stored batch

    def stored(ids: list[int]) -> None:
        stored_at.append((time.perf_counter(), (stored_at[-1][1] if stored_at else 0) + len(ids)))

    if mode == "pipeline":
        # analysis runs after the whole cleaning pass here, so there is no per-batch progress to time
        rep = _run_pipeline(store, corpus, times, link)
        t_end = time.perf_counter()
    else:
        client_ctx = connect(dask) if mode == "dask" else None
        client = client_ctx.__enter__() if client_ctx else None
        try:
            rep = ingest_dask(
                store,
                read_paths([str(corpus)]),
                client,
                stages=Stages(analyse=True),
                link=link_fn if link else None,
                on_stored=stored,
            )
            t_end = time.perf_counter()  # all work done; the cluster's shutdown is not counted
            if client is not None:
                workers_rss = list(
                    client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).values()
                )
        finally:
            if client_ctx:
                client_ctx.__exit__(None, None, None)
        times = rep.times
    # Rate over each tenth of the run (in stored batches): flat = the cost per article does not grow
    # with the store. The steady rate leaves out the first tenth (model loading, cluster start).
    n = len(rep.stored)
    pts = [(t_start, 0), *stored_at]
    groups = min(10, len(pts) - 1)
    bounds = [round(i * (len(pts) - 1) / groups) for i in range(groups + 1)] if groups else []
    per_tenth = [
        (pts[b][1] - pts[a][1]) / (pts[b][0] - pts[a][0])
        for a, b in zip(bounds, bounds[1:], strict=False)
        if pts[b][0] > pts[a][0]
    ]
    steady = 0.0
    if groups > 1 and pts[-1][0] > pts[bounds[1]][0]:
        steady = (pts[-1][1] - pts[bounds[1]][1]) / (pts[-1][0] - pts[bounds[1]][0])
    return {
        "mode": mode,
        "inputs": n_inputs,
        "stored": len(rep.stored),
        "errors": len(rep.errors),
        "wall": t_end - t_start,
        "rate": n / max(t_end - t_start, 1e-9),
        "steady": steady,
        "per_tenth": per_tenth,
        "seconds": times.seconds,
        "stories": _stories(store) if link else None,
        "self_peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "workers_peak_rss": [r * 1024 for r in workers_rss],
    }


def _run_pipeline(store: Any, corpus: Path, times: Any, link: bool) -> Any:
    """`storyline ingest` in one process, with each stage's functions timed."""
    import storyline.analyse
    from storyline import pipeline
    from storyline.ingest import read_paths
    from storyline.pipeline import Pipeline

    def timed(stage: str, fn: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            with times.time(stage):
                return fn(*a, **k)

        return wrapper

    def reading(docs: Any) -> Any:
        it = iter(docs)
        while True:
            with times.time("read"):
                d = next(it, None)
            if d is None:
                return
            yield d

    pipeline.clean_one = timed("clean", pipeline.clean_one)
    storyline.analyse.Analyser.analyse = timed("analyse", storyline.analyse.Analyser.analyse)  # type: ignore[method-assign]
    for name in (
        "add_batch",
        "has_hash",
        "save_facts",
        "iter_articles",
        "ids_without_facts",
        "get_facts",
        "get_facts_many",
    ):
        setattr(store, name, timed("store", getattr(store, name)))
    pipe = Pipeline(store)
    rep = pipe.store_docs(reading(read_paths([str(corpus)])))
    pipe.analyse(rep.stored)
    if link:
        with times.time("link"):
            pipe.link(rep.stored)
    return rep


# ---------------------------------------------------------------- driver


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for q in procs:
        try:
            total += q.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(mode: str, corpus: Path, db: str, dask: str, link: bool) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", mode, "--corpus", str(corpus), "--db", db, "--dask", dask]
    if not link:
        cmd.append("--no-link")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.25)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, _ = proc.communicate()
    stop.set()
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"{mode} run failed (exit {proc.returncode})")
    res = json.loads(out.strip().splitlines()[-1])
    res["tree_peak_rss"] = peak
    return res


def _gib(b: float) -> str:
    return f"{b / 1024**3:.2f} GiB"


def report(size: int, res: dict[str, Any], dask: str) -> None:
    label = f"dask {dask}" if res["mode"] == "dask" else res["mode"]
    ok = "ok" if res["rate"] >= GOAL_RATE and res["tree_peak_rss"] < GOAL_RSS else "BELOW GOAL"
    print(f"\n== {size} articles, {label}: {res['stored']} stored, {res['errors']} errors")
    print(
        f"  end to end     {res['rate']:.1f} articles/s  ({res['wall']:.1f} s wall; goal >= {GOAL_RATE:g}/s)  [{ok}]"
    )
    if res["steady"] > 0:  # needs more than one stored batch
        print(f"  steady state   {res['steady']:.1f} articles/s (after the first tenth)")
        print(f"  per tenth      {' '.join(f'{r:.1f}' for r in res['per_tenth'])} articles/s")
    workers = res["workers_peak_rss"]
    extra = f"; workers {', '.join(_gib(w) for w in workers)}" if workers else ""
    print(
        f"  peak RSS       {_gib(res['tree_peak_rss'])} process tree (goal < 4 GiB); "
        f"main {_gib(res['self_peak_rss'])}{extra}"
    )
    secs = res["seconds"]
    total = sum(secs.values()) or 1.0
    shares = "  ".join(
        f"{k} {v / total:.0%} ({v:.1f}s)" for k, v in sorted(secs.items(), key=lambda kv: -kv[1])
    )
    print(f"  stage shares   {shares}")
    if res.get("stories") is not None:
        print(f"  stories        {res['stories']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes", default="1000", help="comma-separated corpus sizes (default 1000; try 1000,10000)"
    )
    ap.add_argument("--modes", default="pipeline,dask", help="pipeline, dask, inprocess (comma-separated)")
    ap.add_argument("--dask", default="local:2", help="Dask cluster for the dask mode (default local:2)")
    ap.add_argument(
        "--db",
        default=None,
        help="store URL (default: a fresh SQLite file per run); a database URL is emptied before each run",
    )
    ap.add_argument("--workdir", default=None, help="where corpora and stores go (default: a temp dir)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-link", action="store_true", help="stop after analysis")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        print(json.dumps(run_one(args.child, Path(args.corpus), args.db, args.dask, not args.no_link)))
        return 0

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    print(f"storyline pipeline bench: {os.cpu_count()} CPUs, work dir {work}")
    try:
        run_all(args, work)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def run_all(args: argparse.Namespace, work: Path) -> None:
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = work / f"corpus-{size}"
        if not corpus.is_dir():
            t = time.perf_counter()
            write_corpus(size, corpus, seed=args.seed)
            print(f"generated {size} scrapes in {time.perf_counter() - t:.1f} s")
        for mode in args.modes.split(","):
            db = args.db or str(work / f"store-{size}-{mode}.db")
            if not args.db and Path(db).exists():
                for suffix in ("", "-wal", "-shm"):
                    Path(db + suffix).unlink(missing_ok=True)
            report(size, measure(mode, corpus, db, args.dask, not args.no_link), args.dask)


if __name__ == "__main__":
    raise SystemExit(main())
