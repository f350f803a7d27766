"""Quote fidelity: one quotation as rendered by several outlets.

Quotes are grouped when their words largely coincide in order (one may be a fragment of the
other: outlets often quote part of a sentence). Each variant keeps a word diff against the group's
reference (the longest rendering). Two kinds of conflict come out of a group (registered with the
other kinds in ``storyline.compare.conflicts.CONFLICT_KINDS``):

- speaker: independent outlets attribute the same words to different people;
- misquote: inside the stretch both render, the words inside quotation marks differ, so at least one
  outlet did not quote verbatim. Differences that leave the words the same are no misquote: case and
  punctuation, British and American spelling, a transliterated or slightly misspelt name
  ("Zelenskyy"/"Zelensky"), an abbreviation for its words ("U.S."/"United States"), how a number or
  an amount is written ("350"/"US$350", "5%"/"five per cent"), and words outside the marks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import Levenshtein

from storyline.analyse.quotes import find_quote_marks
from storyline.compare.align import EntityResolver, speaker_name
from storyline.compare.sources import Sources
from storyline.embed import encode
from storyline.link.features import american
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


@dataclass(frozen=True, slots=True)
class QuoteFidelityConfig:
    """When renderings are one quote, and when two speakers conflict (part of ``ConflictConfig``).

    Set by hand on the seeds, the multi-outlet fixture and the sample corpus (bench/eval_findings.py:
    10/10, 11/11 and 56/56 quotes), not re-measured one by one.
    """

    min_overlap: float = 0.7  # share of the shorter rendering's words found in order in the other
    min_words: int = 4  # shorter quotes are too common to group
    min_shared_content: int = 3  # content words two renderings must share in order
    same_speaker_overlap: float = 0.55  # a looser rendering of the same speaker's words ...
    same_speaker_sim: float = 0.8  # ... whose sentence embeddings agree this well
    speaker_reach: int = 300  # characters around a rendering searched for the other outlet's speaker
    # a rendering that adds or drops this many words inside the stretch both cover is another saying
    # (a politician's stock line on another day), not a misquote of this one. Article-extraction pages
    # (bench-data, unseen in tuning): "... billions of dollars [from a country that never gave us 10
    # cents,] China" against "... billions of dollars in tariff money from China" was reported
    max_gap_words: int = 5


_TOKEN = re.compile(r"\S+")
_NORM = re.compile(r"[^\w%$€£]+")
STOP = frozenset("the a an and or but of to in on at for is are was were be it that this".split())
# auxiliaries added or dropped ("we received" / "we have received") change no word the speaker chose
_AUX = frozenset("have has had 've do does did been being".split())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _norm(tok: str) -> str:
    # one spelling for British and American forms: "defence" for "defense" is no misquote
    return american(_NORM.sub("", tok.casefold().replace("’", "'")))


def _norms(text: str) -> list[str]:
    return [n for n in (_norm(t) for t in _tokens(text)) if n]


def overlap(a: list[str], b: list[str]) -> float:
    """Share of the shorter quote's words found, in order, in the other. Most of them must come in runs
    of two words or more: single words met here and there ("we ... have ... two") make no rendering
    of one quote."""
    if not a or not b:
        return 0.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    sizes = [bl.size for bl in sm.get_matching_blocks() if bl.size]
    matched = sum(sizes)
    if 2 * sum(n for n in sizes if n >= 2) < matched:
        return 0.0
    return matched / min(len(a), len(b))


def _shared_content(a: list[str], b: list[str]) -> int:
    """Words other than function words that two quotes share in order."""
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return sum(1 for bl in sm.get_matching_blocks() for w in a[bl.a : bl.a + bl.size] if w not in STOP)


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


# An editor's insertion ("min[ute]", "[I]f", "(expletive)", "her (Jane Roe)") or a censored word
# ("f---ing", "s***") is no change of the speaker's words.
_EDITORIAL = re.compile(r"\[[^\]]{0,30}\]|\([^()]{0,30}\)|\S*(?:-{2,}|\*{2,})\S*", re.I)
_BRACKETED = re.compile(r"\[[^\]]{0,60}\]")
_DOMAIN = re.compile(r"\.(?:com|net|org|gov|edu|co\.uk)\W*$", re.I)  # "MySite.com" names "MySite"
_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011](?=\w)")  # "third-quarter" reads as "third quarter"


_MARK = "editorsmark"  # stands where an editor changed or hid words


def _comparable(text: str) -> str:
    return _HYPHEN.sub(" ", _EDITORIAL.sub(f" {_MARK} ", text))


def quoted_words(text: str, kind: str) -> str:
    """The words a rendering puts inside quotation marks: all of a direct quote, the quoted stretches
    of a mixed one ("the idea “is actually not so crazy”", "… ever made,” the chair said. “Every bus …")."""
    marks = [m.start() for m in re.finditer(r"[\"“”«»]", text)]
    if kind != "mixed" and not marks:
        return text
    if not marks:
        return text

    def closes(i: int) -> bool:
        ch = text[i]
        return ch in "”»" or ch == '"' and i > 0 and not text[i - 1].isspace()

    inside = closes(marks[0])  # a first mark that closes: the rendering starts inside the quote
    parts, pos = [], 0
    for i in marks:
        if inside:
            parts.append(text[pos:i])
        inside, pos = not inside, i + 1
    if inside:
        parts.append(text[pos:])
    parts = [p.strip() for p in parts if len(p.strip()) >= 3]
    return " … ".join(parts) if parts else text


def inner_changes(a: str, b: str) -> list[tuple[str, str]]:
    """Word changes inside the stretch both quotes cover, as verbatim words of ``a`` and ``b``.

    Matching ignores case, punctuation, hyphens between words and editors' insertions; a fragment's
    missing ends are no change.
    """
    ta = [t for t in _tokens(_comparable(a)) if _norm(t)]
    tb = [t for t in _tokens(_comparable(b)) if _norm(t)]
    an, bn = [_norm(t) for t in ta], [_norm(t) for t in tb]
    sm = SequenceMatcher(None, an, bn, autojunk=False)
    blocks = [bl for bl in sm.get_matching_blocks() if bl.size]
    if not blocks:
        return []
    a1, b1 = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    # the start from the words read backwards: of two places a fragment's first words could match ("small
    # players. And we are one of those. The small players bring ..."), the one next to the rest of it
    back = [
        bl
        for bl in SequenceMatcher(None, an[::-1], bn[::-1], autojunk=False).get_matching_blocks()
        if bl.size
    ]
    a0, b0 = len(an) - back[-1].a - back[-1].size, len(bn) - back[-1].b - back[-1].size
    if not (0 <= a0 < a1 and 0 <= b0 < b1):
        a0, b0 = blocks[0].a, blocks[0].b
    sub = SequenceMatcher(None, an[a0:a1], bn[b0:b1], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sub.get_opcodes():
        if op != "equal":
            out.append((" ".join(ta[a0 + i1 : a0 + i2]), " ".join(tb[b0 + j1 : b0 + j2])))
    return out


def _content_span(article: Article, content: Span, part: str = "body") -> tuple[Span, str]:
    """The quote's span and the article field it indexes ("text", "title" or "dek")."""
    if part in ("title", "dek"):
        return content, part
    text = article.text
    if 0 <= content.start < content.end <= len(text) and text[content.start : content.end] == content.text:
        return content, "text"
    k = text.find(content.text) if content.text else -1
    if k >= 0:
        return Span(k, k + len(content.text), content.text), "text"
    for name in ("title", "dek"):
        value = getattr(article, name) or ""
        k = value.find(content.text) if content.text else -1
        if k >= 0:
            return Span(k, k + len(content.text), content.text), name
    return content, "text"


