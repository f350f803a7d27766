"""Time expressions: absolute dates and references relative to the article's date.

Candidates are spaCy DATE entities plus weekday/month words the tagger missed. Resolution is
rule-based (no per-expression parser calls: it runs for every article):

- absolute: "11 February 2025", "Feb. 11, 2025", "in September 2024" (a month range), "in 2014";
- relative to the published date: weekdays ("on Tuesday" -> the most recent Tuesday on or before the
  published date, or the next one when the clause is in the future tense), today/yesterday/tomorrow,
  "last/next/this week|month|year", "N days ago", a month without a year, "earlier this month";
- relative to an event ("two days after his inauguration") is kept with its expression, unresolved.

When the published date is unknown, relative expressions stay unresolved and ``resolve`` settles them
later against a story-level reference date (anchor "story"): then a weekday is taken as the
occurrence nearest to the reference, since the article may predate or follow it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from storyline.analyse.docutil import sent_index
from storyline.model import Span, TimeRef

if TYPE_CHECKING:  # spaCy loads only where a text is parsed (analyse.nlp), not on import
    from spacy.tokens import Doc, Token

MONTHS = {
    m.lower(): i
    for i in range(1, 13)
    for m in (calendar.month_name[i], calendar.month_abbr[i], calendar.month_abbr[i] + ".")
}
MONTHS["sept"] = MONTHS["sept."] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "several": 3, "few": 3, "a few": 3})
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}

_MONTH_RE = r"(jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}\s*,?\s*(\d{{4}})?\b", re.I)
_MDY = re.compile(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*,?\s*(\d{{4}}))?", re.I)
_MY = re.compile(rf"\b{_MONTH_RE}\s*,?\s+(\d{{4}})\b", re.I)
_M = re.compile(rf"^(?:early |mid-?|late |the end of |end of |earlier in |in )?{_MONTH_RE}$", re.I)
_DAY_RANGE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:and|-|\u2013|to)\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}\b(?!\s*,?\s*\d{{4}})",
    re.I,
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"^(?:in |since |by |during |of |the year )?((?:19|20)\d{2})$")
_AGO = re.compile(r"^(\w+(?: \w+)?) (days?|weeks?|months?|years?) ago$")
_LASTN = re.compile(r"^(?:the )?(?:last|past) (\w+) (days?|weeks?|months?|years?)$")
_EVENT = re.compile(r"^(\w+(?: \w+)?) (days?|weeks?|months?|years?) (after|before|later|earlier)\b")
_WEEKDAY = re.compile(
    r"^(?:on |this |last |next |early |late )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:'s)?(?: (?:morning|afternoon|evening|night))?$"
)
_PREFIX = re.compile(r"^(?:on|in|at|by|since|from|until|of|during|as of|earlier|later)\s+", re.I)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _shift_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def _num(word: str) -> int | None:
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _weekday(target: int, ref: dt.date, direction: str) -> dt.date:
    back = (ref.weekday() - target) % 7
    fwd = (target - ref.weekday()) % 7
    if direction == "future":
        return ref + dt.timedelta(days=fwd)
    if direction == "nearest":
        return ref - dt.timedelta(days=back) if back <= fwd else ref + dt.timedelta(days=fwd)
    return ref - dt.timedelta(days=back)


def parse_absolute(expr: str) -> tuple[dt.date, dt.date | None] | None:
    """Dates that need no reference: full dates, month + year, bare years."""
    s = expr.strip()
    try:
        if m := _ISO.search(s):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), None
        if (m := _DMY.search(s)) and m[3]:
            return dt.date(int(m[3]), MONTHS[m[2].lower().rstrip(".")[:3]], int(m[1])), None
        if (m := _MDY.search(s)) and m[3]:
            return dt.date(int(m[3]), MONTHS[m[1].lower().rstrip(".")[:3]], int(m[2])), None
        if m := _MY.search(s):
            y, mo = int(m[2]), MONTHS[m[1].lower().rstrip(".")[:3]]
            return dt.date(y, mo, 1), _month_end(y, mo)
    except (ValueError, KeyError):
        return None
    if m := _YEAR.match(_PREFIX.sub("", s.lower()) if not s.lower().startswith("since") else s.lower()):
        y = int(m[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    return None


def parse_relative(expr: str, ref: dt.date, direction: str) -> tuple[dt.date, dt.date | None] | None:
    """Resolve a relative expression against ``ref``; direction is "past", "future" or "nearest"."""
    s = re.sub(r"\s+", " ", expr.lower().replace("\u2019", "'")).strip(" .,")
    s = re.sub(r"^the ", "", _PREFIX.sub("", s))
    past = direction != "future"
    if s in ("today", "tonight", "this morning", "this afternoon", "this evening", "now"):
        return ref, None
    if s in ("yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"):
        return ref - dt.timedelta(days=1), None
    if s in ("tomorrow", "tomorrow morning", "tomorrow night"):
        return ref + dt.timedelta(days=1), None
    if m := _WEEKDAY.match(s):
        target = WEEKDAYS[m[1]]
        if s.startswith("last "):
            d = _weekday(target, ref - dt.timedelta(days=1), "past")
        elif s.startswith("next "):
            d = _weekday(target, ref + dt.timedelta(days=1), "future")
        else:
            d = _weekday(target, ref, direction if direction == "nearest" else ("past" if past else "future"))
        return d, None
    if m := _AGO.match(s):
        n = _num(m[1])
        if n is None:
            return None
        unit = m[2].rstrip("s")
        if unit == "month":
            d = _shift_months(ref, -n).replace(day=1)
            return d, _month_end(d.year, d.month)
        if unit == "year":
            return dt.date(ref.year - n, 1, 1), dt.date(ref.year - n, 12, 31)
        return ref - dt.timedelta(days=n * UNITS[m[2]]), None
    if m := _LASTN.match(s):
        n = _num(m[1])
        if n is None:
            return None
        return ref - dt.timedelta(days=n * UNITS[m[2]]), ref
    rel = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "this": 0, "current": 0}
    if m := re.match(
        r"^(last|previous|past|next|coming|this|current|earlier this|later this) (week|month|year)$", s
    ):
        off = rel.get(m[1], 0)
        unit = m[2]
        if unit == "week":
            start = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=7 * off)
            return start, start + dt.timedelta(days=6)
        if unit == "month":
            start = _shift_months(ref, off)
            return start, _month_end(start.year, start.month)
        return dt.date(ref.year + off, 1, 1), dt.date(ref.year + off, 12, 31)
    if m := _M.match(s):
        mo = MONTHS[m[1].rstrip(".")[:3]]
        y = ref.year
        if past and mo > ref.month:
            y -= 1
        elif not past and mo < ref.month:
            y += 1
        if direction == "nearest":
            cands = [dt.date(ref.year + k, mo, 1) for k in (-1, 0, 1)]
            y = min(cands, key=lambda d: abs((d - ref).days)).year
        return dt.date(y, mo, 1), _month_end(y, mo)
    try:
        if m := _DAY_RANGE.search(s):
            # "9 and 10 february", "9-10 february": the first day to the last
            mo = MONTHS[m[3].rstrip(".")[:3]]
            d1, d2 = int(m[1]), int(m[2])
            if d1 < d2:
                start = _pick_year(ref, mo, d1, direction)
                return start, start.replace(day=d2)
        if (m := _DMY.search(s)) and not m[3]:
            mo, day = MONTHS[m[2].rstrip(".")[:3]], int(m[1])
            return _pick_year(ref, mo, day, direction), None
        if (m := _MDY.search(s)) and not m[3]:
            mo, day = MONTHS[m[1].rstrip(".")[:3]], int(m[2])
            return _pick_year(ref, mo, day, direction), None
    except (ValueError, KeyError):
        return None
    return None


def _pick_year(ref: dt.date, mo: int, day: int, direction: str) -> dt.date:
    cands = [dt.date(ref.year + k, mo, day) for k in (-1, 0, 1)]
    if direction == "past":
        return max(d for d in cands if d <= ref)
    if direction == "future":
        return min(d for d in cands if d >= ref)
    return min(cands, key=lambda d: abs((d - ref).days))


_SCHEDULED = frozenset("due scheduled expected set slated planned poised".split())


def _tense(tok: Token) -> str:
    """Past/future of the clause a time expression belongs to (from its governing verb's auxiliaries)."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head == cur:
            break
        cur = cur.head
    for _ in range(3):
        auxes = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in ("will", "shall", "'ll", "\u2019ll") for a in auxes):
            return "future"
        if any(a.lower_ == "would" for a in auxes) and not any(a.lemma_ == "have" for a in auxes):
            return "future"  # reported future: "said it would hold a meeting on Thursday"
        if cur.lemma_ == "go" and cur.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in cur.children):
            return "future"
        if cur.dep_ == "xcomp" and cur.head.lemma_ == "go" and cur.head.tag_ == "VBG":
            return "future"
        if (
            cur.dep_ == "xcomp"
            and cur.head.lower_ in _SCHEDULED
            and not any(a.tag_ == "VBD" for a in cur.head.children if a.dep_ in ("aux", "auxpass", "cop"))
            and cur.head.head.tag_ != "VBD"
        ):
            return "future"  # "is due to give evidence on Thursday", "is scheduled to meet on Friday"
        if cur.tag_ in ("VBD",) or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if cur.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return "past"
        if cur.dep_ in ("xcomp", "ccomp", "conj", "advcl") and cur.head != cur:
            cur = cur.head
            continue
        break
    return ""


