"""Entities with canonical names inside one article.

Mentions come from spaCy NER (persons, organisations, places, groups) plus role phrases found by a
role vocabulary (``roles.py``). Inside an article:

- person names cluster by surname/first-name keys ("Ines Marlow", "Marlow"), with spelling
  variants joined by a transliteration-tolerant key and a rapidfuzz ratio ("Sikorsky"/"Sikorskyy");
- a role binds to a person through a title-name pattern ("Harbour Commissioner Ines Marlow") or an
  apposition ("Hanno Pevkur, Estonia's defence minister"); a later bare role phrase ("the Defense
  Secretary", "the minister") resolves to the most recently mentioned person
  holding a compatible role (canonical role keys and qualifiers, see ``roles.py``);
- organisations and places cluster by key, with acronyms ("NATO") matched to their expansion.

``name_key`` is the comparison key the cross-article linking stage reuses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from storyline.analyse.docutil import sent_index
from storyline.analyse.roles import (
    DEPARTMENTS,
    PLACE_ALIASES,
    ROLE_HEADS,
    TEMPORAL,
    cores_compatible,
    is_role_word,
    qualifiers_compatible,
    role_key,
    words,
)
from storyline.model import Entity, Mention

if TYPE_CHECKING:  # spaCy loads only where a text is parsed (analyse.nlp), not on import
    from spacy.tokens import Doc, Span, Token

__all__ = ["EntityIndex", "extract_entities", "name_key", "names_match"]

HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady prof professor rev gen col lt sgt capt".split())
NAME_PARTICLES = frozenset("van von de der den del della da di du le la al el bin ibn ben bint".split())
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
# Titles that tell a person's sex ("Mrs Palin", "Sir Keir"): "he" cannot stand for a "Mrs", nor "she"
# for a "Mr". General English; names themselves carry no sex here.
MALE_TITLES = frozenset("mr sir lord king prince".split())
FEMALE_TITLES = frozenset("mrs ms miss dame lady queen princess madam".split())
_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})

NER_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    # kept only if they turn out to be a known person's name ("Solberg-Hay" tagged as a title)
    "WORK_OF_ART": "other",
    "PRODUCT": "other",
    "EVENT": "other",
}
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "every", "each", "no"})
# Ship prefixes ("MV Stella Nova", "HMS Valiant"): the small model tags named vessels as people, and a
# vessel is no antecedent of "he". Initials that are also given names' ("MS", "SS") are left out.
VESSEL_PREFIXES = frozenset("MV MT USS USNS USCGC HMS HMAS HMCS HMNZS INS RFA RV".split())
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CONNECTORS = frozenset({"of", "for"})


# ---------------------------------------------------------------- keys


def _translit(tok: str) -> str:
    # Transliteration noise: doubled letters and -iy/-yy endings ("Sikorskyy", "Sikorskiy" -> "sikorsky").
    tok = re.sub(r"(.)\1+", r"\1", tok)
    return re.sub(r"(iy|yi|ii)$", "y", tok)


def _name_tokens(name: str) -> list[str]:
    return list(_name_tokens_cached(name))


@lru_cache(maxsize=65536)
def _name_tokens_cached(name: str) -> tuple[str, ...]:
    # a hyphenated name is one name ("Okonjo-Ferris" is a surname, not a first name and a surname)
    name = re.sub(r"(?<=\w)-(?=\w)", "", name)
    toks = [t for t in words(name) if t not in HONORIFICS and t not in ("the", "a", "an")]
    return tuple(_translit(t) for t in toks)


_DROP = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your"})


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Comparison key for names and role phrases across articles.

    Case, accents, punctuation, possessives, honorifics, transliteration doubling and British/American
    spelling are ignored; a leading title or description is dropped when a name follows it ("NATO
    chief Mark Rutte", "coxswain Declan Marwick" -> the name's key); a bare role phrase maps to its
    canonical role ("Pentagon chief" and "US Secretary of Defense" -> "us secretary of defense").
    """
    cased = [(w, c) for w, c in _cased_words(name) if w not in _DROP and w not in HONORIFICS]
    if not cased:
        return ""
    toks = [w for w, _ in cased]
    heads = [i for i, t in enumerate(toks) if t in ROLE_HEADS]
    start = 0
    if heads:
        k = heads[-1] + 1
        while k < len(toks):
            if is_role_word(toks[k]) or toks[k] in DEPARTMENTS:
                k += 1
            elif toks[k] in _CONNECTORS and k + 1 < len(toks):
                nxt = k + 2 if toks[k + 1] == "the" and k + 2 < len(toks) else k + 1
                if toks[nxt] in DEPARTMENTS or is_role_word(toks[nxt]):
                    k = nxt + 1
                else:
                    k = len(toks)  # "of Halcyon Terminals": the rest names the organisation
            else:
                break
        if k >= len(toks):
            qual, core = role_key(" ".join(toks))
            return f"{qual} {core}".strip()
        start = k
    elif any(c for _, c in cased) and not cased[0][1]:
        # "her colleague Desmond Achterley": the description before a capitalised name
        while start < len(cased) and not cased[start][1]:
            start += 1
    rest = toks[start:]
    key = " ".join(_translit(t) for t in rest)
    return PLACE_ALIASES.get(" ".join(rest), key)


