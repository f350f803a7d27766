"""Quotes with speakers: direct, mixed, indirect and "according to" attributions.

1. ``find_quote_marks`` pairs quotation marks in the raw text (curly and straight, double and single,
   guillemets), per paragraph, telling apostrophes from closing single quotes by context. An opening
   mark left unclosed runs to the end of its sentence; quotes nested in another (quotes of quotes)
   stay part of the outer quote.
2. Reporting cues are verbs from a lexicon (say, tell, add, stress, warn ...) outside quotation marks,
   plus "according to". The speaker is the cue's subject (or "by" agent), inherited through
   participles and coordination ("..., stating that ..."), through relative clauses ("X, who said"),
   and for pronouns the nearest person antecedent outside quotations.
3. A quote segment is attributed to the cue whose parse subtree contains it, else to a cue in its
   sentence (colon-introduced, "said X" after the quote), else to the speaker of a quote in the
   previous sentences (a quote continued in the next paragraph).
4. The clausal complement of a cue is indirect speech; when it contains quoted words it is a mixed
   quote whose content also covers the quoted segments.
5. Headline-style attributions ("Troops will not be sent: defence chief") are read from the title
   and dek.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.analyse.docutil import char_sent_index, doc_text, sent_of, sents
from storyline.analyse.entities import HONORIFICS, TAG_WORDS, EntityIndex
from storyline.analyse.nlp import TITLES
from storyline.analyse.roles import is_role_word
from storyline.model import Quote, Span

if TYPE_CHECKING:  # spaCy loads only where a text is parsed (analyse.nlp), not on import
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

REPORTING = frozenset(
    """say tell add state note stress emphasize emphasise insist argue claim warn explain announce
    declare confirm deny reiterate underscore highlight suggest acknowledge admit assert write report
    mention caution vow pledge promise predict reply respond answer remark recall observe comment
    contend maintain allege complain concede estimate disclose reveal testify tweet post agree
    disagree charge counter quip joke boast signal indicate conclude lament point continue echo
    repeat insist affirm reaffirm proclaim assure concur retort protest threaten tout sing chant shout
    yell scream whisper exclaim clarify elaborate recount specify speculate plead opine muse summarise
    summarize""".split()
)
# What a speech participle may hang from ("a statement saying ..."), and the verbs by which its author
# puts it out ("issued a statement saying"); "cited a report saying" is someone else's report.
_SPEECH_NOUNS = frozenset(
    "statement message note letter release report post tweet announcement notice communique email memo "
    "bulletin".split()
)
# what introduces someone's words after a colon ("Below is a statement by X:", "X's remarks:")
_STATEMENT_NOUNS = _SPEECH_NOUNS | {"remark", "comment"}
_CLOSES_STATEMENT = re.compile(r'(?:\S|\. )["\u201d]$')  # "... thrive." / "... thrive. \""
_ISSUING = frozenset(
    "issue release publish post send put make sign deliver circulate share tweet write".split()
)
# Cues that only report when they take a clause ("polls show that ..."; beliefs and findings).
# Reporting verbs whose infinitive is itself what was said ("vowed to fight on"); "continued to
# operate", "pointed to", "signalled to" report no speech.
INFINITIVE_SPEECH = frozenset("vow pledge promise threaten agree claim".split())
CLAUSAL_ONLY = frozenset("believe think feel fear hope expect worry doubt know show find".split())
# Directive and expressive cues: content is an object and/or infinitive ("urged allies to ...").
DIRECTIVE = frozenset("urge call ask demand press appeal express voice".split())
# expressive cues: what is expressed is a feeling named by their object ("expressed concern")
_EXPRESSIVE = frozenset("express voice".split())
# Naming cues take quoted words as a label ("called the scheme 'a solution looking for a problem'").
NAMING = frozenset("call describe dub brand label term".split())
# particles that turn a directive or naming verb into another verb ("call off", "call up", "press
# down", "ask out"); "call on X to ..." keeps "on" as a preposition and stays a directive
_NOT_SPEECH_PARTICLES = frozenset("off up out back down away in over".split())

OPEN_DOUBLE = "\u201c\u201e\u00ab"
CLOSE_DOUBLE = "\u201d\u00bb"
OPEN_SINGLE = "\u2018\u2039"
CLOSE_SINGLE = "\u2019\u203a"
QUOTE_CHARS = OPEN_DOUBLE + CLOSE_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + "\"'"
_BEFORE_OPEN = " \t\n([{\u2014\u2013-:;,/" + OPEN_DOUBLE + OPEN_SINGLE + "\"'"
_AFTER_CLOSE = " \t\n)]}.,;:!?\u2014\u2013-/\u2026" + CLOSE_DOUBLE + CLOSE_SINGLE + "\"'"
_PERSONAL = {"he": "person", "she": "person"}
_WEB_SUFFIXES = frozenset({"com", "net", "org"})


@dataclass(frozen=True, slots=True)
class QuoteConfig:
    """Confidence of a quote's attribution: the cue's weight times how surely its speaker was found.

    Only the order of these values matters (a quote's confidence ranks it among overlapping readings);
    they were set by hand on the seeds and the attribution fixtures (bench/eval_analyse.py) and not
    re-measured since (PolNeAR scores attribution, not these numbers).
    """

    named: float = 1.0  # the speaker phrase names a known entity
    unresolved_name: float = 0.9  # a speaker phrase that names no known entity
    resolved_pronoun: float = 0.85  # "she" resolved to an antecedent
    unresolved: float = 0.3  # a pronoun without antecedent; also the floor of a cue's speaker
    speech_cue: float = 0.9  # "said", "told"
    according_cue: float = 0.85  # "according to"
    clausal_cue: float = 0.6  # "believes that"
    directive_cue: float = 0.6  # "urged"
    indirect: float = 0.8  # factor for reported (not quoted) speech
    tagged: float = 0.8  # a dash tag ("— Ann Lee") or an inverted tag ("said Ann Lee")
    split_quote: float = 0.75  # the second part of a quotation split by its tag
    next_paragraph: float = 0.6  # a quote in the next paragraph continues the previous speaker
    introducer: float = 0.5  # a speaker introduced in the sentence before the quote
    unattributed: float = 0.3
    inner_first_person: float = 0.8  # "I"/"we" inside a quote: the outer speaker
    inner: float = 0.7  # factor for a quote inside a quote
    headline_from_body: float = 0.6  # a headline quote whose words the body attributes
    colon_label: float = 0.7  # "Ann Lee: …" in a headline
    floor: float = 0.05
    ceiling: float = 0.99


QUOTES = QuoteConfig()


@dataclass(slots=True)
class QuoteMark:
    """A quoted segment: ``start``/``end`` bound the words inside the marks."""

    open: int
    close: int | None  # index of the closing mark; None when the quote is never closed
    start: int
    end: int
    style: str  # "double" | "single"
    run_on: bool = False  # unclosed, and the next paragraph reopens it (a multi-paragraph quotation)
    inner: list[QuoteMark] = field(default_factory=list)  # quotes inside this one

    close_len: int = 1  # 2 for a doubled apostrophe

    @property
    def outer_end(self) -> int:
        return self.close + self.close_len if self.close is not None else self.end


def _later_closer(text: str, k: int) -> bool:
    """Is there a closing single mark after ``k`` (before any new opening mark)?"""
    for j in range(k, len(text)):
        ch = text[j]
        if ch in OPEN_SINGLE:
            return False
        if (
            ch in "'\u2019"
            and text[j - 1] not in " \t\n"
            and (j + 1 == len(text) or text[j + 1] in _AFTER_CLOSE)
        ):
            if not (
                text[j - 1] == "s" and j + 2 < len(text) and text[j + 1] == " " and text[j + 2].islower()
            ):
                return True
    return False


def _pair_paragraph(text: str, base: int) -> list[QuoteMark]:
    marks: list[QuoteMark] = []
    # two apostrophes stand for a double quotation mark in some house styles (''Like this,'' he said);
    # scan them as one straight double mark followed by a filler, which keeps every offset
    text = text.replace("''", '"\x00')
    n = len(text)
    # doubles: curly/guillemets pair by direction, straight ones by position
    open_at: int | None = None
    for k, ch in enumerate(text):
        prev = text[k - 1] if k else " "
        nxt = text[k + 1] if k + 1 < n else " "
        if nxt == "\x00":
            nxt = text[k + 2] if k + 2 < n else " "
        if ch in OPEN_DOUBLE:
            if open_at is not None:
                marks.append(QuoteMark(base + open_at, None, base + open_at + 1, base + k, "double"))
            open_at = k
        elif ch in CLOSE_DOUBLE:
            if open_at is not None:
                marks.append(QuoteMark(base + open_at, base + k, base + open_at + 1, base + k, "double"))
                open_at = None
            elif k + 1 < n and nxt.isalnum() and prev in _BEFORE_OPEN:
                open_at = k  # a closing curly used as an opener (common in scrapes)
        elif ch == '"':
            # a close glued to the next word after the quotation's own comma: '"... today,"Lee said'
            glued = open_at is not None and k - open_at > 1 and prev in ",.!?" and nxt.isalpha()
            if open_at is not None and (nxt in _AFTER_CLOSE or k + 1 == n or glued):
                marks.append(QuoteMark(base + open_at, base + k, base + open_at + 1, base + k, "double"))
                open_at = None
            elif open_at is None and (prev in _BEFORE_OPEN or k == 0) and nxt not in " \t\n":
                open_at = k
            elif open_at is None and k == 0 and text[1:].strip():
                open_at = k  # a line's first mark opens, even spaced off its word ('" However, ...')
    if open_at is not None:
        marks.append(QuoteMark(base + open_at, None, base + open_at + 1, base + n, "double"))
    # singles: an opener needs a boundary before and a word after; a closer needs a non-space before and
    # a boundary after ("Ukraine’s" and "don’t" are apostrophes, "allies’ " is ambiguous and left alone)
    open_at = None
    for k, ch in enumerate(text):
        prev = text[k - 1] if k else " "
        nxt = text[k + 1] if k + 1 < n else " "
        is_open = ch in OPEN_SINGLE or (ch in "'\u2019" and prev in _BEFORE_OPEN and nxt.isalnum())
        if ch in OPEN_SINGLE and open_at is not None:
            open_at = k
            continue
        if open_at is None:
            if is_open and (ch in OPEN_SINGLE or k == 0 or prev in ' \t\n([{\u2014\u2013"' + OPEN_DOUBLE):
                open_at = k
            continue
        if ch in "'\u2019\u203a" and prev not in " \t\n" and (nxt in _AFTER_CLOSE or k + 1 == n):
            if (
                prev == "s"
                and nxt == " "
                and k + 2 < n
                and text[k + 2].islower()
                and _later_closer(text, k + 1)
            ):
                continue  # a plural possessive ("the islanders’ anger") when a closing mark follows
            marks.append(QuoteMark(base + open_at, base + k, base + open_at + 1, base + k, "single"))
            open_at = None
    # keep outermost segments: a quote inside another is part of it
    marks.sort(key=lambda m: (m.open, -m.outer_end))
    out: list[QuoteMark] = []
    for m in marks:
        if out and m.open < out[-1].outer_end and out[-1].close is not None:
            if m.outer_end <= out[-1].outer_end and m.style != out[-1].style:
                out[-1].inner.append(m)
            continue
        if out and out[-1].close is None and m.open < out[-1].end:
            # an unclosed quote ends where the next quote starts
            out[-1].end = m.open
        out.append(m)
    return out


_SMALL_WORDS = frozenset("a an the of and or for to in on at by with from".split())


def is_title_like(segment: str) -> bool:
    """A quoted name of a show, paper or book ("Fox News Sunday", "Make Your Kid a Millionaire").

    Every word capitalised (small function words aside), at most eight words, no sentence inside; a
    subtitle after a colon is part of the name ("Half Life: Alyx")."""
    words = segment.strip(" ,.").split()
    if not words or len(words) > 8 or any(ch in segment.strip(" ,.") for ch in ".!?;"):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS or w is words[0]]
    return (
        all(w[:1].isupper() or w[:1].isdigit() for w in content)
        and len(words) >= 1
        and words[0][:1].isupper()
    )


def _orphan_close(line: str, marks: list[QuoteMark]) -> int | None:
    """Offset of a closing double mark that ends a stretch of words from the line's start, before any
    paired mark of the line ("... biodiversity, \" said X" / "... thrive. \""), else None."""
    first = min((m.open for m in marks), default=len(line))
    k = next((k for k, ch in enumerate(line[:first]) if ch in '"' + CLOSE_DOUBLE), None)
    if k is None:
        return None
    head, nxt = line[:k].rstrip(), line[k + 1 : k + 2]
    return k if len(head.split()) >= 4 and head[-1:] in ".,!?" and (not nxt or nxt in " \t") else None


def find_quote_marks(text: str) -> list[QuoteMark]:
    """Quoted segments of a text, line by line (paragraphs are separated by blank lines)."""
    out: list[QuoteMark] = []
    # a quotation does not run past a line break: pairing restarts on every line, so one stray mark
    # cannot shift the pairs of a whole article
    lines = [(mt.start(), mt.group()) for mt in re.finditer(r"[^\n]+", text)]
    for k, (pos, line) in enumerate(lines):
        marks = _pair_paragraph(line, pos)
        before = out[-1] if out else None
        if before is not None and before.close is None and k and before.open >= lines[k - 1][0]:
            # '"The tide is rising, ...\n\nNo sea wall will hold it," said X': a
            # quotation run over two paragraphs whose second lost its opening mark but kept its close
            shut = _orphan_close(line, marks)
            if shut is not None:
                before.run_on = True
                marks = [
                    QuoteMark(pos, pos + shut, pos, pos + shut, "double"),
                    *(m for m in marks if m.open > pos + shut),
                ]
        nxt = lines[k + 1][1].lstrip() if k + 1 < len(lines) else ""
        if marks and marks[-1].close is None and nxt[:1] and nxt[0] in OPEN_DOUBLE + OPEN_SINGLE + "\"'":
            # "...\n\n"Next paragraph": the quotation continues; it ends with its paragraph
            marks[-1].run_on = True
        out.extend(marks)
    for m in [x for o in out for x in (o, *o.inner)]:
        if text[m.open : m.open + 2] == "''":
            m.start = max(m.start, m.open + 2)
        if m.close is not None and text[m.close : m.close + 2] == "''":
            m.close_len = 2
        s, e = m.start, m.end
        while s < e and text[s] in " \t\n":
            s += 1
        while e > s and text[e - 1] in " \t\n,;:":
            e -= 1
        m.start, m.end = s, e
    # quoted titles are names, not speech; a lone capitalised word ("Trump") can still be quoted speech
    return [
        m
        for m in out
        if m.end > m.start
        and not (is_title_like(text[m.start : m.end]) and len(text[m.start : m.end].split()) >= 2)
    ]


def close_open_quotes(marks: list[QuoteMark], doc: Doc) -> list[QuoteMark]:
    """An opening mark never closed ends with its sentence (the scrape lost the closing mark)."""
    text = doc_text(doc)
    for m in marks:
        if m.close is not None or m.run_on:
            continue
        # the sentence of the quotation's first word: the parser may end the sentence before it on
        # the opening mark itself ('commented,\n\n"This ...'), which left the quotation empty
        span = doc.char_span(m.start, max(m.end, m.start + 1), alignment_mode="expand")
        words = [t for t in span or () if not (t.is_space or t.is_punct)]
        if not words:
            continue
        sent = sent_of(words[0])
        end = min(m.end, sent.end_char)
        while end > m.start and text[end - 1] in " \t\n,;:":
            end -= 1
        m.end = end
    return marks


# ---------------------------------------------------------------- attribution


@dataclass(slots=True)
class _Cue:
    tok: Token
    speaker: Token | None
    comp: tuple[int, int] | None  # char range of a clausal complement
    kind: str  # "speech" | "clausal" | "directive" | "according"


def _clear_clause(t: Token) -> Token | None:
    """The that-clause of "made it clear that ..." (an assertion idiom)."""
    if t.lemma_.lower() != "make":
        return None
    for c in t.children:
        if c.lower_ == "clear" and c.dep_ in ("ccomp", "oprd", "acomp", "xcomp", "dobj"):
            comps = [
                g
                for g in c.children
                if g.dep_ == "ccomp" or (g.dep_ == "advcl" and any(m.lower_ == "that" for m in g.children))
            ]
            if comps:
                return comps[0]
    comps = [c for c in t.children if c.dep_ == "ccomp" and c.i > t.i and c.lower_ != "clear"]
    if comps and any(c.lower_ == "clear" for c in t.children):
        return comps[0]
    return None


_ANONYMITY = frozenset({"name", "identify"})
_QUOTED_AS = frozenset({"report", "quote", "hear", "cite"})


_HEDGED_SAY = frozenset({"safe", "fair", "needless", "suffice", "true", "accurate", "reasonable"})


def _discourse_marker(t: Token) -> bool:
    """ "That said, ...", "Having said that, ...", "That being said, ...": a turn of the writer's
    argument at the sentence's start, not speech; "it's safe to say ...": the writer's hedge."""
    if t.lemma_.lower() != "say":
        return False
    # "it's safe to say X", "Needless to say, X", "It is fair to say X": the writer's own hedge
    prev = t.doc[t.i - 2 : t.i]
    if len(prev) == 2 and prev[1].lower_ == "to" and prev[0].lower_ in _HEDGED_SAY:
        return True
    if t.i - t.sent.start > 3:
        return False
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return (
        nxt is not None
        and nxt.text == ","
        and any(c.lower_ in ("that", "this") for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))
    )


