"""Conflicts: pairs of source spans that cannot both be right.

Kinds, each with both spans and a plain-language reason (fixed wording around verbatim values):

- polarity: one proposition stated with opposite polarity by independent sources;
- quantity: the same quantity given different values ("about 1,400 dockworkers" / "some 900");
- role: an entity given a role and its contrary ("the former president" for a sitting
  "President X"), within one article or across outlets;
- date / place: the same dated fact or event given different days or places;
- speaker / misquote: see ``storyline.compare.quotes``.

False alarms cost more than misses: different quantities are not conflicts (a current 2% target,
a 3% floor and a 5% proposal are three facts). So a quantity pair must measure the same thing (the
claims with their numbers blanked read alike, the same qualifiers such as "current", "minimum" or
"normal" surround both numbers), share no value (a shared value shows they list several
quantities), carry no sign of change over time ("rose to", "up from", a nearby day), and not be
about different actors. A cause laid on a party's doing conflicts with another source's denial
that the party caused it. An ordinal that times an event ("in the 82nd minute") is compared only with
the time of that same event: one actor and one definite noun ("the winner") in both claims.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from storyline.analyse.claims import CURRENCY, WORD_NUMBERS
from storyline.analyse.quotes import find_quote_marks
from storyline.analyse.roles import ROLE_HEADS, is_role_phrase, qualifiers_compatible, role_key
from storyline.compare.align import (
    Alignment,
    ClaimUnit,
    EntityResolver,
    grammatical_negations,
    mask_numbers,
    prefixed_stems,
    resolve_name,
    unit_key,
)
from storyline.compare.blocking import PairCosine, distinct_rows, pairs_above, similar_groups
from storyline.compare.quotes import ORDINAL_WORDS, QuoteFidelityConfig, misquotes, speaker_conflicts
from storyline.compare.sources import Sources
from storyline.embed import encode
from storyline.model import (
    Article,
    ArticleFacts,
    ClaimMember,
    Conflict,
    ConflictKind,
    Mention,
    Quantity,
    QuoteGroup,
    QuoteVariant,
    Sentence,
    SourceRef,
    TimeRef,
)


# ------------------------------------------------------------ the kinds
@dataclass(frozen=True, slots=True)
class ConflictKindSpec:
    """One conflict kind: its label in the briefs, its rank there (lower first) and its detector."""

    label: str
    rank: int
    detector: Callable[[ConflictFinder], list[Conflict]]


_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class ConflictConfig:
    """Tolerances of the conflict finders. Unless said otherwise, set by hand on the seeds and the
    multi-outlet fixture (bench/eval_findings.py: every planted conflict found, 0 false) and not
    re-measured one by one."""

    polarity_sim: float = 0.80  # cosine of two claims of opposite polarity to call them one proposition
    polarity_overlap: float = 0.45  # content-word overlap (negations aside) they must also share
    quantity_sim: float = 0.80  # cosine of the number-blanked contexts of two quantities
    same_thing_sim: float = 0.60  # the same, when the first word after each figure and its unit is one noun
    claim_sim: float = 0.62  # cosine of two claims that makes them one proposition (numbers aside)
    time_reach: int = 25  # characters around a number in which a time expression dates it
    quantity_window: int = 9  # words each side of a number that describe it
    date_sim: float = 0.80  # cosine of two date-blanked claims that makes them one dated fact
    # dates this many years apart or more tell of two events, not one misdated: a quake of 2004 and
    # one of 2012 in a story's background (ECB+ conflict bench: the one real year slip, 2005 against
    # 2006, is one year)
    date_years_apart: int = 3
    place_sim: float = 0.90  # cosine of two place-blanked claims that makes them one event
    other_time_days: int = 60  # a claim dated this far from its article's day tells of another time
    copy_overlap: float = 0.85  # share of words two claims share, in order, to be versions of one text
    # cosine of two claims timing one event by an ordinal ("in the 82nd minute") that also share an
    # actor and the definite noun naming the event: news-dev's two wordings of one winning goal read
    # 0.57-0.61 (the opener against the winner, no shared noun, 0.57)
    moment_sim: float = 0.55
    # cosine of a claim laying a cause on a party and a claim denying it: news-dev's outage story reads
    # 0.54-0.73 for the pairs that conflict
    cause_sim: float = 0.50
    max_ratio: float = 10.0  # values this many times apart are different quantities (a margin, a total)
    # A unit a story gives in more distinct values than this measures many things (a game's yards, a
    # deal's dollar amounts, poll percentages): two of its values conflict only when the words around
    # them read alike (``quantity_sim``), not merely their claims. news-dev: the units of its gold
    # conflicts take at most 6 values; ECB+ stories (real, never tuned on): "yard" 34, "point" 20,
    # "percent" 15, with claims alike at 0.62-0.96 that paired a field goal with a drive
    many_values: int = 8
    # cosine of two claims with "before"/"after" blanked out that makes them one event placed on either
    # side of one other event ("lost power before the collision" / "lost power after the collision")
    order_sim: float = 0.85
    # claim pairs tried per two sentences for independent sources: copies of one sentence from one
    # source are many; a story of 2,000 copies each of two opposite reports took 107 s trying them all
    pair_tries: int = 64
    # figures per distinct sentence paired by the quantity finder: 600 copies each of five reports with
    # one conflicting figure took 268 s pairing every copy (news-dev, seeds: no sentence has 8 copies)
    copies_tried: int = 8
    approx_slack: float = (
        0.05  # an "about"/"some" figure covers values this close ("39 percent", "about 40%")
    )
    same_value: float = 0.005  # relative difference below which two values are one (rounding)
    role_reach: int = 600  # characters back from an unlinked "former X" to the person it describes
    quotes: QuoteFidelityConfig = QuoteFidelityConfig()
    stop: frozenset[str] = frozenset(
        """the a an of to in on at for and or but by with from as is are was were be been being
        that this these those it its their his her they he she we you i not no n't never""".split()
    )


CONFLICTS = ConflictConfig()
# Candidate pairs are scored in blocks, which may round a cosine differently from one pair's product:
# they are gathered this far below a threshold, and each is checked again exactly.
_SLACK = 1e-4


# Words that make two numbers different quantities even when the contexts read alike.
QUALIFIERS = {
    "current": "current",
    "currently": "current",
    "existing": "current",
    "present": "current",
    "proposed": "proposed",
    "proposal": "proposed",
    "target": "target",
    "goal": "target",
    "aim": "target",
    "minimum": "minimum",
    "least": "minimum",
    "floor": "minimum",
    "below": "minimum",
    "maximum": "maximum",
    "most": "maximum",
    "ceiling": "maximum",
    "cap": "maximum",
    "exceed": "maximum",
    "normal": "normal",
    "usual": "normal",
    "typical": "normal",
    "average": "normal",
    "recommended": "recommended",
    "recommend": "recommended",
    "advised": "recommended",
    "previous": "previous",
    "former": "previous",
    "earlier": "previous",
    "original": "previous",
    "initial": "previous",
    "last": "previous",
    "old": "previous",
    "new": "new",
    "revised": "new",
    "final": "new",
    "latest": "new",
    # where a total is counted: a film's worldwide gross is not its home market's
    "worldwide": "worldwide",
    "globally": "worldwide",
    "global": "worldwide",
    "globe": "worldwide",
    "domestic": "domestic",
    "domestically": "domestic",
    "overseas": "overseas",
    "abroad": "overseas",
    "internationally": "overseas",
    "planned": "planned",
    "plan": "planned",
    "expected": "planned",
    "forecast": "planned",
    # what a casualty count counts
    "killed": "dead",
    "died": "dead",
    "dead": "dead",
    "deaths": "dead",
    "death": "dead",
    "lives": "dead",
    "fatalities": "dead",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "injuries": "injured",
    "missing": "missing",
    "unaccounted": "missing",
    "trapped": "trapped",
    "stranded": "trapped",
    "rescued": "rescued",
    "evacuated": "evacuated",
    "displaced": "evacuated",
    "predicted": "planned",
    "predicts": "planned",
    "forecasts": "planned",
    "warned": "planned",
    "could": "possible",
    "may": "possible",
    "might": "possible",
    "possibly": "possible",
    "offered": "offer",
    "offer": "offer",
    "demand": "demand",
    "demanded": "demand",
    "seeking": "demand",
    "sought": "demand",
    "asked": "demand",
}
# Qualifier words that are common nouns or adjectives elsewhere: they count only beside the figure.
NEAR_ONLY = frozenset(
    "floor goal aim target cap ceiling plan offer demand last old new final latest original initial".split()
)
_NO_MORE_THAN = re.compile(
    r"\b(?:no more than|not more than|up to|at most|no higher than|as (?:high|many|much|large|long) as)\b",
    re.I,
)
_AT_LEAST = re.compile(r"\b(?:at least|no less than|not less than|at a minimum|not go below)\b", re.I)
# Signs that a count moves over time: values on different days are different facts.
_CHANGE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|climbs|increased|increases|grew|grown|fell|fallen|falls|dropped|"
    r"declined|jumped|surged|doubled|halved|reached|up from|down from|from \S+ to|so far|as of|by (?:monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|the end|then|now|\d+))\b",
    re.I,
)
# A sentence that opens on another moment of the story ("Later, about 100 youths ...", "The next day,
# ..."): its figure tells of that moment, a later incident or an update, not of the one told before
_ANOTHER_MOMENT = re.compile(
    r"^\W*(?:(?:but|and|yet|then)\s+)?(?:(?:hours|days|weeks|minutes|moments|shortly|soon|not long)\s+)?"
    r"(?:later|earlier|afterwards?|"
    r"subsequently|the (?:next|following|previous) (?:day|night|morning|evening|week))\b",
    re.I,
)
_PAST_MODIFIER = re.compile(r"\b(former|ex-|one-time|onetime|erstwhile)\s*", re.I)
_PAST_BEFORE = re.compile(r"\b(?:former|ex-|one-time|onetime|erstwhile)\s*$", re.I)
# "a former Clinton aide", "the former White House press secretary": "former" before the names that
# qualify the role still makes it a past one
_PAST_BEFORE_QUALIFIED = re.compile(
    r"\b(?:former|ex-|one-time|onetime|erstwhile)\s+(?:[A-Z][\w.’'-]*\s+){1,3}$"
)
# "running for governor", "elections for governor", "a bid for mayor": an office sought or named in
# general, not a title its nearest person holds
_ROLE_SOUGHT_BEFORE = re.compile(r"\bfor\s+(?:the\s+)?$", re.I)
# "the nation's first black governor", "its longest-serving mayor": a place in a role's history, not
# a title held now
_ROLE_RANKED_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|fifth|last|only|youngest|oldest|longest-serving|earliest)\s+"
    r"(?:[\w’'-]+\s+){0,2}$",
    re.I,
)
# "resigned as CEO", "was named as chair", "served as president": a role taken up or left, not a title held
_ROLE_CHANGE_BEFORE = re.compile(
    r"\b(?:resign\w*|step\w* down|quit\w*|left|leav\w+|oust\w*|replac\w*|remov\w*|fired|sack\w*|named|"
    r"appoint\w*|serv\w*|elect\w*|work\w*|hired|chosen|nominat\w*|sworn in|took over|take over|taking over)"
    r"\s+as\s+(?:the\s+|its\s+|his\s+|her\s+|their\s+)?$",
    re.I,
)
# A post taken up, left or regained: where the story tells of it, "former X" and "X" are two times.
_ROLE_CHANGE = re.compile(
    r"\b(?:fired|sacked|ousted|dismissed|removed from|re-?instat\w*|re-?hir\w*|re-?appoint\w*|restored|"
    r"resign\w*|stepp\w* down|step down|quit|return\w* (?:as|to)|re-?elected|impeached|suspended|"
    r"succeed\w*|replac\w*|sworn in|took office|takes office|back as)\b",
    re.I,
)
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w.’'-]*\s+){1,4})$")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _content(text: str, stop: frozenset[str]) -> set[str]:
    return {w for w in _words(text) if w not in stop and not w[0].isdigit()}


def _ref(aid: int, start: int, end: int, text: str) -> SourceRef:
    return SourceRef(article_id=aid, start=start, end=end, text=text)


def _unit_ref(u: ClaimUnit) -> SourceRef:
    m = u.member
    return _ref(m.article_id, m.span.start, m.span.end, m.span.text)


def _asserters_compatible(a: ClaimUnit, b: ClaimUnit) -> bool:
    return a.member.asserter == b.member.asserter


def _who(u: ClaimUnit, sources: Sources) -> str:
    m = u.member
    name = sources.name[m.article_id]
    return name if m.asserter == "outlet" else f"{name} (quoting {m.asserter})"