def _cased_words(name: str) -> list[tuple[str, bool]]:
    """``words`` of a phrase paired with whether the original word was capitalised."""
    out: list[tuple[str, bool]] = []
    for raw in name.split():
        ws = words(raw)
        cap = raw.lstrip("\"'\u201c\u2018(")[:1].isupper()
        out.extend((w, cap) for w in ws)
    return out


def names_match(a: str, b: str) -> bool:
    """Same person name? Equal keys, or same surname with compatible first names, or a close variant."""
    ka, kb = _name_tokens(a), _name_tokens(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    la, lb = _surname(ka), _surname(kb)
    if not _token_match(la, lb):
        return False
    fa, fb = ka[0], kb[0]
    if len(ka) == 1 or len(kb) == 1:
        return True
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def _surname(toks: list[str]) -> str:
    """Last name with any generational suffix ("trump jr" stays apart from "trump")."""
    core = [t for t in toks if t not in NAME_SUFFIXES] or toks
    suffix = [t for t in toks if t in NAME_SUFFIXES]
    return " ".join([core[-1], *suffix])


def _token_match(a: str, b: str) -> bool:
    if a == b:
        return True
    # Spelling variants of one long name; short names differ too easily by one letter.
    return min(len(a), len(b)) >= 6 and a[0] == b[0] and fuzz.ratio(a, b) >= 88


def _acronym(words_: list[str]) -> str:
    return "".join(w[0] for w in words_ if w not in ("of", "the", "and", "for", "de", "&"))


# ---------------------------------------------------------------- records


@dataclass(slots=True)
class _M:
    """A mention while clustering (token range in one of the article's docs)."""

    part: str
    i: int
    j: int
    start: int
    end: int
    text: str
    type: str
    head: int
    subject: bool = False
    quoted: bool = False
    cluster: int = -1
    role: tuple[str, str] | None = None
    sent: int = 0


@dataclass(slots=True)
class _Cluster:
    type: str
    names: list[_M] = field(default_factory=list)
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # (qualifier, core, text)
    first: tuple[int, int] = (9, 0)  # (part order, char offset) of the first mention


@dataclass(slots=True)
class EntityIndex:
    """Entities of one article plus lookups the quote and claim steps need."""

    entities: list[Entity]
    mentions: list[Mention]
    token_entity: dict[int, int]  # body token index -> entity index
    person_mentions: list[tuple[int, int, bool, bool, int]]  # (token, entity, is_subject, quoted, sentence)
    part_token_entity: dict[str, dict[int, int]] = field(default_factory=dict)  # "title"/"dek" token maps
    sex: dict[int, str] = field(default_factory=dict)  # person entity -> "m"/"f", where a title tells

    def other_sex(self, pronoun: str, entity: int | None) -> bool:
        """ "he" for a person titled "Mrs", or "she" for a "Mr"."""
        said = (
            "m" if pronoun.lower() in _MALE_PRONOUNS else "f" if pronoun.lower() in _FEMALE_PRONOUNS else None
        )
        sex = self.sex.get(entity) if entity is not None else None
        return said is not None and sex is not None and sex != said

    def antecedent(
        self,
        tok: Token,
        max_sents: int = 4,
        exclude: set[int] | None = None,
        skip: tuple[int, int] | None = None,
    ) -> int | None:
        """Person antecedent of "he"/"she": the nearest sentence with a person mention wins; in it a
        subject beats other mentions (the main subject of an earlier sentence, the nearest subject before
        the pronoun in its own sentence).

        Mentions inside quotation marks are skipped (they belong to the quoted speaker's voice), as are
        ``exclude``d entities (inside a quote, "she" is not the quote's own speaker) and the tokens of
        ``skip`` (first and last token: what "he" said before "he said" is not who said it).
        """
        cur = _sent_index(tok.doc, tok.i)
        skip_ents = set(exclude or ()) | {e for e in self.sex if self.other_sex(tok.text, e)}
        for back in range(max_sents + 1):
            s = cur - back
            if s < 0:
                break
            cands = [
                (t, e, subj)
                for (t, e, subj, quoted, si) in self.person_mentions
                if si == s
                and not quoted
                and e not in skip_ents
                and (back > 0 or t < tok.i)
                and not (skip and skip[0] <= t <= skip[1])
            ]
            if not cands:
                continue
            subj = [c for c in cands if c[2]]
            if subj:
                return (subj[0] if back > 0 else subj[-1])[1]
            return cands[-1][1]
        return None


def _sent_index(doc: Doc, i: int) -> int:
    return sent_index(doc, i)


# ---------------------------------------------------------------- mention finding


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


# speech tags that open a sentence before the speaker: 'Said Marlow: "..."'
TAG_WORDS = ("Said", "Says", "Added", "Adds", "Wrote", "Writes", "Asked", "Explained", "Continued")


def _clean_ent(ent: Span) -> tuple[int, int] | None:
    """Token range of an entity without leading determiners/titles and trailing possessives."""
    i, j = ent.start, ent.end
    doc = ent.doc
    while i < j and (doc[i].lower_ in ("the", "a", "an") or doc[i].is_punct or doc[i].is_space):
        i += 1
    if (
        j - i > 1
        and doc[i].text in TAG_WORDS
        and doc[i].is_sent_start
        and j < len(doc)
        and doc[j].text == ":"
    ):
        i += 1  # 'Said Marlow: “…”': a speech tag opening the sentence is no part of the name
    while j > i and (doc[j - 1].tag_ == "POS" or doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    if j > i and doc[j - 1].text[-2:] in ("'s", "\u2019s") and len(doc[j - 1]) > 2:
        pass  # possessive glued to the name is stripped from the text later
    return (i, j) if j > i else None


# "Purportedly Simpson became angry": a capitalised adverb opening the sentence is no first name
_SENTENCE_ADVERB = re.compile(
    r"[A-Z][a-z]{2,}(?:edly|ally|ously|ively|ently|antly|ably|ibly|ately|fully|ingly)"
)


def _person_range(doc: Doc, i: int, j: int) -> tuple[int, int] | None:
    # NER sometimes swallows a title ("President Trump") or a sentence-initial gerund ("Expecting Kyiv").
    while i < j and (
        doc[i].lower_ in ROLE_HEADS
        or doc[i].lower_ in TEMPORAL
        or doc[i].lower_ in HONORIFICS
        or (j - i > 1 and _SENTENCE_ADVERB.fullmatch(doc[i].text) is not None)
    ):
        i += 1
    toks = doc[i:j]
    if not len(toks):
        return None
    # "Expecting Kyiv": a capitalised gerund is not a first name.
    if len(toks) >= 2 and toks[0].lower_.endswith("ing") and toks[0].lemma_.lower() != toks[0].lower_:
        return None
    # "The Meeting was attended ...": proper names do not take a determiner of their own.
    if len(toks) == 1 and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in toks[0].children):
        return None
    for t in toks:
        if t.like_num or any(c.isdigit() for c in t.text):
            return None
        if t.text[:1].islower() and t.lower_ not in NAME_PARTICLES:
            return None
    return i, j


def _name_like(tok: Token) -> bool:
    """A capitalised proper-noun token that could be part of a person's name."""
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.is_alpha | ("-" in tok.text)
        and tok.lower_ not in ROLE_HEADS
        and not is_role_word(tok.lower_)
        and tok.lower_ not in HONORIFICS
        and tok.ent_type_ not in ("GPE", "NORP", "DATE", "LOC")
    )