def _is_cue(t: Token) -> bool:
    lem = t.lemma_.lower()
    if lem == "make":
        return _clear_clause(t) is not None
    if t.pos_ not in ("VERB", "AUX") and not (t.pos_ == "NOUN" and lem in ("say",)):
        return False
    if (lem in DIRECTIVE or lem in NAMING) and any(
        c.dep_ == "prt" and c.lower_ in _NOT_SPEECH_PARTICLES for c in t.children
    ):
        return False  # a phrasal verb: "called off the search", "pressed down", "asked out"
    if lem in DIRECTIVE and any(c.dep_ == "xcomp" and c.lemma_ in _ANONYMITY for c in t.children):
        return False  # "a spokeswoman who asked not to be named said": a condition, not what she said
    if _discourse_marker(t):
        return False
    if lem == "know" and t.head.lemma_.lower() == "let":
        return False  # "to let the family know she was outside": the family is told, it says nothing
    return lem in REPORTING or lem in CLAUSAL_ONLY or lem in DIRECTIVE or lem in NAMING


# what a body publishes rather than says: "data from X", "the latest statistics from research firm X"
_DATA_NOUNS = frozenset("data figures statistics numbers estimates readings records information".split())
# what leaves a noun naming no one: "the latest information available now" (not "navy data", "figures from X")
_BARE_MODIFIERS = frozenset("det amod advmod punct".split())
# cues whose object is who was spoken to ("told the newspaper"), never the speaker
_HEARER_CUES = frozenset("tell ask inform brief assure warn remind advise urge".split())


def _cut_by_nickname(subj: Token) -> Token | None:
    """'A woman who saw the shooting of Tomas (Tommy) Reyk says ...': a nickname in brackets inside a
    name ends the parse's sentence, and the surname after it reads as the subject of "says". The
    speaker is the noun the verbless piece before the bracket is about."""
    doc = subj.doc
    start = subj.sent.start
    if subj.left_edge.i != start or start < 2 or doc[start - 1].text != ")" or subj.pos_ != "PROPN":
        return None
    prev = doc[start - 1].sent
    root = prev.root
    if root.pos_ not in ("NOUN", "PROPN") or prev.start >= root.i:
        return None
    return root


def _plural_before(t: Token) -> Token | None:
    """The plural noun a phrase such as "all of whom" at ``t`` stands for: the noun phrase just
    before it, up its "of"/"in" chain ("family members of the victims", "aid workers in the camp"),
    else the nearest plural noun before it in the sentence."""
    before = [w for w in t.doc[t.sent.start : t.i] if not w.is_punct]
    if not before:
        return None
    w = before[-1]
    while w.dep_ == "pobj" and w.head.dep_ == "prep" and w.head.head.pos_ in ("NOUN", "PROPN"):
        w = w.head.head
    if w.tag_ in ("NNS", "NNPS"):
        return w
    return next((x for x in reversed(before) if x.tag_ in ("NNS", "NNPS")), None)