class ConflictFinder:
    def __init__(
        self,
        alignment: Alignment,
        sources: Sources,
        articles: dict[int, Article],
        facts: dict[int, ArticleFacts],
        resolve: EntityResolver,
        config: ConflictConfig | None = None,
        quotes: list[QuoteGroup] | None = None,
    ) -> None:
        self.al = alignment
        self.quotes = quotes or []
        self.sources = sources
        self.articles = articles
        self.facts = facts
        self.resolve = resolve
        self.config = config or ConflictConfig()
        # pairs each finder looked at closely: the work blocking keeps near-linear in a story's size
        self.visited: Counter[str] = Counter()
        self._times: dict[int, list[TimeRef]] = {aid: list(f.times) for aid, f in facts.items()}
        # who can act: people and organisations (a place or a thing named in a claim is its setting)
        self._actor_names = frozenset(
            resolve(e.name)
            for f in facts.values()
            for e in f.entities
            if e.type in ("person", "organisation")
        )
        # actors a single article of a story of several names: a figure told of one is about a side
        # thing ("the rival phone, which will carry an 8-megapixel camera")
        named_by = Counter(
            name
            for f in facts.values()
            for name in {resolve(e.name) for e in f.entities if e.type in ("person", "organisation")}
        )
        self._side_actors = (
            frozenset(n for n, k in named_by.items() if k == 1) if len(facts) >= 3 else frozenset()
        )
        pubs = sorted(a.published for a in articles.values() if a.published)
        self._story_day: dt.date | None = pubs[len(pubs) // 2] if pubs else None
        # the story's event day: the first day (near its articles' dates) that two articles name
        named = Counter(
            d
            for f in facts.values()
            for d in {t.value for t in f.times if t.value and t.end is None}
            if self._story_day is None or abs((d - self._story_day).days) <= self.config.other_time_days
        )
        self._event_day: dt.date | None = min((d for d, n in named.items() if n >= 2), default=None)
        self._place_names = frozenset(
            resolve(e.name) for f in facts.values() for e in f.entities if e.type == "place"
        )

    def _about_side_actor(self, a: ClaimUnit, b: ClaimUnit) -> bool:
        """``a`` is about an actor only its own article names (its subject, or the name it opens
        with), which ``b`` does not name."""
        side = (a.subjects | {e for e in a.entities if a.text.startswith(e)}) & self._side_actors
        return bool(side) and not (side & b.entities)

    # ------------------------------------------------------------ polarity
    def _opposite_candidates(self, floor: float) -> list[tuple[list[int], list[int]]]:
        """Pairs of groups of claims of opposite polarity naming a common entity whose cosine may
        reach ``floor`` (a group: the copies of one sentence on a big story, else one claim), in the
        order of a loop over all pairs. Only those can be one proposition stated both ways; blocking
        by polarity and scoring distinct sentences keeps a big story near-linear where every pair was
        visited."""
        units = self.al.units
        by_sign: dict[tuple[bool, bool], list[int]] = defaultdict(list)
        for i, u in enumerate(units):
            if u.entities:
                by_sign[u.neg, u.loose_neg].append(i)
        found: list[tuple[list[int], list[int]]] = []
        signs = sorted(by_sign)
        for k, sa in enumerate(signs):
            for sb in signs[k + 1 :]:
                # polarity is the two readings of ``ClaimUnit.opposite``: one pair tells for the classes
                if not units[by_sign[sa][0]].opposite(units[by_sign[sb][0]]):
                    continue
                for ga, gb in similar_groups(self.al.raw, by_sign[sa], by_sign[sb], floor - _SLACK):
                    if units[ga[0]].entities & units[gb[0]].entities:
                        found.append((ga, gb) if ga[0] < gb[0] else (gb, ga))
        return sorted(found, key=lambda g: (g[0][0], g[1][0]))

    def _clusters(self, i: int, j: int) -> list[int]:
        """The claim clusters of two claims, in order."""
        return sorted(set(self.al.cluster_of.get(i, []) + self.al.cluster_of.get(j, [])))

    def _across(self, kind: ConflictKind, i: int, j: int, reason: str, subject: str) -> Conflict:
        """A conflict between claims ``i`` and ``j`` of independent outlets, shown in that order."""
        return Conflict(
            kind=kind,
            a=_unit_ref(self.al.units[i]),
            b=_unit_ref(self.al.units[j]),
            reason=reason,
            scope="across-outlets",
            subject=subject,
            clusters=self._clusters(i, j),
        )

    def _independent_pair(self, ga: list[int], gb: list[int]) -> tuple[int, int] | None:
        """A claim of ``ga`` and one of ``gb`` from independent sources with compatible asserters
        (the first of at most ``pair_tries`` tried: copies of one source are many, not different)."""
        units = self.al.units
        tries = 0
        for i in ga:
            for j in gb:
                if i == j:
                    continue
                a, b = units[i], units[j]
                if self.sources.independent(
                    a.member.article_id, b.member.article_id
                ) and _asserters_compatible(a, b):
                    return i, j
                tries += 1
                if tries >= self.config.pair_tries:
                    return None
        return None

    def polarity(self) -> list[Conflict]:
        c = self.config
        units = self.al.units
        out: list[Conflict] = []
        seen: set[tuple[str, str]] = set()  # one conflict per two statements, however many copies
        for ga, gb in self._opposite_candidates(c.polarity_sim):
            self.visited["polarity"] += 1
            a, b = units[ga[0]], units[gb[0]]
            if not a.opposite(b) or self.al.raw[ga[0], gb[0]] < c.polarity_sim:
                continue
            if not (a.entities & b.entities):
                continue
            wa, wb = _content(a.text, c.stop), _content(b.text, c.stop)
            if not wa or not wb or len(wa & wb) / len(wa | wb) < c.polarity_overlap:
                continue
            neg, pos = (a, b) if a.neg else (b, a)
            if not grammatical_negations(neg.text) and not grammatical_negations(pos.text):
                # negated only by a prefix: "unsure about the timing" contradicts "sure about the
                # timing", not "questioned the timing" (a different stance, not its negation)
                if not prefixed_stems(neg.text) & {w.lower() for w in re.findall(r"[A-Za-z]+", pos.text)}:
                    continue
            pair = self._independent_pair(ga, gb)
            if pair is None:
                continue
            i, j = pair
            a, b = units[i], units[j]
            ni, pi = (i, j) if a.neg else (j, i)
            neg, pos = units[ni], units[pi]
            key = (neg.text, pos.text)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                self._across(
                    "polarity",
                    ni,
                    pi,
                    f"Opposite statements of one proposition: {_who(neg, self.sources)} states it negatively, "
                    f"{_who(pos, self.sources)} positively.",
                    ", ".join(sorted(a.entities & b.entities)),
                )
            )
        return out + self.causes()

    def causes(self) -> list[Conflict]:
        """A cause laid on a named party's doing ("attributed the outage to a defect in a Microsoft
        Windows update") that another source denies ("not caused by Microsoft", "not a Microsoft
        incident"): one conflict per asserting text (copies once), shown with the denial that reads
        most alike. A suspected cause ("may have been caused by") or a party the cause went to ("an
        update from X to Y") is no assertion."""
        units = self.al.units
        # party -> the texts of the claims denying it caused it -> those claims (copies share a text)
        denied: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        written: dict[str, str] = {}  # party -> its name as a denial writes it
        for i, u in enumerate(units):
            for m in _DENIED_CAUSE.finditer(u.member.span.text):
                name = m.group("x") or m.group("y") or m.group("z")
                denied[_party(name)][u.member.span.text].append(i)
                written.setdefault(_party(name), re.sub(r"['’]s$", "", name))
        if not denied:
            return []
        out: list[Conflict] = []
        seen: set[tuple[str, str]] = set()  # one conflict per party and asserting text, however many copies
        for i, u in enumerate(units):
            for party, phrase in _laid_causes(u.member.span.text):
                if party not in denied or (party, u.member.span.text) in seen:
                    continue
                # blocking: only denials of the same party are visited, each distinct text once
                best: tuple[float, int] | None = None
                for group in denied[party].values():
                    self.visited["cause"] += 1
                    sim = float(self.al.raw[i, group[0]])
                    if sim < self.config.cause_sim or (best is not None and sim <= best[0]):
                        continue
                    if self._times_differ(u, units[group[0]]):
                        continue  # "the 2019 crash was caused by ...": another event of the story
                    aid = u.member.article_id
                    j = next(
                        (j for j in group if self.sources.independent(aid, units[j].member.article_id)), -1
                    )
                    if j >= 0:
                        best = (sim, j)
                if best is None:
                    continue
                seen.add((party, u.member.span.text))
                j = best[1]
                den = units[j]
                out.append(
                    self._across(
                        "polarity",
                        i,
                        j,
                        f"Opposite statements of a cause: {_who(u, self.sources)} gives “{phrase}” as the "
                        f"cause, {_who(den, self.sources)} says {written[party]} did not cause it.",
                        written[party],
                    )
                )
                break
        return out

    # ------------------------------------------------------------ quantities
    def _window(self, u: ClaimUnit, q: Quantity) -> tuple[str, int, int]:
        """Words around a number inside its claim, and the number's offsets in the article."""
        text, base = u.member.span.text, u.member.span.start
        if q.end > q.start and base <= q.start and q.end <= base + len(text):
            s, e = q.start - base, q.end - base
        else:
            k = text.find(q.text) if q.text else -1
            s, e = (k, k + len(q.text)) if k >= 0 else (0, 0)
        n = self.config.quantity_window
        before = text[:s].split()[-n:]
        after = text[e:].split()[:n]
        return " ".join([*before, "N", *after]), base + s, base + e

    def _qualifiers(self, window: str, q: Quantity) -> frozenset[str]:
        # the quantity's own words count too: "at least 40 per cent" is a floor, not a level
        toks = window.split()
        at = toks.index("N") if "N" in toks else len(toks) // 2
        quals = {QUALIFIERS[w] for w in _words(f"{q.approx} {q.text}") if w in QUALIFIERS}
        for i, tok in enumerate(toks):
            for w in _words(tok):
                # a noun such as "floor" or "goal" qualifies a figure only next to it ("a 3% floor",
                # "a goal of 5%"), not as "the first floor" or "the winning goal" further off
                if w in QUALIFIERS and (w not in NEAR_ONLY or abs(i - at) <= 2):
                    quals.add(QUALIFIERS[w])
        window = f"{q.approx} {q.text} {window}"
        if _NO_MORE_THAN.search(window):
            quals.add("maximum")
        if _AT_LEAST.search(window):
            quals.add("minimum")
        return frozenset(quals)

    def _near_time(self, aid: int, start: int, end: int) -> list[TimeRef]:
        reach = self.config.time_reach
        return [
            t for t in self._times.get(aid, []) if t.span.end >= start - reach and t.span.start <= end + reach
        ]

    def _claim_times(self, u: ClaimUnit, whole: bool = False) -> list[TimeRef]:
        """The dated times inside a claim, or with ``whole`` inside the sentence it was cut from."""
        m = u.member
        s = m.context if whole and m.context is not None and m.part == "body" else m.span
        return [
            t
            for t in self._times.get(m.article_id, [])
            if t.value is not None and s.start <= t.span.start and t.span.end <= s.end
        ]

    def _times_differ(self, a: ClaimUnit, b: ClaimUnit) -> bool:
        """One claim tells of another time than its article's ("in 2018", "in September 1999"), or
        only one is dated, to another day than the story's event: figures of different times are
        different facts."""
        if bool(_PAST_REF.search(a.member.span.text)) != bool(_PAST_REF.search(b.member.span.text)):
            return True  # "In April last year an 8.6-magnitude quake struck": an earlier event
        ta, tb = self._claim_times(a), self._claim_times(b)
        for u, ts in ((a, ta), (b, tb)):
            art = self.articles.get(u.member.article_id)
            pub = (art.published if art is not None else None) or self._story_day
            if pub and any(t.value and abs((t.value - pub).days) > self.config.other_time_days for t in ts):
                return True
        da, db = {t.value for t in ta}, {t.value for t in tb}
        if da and db:
            return False  # both dated: the times beside the two figures decide (``_near_time``)
        # one claim dated, the other not: the undated one tells of the story's event, so a date
        # other than that day is another event ("a magnitude 5.5 aftershock at 10:54 a.m. Jan. 3")
        dated = da or db
        if dated:
            return self._event_day is not None and self._event_day not in dated
        # neither dates itself, but one was cut from a sentence dated to another day than the event
        # ("... on Wednesday as rain fell, after a quake that killed at least 62"): a later count
        ca = {t.value for t in self._claim_times(a, whole=True)}
        cb = {t.value for t in self._claim_times(b, whole=True)}
        return bool(ca) != bool(cb) and self._event_day is not None and self._event_day not in (ca or cb)

    def _quantity_candidates(
        self, items: list[tuple[int, Quantity, str, int, int]], numbers: list[list[Quantity]]
    ) -> list[tuple[int, int]]:
        """Pairs ``x < y`` of figures that may measure one thing, in the order of a loop over all pairs:
        one unit, two values under ``max_ratio`` apart, and some evidence that ``quantities`` accepts
        (claims that read alike, a shared value of another unit, a shared measure word). A big story
        has tens of thousands of figures; this keeps it near-linear where every pair was visited."""
        c = self.config
        stop = {"of", "the", "a", "an", "on", "in", "for", "its", "their", "to", "by"}  # _measures_overlap's
        by_unit: dict[str, list[int]] = defaultdict(list)
        for x, it in enumerate(items):
            by_unit[unit_key(it[1])].append(x)
        found: set[tuple[int, int]] = set()

        def by_value(xs: list[int]) -> dict[float, list[int]]:
            out: dict[float, list[int]] = defaultdict(list)
            for x in xs:
                out[items[x][1].value].append(x)
            return out

        texts = [u.text for u in self.al.units]

        def thin(g: list[int]) -> list[int]:
            """At most ``copies_tried`` figures per distinct sentence: its copies give one answer, and
            pairing every copy with every copy was quadratic in a wire story's reprints."""
            seen: Counter[str] = Counter()
            out: list[int] = []
            for x in g:
                t = texts[items[x][0]]
                if seen[t] < c.copies_tried:
                    seen[t] += 1
                    out.append(x)
            return out

        def cross(va: dict[float, list[int]], vb: dict[float, list[int]]) -> None:
            """Pairs of figures of two claims (or groups of claims) whose values differ by a ratio under
            ``max_ratio``: copies giving one value are never paired."""
            for v, gx in va.items():
                for w, gy in vb.items():
                    lo, hi = sorted((abs(v), abs(w)))
                    if v == w or hi >= c.max_ratio * max(lo, 1e-9):
                        continue
                    for x in thin(gx):
                        for y in thin(gy):
                            if items[x][0] != items[y][0]:
                                found.add((x, y) if x < y else (y, x))

        for unit, xs in by_unit.items():
            if len(xs) < 2:
                continue
            of_claim: dict[int, list[int]] = defaultdict(list)
            for x in xs:
                of_claim[items[x][0]].append(x)
            claims = list(of_claim)
            values: dict[int, dict[float, list[int]]] = {}  # figures of a group of one sentence, by value

            for ga, gb in similar_groups(self.al.raw, claims, claims, c.claim_sim - _SLACK):
                if ga[0] > gb[0]:
                    continue
                for g in (ga, gb):
                    if g[0] not in values:
                        values[g[0]] = by_value([x for i in g for x in of_claim[i]])
                cross(values[ga[0]], values[gb[0]])
            keyed: dict[tuple[str, str, float], list[int]] = defaultdict(list)
            for x in xs:
                q = items[x][1]
                for o in numbers[items[x][0]]:
                    if unit_key(o) != unit and (unit_key(o) or o.measure):
                        keyed["anchor", unit_key(o), round(o.value, 6)].append(x)
                for w in set(_words(q.measure)) - stop:
                    keyed["measure", w, 0.0].append(x)
            for group in keyed.values():
                if len(group) > 1:
                    vg = by_value(group)
                    cross(vg, vg)
        return sorted(found)

    def quantities(self) -> list[Conflict]:
        c = self.config
        units = frozenset(unit_key(q) for u in self.al.units for q in u.member.numbers if unit_key(q))
        numbers = [_numbers(u.member, units) for u in self.al.units]
        items: list[tuple[int, Quantity, str, int, int]] = []  # unit idx, quantity, window, start, end
        for ui, u in enumerate(self.al.units):
            if u.member.secondary:
                continue
            for q in numbers[ui]:
                if not unit_key(q) and not q.measure:
                    continue
                if _label_number(u.member, q):
                    continue  # "version 7", "an 88-72 loss": a name or a score, not an amount
                if _modifier_count(u.member, q):
                    continue  # "one rocket propelled grenade launcher" counts launchers, not rockets
                q = _with_unit(u.member, q)  # "lap 45" is shown and compared as a moment
                w, s, e = self._window(u, q)
                items.append((ui, q, w, s, e))
            for q in _moments(u.member, numbers[ui]):  # not among its numbers: compared as moments only
                w, s, e = self._window(u, q)
                items.append((ui, q, w, s, e))
        if len(items) < 2:
            return []
        values_of: dict[str, set[float]] = defaultdict(set)
        for _ui, q, *_ in items:
            values_of[unit_key(q)].add(round(q.value, 6))

        def many(unit: str) -> bool:
            """The story gives the unit in so many values that it measures many things."""
            return len(values_of[unit]) > c.many_values

        divided_of: dict[tuple[int, int, str], bool] = {}  # asked for every candidate pair

        def divided(m: ClaimMember, listed: list[Quantity], q: Quantity) -> bool:
            """The sentence counts more of the unit apart ("six touchdowns on offense and three more on
            punt returns") or a part of its count ("three of the seven shots"): its figures are parts
            or wholes, each told with its own qualifier."""
            key = (m.article_id, m.sentence, unit_key(q))
            if key not in divided_of:
                art = self.articles.get(m.article_id)
                text = art.text if art is not None and m.part == "body" else ""
                divided_of[key] = bool(text) and (
                    any(
                        unit_key(o) == key[2]
                        and o.end > o.start
                        and (
                            _MORE_AFTER.match(text, o.end)
                            or _ANOTHER_BEFORE.search(text, max(0, o.start - 12), o.start)
                        )
                        for o in listed
                    )
                    or _PARTITIVE.search((m.context or m.span).text) is not None
                )
            return divided_of[key]

        # a sentence split into several propositions still lists all its numbers together
        sentence_numbers: dict[tuple[int, int], list[Quantity]] = defaultdict(list)
        for ui, u in enumerate(self.al.units):
            sentence_numbers[u.member.article_id, u.member.sentence].extend(numbers[ui])
        # kinds of thing one sentence gives two sizes of ("a 15-inch MacBook Pro next to the 16-inch
        # MacBook Pro"): each size names another thing of the kind, none is a wrong value of another
        thing_of: dict[tuple[int, int, int], str] = {}  # (article, start, end) -> what the figure sizes

        def thing(m: ClaimMember, q: Quantity) -> str:
            key = (m.article_id, q.start, q.end)
            if key not in thing_of:
                art = self.articles.get(m.article_id)
                text = art.text if art is not None and m.part == "body" else ""
                thing_of[key] = (
                    _thing_after("N " + text[q.end : q.end + 60], q) if 0 < q.end <= len(text) else ""
                )
            return thing_of[key]

        # the words between each figure and the noun it counts
        kinds_of: dict[tuple[int, int, int], tuple[str, ...]] = {}

        def kinds(m: ClaimMember, q: Quantity) -> tuple[str, ...]:
            key = (m.article_id, q.start, q.end)
            if key not in kinds_of:
                art = self.articles.get(m.article_id)
                text = art.text if art is not None and m.part == "body" and 0 < q.end <= len(art.text) else ""
                kinds_of[key] = _kind_words(text[q.end : q.end + 40], q)
            return kinds_of[key]

        # (article, sentence, unit, thing) -> the sizes that sentence gives
        sized: dict[tuple[int, int, str, str], set[float]] = defaultdict(set)
        for ui, u in enumerate(self.al.units):
            for q in numbers[ui]:
                if unit_key(q) and (t := thing(u.member, q)):
                    sized[u.member.article_id, u.member.sentence, unit_key(q), t].add(round(q.value, 6))
        families = {(k[2], k[3]) for k, vs in sized.items() if len(vs) > 1}
        pairs: dict[tuple[str, float, float], list[tuple[int, int]]] = defaultdict(list)
        undecided: list[tuple[int, int]] = []  # pairs that need the words around the numbers compared
        shown: dict[tuple[int, int], float] = {}  # how alike each kept pair reads
        # only pairs that may measure one thing are visited (``_quantity_candidates``)
        for x, y in self._quantity_candidates(items, numbers):
            self.visited["quantity"] += 1
            ui, qa, wa, sa, ea = items[x]
            a = self.al.units[ui]
            uj, qb, wb, sb, eb = items[y]
            b = self.al.units[uj]
            if ui == uj or not self.sources.independent(a.member.article_id, b.member.article_id):
                continue
            if unit_key(qa) != unit_key(qb) or _same_value(qa.value, qb.value):
                continue
            if _cents_dropped(qa, qb):
                continue  # "$129" is "$129.99" without its cents
            if (qa.approx or qb.approx) and _close_value(
                qa.value, qb.value, qa.value if qa.approx else qb.value
            ):
                continue  # "39 percent" is "about 40%", 948 feet "nearly 1,000 feet"
            lo, hi = sorted((abs(qa.value), abs(qb.value)))
            if hi >= c.max_ratio * max(lo, 1e-9):
                continue  # a margin and a tally ("won by 41", "4,318 votes"): not one quantity
            if _conditions_differ(numbers[ui], numbers[uj], unit_key(qa)):
                continue
            if not _sources_compatible(a, b):
                continue
            # a value both sentences share shows they list several quantities of one kind
            va = {
                round(q.value, 6)
                for q in sentence_numbers[a.member.article_id, a.member.sentence]
                if unit_key(q) == unit_key(qa)
            }
            vb = {
                round(q.value, 6)
                for q in sentence_numbers[b.member.article_id, b.member.sentence]
                if unit_key(q) == unit_key(qb)
            }
            if va & vb:
                continue
            ta_, tb_ = thing(a.member, qa), thing(b.member, qb)
            if ta_ and ta_ == tb_ and (unit_key(qa), ta_) in families:
                continue  # sizes of several things of one kind
            # or nearly share one, given as a round figure: "39 percent" and "about 40%" beside others
            na = [
                q
                for q in sentence_numbers[a.member.article_id, a.member.sentence]
                if unit_key(q) == unit_key(qa)
            ]
            nb = [
                q
                for q in sentence_numbers[b.member.article_id, b.member.sentence]
                if unit_key(q) == unit_key(qb)
            ]
            if any(
                (x.approx or y.approx) and _close_value(x.value, y.value, x.value if x.approx else y.value)
                for x in na
                for y in nb
            ):
                continue
            if _CHANGE.search(wa) or _CHANGE.search(wb):
                continue
            if _another_moment(a.member) or _another_moment(b.member):
                continue
            if _remainder(wa) != _remainder(wb):
                continue  # "two other rifles" counts what is left of a list, not the whole
            if _sizes_another_thing(wa, qa, wb, qb, b.member.span.text) or _sizes_another_thing(
                wb, qb, wa, qa, a.member.span.text
            ):
                continue
            if _two_kinds(kinds(a.member, qa), kinds(b.member, qb)):
                continue  # "12 AK 47 guns" and "three machine guns": two kinds of gun
            if _beside_other_figures(qa, numbers[ui], qb, numbers[uj]):
                continue  # "404 yards and two touchdowns" / "440 yards and four touchdowns": two lines
            if _sums_to(qa, sentence_numbers[b.member.article_id, b.member.sentence]) or _sums_to(
                qb, sentence_numbers[a.member.article_id, a.member.sentence]
            ):
                continue  # "23 pirates" against "12 Somali and 11 Yemeni pirates": a total and its parts
            if self._qualifiers(wa, qa) != self._qualifiers(wb, qb):
                continue
            ta = self._near_time(a.member.article_id, sa, ea)
            tb = self._near_time(b.member.article_id, sb, eb)
            if ta and tb and not _same_times(ta, tb):
                continue
            if _actors_differ(a, b, self._actor_names) or _places_differ(a, b, self._place_names):
                continue
            if self._about_side_actor(a, b) or self._about_side_actor(b, a):
                continue
            if self._times_differ(a, b) or _versions_of_one_text(a, b):
                continue
            # evidence that both numbers measure one thing: the claims read alike (numbers
            # aside), or they share a value of another kind ("140 buses" for "$212m"/"$182m"),
            # or the words around the numbers read alike and name the same measure
            alike = float(self.al.raw[ui, uj])
            # a unit of many values: claims that read alike are not enough, the words around must (below)
            crowded = (
                many(unit_key(qa))
                or divided(a.member, sentence_numbers[a.member.article_id, a.member.sentence], qa)
                or divided(b.member, sentence_numbers[b.member.article_id, b.member.sentence], qb)
            )
            if crowded:
                alike = 0.0
            if _moment(a, qa) or _moment(b, qb):
                # the time of an event ("in the 31st minute") is compared only with the time of
                # that same event: claims that read alike may time two goals of one match
                if alike >= c.moment_sim and self._one_moment(a, qa, b, qb):
                    pairs[_qkey(qa, qb)].append((x, y))
                    shown[x, y] = 1.0 + alike
            elif alike >= c.claim_sim or _other_anchor(numbers[ui], numbers[uj], unit_key(qa)):
                pairs[_qkey(qa, qb)].append((x, y))
                shown[x, y] = 1.0 + alike
            elif crowded or _measures_overlap(qa, qb):
                undecided.append((x, y))
        if undecided:
            need = sorted({p for xy in undecided for p in xy})
            vec = dict(zip(need, encode([items[p][2] for p in need]), strict=True))
            for x, y in undecided:
                sim = float(vec[x] @ vec[y])
                # the figure describes the same thing ("a N-storey building collapsed"): a lower bar
                same = _thing_after(items[x][2], items[x][1]) == _thing_after(items[y][2], items[y][1]) != ""
                if many(unit_key(items[x][1])):
                    same = False  # "a 73-yard drive" and "a 68-yard drive": two drives of one game
                if sim >= (c.same_thing_sim if same else c.quantity_sim):
                    pairs[_qkey(items[x][1], items[y][1])].append((x, y))
                    shown[x, y] = sim
        out = []
        for (_unit, _v1, _v2), xs in pairs.items():
            x, y = max(xs, key=lambda xy: shown.get(xy, 0.0))  # the pair that reads most alike shows it
            ui, qa = items[x][:2]
            uj, qb = items[y][:2]
            # which outlets give each value, for the reason
            side_a = {
                self.sources.name[self.al.units[items[p][0]].member.article_id]
                for pr in xs
                for p in pr
                if _same_value(items[p][1].value, qa.value)
            }
            side_b = {
                self.sources.name[self.al.units[items[p][0]].member.article_id]
                for pr in xs
                for p in pr
                if _same_value(items[p][1].value, qb.value)
            }
            if len(side_b) > len(side_a):
                ui, uj, qa, qb, side_a, side_b = uj, ui, qb, qa, side_b, side_a
            out.append(
                self._across(
                    "quantity",
                    ui,
                    uj,
                    f"Same quantity, different values: “{_qtext(qa)}” ({', '.join(sorted(side_a))}) "
                    f"against “{_qtext(qb)}” ({', '.join(sorted(side_b))}).",
                    qa.measure or qb.measure or unit_key(qa),
                )
            )
        return out + self._scale_tops()

    def _scale_tops(self) -> list[Conflict]:
        """Different values given as the top of one named scale ("7.6 on the Japanese scale, the
        highest level" / "up to 7, the highest on the Japanese seismic intensity scale"): a scale has
        one top, so one of the two misstates it (often a magnitude given on an intensity scale)."""
        tops: list[tuple[int, float, frozenset[str], str]] = []  # unit idx, value, scale words, phrase
        for ui, u in enumerate(self.al.units):
            for m in _SCALE_TOP.finditer(u.member.span.text):
                words = frozenset(_words(m.group(2) or m.group(3) or "")) - {"the"}
                if words:
                    tops.append((ui, float(m.group(1)), words, m.group(0)))
        # blocking: only tops that share a word of their scale's name are compared
        by_word: dict[str, list[int]] = defaultdict(list)
        for x, t in enumerate(tops):
            for w in t[2]:
                by_word[w].append(x)
        pairs: dict[tuple[frozenset[str], float, float], list[tuple[int, int]]] = defaultdict(list)
        paired: set[tuple[int, int]] = set()  # tops sharing two scale words meet in two lists
        for xs in by_word.values():
            for k, x in enumerate(xs):
                for y in xs[k + 1 :]:
                    self.visited["scale"] += 1
                    (ui, va, sa, _), (uj, vb, sb, _) = tops[x], tops[y]
                    a, b = self.al.units[ui], self.al.units[uj]
                    if _same_value(va, vb) or not (sa <= sb or sb <= sa):
                        continue
                    if not self.sources.independent(a.member.article_id, b.member.article_id):
                        continue
                    if not _sources_compatible(a, b):
                        continue
                    if (x, y) not in paired:
                        paired.add((x, y))
                        pairs[min(sa, sb, key=len), min(va, vb), max(va, vb)].append((x, y))

        def when(x: int) -> dt.date:
            art = self.articles.get(self.al.units[tops[x][0]].member.article_id)
            return (art.published if art is not None else None) or dt.date.min

        out = []
        for (scale, _v1, _v2), xys in pairs.items():
            # the latest statements show it (an earlier report may since have been corrected), then
            # the pair that reads most alike
            x, y = max(
                xys,
                key=lambda xy: (
                    max(when(xy[0]), when(xy[1])),
                    float(self.al.raw[tops[xy[0]][0], tops[xy[1]][0]]),
                ),
            )
            sides: dict[float, set[str]] = defaultdict(set)
            for pr in xys:
                for p in pr:
                    sides[round(tops[p][1], 6)].add(
                        self.sources.name[self.al.units[tops[p][0]].member.article_id]
                    )
            if len(sides[round(tops[y][1], 6)]) > len(sides[round(tops[x][1], 6)]):
                x, y = y, x
            (ui, va, _, ta), (uj, vb, _, tb) = tops[x], tops[y]
            out.append(
                self._across(
                    "quantity",
                    ui,
                    uj,
                    f"Different values given as the top of one scale: “{ta}” "
                    f"({', '.join(sorted(sides[round(va, 6)]))}) against “{tb}” "
                    f"({', '.join(sorted(sides[round(vb, 6)]))}).",
                    " ".join(sorted(scale)) + " scale",
                )
            )
        return out

    def _one_moment(self, a: ClaimUnit, qa: Quantity, b: ClaimUnit, qb: Quantity) -> bool:
        """Two ordinals timing one event ("scored the winner in the 82nd minute" / "grabbed the winner
        on the 86th minute"): both times of something that happened, the claims name an actor in
        common and the event by one definite noun. An ordinal that picks the event ("won the second
        round") or an act that may recur ("scored in the 12th minute" / "in the 80th", "took the lead")
        is no such pair."""
        if not (_moment(a, qa) and _moment(b, qb)):
            return False
        if _REPEAT.search(a.text) or _REPEAT.search(b.text):
            return False  # "hit the post again in the 60th minute": the act happened more than once
        if not _name_words(a) & _name_words(b):
            return False
        # the noun must make the event one of a kind ("the winner", "the opening goal"): "took the
        # lead" or "hit the post" may happen twice in one match
        return bool(_event_nouns(a, qa) & _event_nouns(b, qb) & ONE_OF_A_KIND)

    # ------------------------------------------------------------ dates and places
    def _abs_times(self, u: ClaimUnit) -> list[TimeRef]:
        m = u.member
        return [
            t
            for t in self._times.get(m.article_id, [])
            if t.value is not None
            and t.anchor == "absolute"
            and m.span.start <= t.span.start
            and t.span.end <= m.span.end
        ]

    # ------------------------------------------------------------ order
    def order(self) -> list[Conflict]:
        """One event placed before another by one source and after it by another ("the crew lost power
        before the collision" / "... after the collision"): the two claims read alike once the
        preposition is blanked, and the event each is placed against has the same head word. Distinct
        blanked sentences are scored, per head word, in one product: copies of a wire sentence are one."""
        c = self.config
        units = self.al.units
        said = [_ordered_text(u.member) for u in units]
        # head word -> side -> blanked sentence -> [(claim, match)]
        texts: dict[str, dict[str, dict[str, list[tuple[int, re.Match[str]]]]]] = defaultdict(
            lambda: {"before": defaultdict(list), "after": defaultdict(list)}
        )
        for i in range(len(units)):
            found = [(m, a) for m in _ORDER.finditer(said[i]) if (a := _order_anchor(m))]
            if len(found) != 1 or _AGAIN.search(said[i]):
                # none, an event placed against two others (too loose), or one that recurs ("resumed
                # the search after the storm" can follow "searched before the storm")
                continue
            m, a = found[0]
            texts[a][_order_side(m)][said[i][: m.start("rel")] + "WHEN" + said[i][m.end("rel") :]].append(
                (i, m)
            )
        pairs: list[tuple[tuple[int, re.Match[str]], tuple[int, re.Match[str]]]] = []
        for sides in texts.values():
            before, after = list(sides["before"]), list(sides["after"])
            if not before or not after:
                continue
            self.visited["order"] += len(before) * len(after)  # as a block product, not one by one
            eb, ea = encode(before), encode(after)
            for p, q in zip(*np.nonzero(eb @ ea.T >= c.order_sim), strict=True):
                xs, ys = sides["before"][before[p]], sides["after"][after[q]]
                # the first pair of independent sources among the copies, trying a bounded number
                tries = ((x, y) for x in xs for y in ys)
                for x, y in itertools.islice(tries, c.pair_tries):
                    ux, uy = units[x[0]], units[y[0]]
                    if not ux.opposite(uy) and self.sources.independent(
                        ux.member.article_id, uy.member.article_id
                    ):
                        pairs.append((x, y))
                        break
        out: list[Conflict] = []
        for (i, mi), (j, mj) in sorted(pairs, key=lambda xy: (xy[0][0], xy[1][0])):
            out.append(
                self._across(
                    "order",
                    i,
                    j,
                    f"Same event, opposite order: {_who(units[i], self.sources)} says “{_order_phrase(mi)}”, "
                    f"{_who(units[j], self.sources)} says “{_order_phrase(mj)}”.",
                    _order_anchor(mi),
                )
            )
        return out

    def dates(self) -> list[Conflict]:
        c = self.config
        cand = [(i, ts) for i, u in enumerate(self.al.units) if (ts := self._abs_times(u)) and len(ts) == 1]
        if len(cand) < 2:
            return []

        def masked(i: int, t: TimeRef) -> str:
            m = self.al.units[i].member
            s, e = t.span.start - m.span.start, t.span.end - m.span.start
            return mask_numbers(m.span.text[:s] + "DATE" + m.span.text[e:])

        emb = encode([masked(i, ts[0]) for i, ts in cand])
        # one conflict per pair of dates, however many outlets give each
        pairs: dict[tuple[dt.date, dt.date], list[tuple[int, int]]] = defaultdict(list)
        givers: dict[tuple[dt.date, dt.date], list[int]] = defaultdict(list)  # every claim giving them
        # only claims that read alike (dates aside) with two different dates are visited, as groups of
        # copies of one sentence giving one date
        for gx, gy in _dated_candidates(emb, [ts[0] for _, ts in cand], c.date_sim - _SLACK):
            self.visited["date"] += 1
            x, y = gx[0], gy[0]
            (_, (ta,)), (_, (tb,)) = cand[x], cand[y]
            if float(emb[x] @ emb[y]) < c.date_sim or _overlap(ta, tb):
                continue
            assert ta.value is not None and tb.value is not None
            if abs(ta.value.year - tb.value.year) >= c.date_years_apart:
                continue
            found = self._independent_pair([cand[k][0] for k in gx], [cand[k][0] for k in gy])
            if found is None:
                continue
            x = next(k for k in gx if cand[k][0] == found[0])
            y = next(k for k in gy if cand[k][0] == found[1])
            assert ta.value is not None and tb.value is not None
            key = (min(ta.value, tb.value), max(ta.value, tb.value))
            pairs[key].append((x, y) if ta.value == key[0] else (y, x))
            givers[key].extend(gx + gy)
        out = []
        for key, xs in pairs.items():
            sides: dict[dt.date, set[str]] = defaultdict(set)
            for p in dict.fromkeys(givers[key]):
                i, (t,) = cand[p]
                assert t.value is not None
                sides[t.value].add(self.sources.name[self.al.units[i].member.article_id])
            x, y = xs[0]
            # the majority's date first
            if len(sides[key[1]]) > len(sides[key[0]]):
                x, y = y, x
            (i, (ta,)), (j, (tb,)) = cand[x], cand[y]
            assert ta.value is not None and tb.value is not None
            out.append(
                self._across(
                    "date",
                    i,
                    j,
                    f"Same fact, different dates: “{ta.span.text}” ({', '.join(sorted(sides[ta.value]))}) "
                    f"against “{tb.span.text}” ({', '.join(sorted(sides[tb.value]))}).",
                    ta.span.text,
                )
            )
        return out

    def _places(self, u: ClaimUnit) -> list[Mention]:
        m = u.member
        f = self.facts[m.article_id]
        return [
            x
            for x in f.mentions
            if x.type == "place" and x.part == "body" and m.span.start <= x.start and x.end <= m.span.end
        ]

    def places(self) -> list[Conflict]:
        """Same event, different places: own assertions of one cluster, one place each, never named by
        the other; and one spot given at one distance on opposite sides of one place."""
        return self._bearings() + self._named_places()

    def _bearings(self) -> list[Conflict]:
        """ "150 nautical miles west of Aden" against "150 nautical miles east of Aden" in one cluster:
        one distance from one place, opposite directions, reported once with the outlets of each side.
        Only the same distance counts (another distance may be another spot of the story)."""
        out: list[Conflict] = []
        for cl in self.al.clusters:
            found: list[tuple[ClaimMember, re.Match[str]]] = []
            for m in cl.members:
                if m.part == "body":
                    found.extend((m, b) for b in _BEARING.finditer(m.span.text))
            # (place, distance, the two directions) -> the first pair of each side and their outlets
            pairs: dict[tuple[str, str, str, str], tuple[int, int, set[str], set[str]]] = {}
            for x, (ma, ba) in enumerate(found):
                for y in range(x + 1, len(found)):
                    mb, bb = found[y]
                    if not self.sources.independent(ma.article_id, mb.article_id):
                        continue
                    if _folded_number(ba.group("n")) != _folded_number(bb.group("n")):
                        continue
                    place = self.resolve(ba.group("place"))
                    if place != self.resolve(bb.group("place")):
                        continue
                    if not _opposite_bearings(ba.group("dir"), bb.group("dir")):
                        continue
                    (i, da), (j, db) = sorted(
                        ((x, ba.group("dir").lower()), (y, bb.group("dir").lower())), key=lambda t: t[1]
                    )
                    key = (place, _folded_number(ba.group("n")), da, db)
                    first = pairs.setdefault(key, (i, j, set(), set()))
                    first[2].add(self.sources.name[found[i][0].article_id])
                    first[3].add(self.sources.name[found[j][0].article_id])
            for i, j, side_a, side_b in pairs.values():
                (ma, ba), (mb, bb) = found[i], found[j]
                out.append(
                    Conflict(
                        kind="place",
                        a=_ref(
                            ma.article_id, ma.span.start + ba.start(), ma.span.start + ba.end(), ba.group(0)
                        ),
                        b=_ref(
                            mb.article_id, mb.span.start + bb.start(), mb.span.start + bb.end(), bb.group(0)
                        ),
                        reason=(
                            f"Same place, opposite directions: “{ba.group(0)}” ({', '.join(sorted(side_a))}) "
                            f"against “{bb.group(0)}” ({', '.join(sorted(side_b))})."
                        ),
                        scope="across-outlets",
                        subject=ba.group("place"),
                        clusters=[cl.id],
                    )
                )
        return out

    def _named_places(self) -> list[Conflict]:
        c = self.config
        members: dict[int, list[int]] = defaultdict(list)
        for i in sorted(self.al.cluster_of):
            if self.al.units[i].member.asserter == "outlet":
                for cid in dict.fromkeys(self.al.cluster_of[i]):
                    members[cid].append(i)
        lower: dict[int, str] = {}

        def names_place(aid: int, place: str) -> bool:
            if aid not in lower:
                lower[aid] = self.articles[aid].text.lower()
            return place.lower() in lower[aid]

        def masked(i: int, p: Mention) -> str:
            m = self.al.units[i].member
            s, e = p.start - m.span.start, p.end - m.span.start
            return m.span.text[:s] + "PLACE" + m.span.text[e:]

        # the cheap tests first, on pairs of claims naming two places neither of which holds the other's
        # name: a big cluster names its place the same way thousands of times
        todo: list[tuple[int, list[tuple[int, Mention]], list[tuple[int, int]]]] = []
        texts: dict[str, int] = {}
        for cl in self.al.clusters:
            cand = [
                (i, ps[0]) for i in members.get(cl.id, []) if len(ps := self._places(self.al.units[i])) == 1
            ]
            if len(cand) < 2:
                continue
            by_name: dict[str, list[int]] = defaultdict(list)
            for x, (_i, pl) in enumerate(cand):
                by_name[self.resolve(pl.text)].append(x)
            found: list[tuple[int, int]] = []
            for na, xs in by_name.items():
                for nb, ys in by_name.items():
                    if na == nb or na in nb or nb in na:
                        continue
                    found.extend((x, y) for x in xs for y in ys if x < y)
            kept = []
            self.visited["place"] += len(found)
            for x, y in sorted(found):
                (i, pa), (j, pb) = cand[x], cand[y]
                a, b = self.al.units[i], self.al.units[j]
                if not self.sources.independent(a.member.article_id, b.member.article_id):
                    continue
                if names_place(b.member.article_id, pa.text) or names_place(a.member.article_id, pb.text):
                    continue
                kept.append((x, y))
                for k in (x, y):
                    texts.setdefault(masked(*cand[k]), len(texts))
            if kept:
                todo.append((cl.id, cand, kept))
        if not todo:
            return []
        emb = encode(list(texts))
        out: list[Conflict] = []
        for cid, cand, kept in todo:
            for x, y in kept:
                (i, pa), (j, pb) = cand[x], cand[y]
                if float(emb[texts[masked(i, pa)]] @ emb[texts[masked(j, pb)]]) < c.place_sim:
                    continue
                out.append(
                    Conflict(
                        kind="place",
                        a=_unit_ref(self.al.units[i]),
                        b=_unit_ref(self.al.units[j]),
                        reason=f"Same event, different places: “{pa.text}” against “{pb.text}”.",
                        scope="across-outlets",
                        subject=pa.text,
                        clusters=[cid],
                    )
                )
        return out

    # ------------------------------------------------------------ roles
    def roles(self) -> list[Conflict]:
        """A person called "the former X" while also (or elsewhere) holding X by title."""
        current: dict[str, list[tuple[int, str, str, SourceRef]]] = defaultdict(
            list
        )  # person -> (aid, qual, core, ref)
        past: list[tuple[int, str, str, str, SourceRef]] = []  # (aid, person, qual, core, ref)
        for aid, f in self.facts.items():
            art = self.articles.get(aid)
            if art is None:
                continue
            text = art.text
            person_of = {e.idx: self.resolve_person(e.name) for e in f.entities if e.type == "person"}
            # a title inside a quotation is the speaker's usage ("Vice President Biden" said of his
            # time in office), not the outlet's: only the outlet's own words are held to one role
            quoted = [(m.open, m.outer_end) for m in find_quote_marks(text)]

            def in_quote(pos: int, quoted: list[tuple[int, int]] = quoted) -> bool:
                return any(a <= pos < b for a, b in quoted)

            covered: list[tuple[int, int]] = []
            body = [m for m in f.mentions if m.part == "body"]
            near = _Nearby(
                text,
                [m for m in body if m.type == "person" and m.entity in person_of],
                person_of,
                f.sentences,
            )

            # 1. role mentions the analysis tied to a person ("President", "the former US president")
            for m in body:
                if m.type != "role" or m.entity not in person_of or not _is_role(m.text) or in_quote(m.start):
                    continue
                if _ROLE_CHANGE_BEFORE.search(text[max(0, m.start - 40) : m.start]):
                    continue
                qual, core = role_key(m.text)
                if not core:
                    continue
                lead = _PAST_BEFORE.search(
                    text[max(0, m.start - 16) : m.start]
                ) or _PAST_BEFORE_QUALIFIED.search(text[max(0, m.start - 50) : m.start])
                before = text[max(0, m.start - 40) : m.start]
                if (
                    lead is None
                    and not _PAST_MODIFIER.search(m.text)
                    and (_ROLE_SOUGHT_BEFORE.search(before) or _ROLE_RANKED_BEFORE.search(before))
                ):
                    continue
                is_past = bool(_PAST_MODIFIER.search(m.text)) or lead is not None
                # a role counts only where it attaches to this person: not beside another person's
                # name, nor, unless it stands beside this person's, after another person named in its
                # sentence ("Galson, who has been acting surgeon general" is not the former one's)
                who = person_of[m.entity]
                if near.beside_other(m.start, m.end, who) or (
                    not near.beside(m.start, m.end, who) and near.others_before(m.start, who)
                ):
                    continue
                start = m.start - (len(lead.group(0)) if lead else 0)
                end = m.end
                # "President" + "Donald Trump": show the title with the name it precedes
                named = [
                    x
                    for x in body
                    if x.type == "person" and x.entity == m.entity and 0 <= x.start - m.end <= 2
                ]
                if named and not is_past:
                    end = named[0].end
                ref = _ref(aid, start, end, text[start:end])
                covered.append((start, m.end))
                if is_past:
                    past.append((aid, person_of[m.entity], qual, core, ref))
                else:
                    current[person_of[m.entity]].append((aid, qual, core, ref))
            # 2. titles written before a name the analysis did not mark as a role
            persons = sorted(
                (m for m in body if m.type == "person" and m.entity in person_of), key=lambda m: m.start
            )
            for m in persons:
                title = _title_before(text, m.start)
                if (
                    title
                    and not any(a <= title[1] < b for a, b in covered)
                    and not _PAST_MODIFIER.search(title[0])
                    and not in_quote(title[1])
                ):
                    qual, core = role_key(title[0])
                    if core:
                        ref = _ref(aid, title[1], m.start, text[title[1] : m.start].strip())
                        current[person_of[m.entity]].append((aid, qual, core, ref))  # type: ignore[index]
            # 3. "former X" phrases the analysis left unlinked: the nearest person named before
            #    who holds a compatible role by title is the referent
            for pm in _PAST_MODIFIER.finditer(text):
                if any(a <= pm.start() < b for a, b in covered) or in_quote(pm.start()):
                    continue
                phrase, _ps, pe = _role_after(text, pm.end())
                if not phrase:
                    continue
                qual, core = role_key(phrase)
                span_start = pm.start()
                if text[max(0, span_start - 4) : span_start].lower() == "the ":
                    span_start -= 4
                ref = _ref(aid, span_start, pe, text[span_start:pe])
                after = [m for m in persons if 0 <= m.start - pe <= 2]
                if after:
                    if not re.match(r"\s*['’]s?\b", text[after[0].end : after[0].end + 3]):
                        past.append((aid, person_of[after[0].entity], qual, core, ref))  # type: ignore[index]
                    continue  # "a former member of President X's council": the role is not X's
                # the nearest person named before: only when its own sentence names nobody else
                # before it whom it could describe
                for m in reversed(
                    [
                        m
                        for m in persons
                        if m.end <= span_start and span_start - m.end < self.config.role_reach
                    ]
                ):
                    who = person_of[m.entity]  # type: ignore[index]
                    if any(h[0] == aid and _role_match(qual, core, h[1], h[2]) for h in current.get(who, [])):
                        if not near.others_before(span_start, who):
                            past.append((aid, who, qual, core, ref))
                        break
        changed = self._role_changes()
        out: list[Conflict] = []
        seen: set[tuple[int, str, str]] = set()
        # a person's titles by role core: a big story names its main figures by title thousands of times
        by_core: dict[tuple[str, str], list[tuple[int, str, str, SourceRef]]] = defaultdict(list)
        for person, held in current.items():
            for x in held:
                by_core[person, x[2]].append(x)
        for aid, who, qual, core, ref in past:
            if who in changed:
                continue  # dismissed and reinstated, resigned, re-elected: the role changed over time
            if (aid, who, core) in seen:
                continue
            self.visited["role"] += len(by_core.get((who, core), []))
            holders = [h for h in by_core.get((who, core), []) if _role_match(qual, core, h[1], h[2])]
            same = [h for h in holders if h[0] == aid]
            h = same[0] if same else next((x for x in holders if self.sources.independent(aid, x[0])), None)
            if h is None:
                continue
            seen.add((aid, who, core))
            here = self.sources.name[aid]
            if h[0] == aid:
                reason = f"Inconsistent role for {who}: {here} writes both “{ref.text}” and “{h[3].text}”."
            else:
                reason = (
                    f"Inconsistent role for {who}: {here} writes “{ref.text}”, "
                    f"{self.sources.name[h[0]]} writes “{h[3].text}”."
                )
            out.append(
                Conflict(
                    kind="role",
                    a=ref,
                    b=h[3],
                    reason=reason,
                    scope="within-article" if h[0] == aid else "across-outlets",
                    subject=who,
                )
            )
        return out

    def _role_changes(self) -> set[str]:
        """People the story shows taking up, leaving or regaining a post (in any of its articles)."""
        out: set[str] = set()
        for aid, f in self.facts.items():
            art = self.articles.get(aid)
            if art is None:
                continue
            names = {e.idx: self.resolve_person(e.name) for e in f.entities if e.type == "person"}
            hits = [(x.start, x.end) for x in f.sentences if _ROLE_CHANGE.search(x.text)]
            for m in f.mentions:
                if m.part == "body" and m.type == "person" and m.entity in names:
                    if any(a <= m.start < b for a, b in hits):
                        out.add(names[m.entity])
        return out

    def resolve_person(self, name: str) -> str:
        return resolve_name(self.resolve, name)

    def quote_conflicts(
        self, detect: Callable[[QuoteGroup, Sources, dict[int, Article], QuoteFidelityConfig], list[Conflict]]
    ) -> list[Conflict]:
        return [c for g in self.quotes for c in detect(g, self.sources, self.articles, self.config.quotes)]

    def speakers(self) -> list[Conflict]:
        kinds: dict[str, str] = {}
        for f in self.facts.values():
            for e in f.entities:
                for name in (self.resolve_person(e.name), e.name, *e.aliases):
                    kinds.setdefault(name, e.type)

        named_here: dict[tuple[int, int], bool] = {}

        def explicit(v: QuoteVariant) -> bool:
            """The rendering's sentence names its speaker ("..., Felt told the magazine"), not "she"."""
            key = (v.article_id, v.quote)
            if key not in named_here:
                named_here[key] = _names_speaker(v)
            return named_here[key]

        def _names_speaker(v: QuoteVariant) -> bool:
            f = self.facts.get(v.article_id)
            if f is None or v.field != "text" or not 0 <= v.quote < len(f.quotes):
                return False
            q = f.quotes[v.quote]
            if q.speaker_span is None or q.speaker_span.text.strip().lower() in _PRONOUN_SPEAKERS:
                return False
            ends = (q.content.start, max(q.content.start, q.content.end - 1))
            own = [x for x in f.sentences if any(x.start <= e < x.end for e in ends)]
            return any(x.start <= q.speaker_span.start < x.end for x in own)

        return [
            c
            for g in self.quotes
            for c in speaker_conflicts(g, self.sources, self.articles, self.config.quotes, kinds, explicit)
        ]

    def all(self) -> list[Conflict]:
        return [c for spec in CONFLICT_KINDS.values() for c in spec.detector(self)]


