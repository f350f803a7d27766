"""Score the cross-source findings against a gold findings file.

Runs the whole pipeline (ingest, clean, analyse, link, compare) on a folder of articles and
prints, against the gold file:

- claims: each gold claim is matched to the claim cluster whose members read most like it
  (embedding cosine; a member naming the gold claim's numbers gains, one naming only other values
  loses, since the embeddings barely see numbers); the cluster's set of source articles is
  compared with the gold ``sources``
  (exact-set accuracy, and source-level precision/recall/F1 summed over claims);
- quotes: gold quotes found (content overlap) in a source article, and with the right speaker;
- dates: gold event dates present in the timeline with all their source articles;
- inconsistencies: real ones found; "not a conflict" items (and any other reported conflict)
  counted as false conflicts.

Gold formats: ../shared/seeds/gold_findings.json (sources are 3-digit file prefixes),
tests/fixtures/multioutlet/expected.json (file names) and examples/sample-corpus.truth.json
(record ids ``file`` or ``file#N``, several stories).

When the linker's stories differ from the gold's (one story, or the sample corpus' labelled
stories), the scores are printed twice: with the stories the linker found, and with the articles
grouped as the gold groups them (which isolates the compare stage).

    .venv/bin/python bench/eval_findings.py [--raw DIR] [--gold FILE]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import json  # noqa: E402

import numpy as np  # noqa: E402

from storyline.model import Article, Story, StoryReport  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@dataclass(slots=True)
class Scores:
    claims: int = 0
    exact: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    quotes: int = 0
    quotes_found: int = 0
    quotes_speaker: int = 0
    dates: int = 0
    dates_found: int = 0
    positives: int = 0
    positives_found: int = 0
    false_conflicts: int = 0
    reported: int = 0
    misses: list[str] = field(default_factory=list)


def source_matches(key: str, article: Article) -> bool:
    """Does a gold source key name this article? (prefix "001", file name, or "file#N")."""
    src = article.source.replace("\\", "/")
    name = src.rsplit("/", 1)[-1]
    if "#" in key:
        return name == key or src.endswith("/" + key)
    base = name.split("#", 1)[0]
    return base == key or (len(key) <= 4 and key.isdigit() and base.startswith(key + "_"))


def keys_of(ids: set[int], articles: dict[int, Article], keys: list[str]) -> set[str]:
    return {k for k in keys for aid in ids if aid in articles and source_matches(k, articles[aid])}


NUMBER_MISMATCH = 0.15
NUMBER_MATCH = 0.1
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")


def _numbers(text: str) -> set[float]:
    """The values a text names (years included: a claim about 2014 is not one about 2022)."""
    out = set()
    for m in _NUMBER.findall(text):
        try:
            out.add(float(m.replace(",", "")))
        except ValueError:
            continue
    return out


def _words(text: str) -> list[str]:
    return [w for w in re.sub(r"[^\w\s]", " ", text.casefold()).split() if w]


def _same_person(a: str | None, b: str) -> bool:
    if not a:
        return False
    fa, fb = _words(a), _words(b)
    return fa == fb or (bool(fa) and bool(fb) and fa[-1] == fb[-1])


def normalise_gold(gold: dict) -> dict:  # type: ignore[type-arg]
    """One shape for the three gold formats: quotes and spans name their sources as ``sources``."""
    g = dict(gold)
    g["quotes"] = [
        {**q, "sources": q.get("sources") or [q["doc"]], "text": q.get("text") or q.get("content", "")}
        for q in gold.get("quotes", [])
    ]
    g["inconsistencies"] = [
        {
            **i,
            "sources": i.get("sources")
            or sorted({sp.get("doc") or sp.get("source") for sp in i.get("spans", [])}),
        }
        for i in gold.get("inconsistencies", [])
    ]
    return g


def score(gold: dict, reports: list[StoryReport], articles: dict[int, Article]) -> Scores:
    from storyline.compare.quotes import overlap
    from storyline.embed import encode

    s = Scores()
    all_keys = sorted(
        {
            k
            for sec in ("claims", "quotes", "dates")
            for item in gold.get(sec, [])
            for k in item.get("sources", [])
        }
    )
    # ---- claims
    members = [
        (ri, ci, m.span.text)
        for ri, r in enumerate(reports)
        for ci, c in enumerate(r.clusters)
        for m in c.members
    ]
    if members and gold.get("claims"):
        mv = encode([t for _, _, t in members])
        gv = encode([c["text"] for c in gold["claims"]])
        sims = gv @ mv.T
        # MiniLM barely sees numbers: a member giving other values than the gold claim does not state it,
        # one giving its values most likely does
        gnums = [_numbers(c["text"]) for c in gold["claims"]]
        mnums = [_numbers(t) for _, _, t in members]
        for gi, gn in enumerate(gnums):
            for mi, mn in enumerate(mnums):
                if gn and mn:
                    sims[gi, mi] += NUMBER_MATCH if gn & mn else -NUMBER_MISMATCH
        for gi, gc in enumerate(gold["claims"]):
            best = int(np.argmax(sims[gi]))
            ri, ci, _ = members[best]
            cluster = reports[ri].clusters[ci]
            got = keys_of({m.article_id for m in cluster.members}, articles, all_keys)
            want = set(gc["sources"])
            s.claims += 1
            s.exact += got == want
            s.tp += len(got & want)
            s.fp += len(got - want)
            s.fn += len(want - got)
            if got != want:
                s.misses.append(
                    f"claim {gc['id']}: got {sorted(got)} want {sorted(want)} ← “{cluster.members[cluster.representative].span.text[:90]}”"
                )
    # ---- quotes
    variants = [(v, r) for r in reports for g in r.quotes for v in g.variants]
    for gq in gold.get("quotes", []):
        s.quotes += 1
        gw = _words(gq["text"])
        found = speaker_ok = False
        for v, _r in variants:
            if not any(source_matches(k, articles[v.article_id]) for k in gq["sources"]):
                continue
            if overlap(gw, _words(v.content.text)) >= 0.6:
                found = True
                if _same_person(v.speaker, gq["speaker"]):
                    speaker_ok = True
                    break
        s.quotes_found += found
        s.quotes_speaker += speaker_ok
        if not speaker_ok:
            s.misses.append(
                f"quote ({gq['speaker']}): {'wrong speaker' if found else 'not found'} “{gq['text'][:70]}”"
            )
    # ---- dates
    for gd in gold.get("dates", []):
        s.dates += 1
        ok = False
        for r in reports:
            for e in r.timeline:
                if e.date.isoformat() != gd["date"]:
                    continue
                if keys_of(set(e.article_ids), articles, gd["sources"]) == set(gd["sources"]):
                    ok = True
        s.dates_found += ok
        if not ok:
            s.misses.append(f"date {gd['date']} ({gd.get('event', '')[:50]}) sources {gd['sources']}")
    # ---- inconsistencies
    conflicts = [c for r in reports for c in r.conflicts]
    s.reported = len(conflicts)
    matched: set[int] = set()
    for gi in gold.get("inconsistencies", []):
        negative = gi.get("conflict") is False or gi.get("text", "").lower().startswith("not a conflict")
        if negative:
            continue
        s.positives += 1
        odd = set(gi.get("odd_one_out", []))
        hit = False
        for k, c in enumerate(conflicts):
            ka = keys_of({c.a.article_id}, articles, gi["sources"])
            kb = keys_of({c.b.article_id}, articles, gi["sources"])
            if not ka or not kb:
                continue
            if odd and not (odd & (ka | kb)):
                continue
            spans = [sp["text"].casefold() for sp in gi.get("spans", [])]
            if spans and not any(
                sp in x.text.casefold() or x.text.casefold() in sp for sp in spans for x in (c.a, c.b)
            ):
                continue
            matched.add(k)
            hit = True
        s.positives_found += hit
        if not hit:
            s.misses.append(f"inconsistency {gi['id']} not found")
    s.false_conflicts = len(conflicts) - len(matched)
    for k, c in enumerate(conflicts):
        if k not in matched:
            s.misses.append(f"false conflict ({c.kind}): {c.reason[:140]}")
    return s


def gold_groups(gold: dict, articles: dict[int, Article]) -> list[list[int]]:  # type: ignore[type-arg]
    """Article ids grouped by the gold's stories (all articles when the gold names one story)."""
    if "one_story" in gold:
        return [sorted(articles)]
    by_story: dict[str, list[int]] = {}
    for d in gold.get("documents", []):
        for aid, a in articles.items():
            if source_matches(d["id"], a):
                by_story.setdefault(d["story"], []).append(aid)
    return [sorted(v) for _, v in sorted(by_story.items())]


