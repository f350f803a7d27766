"""Score per-article analysis against the seed gold (../shared/seeds/gold_findings.json).

Prints, over the seed articles:
- quotes: gold quotes found (content overlap) and found with the right speaker; precision is over the
  predicted quotes that match a gold one, and the gold list is not exhaustive (the seeds hold many more
  quotes than it lists), so read it as a lower bound;
- aliases: the ``entities_same_person`` groups recovered (entities pooled over the articles by canonical
  name key) and wrong merges (an entity holding the names of two different gold groups);
- dates: the gold event dates, from weekday references resolved against the published date or, for
  undated articles, against the story's reference date (the latest published date of the set).

Articles come from the real cleaner (``storyline.clean.clean`` on ../shared/seeds/raw); if it cannot be
imported, the gold_clean.json paragraphs are used instead (with a printed note).

    .venv/bin/python bench/eval_analyse.py [--seeds ../shared/seeds] [--attribution tests/fixtures/attribution] [-v]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from storyline.analyse import analyse_many
from storyline.analyse.timex import resolve
from storyline.model import Article, ArticleFacts
from storyline.testing.scoring import (
    AliasScore,
    GoldQuote,
    QuoteScore,
    load_seed_articles,
    place_gold,
    score_aliases,
    score_quotes,
)

ROOT = Path(__file__).resolve().parents[1]


def eval_seeds(seeds: Path, verbose: bool) -> None:
    ids, arts = load_seed_articles(seeds)
    gold = json.loads((seeds / "gold_findings.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    facts = analyse_many(arts)
    elapsed = time.perf_counter() - t0
    by_id = dict(zip(ids, zip(arts, facts, strict=True), strict=True))
    qs = QuoteScore()
    for sid, (art, f) in by_id.items():
        g = [
            GoldQuote(speaker=q["speaker"], content=q["text"], kind=q.get("kind", ""))
            for q in gold["quotes"]
            if sid in q["sources"]
        ]
        s = score_quotes(f, place_gold(art, g), sid)
        # count every prediction once, across articles
        qs.add(s)
    al = score_aliases(facts, gold["entities_same_person"], "seeds")
    print(f"seed articles: {len(arts)} analysed in {elapsed:.2f}s")
    print(
        f"quotes: gold {qs.gold}, found (content overlap) {qs.found}, with right speaker {qs.speaker_ok} "
        f"-> recall {qs.recall:.2f} (content recall {qs.content_recall:.2f}), "
        f"speaker accuracy on found {qs.speaker_accuracy:.2f}"
    )
    print(
        f"        predicted {qs.predicted}, matching a gold quote {qs.matched_predictions} -> precision vs the "
        f"(non-exhaustive) gold list {qs.precision:.2f}"
    )
    for m in qs.misses:
        print("   missed:", m)
    for m in qs.wrong_speaker:
        print("   wrong speaker:", m)
    print(
        f"aliases: groups {al.groups}, merged {al.merged} -> recall {al.recall:.2f}; wrong merges {al.wrong_merges}"
    )
    for d in al.details:
        print("  ", d)
    eval_dates(ids, arts, facts, gold)
    if verbose:
        for sid, (art, f) in by_id.items():
            print(f"== {sid} {art.title!r}")
            for q in f.quotes:
                print(f"   [{q.part} {q.kind} {q.confidence}] {q.speaker!r}: {q.content.text[:90]!r}")


def eval_dates(ids: list[str], arts: list[Article], facts: list[ArticleFacts], gold: dict) -> None:
    published = [a.published for a in arts if a.published]
    reference = max(published) if published else None
    ok = total = 0
    for d in gold.get("dates", []):
        want = dt.date.fromisoformat(d["date"])
        for sid in d["sources"]:
            k = ids.index(sid)
            times = facts[k].times
            if arts[k].published is None and reference is not None:
                times = resolve(times, reference)
            weekdays = [
                t
                for t in times
                if t.value is not None and t.end is None and t.expression.lower().endswith("day")
            ]
            total += 1
            hit = any(t.value == want for t in weekdays)
            ok += hit
            got = sorted({str(t.value) for t in weekdays})
            print(
                f"   date {d['date']} in {sid}: {'ok' if hit else 'MISSING'} (resolved weekday refs: {got})"
            )
    if total:
        print(f"dates: {ok}/{total} gold event dates resolved (story reference date {reference})")


def eval_fixtures(folder: Path) -> None:
    from storyline.testing.scoring import split_title

    paths = sorted(folder.glob("*.txt"))
    if not paths:
        return
    arts = []
    for p in paths:
        title, paras = split_title(p.read_text(encoding="utf-8"))
        arts.append(Article(source=str(p), content_hash=p.stem, paragraphs=paras, title=title))
    facts = analyse_many(arts)
    qs, al = QuoteScore(), AliasScore()
    for p, art, f in zip(paths, arts, facts, strict=True):
        g = json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))
        gq = [GoldQuote(q["speaker"], q["content"], q.get("kind", "")) for q in g["quotes"]]
        qs.add(score_quotes(f, place_gold(art, gq), p.stem))
        a = score_aliases([f], g.get("entities_same_person", []), p.stem)
        al.groups, al.merged, al.wrong_merges = (
            al.groups + a.groups,
            al.merged + a.merged,
            al.wrong_merges + a.wrong_merges,
        )
        al.details += a.details
    print(f"\nattribution fixtures ({len(paths)} texts in {folder}):")
    print(
        f"quotes: gold {qs.gold}, found {qs.found}, right speaker {qs.speaker_ok} -> recall {qs.recall:.2f}; "
        f"predicted {qs.predicted}, precision {qs.precision:.2f}"
    )
    for m in qs.misses + qs.wrong_speaker:
        print("  ", m)
    print(
        f"aliases: groups {al.groups}, merged {al.merged} ({al.recall:.2f}); wrong merges {al.wrong_merges}"
    )
    for d in al.details:
        print("  ", d)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--attribution", type=Path, default=ROOT / "tests" / "fixtures" / "attribution")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not (args.seeds / "gold_findings.json").is_file():
        print(f"seed gold not found: {args.seeds / 'gold_findings.json'}", file=sys.stderr)
        return 2
    eval_seeds(args.seeds, args.verbose)
    if args.attribution.is_dir():
        eval_fixtures(args.attribution)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
