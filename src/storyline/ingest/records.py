"""Container formats: JSON/JSONL records and RSS/Atom feeds, split into one RawDoc per article."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from storyline.ingest.decode import DecodeError, decode_bytes
from storyline.model import IngestError, RawDoc

_TEXT_KEYS = ("text", "body", "content", "article", "articleBody")
_HTML_KEYS = ("html", "raw_html", "content_html")


def _str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (str, int, float)):
        s = str(v).strip()
        return s or None
    if isinstance(v, list) and all(isinstance(x, str) for x in v):  # e.g. several authors
        return ", ".join(v) or None
    return None


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
            return IngestError(source, f"field {bad[0]!r} is {type(rec[bad[0]]).__name__}, expected non-empty text")
        return IngestError(source, "record has no 'text' or 'html' field")
    return RawDoc(
        source=source,
        kind=kind,
        data=body.encode("utf-8", "surrogatepass"),
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
    try:
        text = decode_bytes(data)
    except DecodeError as e:
        yield IngestError(source, str(e))
        return
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            recs = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as e:
            yield IngestError(source, f"malformed JSON: {e}")
            return
        for i, rec in enumerate(recs):
            yield record_to_doc(rec, f"{source}#{i}", "jsonl")
        return
    lines = text.splitlines()
    if stripped.startswith("{") and len([ln for ln in lines if ln.strip()]) > 1:
        try:  # a pretty-printed single object
            yield record_to_doc(json.loads(text), source, "jsonl")
            return
        except (json.JSONDecodeError, RecursionError):
            pass
    n = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
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
    import feedparser

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
            data=str(body).encode("utf-8", "surrogatepass"),
            origin="feed",
            title=_str(entry.get("title")),
            url=_str(entry.get("link")),
            published=_entry_date(entry),
            outlet=outlet,
            byline=_str(entry.get("author")),
            summary=_str(entry.get("summary")) if content else None,
        )