def _resolve_one(t: TimeRef, ref: dt.date | None, anchor: str) -> None:
    absolute = parse_absolute(t.expression)
    if absolute is not None:
        t.value, t.end, t.anchor = absolute[0], absolute[1], "absolute"
        return
    if ref is None or _EVENT.match(t.expression.lower()):
        return
    direction = "nearest" if anchor == "story" else (t.tense or "past")
    rel = parse_relative(t.expression, ref, direction)
    if rel is not None:
        t.value, t.end, t.anchor = rel[0], rel[1], anchor


_DURATION = re.compile(
    r"^(?:(?:about|around|nearly|almost|over|more|less|than|up|to|the|a|an|some|several|next|first|"
    r"another|few|many|\d+|[a-z]+)[\s-])*?(?:days?|weeks?|months?|years?|decades?|hours?|minutes?)"
    r"(?:[- ]old| long)?$"
)


def _candidate(text: str) -> bool:
    s = text.lower()
    if re.search(r"\bago\b|\b(last|past|next|this|earlier|later)\b", s) and re.search(
        r"day|week|month|year|night|morning|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
        r"january|february|march|april|may|june|july|august|september|october|november|december",
        s,
    ):
        return True
    if _DURATION.match(s) and not re.search(r"\bago\b", s):
        return False  # durations ("100 days", "three years") are not points in time
    return True


