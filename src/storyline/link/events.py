"""Events inside a story: what happened on which day, where.

A story (a minister's three-day trip) holds several events (a press stop, a
speech, a meeting). Each article yields *cues*: a date it reports (absolute,
relative to its publication day, or a bare weekday still to be resolved),
the places and key terms of the sentence that carries it, and the claims made
in that sentence. Cues of a story are grouped by day; an article reporting
several days belongs to several events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from storyline.link.features import MONTHS, WEEKDAYS, content_terms, fold, sentences, words
from storyline.model import Article, ArticleFacts, ClaimRef, Event, TimeRef

_WEEKDAY = re.compile(r"\b(?:on |last |this |next )?(" + "|".join(WEEKDAYS) + r")\b", re.I)
_MONTH_RE = "|".join(m[:3] + r"[a-z]*\.?" for m in MONTHS)
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTH_RE + r")(?:,?\s+(\d{4}))?\b", re.I)
_MONTH_DAY = re.compile(r"\b(" + _MONTH_RE + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.I)
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
_RELATIVE_RE = re.compile(r"\b(today|yesterday|tomorrow|tonight)\b", re.I)
_DIGIT = re.compile(r"\d")  # both day-month patterns need one
_PLACE_AFTER = re.compile(r"\b(?:in|at|to|from|near)\s+((?:[A-Z][\w'’\-]+\s?){1,3})")


@dataclass(slots=True)
class EventCue:
    """One dated (or datable) report inside an article."""

    sentence: int
    expression: str
    date: dt.date | None = None  # resolved day
    weekday: int | None = None  # 0=Monday: a bare weekday awaiting a reference date
    offset: int | None = None  # "yesterday" etc. awaiting a reference date
    places: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    claims: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> EventCue:
        d = dict(d)
        d["date"] = dt.date.fromisoformat(d["date"]) if d.get("date") else None
        return cls(**d)


def _month(tok: str) -> int:
    t = fold(tok).rstrip(".")
    for i, m in enumerate(MONTHS):
        if m.startswith(t[:3]):
            return i + 1
    raise ValueError(tok)


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def weekday_before(ref: dt.date, weekday: int) -> dt.date:
    """The latest ``weekday`` on or before ``ref`` (news reports past days as "on Tuesday")."""
    return ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)


def _text_cues(text: str, published: dt.date | None) -> list[EventCue]:
    """Date cues from the text alone (used when the analysis stage gave no time references)."""
    cues: list[EventCue] = []
    for i, sent in enumerate(sentences(text)):
        found: list[EventCue] = []
        # cheap tests first: most sentences name no date, and each pattern scans the whole sentence
        if _DIGIT.search(sent):
            for m in _DAY_MONTH.finditer(sent):
                year = int(m.group(3)) if m.group(3) else (published.year if published else None)
                if year:
                    d = _safe_date(year, _month(m.group(2)), int(m.group(1)))
                    found.append(EventCue(i, m.group(0), date=d))
            for m in _MONTH_DAY.finditer(sent):
                year = int(m.group(3)) if m.group(3) else (published.year if published else None)
                if year:
                    d = _safe_date(year, _month(m.group(1)), int(m.group(2)))
                    found.append(EventCue(i, m.group(0), date=d))
        if "day" in sent.lower():  # every weekday's name ends so
            for m in _WEEKDAY.finditer(sent):
                found.append(EventCue(i, m.group(0), weekday=WEEKDAYS.index(m.group(1).lower())))
        for m in _RELATIVE_RE.finditer(sent):
            found.append(EventCue(i, m.group(0), offset=_RELATIVE[m.group(1).lower()]))
        if found:
            places = [p.strip() for p in _PLACE_AFTER.findall(sent)]
            terms = _action_terms(sent)
            for c in found:
                c.places = places
                c.terms = terms
            cues.extend(found)
    return cues


def _action_terms(sent: str) -> list[str]:
    """Lower-case content words of a sentence: what happened, not who (names are capitalised)."""
    return content_terms(" ".join(w for w in words(sent) if not w[0].isupper()))


def _facts_cues(article: Article, facts: ArticleFacts) -> list[EventCue]:
    places_by_sent: dict[int, list[str]] = {}
    sent_of = _sentence_locator(facts)
    for mention in facts.mentions:
        if mention.type == "place":
            places_by_sent.setdefault(sent_of(mention.start), []).append(mention.text)
    claims_by_sent: dict[int, list[int]] = {}
    for ci, claim in enumerate(facts.claims):
        claims_by_sent.setdefault(claim.sentence, []).append(ci)
    text_by_sent = {s.idx: s.text for s in facts.sentences}
    cues = []
    for t in facts.times:
        c = EventCue(t.sentence, t.expression, date=t.value)
        if t.value is None:
            m = _WEEKDAY.search(t.expression)
            r = _RELATIVE_RE.search(t.expression)
            if m:
                c.weekday = WEEKDAYS.index(m.group(1).lower())
            elif r:
                c.offset = _RELATIVE[r.group(1).lower()]
            else:
                continue
        elif t.end is not None and (t.end - t.value).days > 2:
            continue  # a month or a year is background, not an event day
        sent = text_by_sent.get(t.sentence, "")
        c.places = places_by_sent.get(t.sentence) or [p.strip() for p in _PLACE_AFTER.findall(sent)]
        c.terms = _action_terms(sent)
        c.claims = claims_by_sent.get(t.sentence, [])
        cues.append(c)
    return cues


def _sentence_locator(facts: ArticleFacts):  # type: ignore[no-untyped-def]
    starts = sorted((s.start, s.idx) for s in facts.sentences)

    def locate(pos: int) -> int:
        best = 0
        for start, idx in starts:
            if start > pos:
                break
            best = idx
        return best

    return locate


def article_cues(article: Article, facts: ArticleFacts | None = None) -> list[EventCue]:
    """Event cues of one article; weekday/relative cues resolve later against a reference date."""
    if facts is not None and facts.times:
        cues = _facts_cues(article, facts)
    else:
        cues = _text_cues(article.text, article.published)
    if article.published:
        for c in cues:
            resolve_cue(c, article.published)
    return cues


def weekday_nearest(lo: dt.date, hi: dt.date, weekday: int) -> dt.date:
    """The ``weekday`` closest to the range [lo, hi] (inside it if there is one; earlier on a tie)."""
    before = weekday_before(hi, weekday)
    if before >= lo:
        return before
    after = lo + dt.timedelta(days=(weekday - lo.weekday()) % 7)
    return before if (lo - before) <= (after - hi) else after


def resolve_cue(cue: EventCue, ref: dt.date, ref_end: dt.date | None = None) -> None:
    """Fix a weekday/relative cue against the article's date, or an inferred range [ref, ref_end].

    With a publication date, "on Tuesday" is the latest Tuesday on or before it (news reports the
    past). An undated article's range comes from its siblings and it may have been published after
    them, so the weekday nearest to the range is taken.
    """
    if cue.date is not None:
        return
    if cue.weekday is not None:
        cue.date = (
            weekday_before(ref, cue.weekday)
            if ref_end is None
            else weekday_nearest(ref, ref_end, cue.weekday)
        )
    elif cue.offset is not None:
        cue.date = (ref_end or ref) + dt.timedelta(days=cue.offset)


def build_events(
    members: list[tuple[int, dt.date | None, list[EventCue]]],
    span: tuple[dt.date, dt.date] | None,
    inferred: dict[int, tuple[dt.date, dt.date]],
    slack_days: int = 3,
) -> list[Event]:
    """Group a story's cues into events by day.

    ``members``: (article id, published date, cues). Cues outside the story's
    span (widened by ``slack_days``) are background (an anniversary, an
    earlier war) and make no event. An undated article's weekday cues resolve
    against the end of its inferred date range. An article with no usable cue
    joins the event of its publication day.
    """
    by_day: dict[dt.date, list[tuple[int, EventCue | None]]] = {}
    lo = span[0] - dt.timedelta(days=slack_days) if span else None
    hi = span[1] + dt.timedelta(days=slack_days) if span else None
    for aid, published, cues in members:
        rng = (published, None) if published else inferred.get(aid)
        placed = False
        for cue in cues:
            # a copy: the stored cue stays unresolved, the inferred range may still move
            c = dataclasses.replace(cue) if cue.date is None else cue
            if c.date is None and rng is not None:
                resolve_cue(c, rng[0], rng[1])
            if c.date is None or (lo and hi and not lo <= c.date <= hi):
                continue
            by_day.setdefault(c.date, []).append((aid, c))
            placed = True
        if not placed and published is not None:
            by_day.setdefault(published, []).append((aid, None))
    events: list[Event] = []
    for i, day in enumerate(sorted(by_day)):
        items = by_day[day]
        places: Counter[str] = Counter()
        terms: Counter[str] = Counter()
        claims: list[ClaimRef] = []
        aids: list[int] = []
        for aid, found in items:
            if aid not in aids:
                aids.append(aid)
            if found is None:
                continue
            places.update(set(found.places))
            terms.update(set(found.terms))
            claims.extend(ClaimRef(aid, ci) for ci in found.claims if ClaimRef(aid, ci) not in claims)
        # ties by name: a Counter filled from sets keeps the hash order, which changes from run to run
        top_places = [p for p, _ in sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        ranked = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
        actions = [t for t, n in ranked if not any(fold(t) in fold(p) for p in top_places)][:4]
        # the label names the day and where; the key terms stay in ``actions`` (a bag of lemmas
        # such as "reporter leader headquarter" reads as noise, the evidence sentences say what happened)
        label = day.isoformat()
        if top_places:
            label += " · " + ", ".join(top_places[:2])
        events.append(
            Event(
                id=i,
                start=day,
                end=day,
                label=label,
                places=top_places,
                actions=actions,
                article_ids=aids,
                claims=claims,
            )
        )
    return events


def resolve_times(facts: ArticleFacts, date_range: tuple[dt.date, dt.date]) -> list[TimeRef]:
    """The article's time references with weekday/relative ones resolved against a story date range.

    For an undated article, the analysis stage could not resolve "on Wednesday"; once the story
    gives it an inferred range (from its dated siblings), such references get a date, with
    ``anchor="story"``. References already resolved are returned unchanged; the input is not modified.
    """
    out = []
    for t in facts.times:
        if t.value is not None:
            out.append(t)
            continue
        cue = EventCue(t.sentence, t.expression)
        m = _WEEKDAY.search(t.expression)
        r = _RELATIVE_RE.search(t.expression)
        if m:
            cue.weekday = WEEKDAYS.index(m.group(1).lower())
        elif r:
            cue.offset = _RELATIVE[r.group(1).lower()]
        resolve_cue(cue, date_range[0], date_range[1])
        out.append(dataclasses.replace(t, value=cue.date, anchor="story") if cue.date else t)
    return out