def _speaker_token(t: Token, quoted: Callable[[Token], bool] = lambda _t: False) -> Token | None:
    """Subject of a cue, climbing through participles, coordination and relative clauses.

    A subject inside quotation marks is the parser reading the quote (or a quoted title) as the
    subject: '"... Full panic mode," said X' and '... said on "Fox and Friends"' are not said by them.
    """
    if any(c.dep_ == "auxpass" for c in t.children):
        # "X asked for a recount and was told that ...": a passive cue's subject, own or shared, is
        # the hearer; the speaker is the agent, if named
        return next(
            (g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None
        )
    inverted = [
        c
        for c in t.children
        if c.dep_ == "dobj"
        and (
            (c.pos_ == "PROPN" and 0 < c.i - t.i <= 2)
            # '"...," added the doctor': a role after a verb that names no hearer
            or (
                c.pos_ == "NOUN"
                and 0 < c.i - t.i <= 3
                and is_role_word(c.lower_)
                and any(x.dep_ == "det" and x.lower_ == "the" for x in c.children)
                and t.lemma_.lower() not in _HEARER_CUES
            )
        )
        and not quoted(c)
        and any(x.dep_ == "ccomp" and x.i < t.i for x in t.children)
        and not any(x.dep_ in ("nsubj", "csubj") for x in t.children)
    ]
    if inverted:
        return inverted[0]  # '“…,” wrote Fadem': the name after the verb parsed as its object
    if t.i == sent_of(t).start and t.text[:1].isupper():
        # 'Said Ellis: “…”', 'Added the mayor: “…”': the speaker stands between the tag and a colon
        doc = t.doc
        for j in range(t.i + 1, min(t.i + 9, len(doc))):
            if doc[j].text == ":":
                heads = [x for x in doc[t.i + 1 : j] if x.pos_ in ("PROPN", "NOUN") and not quoted(x)]
                if heads and j > t.i + 1:
                    return heads[-1]
                break
            if doc[j].is_punct and doc[j].text not in (".", ",", "'", "’", "-"):
                break
    named = _capitalised_adverb(t, quoted) or _names_before_conjunct(t, quoted)
    if named is not None:
        return named
    cur = t
    speech = t.lemma_.lower() in REPORTING
    if (
        t.lemma_.lower() == "add"
        and t.tag_ == "VBG"
        and t.dep_ == "advcl"
        and t.head.dep_ == "ccomp"
        and t.head.head.lemma_.lower() in REPORTING
    ):
        # "X said the board lied, adding that ...": adding goes on with what X said, though the
        # parser hangs it on the clause X reported
        cur = t.head.head
    for _ in range(4):
        subjects = [
            c for c in cur.children if c.dep_ in ("nsubj", "csubj") and not quoted(c) and not c.is_punct
        ]
        if subjects:
            # "... Somalia and Yemen, two countries on the Gulf, Sinha said": the parser may hang an
            # apposition on the cue as a second subject; the speaker is the one next to the cue
            before = [c for c in subjects if c.i < cur.i]
            c = before[-1] if before else subjects[0]
            cut = _cut_by_nickname(c)
            if cut is not None:
                return cut
            # "The cuts hit three lines ..., a spokeswoman for the operator said": the parser took the
            # last noun of what was said as the subject, and the speaker as its apposition
            role = [
                a
                for a in c.children
                if a.dep_ == "appos"
                and c.i < a.i < cur.i
                and (is_role_word(a.lower_) or a.ent_type_ == "PERSON")
                and a.doc[a.left_edge.i - 1].text == ","
            ]
            if c.pos_ == "NOUN" and not is_role_word(c.lower_) and c.ent_type_ != "PERSON" and role:
                return role[-1]
            if c.tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
                return cur.head  # "Kovac, who has long argued that ..."
            if any(
                p.dep_ == "prep" and p.lower_ == "of" and any(w.tag_ in ("WP", "WDT") for w in p.children)
                for p in c.children
            ):
                # "five aid workers in the camp, all of whom said ...": the workers (the parser may
                # hang the clause off the main verb; "all of whom" stands for a plural noun before it)
                if cur.dep_ == "relcl":
                    return cur.head
                return _plural_before(c)
            if c.pos_ == "VERB":
                # "Writing in a blog, Mike Reavey urged ...": a participle read as the subject; the
                # speaker is the name it governs, else unknown
                return next(
                    (
                        g
                        for g in c.children
                        if g.pos_ in ("PROPN", "NOUN") and g.dep_ in ("npadvmod", "appos", "nsubj")
                    ),
                    None,
                )
            return c
        for c in cur.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        passive = [c for c in cur.children if c.dep_ == "nsubjpass"]
        if passive:
            if (
                cur is not t
                and cur.lemma_.lower() in _QUOTED_AS
                and t.dep_ == "pcomp"
                and t.head.lower_ == "as"
            ):
                return passive[0]  # "X was reported as saying", "X is quoted as saying": X speaks
            return None  # "he was told": the subject is the hearer
        if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head
        if speech and cur.dep_ == "acl" and cur.head.lemma_.lower() in _SPEECH_NOUNS:
            # "issued a statement saying ...": the statement's author, who issued it, says it
            noun = cur.head
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner
            if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUING:
                cur = noun.head
                continue
            return None
        if cur is not t and cur.dep_ == "prep" and cur.head.pos_ in ("VERB", "AUX") and cur.head != cur:
            cur = cur.head  # "responded by saying ...": the one who responded
            continue
        if speech and cur.dep_ == "acl" and cur.i > 0 and cur.doc[cur.i - 1].text == "," and cur.head != cur:
            # "X defended the push, stating that ...": a participle after a comma belongs to the clause
            cur = cur.head
            while cur.pos_ not in ("VERB", "AUX") and cur.head != cur:
                cur = cur.head
            continue
        if cur.dep_ in ("advcl", "xcomp", "conj", "pcomp", "ccomp", "dep") and cur.head != cur:
            # "Marlow reinforced this, stating that ..." / "said ... and added that ..."
            if cur.dep_ == "ccomp" and _is_cue(cur.head):
                return None
            if (
                cur is t
                and speech
                and cur.dep_ == "conj"
                and cur.head.dep_ == "ccomp"
                and _is_cue(cur.head.head)
                and cur.i >= 2
                and cur.doc[cur.i - 1].lower_ == "and"
                and cur.doc[cur.i - 2].text == ","
            ):
                # "Ross says the source was one person, and promised to ...": the parser hung the second
                # speech verb inside what was said; after ", and" it goes on with the one who says
                cur = cur.head.head
                continue
            cur = cur.head
            continue
        break
    return None


def _names_before_conjunct(t: Token, quoted: Callable[[Token], bool]) -> Token | None:
    """'..., and that the source was several people, Ross and Bird have insisted ...': the parser
    hangs the names on the noun before them and the cue on the first clause's verb; the names right
    before the cue are its subject, not the first clause's."""
    if t.dep_ != "conj" or any(c.dep_ in ("nsubj", "csubj", "nsubjpass") for c in t.children):
        return None
    k = t.i - 1
    while k >= 0 and t.doc[k].head == t and t.doc[k].dep_ in ("aux", "neg", "advmod"):
        k -= 1
    name = t.doc[k] if k >= 0 else None
    if name is None or name.pos_ != "PROPN" or quoted(name) or name.ent_type_ in ("DATE", "TIME"):
        return None  # "... and Monday said": a day is no speaker
    while name.dep_ in ("conj", "compound", "flat") and name.head.pos_ == "PROPN" and name.head.i < t.i:
        name = name.head
    return name


def _capitalised_adverb(t: Token, quoted: Callable[[Token], bool]) -> Token | None:
    """'but Early still says': a surname that is also a word (Early, Young, Love) read as the cue's
    adverb; capitalised inside the sentence right before the cue, it is the speaker."""
    if any(c.dep_ in ("nsubj", "csubj", "nsubjpass") for c in t.children):
        return None
    start = sent_of(t).start
    j = t.i - 1
    while j > start and t.doc[j].pos_ == "ADV" and t.doc[j].text.islower():
        j -= 1  # "still", "also", "later"
    tok = t.doc[j]
    if (
        j > start
        and j < tok.head.i <= t.i  # on the cue, or on the adverb before it
        and tok.dep_ in ("advmod", "npadvmod")
        and tok.pos_ == "ADV"  # "and Monday said": a day is no speaker
        and tok.ent_type_ not in ("DATE", "TIME")
        and tok.text[:1].isupper()
        and tok.text[1:].islower()
        and not quoted(tok)
        and not t.doc[j - 1].is_punct
    ):
        return tok
    return None


def _age_description(tok: Token) -> bool:
    """ "The 56-year-old said": an age standing in for a person named before."""
    return (
        tok.lower_ == "old"
        and any(c.lower_ in ("year", "years") for c in tok.children)
        and any(c.dep_ == "det" for c in tok.children)
    )


_QUANTIFIERS = frozenset("many some most few several others all both none".split())


_INVERTED_TAG_RE = re.compile(
    rf"^\s*(?P<tag>{'|'.join(TAG_WORDS)})\s+"
    r"(?P<who>(?:the\s+)?[A-Z][\w.’'-]*(?:,?\s+[\w.’'-]+){0,5}?)\s*:\s*$"
)


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of a speaker head without relative clauses, appositions or trailing commas."""
    keep = [head]
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i == head.i + 1:
            pass  # "the newspaper The Daily Record", "his rival Ingrid Solberg-Hay": the name is the speaker
        elif (
            c.dep_ in ("relcl", "acl", "appos", "punct", "advmod", "prep", "cc", "conj")
            and c.tag_ != "HYPH"
            and not (c.dep_ == "prep" and c.lower_ in ("of", "from", "at", "for") and c.i > head.i)
            # "many in NATO", "some among the allies": a bare quantifier says who only with its phrase
            and not (c.dep_ == "prep" and c.i > head.i and head.lower_ in _QUANTIFIERS)
        ):
            continue
        keep.extend(c.subtree)
    keep = sorted(set(keep), key=lambda x: x.i)
    # contiguous run around the head
    lo = hi = keep.index(head)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    toks = keep[lo : hi + 1]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    return toks or [head]


def _clause_range(doc: Doc, head: Token, skip_mark: bool = True) -> tuple[int, int]:
    toks = list(head.subtree)
    i, j = toks[0].i, toks[-1].i + 1
    while i < j and (
        (skip_mark and doc[i].dep_ == "mark" and doc[i].head == head) or doc[i].is_punct or doc[i].is_space
    ):
        if doc[i].text in OPEN_DOUBLE + OPEN_SINGLE + "\"'":
            break
        i += 1
    if skip_mark and i + 1 < j and doc[i].text.lower() == "that" and doc[i].dep_ == "mark":
        i += 1  # "told CNN that while many ..., they ...": the complementiser of a clause nested first
    # "..., Const. Tim Fanning said": a title the parser hung on the clause is the speaker's
    while j > i and (
        doc[j - 1].is_space or doc[j - 1].text in ",;:-\u2014\u2013" or doc[j - 1].text in TITLES
    ):
        j -= 1
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


# People a "he" or "she" in the reported clause may stand for, when the clause names them
_PERSON_NOUNS = frozenset(
    "man woman boy girl child suspect victim witness person driver passenger pilot patient".split()
)


def _names_a_person(tokens: Iterable[Token]) -> bool:
    return any(
        t.ent_type_ == "PERSON"
        or (t.pos_ == "NOUN" and (t.lower_ in _PERSON_NOUNS or is_role_word(t.lower_)))
        for t in tokens
    )


def _narration_tail(doc: Doc, head: Token, rng: tuple[int, int]) -> tuple[int, int]:
    """The reported clause without a trailing ", as he ..." / ", while she ..." that tells what the
    speaker was doing ("told lawmakers it was his duty, as he deflected attacks"): the parser hangs it
    on the reported clause, but it is the writer's narration. Only when the clause names no other
    person the pronoun could stand for ("said the suspect fled, while he was still wearing ...")."""
    for c in head.children:
        if c.dep_ != "advcl" or c.i < head.i:
            continue
        first = doc[c.left_edge.i]
        subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        if (
            first.lower_ in ("as", "while")
            and c.left_edge.i > 0
            and doc[c.left_edge.i - 1].text == ","
            and subj
            and subj[0].lower_ in ("he", "she")
            and not _names_a_person(doc[head.left_edge.i : c.left_edge.i])
        ):
            end = doc[c.left_edge.i - 2] if c.left_edge.i > 1 else first
            cut = end.idx + len(end)
            if rng[0] < cut < rng[1]:
                return rng[0], cut
    return rng


_OBJECT_PRONOUNS = frozenset("him her them me us".split())


def _cue_complement(doc: Doc, t: Token) -> tuple[tuple[int, int] | None, str]:
    lem = t.lemma_.lower()
    clear = _clear_clause(t)
    if clear is not None:
        return _narration_tail(doc, clear, _clause_range(doc, clear)), "speech"
    comps = [
        c for c in t.children if c.dep_ in ("ccomp",) or (c.dep_ == "xcomp" and lem in INFINITIVE_SPEECH)
    ]
    # a question ("asked whether ...") is not an assertion by the asker's subject
    comps = [
        c
        for c in comps
        if not any(g.dep_ == "mark" and g.lower_ in ("whether", "if") for g in c.children)
        # "to know how much you eat", "shows how galaxies formed": after a verb of knowing or showing a
        # wh-clause names a question, it asserts nothing
        and not (
            lem in CLAUSAL_ONLY
            and doc[c.left_edge.i].tag_ in ("WRB", "WP", "WDT")
            and doc[c.left_edge.i].lower_ != "that"
            and not any(x.dep_ == "csubj" for x in c.children)
        )
        # "A fired B, one day after the team continued its slide": a clause before the cue's own
        # subordinator ("after", "when") is not what a subordinate clause's verb reports
        and not (c.i < t.i and any(g.dep_ == "mark" and c.right_edge.i < g.i < t.i for g in t.children))
        # "X pulled him in the second half, and he expressed frustration": one expresses a feeling (the
        # object), not the clause before it
        and not (c.i < t.i and lem in _EXPRESSIVE and any(x.dep_ == "dobj" for x in t.children))
        # "Deputies found him hiding in a bathtub", "a jury found her guilty": an object pronoun
        # ("him", not "he") opens no reported clause; what was found is the sentence's own claim
        and not (
            lem == "find" and any(x.dep_ == "nsubj" and x.lower_ in _OBJECT_PRONOUNS for x in c.children)
        )
    ]
    if comps:
        c = comps[-1]
        kind = "speech" if lem in REPORTING or lem in DIRECTIVE else "clausal"
        rng = _narration_tail(doc, c, _clause_range(doc, c))
        # "assured customers that A, and that B": the parser may hang the second "that" clause on
        # the cue as a conjunct verb; it is said too
        more = [
            x
            for x in t.children
            if x.dep_ == "conj"
            and x.i > c.i
            and doc[x.left_edge.i].lower_ == "that"
            and doc[x.left_edge.i].dep_ == "mark"
            and doc[x.left_edge.i].head == x
        ]
        if more and kind == "speech":
            rng = (rng[0], _clause_range(doc, more[-1])[1])
        return rng, kind
    fronted = (_fronted_content(doc, t) or _comma_tag(doc, t)) if lem in REPORTING else None
    if fronted is not None:
        return fronted, "speech"
    clause = _object_read_as_clause(doc, t) if lem == "say" else None
    if clause is not None:
        return clause, "speech"
    if lem in DIRECTIVE:
        objs = [c for c in t.children if c.dep_ in ("dobj",)]
        xcs = [c for c in t.children if c.dep_ == "xcomp"]
        preps = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")]
        parts = objs + xcs + preps
        if parts:
            lo = min(p.left_edge.i for p in parts)
            hi = max(p.right_edge.i for p in parts) + 1
            while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
                hi -= 1
            if hi > lo:
                return (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])), "directive"
    return None, ""


# what one says as a thing ("said a prayer", "said nothing"), not the subject of a clause
_SAID_THINGS = frozenset(
    "word words thing things prayer prayers goodbye hello nothing something anything everything grace "
    "yes no mass".split()
)


def _object_read_as_clause(doc: Doc, t: Token) -> tuple[int, int] | None:
    """'X said the plan excluded farmers': the parser may read "the plan" as what was said and
    "excluded ..." as a clause describing it. One does not say a plan: the object with its clause is
    the that-less complement."""
    objs = [c for c in t.children if c.dep_ == "dobj" and c.i > t.i]
    if len(objs) != 1 or objs[0].pos_ not in ("NOUN", "PROPN") or objs[0].lemma_.lower() in _SAID_THINGS:
        return None
    obj = objs[0]
    acls = [
        c
        for c in obj.children
        if c.dep_ == "acl"
        and c.i == obj.i + 1
        and c.tag_ in ("VBD", "VBN")
        and not any(g.dep_ == "agent" for g in c.children)
        and any(g.dep_ in ("dobj", "prep", "ccomp", "xcomp") for g in c.children)
    ]
    if not acls:
        return None
    lo, hi = obj.left_edge.i, acls[0].right_edge.i + 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


def _fronted_content(doc: Doc, t: Token) -> tuple[int, int] | None:
    """'CLAUSE, Microsoft said in a blog post.' where the parser hung the clause on the cue as a noun
    (a long subject with a relative clause): the whole stretch from the sentence start to the comma
    before the cue's subject is what was said, when it holds a finite verb and opens no adverbial
    clause ("As the storm hit, he said ..." is no content)."""
    sent = t.sent
    subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i]
    if not subj or any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in t.children):
        return None
    lo = subj[-1].left_edge.i  # the subject next to the cue; the clause may parse as a second one
    if lo - 1 <= sent.start or doc[lo - 1].text != "," or t.i < lo:
        return None
    body = doc[sent.start : lo - 1]
    fronted = [c for c in t.children if c.i < lo - 1 and not c.is_punct]
    if (
        len(fronted) != 1
        or fronted[0].dep_ not in ("advcl", "dep", "npadvmod", "nsubj")
        or fronted[0].left_edge.i != sent.start
        or fronted[0].right_edge.i != lo - 2
        or any(c.dep_ == "mark" for c in fronted[0].children)
        or not any("Fin" in w.morph.get("VerbForm", []) for w in body)
        or len(body) < 6
    ):
        return None
    return body[0].idx, body[-1].idx + len(body[-1])


def _comma_tag(doc: Doc, t: Token) -> tuple[int, int] | None:
    """'CLAUSE, for a three-month stay, her agent confirms to the Courier.': the parser coordinated the tag
    with the clause before it (a comma, no "and") or hung it there as an adverbial clause; the clause
    is what was said."""
    sent = t.sent
    subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i]
    if (
        t.dep_ not in ("conj", "advcl", "parataxis")  # parataxis: 'CLAUSE, police say, and ...'
        or not subj
        or any(c.dep_ in ("dobj", "xcomp", "ccomp", "cc", "mark") for c in t.children)
    ):
        return None
    head = t.head
    lo = subj[-1].left_edge.i
    if head.i >= lo or lo - 1 <= sent.start or doc[lo - 1].text != ",":
        return None
    if any(
        c.dep_ == "cc" and head.i < c.i < lo and all(x.is_punct for x in doc[c.i + 1 : lo])
        for c in head.children
    ):
        return None  # "A happened, and her rep confirms B": two clauses
    if any(c.dep_ not in ("prep", "punct", "advmod", "npadvmod") for c in t.children if c.i > t.i):
        return None
    body = doc[sent.start : lo - 1]
    while len(body) and body[-1].is_punct:
        body = body[:-1]
    if len(body) < 6 or not any("Fin" in w.morph.get("VerbForm", []) for w in body):
        return None
    return body[0].idx, body[-1].idx + len(body[-1])


def _according_to(doc: Doc) -> list[_Cue]:
    out = []
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            to = doc[t.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in t.children if c.dep_ == "pobj"]
            if not objs:
                continue
            if objs[0].lower_ == "information" and all(c.dep_ in _BARE_MODIFIERS for c in objs[0].children):
                # "according to information available now": nobody's word but the writer's ("federal
                # data", "the data" name a source: PolNeAR annotates them as one)
                continue
            phrase = {x.i for x in t.subtree} | {x.i for x in to.subtree} | {t.i, to.i}
            sent = sent_of(t)
            rest = [x for x in sent if x.i not in phrase and not x.is_space]
            while rest and rest[0].is_punct:
                rest.pop(0)
            while rest and (rest[-1].is_punct and rest[-1].text not in ".!?"):
                rest.pop()
            if not rest:
                continue
            # content: the rest of the sentence on the far side of the phrase
            lo_phrase, hi_phrase = min(phrase), max(phrase)
            after = [x for x in rest if x.i > hi_phrase]
            before = [x for x in rest if x.i < lo_phrase]
            side = max((after, before), key=lambda xs: sum(1 for x in xs if x.is_alpha))
            # "According to the economist, Halima Brandt, the ...": a dangling apposition is the source's.
            # Not when what follows has no subject of its own ("According to police, Ann Lee, 36, hit
            # a car"): the name is the subject of the clause
            if side and side is after:
                k = 0
                while k < len(side) and (side[k].pos_ == "PROPN" or side[k].tag_ == "HYPH"):
                    k += 1
                if (
                    0 < k < len(side)
                    and side[k].text == ","
                    and any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in side[k + 1 :])
                ):
                    side = side[k + 1 :]
            while side and side[0].is_punct:
                side.pop(0)
            while side and side[-1].is_punct and side[-1].text not in ".!?":
                side.pop()
            if not side:
                continue
            comp = (side[0].idx, side[-1].idx + len(side[-1]))
            out.append(_Cue(tok=t, speaker=objs[0], comp=comp, kind="according"))
    return out


class _Attributor:
    def __init__(self, doc: Doc, text: str, index: EntityIndex, marks: list[QuoteMark], part: str = "body"):
        self.doc = doc
        self.text = text
        self.index = index
        self.marks = marks
        self.part = part
        self.sent_starts = [s.start_char for s in sents(doc)]
        self.quoted_chars = [(m.open, m.outer_end) for m in marks]
        self._quoted_toks = self._mark_quoted()
        # token -> entity of the text being read (the body, or a title/dek)
        self.by_tok: dict[int, int] = (
            index.token_entity if part == "body" else index.part_token_entity.get(part, {})
        )

    def quoted(self, t: Token) -> bool:
        return t.i in self._quoted_toks

    def in_quotation(self, t: Token) -> bool:
        """Inside a quotation or a quoted title ("on Fox News’s “Fox and Friends”")."""
        if self.quoted(t):
            return True
        left = t.left_edge.i
        if left == 0 or t.i - left >= 8:
            return False
        mark = self.doc[left - 1]
        # a straight mark opens only when it hugs the next word ('" Smith said' is a closing one)
        return mark.text in OPEN_DOUBLE + OPEN_SINGLE or mark.text in "\"'" and not mark.whitespace_

    def _mark_quoted(self) -> set[int]:
        out: set[int] = set()
        for a, b in self.quoted_chars:
            span = self.doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
        return out

    def sent_of_char(self, c: int) -> int:
        return char_sent_index(self.doc, c)

    # ---- speakers
    def speaker(
        self, tok: Token | None, exclude: set[int] | None = None, cue: Token | None = None
    ) -> tuple[str | None, Span | None, int | None, float]:
        """(name, span, entity, confidence factor) for a speaker head token."""
        if tok is None:
            return None, None, None, 0.0
        if tok.lower_ in _WEB_SUFFIXES and tok.i >= 2 and tok.doc[tok.i - 1].text == ".":
            # "according to Celebwire. com": a site's address broken at its dot names the site
            site = tok.doc[tok.i - 2]
            name = f"{site.text}.{tok.text}"
            span = Span(site.idx, tok.idx + len(tok), self.text[site.idx : tok.idx + len(tok)])
            return name, span, None, QUOTES.unresolved_name
        if tok.lower_ in _PERSONAL or _age_description(tok):
            # antecedents are searched in the body; a pronoun in a headline has none to look back to
            # ("the 56-year-old said" stands for the person the story is about, as "he" does)
            # "Nixon never called, he said": the content before the cue names who was spoken of
            content = (
                [
                    x.i
                    for c in cue.children
                    if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i
                    for x in c.subtree
                ]
                if cue is not None
                else []
            )
            skip = (min(content), max(content)) if content else None
            # "He said Lee's injury ...": a person the said clause names by name is not "he"
            said_names = (
                {
                    e
                    for c in cue.children
                    if c.dep_ in ("ccomp", "parataxis") and c.i > tok.i
                    for x in c.subtree
                    if (e := self.by_tok.get(x.i)) is not None
                    and x.pos_ == "PROPN"
                    and self.index.entities[e].type == "person"
                }
                if cue is not None
                else set()
            )
            ent = (
                self.index.antecedent(tok, exclude=(exclude or set()) | said_names, skip=skip)
                if self.part == "body"
                else None
            )
            a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
            span = Span(a, b, self.text[a:b])
            if ent is None:
                return None, span, None, QUOTES.unresolved
            return self.index.entities[ent].name, span, ent, QUOTES.resolved_pronoun
        if tok.pos_ == "PRON":
            return None, Span(tok.idx, tok.idx + len(tok), tok.text), None, QUOTES.unresolved
        phrase = (
            [t for t in tok.doc[cue.i + 1 : tok.i + 1] if not t.is_space]
            if cue is not None
            and cue.i < tok.i
            and cue.i == sent_of(cue).start
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].text == ":"
            else []
        )
        while phrase and (phrase[0].is_punct or phrase[0].lower_ in ("the", "a", "an")):
            phrase.pop(0)
        if phrase:
            # 'Said Ellis: “…”': the parse of an inverted tag is unreliable; the phrase is what lies
            # between the tag and the colon
            a, b = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
            ent = self._head_entity(tok, phrase)
            if ent is not None:
                return self.index.entities[ent].name, Span(a, b, self.text[a:b]), ent, QUOTES.named
            return self.text[a:b], Span(a, b, self.text[a:b]), None, QUOTES.unresolved_name
        np = _np_tokens(tok)
        # "wrote David Weston - Vice President, Enterprise Security": a spaced dash sets a title after
        # the name; the name before it speaks
        dash = [k for k, x in enumerate(np) if x.text in "-\u2013\u2014" and k and np[k - 1].whitespace_]
        titled_by_dash = bool(dash) and all(x.pos_ == "PROPN" for x in np[: dash[0]])
        if titled_by_dash:
            np = np[: dash[0]]
            tok = np[-1]
        # the span covers the whole phrase with its appositions ("Rep. Jim Clyburn (D-S.C.), the assistant
        # leader of ..."); a clause containing the cue itself is cut off
        sub = list(tok.subtree)
        if cue is not None and cue in sub:  # "X, who said ...": the relative clause is not the name
            cut = {t.i for t in cue.subtree}
            sub = [t for t in sub if t.i not in cut]
        full = sub if tok in sub else [tok]
        lo = hi = full.index(tok)
        while lo > 0 and full[lo - 1].i == full[lo].i - 1:
            lo -= 1
        while hi + 1 < len(full) and full[hi + 1].i == full[hi].i + 1:
            hi += 1
        full = full[lo : hi + 1]
        while full and (full[-1].is_punct and full[-1].text not in ")]" or full[-1].is_space):
            full.pop()
        while full and (full[0].is_punct or full[0].is_space):
            full.pop(0)
        full = np if titled_by_dash else full or np
        a, b = full[0].idx, full[-1].idx + len(full[-1])
        span = Span(a, b, self.text[a:b])
        named = self._titled_holder(np[-1])
        if named is not None:
            # "said police spokesperson Const. Tim Fanning": the parser leaves the name after the title
            ent, end = named
            return self.index.entities[ent].name, Span(a, end, self.text[a:end]), ent, QUOTES.named
        ent = self._head_entity(tok, np)
        if ent is not None:
            return self.index.entities[ent].name, span, ent, QUOTES.named
        words = [t for t in np if t.lower_ not in ("the", "a", "an")]
        titled = self._titled_name(words)
        if titled is not None:
            return titled
        # "celebrity blog PQZ", "research firm Acme": a descriptor before the name is no part of it
        common = [k for k, w in enumerate(words) if w.pos_ == "NOUN" and w.text.islower()]
        if (
            common
            and 0 < len(words) - 1 - common[-1] <= 4
            and all(w.pos_ == "PROPN" for w in words[common[-1] + 1 :])
        ):
            words = words[common[-1] + 1 :]
        name = self.text[words[0].idx : words[-1].idx + len(words[-1])] if words else span.text
        if _NAME_PHRASE.fullmatch(span.text) and len(span.text) > len(name):
            name = _LEADING_ARTICLE.sub("", span.text)  # "Research in Motion", not "Research"
        return name, span, None, QUOTES.unresolved_name

    def _named_in_prep(
        self, head: Token, preps: tuple[str, ...], types: tuple[str, ...], appos: bool = False
    ) -> int | None:
        """The entity of one of ``types`` named as the object of ``head``'s preposition ``preps``
        ("data from X", "a post by Y", also through a participle: "information received from X",
        "figures released by Y"); with ``appos``, also in apposition to that object."""
        by_tok = self.by_tok
        kids = [*head.children]
        kids += [g for c in kids if c.dep_ == "acl" and c.tag_ == "VBN" for g in c.children]
        for prep in kids:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in preps:
                continue
            for obj in prep.children:
                ent = by_tok.get(obj.i)
                if ent is None and appos and obj.dep_ == "pobj":
                    ent = next(
                        (by_tok[c.i] for c in obj.children if c.dep_ == "appos" and c.i in by_tok), None
                    )
                if ent is not None and self.index.entities[ent].type in types:
                    return ent
        return None

    def _titled_holder(self, last: Token) -> tuple[int, int] | None:
        """(Person entity, end offset) of a name right after a title abbreviation that follows the
        speaker phrase ending on ``last``, when the name is no part of the phrase already."""
        doc = last.doc
        j = last.i + 1
        if j + 1 >= len(doc) or doc[j].text not in TITLES or last.i in self.by_tok:
            return None
        ent = self.by_tok.get(j + 1)
        if ent is None or self.index.entities[ent].type != "person":
            return None
        k = j + 1
        while k + 1 < len(doc) and self.by_tok.get(k + 1) == ent:
            k += 1
        return ent, doc[k].idx + len(doc[k])

    def _titled_name(self, words: list[Token]) -> tuple[str, Span, int, float] | None:
        """'..., said Sgt. Marty Earley': the sentence splitter may cut after the title's full stop, so
        the parse's speaker is the title alone; the person named right after it speaks."""
        if len(words) != 1 or words[0].lower_.rstrip(".") not in _TITLE_ABBREVIATIONS:
            return None
        doc = words[0].doc
        j = words[0].i + 1
        while j < len(doc) and doc[j].text == ".":
            j += 1
        ent = self.by_tok.get(j)
        if ent is None or self.index.entities[ent].type != "person":
            return None
        k = j
        while k + 1 < len(doc) and self.by_tok.get(k + 1) == ent:
            k += 1
        a, b = words[0].idx, doc[k].idx + len(doc[k])
        return self.index.entities[ent].name, Span(a, b, self.text[a:b]), ent, QUOTES.named

    def _head_entity(self, head: Token, np: list[Token]) -> int | None:
        """Entity the speaker phrase names: its head's, or a name in apposition to the head.

        Modifiers do not name the speaker: "the Ukrainian leader" is not Ukraine, "a joint statement
        from the ministers of X" is not X.
        """
        by_tok = self.by_tok
        if head.i in by_tok:
            return by_tok[head.i]
        if head.lower_ in _DATA_NOUNS:
            # "according to data from the US Geological Survey": the body whose figures they are
            ent = self._named_in_prep(head, ("from", "by", "of"), ("organisation",), appos=True)
            if ent is not None:
                return ent
        if head.lower_ in _SPEECH_NOUNS:
            # "according to a Microsoft blog post by David Weston": who wrote it, else whose it is
            ent = self._named_in_prep(head, ("by", "from"), ("person", "organisation"))
            if ent is not None:
                return ent
            for c in head.children:
                if (
                    c.dep_ in ("compound", "poss")
                    and c.i in by_tok
                    and self.index.entities[by_tok[c.i]].type in ("person", "organisation")
                ):
                    return by_tok[c.i]
        for c in head.children:
            # "the port's chief engineer, Bastian Hollow": a person in apposition names the speaker
            if c.dep_ == "appos" and c.i in by_tok and self.index.entities[by_tok[c.i]].type == "person":
                return by_tok[c.i]
            # "the American newspaper The Daily Ledger": a name right after a common noun is what it is
            if (
                c.dep_ == "appos"
                and c.i in by_tok
                and head.pos_ == "NOUN"
                and c.left_edge.i == head.i + 1
                and self.index.entities[by_tok[c.i]].type == "organisation"
            ):
                return by_tok[c.i]
        if is_role_word(head.lower_):
            # "Counsel to the inquiry, Ada Brook, said": the parser hangs the name on the role's
            # complement; after a role, a person in apposition is still the role's holder
            for c in head.subtree:
                if (
                    c.dep_ == "appos"
                    and c.i > head.i
                    and c.i in by_tok
                    and self.index.entities[by_tok[c.i]].type == "person"
                    and c.doc[c.left_edge.i - 1].text == ","
                ):
                    return by_tok[c.i]
        return None

    # ---- main
    def run(self) -> list[Quote]:
        doc = self.doc
        cues: list[_Cue] = []
        for t in doc:
            if not _is_cue(t) or self.quoted(t):
                continue
            comp, kind = _cue_complement(doc, t)
            lem = t.lemma_.lower()
            if lem in CLAUSAL_ONLY and comp is None:
                continue
            if lem == "ask" and t.tag_ == "VBN":
                continue  # "Asked whether ...": a question put to someone
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in t.children):
                continue  # "asked whether he thinks ...": a question, not an attribution
            spk = self._participle_holder(t) or _speaker_token(t, self.in_quotation)
            if spk is None and (lem in REPORTING or lem == "make"):
                spk = self._linear_subject(t)
            cues.append(_Cue(tok=t, speaker=spk, comp=comp, kind=kind or "speech"))
        cues.extend(_according_to(doc))
        by_seg: dict[int, _Cue | None] = {}
        for k, m in enumerate(self.marks):
            by_seg[k] = self._cue_for(m, cues)
        quotes: list[Quote] = []
        used_segments: set[int] = set()
        # each cue: its complement (indirect or mixed) and its direct segments
        for cue in sorted(cues, key=lambda c: c.tok.i):
            segs = [k for k, c in by_seg.items() if c is cue]
            name, sspan, ent, conf = self.speaker(cue.speaker, cue=cue.tok)
            base = {
                "speech": QUOTES.speech_cue,
                "according": QUOTES.according_cue,
                "clausal": QUOTES.clausal_cue,
                "directive": QUOTES.directive_cue,
            }[cue.kind]
            conf = conf or QUOTES.unresolved
            cue_span = self._cue_span(cue)
            if segs and cue.tok.lemma_.lower() in NAMING:
                for k in segs:
                    m = self.marks[k]
                    used_segments.add(k)
                    quotes.append(
                        self._quote(m.start, m.end, name, "direct", cue_span, sspan, ent, base * conf)
                    )
                continue
            if cue.tok.lemma_.lower() in NAMING and cue.tok.lemma_.lower() not in DIRECTIVE:
                continue
            if cue.comp is not None:
                a, b = cue.comp
                inside = [k for k in segs if self.marks[k].start < b and a < self.marks[k].outer_end]
                if inside:
                    lo = min([a] + [self.marks[k].start for k in inside])
                    hi = max([b] + [self.marks[k].end for k in inside])
                    while lo < hi and self.text[lo] in QUOTE_CHARS + " ":
                        lo += 1
                    while hi > lo and self.text[hi - 1] in QUOTE_CHARS + " ,":
                        hi -= 1
                    outside = self.text[lo:hi]
                    for k in sorted(inside, key=lambda k: -self.marks[k].open):
                        m = self.marks[k]
                        o0, o1 = max(m.open - lo, 0), max(m.outer_end - lo, 0)
                        outside = outside[:o0] + " " + outside[o1:]
                    kind = (
                        "mixed" if any(any(ch.isalnum() for ch in w) for w in outside.split()) else "direct"
                    )
                    used_segments.update(inside)
                    segs = [k for k in segs if k not in inside]
                    quotes.append(self._quote(lo, hi, name, kind, cue_span, sspan, ent, base * conf))
                elif (not segs or cue.kind == "according") and cue.speaker is not None:
                    if cue.kind == "according" or len(self.text[a:b].split()) >= 2:
                        quotes.append(
                            self._quote(
                                a, b, name, "indirect", cue_span, sspan, ent, QUOTES.indirect * base * conf
                            )
                        )
            for k in segs:
                m = self.marks[k]
                used_segments.add(k)
                quotes.append(self._quote(m.start, m.end, name, "direct", cue_span, sspan, ent, base * conf))
        # segments without a cue: continue the previous speaker, or stand alone
        for k, m in enumerate(self.marks):
            if k in used_segments or by_seg.get(k) is not None:
                continue
            n_words = len(self.text[m.start : m.end].split())
            dash = self._dash_speaker(m)
            if dash is not None:
                name, sspan, ent, cue_span = dash
                quotes.append(
                    self._quote(m.start, m.end, name, "direct", cue_span, sspan, ent, QUOTES.tagged)
                )
                continue
            tag = self._inverted_tag(m)
            if tag is not None:
                name, sspan, ent, cue_span = tag
                quotes.append(
                    self._quote(m.start, m.end, name, "direct", cue_span, sspan, ent, QUOTES.tagged)
                )
                continue
            after = self._reopened_by(m, quotes)
            if after is not None:
                # an unclosed quotation whose next paragraph goes on and names its speaker (the scrape
                # lost the mark reopening it): that speaker, not the previous sentence's subject
                quotes.append(
                    self._quote(
                        m.start,
                        m.end,
                        after.speaker,
                        "direct",
                        None,
                        after.speaker_span if after.speaker is None else None,
                        after.speaker_entity,
                        QUOTES.next_paragraph,
                    )
                )
                continue
            # "Below is a statement by X:" names the speaker of the quotation it introduces
            intro = self._introducer(m, statement_only=True)
            prev = self._previous_quote(quotes, m) if intro is None else None
            if prev is not None:
                if "\n" not in self.text[prev.content.end : m.open]:
                    # '"A," said X. "B."': one quotation split by its tag; the tag attributes both parts
                    q = self._quote(
                        m.start,
                        m.end,
                        prev.speaker,
                        "direct",
                        prev.cue,
                        prev.speaker_span,
                        prev.speaker_entity,
                        QUOTES.split_quote,
                    )
                else:
                    q = self._quote(
                        m.start,
                        m.end,
                        prev.speaker,
                        "direct",
                        None,
                        None,
                        prev.speaker_entity,
                        QUOTES.next_paragraph,
                    )
                quotes.append(q)
                continue
            if intro is None:
                intro = self._introducer(m)
            if intro is not None:
                quotes.append(
                    self._quote(
                        m.start,
                        m.end,
                        self.index.entities[intro].name,
                        "direct",
                        None,
                        None,
                        intro,
                        QUOTES.introducer,
                    )
                )
            elif n_words >= 5 or self.part != "body":
                quotes.append(
                    self._quote(m.start, m.end, None, "direct", None, None, None, QUOTES.unattributed)
                )
        quotes.extend(self._lost_reopenings(quotes))
        quotes.extend(self._statement_block(quotes))
        self._it_continues(quotes)
        quotes.extend(self._inner_quotes(quotes))
        quotes.sort(key=lambda q: q.content.start)
        return _cut_at_other_speakers(_dedupe(quotes), self.text)

    def _it_continues(self, quotes: list[Quote]) -> None:
        """'..., the Prosecution Authority said. / "…," it added.': "it"/"they" as the tag's subject
        continues the speaker of the quote just before when that speaker is no person."""
        ordered = sorted(quotes, key=lambda q: q.content.start)
        for k, q in enumerate(ordered):
            if (
                q.speaker is not None
                or q.speaker_span is None
                or q.speaker_span.text.lower() not in ("it", "they")
            ):
                continue
            prev = ordered[k - 1] if k > 0 else None
            if prev is None or prev.speaker is None or prev.part != q.part:
                continue
            if self.sent_of_char(q.content.start) - self.sent_of_char(prev.content.end) > 2:
                continue
            ent = prev.speaker_entity
            if ent is not None and self.index.entities[ent].type == "person":
                continue
            if ent is None and prev.speaker.lower() in _PERSONAL:
                continue
            q.speaker, q.speaker_entity = prev.speaker, ent

    def _participle_holder(self, cue: Token) -> Token | None:
        """ "footage of Hillary Clinton asking, ...": a speech participle right after a person's name
        (no comma between) is that person speaking, wherever the parser hangs the participle."""
        if cue.tag_ != "VBG" or cue.i == 0:
            return None
        prev = cue.doc[cue.i - 1]
        by_tok = self.by_tok
        e = by_tok.get(prev.i)
        if e is None or self.index.entities[e].type != "person" or self.in_quotation(prev):
            return None
        return prev

    def _linear_subject(self, cue: Token) -> Token | None:
        """Fallback when the parse gives a speech verb no subject: the nearest person to its left with no
        finite verb in between ("Ines Marlow, during the meeting of allies, told ...")."""
        by_tok = self.by_tok
        for k in range(cue.i - 1, sent_of(cue).start - 1, -1):
            t = self.doc[k]
            if self.quoted(t) or t.text in QUOTE_CHARS:
                return None
            if t.lower_ in _PERSONAL:
                return t
            e = by_tok.get(k)
            if e is not None and self.index.entities[e].type == "person":
                return t
            if t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
                return None
        return None

    def _dash_speaker(self, m: QuoteMark) -> tuple[str, Span, int | None, Span] | None:
        """'"..." — Sonya Herridge': a dash and a name closing the paragraph attribute the quote."""
        tail = self.text[m.outer_end :]
        mt = re.match(
            r"[ \t]*([\u2015\u2014\u2013]|--?)[ \t\u00a0]*([^\n]{2,80}?)[ \t\u00a0.]*(?:\n|$)", tail
        )
        if mt is None:
            return None
        a = m.outer_end + mt.start(2)
        b = m.outer_end + mt.end(2)
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None or not span[0].text[:1].isupper() or any(t.pos_ in ("VERB", "AUX") for t in span):
            return None
        head = span.root
        by_tok = self.by_tok
        ent = by_tok.get(head.i)
        name = self.index.entities[ent].name if ent is not None else span.text
        c0 = m.outer_end + mt.start(1)
        return name, Span(a, b, self.text[a:b]), ent, Span(c0, c0 + len(mt.group(1)), mt.group(1))

    def _inverted_tag(self, m: QuoteMark) -> tuple[str, Span, int | None, Span] | None:
        """'Said Marlow: “…”' when the parser missed the tag (it may read "Said Marlow" as a name)."""
        if self.part != "body":
            return None
        start = self.sent_starts[self.sent_of_char(m.open)]
        hit = _INVERTED_TAG_RE.match(self.text[start : m.open])
        if hit is None:
            return None
        span = self.doc.char_span(start + hit.start("who"), start + hit.end("who"), alignment_mode="expand")
        cue = self.doc.char_span(start, start + hit.end("tag"), alignment_mode="expand")
        if span is None or cue is None:
            return None
        name, sspan, ent, _conf = self.speaker(span[-1], cue=cue[0])
        if name is None or sspan is None:
            return None
        return name, sspan, ent, Span(start, start + hit.end("tag"), hit.group("tag"))

    def _statement_author(self, sent: SpacySpan) -> int | None:
        """'Below is a statement by Ann Lee, the group's director:' introduces her words: her entity."""
        if not sent.text.rstrip().endswith(":"):
            return None
        for t in sent:
            if t.pos_ != "NOUN" or t.lemma_.lower() not in _STATEMENT_NOUNS:
                continue
            for c in t.children:
                owners = [c] if c.dep_ == "poss" else []
                if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                    owners = [o for o in c.children if o.dep_ == "pobj"]
                for o in owners:
                    e = self.index.token_entity.get(o.i)
                    if e is not None and self.index.entities[e].type in ("person", "organisation"):
                        return e
        return None

    def _statement_block(self, quotes: list[Quote]) -> list[Quote]:
        """A statement introduced by its author ("Below is a statement by X:") and set in quotation
        marks, from the mark opening its first paragraph to the one closing a later paragraph: its
        paragraphs that lost their marks on the way are the author's words too. A statement never
        closed, or interrupted by another speaker, is left alone (the writer's text may follow it)."""
        if self.part != "body":
            return []
        for sent in sents(self.doc):
            author = self._statement_author(sent)
            if author is None:
                continue
            out: list[Quote] = []
            pos, first = sent.start_char + len(sent.text.rstrip()), True
            while True:
                a = self.text.find("\n\n", pos)
                if a < 0:
                    return []  # never closed
                a += 2
                b = self.text.find("\n\n", a)
                b = len(self.text) if b < 0 else b
                raw = self.text[a:b].strip()
                pos = b
                if first and raw[:1] not in '"' + OPEN_DOUBLE:
                    return []  # not set in quotation marks
                first = False
                inside = [q for q in quotes if q.content.start < b and a < q.content.end]
                if any(q.speaker_entity != author for q in inside):
                    return []  # someone else speaks
                para = raw.rstrip(' "\u201d')
                bare = para.replace("\u2019", "").replace("'", "")
                if para and not inside and not any(ch in QUOTE_CHARS for ch in bare):
                    lo = a + (len(self.text[a:b]) - len(self.text[a:b].lstrip()))
                    name = self.index.entities[author].name
                    out.append(
                        self._quote(lo, lo + len(para), name, "direct", None, None, author, QUOTES.introducer)
                    )
                if _CLOSES_STATEMENT.search(raw):
                    return out
        return []

    def _lost_reopenings(self, quotes: list[Quote]) -> list[Quote]:
        """'X said, "I'm glad it's over. / I'm glad we won.': a quotation left open at its paragraph's
        end goes on in the next paragraph when that one speaks in the first person with no marks of
        its own (the scrape lost the mark reopening it); news prose does not say "I" or "we"."""
        if self.part != "body":
            return []
        out = []
        for m in self.marks:
            q = next((x for x in quotes if x.content.start == m.start and x.speaker is not None), None)
            a = self._next_paragraph(m)
            if q is None or a is None:
                continue
            b = self.text.find("\n\n", a)
            b = len(self.text) if b < 0 else b
            para = self.text[a:b].rstrip()
            if (
                not _FIRST_PERSON_OPENING.match(para)
                or any(ch in QUOTE_CHARS for ch in para.replace("\u2019", "").replace("'", ""))
                or any(x.content.start < a + len(para) and a < x.content.end for x in quotes)
            ):
                continue
            out.append(
                self._quote(
                    a, a + len(para), q.speaker, "direct", None, None, q.speaker_entity, QUOTES.next_paragraph
                )
            )
        return out

    def _next_paragraph(self, m: QuoteMark) -> int | None:
        """Where the next paragraph starts, when ``m`` is a quotation left open (never closed) that runs
        to its paragraph's end (a run-on quotation goes on in the next paragraph)."""
        if m.close is not None:
            return None
        brk = self.text.find("\n\n", m.end)
        if brk < 0 or self.text[m.end : brk].strip(" .,;:!?\u201d\"'"):
            return None
        return brk + len(self.text[brk:]) - len(self.text[brk:].lstrip())

    def _reopened_by(self, m: QuoteMark, quotes: list[Quote]) -> Quote | None:
        """The attributed quote that opens the paragraph after an unclosed quotation's paragraph."""
        nxt = self._next_paragraph(m)
        if nxt is None:
            return None
        # a "he"/"she" not yet resolved counts too: the speaker found for it later is this one's
        return next(
            (
                q
                for q in quotes
                if (q.speaker is not None or _pronoun_speaker(q)) and nxt <= q.content.start <= nxt + 1
            ),
            None,
        )

    def _introducer(self, m: QuoteMark, statement_only: bool = False) -> int | None:
        """A quotation opening its paragraph with no cue is the person the previous sentence was about
        ("Asked what he would miss, he paused. / "It's the moment you see them...")."""
        if self.part != "body":
            return None
        para_start = self.text.rfind("\n\n", 0, m.open) + 2 if "\n\n" in self.text[: m.open] else 0
        if self.text[para_start : m.open].strip():
            return None
        s = self.sent_of_char(m.open)
        if s == 0:
            return None
        sent = sents(self.doc)[s - 1]
        if self.quoted(sent.root):
            return None
        author = self._statement_author(sent)
        if author is not None or statement_only:
            return author
        subj = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        for t in subj:
            if t.lower_ in _PERSONAL:
                return self.index.antecedent(t)
            e = self.index.token_entity.get(t.i)
            if e is not None and self.index.entities[e].type == "person":
                return e
        return None

    def _inner_quotes(self, quotes: list[Quote]) -> list[Quote]:
        """Quotes inside quotes, attributed to whoever the outer speaker reports saying them."""
        out: list[Quote] = []
        for m in self.marks:
            if not m.inner:
                continue
            outer = next((q for q in quotes if q.content.start <= m.start and m.end <= q.content.end), None)
            if outer is None:
                continue
            for im in m.inner:
                cands = [
                    t
                    for t in self.doc.char_span(m.start, im.open, alignment_mode="contract") or []
                    if t.lemma_.lower() in REPORTING
                    and t.pos_ == "VERB"
                    and self.sent_of_char(t.idx) == self.sent_of_char(im.open)
                ]
                if not cands:
                    continue
                cue = cands[-1]
                tok = _speaker_token(cue)
                if tok is None:
                    continue
                if tok.lower_ in ("i", "we"):
                    name, sspan, ent, conf = (
                        outer.speaker,
                        None,
                        outer.speaker_entity,
                        QUOTES.inner_first_person,
                    )
                else:
                    excl = {outer.speaker_entity} if outer.speaker_entity is not None else set()
                    name, sspan, ent, conf = self.speaker(tok, exclude=excl)
                if name is None:
                    continue
                out.append(
                    self._quote(
                        im.start,
                        im.end,
                        name,
                        "direct",
                        Span(cue.idx, cue.idx + len(cue), cue.text),
                        sspan,
                        ent,
                        QUOTES.inner * conf,
                    )
                )
        return out

    def _previous_quote(self, quotes: list[Quote], m: QuoteMark) -> Quote | None:
        s = self.sent_of_char(m.open)
        before = [q for q in quotes if q.content.end <= m.open and q.part == self.part]
        if not before:
            return None
        best = max(before, key=lambda q: q.content.end)
        if best.speaker is None or s - self.sent_of_char(best.content.end) > 2:
            return None
        between = self.text[best.content.end : m.open]
        # another person acting as a subject between the two quotes may be the new speaker (not one
        # inside a subordinate clause: "..., where Mrs. Clinton also spoke.")
        gap_ents = (
            {
                e
                for (t, e, subj, quoted, _si) in self.index.person_mentions
                if best.content.end <= self.doc[t].idx < m.open
                and not quoted
                and subj
                and self.doc[t].head.dep_ not in ("relcl", "advcl", "acl")
            }
            if self.part == "body"
            else set()
        )
        if gap_ents - {best.speaker_entity} or len(between) > 400:
            return None
        return best

    def _cue_for(self, m: QuoteMark, cues: list[_Cue]) -> _Cue | None:
        doc = self.doc
        seg_toks = [t for t in doc.char_span(m.start, m.end, alignment_mode="expand") or []]
        if not seg_toks:
            return None
        seg_ids = {t.i for t in seg_toks}
        # 1. a cue whose subtree governs the quoted words (closest ancestor)
        best: tuple[int, _Cue] | None = None
        words_ = [t for t in seg_toks if not (t.is_punct or t.is_space)]
        by_tok = {c.tok.i: c for c in cues if c.kind != "according"}
        for t in words_:
            depth, cur = 0, t
            while cur.head != cur and depth < 12:
                cur = cur.head
                depth += 1
                if cur.i in seg_ids:
                    continue
                if cur.i in by_tok:
                    if best is None or depth < best[0]:
                        best = (depth, by_tok[cur.i])
                    break
                if not self.quoted(cur) and _is_cue(cur):
                    break
        if best is not None:
            return best[1]
        # 2. a cue in the sentences the quote touches, nearest first (colon-introduced, "said X")
        s0, s1 = self.sent_of_char(m.open), self.sent_of_char(max(m.open, m.end - 1))
        near = [
            c
            for c in cues
            if s0 <= self.sent_of_char(c.tok.idx) <= s1
            and (
                c.kind != "according"
                or (c.comp is not None and c.comp[0] <= m.start and m.end <= c.comp[1] + 2)
            )
        ]
        # a cue whose own complement lies elsewhere only takes quotes touching it
        near = [
            c
            for c in near
            if c.comp is None or (c.comp[0] <= m.end and m.start <= c.comp[1]) or self._adjacent(c, m)
        ]
        if near:
            return min(near, key=lambda c: min(abs(c.tok.idx - m.open), abs(c.tok.idx - m.outer_end)))
        # 3. '"...?" Trump said, looking out ...': the tag opens the next sentence
        nxt_s = s1 + 1
        if (
            nxt_s < len(self.sent_starts)
            and self.sent_starts[nxt_s] - m.outer_end <= 2
            and "\n" not in self.text[m.outer_end : self.sent_starts[nxt_s]]  # not across paragraphs
        ):
            first = [c for c in cues if self.sent_of_char(c.tok.idx) == nxt_s and c.kind == "speech"]
            if first and first[0].tok.i - sent_of(first[0].tok).start <= 6 and first[0].comp is None:
                return first[0]
        # 4. "X said:" closing the previous sentence (the parser may split at the colon or paragraph)
        if s0 > 0:
            prev_text = self.text[self.sent_starts[s0 - 1] : m.open].rstrip()
            if prev_text.endswith(":"):
                prev = [c for c in cues if self.sent_of_char(c.tok.idx) == s0 - 1 and c.comp is None]
                if prev:
                    return prev[-1]
        return None

    def _adjacent(self, c: _Cue, m: QuoteMark) -> bool:
        # `said: "..."` or `"...," he said` next to the quote even when the parse hangs elsewhere
        gap = (
            self.text[m.outer_end : c.tok.idx] if c.tok.idx >= m.outer_end else self.text[c.tok.idx : m.open]
        )
        return len(gap) <= 40 and not any(ch in gap for ch in ".!?")

    def _cue_span(self, cue: _Cue) -> Span:
        t = cue.tok
        end_tok = t
        if cue.kind == "according":
            end_tok = self.doc[t.i + 1]
        else:
            prts = [c for c in t.children if c.dep_ == "prt" and c.i == t.i + 1]
            if prts:
                end_tok = prts[0]
        a, b = t.idx, end_tok.idx + len(end_tok)
        return Span(a, b, self.text[a:b])

    def _quote(
        self,
        a: int,
        b: int,
        speaker: str | None,
        kind: str,
        cue: Span | None,
        sspan: Span | None,
        ent: int | None,
        conf: float,
    ) -> Quote:
        return Quote(
            content=Span(a, b, self.text[a:b]),
            speaker=speaker,
            kind=kind,
            sentence=self.sent_of_char(a),
            cue=cue,
            speaker_span=sspan,
            confidence=round(min(max(conf, QUOTES.floor), QUOTES.ceiling), 2),
            part=self.part,
            speaker_entity=ent,
        )