def one_story(ids: list[int], articles: dict[int, Article], facts: dict) -> Story:  # type: ignore[type-arg]
    """All articles as one story (the linker's records: duplicates, entities, events, dates)."""
    from storyline.link.cluster import single_story

    return single_story([articles[i] for i in ids], [facts.get(i) for i in ids])


def report(title: str, s: Scores) -> None:
    p = s.tp / (s.tp + s.fp) if s.tp + s.fp else 0.0
    r = s.tp / (s.tp + s.fn) if s.tp + s.fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"== {title}")
    print(
        f"claims: {s.exact}/{s.claims} exact source sets ({s.exact / max(s.claims, 1):.0%}); "
        f"source-level P {p:.3f} R {r:.3f} F1 {f1:.3f}"
    )
    print(f"quotes: {s.quotes_speaker}/{s.quotes} with the right speaker ({s.quotes_found}/{s.quotes} found)")
    print(f"dates: {s.dates_found}/{s.dates} in the timeline with all their sources")
    print(
        f"inconsistencies: {s.positives_found}/{s.positives} found; {s.false_conflicts} false conflicts "
        f"({s.reported} reported)"
    )
    for m in s.misses:
        print("  -", m)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--raw", type=Path, default=SHARED / "seeds" / "raw", help="folder of articles")
    ap.add_argument("--gold", type=Path, default=SHARED / "seeds" / "gold_findings.json")
    ap.add_argument("--db", default=None, help="store to use (default: a temporary SQLite file)")
    args = ap.parse_args(argv)
    if not args.raw.exists() or not args.gold.exists():
        print(
            f"error: {args.raw} or {args.gold} not found (../shared must sit beside the repo)",
            file=sys.stderr,
        )
        return 2

    from storyline.compare import compare_story
    from storyline.ingest import read_paths
    from storyline.pipeline import Pipeline, print_error
    from storyline.store import Store

    gold = normalise_gold(json.loads(args.gold.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = Store(args.db or str(Path(tmp) / "eval.db"))
        inputs = [
            p
            for p in sorted(args.raw.iterdir())
            if p.suffix.lower() in (".txt", ".html", ".htm", ".xml", ".jsonl", ".json", ".rss", ".atom")
            and p.name not in ("expected.json", "TRUTH.json", "README.md")
        ]
        pipe = Pipeline(store)
        rep = pipe.store_docs(read_paths([str(p) for p in inputs]), on_error=print_error)
        t1 = time.perf_counter()
        pipe.analyse()
        t2 = time.perf_counter()
        pipe.link(rep.ids)
        corpus = pipe.corpus(pipe.stories(rep.ids))
        t3 = time.perf_counter()
        reports = [compare_story(st, corpus.articles, corpus.facts) for st in corpus.stories]
        t4 = time.perf_counter()
        print(
            f"{len(corpus.articles)} articles, {len(corpus.stories)} stories "
            f"(sizes {sorted((len(st.article_ids) for st in corpus.stories), reverse=True)})"
        )
        print(
            f"time: ingest {t1 - t0:.1f}s, analyse {t2 - t1:.1f}s, link {t3 - t2:.1f}s, compare {t4 - t3:.1f}s"
        )
        report("pipeline (linker's stories)", score(gold, reports, corpus.articles))

        groups = gold_groups(gold, corpus.articles)
        if groups and (
            len(groups) != len(corpus.stories)
            or any(set(g) != set(st.article_ids) for g, st in zip(groups, corpus.stories, strict=False))
        ):
            reps = [
                compare_story(one_story(g, corpus.articles, corpus.facts), corpus.articles, corpus.facts)
                for g in groups
            ]
            report(
                "compare stage alone (articles grouped by the gold stories)",
                score(gold, reps, corpus.articles),
            )
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
