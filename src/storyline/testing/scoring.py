"""Scoring analysis output against hand-made expectations (quotes with speakers, alias groups).

Shared by ``bench/eval_analyse.py`` and the tests. Gold quotes give verbatim (or near-verbatim) text,
not offsets: they are located in the article (title, dek or body) by exact search, then by a
normalised search ignoring quotation marks and spacing, then by fuzzy alignment (rapidfuzz).

A predicted quote matches a gold quote when their character spans overlap by at least 60% of the gold
span and 40% of the predicted span; a direct gold fragment lying wholly inside a predicted mixed quote
(the fragment is one of its quoted segments) also counts as found.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from storyline.analyse.entities import name_key, names_match
from storyline.analyse.roles import is_role_phrase, role_key
from storyline.clean import clean
from storyline.ingest import read_paths
from storyline.model import Article, ArticleFacts, IngestError, Quote

_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def _norm_map(text: str) -> tuple[str, list[int]]:
    """Text without quotation marks and with collapsed spaces, plus a map back to original offsets."""
    out: list[str] = []
    pos: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        if ch in _QUOTES and not (0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()):
            continue
        c = ch.lower()
        if c.isspace():
            if prev_space:
                continue
            c, prev_space = " ", True
        else:
            prev_space = False
        out.append(c)
        pos.append(i)
    return "".join(out), pos


def locate(haystack: str, needle: str) -> tuple[int, int] | None:
    """Character span of ``needle`` in ``haystack``: exact, then normalised, then fuzzy (>= 85)."""
    needle = needle.strip()
    if not needle:
        return None
    k = haystack.find(needle)
    if k >= 0:
        return k, k + len(needle)
    h, hpos = _norm_map(haystack)
    n, _ = _norm_map(needle)
    n = n.strip()
    k = h.find(n)
    if k >= 0 and n:
        return hpos[k], hpos[k + len(n) - 1] + 1
    if len(n) < 8:
        return None
    al = fuzz.partial_ratio_alignment(n, h, score_cutoff=85)
    if al is None:
        return None
    return hpos[al.dest_start], hpos[max(al.dest_end - 1, al.dest_start)] + 1


@dataclass(slots=True)
class GoldQuote:
    speaker: str
    content: str
    kind: str = ""
    part: str = "body"
    start: int = -1
    end: int = -1


@dataclass(slots=True)
class QuoteScore:
    gold: int = 0
    predicted: int = 0
    found: int = 0  # gold quotes matched by content
    speaker_ok: int = 0  # ... and with the right speaker
    matched_predictions: int = 0  # predictions that match some gold quote
    misses: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)

    def add(self, other: QuoteScore) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.found += other.found
        self.speaker_ok += other.speaker_ok
        self.matched_predictions += other.matched_predictions
        self.misses += other.misses
        self.wrong_speaker += other.wrong_speaker

    @property
    def recall(self) -> float:
        return self.speaker_ok / self.gold if self.gold else 0.0

    @property
    def content_recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched_predictions / self.predicted if self.predicted else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.found if self.found else 0.0


def _parts(article: Article) -> dict[str, str]:
    return {"body": article.text, "title": article.title or "", "dek": article.dek or ""}


def place_gold(article: Article, gold: Iterable[GoldQuote]) -> list[GoldQuote]:
    """Find each gold quote's span (body first, then title and dek); unplaced ones keep start -1."""
    parts = _parts(article)
    used: set[tuple[str, int]] = set()
    out = []
    for g in gold:
        # reading order, skipping occurrences already taken by an earlier gold quote with the same words
        for part in ("title", "dek", "body"):
            text = parts[part]
            offset = 0
            while text:
                span = locate(text[offset:], g.content)
                if span is None:
                    break
                a, b = span[0] + offset, span[1] + offset
                if (part, a) not in used:
                    g.part, g.start, g.end = part, a, b
                    used.add((part, a))
                    break
                offset = b
            if g.start >= 0:
                break
        out.append(g)
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _match(q: Quote, g: GoldQuote) -> float:
    if q.part != g.part or g.start < 0:
        return 0.0
    ov = _overlap(q.content.start, q.content.end, g.start, g.end)
    if ov == 0:
        return 0.0
    glen, plen = g.end - g.start, q.content.end - q.content.start
    if ov >= 0.6 * glen and ov >= 0.4 * plen:
        return ov / max(glen, plen)
    if q.kind == "mixed" and ov >= 0.95 * glen and g.kind.startswith("direct"):
        return 0.01  # a quoted fragment inside a mixed quote
    return 0.0


def speaker_matches(predicted: str | None, gold: str) -> bool:
    if not predicted:
        return False
    return name_key(predicted) == name_key(gold) or names_match(predicted, gold)