# Titles written short before a name ("Sgt. Marty Earley", "Gov. Ada Brook"): the honorifics and
# a few more ranks and offices. General English.
_TITLE_ABBREVIATIONS = HONORIFICS | frozenset(
    "sgts cpt maj cpl det insp supt cmdr adm gov sen rep fr".split()
)
# A name with lower-case joining words ("Research in Motion", "the Bank of England")
_NAME_PHRASE = re.compile(
    r"(?:(?:the|The)\s+)?[A-Z][\w.&'’-]*(?:\s+(?:(?:of|in|for|and|on|de|du|der|von|van|la|le|the)\s+)*[A-Z][\w.&'’-]*)+"
)
_LEADING_ARTICLE = re.compile(r"^(?:the|The)\s+")


_FIRST_PERSON_OPENING = re.compile(r"(?:I|I['’](?:m|ve|d|ll)|We|We['’](?:re|ve|d|ll)|My|Our|Us)\b")


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    # the same content reached through two cues: keep the more confident reading
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: -q.confidence):
        s = q.speaker_span
        if q.kind == "direct" and s is not None and q.content.start <= s.start and s.end <= q.content.end:
            # a speaker inside the quoted words it would say ("keep the old habits" that "ask for"); a
            # clause may hold its speaker ("what the senators said was ...")
            continue
        if any(
            o.content.start <= q.content.start and q.content.end <= o.content.end and o.speaker == q.speaker
            for o in out
        ):
            continue
        if any(o.content.start == q.content.start and o.content.end == q.content.end for o in out):
            continue
        out.append(q)
    out.sort(key=lambda q: (q.content.start, q.content.end))
    return out


