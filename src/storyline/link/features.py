"""Cheap per-article features for linking: content terms, entity names, shingles.

Everything here is a pure function of one article (plus its facts when the
analysis stage produced them), so it can run in batches before the streaming
assignment, which is the only sequential part.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.analyse.roles import ROLE_HEADS, ROLE_MODIFIERS, TEMPORAL
from storyline.clean.boilerplate import CAPTION_CREDIT_RE, CREDIT_LINE_RE
from storyline.clean.language import is_english
from storyline.model import PARA_SEP, Article, ArticleFacts

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
MONTHS = "january february march april may june july august september october november december".split()
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
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "centre": "center",
    "theatre": "theater",
    "metre": "meter",
    "litre": "liter",
    "fibre": "fiber",
    "calibre": "caliber",
    "spectre": "specter",
    "programme": "program",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
    "grey": "gray",
    "plough": "plow",
    "aluminium": "aluminum",
    "mould": "mold",
    "ageing": "aging",
    "judgement": "judgment",
    "acknowledgement": "acknowledgment",
    "manoeuvre": "maneuver",
    "sceptical": "skeptical",
    "sceptic": "skeptic",
    "jewellery": "jewelry",
    "pyjamas": "pajamas",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "skilful": "skillful",
    "wilful": "willful",
    "instalment": "installment",
    "kerb": "curb",
    "cosy": "cozy",
    "tyre": "tire",
}
_OUR_STEMS = (
    "colour",
    "favour",
    "honour",
    "labour",
    "behaviour",
    "neighbour",
    "harbour",
    "rumour",
    "humour",
    "vigour",
    "armour",
    "endeavour",
    "flavour",
    "odour",
    "tumour",
    "vapour",
    "saviour",
    "parlour",
    "splendour",
)
_LL_STEMS = (
    "travel",
    "cancel",
    "label",
    "model",
    "fuel",
    "signal",
    "counsel",
    "level",
    "marshal",
    "channel",
    "total",
    "tunnel",
    "dial",
    "duel",
    "equal",
    "initial",
    "pencil",
    "quarrel",
    "rival",
    "shovel",
    "spiral",
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


@lru_cache(maxsize=1 << 17)  # a pure function of the word, met again and again across articles
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


@lru_cache(maxsize=1 << 17)
def _content_term(word: str) -> str:
    """The normalised content term of a word that is no number, or "" for a stop word."""
    t = normalise_token(word)
    return t if len(t) > 2 and t not in STOP and "'" not in t else ""


# a clock time is one term ("9:40"): its minutes are no count ("40 firefighters")
_CLOCK = r"\b\d{1,2}[:.]\d{2}\s*(?=[ap]\.?m\b)|\b\d{1,2}:\d{2}\b"
_TERM = re.compile(rf"(?P<clock>{_CLOCK})|{_WORD.pattern}", re.I | re.UNICODE)


def content_terms(text: str) -> list[str]:
    """Normalised content words (no stop words), multi-digit numbers (years, ages, tolls) and clock
    times."""
    out = []
    for m in _TERM.finditer(text):
        w = m.group()
        if m.lastgroup == "clock":
            out.append("#" + w.strip().replace(".", ":"))
            continue
        if w[0].isdigit():
            if len(w) > 1:
                out.append("#" + w)
            continue
        t = _content_term(w)
        if t:
            out.append(t)
    return out


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text) if s and s.strip()]


def _sentence_spans(text: str) -> list[tuple[int, str]]:
    """(start offset, sentence) for each non-blank sentence, split as ``sentences`` splits."""
    out = []
    pos = 0
    for m in _SENT.finditer(text):
        seg = text[pos : m.start()]
        if seg and seg.strip():
            out.append((pos, seg))
        pos = m.end()
    seg = text[pos:]
    if seg and seg.strip():
        out.append((pos, seg))
    return out


@lru_cache(maxsize=1 << 17)
def _is_cap(tok: str) -> bool:
    """A capitalised word that may belong to a name."""
    return bool(_CAP.match(tok)) and fold(tok) not in _CAP_STOP


def capitalised_runs(text: str) -> list[tuple[int, str]]:
    """Runs of capitalised words with their start offsets (a cheap stand-in for named entities).

    Punctuation ends a run. A single capitalised word at the start of a
    sentence is skipped: it is usually just the first word ("Earlier, ...").
    """
    out: list[tuple[int, str]] = []
    for base, sent in _sentence_spans(text):
        run: list[str] = []
        run_start = 0
        prev_end = -1
        for m in _WORD.finditer(sent + " ."):
            tok = m.group(0)
            at = m.start()
            # the text between this word and the previous one (only read inside a run)
            gap_from, prev_end = prev_end, m.end()
            is_cap = _is_cap(tok)
            if run and (not is_cap or (gap_from >= 0 and sent[gap_from:at].strip())):
                if not (len(run) == 1 and run_start == 0):
                    out.append((base + run_start, " ".join(run)))
                run = []
            if is_cap:
                if not run:
                    run_start = at
                run.append(tok)
        if run and not (len(run) == 1 and run_start == 0):
            out.append((base + run_start, " ".join(run)))
    return out


def capitalised_ngrams(text: str) -> list[str]:
    """Runs of capitalised words (see ``capitalised_runs``)."""
    return [r for _, r in capitalised_runs(text)]


# The administrative word of a place name: "X County", "X City" and "X Prefecture" are written
# as "X" as often as in full, by the same outlets and in the same article ("state" and "department"
# are left out: "United States" is not "United", "Justice Department" is no place). Only for names
# the analysis typed as places. Measured: news-dev 0.982/0.982/0.982/0.963 -> 1.000/1.000/0.982/0.982,
# P 1.0. On capitalised runs (ECB+, no analysis), in place of the head read as a surname ("e:county"),
# it moved ECB+ by -0.003..+0.001 (noise) and is not used there.
PLACE_HEADS = frozenset(
    """county city prefecture province district region municipality borough township governorate
    oblast canton""".split()
)


def entity_keys(name: str, type_: str = "") -> list[str]:
    """Feature keys for one entity name: the full name; for people, the surname; for places, the name
    without its administrative word ("Arlen County" is also "Arlen")."""
    toks = [normalise_token(t) for t in words(name)]
    toks = [t for t in toks if t and t not in STOP]
    if not toks:
        return []
    keys = ["e:" + " ".join(toks)]
    if len(toks) > 1 and type_ in ("person", ""):
        keys.append("e:" + toks[-1])
    elif len(toks) > 1 and type_ == "place" and toks[-1] in PLACE_HEADS:
        keys.append("e:" + " ".join(toks[:-1]))
    return keys


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """How much each part of an article says about which story it tells.

    A reader takes a story from the headline, the standfirst and the first paragraphs, and from the
    names the article keeps coming back to; a name dropped once in the ninth paragraph (a predecessor,
    another hearing, a teaser for another article) is context. Measured with bench/eval_cluster.py
    (news-dev story BCubed, all four orders; ECB+; synthetic 5000): see ClusterConfig.
    """

    title_weight: float = 3.0  # each title term counts this many times
    dek_weight: float = 2.0
    lead_sentences: int = 3  # the lead: this many sentences ...
    lead_words: int = 80  # ... or this many words, whichever is shorter
    lead_weight: float = 2.0  # a lead term counts this many times (once more on top of the body)
    body_words: int = 350  # terms after this many words of body count ``tail_weight``
    tail_weight: float = 0.5  # late paragraphs: background, teaser tails, a second article
    passing_weight: float = 1.0  # a name met once, outside the head and lead (0.4 lost 1.6 points of
    # synthetic F1, whose stories name their cast once a paragraph, and gained nothing on news-dev)
    max_mentions: int = 4  # mention counts saturate here (a name repeated in every line is one topic)
    head_bonus: float = 2.0  # names in the title, dek or lead count this many times their mentions
    # With the analysis' entities, also the capitalised runs it did not name (``names_beyond_ner``):
    # the small model tags no products, events or titles, which tell two same-kind events apart (two
    # laptop launches, two navy rescues). Measured with analysis entities: ECB+ all topics 0.909 ->
    # 0.925, dev 0.922 -> 0.931, held-out test 0.911 -> 0.936; news-dev unchanged in all five orders
    # (single ordinary words such as "Mayday" or "Rescuers", kept, had split the bridge story: 0.925).
    names_beyond_ner: bool = True


FEATURES = FeatureConfig()


@dataclass(slots=True)
class ArticleFeatures:
    """What the linker needs from one article."""

    terms: dict[str, float]  # content term -> weight (title, dek and lead weigh more; late text less)
    entities: dict[str, float]  # entity key ("e:" prefixed) -> salience (head mentions, repeated names)
    entity_names: dict[str, str] = field(default_factory=dict)  # key -> display name
    places: list[str] = field(default_factory=list)
    embed_text: str = ""
    cap_runs: list[str] | None = None  # capitalised runs of the body (None when facts gave entities)
    year: int | None = None  # latest year named in the title/lead: a date proxy for undated articles


_NOT_A_NAME = ROLE_HEADS | ROLE_MODIFIERS | TEMPORAL | {"the", "of", "us", "u", "s", "uk"}


def describes(alias: str) -> bool:
    """An alias that describes rather than names ("President", "former special envoy", "'s lawyer")."""
    toks = [t.lower() for t in words(alias)]
    if not toks or not alias.strip()[:1].isupper():
        return True
    return any(t in ROLE_HEADS for t in toks) and all(t in _NOT_A_NAME or not t.isalpha() for t in toks)


def _facts_entities(facts: ArticleFacts) -> Iterable[tuple[str, str]]:
    for e in facts.entities:
        if e.type in ("person", "organisation", "place", "group", "other"):
            yield e.name, e.type
            for a in e.aliases:
                yield a, e.type
    for m in facts.mentions:
        if m.entity is None and m.type in ("person", "organisation", "place", "group"):
            yield m.text, m.type


def _add(acc: dict[str, float], items: Iterable[str], w: float) -> None:
    for t in items:
        acc[t] = acc.get(t, 0.0) + w


# A paragraph ending on a dash and a one-word credit ("... on New Year's Day. — AFP"): a photo caption.
_DASH_CREDIT = re.compile(r"[.!?”\"]\s*[—–]\s*[A-Z][A-Za-z]{1,15}(?:/[A-Z][\w .'-]{1,30})?\.?$")


def may_be_credit(p: str) -> bool:
    """Whether ``CAPTION_CREDIT_RE`` can match: each of its alternatives needs ':', '/', '|', ')' or the
    word photo, image or picture (any case; 'ı' and 'İ' are an 'i' to the pattern). Tested first, it
    spares most paragraphs the pattern's scan at every position."""
    if ":" in p or "/" in p or "|" in p or ")" in p:
        return True
    low = p.lower()
    return "photo" in low or "image" in low or "picture" in low or "\u0131" in low or "\u0307" in low