# A cue by which the speaker holds the words untrue ("denied the attack occurred"): shown with them.
_DENIAL_CUE = re.compile(
    r"den(?:y|ies|ied|ying)|disput(?:e|es|ed|ing)|refut(?:e|es|ed|ing)|rebut(?:s|ted|ting)?", re.I
)


def group_quotes(
    articles: dict[int, Article],
    facts: dict[int, ArticleFacts],
    sources: Sources,
    resolve: EntityResolver,
    config: QuoteFidelityConfig | None = None,
) -> list[QuoteGroup]:
    c = config or QuoteFidelityConfig()
    min_overlap, min_words = c.min_overlap, c.min_words
    variants: list[QuoteVariant] = []
    words: list[list[str]] = []
    spoken: list[list[str]] = []  # the words without an editor's bracketed insertions
    for aid in sources.order:
        f = facts.get(aid)
        if f is None:
            continue
        for qi, q in enumerate(f.quotes):
            span, where = _content_span(articles[aid], q.content, getattr(q, "part", "body"))
            speaker = speaker_name(resolve, q.speaker, q) if q.speaker else None
            variants.append(
                QuoteVariant(
                    article_id=aid,
                    outlet=sources.name[aid],
                    quote=qi,
                    speaker=speaker,
                    kind=q.kind,
                    content=span,
                    field=where,
                    denied=q.cue is not None and _DENIAL_CUE.fullmatch(q.cue.text.strip()) is not None,
                )
            )
            words.append(_norms(span.text))
            spoken.append(_norms(_BRACKETED.sub(f" {_MARK} ", span.text)))
    vectors: dict[int, np.ndarray] = {}

    def cos(i: int, j: int) -> float:
        missing = [k for k in (i, j) if k not in vectors]
        if missing:
            for k, v in zip(missing, encode([variants[k].content.text for k in missing]), strict=True):
                vectors[k] = v
        return float(vectors[i] @ vectors[j])

    # greedy grouping in citation order: a quote joins the first group whose reference it matches
    groups: list[list[int]] = []
    # Only a reference sharing ``min_shared_content`` content words (counted with repeats) can match, so
    # groups are looked up by their reference's words: a big story holds thousands of quotes.
    holding: dict[str, list[int]] = {}  # content word -> groups whose reference can be matched
    ref_counts: list[Counter[str]] = []
    for i, w in enumerate(words):
        placed = False
        if len(w) >= min_words and variants[i].kind != "indirect":
            bag = Counter(t for t in w if t not in STOP)
            shared: Counter[int] = Counter()
            for t, n in bag.items():
                for gi in holding.get(t, ()):
                    shared[gi] += min(n, ref_counts[gi][t])
            if c.min_shared_content > 0:
                candidates = sorted(gi for gi, n in shared.items() if n >= c.min_shared_content)
            else:
                candidates = list(range(len(groups)))
            for gi in candidates:
                g = groups[gi]
                ref = g[0]
                if variants[ref].kind == "indirect" or len(words[ref]) < min_words:
                    continue
                if (
                    variants[ref].article_id == variants[i].article_id
                    and variants[ref].quote == variants[i].quote
                ):
                    continue
                ov = overlap(w, words[ref])
                if _shared_content(spoken[i], spoken[ref]) < c.min_shared_content:
                    # "we need everyone on it" / "we need to get on it": too little to be one quote; an
                    # editor's "[the Act]" is not the speaker's: "the aims of [the Act]" is no
                    # rendering of another sentence that names the Act
                    continue
                # the same speaker's words: a looser rendering still counts as the same quote
                same_speaker = (
                    variants[i].speaker is not None and variants[i].speaker == variants[ref].speaker
                )
                if ov >= min_overlap or (
                    same_speaker and ov >= c.same_speaker_overlap and cos(i, ref) >= c.same_speaker_sim
                ):
                    g.append(i)
                    placed = True
                    break
        if not placed:
            groups.append([i])
            bag = Counter(t for t in w if t not in STOP)
            ref_counts.append(bag)
            if len(w) >= min_words and variants[i].kind != "indirect":
                for t in bag:
                    holding.setdefault(t, []).append(len(groups) - 1)
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
    out.sort(key=lambda g: (-len({v.article_id for v in g.variants}), sources.ref[g.variants[0].article_id]))
    for i, group in enumerate(out):
        group.id = i + 1
    return out


