"""The whole pipeline on 181 real pages of many outlets (no gold findings): what it reports.

The article-extraction benchmark (../shared/bench-data/article-extraction) holds real news and blog
pages from one week of November 2019 and a few older ones, so several stories are told by 2–4
outlets there (WeWork's troubles, a plague case in Inner Mongolia, NASA's lander contracts, ...).
With no gold findings for them, this prints what a reader would check by hand: how many stories
came out and how big, how many claims are corroborated, every conflict with its reason (false alarms
show up here), and time and memory.

    .venv/bin/python bench/real_pages.py [--data DIR] [--limit N]
    .venv/bin/python bench/real_pages.py --ecbplus [SUBTOPIC,SUBTOPIC,...]

``--ecbplus`` runs the same report on real multi-outlet stories of ECB+ (../shared/bench-data/ecbplus:
reports of one event by up to 22 outlets, 2008-2013), never used to tune anything: by default the 22
subtopics with the longest texts and at least 8 reports. Their sentences come pre-tokenised ("it 's");
they are joined back into text first, and the leading URL line gives the outlet where there is one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "bench-data" / "article-extraction"
ECBPLUS = DEFAULT_DATA.parent / "ecbplus" / "ecbplus_docs.jsonl"
ECB_STORIES = (
    "12_ecb,27_ecb,18_ecb,1_ecbplus,25_ecb,43_ecbplus,44_ecbplus,19_ecb,21_ecbplus,22_ecbplus,30_ecb,31_ecb,"
    "37_ecbplus,4_ecb,10_ecbplus,28_ecb,29_ecbplus,5_ecb,9_ecbplus,34_ecbplus,13_ecbplus,16_ecbplus"
)


def detokenise(s: str) -> str:
    """A pre-tokenised ECB+ sentence as running text ("it 's" -> "it's", "`` a ''" -> '"a"')."""
    s = s.replace("``", '"').replace("''", '"')
    s = re.sub(r" ([.,;:!?%)\]])", r"\1", s)
    s = re.sub(r"([(\[$]) ", r"\1", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)
    s = re.sub(r'" ([^"]*?) "', r'"\1"', s)
    s = re.sub(r"(\w) - (\w)", r"\1-\2", s)
    s = re.sub(r"(\d): (\d)", r"\1:\2", s)
    s = re.sub(r"(\d)\. (\d)", r"\1.\2", s)  # "6 . 1-magnitude": one decimal, not "6." and "1"
    s = re.sub(r"(?<![\w.-])(\d{1,3}), (\d{3})(?![\d.])", r"\1,\2", s)  # "230 , 000", not "5-foot-8 , 135"
    s = _pair_straight_quotes(s)
    s = re.sub(" \u2019 (s|t|re|ve|ll|d|m)\\b", "\u2019\\1", s)
    return s.replace("\u201c ", "\u201c").replace(" \u201d", "\u201d").strip()


def _pair_straight_quotes(s: str) -> str:
    """Straight quotation marks of a tokenised sentence alternate: an opening one loses the space
    after it, a closing one the space before ('" We received 50 , " added the doctor' ->
    '"We received 50," added the doctor'). A sentence with an odd count (a quotation running on into
    the next sentence) is left as it is."""
    parts = s.split('"')
    if len(parts) < 3 or len(parts) % 2 == 0:
        return s
    out = parts[0]
    for k, part in enumerate(parts[1:], 1):
        out = out + '"' + part.lstrip() if k % 2 else out.rstrip() + '"' + part
    return out


def ecbplus_records(path: Path, subtopics: list[str]) -> list[dict[str, str]]:
    """One JSONL record per ECB+ document of these subtopics: title (first sentence), text, outlet, url."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["subtopic"] not in subtopics:
            continue
        sents = list(r["sentences"])
        url = sents.pop(0).replace(" ", "") if sents and sents[0].startswith("http") else ""
        host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0] if url else ""
        rec = {
            "title": detokenise(sents[0]) if sents else "",
            "text": "\n".join(detokenise(x) for x in sents[1:]),
            "outlet": host or f"outlet {r['doc_name'].split('.')[0]}",
        }
        if url:
            rec["url"] = url
        out.append(rec)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--ecbplus", nargs="?", const=ECB_STORIES, default=None, metavar="SUBTOPICS")
    args = ap.parse_args(argv)
    truth = args.data / "ground-truth.json"
    source = ECBPLUS if args.ecbplus else truth
    if not source.is_file():
        print(f"benchmark data not found at {source}")
        return 2

    from storyline.compare import compare_story
    from storyline.ingest import read_paths
    from storyline.pipeline import Pipeline
    from storyline.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        if args.ecbplus:
            records = ecbplus_records(ECBPLUS, args.ecbplus.split(","))[: args.limit]
            ids = [str(i) for i in range(len(records))]
            with (Path(tmp) / "ecbplus.jsonl").open("w", encoding="utf-8") as fh:
                for rec in records:
                    fh.write(json.dumps(rec) + "\n")
            inputs = [str(Path(tmp) / "ecbplus.jsonl")]
        else:
            ids = sorted(json.loads(truth.read_text(encoding="utf-8")))[: args.limit]
            for pid in ids:  # the pages as a user would save them
                with gzip.open(args.data / "html" / f"{pid}.html.gz", "rb") as f:
                    (Path(tmp) / f"{pid[:12]}.html").write_bytes(f.read())
            inputs = sorted(str(p) for p in Path(tmp).glob("*.html"))
        store = Store(str(Path(tmp) / "pages.db"))
        errors: list[str] = []
        t0 = time.perf_counter()
        pipe = Pipeline(store)
        rep = pipe.store_docs(read_paths(inputs), on_error=lambda e: errors.append(str(e)))
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
    kinds = Counter(k.kind for _r, k in conflicts)
    kind = "ECB+ reports" if args.ecbplus else "pages"
    print(f"{len(ids)} {kind}: {len(corpus.articles)} articles stored, {len(errors)} failed with a reason")
    print(
        f"stories: {len(corpus.stories)}; by size: "
        + ", ".join(f"{n} articles ×{c}" for n, c in sorted(sizes.items()))
    )
    print(f"stories told by 2+ articles: {len(multi)}; corroborated claim clusters in them: {corroborated}")
    for r in sorted(multi, key=lambda r: -len(r.sources)):
        print(f"  {len(r.sources)} · {r.label[:90]}")
    print(f"conflicts reported: {len(conflicts)} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
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