def is_caption(paragraph: str) -> bool:
    """A photo caption or credit line the cleaner left in the body (it says nothing the story is about)."""
    p = paragraph.strip()
    return bool(
        _DASH_CREDIT.search(p)
        or (may_be_credit(p) and CAPTION_CREDIT_RE.search(p))
        or CREDIT_LINE_RE.match(p)
    )


_SENTENCE_END = re.compile(r"[.!?:;…\"”’')\]]$")


def story_paragraphs(article: Article, headline_words: int = 16) -> list[int]:
    """Indexes of the paragraphs the linker reads: no caption paragraphs, no paragraph's repeats (a
    caption or teaser shown twice on the page), and after the first sentence-like paragraph no
    headline-like lines (short, no closing punctuation): teasers for other articles, lists of related
    stories, subheadings."""
    seen: set[str] = set()
    keep = []
    started = False
    for i, p in enumerate(article.paragraphs):
        k = p.strip()
        if k in seen or is_caption(k):
            continue
        seen.add(k)
        headline = not _SENTENCE_END.search(k) and len(k.split()) <= headline_words
        if started and headline:
            continue
        started = started or not headline
        keep.append(i)
    return keep


def _full_offset(article: Article, keep: list[int], pos: int) -> int:
    """The offset in ``article.text`` of offset ``pos`` of the kept paragraphs joined."""
    offs = article.paragraph_offsets()
    at = 0
    for i in keep:
        n = len(article.paragraphs[i])
        if pos <= at + n:
            return offs[i] + (pos - at)
        at += n + len(PARA_SEP)
    return len(article.text)