def _vref(v: QuoteVariant, articles: dict[int, Article]) -> SourceRef:
    return SourceRef(
        article_id=v.article_id, start=v.content.start, end=v.content.end, text=v.content.text, field=v.field
    )


def speaker_conflicts(
    g: QuoteGroup,
    sources: Sources,
    articles: dict[int, Article],
    config: QuoteFidelityConfig,
    kinds: dict[str, str] | None = None,
    explicit: Callable[[QuoteVariant], bool] | None = None,
) -> list[Conflict]:
    """Independent outlets give the same words to two named speakers. ``kinds``: entity type by
    name; a person and an organisation are no conflict (a spokesperson or officer speaks for it).
    ``explicit``: whether a rendering names its speaker in its own sentence; a speaker found through
    a pronoun or another sentence is the analysis' guess, and two guesses are no conflict."""
    kinds = kinds or {}
    out: list[Conflict] = []
    done: set[tuple[str, str]] = set()
    vs = g.variants
    for i in range(len(vs)):
        for j in range(i + 1, len(vs)):
            a, b = vs[i], vs[j]
            if not (a.speaker and b.speaker) or a.speaker == b.speaker:
                continue
            if not (_named(a.speaker) and _named(b.speaker)):
                continue  # "report", "campaign", "officials": a description may name the same source
            if kinds and not all(len(x.split()) > 1 or x in kinds for x in (a.speaker, b.speaker)):
                continue  # "Authorities described ...": one word capitalised at a sentence start, no name
            if explicit is not None and not (explicit(a) and explicit(b)):
                continue
            ka, kb = kinds.get(a.speaker), kinds.get(b.speaker)
            if ka and kb and ka != kb:
                continue
            if not sources.independent(a.article_id, b.article_id) or _named_nearby(
                a, b, articles, config.speaker_reach
            ):
                continue
            key = (min(a.speaker, b.speaker), max(a.speaker, b.speaker))
            if key in done:
                continue
            done.add(key)
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
    return out


