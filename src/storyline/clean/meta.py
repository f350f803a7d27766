"""Metadata found in scraped text: dates, outlets, bylines, relayed reports."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from storyline.clean.boilerplate import GENERIC_SECTION_RE, OUTLET_WORD_RE, split_sentences

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
_TIME = r"(?:\s*(?:,|at|--|-|–|—|\||·|@)?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:[A-Z]{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2})?(?:\s*,\s*[A-Z]{2,3}\b)?)?"
DATE_CORE = (
    rf"(?:(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|(?P<mdy>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})"
    rf"|(?P<num>\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2}}(?![\d/]))"
    rf"|(?P<ymd>\d{{4}}[./]\d{{1,2}}[./]\d{{1,2}}))"
)
_PREFIX = (
    r"(?:[|·–—-]+\s*)?"  # a separator left over from the line before ("| November 18, 2019")
    r"(?i:(?:(?:date|dated|published|posted|updated|last updated|first published|created)(?:\s+on)?|on)\s*:?\s*)?"
)
# a time before the date ("Published 3:45 PM EST, Tue February 11, 2025")
_LEAD_TIME = (
    r"(?:(?:\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?|\d{4}(?=\s*[A-Z]{2,5}\b))\s*"  # "3:45 PM", "0339 GMT"
    r"(?:[A-Z]{2,5}(?:[+-]\d{1,2})?\b)?\s*(?:\([^)]{1,20}\))?\s*[,|·–-]?\s*)?"
)
# what may follow a date on its own line: "| 5 min read", "/ Updated 2 hours ago", "by admin"
_DATE_TAIL = r"\s*(?:(?:\||\s/\s|·).*|by\s+\S.{0,40}|\([^)]{1,30}\))?"
DATE_LINE_RE = re.compile(
    rf"^\s*{_PREFIX}{_LEAD_TIME}(?:{_WEEKDAY}\s*)?{_LEAD_TIME}{DATE_CORE}{_TIME}{_DATE_TAIL}$", re.I
)
GLUED_DATE_RE = re.compile(
    rf"^\s*{_PREFIX}(?:{_WEEKDAY}\s*)?{DATE_CORE}{_TIME}\s*[-–—|:]?\s*(?=[\"“‘'(]?[A-Z])"
)


def _parse_core(m: re.Match[str]) -> dt.date | None:
    try:
        if m.group("iso"):
            return dt.date.fromisoformat(m.group("iso"))
        if m.group("mdy"):
            parts = re.findall(r"[A-Za-z]+|\d+", m.group("mdy"))
            return dt.date(int(parts[-1]), _MONTHS[parts[0][:3].lower()], int(parts[1]))
        if m.group("dmy"):
            parts = re.findall(r"[A-Za-z]+|\d+", m.group("dmy"))
            day = int(parts[0])
            month = next(p for p in parts[1:] if p.isalpha() and p[:3].lower() in _MONTHS)
            return dt.date(int(parts[-1]), _MONTHS[month[:3].lower()], day)
        if m.groupdict().get("ymd"):
            y, mo, d = (int(x) for x in re.split(r"[./]", m.group("ymd")))
            return dt.date(y, mo, d)
        if m.group("num"):
            a, b, y = (int(x) for x in re.split(r"[./]", m.group("num")))
            if y < 100:  # "11/20/19"
                y += 2000 if y < 70 else 1900
            # dots are written day first (11.02.2025) unless the second number cannot be a month
            # (11.14.2019); slashes day-first when unambiguous, else month-first (US style)
            if a > 12 or "." in m.group("num") and b <= 12:
                return dt.date(y, b, a)
            return dt.date(y, a, b)
    except (ValueError, KeyError, StopIteration):
        return None
    return None


def parse_date_line(line: str) -> dt.date | None:
    """Date of a line that is only a date (optionally 'Published: ...', weekday, time)."""
    m = DATE_LINE_RE.match(line)
    return _parse_core(m) if m else None


def split_glued_date(line: str) -> tuple[dt.date, str, str] | None:
    """A date glued before the first sentence: returns (date, the prefix text, the rest)."""
    m = GLUED_DATE_RE.match(line)
    if not m:
        return None
    d = _parse_core(m)
    if d is None:
        return None
    return d, line[: m.end()].strip(), line[m.end() :]


MAX_DATE_CHARS = 100


@lru_cache(maxsize=4096)
def parse_any_date(text: str | None) -> dt.date | None:
    """Dates given by containers (feeds, JSON): ISO first, then the common forms, then dateparser."""
    if not text:
        return None
    s = str(text).strip()
    if len(s) > MAX_DATE_CHARS:  # not a date; dateparser takes ~30 s on 100 KB of text
        return None
    d = parse_date_line(s)
    if d:
        return d
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    try:
        got = dateparser.parse(
            s, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
        )
    except Exception:  # a heuristic parser fed untrusted text: any failure means "no date"
        return None
    return got.date() if got else None


# --- outlets -----------------------------------------------------------------------------------------------

_CAMEL_RE = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z])|(?<=[a-z])(?=[A-Z])")
_AGENCIES_RE = re.compile(r"\s*(?:[,/&+]|\band\b|\bwith\b)\s*(?:news )?agenc(?:y|ies)\b.*$", re.I)


def tidy_outlet(name: str) -> str:
    """'TRTWorld and agencies' -> 'TRT World'; 'the Daily Star' -> 'Daily Star'."""
    s = _AGENCIES_RE.sub("", name.strip()).strip(" .,;:-–—|")
    s = re.sub(r",?\s+(?:Ltd|Limited|Inc|LLC|plc|PLC|GmbH|Corp(?:oration)?|Co|S\.?A|AG|Pty)\.?$", "", s)
    s = re.sub(r"^the\s+", "", s)  # "the Daily Star" but "The Coastline Courier" as the outlet writes it
    if " " not in s and len(s) > 4:
        s = _CAMEL_RE.sub(" ", s)  # run-together names in credit lines
    return s


_COPYRIGHT_OWNER_RE = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?P<who>[A-Z][\w&'’.-]*(?:\s+[A-Z&][\w&'’.-]*){0,5})",
    re.I,
)


def outlet_from_copyright(line: str) -> str | None:
    m = _COPYRIGHT_OWNER_RE.search(line)
    if not m:
        return None
    who = re.split(r"\.\s|\ball rights\b", m.group("who"), flags=re.I)[0]
    who = tidy_outlet(who)
    return who or None


_NAME = r"[A-Z][\w&'’.-]*(?:\s+(?:of|for|and|the|de|du)\s+[A-Z][\w&'’.-]*|\s+[A-Z][\w&'’.-]*){0,6}"
_RELAY_RES = [
    re.compile(
        rf"^(?i:(?:this|it|that) (?:is|was|has been) (?:first |originally )?reported by (?:the )?)(?P<who>{_NAME})"
    ),
    re.compile(rf"\b(?i:as (?:first |originally |earlier )?reported by (?:the )?)(?P<who>{_NAME})"),
    re.compile(rf"\b(?i:according to (?:a |the )?report (?:by|in|from) (?:the )?)(?P<who>{_NAME})"),
    re.compile(
        rf"\b(?i:(?:this|the) (?:article|story|report) (?:first |originally )?appeared (?:on|in) (?:the )?)(?P<who>{_NAME})"
    ),
    re.compile(rf"^(?i:(?:with )?(?:reporting|information) (?:from|by) (?:the )?)(?P<who>{_NAME})\.?$"),
]


# A wire dateline opening the story: "PORT ANNIS, March 4 (Reuters) -", "ST. JOSEPH, Mich. (AP) —",
# and the forms a scrape leaves when it cuts the place: "April 5 (UPI) --", "(Bloomberg) --".
_WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?)?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*"
    r"\((?P<who>[A-Z][\w&.]*(?:\s[A-Z][\w&.]*){0,2})\)\s*[-–—]+\s*(?P<lead>.*)",
    re.S,
)
# the lead after the dateline is a sentence, not a label ("(Updated) - 3 min")
_LEAD_WORDS = 8
# a scrape can keep a caption or a credit above the lead: the dateline is looked for this far down
_DATELINE_PARAGRAPHS = 3


def wire_agency(paragraph: str) -> str | None:
    """The agency a story's dateline credits ("WASHINGTON (AP) —" -> "AP"): the report is theirs."""
    m = _WIRE_DATELINE.match(paragraph.strip())
    if m is None or len(m.group("lead").split()) < _LEAD_WORDS:
        return None
    return m.group("who")


