"""Container formats: JSON/JSONL records and RSS/Atom feeds, split into one RawDoc per article."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from storyline.ingest.decode import DecodeError, decode_bytes
from storyline.model import IngestError, RawDoc

_TEXT_KEYS = ("text", "body", "content", "article", "articleBody")
_HTML_KEYS = ("html", "raw_html", "content_html")
# A bad container reports its first errors one by one, then one summary: output stays readable when a
# file holds 100,000 broken records.
MAX_ERRORS_LISTED = 10
# Real feeds carry tens to hundreds of entries; 100,000 is a flood (and costs ~2 KB of parser state each).
MAX_FEED_ENTRIES = 10_000
_FEED_ENTRY_RE = re.compile(rb"<(?:[\w-]+:)?(?:item|entry)[\s>/]")
# JSON "\ud800" escapes decode to lone surrogates, which no database or UTF-8 encoder accepts;
# PostgreSQL text refuses NUL.
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def _safe(s: str) -> str:
    return _SURROGATE_RE.sub("\ufffd", s).replace("\x00", "")


def _str(v: Any) -> str | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, (str, int, float)):
        s = _safe(str(v)).strip()
        return s or None
    if isinstance(v, list) and v and all(isinstance(x, str) for x in v):  # e.g. several authors
        return _safe(", ".join(v)).strip() or None
    return None


def _cap_errors(items: Iterable[RawDoc | IngestError], source: str) -> Iterator[RawDoc | IngestError]:
    """Pass documents through; list the first MAX_ERRORS_LISTED errors, then count the rest in one."""
    listed = more = 0
    for item in items:
        if isinstance(item, IngestError):
            if listed >= MAX_ERRORS_LISTED:
                more += 1
                continue
            listed += 1
        yield item
    if more:
        yield IngestError(
            source, f"{more:,} more bad records not listed (only the first {MAX_ERRORS_LISTED} are)"
        )


def record_to_doc(rec: Any, source: str, origin: str) -> RawDoc | IngestError:
    if not isinstance(rec, dict):
        return IngestError(source, f"record is a JSON {type(rec).__name__}, expected an object")
    kind, body = None, None
    for k in _HTML_KEYS:
        if isinstance(rec.get(k), str) and rec[k].strip():
            kind, body = "html", rec[k]
            break
    if body is None:
        for k in _TEXT_KEYS:
            if isinstance(rec.get(k), str) and rec[k].strip():
                kind, body = "text", rec[k]
                break
    if body is None or kind is None:
        bad = [k for k in (*_HTML_KEYS, *_TEXT_KEYS) if k in rec]
        if bad:
            return IngestError(
                source, f"field {bad[0]!r} is {type(rec[bad[0]]).__name__}, expected non-empty text"
            )
        return IngestError(source, "record has no 'text' or 'html' field")
    return RawDoc(
        source=source,
        kind=kind,
        data=_safe(body).encode("utf-8"),
        origin=origin,
        title=_str(rec.get("title") or rec.get("headline")),
        url=_str(rec.get("url") or rec.get("link")),
        published=_str(rec.get("published") or rec.get("date") or rec.get("published_at")),
        outlet=_str(rec.get("outlet") or rec.get("source") or rec.get("site")),
        byline=_str(rec.get("byline") or rec.get("author") or rec.get("authors")),
        summary=_str(rec.get("summary") or rec.get("dek") or rec.get("description")),
    )


def read_json(data: bytes, source: str) -> Iterator[RawDoc | IngestError]:
    """A JSON array/object, or JSONL (one object a line); a bad line is an error for that line only."""
    return _cap_errors(_read_json(data, source), source)


def _read_json(data: bytes, source: str) -> Iterator[RawDoc | IngestError]:
    try:
        text = decode_bytes(data)
    except DecodeError as e:
        yield IngestError(source, str(e))
        return
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            recs = json.loads(text)
        except (ValueError, RecursionError) as e:  # ValueError: also integers beyond 4300 digits
            yield IngestError(source, f"malformed JSON: {e}")
            return
        if not recs:
            yield IngestError(source, "JSON array has no records")
        for i, rec in enumerate(recs):
            yield record_to_doc(rec, f"{source}#{i}", "jsonl")
        return
    lines = text.splitlines()
    if stripped.startswith("{") and len([ln for ln in lines if ln.strip()]) > 1:
        try:  # a pretty-printed single object
            yield record_to_doc(json.loads(text), source, "jsonl")
            return
        except (ValueError, RecursionError):
            pass
    n = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError) as e:
            yield IngestError(f"{source}:{lineno}", f"malformed JSON line: {e}")
            continue
        yield record_to_doc(rec, f"{source}#{n}", "jsonl")
        n += 1


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return dt.date(t[0], t[1], t[2]).isoformat()
            except (TypeError, ValueError):
                continue
    return _str(entry.get("published") or entry.get("updated"))


def read_feed(data: bytes, source: str) -> Iterator[RawDoc | IngestError]:
    """One RawDoc per feed entry with content; a feed over MAX_FEED_ENTRIES is refused before parsing."""
    return _cap_errors(_read_feed(data, source), source)


def _read_feed(data: bytes, source: str) -> Iterator[RawDoc | IngestError]:
    import feedparser

    n = len(_FEED_ENTRY_RE.findall(data))
    if n > MAX_FEED_ENTRIES:
        yield IngestError(
            source, f"feed has {n:,} entries, over the {MAX_FEED_ENTRIES:,}-entry limit: split it"
        )
        return
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as e:  # feedparser wraps many parser failures; any of them is "malformed"
        yield IngestError(source, f"malformed feed: {type(e).__name__}: {e}")
        return
    if not parsed.entries:
        why = parsed.get("bozo_exception")
        yield IngestError(source, f"malformed feed: {why}" if why else "feed has no entries")
        return
    outlet = _str(parsed.feed.get("title"))
    for i, entry in enumerate(parsed.entries):
        src = f"{source}#{i}"
        content = entry.get("content") or []
        body = next((c.get("value") for c in content if c.get("value")), None) or entry.get("summary")
        if not body or not str(body).strip():
            yield IngestError(src, "feed entry has no content or summary")
            continue
        yield RawDoc(
            source=src,
            kind="html",
            data=_safe(str(body)).encode("utf-8"),
            origin="feed",
            title=_str(entry.get("title")),
            url=_str(entry.get("link")),
            published=_entry_date(entry),
            outlet=outlet,
            byline=_str(entry.get("author")),
            summary=_str(entry.get("summary")) if content else None,
        )
