"""Quote fidelity: one quotation as rendered by several outlets.

Quotes are grouped when their words largely coincide in order (one may be a fragment of the
other: outlets often quote part of a sentence). Each variant keeps a word diff against the group's
reference (the longest rendering). Two conflicts come out of a group:

- speaker: independent outlets attribute the same words to different people;
- misquote: inside the stretch both render, the words inside quotation marks differ (beyond case
  and punctuation), so at least one outlet did not quote verbatim.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from storyline.compare.sources import Sources
from storyline.link.align import EntityResolver, resolve_name
from storyline.model import (
    Article,
    ArticleFacts,
    Conflict,
    DiffPart,
    QuoteGroup,
    QuoteVariant,
    SourceRef,
    Span,
)

_TOKEN = re.compile(r"\S+")
_NORM = re.compile(r"[^\w%$€£]+")
STOP = frozenset("the a an and or but of to in on at for is are was were be it that this".split())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _norm(tok: str) -> str:
    return _NORM.sub("", tok.casefold().replace("’", "'"))


def _norms(text: str) -> list[str]:
    return [n for n in (_norm(t) for t in _tokens(text)) if n]


def overlap(a: list[str], b: list[str]) -> float:
    """Share of the shorter quote's words found, in order, in the other."""
    if not a or not b:
        return 0.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(bl.size for bl in sm.get_matching_blocks())
    return matched / min(len(a), len(b))


