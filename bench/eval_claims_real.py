"""Claim clusters against gold claims on real multi-outlet news (../shared/bench-data/news-dev).

Runs the whole pipeline (clean, store, analyse, link, compare) on the articles, given as JSONL
records with their url, outlet and date from the manifest, and prints per main story and overall:

- source sets: for each gold claim, the cluster holding most of its evidence spans; its articles
  against the gold's evidence articles (precision/recall/F1 summed over claims);
- pairwise precision of corroborated clusters: two members that are evidence of different gold
  claims are a wrong pair; the share of corroborated clusters with no wrong pair;
- splits: gold claims whose evidence lies in more than one cluster;
- conflicts: gold ones found, look-alikes reported, others reported (printed for reading);
- independence: the README's copy pairs that the counting of sources takes as one source (the
  linker's copies and the rewritten copies compare.sources finds), and pairs taken as one source
  that are no copies.

A member is evidence of a gold claim when its span and a verbatim evidence span overlap by at
least half of the shorter one. Evidence is located in the cleaned text (title, standfirst, body)
through a stream of ASCII letters and digits, so the cleaner's whitespace and repaired mojibake
do not hide it.

    .venv/bin/python bench/eval_claims_real.py [--data DIR] [--stories linker|gold] [--show N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from storyline.model import Article, ClaimMember, Conflict, Story, StoryReport  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench-data" / "news-dev"
OVERLAP = 0.5  # share of the shorter span two spans must share to be the same statement
_ALNUM = re.compile(r"[a-z0-9]")


@dataclass(slots=True)
class Located:
    """A gold span found in an article: which field and the character range."""

    field: str  # "text" | "title" | "dek"
    start: int
    end: int


def _stream(text: str) -> tuple[str, list[int]]:
    """ASCII letters and digits of ``text`` (casefolded) and each one's offset in ``text``."""
    chars, pos = [], []
    for i, ch in enumerate(text.casefold()):
        if _ALNUM.match(ch):
            chars.append(ch)
            pos.append(i)
    return "".join(chars), pos


def locate(span: str, article: Article) -> Located | None:
    needle, _ = _stream(span)
    if len(needle) < 4:
        return None
    for fld, text in (("text", article.text), ("title", article.title or ""), ("dek", article.dek or "")):
        hay, pos = _stream(text)
        k = hay.find(needle)
        if k >= 0:
            return Located(fld, pos[k], pos[k + len(needle) - 1] + 1)
    return None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and inter >= OVERLAP * shorter


@dataclass(slots=True)
class Gold:
    story: str
    claims: dict[str, set[int]]  # claim id -> article ids stating it
    spans: list[tuple[str, int, Located]]  # (claim id, article id, where)
    missing: int = 0  # evidence spans not found in the cleaned articles


@dataclass(slots=True)
class Figures:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    claims: int = 0
    split: int = 0
    pairs_ok: int = 0
    pairs_bad: int = 0
    corroborated: int = 0
    clean: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        pp = self.pairs_ok / (self.pairs_ok + self.pairs_bad) if self.pairs_ok + self.pairs_bad else 0.0
        return (
            f"source-level P {p:.2f} R {r:.2f} F1 {f1:.2f}; split {self.split}/{self.claims}; "
            f"pairwise precision {pp:.2f} ({self.pairs_bad} wrong of {self.pairs_ok + self.pairs_bad}); "
            f"corroborated clusters with no wrong pair {self.clean}/{self.corroborated}"
        )


def member_where(m: ClaimMember) -> tuple[str, int, int]:
    return ("text" if m.part == "body" else m.part, m.span.start, m.span.end)


def evidence_of(m: ClaimMember, spans_by_article: dict[int, list[tuple[str, Located]]]) -> set[str]:
    fld, s, e = member_where(m)
    return {
        cid
        for cid, loc in spans_by_article.get(m.article_id, [])
        if loc.field == fld and overlaps((s, e), (loc.start, loc.end))
    }