def score_quotes(facts: ArticleFacts, gold: list[GoldQuote], label: str = "") -> QuoteScore:
    """One-to-one matching of predicted to gold quotes by span overlap, best pairs first."""
    s = QuoteScore(gold=len(gold), predicted=len(facts.quotes))
    pairs = []
    for qi, q in enumerate(facts.quotes):
        for gi, g in enumerate(gold):
            m = _match(q, g)
            if m > 0:
                ok = speaker_matches(q.speaker, g.speaker)
                pairs.append((ok, m, qi, gi))
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_g: set[int] = set()
    for ok, _m, qi, gi in pairs:
        if qi in used_q or gi in used_g:
            continue
        used_q.add(qi)
        used_g.add(gi)
        s.found += 1
        s.matched_predictions += 1
        if ok:
            s.speaker_ok += 1
        else:
            g = gold[gi]
            s.wrong_speaker.append(
                f"{label}: {g.content[:60]!r} gold={g.speaker!r} got={facts.quotes[qi].speaker!r}"
            )
    for gi, g in enumerate(gold):
        if gi not in used_g:
            where = "unplaced" if g.start < 0 else g.part
            s.misses.append(f"{label}: [{where}] {g.speaker}: {g.content[:70]!r}")
    return s


@dataclass(slots=True)
class AliasScore:
    groups: int = 0
    merged: int = 0  # groups whose names all land on one entity
    wrong_merges: int = 0  # entities holding names of two different groups
    details: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.merged / self.groups if self.groups else 0.0


def entity_keys(facts_list: Iterable[ArticleFacts]) -> list[set[str]]:
    """Alias keys per entity; entities of several articles with the same canonical key are pooled."""
    pooled: dict[str, set[str]] = {}
    for facts in facts_list:
        for e in facts.entities:
            keys = {name_key(a) for a in [e.name, *e.aliases]} - {""}
            if e.type == "person":
                # the surname alone names the person even where the article never uses it alone
                keys |= {
                    name_key(a.split()[-1])
                    for a in [e.name, *e.aliases]
                    if len(a.split()) >= 2 and a[:1].isupper()
                }
            pooled.setdefault(f"{e.type}:{name_key(e.name)}", set()).update(keys)
    return list(pooled.values())


def score_aliases(facts_list: list[ArticleFacts], groups: list[list[str]], label: str = "") -> AliasScore:
    """Is every group of names one entity (by canonical key), with no entity spanning two groups?"""
    ents = entity_keys(facts_list)
    s = AliasScore(groups=len(groups))
    gkeys = [{name_key(n) for n in g} for g in groups]
    for g, keys in zip(groups, gkeys, strict=True):
        if any(keys <= e for e in ents):
            s.merged += 1
        else:
            best = max(ents, key=lambda e: len(keys & e), default=set())
            s.details.append(f"{label}: not merged {g!r}; best entity lacks {sorted(keys - best)!r}")
    # names proper (not role phrases) identify a group; a role word shared by two people is no merge
    ident = [
        {name_key(n) for n in g if not is_role_phrase(n) or name_key(n) != role_name_key(n)} for g in groups
    ]
    for e in ents:
        hit = [groups[k][0] for k, keys in enumerate(ident) if keys & e]
        if len(hit) > 1:
            s.wrong_merges += 1
            s.details.append(f"{label}: wrong merge of {hit!r}")
    return s


def role_name_key(name: str) -> str:
    qual, core = role_key(name)
    return f"{qual} {core}".strip()


def split_title(text: str) -> tuple[str | None, list[str]]:
    """A plain text with a headline line: (title, body paragraphs)."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    if len(blocks) >= 2 and not blocks[0].rstrip().endswith((".", "!", "?", "\u201d", '"')):
        return blocks[0], blocks[1:]
    return None, blocks


def load_seed_articles(seeds: Path) -> tuple[list[str], list[Article]]:
    """Seed articles keyed by their 3-digit prefix, through the cleaner when it is available."""
    raw = sorted((seeds / "raw").glob("*.txt"))
    try:
        arts = []
        for p in raw:
            docs = [d for d in read_paths([str(p)]) if not isinstance(d, IngestError)]
            arts.append(clean(docs[0]))
        return [p.name[:3] for p in raw], arts
    except ImportError as exc:
        print(f"note: storyline.clean unavailable ({exc}); using gold_clean.json paragraphs")
    gold = json.loads((seeds / "gold_clean.json").read_text(encoding="utf-8"))
    ids, arts = [], []
    for name, rec in sorted(gold.items()):
        ids.append(name[:3])
        pub = dt.date.fromisoformat(rec["published"]) if rec.get("published") else None
        arts.append(
            Article(
                source=name,
                content_hash=name,
                paragraphs=rec["body_paragraphs"],
                title=rec.get("title"),
                dek=rec.get("dek"),
                published=pub,
                outlet=rec.get("outlet"),
            )
        )
    return ids, arts
