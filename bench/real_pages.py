"""The whole pipeline on 181 real pages of many outlets (no gold findings): what it reports.

The article-extraction benchmark (../shared/bench-data/article-extraction) holds real news and blog
pages from one week of November 2019 and a few older ones, so several stories are told by 2–4
outlets there (WeWork's troubles, a plague case in Inner Mongolia, NASA's lander contracts, ...).
With no gold findings for them, this prints what a reader would check by hand: how many stories
came out and how big, how many claims are corroborated, every conflict with its reason (false alarms
show up here), and time and memory.

    .venv/bin/python bench/real_pages.py [--data DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "bench-data" / "article-extraction"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    truth = args.data / "ground-truth.json"
    if not truth.is_file():
        print(f"benchmark data not found at {args.data}")
        return 2

    from storyline.compare import compare_story
    from storyline.ingest import read_paths
    from storyline.pipeline import Pipeline
    from storyline.store import Store

    ids = sorted(json.loads(truth.read_text(encoding="utf-8")))[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        for pid in ids:  # the pages as a user would save them
            with gzip.open(args.data / "html" / f"{pid}.html.gz", "rb") as f:
                (Path(tmp) / f"{pid[:12]}.html").write_bytes(f.read())
        store = Store(str(Path(tmp) / "pages.db"))
        errors: list[str] = []
        t0 = time.perf_counter()
        pipe = Pipeline(store)
        rep = pipe.store_docs(
            read_paths(sorted(str(p) for p in Path(tmp).glob("*.html"))),
            on_error=lambda e: errors.append(str(e)),
        )
        pipe.analyse()
        pipe.link(rep.ids)
        corpus = pipe.corpus(pipe.stories(rep.ids))
        reports = [compare_story(st, corpus.articles, corpus.facts) for st in corpus.stories]
        elapsed = time.perf_counter() - t0
        store.close()

    sizes = Counter(len(st.article_ids) for st in corpus.stories)
    multi = [r for r in reports if len(r.sources) >= 2]
    corroborated = sum(1 for r in multi for c in r.corroboration if c.label == "corroborated")
    conflicts = [(r, k) for r in reports for k in r.conflicts]
    print(f"{len(ids)} pages: {len(corpus.articles)} articles stored, {len(errors)} failed with a reason")
    print(
        f"stories: {len(corpus.stories)}; by size: "
        + ", ".join(f"{n} articles ×{c}" for n, c in sorted(sizes.items()))
    )
    print(f"stories told by 2+ articles: {len(multi)}; corroborated claim clusters in them: {corroborated}")
    for r in sorted(multi, key=lambda r: -len(r.sources)):
        print(f"  {len(r.sources)} · {r.label[:90]}")
    print(f"conflicts reported: {len(conflicts)}")
    for r, k in conflicts:
        print(f"  [{k.kind}] story {r.story_id}: {k.reason[:160]}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"time {elapsed:.1f} s ({len(corpus.articles) / max(elapsed, 1e-9):.1f} articles/s, one process); "
        f"peak RSS {peak:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