def score_story(gold: Gold, reports: list[StoryReport], show: int) -> Figures:
    f = Figures()
    by_article: dict[int, list[tuple[str, Located]]] = defaultdict(list)
    for cid, aid, loc in gold.spans:
        by_article[aid].append((cid, loc))
    story_articles = set().union(*gold.claims.values()) if gold.claims else set()
    clusters = [(r, c, co) for r in reports for c, co in zip(r.clusters, r.corroboration, strict=True)]
    labels = [[evidence_of(m, by_article) for m in c.members] for _, c, _ in clusters]
    for cid, want in sorted(gold.claims.items()):
        f.claims += 1
        counts = Counter(k for k, ls in enumerate(labels) for lab in ls if cid in lab)
        if len(counts) > 1:
            f.split += 1
        if not counts:
            f.fn += len(want)
            f.notes.append(f"{cid}: no cluster holds its evidence (want {len(want)} articles)")
            continue
        best = max(counts, key=lambda k: (counts[k], -len(clusters[k][1].members)))
        got = {m.article_id for m in clusters[best][1].members}
        f.tp += len(got & want)
        f.fp += len(got - want)
        f.fn += len(want - got)
        if got != want or len(counts) > 1:
            f.notes.append(
                f"{cid}: {len(got & want)}/{len(want)} in its cluster, {len(got - want)} extra, "
                f"spread over {len(counts)} clusters"
            )
    shown = 0
    for (r, c, co), labs in zip(clusters, labels, strict=True):
        if co.label != "corroborated" or not ({m.article_id for m in c.members} & story_articles):
            continue
        f.corroborated += 1
        bad = 0
        for i in range(len(labs)):
            for j in range(i + 1, len(labs)):
                if not labs[i] or not labs[j]:
                    continue
                if labs[i] & labs[j]:
                    f.pairs_ok += 1
                else:
                    bad += 1
        f.pairs_bad += bad
        f.clean += bad == 0
        if shown < show:
            shown += 1
            f.notes.append(f"cluster (story {r.story_id}) {co.independent} outlets, {bad} wrong pairs:")
            for m, lab in zip(c.members, labs, strict=True):
                f.notes.append(f"    [{','.join(sorted(lab)) or '-'}] {m.article_id}: {m.span.text[:110]!r}")
    return f


def load_gold(data: Path, aid_of: dict[str, int], articles: dict[int, Article]) -> list[Gold]:
    out = []
    for block in json.loads((data / "claims.json").read_text(encoding="utf-8")):
        g = Gold(block["story"], {}, [])
        for c in block["claims"]:
            ids = set()
            for fname, spans in c["evidence"].items():
                aid = aid_of[fname]
                ids.add(aid)
                for sp in spans:
                    loc = locate(sp, articles[aid])
                    if loc is None:
                        g.missing += 1
                    else:
                        g.spans.append((c["id"], aid, loc))
            g.claims[c["id"]] = ids
        out.append(g)
    return out


def _side(ref_aid: int, ref: tuple[str, int, int], aid: int, text: str, articles: dict[int, Article]) -> bool:
    if ref_aid != aid:
        return False
    loc = locate(text, articles[aid])
    return loc is not None and loc.field == ref[0] and overlaps(ref[1:], (loc.start, loc.end))


def conflict_matches(c: Conflict, item: dict, aid_of: dict[str, int], articles: dict[int, Article]) -> bool:  # type: ignore[type-arg]
    a_sides = [(aid_of[item["a_file"]], item["a"])]
    b_sides = [(aid_of[item["b_file"]], item["b"])] + [
        (aid_of[x["file"]], x["text"]) for x in item.get("also", [])
    ]
    ra = (c.a.field, c.a.start, c.a.end)
    rb = (c.b.field, c.b.start, c.b.end)

    def hit(ref_aid: int, ref: tuple[str, int, int], sides: list[tuple[int, str]]) -> bool:
        return any(_side(ref_aid, ref, aid, t, articles) for aid, t in sides)

    return (hit(c.a.article_id, ra, a_sides) and hit(c.b.article_id, rb, b_sides)) or (
        hit(c.b.article_id, rb, a_sides) and hit(c.a.article_id, ra, b_sides)
    )