def misquotes(
    g: QuoteGroup, sources: Sources, articles: dict[int, Article], config: QuoteFidelityConfig
) -> list[Conflict]:
    """One conflict per rendering that departs from the most widely reported one."""
    renderings: dict[tuple[str, ...], list[QuoteVariant]] = {}
    for v in g.variants:
        if v.kind != "indirect":
            renderings.setdefault(tuple(_norms(v.content.text)), []).append(v)
    if len(renderings) < 2:
        return []

    def weight(vs: list[QuoteVariant]) -> tuple[int, int]:
        return len({sources.voice(v.article_id) for v in vs}), len(vs)

    # renderings that differ from one another only in function words or spelling are one wording
    # ("there were another dozen" / "there another dozen", a word dropped in copying): one report
    ranked: list[list[QuoteVariant]] = []
    for vs in sorted(renderings.values(), key=weight, reverse=True):
        here = inside_marks(vs[0], articles)
        for kept in ranked:
            if not any(_meaningful(x, y) for x, y in inner_changes(inside_marks(kept[0], articles), here)):
                kept.extend(vs)
                break
        else:
            ranked.append(list(vs))
    if len(ranked) < 2:
        return []
    ranked.sort(key=weight, reverse=True)
    main = ranked[0]
    main_outlets = sorted({v.outlet for v in main})
    out: list[Conflict] = []
    for other in ranked[1:]:
        pairs = [(a, b) for a in main for b in other if sources.independent(a.article_id, b.article_id)]
        if not pairs:
            continue
        a, b = pairs[0]
        changes = [
            (x, y)
            for x, y in inner_changes(inside_marks(a, articles), inside_marks(b, articles))
            if _meaningful(x, y)
        ]
        if not changes or any(
            min(len(x.split()), len(y.split())) == 0 and len((x or y).split()) >= config.max_gap_words
            for x, y in changes
        ):
            continue
        shown = "; ".join(_change(x, y) for x, y in changes[:3])
        out.append(
            Conflict(
                kind="misquote",
                a=_vref(a, articles),
                b=_vref(b, articles),
                reason=(
                    f"The same quote is worded differently: {', '.join(sorted({v.outlet for v in other}))} against "
                    f"{', '.join(main_outlets)} ({shown}); at least one is not verbatim."
                ),
                subject=g.speaker or "",
            )
        )
    return out


def _named(speaker: str) -> bool:
    """A speaker given by name ("Kristi Noem", "The White House"), not by a description ("campaign")."""
    words = [w for w in speaker.split() if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _meaningful(x: str, y: str) -> bool:
    """A change of words, not just of function words dropped or added, nor of how a compound is
    written ("multi-planetary" / "multiplanetary", "third quarter" / "third-quarter")."""
    if re.sub(r"\W+", "", x.casefold()) == re.sub(r"\W+", "", y.casefold()):
        return False
    nx, ny = _norms(x), _norms(y)
    for a, b in ((nx, ny), (ny, nx)):
        if a and all(w == _MARK for w in a) and len(b) <= 3:
            return False  # "[entire]" for "whole", "min[ute]" for "min": the editor's hand, not a misquote
    wx, wy = set(_norms(x)) - STOP - _AUX, set(_norms(y)) - STOP - _AUX
    if not wx ^ wy:
        return False
    return not (
        _same_amounts(x, y) or _same_time_or_ordinal(x, y) or _abbreviation(x, y) or _variant_spelling(x, y)
    )


@lru_cache(maxsize=64)
def _quoted_ranges(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start, m.end) for m in find_quote_marks(text))