def _cut_at_other_speakers(quotes: list[Quote], text: str, min_words: int = 3) -> list[Quote]:
    """A reported clause ends where another speaker's quote is introduced: in a run-on sentence ("...
    who can join Ines Varga, at the dinner, told “We want ...”", a scrape that lost its full stop) the
    parse reads the second attribution, and the start of its quote, into the first one's complement."""
    out: list[Quote] = []
    for q in quotes:
        a, b = q.content.start, q.content.end
        for o in quotes:
            sp = o.speaker_span
            if o is q or sp is None or not o.speaker or o.speaker == q.speaker:
                continue
            # nested ("said that many believe X") is fine; an attribution whose quote runs on past
            # this one's end is a second sentence read into this one
            if a < sp.start < b and sp.start < o.content.start < q.content.end < o.content.end:
                b = min(b, sp.start)
        if b < q.content.end:
            cut = text[a:b].rstrip(" ,;:\u2014\u2013-\n")
            if len(cut.split()) < min_words:
                continue
            q.content = Span(a, a + len(cut), cut)
        out.append(q)
    return out


def extract_quotes(
    doc: Doc, text: str, index: EntityIndex, marks: list[QuoteMark] | None = None
) -> list[Quote]:
    """Quotes of an article body (spans are offsets into ``text``)."""
    if marks is None:
        marks = close_open_quotes(find_quote_marks(text), doc)
    return _evidence_told(_continued_speakers(_Attributor(doc, text, index, marks).run(), index))