# The one table of conflict kinds, in the order the detectors run. Adding a kind: a name in
# ``model.ConflictKind``, an entry here, and the enum in docs/brief-schema.json (a test checks both).
CONFLICT_KINDS: dict[ConflictKind, ConflictKindSpec] = {
    "role": ConflictKindSpec("Inconsistent role", 7, lambda f: f.roles()),
    "polarity": ConflictKindSpec("Opposite statements", 6, lambda f: f.polarity()),
    "quantity": ConflictKindSpec("Different numbers", 0, lambda f: f.quantities()),
    "date": ConflictKindSpec("Different dates", 3, lambda f: f.dates()),
    "order": ConflictKindSpec("Opposite order", 4, lambda f: f.order()),
    "place": ConflictKindSpec("Different places", 5, lambda f: f.places()),
    "speaker": ConflictKindSpec("Different speakers", 2, lambda f: f.speakers()),
    "misquote": ConflictKindSpec("Misquote", 1, lambda f: f.quote_conflicts(misquotes)),
}


@dataclass(slots=True)
class _Nearby:
    """The people named in one article, for telling whose a role phrase is."""

    text: str
    people: list[Mention]
    person_of: dict[int, str]
    sentences: list[Sentence]

    def _next_to(self, start: int, end: int, x: Mention) -> bool:
        # "former CEO Y" (the name right after) or "Y, the former CEO" (an apposition right before)
        return 0 <= x.start - end <= 2 or (0 <= start - x.end <= 6 and "," in self.text[x.end : start])

    def beside(self, start: int, end: int, who: str) -> bool:
        return any(self.person_of[x.entity] == who and self._next_to(start, end, x) for x in self.people)  # type: ignore[index]

    def beside_other(self, start: int, end: int, who: str) -> bool:
        return any(self.person_of[x.entity] != who and self._next_to(start, end, x) for x in self.people)  # type: ignore[index]

    def others_before(self, pos: int, who: str) -> bool:
        """Another person is named earlier in the sentence at ``pos``: a role phrase after them may
        be theirs ("X met Y, and the former chair said ..."). One named after it is not its referent."""
        s0 = next((x.start for x in self.sentences if x.start <= pos < x.end), pos)
        return any(s0 <= x.start < pos and self.person_of[x.entity] != who for x in self.people)  # type: ignore[index]