def inside_marks(v: QuoteVariant, articles: dict[int, Article]) -> str:
    """The words of a rendering that stand inside quotation marks in its article: a tag or a word
    just outside the marks is the outlet's, not the speaker's."""
    art = articles.get(v.article_id)
    text = (
        (getattr(art, v.field) or "")
        if art is not None and v.field in ("title", "dek")
        else art.text
        if art
        else ""
    )
    s, e = v.content.start, v.content.end
    if not (0 <= s < e <= len(text)) or text[s:e] != v.content.text:
        return quoted_words(v.content.text, v.kind)
    pieces = [(max(s, a), min(e, b)) for a, b in _quoted_ranges(text) if a < e and s < b]
    pieces = [(a, b) for a, b in pieces if text[a:b].strip()]
    if not pieces:
        return quoted_words(v.content.text, v.kind)
    return " … ".join(text[a:b].strip() for a, b in pieces)


_SMALL_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# Words that only say how an amount is written: currencies and their symbols, "per cent".
_AMOUNT_WORDS = frozenset(
    "us usd dollar dollars $ us$ eur euro euros € £ gbp pound pounds sterling yen ¥ per cent percent pct pc % "
    "a an of".split()
)
_CURRENCY = {
    w: name
    for name, words in (
        ("dollar", "$ us$ usd dollar dollars"),
        ("euro", "€ eur euro euros"),
        ("pound", "£ gbp pound pounds sterling"),
        ("yen", "¥ yen"),
    )
    for w in words.split()
}
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[$€£¥%]")


def _amounts(text: str) -> tuple[list[float], list[str]]:
    """The amounts a stretch of words gives ("US$350", "3.5 million", "five per cent") and its other words."""
    values: list[float] = []
    words: list[str] = []
    for tok in _AMOUNT.findall(text.casefold().replace("’", "'")):
        if tok[0].isdigit():
            digits = (
                tok.replace(",", "")
                if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", tok)
                else tok.replace(",", ".")
            )
            try:
                values.append(float(digits))
            except ValueError:
                words.append(tok)
        elif tok in _SMALL_NUMBERS:
            values.append(float(_SMALL_NUMBERS[tok]))
        elif tok in _SCALES and values:
            values[-1] *= _SCALES[tok]
        else:
            words.append(tok)
    return values, words


ORDINAL_WORDS = {
    w: float(i + 1)
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)", re.I)
_CLOCK = re.compile(
    r"(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?(?:\s+(?:[A-Z]{2,4}|local time))?", re.I
)


def _ordinal(x: str) -> float | None:
    t = x.strip().casefold()
    if t in ORDINAL_WORDS:
        return ORDINAL_WORDS[t]
    m = _ORDINAL.fullmatch(t)
    return float(m.group(1)) if m else None


def _clock(x: str) -> set[int] | None:
    """Minutes after midnight a time of day may stand for ("6 p.m.": 18:00; "6:00": 6 or 18 o'clock)."""
    m = _CLOCK.fullmatch(x.strip())
    if m is None:
        return None
    h, mins = int(m.group(1)), int(m.group(2) or 0)
    if h > 23 or mins > 59:
        return None
    if m.group(3):
        return {(h % 12 + (12 if m.group(3).casefold().startswith("p") else 0)) * 60 + mins}
    return {h * 60 + mins} if h > 12 else {h % 12 * 60 + mins, (h % 12 + 12) * 60 + mins}


def _same_time_or_ordinal(x: str, y: str) -> bool:
    """One ordinal or time of day written two ways: "11th" / "eleventh", "6:00 p.m." / "6 p.m.",
    "6:41pm PST" / "18:41"."""
    ox, oy = _ordinal(x), _ordinal(y)
    if ox is not None and ox == oy:
        return True
    cx, cy = _clock(x), _clock(y)
    return cx is not None and cy is not None and bool(cx & cy) and (":" in x + y or "m" in (x + y).casefold())