def copies_counted_once(stories: list[Story], articles: dict[int, Article]) -> set[frozenset[int]]:
    """Pairs of articles the counting of sources takes as one source (one a copy of the other's group)."""
    from storyline.compare.sources import Sources

    out: set[frozenset[int]] = set()
    for st in stories:
        src = Sources(st, articles)
        ids = [a for a in st.article_ids if a in articles]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if src.representative(a) == src.representative(b):
                    out.add(frozenset((a, b)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument(
        "--stories",
        choices=("linker", "gold"),
        default="linker",
        help="compare within the linker's stories or within the gold stories",
    )
    ap.add_argument(
        "--show", type=int, default=0, help="print the members of this many corroborated clusters per story"
    )
    ap.add_argument("--verbose", action="store_true", help="print per-claim notes")
    args = ap.parse_args(argv)
    if not (args.data / "manifest.jsonl").exists():
        print(f"skipped: {args.data} not found (../shared must sit beside the repo)", file=sys.stderr)
        return 0

    from storyline.compare import compare_story
    from storyline.ingest import read_paths
    from storyline.link.cluster import single_story
    from storyline.pipeline import Pipeline, print_error
    from storyline.store import Store

    manifest = [
        json.loads(line)
        for line in (args.data / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        recs = Path(tmp) / "news.jsonl"
        with recs.open("w", encoding="utf-8") as fh:
            for m in manifest:
                text = (args.data / m["file"]).read_text(encoding="utf-8")
                rec = {"text": text, "url": m["url"], "outlet": m["outlet"]}
                if m.get("date"):
                    rec["published"] = m["date"]
                fh.write(json.dumps(rec) + "\n")
        t0 = time.perf_counter()
        store = Store(str(Path(tmp) / "eval.db"))
        pipe = Pipeline(store)
        rep = pipe.store_docs(read_paths([str(recs)]), on_error=print_error)
        pipe.analyse()
        pipe.link(rep.ids)
        corpus = pipe.corpus(pipe.stories(rep.ids))
        t1 = time.perf_counter()
        by_url = {a.url: aid for aid, a in corpus.articles.items()}
        aid_of = {m["file"]: by_url[m["url"]] for m in manifest}
        if args.stories == "gold":
            groups: dict[str, list[int]] = defaultdict(list)
            for m in manifest:
                groups[m["story"]].append(aid_of[m["file"]])
            stories = [
                single_story(
                    [corpus.articles[i] for i in sorted(g)], [corpus.facts.get(i) for i in sorted(g)]
                )
                for _, g in sorted(groups.items())
            ]
        else:
            stories = corpus.stories
        reports = [compare_story(st, corpus.articles, corpus.facts) for st in stories]
        t2 = time.perf_counter()
        one_source = copies_counted_once(stories, corpus.articles)
        golds = load_gold(args.data, aid_of, corpus.articles)
        store.close()

    print(
        f"{len(corpus.articles)} articles, {len(stories)} stories ({args.stories}; sizes "
        f"{sorted((len(s.article_ids) for s in stories), reverse=True)}); pipeline {t1 - t0:.1f}s, compare {t2 - t1:.1f}s"
    )
    total = Figures()
    for g in golds:
        fig = score_story(g, reports, args.show)
        print(
            f"== {g.story}: {fig.line()}"
            + (f" ({g.missing} evidence spans not located)" if g.missing else "")
        )
        if args.verbose or args.show:
            for n in fig.notes:
                print("  -", n)
        for k in ("tp", "fp", "fn", "claims", "split", "pairs_ok", "pairs_bad", "corroborated", "clean"):
            setattr(total, k, getattr(total, k) + getattr(fig, k))
    print(f"== overall: {total.line()}")

    from eval_cluster import news_dev_copy_groups

    file_of = {aid: f for f, aid in aid_of.items()}
    gold_pairs = {
        frozenset((aid_of[f"articles/{a}.txt"], aid_of[f"articles/{b}.txt"]))
        for g in news_dev_copy_groups(args.data / "README.md")
        for i, a in enumerate(g)
        for b in g[i + 1 :]
        if f"articles/{a}.txt" in aid_of and f"articles/{b}.txt" in aid_of
    }
    false_pairs = sorted(tuple(sorted(file_of[a][9:12] for a in p)) for p in one_source - gold_pairs)
    print(
        f"independence: {len(one_source & gold_pairs)}/{len(gold_pairs)} copy pairs counted as one source; "
        f"{len(false_pairs)} other pairs counted as one source{(': ' + str(false_pairs)) if false_pairs else ''}"
    )

    cf = json.loads((args.data / "conflicts.json").read_text(encoding="utf-8"))
    reported = [c for r in reports for c in r.conflicts]
    used: set[int] = set()
    found = 0
    for item in cf["conflicts"]:
        hits = [k for k, c in enumerate(reported) if conflict_matches(c, item, aid_of, corpus.articles)]
        used.update(hits)
        found += bool(hits)
        print(f"  gold {'found ' if hits else 'missed'} ({item['type']}): {item['detail'][:110]!r}")
    alike = 0
    for item in cf["not_conflicts"]:
        hits = [k for k, c in enumerate(reported) if conflict_matches(c, item, aid_of, corpus.articles)]
        alike += bool(hits)
        for k in hits:
            used.add(k)
            print(f"  look-alike reported ({reported[k].kind}): {reported[k].reason[:160]!r}")
    others = [c for k, c in enumerate(reported) if k not in used]
    print(
        f"conflicts: {found}/{len(cf['conflicts'])} gold found; {alike}/{len(cf['not_conflicts'])} look-alikes "
        f"reported; {len(others)} others reported"
    )
    for c in others:
        print(f"  other ({c.kind}): {c.reason[:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
