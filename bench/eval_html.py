"""Article-body extraction quality and speed on the ScrapingHub article-extraction benchmark.

Scores bare ``trafilatura.extract(html)`` and storyline's ``extract_body`` side by side with the
benchmark's own metric: per document, bags of 4-word shingles (with multiplicity) of the predicted
and true bodies give TP/FP/FN, normalised by their sum so long pages weigh no more than short ones;
precision is averaged over documents with a non-empty prediction, recall over documents with a
non-empty truth, F1 is taken from the two averages; accuracy is the share of documents whose token
sequence matches the truth exactly.

    .venv/bin/python bench/eval_html.py [--data PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "bench-data" / "article-extraction"

# The benchmark tokenises with a bare \w+ (Unicode word characters, case kept).
_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Bag of n-token shingles; a text shorter than n tokens is one short shingle, empty is none."""
    toks = tokens(text)
    if len(toks) < n:
        return Counter([tuple(toks)] if toks else [])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(slots=True)
class DocScore:
    tp: float
    fp: float
    fn: float
    exact: bool
    empty: bool  # the prediction had no words


def score_doc(true: str | None, pred: str | None) -> DocScore:
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    if total > 0:  # normalise so every document weighs the same
        tp, fp, fn = tp / total, fp / total, fn / total
    return DocScore(tp, fp, fn, tokens(true) == tokens(pred), not p)


def _precision(s: DocScore) -> float:
    if s.fp == 0 and s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fp)


def _recall(s: DocScore) -> float:
    if s.fp == 0 and s.fn == 0:
        return 1.0
    return s.tp / (s.tp + s.fn)


@dataclass(slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float
    n: int
    empty: int  # documents with an empty prediction


def aggregate(docs: Iterable[DocScore]) -> Scores:
    docs = list(docs)
    if not docs:
        raise ValueError("no documents to score")
    # A document with an empty prediction has no precision, one with an empty truth no recall.
    precs = [_precision(s) for s in docs if s.tp + s.fp > 0]
    recs = [_recall(s) for s in docs if s.tp + s.fn > 0]
    p = statistics.mean(precs) if precs else 0.0
    r = statistics.mean(recs) if recs else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    accuracy = statistics.mean(float(s.exact) for s in docs)
    return Scores(p, r, f1, accuracy, len(docs), sum(s.empty for s in docs))


@dataclass(slots=True)
class Page:
    id: str
    html: str
    url: str | None
    truth: str


def load_pages(data: Path, limit: int | None = None) -> list[Page]:
    """Pages of the benchmark in id order (the first ``limit`` when given)."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(truth)[:limit]:
        with gzip.open(data / "html" / f"{pid}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        rec = truth[pid]
        pages.append(Page(pid, html, rec.get("url"), rec.get("articleBody") or ""))
    return pages


def run(
    systems: dict[str, Callable[[Page], str | None]], pages: list[Page]
) -> dict[str, tuple[Scores, float]]:
    """Score every system on every page; returns scores and seconds per page for each.

    The systems take turns page by page, so a busy machine slows them alike and the time ratio holds.
    """
    docs: dict[str, list[DocScore]] = {name: [] for name in systems}
    spent = dict.fromkeys(systems, 0.0)
    for page in pages:
        for name, extract in systems.items():
            t0 = time.perf_counter()
            try:
                pred = extract(page)
            except ValueError:  # storyline's "no article text": an empty prediction
                pred = ""
            spent[name] += time.perf_counter() - t0
            docs[name].append(score_doc(page.truth, pred))
    return {name: (aggregate(docs[name]), spent[name] / len(pages)) for name in systems}


def bare_trafilatura(page: Page) -> str | None:
    import trafilatura

    return trafilatura.extract(page.html)


def trafilatura_no_comments(page: Page) -> str | None:
    """The configuration behind the benchmark's published trafilatura figure."""
    import trafilatura

    return trafilatura.extract(page.html, include_comments=False)


def storyline_body(page: Page) -> str:
    from storyline.clean.html import extract_body

    return extract_body(page.html, url=page.url)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="benchmark folder (html/, ground-truth.json)"
    )
    ap.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    args = ap.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file() or not (args.data / "html").is_dir():
        print(
            f"benchmark data not found at {args.data}: expected ground-truth.json and html/*.html.gz",
            file=sys.stderr,
        )
        return 2
    pages = load_pages(args.data, args.limit)
    # Warm both code paths (imports, lazy tables) so timing measures extraction only.
    bare_trafilatura(pages[0])
    storyline_body(pages[0])

    systems = {
        "trafilatura (bare)": bare_trafilatura,
        "trafilatura no comments": trafilatura_no_comments,
        "storyline extract_body": storyline_body,
    }
    results = run(systems, pages)
    print(f"article-extraction benchmark: {len(pages)} pages from {args.data}")
    print(
        f"{'system':<24} {'precision':>9} {'recall':>7} {'F1':>7} {'accuracy':>8} {'empty':>5} {'ms/page':>8}"
    )
    for name, (s, sec) in results.items():
        print(
            f"{name:<24} {s.precision:9.4f} {s.recall:7.4f} {s.f1:7.4f} {s.accuracy:8.3f} {s.empty:5d} "
            f"{sec * 1000:8.1f}"
        )
    base_t = results["trafilatura (bare)"][1]
    ours_t = results["storyline extract_body"][1]
    print(f"time ratio storyline / bare trafilatura: {ours_t / base_t:.2f}x")
    print("published F1: trafilatura 2.0.0 0.958, best (rs_trafilatura, Zyte AutoExtract) 0.970")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
