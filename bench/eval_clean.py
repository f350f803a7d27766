"""Score the text cleaner against ../shared/seeds/gold_clean.json and print the figures.

Usage: python bench/eval_clean.py [--gold PATH] [--raw DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from storyline.clean import clean
from storyline.clean.boilerplate import split_sentences
from storyline.ingest import read_paths
from storyline.model import RawDoc

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
META_REASONS = {"dateline", "byline"}  # consumed into metadata, not boilerplate
FIELDS = ("title", "published", "outlet", "dek", "reported_via", "photo_caption", "section_headings")


def _n(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _sents(paras: list[str]) -> list[str]:
    return [_n(p[a:b]) for p in paras for a, b in split_sentences(p)]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: list[str], gold: list[str]) -> None:
        g = list(gold)
        for x in pred:
            if x in g:
                g.remove(x)
                self.tp += 1
            else:
                self.fp += 1
        self.fn += len(g)

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Scores:
    paragraphs: Counts = field(default_factory=Counts)
    sentences: Counts = field(default_factory=Counts)
    boilerplate: Counts = field(default_factory=Counts)
    fields_ok: int = 0
    fields_total: int = 0
    problems: list[str] = field(default_factory=list)


def score(gold_path: Path, raw_dir: Path) -> Scores:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    sc = Scores()
    docs = {Path(d.source).name: d for d in read_paths([str(raw_dir)]) if isinstance(d, RawDoc)}
    for name, g in gold.items():
        if name not in docs:
            sc.problems.append(f"{name}: not ingested")
            continue
        art = clean(docs[name])
        paras = [_n(p) for p in art.paragraphs]
        sc.paragraphs.add(paras, [_n(p) for p in g["body_paragraphs"]])
        sc.sentences.add(_sents(art.paragraphs), _sents(g["body_paragraphs"]))
        dropped = [_n(d.text) for d in art.dropped if d.reason not in META_REASONS]
        sc.boilerplate.add(dropped, [_n(b) for b in g.get("boilerplate", [])])
        got = {
            "title": art.title,
            "published": art.published.isoformat() if art.published else None,
            "outlet": art.outlet,
            "dek": art.dek,
            "reported_via": art.reported_via,
            "photo_caption": art.captions[0] if art.captions else None,
            "section_headings": art.section_headings,
        }
        for f in FIELDS:
            want = g.get(f, [] if f == "section_headings" else None)
            sc.fields_total += 1
            if got[f] == want:
                sc.fields_ok += 1
            else:
                sc.problems.append(f"{name}: {f} = {got[f]!r}, gold {want!r}")
    return sc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=SHARED / "seeds" / "gold_clean.json")
    ap.add_argument("--raw", type=Path, default=SHARED / "seeds" / "raw")
    args = ap.parse_args()
    if not args.gold.exists():
        print(f"gold file not found: {args.gold} (../shared/seeds is needed for this evaluation)")
        return 2
    sc = score(args.gold, args.raw)
    from rich.console import Console
    from rich.table import Table

    t = Table(title="storyline text cleaner vs gold_clean.json")
    for col in ("measure", "precision", "recall", "tp/fp/fn"):
        t.add_column(col)
    for label, c in (
        ("body paragraphs", sc.paragraphs),
        ("body sentences", sc.sentences),
        ("boilerplate removed", sc.boilerplate),
    ):
        t.add_row(label, f"{c.p:.1%}", f"{c.r:.1%}", f"{c.tp}/{c.fp}/{c.fn}")
    t.add_row(
        "metadata fields correct",
        f"{sc.fields_ok}/{sc.fields_total}",
        f"{sc.fields_ok / max(sc.fields_total, 1):.1%}",
        "",
    )
    Console().print(t)
    for p in sc.problems:
        print("  -", p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