def _dated_candidates(
    emb: np.ndarray, times: list[TimeRef], floor: float
) -> list[tuple[list[int], list[int]]]:
    """Pairs of groups of rows of ``emb`` at least ``floor`` alike whose times are not the same one
    (a group: the rows with one embedding and one time, copies of one dated sentence), in the order of
    a loop over all pairs (the same time never conflicts with itself)."""
    rows = list(range(len(emb)))
    groups = list(distinct_rows(emb, rows).values())
    by_time: list[list[list[int]]] = []
    for g in groups:
        sub: dict[tuple[dt.date | None, dt.date | None], list[int]] = {}
        for x in g:
            sub.setdefault((times[x].value, times[x].end), []).append(x)
        by_time.append(list(sub.values()))
    found: list[tuple[list[int], list[int]]] = []
    for p, q in pairs_above(PairCosine(emb), [g[0] for g in groups], [g[0] for g in groups], floor):
        if p > q:
            continue
        for k, sx in enumerate(by_time[p]):
            for sy in by_time[q][k + 1 :] if p == q else by_time[q]:
                tx, ty = times[sx[0]], times[sy[0]]
                if (tx.value, tx.end) != (ty.value, ty.end):
                    found.append((sx, sy) if sx[0] < sy[0] else (sy, sx))
    return sorted(found, key=lambda g: (g[0][0], g[1][0]))


