"""Cost of comparing one big story: seconds and peak RSS of ``compare_story`` for stories of 100, 1,000
and 10,000 articles, and the cost per article (flat = near-linear).

The articles are invented reports of one synthetic story by many outlets (``storyline.testing.synth``).
Analysing 10,000 articles with spaCy would take the bench half an hour, so a pool of distinct articles
(``--pool``, 400 by default) is analysed once and a bigger story repeats the pool's articles under new
ids and outlets (the output says so). Repeated articles repeat their sentences, which are embedded
once, so a small pool understates the embedding cost of alignment: ``--pool 2000`` measures a 1,000-article
story of distinct articles. Each size runs in a fresh process, so its peak RSS is its own; a size that
does not finish within ``--max-seconds`` is reported as such. Under each size, the seconds spent in each
stage of ``compare_story``.

    .venv/bin/python bench/bench_compare.py [--sizes 100,1000,10000] [--pool 400] [--max-seconds 900]
    .venv/bin/python bench/bench_compare.py --reprints 100,1000,3000   # reprints of reports that disagree
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _pool(n: int, path: Path) -> None:
    from storyline.analyse import analyse_many
    from storyline.testing.synth import story_articles

    arts = story_articles(n, seed=7)
    t0 = time.perf_counter()
    facts = analyse_many(arts, n_process=2 if n >= 200 else 1)
    for a, f in zip(arts, facts, strict=True):
        f.article_id = a.id
    print(f"pool: {n} distinct articles analysed in {time.perf_counter() - t0:.0f} s", flush=True)
    path.write_bytes(pickle.dumps((arts, facts)))


# the stages of ``compare_story`` timed apart: where a big story's time goes
STAGES = (
    "align",
    "find_conflicts",
    "group_quotes",
    "corroborate_all",
    "coverage",
    "framing_signals",
    "build_timeline",
)


def _time_stages() -> dict[str, float]:
    """Wrap the stages ``compare_story`` calls (names of ``storyline.compare``) to sum their seconds."""
    import functools

    import storyline.compare as compare

    spent = dict.fromkeys(STAGES, 0.0)
    for name in STAGES:
        fn = getattr(compare, name)

        def timed(*args, _fn=fn, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return _fn(*args, **kwargs)
            finally:
                spent[_name] += time.perf_counter() - t

        setattr(compare, name, functools.wraps(fn)(timed))
    return spent


def _child(size: int, pool_path: Path) -> dict[str, object]:
    import copy

    from storyline.compare import compare_story
    from storyline.embed import get_model
    from storyline.model import Story
    from storyline.testing.synth import OUTLETS

    arts, facts = pickle.loads(pool_path.read_bytes())
    get_model()  # the model load is not the comparison's cost
    articles, fmap = {}, {}
    for i in range(size):
        a = copy.copy(arts[i % len(arts)])
        f = copy.copy(facts[i % len(facts)])
        a.id = f.article_id = i + 1
        if i >= len(arts):
            a.outlet = f"{OUTLETS[i % len(OUTLETS)]} {i // len(arts)}"
        articles[a.id], fmap[a.id] = a, f
    story = Story(
        id=1,
        label="synthetic",
        article_ids=sorted(articles),
        outlets=sorted({a.outlet or "" for a in articles.values()}),
    )
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    spent = _time_stages()
    t0 = time.perf_counter()
    report = compare_story(story, articles, fmap)
    secs = time.perf_counter() - t0
    return {
        "stages": dict(spent),
        "size": size,
        "seconds": secs,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_mib": rss0 / 1024,
        "clusters": len(report.corroboration),
        "conflicts": len(report.conflicts),
    }


def reprints(sizes: list[int]) -> None:
    """Reprints of reports that disagree: the five reports of tests/fixtures/multioutlet (two give the
    order's cost differently), repeated under new ids and outlets. Conflicts between copies were found
    pair by pair of copies, which grew with the square of the reprints."""
    import copy

    from storyline.analyse import analyse_many
    from storyline.clean import clean
    from storyline.compare import compare_story
    from storyline.embed import get_model
    from storyline.model import RawDoc, Story

    files = sorted((Path(__file__).resolve().parents[1] / "tests/fixtures/multioutlet").glob("*.txt"))
    arts = []
    for i, path in enumerate(files):
        a = clean(RawDoc(source=path.name, kind="text", data=path.read_bytes(), outlet=path.stem))
        a.id = i + 1
        arts.append(a)
    facts = analyse_many(arts)
    get_model()
    print(f"\nreprints of {len(arts)} reports that disagree (tests/fixtures/multioutlet):")
    print(f"{'articles':>9} {'seconds':>9} {'find_conflicts':>15} {'conflicts':>9}")
    spent = _time_stages()
    for size in sizes:
        spent.update(dict.fromkeys(spent, 0.0))
        articles, fmap = {}, {}
        for i in range(size):
            a, f = copy.copy(arts[i % len(arts)]), copy.copy(facts[i % len(arts)])
            a.id = f.article_id = i + 1
            a.outlet = f"{arts[i % len(arts)].outlet} {i // len(arts)}"
            articles[a.id], fmap[a.id] = a, f
        story = Story(id=1, label="reprints", article_ids=sorted(articles), outlets=[])
        t0 = time.perf_counter()
        report = compare_story(story, articles, fmap)
        secs = time.perf_counter() - t0
        print(
            f"{size:>9} {secs:>9.1f} {spent['find_conflicts']:>15.1f} {len(report.conflicts):>9}", flush=True
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument(
        "--pool", type=int, default=400, help="distinct articles analysed (bigger stories repeat them)"
    )
    ap.add_argument("--max-seconds", type=float, default=900.0, help="give up on a size after this long")
    ap.add_argument(
        "--reprints",
        metavar="SIZES",
        help="only: stories of reprints of reports that disagree (e.g. 100,1000,3000)",
    )
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--pool-file", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.pool_file)))
        return 0
    if args.reprints:
        reprints([int(s) for s in args.reprints.split(",")])
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        pool = Path(tmp) / "pool.pkl"
        _pool(min(args.pool, max(sizes)), pool)
        print(
            f"{'articles':>9} {'seconds':>9} {'ms/article':>11} {'peak RSS':>10} {'clusters':>9} {'conflicts':>9}"
        )
        for size in sizes:
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "--child", str(size), "--pool-file", str(pool)],
                    capture_output=True,
                    text=True,
                    timeout=args.max_seconds,
                    check=True,
                )
            except subprocess.TimeoutExpired:
                print(f"{size:>9} did not finish within {args.max_seconds:.0f} s", flush=True)
                continue
            except subprocess.CalledProcessError as e:
                print(
                    f"{size:>9} failed: {e.stderr.strip().splitlines()[-1] if e.stderr.strip() else e}",
                    flush=True,
                )
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{size:>9} {r['seconds']:>9.1f} {1000 * r['seconds'] / size:>11.1f} {r['peak_rss_mib']:>7.0f} MiB "
                f"{r['clusters']:>9} {r['conflicts']:>9}",
                flush=True,
            )
            stages = r["stages"]
            other = r["seconds"] - sum(stages.values())
            print(
                f"{'':>9} seconds by stage: "
                + ", ".join(f"{k} {v:.1f}" for k, v in stages.items())
                + f", other {other:.1f}",
                flush=True,
            )
    print(
        f"(stories above {min(args.pool, max(sizes))} articles repeat the analysed pool under new ids and outlets)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
