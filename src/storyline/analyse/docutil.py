"""Cached views of a parsed Doc.

``Doc.text`` rebuilds the string and ``Doc.sents``/``Token.sent`` rescan the whole document on every
call; the analysis asks for them per token, so they are computed once per Doc and kept in
``Doc.user_data``.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads only where a text is parsed (analyse.nlp), not on import
    from spacy.tokens import Doc, Span, Token


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get("_text")
    if text is None:
        text = doc.user_data["_text"] = doc.text
    return text


def sents(doc: Doc) -> list[Span]:
    out = doc.user_data.get("_sents")
    if out is None:
        out = doc.user_data["_sents"] = list(doc.sents)
    return out


def sent_starts(doc: Doc) -> list[int]:
    """Token index where each sentence starts."""
    out = doc.user_data.get("_sent_starts")
    if out is None:
        out = doc.user_data["_sent_starts"] = [s.start for s in sents(doc)]
    return out


def sent_index(doc: Doc, i: int) -> int:
    """Index of the sentence holding token ``i``."""
    return max(0, bisect_right(sent_starts(doc), i) - 1)


def sent_of(tok: Token) -> Span:
    return sents(tok.doc)[sent_index(tok.doc, tok.i)]


def char_sent_index(doc: Doc, c: int) -> int:
    """Index of the sentence holding character offset ``c``."""
    starts = doc.user_data.get("_sent_chars")
    if starts is None:
        starts = doc.user_data["_sent_chars"] = [s.start_char for s in sents(doc)]
    return max(0, bisect_right(starts, c) - 1)