def word_diff(reference: str, variant: str) -> list[DiffPart]:
    """Word-level diff of ``variant`` against ``reference`` (case and punctuation ignored for matching)."""
    rt, vt = _tokens(reference), _tokens(variant)
    sm = SequenceMatcher(None, [_norm(t) for t in rt], [_norm(t) for t in vt], autojunk=False)
    parts: list[DiffPart] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("=", " ".join(vt[j1:j2])))
            continue
        if i2 > i1:
            parts.append(DiffPart("-", " ".join(rt[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart("+", " ".join(vt[j1:j2])))
    return parts


def inner_changes(a: str, b: str) -> list[tuple[str, str]]:
    """Word changes inside the stretch both quotes cover (a fragment's missing ends do not count)."""
    an, bn = _norms(a), _norms(b)
    sm = SequenceMatcher(None, an, bn, autojunk=False)
    blocks = [bl for bl in sm.get_matching_blocks() if bl.size]
    if not blocks:
        return []
    a0, b0 = blocks[0].a, blocks[0].b
    a1, b1 = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    sub = SequenceMatcher(None, an[a0:a1], bn[b0:b1], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sub.get_opcodes():
        if op != "equal":
            out.append((" ".join(an[a0 + i1 : a0 + i2]), " ".join(bn[b0 + j1 : b0 + j2])))
    return out


def _content_span(article: Article, content: Span) -> tuple[Span, str]:
    """The quote's span in the body, or in the title for headline quotes."""
    text = article.text
    if 0 <= content.start < content.end <= len(text) and text[content.start : content.end] == content.text:
        return content, "text"
    k = text.find(content.text) if content.text else -1
    if k >= 0:
        return Span(k, k + len(content.text), content.text), "text"
    return content, "title"


def group_quotes(
    articles: dict[int, Article],
    facts: dict[int, ArticleFacts],
    sources: Sources,
    resolve: EntityResolver,
    min_overlap: float = 0.7,
    min_words: int = 4,
) -> list[QuoteGroup]:
    variants: list[QuoteVariant] = []
    words: list[list[str]] = []
    for aid in sources.order:
        f = facts.get(aid)
        if f is None:
            continue
        for qi, q in enumerate(f.quotes):
            span, _where = _content_span(articles[aid], q.content)
            speaker = resolve_name(resolve, q.speaker) if q.speaker else None
            variants.append(
                QuoteVariant(
                    article_id=aid, outlet=sources.name[aid], quote=qi, speaker=speaker, kind=q.kind, content=span
                )
            )
            words.append(_norms(span.text))
    # greedy grouping in citation order: a quote joins the first group whose reference it matches
    groups: list[list[int]] = []
    for i, w in enumerate(words):
        placed = False
        if len(w) >= min_words and variants[i].kind != "indirect":
            for g in groups:
                ref = g[0]
                if variants[ref].kind == "indirect" or len(words[ref]) < min_words:
                    continue
                if variants[ref].article_id == variants[i].article_id and variants[ref].quote == variants[i].quote:
                    continue
                if overlap(w, words[ref]) >= min_overlap:
                    g.append(i)
                    placed = True
                    break
        if not placed:
            groups.append([i])
    out: list[QuoteGroup] = []
    for g in groups:
        vs = [variants[i] for i in g]
        ref = max(range(len(vs)), key=lambda k: (len(vs[k].content.text), -k))
        for v in vs:
            v.diff = word_diff(vs[ref].content.text, v.content.text)
            v.same_as_reference = all(p.op == "=" for p in v.diff)
        speakers = sorted({v.speaker for v in vs if v.speaker})
        counts: dict[str, int] = {}
        for v in vs:
            if v.speaker:
                counts[v.speaker] = counts.get(v.speaker, 0) + 1
        speaker = max(counts, key=lambda s: (counts[s], s)) if counts else None
        out.append(QuoteGroup(id=0, speaker=speaker, variants=vs, reference=ref, speakers=speakers))
    out.sort(key=lambda q: (-len({v.article_id for v in q.variants}), sources.ref[q.variants[0].article_id]))
    for i, q in enumerate(out):
        q.id = i + 1
    return out


def _vref(v: QuoteVariant, articles: dict[int, Article]) -> SourceRef:
    span, where = _content_span(articles[v.article_id], v.content)
    return SourceRef(article_id=v.article_id, start=span.start, end=span.end, text=span.text, field=where)


def quote_conflicts(groups: list[QuoteGroup], sources: Sources, articles: dict[int, Article]) -> list[Conflict]:
    out: list[Conflict] = []
    for g in groups:
        vs = g.variants
        done_speaker: set[tuple[str, str]] = set()
        done_words: set[tuple[int, int]] = set()
        for i in range(len(vs)):
            for j in range(i + 1, len(vs)):
                a, b = vs[i], vs[j]
                if not sources.independent(a.article_id, b.article_id):
                    continue
                if a.speaker and b.speaker and a.speaker != b.speaker:
                    key = tuple(sorted((a.speaker, b.speaker)))
                    if key not in done_speaker:
                        done_speaker.add(key)  # type: ignore[arg-type]
                        out.append(
                            Conflict(
                                kind="speaker",
                                a=_vref(a, articles),
                                b=_vref(b, articles),
                                reason=(
                                    f"Same quote, different speakers: {a.outlet} attributes it to {a.speaker}, "
                                    f"{b.outlet} to {b.speaker}."
                                ),
                                subject=g.speaker or "",
                            )
                        )
                if a.kind == "indirect" or b.kind == "indirect":
                    continue
                changes = [(x, y) for x, y in inner_changes(a.content.text, b.content.text) if _meaningful(x, y)]
                if changes and (a.article_id, b.article_id) not in done_words:
                    done_words.add((a.article_id, b.article_id))
                    shown = "; ".join(f"“{x or '—'}” / “{y or '—'}”" for x, y in changes[:3])
                    out.append(
                        Conflict(
                            kind="misquote",
                            a=_vref(a, articles),
                            b=_vref(b, articles),
                            reason=(
                                f"The same quote is worded differently by {a.outlet} and {b.outlet} "
                                f"({shown}); at least one is not verbatim."
                            ),
                            subject=g.speaker or "",
                        )
                    )
    return out


def _meaningful(x: str, y: str) -> bool:
    """A change of words, not just of function words dropped or added."""
    wx, wy = set(x.split()) - STOP, set(y.split()) - STOP
    return bool(wx ^ wy)
