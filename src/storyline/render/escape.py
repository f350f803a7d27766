"""Making source strings inert in each output format (HTML is escaped by Jinja2's autoescape)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Markdown syntax a source string could smuggle in: emphasis, links, code, tables, headings.
_MD_PUNCT = re.compile(r"([\\`*_\[\]|~#])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_SPACE = re.compile(r"\s+")


def md(s: str | None) -> str:
    """A source string as inert Markdown text: HTML brackets as entities (no raw HTML), syntax
    characters backslash-escaped, line breaks folded (a newline could open a heading or a list)."""
    if not s:
        return ""
    s = _MD_ENTITY.sub("&amp;", _SPACE.sub(" ", s)).replace("<", "&lt;").replace(">", "&gt;")
    return _MD_PUNCT.sub(r"\\\1", s)


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) link, else None: a source's URL never becomes a
    ``javascript:``/``data:`` link."""
    if not url:
        return None
    u = url.strip()
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(ord(ch) < 33 for ch in u):
        return None
    return u
