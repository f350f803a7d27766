"""Clean: RawDoc -> Article (text scrapes and HTML pages)."""

from __future__ import annotations

from storyline.clean.language import set_language
from storyline.clean.text import clean_text
from storyline.ingest.decode import DecodeError, decode_bytes
from storyline.model import Article, IngestError, RawDoc

__all__ = ["clean", "clean_one", "clean_text", "CleanError"]


class CleanError(ValueError):
    """An input that yields no article; the message is the reason."""


def clean(doc: RawDoc) -> Article:
    """Clean one RawDoc; raises CleanError with a reason when there is no article in it."""
    try:
        if doc.kind == "html":
            art = _clean_html(doc)
        else:
            art = clean_text(decode_bytes(doc.data), doc)
    except DecodeError as e:
        raise CleanError(str(e)) from e
    except RecursionError as e:
        raise CleanError("input too deeply nested to parse") from e
    if not art.paragraphs:
        raise CleanError("no article text found (everything was boilerplate or empty)")
    return set_language(art)


def clean_one(doc: RawDoc) -> Article | IngestError:
    """``clean`` for batches: the reason comes back as an IngestError instead of an exception."""
    try:
        return clean(doc)
    except CleanError as e:
        return IngestError(doc.source, str(e))
    except Exception as e:  # one bad article never stops a batch
        return IngestError(doc.source, f"internal error while cleaning: {type(e).__name__}: {e}")


def _clean_html(doc: RawDoc) -> Article:
    # deferred: trafilatura and lxml load only when an HTML page comes (text scrapes never need them)
    from storyline.clean.html import clean_html

    try:
        return clean_html(doc)
    except (ValueError, RecursionError):
        # Feed entries and JSON records often carry fragments too small for page extraction:
        # fall back to the fragment's text, cleaned as a scrape.
        import lxml.html

        try:
            root = lxml.html.fromstring(decode_bytes(doc.data))
            text = "\n\n".join(t.strip() for t in root.itertext() if t.strip())
        except (ValueError, lxml.etree.ParserError) as e:  # type: ignore[attr-defined]
            raise CleanError(f"malformed HTML: {e}") from e
        return clean_text(text, doc)
