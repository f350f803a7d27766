"""Linking speed and memory on synthetic streams: time, peak RSS, per-article cost as the store grows.

Usage:
  .venv/bin/python bench/bench_cluster.py                      # 10k and 100k articles
  .venv/bin/python bench/bench_cluster.py --sizes 10000 --embed-sample 256 --db /tmp/link.db

Each size runs in a fresh process (so peak RSS is that size's own). Per size it prints: total link
time, articles/s, the cost per article in the first and the last tenth of the stream (flat = the
index keeps candidate sets bounded), stories scored per article, the latency of adding one more
article to the full in-memory state (median / p95 over 200 single adds), and peak RSS (with the
RSS before linking, i.e. the generated corpus itself, shown separately).
Embeddings (MiniLM on CPU) are off in the scale runs; --embed-sample N measures their cost per
article on N articles so the full cost can be projected. --db also times link_articles() into a
SQLite store: batches of 1000, then 20 single articles, one call each (load state + link + save).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import psutil


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_one(n: int, seed: int, db: str | None, embed_sample: int) -> dict[str, float]:
    from storyline.link.cluster import StoryLinker
    from storyline.testing.synth import generate

    t0 = time.perf_counter()
    items = generate(n + 200, seed=seed, days=max(56, n // 700))
    arts = [x.article for x in items]
    gen_s = time.perf_counter() - t0
    base = rss_mb()
    linker = StoryLinker()
    chunk = max(100, n // 10)
    chunk_ms: list[float] = []
    t0 = time.perf_counter()
    for i in range(0, n, chunk):
        t = time.perf_counter()
        linker.add_many(arts[i : min(n, i + chunk)])
        chunk_ms.append(1000 * (time.perf_counter() - t) / len(arts[i : min(n, i + chunk)]))
    total = time.perf_counter() - t0
    comps = linker.comparisons / n
    single = []
    for a in arts[n:]:
        t = time.perf_counter()
        linker.add(a)
        single.append(1000 * (time.perf_counter() - t))
    single.sort()
    out: dict[str, float] = {
        "n": n,
        "generate_s": gen_s,
        "link_s": total,
        "per_s": n / total,
        "first_tenth_ms": chunk_ms[0],
        "last_tenth_ms": chunk_ms[-1],
        "comparisons": comps,
        "stories": len(linker.stories),
        "single_median_ms": statistics.median(single),
        "single_p95_ms": single[int(0.95 * len(single)) - 1],
        "rss_before_mb": base,
        "peak_mb": peak_mb(),
    }
    if embed_sample:
        from storyline.embed import encode
        from storyline.link.features import extract

        texts = [extract(a).embed_text for a in arts[:embed_sample]]
        encode(texts[:8])  # load the model outside the timing
        t = time.perf_counter()
        encode(texts)
        out["embed_ms"] = 1000 * (time.perf_counter() - t) / len(texts)
    if db:
        from storyline.store import make_engine
        from storyline.store.stories import link_articles

        if os.path.exists(db):
            os.remove(db)
        engine = make_engine(f"sqlite:///{db}")  # the store's own settings (WAL, explicit transactions)
        t = time.perf_counter()
        for i in range(0, n, 1000):
            link_articles(engine, arts[i : min(n, i + 1000)])
        out["store_link_s"] = time.perf_counter() - t
        singles = []
        for k in range(n, n + 20):  # each call loads the linker's state, links one article and saves
            t = time.perf_counter()
            link_articles(engine, arts[k : k + 1])
            singles.append(1000 * (time.perf_counter() - t))
        out["store_single_ms"] = statistics.median(singles)
        out["store_single_max_ms"] = max(singles)
        out["db_mb"] = os.path.getsize(db) / 2**20
    return out


def show(r: dict[str, float]) -> None:
    n = int(r["n"])
    print(f"== {n} articles ({int(r['stories'])} stories in memory at the end)")
    print(
        f"link time {r['link_s']:.1f} s  ({r['per_s']:.0f} articles/s; corpus generation {r['generate_s']:.1f} s not counted)"
    )
    print(
        f"per article: first tenth {r['first_tenth_ms']:.2f} ms, last tenth {r['last_tenth_ms']:.2f} ms; "
        f"stories scored per article {r['comparisons']:.1f}"
    )
    print(
        f"add one article to the full state: median {r['single_median_ms']:.2f} ms, p95 {r['single_p95_ms']:.2f} ms"
    )
    print(
        f"peak RSS {r['peak_mb']:.0f} MiB (of which the generated corpus and libraries before linking: "
        f"{r['rss_before_mb']:.0f} MiB)"
    )
    if "embed_ms" in r:
        proj = r["embed_ms"] * n / 1000
        print(
            f"embeddings (MiniLM, CPU): {r['embed_ms']:.1f} ms/article -> about {proj / 60:.1f} min more for {n} articles"
        )
    if "store_link_s" in r:
        print(
            f"SQLite store: link_articles in batches of 1000 {r['store_link_s']:.1f} s; then 20 single "
            f"articles one call each: median {r['store_single_ms']:.0f} ms, max {r['store_single_max_ms']:.0f} ms "
            f"(load IDF state + indexed look-ups + link + save); db {r['db_mb']:.0f} MiB"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--db", help="also time link_articles() into this SQLite file (recreated)")
    ap.add_argument("--embed-sample", type=int, default=0, metavar="N")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # worker mode: one size, JSON out
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.seed, args.db, args.embed_sample)))
        return 0
    print(
        f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.1f} (other work on the machine slows this)"
    )
    for n in args.sizes:
        cmd = [
            sys.executable,
            __file__,
            "--one",
            str(n),
            "--seed",
            str(args.seed),
            "--embed-sample",
            str(args.embed_sample),
        ]
        if args.db:
            cmd += ["--db", args.db]
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            print(f"size {n} failed:\n{res.stderr[-2000:]}")
            return 1
        show(json.loads(res.stdout.strip().splitlines()[-1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