# "before the collision", "after it hit the bridge", "prior to the vote", "ahead of the summit",
# "following the collapse" (not "the following day"): an event placed against another
_ORDER = re.compile(
    r"(?<!\bthe )\b(?P<rel>before|after|prior to|ahead of|following)\s+(?P<rest>(?:[\w’'-]+[ ,]*){1,5})",
    re.I,
)
_ORDER_SKIP = frozenset(
    """the a an his her its their our my your this that these those it he she they we i you him them
    us one some any all being been having had has have was were is are be shortly just soon first
    second third last next final initial earlier later
    long hours hour days day minutes minute weeks week months month years year moments moment""".split()
)


_ORDER_NEXT = re.compile(r"[\s,]*(?:before|after|prior to|ahead of|following)\b", re.I)
# an event that recurs can sit on both sides of another: "searched before the storm" and "resumed the
# search after it" are both true
_AGAIN = re.compile(r"\b(?:resum\w*|again|continu\w*|still|repeatedly|once more|kept)\b", re.I)


def _order_phrase(m: re.Match[str]) -> str:
    """ "before the storm": the preposition through the head word of the event it names."""
    anchor = _order_anchor(m)
    rest = m.group("rest")
    hit = re.search(rf"\b{re.escape(anchor)}\b", rest, re.I) if anchor else None
    return f"{m.group('rel')} {rest[: hit.end()]}" if hit else m.group(0).strip(" ,")