_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")
_OPENERS = frozenset("\"“‘'([")


def _after_opener(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens a quotation or a bracket."""
    j = at - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j >= 0 and text[j] in _OPENERS


def names_beyond_ner(body: str, facts: ArticleFacts) -> list[tuple[int, str]]:
    """Capitalised runs of the body that share no word with a name the analysis found: products,
    events, titles, vessels and venues the small model leaves out ("Ivy Bridge", "Macworld",
    "Twilight"). A single word is kept only if it is no ordinary word capitalised by its place: no
    contraction or possessive ("It's", "Sunday's"), no role or time word, not the first word of a
    quotation, and not also written in lower case in the body ("Rescuers" / "rescuers")."""
    covered = {w for m in facts.mentions for w in m.text.lower().split()}
    lower = set(_LOWER_WORD.findall(body))
    out = []
    for at, run in capitalised_runs(body):
        low = run.lower()
        parts = low.split()
        if any(w in covered for w in parts):
            continue
        if len(parts) == 1 and (
            "'" in run or "’" in run or low in _NOT_A_NAME or low in lower or _after_opener(body, at)
        ):
            continue
        out.append((at, run))
    return out


def extract(
    article: Article, facts: ArticleFacts | None = None, config: FeatureConfig = FEATURES
) -> ArticleFeatures:
    """Weighted content terms and entity keys of one article.

    Only the article itself counts: the cleaner keeps captions and the text it dropped (menus,
    related-story lists, widgets) out of ``Article.text``, and so out of every feature here.
    """
    cfg = config
    keep = story_paragraphs(article)
    body = PARA_SEP.join(article.paragraphs[i] for i in keep)
    title = article.title or ""
    dek = article.dek or ""
    # one pass over the body: each content term with its offset, and where the lead and the late text begin
    starts: list[int] = []
    found: list[tuple[int, str]] = []
    toks: list[str] = []
    for wm in _WORD.finditer(body):
        at = wm.start()
        starts.append(at)
        tok = wm.group(0)
        toks.append(tok)
        if tok[0].isdigit():
            if len(tok) > 1:
                found.append((at, "#" + tok))
            continue
        norm = _content_term(tok)
        if norm:
            found.append((at, norm))
    lead_sents = _SENT.split(body, maxsplit=cfg.lead_sentences)[: cfg.lead_sentences]
    lead_end = len("\n".join(lead_sents))
    if len(starts) > cfg.lead_words:
        lead_end = min(lead_end, starts[cfg.lead_words])
    tail_start = max(lead_end, starts[cfg.body_words] if len(starts) > cfg.body_words else len(body))
    terms: dict[str, float] = {}
    for at, term in found:
        weight = cfg.lead_weight if at < lead_end else cfg.tail_weight if at >= tail_start else 1.0
        terms[term] = terms.get(term, 0.0) + weight
    _add(terms, content_terms(title), cfg.title_weight)
    _add(terms, content_terms(dek), cfg.dek_weight)

    names: dict[str, str] = {}
    # entity key -> [mentions, in head (title/dek/lead)]
    seen: dict[str, list[float]] = {}
    places: list[str] = []

    def note(name: str, type_: str, head: bool, count: float = 1.0) -> None:
        for k in entity_keys(name, type_):
            rec = seen.setdefault(k, [0.0, 0.0])
            rec[0] += count
            if head:
                rec[1] = 1.0
            if k not in names or len(name) > len(names[k]):
                names[k] = name

    runs: list[str] | None = None
    if facts is not None and (facts.entities or facts.mentions):
        offs = article.paragraph_offsets() or [0]
        kept = [i in set(keep) for i in range(max(1, len(article.paragraphs)))]
        lead_full = _full_offset(article, keep, lead_end)
        tail_full = _full_offset(article, keep, tail_start)
        # an entity's salience comes from all its mentions, whichever alias they use
        count = [0.0] * len(facts.entities)
        head_of = [False] * len(facts.entities)
        for m in facts.mentions:
            if m.type not in ("person", "organisation", "place", "group"):
                continue
            if m.part == "body" and (
                m.start < 0 or not kept[min(len(kept) - 1, bisect_right(offs, m.start) - 1)]
            ):
                continue  # a caption or repeated paragraph
            head = m.part in ("title", "dek") or (m.part == "body" and m.start < lead_full)
            late = cfg.tail_weight if m.part == "body" and m.start >= tail_full else 1.0
            if m.entity is not None and m.entity < len(facts.entities):
                count[m.entity] += late
                head_of[m.entity] = head_of[m.entity] or head
            else:
                note(m.text, m.type, head, late)
        for i, e in enumerate(facts.entities):
            if e.type not in ("person", "organisation", "place", "group", "other"):
                continue
            if e.type == "place":
                places.append(e.name)
            n = max(count[i], 1.0)
            keys: dict[str, str] = {}  # an alias is the same entity: its keys count the entity once
            # a role is what the person is, not who: "the minister" would tie every story a minister is in
            for name in (e.name, *(a for a in e.aliases if not describes(a))):
                for k in entity_keys(name, e.type):
                    keys.setdefault(k, name)
            for k, name in keys.items():
                rec = seen.setdefault(k, [0.0, 0.0])
                rec[0] += n
                rec[1] = max(rec[1], float(head_of[i]))
                if k not in names or len(name) > len(names[k]):
                    names[k] = name
        if cfg.names_beyond_ner:
            for at, run in names_beyond_ner(body, facts):
                note(run, "", at < lead_end, cfg.tail_weight if at >= tail_start else 1.0)
    else:
        located = capitalised_runs(body)
        runs = [n for _, n in located]
        lead_runs = {run for at, run in located if at < lead_end}
        for at, run in located:
            # a run in the late text counts ``tail_weight``
            note(run, "", run in lead_runs, cfg.tail_weight if at >= tail_start else 1.0)
        for run in capitalised_ngrams(title) + capitalised_ngrams(dek):
            note(run, "", True)
    ents: dict[str, float] = {}
    for k, (mentions, in_head) in seen.items():
        mentions = min(max(mentions, 1.0), cfg.max_mentions)
        if in_head:
            ents[k] = mentions * cfg.head_bonus
        elif mentions <= 1:
            ents[k] = cfg.passing_weight
        else:
            ents[k] = mentions
    # Years name an event's time as sharply as names name its actors: they count as entities, so two
    # same-kind events years apart (two quakes on one island) stay apart even without dates.
    for term, weight in terms.items():
        if _YEAR.fullmatch(term[1:]):
            ents["e:" + term] = ents.get("e:" + term, 0.0) + weight
    # An article in another language is linked only with articles of that language: its features live
    # in a space of their own ("de|" + key), so no English story is ever its candidate.
    if not is_english(article):
        pre = f"{article.language}|"
        terms = {pre + k: v for k, v in terms.items()}
        ents = {pre + k: v for k, v in ents.items()}
        names = {pre + k: v for k, v in names.items()}
    lead = " ".join(toks[:200])
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
