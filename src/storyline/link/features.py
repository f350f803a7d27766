"""Cheap per-article features for linking: content terms, entity names, shingles.

Everything here is a pure function of one article (plus its facts when the
analysis stage produced them), so it can run in batches before the streaming
assignment, which is the only sequential part.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.model import Article, ArticleFacts

# Words every news article uses: they say nothing about which story it tells.
NEWS_STOP = frozenset(
    """said says say told tell according reported reports report added adding asked
    also would could should will may might new one two three year years week weeks day days
    time times people mr mrs ms dr just like including including percent per cent
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
STOP = frozenset(ENGLISH_STOP_WORDS) | NEWS_STOP
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january february march april may june july august september october november december".split()
)
_CAP_STOP = STOP | frozenset(WEEKDAYS) | frozenset(MONTHS) | {"i", "the", "a", "an", "but", "and", "in", "on"}

_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*\w)?|\d+(?:[.,]\d+)*", re.UNICODE)
_SENT = re.compile(r"(?<=[.!?])[\"”’']?\s+|\n+")
_CAP = re.compile(r"^[A-Z][\w'’\-.&]*$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Pre-tokenised corpora (PTB style) write quotes as `` and '' and split punctuation off words.
_PTB_QUOTE = re.compile(r"``|''")
_PTB_SPACE = re.compile(r" ([,.;:!?%)\]}])|([(\[{$]) |(\w) (n't|'s|'re|'ve|'ll|'d|'m)\b")


def detokenise(text: str) -> str:
    """Undo PTB-style tokenisation (`` '' quotes, spaces before punctuation, spaced-out URLs)."""
    if text.startswith("http") and " / " in text:
        return text.replace(" ", "")
    text = text.replace("`` ", '"').replace(" ''", '"')
    text = _PTB_QUOTE.sub('"', text)
    for _ in range(2):
        text = _PTB_SPACE.sub(lambda m: m.group(1) or m.group(2) or (m.group(3) + m.group(4)), text)
    return text


def fold(s: str) -> str:
    """Lower case without accents, for matching names written differently."""
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("’", "'")


# British and American spellings of one word, so that outlets on either side of the Atlantic meet
# ("defence"/"defense", "labour"/"labor", "organised"/"organized", "travelled"/"traveled").
_US_WORDS = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "centre": "center", "theatre": "theater", "metre": "meter", "litre": "liter", "fibre": "fiber",
    "calibre": "caliber", "spectre": "specter", "programme": "program", "catalogue": "catalog",
    "dialogue": "dialog", "analogue": "analog", "grey": "gray", "plough": "plow", "aluminium": "aluminum",
    "mould": "mold", "ageing": "aging", "judgement": "judgment", "acknowledgement": "acknowledgment",
    "manoeuvre": "maneuver", "sceptical": "skeptical", "sceptic": "skeptic", "jewellery": "jewelry",
    "pyjamas": "pajamas", "enrol": "enroll", "fulfil": "fulfill", "skilful": "skillful", "wilful": "willful",
    "instalment": "installment", "kerb": "curb", "cosy": "cozy", "tyre": "tire",
}
_OUR_STEMS = (
    "colour", "favour", "honour", "labour", "behaviour", "neighbour", "harbour", "rumour", "humour",
    "vigour", "armour", "endeavour", "flavour", "odour", "tumour", "vapour", "saviour", "parlour", "splendour",
)
_LL_STEMS = (
    "travel", "cancel", "label", "model", "fuel", "signal", "counsel", "level", "marshal", "channel",
    "total", "tunnel", "dial", "duel", "equal", "initial", "pencil", "quarrel", "rival", "shovel", "spiral",
)
_ISE = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$")
_YSE = re.compile(r"(?<=[a-z]{3})ys(e|ed|es|ing)$")
_LL = re.compile(rf"^({'|'.join(_LL_STEMS)})l(ed|ing|er|ers|or|ors)$")
_AE = re.compile(r"^(paed|anaem|anaesth|haem|leukaem|orthopaed|encyclopaed|oestr|oesoph|foet|diarrhoe)")


@lru_cache(maxsize=1 << 16)  # every token of every article passes here; the vocabulary is small
def american(word: str) -> str:
    """The American spelling of a lower-case word (itself when it has no British form)."""
    w = _US_WORDS.get(word)
    if w is not None:
        return w
    if word.startswith(_OUR_STEMS):
        stem = next(s for s in _OUR_STEMS if word.startswith(s))
        return stem[:-2] + "r" + word[len(stem) :]
    m = _LL.match(word)
    if m:
        return m.group(1) + m.group(2)
    if _AE.match(word):
        return word.replace("ae", "e", 1).replace("oe", "e", 1)
    return _YSE.sub(r"yz\1", _ISE.sub(r"iz\1", word))


def normalise_token(tok: str) -> str:
    """Light lemmatisation: possessives and regular plurals, so "talks"/"talk" meet; one spelling
    for British and American forms.

    A full lemmatiser costs a parse per article; for similarity this suffix rule
    gets most of the benefit at no cost.
    """
    t = fold(tok)
    if t.endswith("'s"):
        t = t[:-2]
    if len(t) > 4:
        if t.endswith("ies"):
            t = t[:-3] + "y"
        elif t.endswith("s") and not t.endswith(("ss", "us", "is", "os")):
            t = t[:-1]
    return american(t)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def content_terms(text: str) -> list[str]:
    """Normalised content words (no stop words) and multi-digit numbers (years, ages, tolls)."""
    out = []
    for w in _WORD.findall(text):
        if w[0].isdigit():
            if len(w) > 1:
                out.append("#" + w)
            continue
        t = normalise_token(w)
        if len(t) > 2 and t not in STOP and "'" not in t:
            out.append(t)
    return out


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text) if s and s.strip()]