def _ordered_text(m: ClaimMember) -> str:
    """The claim with the rest of its sentence when that goes on with "before"/"after": a sentence cut
    into its propositions leaves "the harbour master closed the pier" apart from "before the storm
    reached the coast", which places it."""
    ctx = m.context
    if ctx is None or not (ctx.start <= m.span.start and m.span.end <= ctx.end):
        return m.span.text
    rest = ctx.text[m.span.end - ctx.start :]
    if _ORDER_NEXT.match(rest):
        return m.span.text + rest.rstrip()
    return m.span.text


def _order_side(m: re.Match[str]) -> str:
    rel: str = m.group("rel").lower()
    return "before" if rel in ("before", "prior to", "ahead of") else "after"


def _order_anchor(m: re.Match[str]) -> str:
    """The head word of the event something is placed against: its first word that is not a
    determiner, pronoun, auxiliary or span of time ("before the collision" -> "collision")."""
    if m.group("rel").lower() == "following" and not re.match(
        r"(?:the|a|an|his|her|its|their)\s", m.group("rest"), re.I
    ):
        return ""  # "following talks", "following him": too loose
    words: list[str] = re.findall(r"[\w’'-]+", m.group("rest").lower())
    return next((w for w in words if w not in _ORDER_SKIP and not w.isdigit()), "")


def _qkey(a: Quantity, b: Quantity) -> tuple[str, float, float]:
    lo, hi = sorted((round(a.value, 6), round(b.value, 6)))
    return unit_key(a), lo, hi


def _qtext(q: Quantity) -> str:
    return q.text or f"{q.approx + ' ' if q.approx else ''}{q.value:g} {q.unit}".strip()


def _close_value(a: float, b: float, rough: float | None = None) -> bool:
    """Within the slack of an approximate figure ("about", "nearly", "some"); a round one (``rough``,
    "nearly 1,000 feet") also covers one step of its last significant digit but one (948 feet)."""
    slack = CONFLICTS.approx_slack * max(abs(a), abs(b), 1e-9)
    return abs(a - b) <= max(slack, _round_step(rough) if rough is not None else 0.0)


def _round_step(v: float) -> float:
    """10 to the power of a round figure's trailing zeros less one: 1,000 -> 100, 200 -> 10, 45 -> 0."""
    if v != int(v) or v == 0:
        return 0.0
    n, zeros = abs(int(v)), 0
    while n % 10 == 0:
        n //= 10
        zeros += 1
    return 10.0 ** (zeros - 1) if zeros >= 2 else 0.0


_MONEY = frozenset(CURRENCY.values())


def _cents_dropped(a: Quantity, b: Quantity) -> bool:
    """One price is the other written without its cents ("$129" for "$129.99")."""
    if unit_key(a) not in _MONEY or unit_key(b) != unit_key(a):
        return False
    lo, hi = sorted((float(a.value), float(b.value)))
    return lo.is_integer() and lo < hi < lo + 1


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= CONFLICTS.same_value * max(abs(a), abs(b), 1e-9)


def _thing_after(window: str, q: Quantity) -> str:
    """The first content word after a figure and its unit: what it measures ("N-storey building")."""
    after = window.split("N", 1)[1] if "N" in window.split() else ""
    unit = {w for w in _words(f"{q.unit} {q.measure} {q.text}")}
    for w in _words(after):
        if w in unit or w.rstrip("s") in unit or w in CONFLICTS.stop or w[0].isdigit() or len(w) < 3:
            continue
        return w.rstrip("s") if len(w) > 4 else w
    return ""


_PRONOUN_SPEAKERS = frozenset("he she they it we i you".split())
# Nouns a number names rather than counts when it follows them: "version 7", "flight 370".
_LABEL_NOUNS = frozenset(
    """version versions edition generation series model release build chapter section article route
    flight channel gate platform room highway interstate phase bulletin""".split()
)


_PAIRED_BEFORE = re.compile(r"(?:\d\s*[-\u2013]|#)\s*$")
_PAIRED_AFTER = re.compile(r"^\s*[-\u2013]\s*\d")


def _label_number(m: ClaimMember, q: Quantity) -> bool:
    """The figure names something rather than measuring it: a label noun right before it ("IE
    version 7", "Route 66"), a "#" ("the #1 seed"), or one side of a score, record or span of years
    ("an 88-72 loss", "a 35-47 record", "2006-07")."""
    rel, end = q.start - m.span.start, q.end - m.span.start
    text = m.span.text
    if not 0 <= rel < end <= len(text):
        return False
    if _PAIRED_BEFORE.search(text[:rel]) or _PAIRED_AFTER.match(text[end:]):
        return True
    before = re.search(r"([A-Za-z]+)\.?\s*$", text[:rel])
    return before is not None and before.group(1).lower() in _LABEL_NOUNS


# "rocket propelled grenade", "battery-powered cars": the counted word modifies a participle and the
# noun after it
_COMPOUND_AFTER = re.compile(
    r"-?\s*[a-z]+ed\s+(?!(?:in|on|at|by|after|before|when|as|and|or|but|the|a|an|to|from|with|during|for|"
    r"of|while|near|since|into|onto|over|under|outside|inside|across|along|off|out|up|down|so|than|that|"
    r"which|who|this|last|early|late|overnight|yesterday|today|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b)[a-z]",
    re.I,
)


def _modifier_count(m: ClaimMember, q: Quantity) -> bool:
    """The figure's unit word is the first part of a compound ("one rocket propelled grenade
    launcher"): the figure counts the thing the compound names, not the unit."""
    rel = q.end - m.span.start
    if not unit_key(q) or not 0 < rel <= len(m.span.text):
        return False
    word = re.search(r"([A-Za-z]+)$", m.span.text[:rel])
    # a compound's first noun is singular: "three people killed Monday" counts people
    if word is None or word.group(1).lower().endswith("s") or word.group(1).lower() == "people":
        return False
    return _COMPOUND_AFTER.match(m.span.text, rel) is not None


# what is left of a count ("three more", "two other", "another five")
_MORE = r"(?:more|other|additional|further|extra)"
_MORE_AFTER = re.compile(rf"\s+{_MORE}\b", re.I)
_ANOTHER_BEFORE = re.compile(r"\banother\s+$", re.I)
_REMAINDER = re.compile(rf"\banother N\b|\bN {_MORE}\b", re.I)
# A part told of a whole ("three of the seven shots", "seven shots hit him, three of them from behind"):
# the sentence gives a count and a part of it.
_COUNT_WORD = r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PARTITIVE = re.compile(
    rf"\b{_COUNT_WORD}\s+of\s+(?:them|which|whom|those|these|(?:the|its|their|his|her)\s+{_COUNT_WORD}\b)",
    re.I,
)


