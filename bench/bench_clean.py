"""Cleaning speed: text scrapes per second (one core) and the HTML path against bare trafilatura.

Usage: python bench/bench_clean.py [--n 5000] [--html-dir DIR] [--html-n 181]
"""

from __future__ import annotations

import argparse
import gzip
import random
import resource
import sys
import time
from pathlib import Path

from storyline.clean.text import clean_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

_PEOPLE = ["Ines Marlow", "Tomas Ekdahl", "Petra Lindqvist", "Odile Varga", "Kwame Asante", "Lena Moritz"]
_PLACES = ["Calloway", "Fenwick", "Skerry", "Dunmore", "Westcliff", "Ardith"]
_NOUNS = ["port", "council", "ferry line", "dam", "hospital", "rail link", "school board", "water utility"]
_VERBS = ["approved", "delayed", "rejected", "reviewed", "funded", "questioned", "suspended", "expanded"]
_WIDGETS = [
    "0 0",
    "Read Time:3 Minute, 2 Second",
    "4 min read",
    "1.2K shares",
    "Share on Facebook",
    "Tweet",
    "Advertisement",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
]


def _sentence(rng: random.Random) -> str:
    p, q = rng.sample(_PEOPLE, 2)
    kind = rng.random()
    if kind < 0.3:
        return (
            f'"We {rng.choice(_VERBS)} the {rng.choice(_NOUNS)} plan because it was necessary," '
            f"{p} said on {rng.choice(['Monday', 'Tuesday', 'Friday'])}."
        )
    if kind < 0.5:
        return f"{p} told reporters that the {rng.choice(_NOUNS)} in {rng.choice(_PLACES)} would not close."
    return (
        f"The {rng.choice(_NOUNS)} in {rng.choice(_PLACES)} {rng.choice(_VERBS)} a budget of "
        f"{rng.randint(2, 90)} million crowns, according to {q}."
    )


def make_scrape(rng: random.Random, i: int) -> str:
    title = f"{rng.choice(_PLACES)} {rng.choice(_NOUNS)} {rng.choice(_VERBS)} after long debate {i}"
    lines = ["NEWS", rng.choice(_WIDGETS[:3]), title, f"March {rng.randint(1, 28)}, 2031", ""]
    for _ in range(rng.randint(6, 12)):
        lines += [" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))), ""]
    lines[-2] += " Don't forget to subscribe for more updates!"
    lines += rng.sample(_WIDGETS, 4) + ["", "Most read"]
    lines += [f"{rng.choice(_PLACES)} {rng.choice(_NOUNS)} {rng.choice(_VERBS)}" for _ in range(5)]
    lines += [f"By {rng.choice(_PEOPLE)}", "#news #local #politics"]
    return "\n".join(lines)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_text(n: int) -> None:
    rng = random.Random(7)
    docs = [make_scrape(rng, i) for i in range(n)]
    words = sum(len(d.split()) for d in docs)
    t, c = time.perf_counter(), time.process_time()
    paras = 0
    for d in docs:
        paras += len(clean_text(d).paragraphs)
    dt, dc = time.perf_counter() - t, time.process_time() - c
    # CPU time as well: on a busy machine wall time understates what one core does
    print(
        f"text scrapes: {n} articles ({words / n:.0f} words avg) cleaned in {dt:.2f} s wall / {dc:.2f} s CPU "
        f"= {n / dt:.0f} articles/s wall, {n / dc:.0f} articles/s per CPU second (one core); "
        f"{paras} paragraphs kept; peak RSS {peak_rss_mb():.0f} MB"
    )


def bench_html(html_dir: Path, limit: int) -> None:
    import trafilatura

    from storyline.clean.html import extract_body

    files = sorted(html_dir.glob("*.html.gz"))[:limit]
    if not files:
        print(f"HTML: no pages found in {html_dir}")
        return
    pages = [gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in files]
    # warm-up both paths once (imports, caches)
    trafilatura.extract(pages[0])
    extract_body(pages[0])
    t = time.perf_counter()
    for h in pages:
        trafilatura.extract(h)
    base = time.perf_counter() - t
    t = time.perf_counter()
    for h in pages:
        extract_body(h)
    ours = time.perf_counter() - t
    print(
        f"HTML: {len(pages)} pages; bare trafilatura.extract {len(pages) / base:.1f} pages/s, "
        f"storyline HTML path {len(pages) / ours:.1f} pages/s; ratio storyline/trafilatura = {ours / base:.2f}x "
        f"(goal <= 1.2x); peak RSS {peak_rss_mb():.0f} MB"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--html-dir", type=Path, default=SHARED / "bench-data" / "article-extraction" / "html")
    ap.add_argument("--html-n", type=int, default=181)
    args = ap.parse_args()
    bench_text(args.n)
    bench_html(args.html_dir, args.html_n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