def _same_amounts(x: str, y: str) -> bool:
    """The same amounts, written differently ("350" / "US$350", "3.5m" / "3.5 million", "5%" / "five per cent")."""
    vx, wx = _amounts(x)
    vy, wy = _amounts(y)
    if not vx or Counter(round(v, 6) for v in vx) != Counter(round(v, 6) for v in vy):
        return False
    if not set(wx) ^ set(wy) <= _AMOUNT_WORDS:
        return False
    cx, cy = {_CURRENCY[w] for w in wx if w in _CURRENCY}, {_CURRENCY[w] for w in wy if w in _CURRENCY}
    return not (cx and cy and cx != cy)  # "$350" is not "350 euros"


_INITIAL_SKIP = frozenset("of the and for de du la".split())


def _abbreviation(x: str, y: str) -> bool:
    """One side abbreviates the other's words: "U.S." / "United States", "EU" / "European Union"."""
    for short, long in ((x, y), (y, x)):
        letters = re.sub(r"[\W_]+", "", short)
        words = [w for w in re.findall(r"[^\W\d_]+", long) if w.casefold() not in _INITIAL_SKIP]
        if (
            len(letters) >= 2
            and len(short.split()) == 1
            and len(words) == len(letters)
            and all(w[0].isupper() for w in words)
        ):
            if letters.casefold() == "".join(w[0] for w in words).casefold():
                return True
    return False


def _transliterated(w: str) -> str:
    """A name's letters with the usual transliteration choices folded: doubled letters, y/i, j/y."""
    w = w.casefold().replace("j", "y").replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", w)


def _same_word(a: str, b: str) -> bool:
    """Two spellings of one word: a name transliterated or misspelt ("Zelenskyy"/"Zelensky",
    "Wiedefeld"/"Wiedenfeld"), or a longer word with one letter dropped ("judgement"/"judgment")."""
    na, nb = _norm(a), _norm(b)
    if na == nb or _norm(_DOMAIN.sub("", a)) == _norm(_DOMAIN.sub("", b)):
        return True
    if any(ch.isdigit() for ch in na + nb):
        return False  # figures are compared as amounts, never as spellings
    if a[:1].isupper() and b[:1].isupper():
        if min(len(na), len(nb)) >= 5 and _transliterated(na) == _transliterated(nb):
            return True
        if na[0] == nb[0] and min(len(na), len(nb)) >= 6 and Levenshtein.distance(na, nb) == 1:
            return True
        return na[0] == nb[0] and min(len(na), len(nb)) >= 8 and Levenshtein.distance(na, nb) <= 2
    # a common word: only a letter left out or added ("towards"/"toward"), never one letter for another
    return min(len(na), len(nb)) >= 6 and abs(len(na) - len(nb)) == 1 and Levenshtein.distance(na, nb) == 1


def _variant_spelling(x: str, y: str) -> bool:
    """Word for word the same words, spelt differently."""
    tx = [t for t in _tokens(x) if _norm(t)]
    ty = [t for t in _tokens(y) if _norm(t)]
    return bool(tx) and len(tx) == len(ty) and all(_same_word(a, b) for a, b in zip(tx, ty, strict=True))


def _change(x: str, y: str) -> str:
    x, y = x.replace(_MARK, "[…]"), y.replace(_MARK, "[…]")
    if not y:
        return f"“{x}” left out"
    if not x:
        return f"“{y}” added"
    return f"“{x}” → “{y}”"


def _named_nearby(a: QuoteVariant, b: QuoteVariant, articles: dict[int, Article], reach: int) -> bool:
    """Is either speaker named near the other outlet's rendering of the quote?

    Then the two attributions more likely differ in how a pronoun or role was resolved than in
    who spoke: no conflict is claimed.
    """

    def near(v: QuoteVariant, name: str) -> bool:
        text = articles[v.article_id].text
        start = max(0, v.content.start - reach)
        window = text[start : v.content.end + reach // 3].casefold()
        return any(tok.casefold() in window for tok in name.split()[-1:] if len(tok) > 2)

    assert a.speaker is not None and b.speaker is not None
    return near(b, a.speaker) or near(a, b.speaker)