def _sizes_another_thing(wa: str, qa: Quantity, wb: str, qb: Quantity, text_b: str) -> bool:
    """``qa`` sizes a thing ("a three-game losing streak", the figure joined to its unit by a hyphen)
    while ``qb`` counts the units themselves ("18 of their next 23 games") in a claim that never names
    that thing: a streak's length is no count of a season's games."""
    after_a = f" {wa} ".split(" N ", 1)[1] if " N " in f" {wa} " else ""
    after_b = f" {wb} ".split(" N ", 1)[1].split() if " N " in f" {wb} " else []
    if not after_a.startswith("-") or "-" in qb.text:
        return False
    # the count's unit word: in the figure's own text ("23 games") or right after it ("23 fresh games")
    words_b = _words(qb.text)[-1:] or _words(after_b[0] if after_b else "")
    if not words_b or not words_b[0].endswith("s") or words_b[0].rstrip("s") not in _words(qb.unit):
        return False
    thing = _thing_after(wa, qa)
    return bool(thing) and not any(w.startswith(thing) for w in _words(text_b))


def _kind_words(after: str, q: Quantity, most: int = 3) -> tuple[str, ...]:
    """The words between a figure and the noun it counts ("12 AK 47 guns" -> ("AK", "47"), "three
    machine guns" -> ("machine",)); none when the figure's own text holds its noun."""
    unit = {w.rstrip("s") for w in _words(q.unit)}
    raw = _WORD.findall(after) if unit else []
    for k, w in enumerate(raw[: most + 1]):
        if w.lower().rstrip("s") in unit:
            return tuple(raw[:k])
    return ()