# Last words of street, building and landscape names.
PLACE_HEADS = frozenset(
    """street st road rd lane avenue ave boulevard drive way square place court terrace crescent close
    hall centre center building tower house bridge station airport port harbour harbor terminal
    dam reservoir river lake park stadium arena hospital school college university library museum
    church cathedral mosque temple market mall valley hill hills mountain island bay beach""".split()
)
PERSONAL_TITLES = frozenset("mr mrs ms miss mx dr sir dame lord lady".split())
# a name right before one of these is the place's ("in Suka Makmur village", "Harlow district")
SETTLEMENT_NOUNS = frozenset(
    """village town township city district county province region prefecture municipality
    neighbourhood neighborhood suburb borough state""".split()
)


def _titled_name(doc: Doc, i: int, j: int) -> bool:
    """A span that starts with (or follows) a personal title and is otherwise a capitalised name."""
    k = i
    if doc[k].lower_.rstrip(".") not in PERSONAL_TITLES:
        if k == 0 or doc[k - 1].lower_.rstrip(".") not in PERSONAL_TITLES:
            return False
    else:
        k += 1
    rest = doc[k:j]
    return 1 <= len(rest) <= 3 and all(_name_like(t) for t in rest)


def _strip_possessive(text: str) -> str:
    return re.sub(r"['\u2019\u02bc]s?$", "", text)


