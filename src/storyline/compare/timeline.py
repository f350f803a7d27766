"""Timeline: the story's dated events in order, each with the sentences that date them.

Dates come from the analysis' resolved time expressions (day precision; a month or a year is
background, not an event). An undated article's weekday ("on Wednesday") is resolved against the
date range the linker inferred from its dated siblings: the day with that weekday nearest to the
range, preferring a day other articles already report; a date written without its year
("14 March") takes the year that puts it nearest the range. An article that dates nothing appears on
its publication day, with its headline as evidence.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.compare.sources import Sources
from storyline.model import Article, ArticleFacts, SourceRef, Story, TimelineEntry, TimeRef

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH = re.compile(r"^\s*(?:on\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\s*$", re.I)
_MONTH_DAY = re.compile(r"^\s*(?:on\s+)?" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*$", re.I)


def day_month(expression: str) -> tuple[int, int] | None:
    """(month, day) of a date written without its year ("14 March", "Oct. 4")."""
    m = _DAY_MONTH.match(expression)
    if m:
        return MONTHS.index(m.group(2).lower()) + 1, int(m.group(1))
    m = _MONTH_DAY.match(expression)
    if m:
        return MONTHS.index(m.group(1).lower()) + 1, int(m.group(2))
    return None


def resolve_day_month(month: int, day: int, lo: dt.date, hi: dt.date) -> dt.date | None:
    """The year that puts a yearless date nearest the range [lo, hi]."""
    best: dt.date | None = None
    for year in (lo.year - 1, lo.year, hi.year, hi.year + 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        gap = 0 if lo <= d <= hi else min(abs((d - lo).days), abs((d - hi).days))
        if best is None or gap < (
            0 if lo <= best <= hi else min(abs((best - lo).days), abs((best - hi).days))
        ):
            best = d
    return best


def _day_precision(t: TimeRef) -> bool:
    return t.value is not None and (t.end is None or (t.end - t.value).days <= 1)


def resolve_weekday(weekday: int, lo: dt.date, hi: dt.date, known: set[dt.date]) -> dt.date:
    """The day with ``weekday`` nearest to [lo, hi]; inside the range, a day others report, else the latest."""
    cands = [lo - dt.timedelta(days=7) + dt.timedelta(days=k) for k in range((hi - lo).days + 15)]
    cands = [d for d in cands if d.weekday() == weekday]

    def dist(d: dt.date) -> int:
        return 0 if lo <= d <= hi else min(abs((d - lo).days), abs((d - hi).days))

    best = min(dist(d) for d in cands)
    near = [d for d in cands if dist(d) == best]
    reported = [d for d in near if d in known]
    return max(reported or near)


def build_timeline(
    story: Story, articles: dict[int, Article], facts: dict[int, ArticleFacts], sources: Sources
) -> list[TimelineEntry]:
    by_day: dict[dt.date, TimelineEntry] = {}
    known: set[dt.date] = set()
    pending: list[tuple[int, TimeRef, int]] = []  # undated article, time ref, weekday

    def add(day: dt.date, aid: int, ref: SourceRef, inferred: bool, kind: str = "event") -> None:
        e = by_day.get(day)
        if e is None:
            e = by_day[day] = TimelineEntry(date=day, end=None, kind=kind, inferred=inferred)
        elif e.kind == "published" and kind == "event":
            e.kind = "event"
        if not any(
            r.article_id == ref.article_id and r.start == ref.start and r.field == ref.field
            for r in e.evidence
        ):
            e.evidence.append(ref)
        if aid not in e.article_ids:
            e.article_ids.append(aid)
        e.inferred = e.inferred and inferred

    def sentence_ref(aid: int, t: TimeRef) -> SourceRef:
        f = facts[aid]
        s = next((x for x in f.sentences if x.idx == t.sentence), None)
        if s is None:
            return SourceRef(aid, t.span.start, t.span.end, t.span.text)
        return SourceRef(aid, s.start, s.end, s.text)

    for aid in sources.order:
        f = facts.get(aid)
        if f is None:
            continue
        for t in f.times:
            if t.value is not None:
                if _day_precision(t):
                    add(t.value, aid, sentence_ref(aid, t), inferred=t.anchor == "story")
                    known.add(t.value)
            elif articles[aid].published is None:
                m = _WEEKDAY.search(t.expression)
                if m:
                    pending.append((aid, t, WEEKDAYS.index(m.group(1).lower())))
                elif day_month(t.expression):
                    pending.append((aid, t, -1))
    for aid, t, wd in pending:
        rng = story.inferred_dates.get(aid)
        if rng is None and story.start and story.end:
            rng = (story.start, story.end)
        if rng is None:
            continue
        if wd >= 0:
            day: dt.date | None = resolve_weekday(wd, rng[0], rng[1], known)
        else:
            md = day_month(t.expression)
            day = resolve_day_month(*md, *rng) if md else None
        if day is not None:
            add(day, aid, sentence_ref(aid, t), inferred=True)
    dated = {aid for e in by_day.values() for aid in e.article_ids}
    for aid in sources.order:
        a = articles[aid]
        if aid not in dated and a.published is not None and a.title:
            add(
                a.published,
                aid,
                SourceRef(aid, 0, len(a.title), a.title, field="title"),
                False,
                kind="published",
            )
    labels = {e.start: e.label for e in story.events if e.start is not None}
    out = []
    for day in sorted(by_day):
        e = by_day[day]
        e.label = labels.get(day, "")
        e.evidence.sort(key=lambda r: (sources.ref.get(r.article_id, 0), r.start))
        e.article_ids.sort(key=lambda a: sources.ref.get(a, 0))
        out.append(e)
    return out