def extract_times(doc: Doc, text: str, published: dt.date | None) -> list[TimeRef]:
    """Time references of an article body, resolved against ``published`` when known."""
    out: list[TimeRef] = []

    def sent_idx(i: int) -> int:
        return sent_index(doc, i)

    seen: set[tuple[int, int]] = set()
    spans = [(e.start, e.end) for e in doc.ents if e.label_ == "DATE"]
    covered = {i for a, b in spans for i in range(a, b)}
    for t in doc:
        if t.i not in covered and t.lower_ in WEEKDAYS and t.text[:1].isupper():
            spans.append((t.i, t.i + 1))
    for a, b in sorted(spans):
        # "two days after his inauguration": an event-relative reference keeps its anchor phrase
        if b < len(doc) and doc[b].lower_ in ("after", "before") and doc[b].dep_ == "prep":
            objs = [c for c in doc[b].children if c.dep_ == "pobj"]
            if objs:
                b = objs[0].i + 1
        span = doc[a:b]
        while len(span) and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]
        if not len(span):
            continue
        expr = span.text
        if not _candidate(expr):
            continue
        key = (span.start_char, span.end_char)
        if key in seen:
            continue
        seen.add(key)
        tref = TimeRef(
            span=Span(span.start_char, span.end_char, text[span.start_char : span.end_char]),
            sentence=sent_idx(a),
            expression=expr,
            tense=_tense(span.root),
        )
        _resolve_one(tref, published, "published")
        out.append(tref)
    return out


def resolve(times: list[TimeRef], reference: dt.date) -> list[TimeRef]:
    """Resolve still-unresolved relative expressions against a story-level reference date.

    Returns new records; resolved ones keep their expression and get anchor "story".
    """
    out = []
    for t in times:
        n = TimeRef(
            span=t.span,
            sentence=t.sentence,
            expression=t.expression,
            value=t.value,
            end=t.end,
            anchor=t.anchor,
            tense=t.tense,
        )
        if n.value is None:
            _resolve_one(n, reference, "story")
        out.append(n)
    return out
