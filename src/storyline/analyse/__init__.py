"""Per-article analysis: sentences, entities with canonical names, quotes with speakers, claims, time.

Entry points:
- ``analyse_article(article) -> ArticleFacts``
- ``analyse_many(articles, n_process=1, batch_size=32) -> list[ArticleFacts]`` (spaCy ``nlp.pipe``
  batches; with ``n_process > 1`` batches go to worker processes that each load the model once)
- ``timex.resolve(times, reference)`` settles relative dates later against a story-level date
- ``entities.name_key(name)`` and ``roles.ROLE_SYNONYMS`` for comparing names across articles

All spans are character offsets into ``article.text`` (``part == "body"``); mentions and quotes found
in the title or dek carry ``part="title"``/``"dek"`` and offsets into that field.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from bisect import bisect_right
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from storyline.analyse import nlp
from storyline.analyse.claims import extract_claims
from storyline.analyse.docutil import doc_text, sents
from storyline.analyse.entities import extract_entities, name_key, pronoun_mentions
from storyline.analyse.quotes import close_open_quotes, extract_quotes, find_quote_marks, headline_quotes
from storyline.analyse.roles import ROLE_SYNONYMS
from storyline.analyse.timex import extract_times, resolve
from storyline.clean.language import is_english
from storyline.model import Article, ArticleFacts, Sentence

if TYPE_CHECKING:  # spaCy loads only where a text is parsed (analyse.nlp), not on import
    from spacy.tokens import Doc

__all__ = ["ROLE_SYNONYMS", "analyse_article", "analyse_docs", "analyse_many", "name_key", "resolve"]

log = logging.getLogger(__name__)

EXTRA_PARTS = ("title", "dek")


def _sentences(doc: Doc, article: Article) -> list[Sentence]:
    offsets = article.paragraph_offsets()
    out: list[Sentence] = []
    para = 0
    text = doc_text(doc)
    for s in sents(doc):
        start, end = s.start_char, s.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        while para + 1 < len(offsets) and offsets[para + 1] <= start:
            para += 1
        out.append(Sentence(idx=len(out), start=start, end=end, text=text[start:end], paragraph=para))
    return out


def analyse_docs(article: Article, body: Doc, extra: dict[str, Doc]) -> ArticleFacts:
    """Facts of one article from its parsed body (and parsed title/dek, if any)."""
    text = article.text
    marks = close_open_quotes(find_quote_marks(text), body)
    index = extract_entities(body, extra, [(m.open, m.outer_end) for m in marks])
    quotes = extract_quotes(body, text, index, marks)
    for part, doc in extra.items():
        quotes.extend(headline_quotes(doc, index, part, body_quotes=quotes))
    sentences = _sentences(body, article)
    # quotes and claims refer to Sentence.idx (whitespace-only sentences are not records)
    starts = [s.start for s in sentences]

    def sent_at(pos: int) -> int:
        return max(0, bisect_right(starts, pos) - 1)

    for q in quotes:
        q.sentence = sent_at(q.content.start) if q.part == "body" else 0
    claims = extract_claims(body, index, quotes)
    for c in claims:
        c.sentence = sent_at(c.span.start)
    times = extract_times(body, text, article.published)
    for t in times:
        t.sentence = sent_at(t.span.start)
    return ArticleFacts(
        article_id=article.id,
        sentences=sentences,
        mentions=index.mentions + pronoun_mentions(body, index),
        entities=index.entities,
        quotes=quotes,
        claims=claims,
        times=times,
    )


def _texts(article: Article) -> list[str]:
    return [article.text] + [getattr(article, p) or "" for p in EXTRA_PARTS]


def _analyse_batch(articles: Sequence[Article], batch_size: int) -> list[ArticleFacts]:
    out: list[ArticleFacts] = []
    per = 1 + len(EXTRA_PARTS)
    # one nlp.pipe batch at a time, so only batch_size articles' Docs are alive at once
    for b0 in range(0, len(articles), batch_size):
        batch = articles[b0 : b0 + batch_size]
        # the English model on a page in another language invents names and quotes: such a page gets
        # empty facts (it is still stored, deduplicated and linked with pages of its language)
        chunk = [a for a in batch if is_english(a)]
        done = {id(a): ArticleFacts(article_id=a.id) for a in batch if not is_english(a)}
        texts = [t for a in chunk for t in _texts(a)]
        docs = nlp.parse_many(texts, step="full", batch_size=batch_size) if texts else []
        for k, article in enumerate(chunk):
            body, *rest = docs[k * per : (k + 1) * per]
            extra = {p: d for p, d in zip(EXTRA_PARTS, rest, strict=True) if d.text.strip()}
            try:
                out.append(analyse_docs(article, body, extra))
            except Exception as exc:  # one bad article must not sink the batch
                log.warning("analyse: %s: %s: %s", article.source, type(exc).__name__, exc)
                out.append(ArticleFacts(article_id=article.id))
        if done:  # back into input order
            parsed = iter(out[len(out) - len(chunk) :])
            del out[len(out) - len(chunk) :]
            out.extend(done[id(a)] if id(a) in done else next(parsed) for a in batch)
    return out


def analyse_article(article: Article) -> ArticleFacts:
    """Analyse one article (loads the spaCy model on first use)."""
    return _analyse_batch([article], batch_size=4)[0]


def _worker_init() -> None:
    nlp.get_nlp()


def _worker(args: tuple[list[Article], int]) -> list[ArticleFacts]:
    articles, batch_size = args
    return _analyse_batch(articles, batch_size)


class Analyser:
    """Analysis over many calls. With ``n_process > 1`` batches are spread over worker processes that
    start once, on first need, and keep their loaded model until the ``with`` block ends (a pool per
    call would load spaCy again in every worker for every chunk)."""

    def __init__(self, n_process: int = 1, batch_size: int = 32) -> None:
        self.n_process = n_process
        self.batch_size = batch_size
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Analyser:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def analyse(self, articles: list[Article]) -> list[ArticleFacts]:
        """Facts of ``articles``, in input order."""
        if not articles:
            return []
        bs = self.batch_size
        if self.n_process <= 1 or len(articles) <= bs:
            return _analyse_batch(articles, bs)
        if self._pool is None:
            # "spawn": safe next to threads and already-loaded libraries
            ctx = mp.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=self.n_process, mp_context=ctx, initializer=_worker_init
            )
        chunks = [(articles[i : i + bs], bs) for i in range(0, len(articles), bs)]
        return [f for chunk in self._pool.map(_worker, chunks) for f in chunk]


def analyse_many(articles: list[Article], n_process: int = 1, batch_size: int = 32) -> list[ArticleFacts]:
    """Analyse articles in ``nlp.pipe`` batches; ``n_process > 1`` spreads batches over processes.

    Output order matches input order. Worker processes load the model once each (``Analyser``).
    """
    with Analyser(n_process, batch_size) as analyser:
        return analyser.analyse(articles)