# Verbs by which a finding, not a person, "says" something ("tests showed ...", "the post-mortem found")
_EVIDENCE_CUES = re.compile(r"^(?:show|find|found|indicat|suggest|reveal|confirm|prove)", re.I)


def _evidence_told(quotes: list[Quote]) -> list[Quote]:
    """'The lawyer said that initial results from a post-mortem showed X' and 'Tests showed X, legal
    sources said': what a finding shows is told by whoever reports the finding, not by the tests."""
    for q in quotes:
        if q.speaker_entity is not None or q.cue is None or not _EVIDENCE_CUES.match(q.cue.text):
            continue
        outer = [
            o
            for o in quotes
            if o is not q
            and o.speaker is not None
            and o.part == q.part
            and o.content.start <= q.cue.start < o.content.end
            and not (o.cue is not None and _EVIDENCE_CUES.match(o.cue.text))
        ]
        if outer:
            o = min(outer, key=lambda x: x.content.end - x.content.start)
            q.speaker, q.speaker_entity, q.speaker_span = o.speaker, o.speaker_entity, o.speaker_span
    return quotes


def _pronoun_speaker(q: Quote) -> bool:
    """A quote whose speaker is a "he"/"she" not (yet) resolved."""
    return q.speaker is None and q.speaker_span is not None and q.speaker_span.text.lower() in _PERSONAL