def _mistagged_title(tok: Token) -> bool:
    """A role noun the tagger read as a verb ("…, coxswain Declan Marwick is retiring"): a name follows
    it and it has no subject before it, so it is not a verb of the sentence."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].pos_ != "PROPN":
        return False
    if tok.i > 0 and (doc[tok.i - 1].lower_ == "to" or doc[tok.i - 1].pos_ in ("AUX", "PRON", "PART")):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in tok.children)


def _roleish(tok: Token) -> bool:
    if tok.ent_type_ in ("PERSON", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    if tok.pos_ == "VERB" and tok.lower_ in ROLE_HEADS and _mistagged_title(tok):
        return True
    if tok.pos_ in ("VERB", "AUX", "DET", "PRON", "NUM", "ADV", "SCONJ", "CCONJ", "PUNCT", "SPACE", "ADP"):
        return tok.lower_ in ROLE_HEADS and tok.pos_ != "VERB"
    w = words(tok.text)
    if w and is_role_word(w[0]):
        return True
    return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ", "NOUN")


def _modifies(tok: Token, head: Token) -> bool:
    """Is ``tok`` inside a pre-modifier of ``head`` (compound, adjective, possessor)?"""
    cur = tok
    for _ in range(6):
        if cur == head:
            return True
        if cur.dep_ not in ("compound", "amod", "poss", "nmod", "case") or cur.head == cur:
            return False
        cur = cur.head
    return False


def _role_phrases(doc: Doc) -> list[tuple[int, int, int]]:
    """Role phrases as (start, end, head) token ranges: "US Secretary of Defense", "NATO chief"."""
    out: list[tuple[int, int, int]] = []
    n = len(doc)
    i = 0
    while i < n:
        if not _roleish(doc[i]):
            i += 1
            continue
        j = i
        while j < n:
            t = doc[j]
            if _roleish(t):
                j += 1
            elif (
                (t.lower_ in _CONNECTORS or t.tag_ == "POS" or t.text == "-")
                and j + 1 < n
                and j > i
                and (
                    _roleish(doc[j + 1])
                    or (doc[j + 1].lower_ == "the" and j + 2 < n and _roleish(doc[j + 2]))
                )
            ):
                j += 2 if doc[j + 1].lower_ == "the" else 1
            else:
                break
            if j - i > 9:
                break
        heads = [k for k in range(i, j) if doc[k].lower_ in ROLE_HEADS or doc[k].lemma_.lower() in ROLE_HEADS]
        if heads:
            head = heads[-1]
            end = head + 1
            # keep an "of X" complement or further role words after the head ("Secretary of State")
            k = end
            while k < j:
                if doc[k].lower_ in _CONNECTORS and k + 1 < j:
                    k += 1
                    if doc[k].lower_ == "the" and k + 1 < j:
                        k += 1
                    while k < j and doc[k].text[:1].isupper() and doc[k].pos_ in ("PROPN", "NOUN"):
                        k += 1
                    end = k
                elif is_role_word(doc[k].lower_):
                    k += 1
                    end = k
                else:
                    break
            start = i
            while start < head and (doc[start].lower_ in TEMPORAL or doc[start].tag_ == "POS"):
                start += 1
            # lower-case modifiers of the head belong to the role ("the union's branch secretary")
            while start > 0:
                prev = doc[start - 1]
                if (
                    prev.is_punct
                    and prev.tag_ != "POS"
                    or prev.is_space
                    or prev.pos_ in ("DET", "PRON", "VERB", "AUX")
                ):
                    break
                if prev.ent_type_ in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL"):
                    break
                if not _modifies(prev, doc[head]):
                    break
                start -= 1
            # "chief executive of Halcyon Terminals", "head of the union"
            if end == head + 1 and end + 1 < n and doc[end].lower_ == "of" and doc[end].head.i == head:
                objs = [c for c in doc[end].children if c.dep_ == "pobj"]
                if objs and objs[0].pos_ in ("PROPN", "NOUN"):
                    stop = objs[0].i + 1
                    while (
                        stop < n and doc[stop].dep_ in ("compound", "flat") and doc[stop].head.i == objs[0].i
                    ):
                        stop += 1
                    end = stop
            if (
                (
                    doc[head].pos_ in ("NOUN", "PROPN")
                    or doc[head].pos_ == "VERB"
                    and _mistagged_title(doc[head])
                )
                and doc[head].ent_type_ not in ("ORG", "GPE")
                or head > start
            ):
                out.append((start, end, head))
        i = max(j, i + 1)
    return out


def _place_object(t: Token) -> bool:
    """A name that ends a prepositional phrase ("flights were cancelled in Norland, a spokeswoman
    said"): the place where something happened, before the tag's speaker, not that speaker's name.
    "according to X, an official" still names a person."""
    if t.dep_ != "pobj" or t.head.dep_ != "prep":
        return False
    prep = t.head
    return not (prep.lower_ == "to" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "according")


# ---------------------------------------------------------------- clustering


class _Builder:
    def __init__(self, body: Doc, extra: dict[str, Doc], quoted: list[tuple[int, int]]):
        self.docs: dict[str, Doc] = {"body": body, **extra}
        self.quoted = quoted
        self.ments: list[_M] = []
        self.clusters: list[_Cluster] = []
        self.roles: list[_M] = []  # role phrases (bound or bare)

    # ---- collect
    def collect(self) -> None:
        for part, doc in self.docs.items():
            for ent in doc.ents:
                typ = NER_TYPES.get(ent.label_)
                if typ is None:
                    continue
                rng = _clean_ent(ent)
                if rng is None:
                    continue
                i, j = rng
                if typ != "person" and _titled_name(doc, i, j):
                    typ = "person"  # "Dame Imelda Ross", "Mr Okafor": a personal title names a person
                elif typ == "person" and j - i >= 2 and doc[j - 1].lower_ in PLACE_HEADS:
                    typ = "place"  # "Orchard Lane", "Corran Civic Hall": the small model calls these people
                elif (
                    typ == "person"
                    and j < len(doc)
                    and doc[j].lower_ in SETTLEMENT_NOUNS
                    and doc[j].pos_ == "NOUN"
                    and not (i and doc[i - 1].tag_ == "POS")
                ):
                    typ = "place"  # "in Suka Makmur village": the name of a village, not a person
                elif typ == "person" and j - i >= 2 and doc[i].text in VESSEL_PREFIXES:
                    typ = "organisation"  # a named vessel, grouped with the bodies that act in a story
                if typ == "person":
                    pr = _person_range(doc, i, j)
                    if pr is None:
                        continue
                    i, j = pr
                    # a first name the tagger left out ("Aoife Delacroix-Young" tagged from the surname)
                    while i > 0 and _name_like(doc[i - 1]) and not doc[i - 1].ent_type_:
                        i -= 1
                self._add(part, doc, i, j, typ)
            for i, j, head in _role_phrases(doc):
                self._add_role(part, doc, i, j, head)
            self._people_by_role(part, doc)
            self._promote_titled(part, doc)

    def _people_by_role(self, part: str, doc: Doc) -> None:
        """'said disaster agency official Fauzi', 'Fauzi, an official from the agency, said': a one-word
        name the tagger took for a place or a body is a person when a person's role names it."""
        one_word = {
            m.i: m
            for m in self.ments
            if m.part == part and m.type in ("place", "organisation") and m.j - m.i == 1
        }
        if not one_word:
            return
        by_end = {m.j: m for m in one_word.values()}
        for r in self.roles:
            if r.part != part or doc[r.head].tag_ != "NN" or r.head != r.j - 1:
                continue
            m = one_word.get(r.j)
            if m is not None and (m.j >= len(doc) or doc[m.j].is_punct or doc[m.j].pos_ in ("VERB", "AUX")):
                m.type = "person"
                continue
            k = r.i - 1 if r.i > 0 and doc[r.i - 1].lower_ in ("a", "an", "the") else r.i
            m = by_end.get(k - 1) if k >= 2 and doc[k - 1].text == "," else None
            if m is not None and not _place_object(doc[m.i]):
                m.type = "person"

    def _promote_titled(self, part: str, doc: Doc) -> None:
        """A proper name right after a role ("Mayor Ifeoma Strand") or in apposition to one ("the
        inspector, Lionel Baptiste") is a person, whatever the tagger said."""
        by_start = {m.i: m for m in self.ments if m.part == part}
        for r in [r for r in self.roles if r.part == part]:
            head = doc[r.head]
            if head.tag_ in ("NNS", "NNPS"):
                continue
            targets = [r.j + 1 if r.j < len(doc) and doc[r.j].text == "(" else r.j]
            targets += [c.i for c in head.children if c.dep_ == "appos" and c.i > head.i]
            if head.dep_ == "appos" and head.head.i < head.i:
                targets.append(head.head.i)
            for t in targets:
                if t >= len(doc):
                    continue
                m = by_start.get(t) or next(
                    (x for x in self.ments if x.part == part and x.i <= t < x.j), None
                )
                if m is not None:
                    if (
                        m.type == "organisation"
                        and m.j - m.i <= 5
                        # "Al-Sawarmi Khalid": the tokeniser splits a hyphenated name at its hyphen
                        and all(_name_like(x) or x.text in ("-", "‑") for x in doc[m.i : m.j])
                        and _name_like(doc[m.i])
                    ):
                        m.type = "person"
                    continue
                # an untagged run of capitalised words
                k = t
                while (
                    k > 0
                    and _name_like(doc[k - 1])
                    and not doc[k - 1].ent_type_
                    and (t < r.i or k - 1 >= r.j)
                ):
                    k -= 1
                e = t
                while e < len(doc) and _name_like(doc[e]) and not doc[e].ent_type_:
                    e += 1
                if e - k >= 1 and _name_like(doc[t]) and not doc[t].ent_type_:
                    self._add(part, doc, k, e, "person")

    def _add(self, part: str, doc: Doc, i: int, j: int, typ: str) -> _M:
        span = doc[i:j]
        head = span.root.i
        m = _M(
            part=part,
            i=i,
            j=j,
            start=span.start_char,
            end=span.end_char,
            text=_strip_possessive(span.text),
            type=typ,
            head=head,
            subject=doc[head].dep_ in _SUBJECT_DEPS,
            quoted=part == "body" and _in_spans(span.start_char, self.quoted),
            sent=_sent_index(doc, i),
        )
        m.end = m.start + len(m.text)
        self.ments.append(m)
        return m

    def _add_role(self, part: str, doc: Doc, i: int, j: int, head: int) -> None:
        span = doc[i:j]
        if any(m.part == part and m.type == "person" and m.i < j and i < m.j for m in self.ments):
            return
        m = _M(
            part=part,
            i=i,
            j=j,
            start=span.start_char,
            end=span.end_char,
            text=_strip_possessive(span.text),
            type="role",
            head=head,
            subject=doc[head].dep_ in _SUBJECT_DEPS,
            quoted=part == "body" and _in_spans(span.start_char, self.quoted),
            sent=_sent_index(doc, i),
            role=role_key(span.text),
        )
        m.end = m.start + len(m.text)
        self.roles.append(m)

    # ---- persons
    def persons(self) -> None:
        persons = [m for m in self.ments if m.type == "person"]
        # A headline in title case gets tagged as one long name ("Mayor Defies Council Chief": three
        # capitalised words). A name of three or more words that only a headline holds, which no
        # name in the body matches, is dropped; the body's names it contains are found again below.
        body_multi = [m.text for m in persons if m.part == "body" and len(_name_tokens(m.text)) >= 2]
        headline_runs = [
            m
            for m in persons
            if m.part != "body"
            and len(_name_tokens(m.text)) >= 3
            and not any(names_match(m.text, n) for n in body_multi)
        ]
        if headline_runs:
            drop = {id(m) for m in headline_runs}
            self.ments = [m for m in self.ments if id(m) not in drop]
            persons = [m for m in persons if id(m) not in drop]
        order = {"body": 0, "title": 1, "dek": 2}
        persons.sort(key=lambda m: (order.get(m.part, 3), m.start))
        multi = [m for m in persons if len(_name_tokens(m.text)) >= 2]
        single = [m for m in persons if len(_name_tokens(m.text)) == 1]
        for m in multi:
            for ci, c in enumerate(self.clusters):
                if any(names_match(m.text, n.text) and len(_name_tokens(n.text)) >= 2 for n in c.names):
                    self._join(ci, m)
                    break
            else:
                self._new("person", m)
        # Other-typed NER spans and bare proper nouns that equal a known person's name are that person
        # ("the Trump administration" often comes out as ORG).
        known = {_name_tokens(n.text)[-1] for n in multi}
        known |= {" ".join(_name_tokens(n.text)) for n in persons}
        known.discard("")
        for m in self.ments:
            nt = _name_tokens(m.text)
            if (
                m.type in ("organisation", "group", "other")
                and nt
                and (
                    " ".join(nt) in known
                    or (
                        len(nt) <= 3
                        and nt[-1] in known
                        and all(_name_like(t) for t in self.docs[m.part][m.i : m.j])
                    )
                )
            ):
                m.type = "person"
                if len(nt) == 1:
                    single.append(m)
                else:
                    for ci, c in enumerate(self.clusters):
                        if any(names_match(m.text, n.text) for n in c.names):
                            self._join(ci, m)
                            break
                    else:
                        self._new("person", m)
        covered = {(m.part, t) for m in self.ments for t in range(m.i, m.j)}
        for part, doc in self.docs.items():
            for t in doc:
                if (
                    t.pos_ == "PROPN"
                    and (part, t.i) not in covered
                    and t.text[:1].isupper()
                    and _translit(_strip_possessive(t.lower_)) in known
                ):
                    single.append(self._add(part, doc, t.i, t.i + 1, "person"))
        single.sort(key=lambda m: (order.get(m.part, 3), m.start))
        for m in single:
            key = _name_tokens(m.text)
            if not key:
                continue
            if m.cluster >= 0:
                continue
            best = self._best_for_single(m, key[0])
            if best is None:
                self._new("person", m)
            else:
                self._join(best, m)

    def _best_for_single(self, m: _M, tok: str) -> int | None:
        by_last: list[int] = []
        by_first: list[int] = []
        for ci, c in enumerate(self.clusters):
            if c.type != "person":
                continue
            for n in c.names:
                nt = _name_tokens(n.text)
                if _token_match(_surname(nt), tok) or (len(nt) == 1 and _token_match(nt[0], tok)):
                    by_last.append(ci)
                    break
                if len(nt) >= 2 and nt[0] == tok:
                    by_first.append(ci)
                    break
        cands = by_last or by_first
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        return self._most_recent(cands, m)

    def _most_recent(self, cands: list[int], m: _M) -> int:
        def recency(ci: int) -> tuple[int, int]:
            c = self.clusters[ci]
            before = [n.i for n in c.names if n.part == "body" and (m.part != "body" or n.i < m.i)]
            return (max(before) if before else -1, len(c.names))

        if m.part != "body":
            return max(cands, key=lambda ci: (len(self.clusters[ci].names), -ci))
        return max(cands, key=recency)

    def _new(self, typ: str, m: _M) -> int:
        self.clusters.append(_Cluster(type=typ))
        ci = len(self.clusters) - 1
        self._join(ci, m)
        return ci

    def _join(self, ci: int, m: _M) -> None:
        c = self.clusters[ci]
        m.cluster = ci
        c.names.append(m)
        order = {"body": 0, "title": 1, "dek": 2}
        c.first = min(c.first, (order.get(m.part, 3), m.start))

    # ---- roles
    def bind_roles(self) -> None:
        by_tok: dict[tuple[str, int], _M] = {}
        for m in self.ments:
            if m.type == "person" and m.cluster >= 0:
                for t in range(m.i, m.j):
                    by_tok[(m.part, t)] = m
        bare: list[_M] = []
        for r in self.roles:
            doc = self.docs[r.part]
            person = self._bound_person(doc, r, by_tok)
            head_tok = doc[r.head]
            plural = head_tok.tag_ in ("NNS", "NNPS")
            if person is not None:
                if not plural:
                    r.cluster = person.cluster
                    self.clusters[person.cluster].roles.append((*r.role, r.text))  # type: ignore[misc]
                continue
            det = doc[r.i - 1].lower_ if r.i > 0 else ""
            if plural or det in _INDEFINITE or r.role is None:
                continue
            bare.append(r)
        for r in bare:
            qual, core = r.role  # type: ignore[misc]
            cands = []
            for ci, c in enumerate(self.clusters):
                if c.type != "person" or not c.roles:
                    continue
                held = [(q, k) for q, k, _ in c.roles]
                ok_core = [q for q, k in held if cores_compatible(core, k)]
                if not ok_core:
                    continue
                if qual and not any(qualifiers_compatible(qual, q) for q in ok_core):
                    continue
                cands.append(ci)
            if cands:
                r.cluster = cands[0] if len(cands) == 1 else self._most_recent(cands, r)

    def _bound_person(self, doc: Doc, r: _M, by_tok: dict[tuple[str, int], _M]) -> _M | None:
        part = r.part
        # Title-name: "Harbour Commissioner Ines Marlow", "the President (Ada Brenn)"
        nxt = r.j
        if nxt < len(doc) and doc[nxt].text == "(":
            nxt += 1
        if (part, nxt) in by_tok and by_tok[(part, nxt)].i == nxt:
            return by_tok[(part, nxt)]
        # Apposition either way round: "Estonia's Defence Minister, Hanno Pevkur" / "X, the foreign minister"
        head = doc[r.head]
        if head.dep_ == "appos" and (part, head.head.i) in by_tok:
            return by_tok[(part, head.head.i)]
        for child in head.children:
            if child.dep_ == "appos" and (part, child.i) in by_tok:
                return by_tok[(part, child.i)]
        # the apposition shape "the governor, Pieter Vandermolen," even when the parse hangs it elsewhere
        if nxt < len(doc) and doc[nxt].text == "," and (part, nxt + 1) in by_tok:
            m = by_tok[(part, nxt + 1)]
            after = doc[m.j] if m.j < len(doc) else None
            if m.i == nxt + 1 and (after is None or after.text in (",", ".", ";") or after.is_space):
                return m
        # "X, who took over as chief executive in June" / "X was appointed as envoy"
        if head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head != head.head:
            verb = head.head.head
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                t = subj[0]
                if t.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                    t = verb.head
                if (part, t.i) in by_tok:
                    return by_tok[(part, t.i)]
        return None

    # ---- organisations, places, groups
    def others(self) -> None:
        ments = [m for m in self.ments if m.type in ("organisation", "place", "group") and m.cluster < 0]
        ments.sort(key=lambda m: (m.part != "body", m.start))
        by_key: dict[tuple[str, str], int] = {}
        for m in ments:
            key = name_key(m.text)
            if not key:
                continue
            typ = m.type
            ci = by_key.get((typ, key))
            if ci is None:
                ci = self._acronym_match(m, key)
            if ci is None:
                ci = self._new(typ, m)
            else:
                self._join(ci, m)
            by_key[(typ, key)] = ci

    def _acronym_match(self, m: _M, key: str) -> int | None:
        toks = key.split()
        for ci, c in enumerate(self.clusters):
            if c.type != m.type:
                continue
            for n in c.names:
                ntoks = name_key(n.text).split()
                if len(toks) == 1 and len(ntoks) >= 2 and toks[0] == _acronym(ntoks) and len(toks[0]) >= 2:
                    return ci
                if len(ntoks) == 1 and len(toks) >= 2 and ntoks[0] == _acronym(toks) and len(ntoks[0]) >= 2:
                    return ci
        return None

    # ---- output
    def build(self) -> EntityIndex:
        live = [ci for ci, c in enumerate(self.clusters) if c.names]
        live.sort(key=lambda ci: self.clusters[ci].first)
        remap = {ci: k for k, ci in enumerate(live)}
        entities: list[Entity] = []
        for ci in live:
            c = self.clusters[ci]
            entities.append(
                Entity(
                    idx=remap[ci],
                    name=_canonical(c),
                    type=c.type,
                    aliases=_aliases(c, [r for r in self.roles if r.cluster == ci]),
                    roles=list(dict.fromkeys(t for _, _, t in c.roles)),
                    mentions=len(c.names) + sum(1 for r in self.roles if r.cluster == ci),
                )
            )
        mentions: list[Mention] = []
        token_entity: dict[int, int] = {}
        person_mentions: list[tuple[int, int, bool, bool, int]] = []
        part_token_entity: dict[str, dict[int, int]] = {}
        # persons and their roles claim tokens before organisations/places nested in them ("Pentagon chief")
        allm = sorted(
            self.ments + self.roles,
            key=lambda m: (
                m.part != "body",
                m.part,
                m.type not in ("person", "role") or m.cluster < 0,
                m.start,
            ),
        )
        seen: set[tuple[str, int, int]] = set()
        for m in allm:
            if (m.part, m.start, m.end) in seen or m.type == "other":
                continue
            seen.add((m.part, m.start, m.end))
            ent = remap.get(m.cluster) if m.cluster >= 0 else None
            mentions.append(
                Mention(start=m.start, end=m.end, text=m.text, type=m.type, entity=ent, part=m.part)
            )
            if m.part != "body":
                if ent is not None:
                    pmap = part_token_entity.setdefault(m.part, {})
                    for t in range(m.i, m.j):
                        pmap.setdefault(t, ent)
                continue
            if ent is not None:
                for t in range(m.i, m.j):
                    token_entity.setdefault(t, ent)
                if entities[ent].type == "person":
                    person_mentions.append((m.head, ent, m.subject, m.quoted, m.sent))
        person_mentions.sort()
        mentions.sort(key=lambda m: (m.part != "body", m.part, m.start, m.end))
        return EntityIndex(
            entities=entities,
            mentions=mentions,
            token_entity=token_entity,
            person_mentions=person_mentions,
            part_token_entity=part_token_entity,
            sex=self._sexes(remap),
        )

    def _sexes(self, remap: dict[int, int]) -> dict[int, str]:
        """Person entities whose title tells their sex (and never says otherwise)."""
        seen: dict[int, set[str]] = {}
        for m in self.ments:
            if m.type != "person" or m.cluster < 0 or m.cluster not in remap:
                continue
            doc = self.docs[m.part]
            for k in (m.i - 1, m.i):
                if 0 <= k < len(doc):
                    t = doc[k].lower_.rstrip(".")
                    if t in MALE_TITLES:
                        seen.setdefault(remap[m.cluster], set()).add("m")
                    elif t in FEMALE_TITLES:
                        seen.setdefault(remap[m.cluster], set()).add("f")
        return {e: next(iter(x)) for e, x in seen.items() if len(x) == 1}


def _canonical(c: _Cluster) -> str:
    names = [n.text for n in c.names]
    if c.type == "person":
        # the fullest form of the name, first seen on ties
        return max(names, key=lambda s: (len(_name_tokens(s)), len(s), -names.index(s)))
    counts = Counter(names)
    return max(counts, key=lambda s: (counts[s], len(s)))


def _aliases(c: _Cluster, roles: list[_M]) -> list[str]:
    out = [n.text for n in c.names] + [t for _, _, t in c.roles] + [r.text for r in roles]
    return list(dict.fromkeys(out))


def extract_entities(
    body: Doc, extra: dict[str, Doc] | None = None, quoted: list[tuple[int, int]] | None = None
) -> EntityIndex:
    """Cluster the mentions of one article (body doc plus optional "title"/"dek" docs).

    ``quoted`` are character ranges of quotation content in the body: mentions there are kept but not
    offered as pronoun antecedents for the narrator's text.
    """
    b = _Builder(body, extra or {}, quoted or [])
    b.collect()
    b.persons()
    b.bind_roles()
    b.others()
    return b.build()


_THIRD_PERSON = frozenset({"he", "she", "him", "her", "his", "hers"})


def pronoun_mentions(body: Doc, index: EntityIndex) -> list[Mention]:
    """He/she/his/her of the body tied to the person they stand for (type "pronoun", or
    "possessive" for his/her before a noun), so later stages can read "her account" as that
    person's account. Pronouns without a person antecedent are left out."""
    out: list[Mention] = []
    for t in body:
        if t.lower_ not in _THIRD_PERSON or t.pos_ != "PRON":
            continue
        ent = index.antecedent(t)
        if ent is None:
            continue
        kind = "possessive" if t.tag_ == "PRP$" else "pronoun"
        out.append(Mention(t.idx, t.idx + len(t), t.text, kind, ent))
    return out