def capitalised_ngrams(text: str) -> list[str]:
    """Runs of capitalised words (a cheap stand-in for named entities).

    Punctuation ends a run. A single capitalised word at the start of a
    sentence is skipped: it is usually just the first word ("Earlier, ...").
    """
    out: list[str] = []
    for sent in sentences(text):
        run: list[str] = []
        run_start = 0
        prev_end = -1
        for m in _WORD.finditer(sent + " ."):
            tok = m.group(0)
            gap = sent[prev_end : m.start()] if prev_end >= 0 else ""
            prev_end = m.end()
            is_cap = bool(_CAP.match(tok)) and fold(tok) not in _CAP_STOP
            if run and (not is_cap or gap.strip()):
                if not (len(run) == 1 and run_start == 0):
                    out.append(" ".join(run))
                run = []
            if is_cap:
                if not run:
                    run_start = m.start()
                run.append(tok)
        if run and not (len(run) == 1 and run_start == 0):
            out.append(" ".join(run))
    return out


def entity_keys(name: str, type_: str = "") -> list[str]:
    """Feature keys for one entity name: the full name and, for people, the surname."""
    toks = [normalise_token(t) for t in words(name)]
    toks = [t for t in toks if t and t not in STOP]
    if not toks:
        return []
    keys = ["e:" + " ".join(toks)]
    if len(toks) > 1 and type_ in ("person", ""):
        keys.append("e:" + toks[-1])
    return keys


@dataclass(slots=True)
class ArticleFeatures:
    """What the linker needs from one article."""

    terms: list[str]  # content terms, title terms repeated (a headline names the story)
    entities: list[str]  # entity keys ("e:" prefixed)
    entity_names: dict[str, str] = field(default_factory=dict)  # key -> display name
    places: list[str] = field(default_factory=list)
    embed_text: str = ""
    cap_runs: list[str] | None = None  # capitalised runs of the body (None when facts gave entities)
    year: int | None = None  # latest year named in the title/lead: a date proxy for undated articles


def _facts_entities(facts: ArticleFacts) -> Iterable[tuple[str, str]]:
    for e in facts.entities:
        if e.type in ("person", "organisation", "place", "group", "other"):
            yield e.name, e.type
            for a in e.aliases:
                yield a, e.type
    for m in facts.mentions:
        if m.entity is None and m.type in ("person", "organisation", "place", "group"):
            yield m.text, m.type


def extract(
    article: Article, facts: ArticleFacts | None = None, title_weight: int = 2, lead_sentences: int = 3
) -> ArticleFeatures:
    body = article.text
    title = article.title or ""
    terms = content_terms(body)
    if title:
        terms.extend(content_terms(title) * title_weight)
    names: dict[str, str] = {}
    ents: list[str] = []
    places: list[str] = []
    if facts is not None and (facts.entities or facts.mentions):
        pairs = list(_facts_entities(facts))
        places = [n for n, t in pairs if t == "place"]
        runs = None
    else:
        runs = capitalised_ngrams(body)
        pairs = [(n, "") for n in runs]
        pairs += [(n, "") for n in capitalised_ngrams(title)] * title_weight
    # The lead names the story's protagonists and place; later paragraphs add background
    # (a predecessor, an earlier case): entities of the first sentences count twice.
    lead_sents = sentences(body)[:lead_sentences]
    if facts is not None and (facts.entities or facts.mentions):
        lead_end = len("\n".join(lead_sents))
        pairs += [
            (facts.entities[m.entity].name if m.entity is not None and m.entity < len(facts.entities) else m.text, m.type)
            for m in facts.mentions
            if m.start < lead_end and m.type in ("person", "organisation", "place", "group")
        ]
    else:
        pairs += [(n, "") for n in capitalised_ngrams(" ".join(lead_sents))]
    # Years name an event's time as sharply as names name its actors: they count as entities, so two
    # same-kind events years apart (two quakes on one island) stay apart even without dates.
    ents.extend("e:" + t for t in terms if _YEAR.fullmatch(t[1:]))
    for name, type_ in pairs:
        for k in entity_keys(name, type_):
            ents.append(k)
            if k not in names or len(name) > len(names[k]):
                names[k] = name
    lead = " ".join(words(body)[:200])
    return ArticleFeatures(
        terms=terms,
        entities=ents,
        entity_names=names,
        places=places,
        embed_text=(title + ". " + lead) if title else lead,
        cap_runs=runs,
        year=lead_year(title + "\n" + body),
    )


def lead_year(text: str, chars: int = 300) -> int | None:
    """The latest year in an article's head (dateline, URL, first lines), if any."""
    years = [int(y) for y in _YEAR.findall(text[:chars])]
    return max(years) if years else None


def shingles(text: str, k: int = 3) -> list[bytes]:
    """Word k-grams of the body, for near-duplicate detection."""
    toks = _WORD.findall(fold(text))
    if len(toks) < k:
        return [" ".join(toks).encode()] if toks else []
    return list({" ".join(toks[i : i + k]).encode() for i in range(len(toks) - k + 1)})