def _continued_speakers(quotes: list[Quote], index: EntityIndex, max_sents: int = 8) -> list[Quote]:
    """'The attack came at noon, a navy spokesperson said. [...] The ship was escorted home, he added.':
    a "he"/"she" with no person antecedent (the spokesperson is named by role, not as an entity) goes
    on with the speaker of the attribution just before, when that one was named and may be a person,
    up to ``max_sents`` sentences on: the writer's narration between them named no one the "he" could
    be (an officer's "he said" six sentences on had been left unattributed). PolNeAR dev source exact
    980 with 2 and with 8."""
    last: Quote | None = None
    for q in sorted(quotes, key=lambda x: x.content.start):
        pronoun = q.speaker_span.text.lower() if q.speaker_span is not None else ""
        if (
            q.speaker is None
            and pronoun in _PERSONAL
            and last is not None
            and 0 <= q.sentence - last.sentence <= max_sents
            and not index.other_sex(pronoun, last.speaker_entity)
        ):
            q.speaker, q.speaker_entity = last.speaker, last.speaker_entity
        elif (
            pronoun in _PERSONAL
            and last is not None
            and last.speaker_span is not None
            and last.speaker_span.text.lower() == pronoun
            and 0 <= q.sentence - last.sentence <= 1
        ):
            # "X, he said. Also, he said Y": the next sentence's "he" goes on with the speaker, not
            # with a name inside what he said
            q.speaker, q.speaker_entity = last.speaker, last.speaker_entity
        elif (
            pronoun in _PERSONAL
            and last is not None
            and q.sentence - last.sentence == 1
            and last.speaker_span is not None
            and last.speaker_span.text.lower() not in _PERSONAL
            and q.speaker != last.speaker
            and not index.other_sex(pronoun, last.speaker_entity)
            and not _named_in(index, q.speaker_entity, q.sentence)
        ):
            # "..., said disaster agency official Fauzi. Most were in the east, he added.": the "he"
            # right after a named attribution goes on with its speaker, not with a person named
            # further back (nor with a village the parse took for a person)
            q.speaker, q.speaker_entity = last.speaker, last.speaker_entity
        if q.speaker is not None:
            person = q.speaker_entity is None or index.entities[q.speaker_entity].type == "person"
            last = q if person else None
    return quotes