def relayed_source(paragraphs: list[str], outlet: str | None) -> str | None:
    """Whose report an article carries: a "This is reported by X" note, else its wire dateline's
    agency (unless the article is the agency's own)."""
    for p in paragraphs:
        for a, b in split_sentences(p):
            # a note about the whole article; "as reported by X" in a sentence credits one fact
            who = relayed_outlet(p[a:b]) if relay_note(p[a:b]) else None
            if who:
                return who
    agency = next(filter(None, map(wire_agency, paragraphs[:_DATELINE_PARAGRAPHS])), None)
    if agency and not (outlet and same_outlet(outlet, agency)):
        return agency
    return None


def fold_outlet(name: str) -> str:
    """Comparable form of an outlet name: "The Civic Ledger" == "civic ledger"."""
    return re.sub(r"^the\s+", "", " ".join(re.sub(r"[^\w\s]", " ", name.casefold()).split()))


_WEB_ENDING = re.compile(r" (?:com|org|net|co|[a-z]{2})(?: [a-z]{2})?$")


def site_name(name: str, folded: str) -> str:
    """A web address's folded form without its ending ("upi.com" -> "upi"); any other name as folded."""
    return _WEB_ENDING.sub("", folded) if "." in name else folded


def same_outlet(a: str, b: str) -> bool:
    """One outlet under two names: "The Civic Ledger" / "civic ledger", "Lowland Press Service" / "LPS",
    "Thomson Reuters" / "Reuters"."""
    fa, fb = fold_outlet(a), fold_outlet(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    # a web address and its name: "upi.com" / "UPI"
    if site_name(a, fa) == site_name(b, fb):
        return True
    for short, long_ in ((fa, fb), (fb, fa)):
        words = [w for w in long_.split() if w not in ("of", "and", "for")]
        if " " not in short and len(words) >= 2 and short == "".join(w[0] for w in words):
            return True  # initials
        if f" {short} " in f" {long_} " and len(short) >= 4:
            return True  # one name inside the other
    # a web address written as one word and the name it spells: "nytimes.com" / "The New York Times"
    # (leading words by their initials), "nydailynews.com" / "Daily News" (the name ends it)
    for site, other, named in ((a, b, fb), (b, a, fa)):
        if "." not in site or "." in other or " " not in named:
            continue
        label = site_name(site, fold_outlet(site)).replace(" ", "")
        words = [w for w in named.split() if w not in ("of", "and", "for")]
        whole = "".join(words)
        spelled = {"".join(w[0] for w in words[:k]) + "".join(words[k:]) for k in range(len(words))}
        if label in spelled or (len(whole) >= 8 and label.endswith(whole)):
            return True
    return False


def relay_note(sentence: str) -> bool:
    """A sentence that only says whose report this is ("This is reported by the X."): a source note,
    not a claim of the story."""
    s = sentence.strip()
    return len(s.split()) <= 14 and any(_RELAY_RES[k].search(s) for k in (0, 3, 4))


def relayed_outlet(sentence: str) -> str | None:
    """Outlet an article says it relays ("This is reported by the X.")."""
    s = sentence.strip()
    for rx in _RELAY_RES:
        m = rx.search(s)
        if m:
            who = m.group("who").rstrip(".")
            who = re.sub(r"\s+(?:of|for|and|the|de|du)$", "", who)
            return who or None
    return None


_TITLE_SITE = re.compile(
    r"^(?P<title>.{12,}?)\s+(?:\||-|\u2013|\u2014|::)\s+(?P<site>[^|\u2013\u2014]{3,50})$"
)


def title_site(title: str, outlet: str | None = None) -> tuple[str, str | None]:
    """Split a site name off a title: the known ``outlet``'s name, or a tail that reads like one."""
    m = _TITLE_SITE.match(title.strip())
    if not m:
        return title, None
    site = m.group("site").strip()
    if outlet and same_outlet(site, outlet):
        return m.group("title").strip(), outlet
    words = site.split()
    if (
        len(words) > 6
        or not OUTLET_WORD_RE.search(site)
        or GENERIC_SECTION_RE.match(site)
        or not all(
            w[:1].isupper() or w[:1].isdigit() or w.lower() in ("of", "the", "and", "&") for w in words
        )
    ):
        return title, None
    return m.group("title").strip(), tidy_outlet(site) or None