def _two_kinds(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Both figures name their kind, in no word alike, and one of them by a name or a model
    (capitalised or with a digit: "AK 47", "Yemeni"): two kinds of the thing counted."""
    if not a or not b or {w.lower() for w in a} & {w.lower() for w in b}:
        return False
    return any(w[0].isupper() or w[0].isdigit() for w in a + b)


# "150 nautical miles west of Aden", "20 km north-east of the capital"
_BEARING = re.compile(
    r"(?P<n>\d[\d,.]*|[A-Za-z]+)\s+(?i:nautical\s+)?(?i:miles?|km|kilomet(?:re|er)s?)\s+(?i:to\s+the\s+)?"
    r"(?P<dir>(?i:(?:north|south)?-?(?:east|west)|north|south))(?i:ern)?\s+of\s+"
    r"(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})"
)


def _folded_number(text: str) -> str:
    return text.replace(",", "").lower()


def _opposite_bearings(a: str, b: str) -> bool:
    """No side in common and one turned around: west/east, north/south, north-east/south-west."""
    sides = ("north", "south", "east", "west")
    sa = {x for x in sides if x in a.lower()}
    sb = {x for x in sides if x in b.lower()}
    flip = {"north": "south", "south": "north", "east": "west", "west": "east"}
    return bool(sa and sb) and not sa & sb and {flip[x] for x in sa} == sb


def _remainder(window: str) -> bool:
    """A count of what is left beside a list ("two other rifles", "another 40 people")."""
    return bool(_REMAINDER.search(window))


def _another_moment(m: ClaimMember) -> bool:
    """The claim's sentence opens on another moment of the story (see ``_ANOTHER_MOMENT``)."""
    sentence = m.context.text if m.context is not None else m.span.text
    return _ANOTHER_MOMENT.match(sentence) is not None


def _sums_to(q: Quantity, others: list[Quantity]) -> bool:
    """``q`` is the sum of two or more figures of its unit in the other sentence (its parts)."""
    # a sentence split into several claims lists its figures once per claim
    seen = {(o.start, o.end, o.value) for o in others if unit_key(o) == unit_key(q) or not unit_key(o)}
    vals = [v for _s, _e, v in sorted(seen)]
    if len(vals) < 2:
        return False
    if _same_value(sum(vals), q.value):
        return True
    return any(
        _same_value(vals[i] + vals[j], q.value) for i in range(len(vals)) for j in range(i + 1, len(vals))
    )


def _measures_overlap(a: Quantity, b: Quantity) -> bool:
    """Both quantities say what they measure, with a word in common."""
    stop = {"of", "the", "a", "an", "on", "in", "for", "its", "their", "to", "by"}
    wa, wb = set(_words(a.measure)) - stop, set(_words(b.measure)) - stop
    return bool(wa & wb)


def _neighbours(q: Quantity, others: list[Quantity]) -> tuple[Quantity | None, Quantity | None]:
    """The figures of other units written right before and right after ``q`` in its claim."""
    near = [
        o for o in others if unit_key(o) != unit_key(q) and (unit_key(o) or o.measure) and o.end > o.start
    ]
    before = [o for o in near if o.end <= q.start]
    after = [o for o in near if o.start >= q.end]
    return (
        max(before, key=lambda o: o.end) if before else None,
        min(after, key=lambda o: o.start) if after else None,
    )


def _beside_other_figures(qa: Quantity, a: list[Quantity], qb: Quantity, b: list[Quantity]) -> bool:
    """Each figure is listed beside a figure of another unit (the one before it, or else the one
    after it), the two differ, and one claim gives both: the claims list several lines of figures
    ("rushed for 404 yards and two touchdowns, caught passes for 440 yards and four" / "440 yards and
    four touchdowns receiving"), and the two figures stand on different lines."""
    if qa.end <= qa.start or qb.end <= qb.start:
        return False
    (ba, aa), (bb, ab) = _neighbours(qa, a), _neighbours(qb, b)
    na, nb = (ba, bb) if ba is not None and bb is not None else (aa, ab)
    if na is None or nb is None or (unit_key(na) == unit_key(nb) and _same_value(na.value, nb.value)):
        return False
    va = {(unit_key(o), round(o.value, 6)) for o in a if unit_key(o) != unit_key(qa)}
    vb = {(unit_key(o), round(o.value, 6)) for o in b if unit_key(o) != unit_key(qb)}
    return (unit_key(nb), round(nb.value, 6)) in va or (unit_key(na), round(na.value, 6)) in vb


def _other_anchor(a: list[Quantity], b: list[Quantity], unit: str) -> bool:
    """The claims share a value of another unit: they count the same thing twice."""
    va = {(unit_key(q), round(q.value, 6)) for q in a if unit_key(q) != unit and (unit_key(q) or q.measure)}
    vb = {(unit_key(q), round(q.value, 6)) for q in b if unit_key(q) != unit and (unit_key(q) or q.measure)}
    return bool(va & vb)


# a time told relative to now and before it, which dates no text can anchor ("last year", "two years ago")
_PAST_REF = re.compile(
    r"\b(?:last|previous)\s+(?:year|month|decade|spring|summer|autumn|fall|winter)\b|"
    r"\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:years?|months?|decades?)\s+"
    r"(?:ago|earlier|before)\b",
    re.I,
)


def _conditions_differ(a: list[Quantity], b: list[Quantity], unit: str) -> bool:
    """The claims give another figure of one kind with no value in common: they count under other
    conditions ("15 aftershocks above magnitude 4" / "100 aftershocks above magnitude 5")."""
    other_a = {unit_key(q) for q in a if unit_key(q) and unit_key(q) != unit}
    for u in other_a:
        va = {round(q.value, 6) for q in a if unit_key(q) == u}
        vb = {round(q.value, 6) for q in b if unit_key(q) == u}
        if vb and not (va & vb):
            return True
    return False


def _same_times(a: list[TimeRef], b: list[TimeRef]) -> bool:
    da = {t.value for t in a if t.value}
    db = {t.value for t in b if t.value}
    return bool(da) and da == db


def _overlap(a: TimeRef, b: TimeRef) -> bool:
    assert a.value is not None and b.value is not None
    a_end, b_end = a.end or a.value, b.end or b.value
    return a.value <= b_end and b.value <= a_end


def _actors_differ(a: ClaimUnit, b: ClaimUnit, actors: frozenset[str]) -> bool:
    """Both claims name who acts, and nobody in common: "X won by 41" is not "Y won by 7"."""
    ea, eb = a.entities & actors, b.entities & actors
    return bool(ea) and bool(eb) and not (ea & eb)


def _places_differ(a: ClaimUnit, b: ClaimUnit, places: frozenset[str]) -> bool:
    """Both claims name where, and no place in common: "0.8 m in Toyama" is not "1.2 m in Wajima"."""
    pa, pb = a.entities & places, b.entities & places
    return bool(pa) and bool(pb) and not (pa & pb)


def _versions_of_one_text(a: ClaimUnit, b: ClaimUnit) -> bool:
    """The same long sentence word for word but a figure: one text printed before and after an
    update (a preliminary figure revised), not two sources that disagree."""
    wa = [w for w in _words(a.text) if not w[0].isdigit()]
    wb = [w for w in _words(b.text) if not w[0].isdigit()]
    if min(len(wa), len(wb)) < 12:
        return False
    sm = SequenceMatcher(None, wa, wb, autojunk=False)
    same = sum(bl.size for bl in sm.get_matching_blocks())
    return same / min(len(wa), len(wb)) >= CONFLICTS.copy_overlap


def _sources_compatible(a: ClaimUnit, b: ClaimUnit) -> bool:
    """Two figures can conflict unless each is given as a different named source's: agencies that
    measure differently ("7.2, Taiwan's weather agency said" / "7.4, the USGS said") both report right."""
    x, y = a.member.asserter, b.member.asserter
    return x == y or not (_named_source(x) and _named_source(y))


def _named_source(asserter: str) -> bool:
    words = [w for w in asserter.split() if len(w) > 3]
    return asserter != "outlet" and bool(words) and all(w[0].isupper() for w in words)


# Units a figure is given in by a phrase before it: "a magnitude of 7.6", "a length of 290 metres".
_UNIT_OF = re.compile(
    r"\b([a-z]{3,})\s+of\s+(?:(?:about|around|some|nearly|almost|roughly|up to|at least|more than|over|"
    r"an estimated|approximately)\s+)?$"
)
_NOT_UNITS = frozenset(
    "out one all some most any each none both many few number total part end start set series group list sum "
    "lot lots kind type because instead ahead".split()
)
# An ordinal that counts a unit: "in the 82nd minute", "the 14th floor", "on the third lap" is left out.
_ORDINAL = re.compile(
    r"\b(\d{1,4})(?:st|nd|rd|th)[\s-]+(minute|hour|day|week|month|lap|round|floor|storey|story|stage|inning|"
    r"place|mile|kilometre|kilometer|game|match|year)s?\b",
    re.I,
)


# A named party denied as a cause: "not caused by Microsoft", "not a Microsoft incident", "Microsoft
# was mistakenly blamed".
_PARTY = r"[A-Z][\w&’'-]*(?:\s+[A-Z][\w&’'-]*){0,2}"
_DENIED_CAUSE = re.compile(
    rf"\bnot\s+(?:been\s+)?(?:caused\s+by|due\s+to|the\s+fault\s+of|(?:the|a)\s+result\s+of)\s+(?:the\s+)?(?P<x>{_PARTY})"
    rf"|\bnot\s+(?:a|an)\s+(?P<y>{_PARTY})\s+(?:incident|issue|problem|fault|error|failure|bug|outage)\b"
    rf"|\b(?P<z>{_PARTY})\s+(?:was|were|has\s+been|had\s+been)\s+(?:mistakenly|wrongly|falsely|unfairly|incorrectly)\s+blamed"
)
# A cause stated as a fact: "caused by", "attributed the outage to", "traced to", "due to", "stemmed from"
_LAID_CAUSE = re.compile(
    r"\b(?:caused\s+by|attributed\s+(?:[\w’'-]+\s+){1,4}?to|traced\s+(?:back\s+)?to|due\s+to|"
    r"(?:the|a)\s+result\s+of|stemmed\s+from)\s+([^,.;:!?()\"“”]{1,80})"
)
# Before the cause: a denial, a doubt or another's belief makes it no assertion
_CAUSE_HEDGE = re.compile(
    r"\b(?:not|n['’]t|never|no|mistakenly|wrongly|falsely|may|might|could|possibly|suspect\w*|specul\w*|"
    r"rumou?r\w*|initially|first|whether|if)\b",
    re.I,
)
# Words that give a party another role than the maker of the cause: "an update from X to Y", "for Y hosts"
_NOT_MAKER = frozenset(
    "from to for by on onto into at across via through with that which who pushed sent".split()
)


def _party(name: str) -> str:
    """A party by the first word of its name: "Microsoft" of "Microsoft Windows", "Microsoft's"."""
    return re.sub(r"['’]s$", "", name.split()[0]).lower()


def _laid_causes(text: str) -> list[tuple[str, str]]:
    """Parties a claim lays a cause on, as the maker of the thing that caused it ("a defect in a
    Microsoft Windows update" -> microsoft), with the cause phrase; not a party the cause went to
    ("an update from X to Microsoft Windows")."""
    out: list[tuple[str, str]] = []
    for m in _LAID_CAUSE.finditer(text):
        head = text[: m.start()]
        clause = re.split(r"[.;:!?,]", head)[-1]
        if _CAUSE_HEDGE.search(clause):
            continue
        words = m.group(1).split()[:10]
        for k, w in enumerate(words):
            if not w[:1].isupper():
                if w.lower() in _NOT_MAKER:
                    break
                continue
            if k == 0 or words[k - 1].lower() in ("a", "an", "the", "in", "of", "by"):
                shown = words[: k + 4]
                while len(shown) > k + 1 and shown[-1].lower() in CONFLICTS.stop | _NOT_MAKER:
                    shown.pop()  # "a Harlow Pumps valve", not "... valve at"
                out.append((_party(w), " ".join(shown)))
            break
    return out


# A value given as the top of a named scale: "7 on the Japanese seismic intensity scale — the highest
# level", "up to 7, the highest on the ... scale"; not "the highest since 2011" nor "the strongest quake".
_SCALE_TOP = re.compile(
    r"(?<![\w.,])(\d+(?:\.\d+)?)\s*(?:on\s+the\s+((?:[\w-]+\s+){0,3}?)scale\s*)?[,\u2013\u2014-]+\s*"
    r"the\s+(?:highest|top|maximum|strongest)(?:\s+(?:level|grade|category|point|rating|reading))?"
    r"(?:\s+on\s+the\s+((?:[\w-]+\s+){0,3}?)scale)?(?=\s*(?:[,.;:)\u2013\u2014-]|$))",
    re.I,
)
# Units an ordinal counts when it says when, within one match, race or session, something happened.
MOMENT_UNITS = frozenset("minute hour day lap round inning".split())
_MOMENT_BEFORE = re.compile(r"\b(?:in|on|at|during)\s+(?:the\s+)?$", re.I)
# Moments the analysis does not read as figures: "the third lap", "lap 45", "round 3"
_MOMENT_UNIT = "|".join(sorted(MOMENT_UNITS))
_MOMENT_TEXT = re.compile(
    rf"\b(?:({'|'.join(ORDINAL_WORDS)})[\s-]+({_MOMENT_UNIT})|({_MOMENT_UNIT})\s+(\d{{1,3}}))\b(?![.,]?\d)",
    re.I,
)
_UNIT_BEFORE_FIGURE = re.compile(rf"\b(?:in|on|at|during)\s+(?:the\s+)?((?:{_MOMENT_UNIT})\s+)$", re.I)
# Words that make an event one of a kind in its sequence: "the winner", "the opening goal", "the final lap".
ONE_OF_A_KIND = frozenset(
    "winner winning opener opening first last final decisive deciding only sole".split()
)
_REPEAT = re.compile(r"\b(?:again|another|twice|once more|second time|third time|also|both)\b", re.I)
# "the 2-1 winner", "the winner": the first word of a definite noun phrase (a score or figure skipped)
_DEFINITE = re.compile(r"\bthe\s+(?:\d[\d.,:\-–]*\s+)?([a-z][a-z'’\-]+)")


def _moment_unit(text: str) -> str:
    """The time unit of a moment written as "82nd minute", "third lap" or "lap 45", else ""."""
    if o := _ORDINAL.fullmatch(text):
        unit = o.group(2).lower()
    elif o := _MOMENT_TEXT.fullmatch(text):
        unit = (o.group(2) or o.group(3)).lower()
    else:
        return ""
    return unit if unit in MOMENT_UNITS else ""


def _moments(m: ClaimMember, numbers: list[Quantity]) -> list[Quantity]:
    """Moments written in words or after their unit ("on the third lap", "on lap 45") that no figure
    of the claim covers, as quantities: the ordinal rule alone compares them (``_one_moment``)."""
    out = []
    text, base = m.span.text, m.span.start
    for o in _MOMENT_TEXT.finditer(text):
        s, e = base + o.start(), base + o.end()
        if any(q.start < e and s < q.end for q in numbers) or not _MOMENT_BEFORE.search(text[: o.start()]):
            continue
        value = ORDINAL_WORDS[o.group(1).lower()] if o.group(1) else float(o.group(4))
        unit = (o.group(2) or o.group(3)).lower()
        out.append(Quantity(value, unit, o.group(0), measure=unit, start=s, end=e))
    return out


def _moment(u: ClaimUnit, q: Quantity) -> bool:
    """The figure is the time of an event in a match, race or session: "in the 82nd minute", "on
    the third lap", "on lap 45" (a bare figure after its unit)."""
    m = u.member
    rel = q.start - m.span.start
    if not 0 <= rel <= len(m.span.text):
        return False
    before = m.span.text[:rel]
    if _moment_unit(q.text):
        return _MOMENT_BEFORE.search(before) is not None
    return _with_unit(m, q) is not q


def _with_unit(m: ClaimMember, q: Quantity) -> Quantity:
    """A bare figure after its time unit ("on lap 45") as the moment "lap 45"; any other, unchanged."""
    rel = q.start - m.span.start
    if not (0 <= rel <= len(m.span.text) and re.fullmatch(r"\d{1,3}", q.text)):
        return q
    u = _UNIT_BEFORE_FIGURE.search(m.span.text[:rel])
    if u is None:
        return q
    start = m.span.start + u.start(1)
    return dataclasses.replace(q, text=m.span.text[u.start(1) : rel] + q.text, start=start)


def _name_words(u: ClaimUnit) -> set[str]:
    """The words of the names a claim writes (capitalised in its text): "Oyarzabal" of "Mikel Oyarzabal"."""
    text = u.text
    return {
        w.lower()
        for e in u.entities
        for w in re.findall(r"[^\W\d_][\w'’-]{3,}", e)
        if re.search(rf"\b{re.escape(w[:1].upper() + w[1:])}\b", text)
    }


def _event_nouns(u: ClaimUnit, q: Quantity) -> set[str]:
    """First words of the claim's definite noun phrases, outside the ordinal itself and among its
    predicate and arguments when the analysis gave them: "winner" of "tap home the 2-1 winner"."""
    core = set(_words(u.core)) if u.core else None
    out = set()
    qs, qe = q.start - u.member.span.start, q.end - u.member.span.start
    for d in _DEFINITE.finditer(u.member.span.text):
        if d.start() < qe and qs < d.end():
            continue  # "the first round" itself
        w = d.group(1)
        if w in CONFLICTS.stop or w in MOMENT_UNITS or (core is not None and w not in core):
            continue
        out.add(w)
    return out


_SMALL_NUMBERS = "|".join(
    w for w, v in WORD_NUMBERS.items() if v >= 1 and v == int(v) and w not in ("dozens",)
)
# "served four and a half months", "sentenced to 12 years": a length of time the claim measures. Not
# a point in time ("two years ago", "three days later", "a 20-year-old"), nor a length describing a
# thing ("a seven-year deal", "its seven-year history": offers and histories differ), nor a stretch up to now
# ("in the past two years", "for the first time in 30 years"), nor a figure cut from another ("4 1/2")
_DURATION = re.compile(
    rf"(?<![\w/.,-])(?<!\d )(?<!/ )((?:\d{{1,3}}(?:\.\d)?)|{_SMALL_NUMBERS})(\s+and\s+a\s+half)?\s+"
    r"(hour|day|week|month|year)s?\b(?![\s-]+(?:ago|later|earlier|before|after|old|from\s+now)\b)(?!-)",
    re.I,
)
_SINCE_BEFORE = re.compile(
    r"\b(?:in|within|over|past|last|next|first|coming|every|each|per|about|after|since|than|of)\s*$", re.I
)


_ROUGHLY = re.compile(
    r"\b(about|almost|nearly|around|roughly|some|over|more than|less than|up to|at least|at most)\s*$", re.I
)


def _durations(m: ClaimMember, taken: list[Quantity]) -> list[Quantity]:
    """Lengths of time written out ("four months", "12 years"), as quantities of their time unit.
    Only a body's statements: a headline's or a question's length ("Offer of 8 years?") is a guess."""
    out: list[Quantity] = []
    text, base = m.span.text, m.span.start
    if m.part != "body" or "?" in text:
        return out
    for d in _DURATION.finditer(text):
        s, e = base + d.start(), base + d.end()
        if any(q.start < e and s < q.end for q in taken) or _SINCE_BEFORE.search(text[: d.start()]):
            continue
        n = d.group(1).lower()
        value = float(n) if n[0].isdigit() else float(WORD_NUMBERS[n])
        value += 0.5 if d.group(2) else 0.0
        unit = d.group(3).lower()
        approx = _ROUGHLY.search(text[: d.start()])
        out.append(
            Quantity(
                value,
                unit,
                d.group(0),
                approx=approx.group(1).lower() if approx else "",
                measure=unit,
                start=s,
                end=e,
            )
        )
    return out


def _numbers(m: ClaimMember, units: frozenset[str] = frozenset()) -> list[Quantity]:
    """A claim's figures, with the unit a phrase before one names ("a magnitude of 7.6", or
    "magnitude 5" when the story uses that word as a unit elsewhere) and the ordinals that count a
    unit ("the 82nd minute")."""
    text, base = m.span.text, m.span.start

    def unit_before(pos: int) -> str:
        before = text[:pos].lower()
        u = _UNIT_OF.search(before)
        word = u.group(1) if u and u.group(1) not in _NOT_UNITS else ""
        if not word and (w := re.search(r"\b([a-z]{3,})[\s-]*$", before)) and w.group(1) in units:
            word = w.group(1)
        return word[:-1] if word.endswith("s") and len(word) > 4 else word

    out: list[Quantity] = []
    for q in m.numbers:
        if not unit_key(q) and not q.measure and base <= q.start < base + len(text):
            if unit := unit_before(q.start - base):
                q = dataclasses.replace(q, unit=unit, measure=unit)
            elif (
                _MORE_AFTER.match(text, q.end - base) or _ANOTHER_BEFORE.search(text, 0, q.start - base)
            ) and (prior := [o for o in out if unit_key(o) and o.end <= q.start]):
                # "six touchdowns ... and three more": the remainder counts the unit counted before it
                q = dataclasses.replace(q, unit=prior[-1].unit, measure=prior[-1].measure)
        out.append(q)
    # a figure the analysis left out, when the words before it say what it measures ("of over 4.0")
    for d in re.finditer(r"(?<![\w.,])\d+(?:\.\d+)?(?![\w.,]?\d)", text):
        s, e = base + d.start(), base + d.end()
        if not any(q.start < e and s < q.end for q in out) and (unit := unit_before(d.start())):
            out.append(Quantity(float(d.group(0)), unit, d.group(0), measure=unit, start=s, end=e))
    out += _durations(m, out)
    taken = {(q.start, q.end) for q in out}
    for o in _ORDINAL.finditer(text):
        s, e = base + o.start(), base + o.end()
        if not any(a < e and s < b for a, b in taken):
            unit = o.group(2).lower()
            out.append(Quantity(float(o.group(1)), unit, o.group(0), measure=unit, start=s, end=e))
    return out


def _is_role(phrase: str) -> bool:
    return is_role_phrase(phrase)


def _title_before(text: str, start: int) -> tuple[str, int] | None:
    """A title written before a name ("President " in "President Donald Trump")."""
    seg = text[max(0, start - 60) : start]
    if not seg.endswith((" ", "\u00a0")):
        return None
    m = _TITLE_BEFORE.search(seg.rstrip() + " ")
    if not m:
        return None
    phrase = m.group(1).strip()
    if not _is_role(phrase):
        return None
    s = start - len(seg) + m.start(1)
    # a sentence boundary inside would make it no title
    return phrase, s


_ROLE_AFTER = re.compile(r"((?:[\w.’'-]+\s+){0,3}?[\w’'-]+)")


def _role_after(text: str, pos: int) -> tuple[str, int, int]:
    """The role phrase that follows "former" ("US president", "Defence Secretary")."""
    toks = list(re.finditer(r"[\w.’'-]+", text[pos : pos + 60]))
    for k, t in enumerate(toks[:4]):
        w = t.group(0).lower().rstrip(".")
        if w in ROLE_HEADS or w.rstrip("s") in ROLE_HEADS:
            end = pos + t.end()
            # "former Secretary of Defense": keep an "of X" complement
            rest = text[end : end + 40]
            mo = re.match(r"\s+of\s+(?:the\s+)?[A-Z][\w]+", rest)
            if mo:
                end += mo.end()
            between = text[pos:end]
            if any(ch in between for ch in ".,;:\n"):
                return "", 0, 0
            return between, pos, end
        if k >= 3:
            break
    return "", 0, 0


def _role_match(q1: str, c1: str, q2: str, c2: str) -> bool:
    return c1 == c2 and qualifiers_compatible(q1, q2)


def find_conflicts(
    alignment: Alignment,
    sources: Sources,
    articles: dict[int, Article],
    facts: dict[int, ArticleFacts],
    resolve: EntityResolver,
    config: ConflictConfig | None = None,
    quotes: list[QuoteGroup] | None = None,
) -> list[Conflict]:
    """Every registered kind of conflict in one story (quote kinds from the quote groups given)."""
    return ConflictFinder(alignment, sources, articles, facts, resolve, config, quotes).all()