def _named_in(index: EntityIndex, entity: int | None, sentence: int) -> bool:
    """Whether ``entity`` is named, outside quotation marks, in sentence ``sentence``."""
    return entity is not None and any(
        e == entity and si == sentence and not quoted for (_t, e, _subj, quoted, si) in index.person_mentions
    )


def headline_quotes(
    doc: Doc, index: EntityIndex, part: str, body_quotes: list[Quote] | None = None
) -> list[Quote]:
    """Attributions in a title or dek: cue verbs as in the body, plus "CONTENT: SPEAKER" / "SPEAKER: CONTENT".

    A quoted fragment with no cue of its own takes the speaker of a body quote containing the same words
    (headlines repeat a word someone used in the story).
    """
    text = doc_text(doc)
    marks = close_open_quotes(find_quote_marks(text), doc)
    quotes = _Attributor(doc, text, index, marks, part=part).run()
    for q in quotes:
        if q.speaker is None and q.kind == "direct":
            words = q.content.text.lower().strip(" .,;:!?")
            src = [b for b in body_quotes or [] if b.speaker and words and words in b.content.text.lower()]
            if src:
                q.speaker, q.speaker_entity, q.confidence = (
                    src[0].speaker,
                    src[0].speaker_entity,
                    QUOTES.headline_from_body,
                )
    quotes = [q for q in quotes if q.speaker is not None]
    if ":" in text and not quotes:
        before, _, after = text.rpartition(":")
        for side_text, side_start, content_text, content_start in (
            (after, len(before) + 1, before, 0),
            (text.partition(":")[0], 0, text.partition(":")[2], len(text.partition(":")[0]) + 1),
        ):
            side = side_text.strip()
            if not side or len(side.split()) > 6:
                continue
            off = side_start + side_text.index(side)
            span = doc.char_span(off, off + len(side), alignment_mode="expand")
            if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
                continue
            ent = index.part_token_entity.get(part, {}).get(span.root.i)
            if ent is None or index.entities[ent].type not in ("person", "organisation"):
                continue
            # a speaker the article itself never names is a title-cased phrase read as a name
            # ("Acquires Rival: Expands Its Reach"), not someone the story quotes
            if not any(m.entity == ent and m.part == "body" for m in index.mentions):
                continue
            c = content_text.strip().strip("'\"\u2018\u2019\u201c\u201d")
            if len(c.split()) < 3:
                continue
            cs = content_start + content_text.index(c)
            quotes.append(
                Quote(
                    content=Span(cs, cs + len(c), c),
                    speaker=index.entities[ent].name,
                    kind="direct" if content_text.strip()[:1] in QUOTE_CHARS else "indirect",
                    sentence=0,
                    cue=Span(len(before), len(before) + 1, ":") if side_start else None,
                    speaker_span=Span(off, off + len(side), side),
                    confidence=QUOTES.colon_label,
                    part=part,
                    speaker_entity=ent,
                )
            )
            break
    return quotes
