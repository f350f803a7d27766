"""Claims: one clause, one proposition, with polarity, modality, numbers and who asserts it.

Assertion units are clauses: the main clause of each sentence and every coordinated clause with its
own subject. Clauses inside a quote's content are asserted by the quote's speaker; the frame of a
reported sentence ("Marlow said") is not a claim; everything else is asserted by the outlet.
Questions are not claims.

- polarity: a negation on the clause verb ("will not be US troops"), a negative determiner on one of
  its core arguments ("no US troops would be sent", "no betrayal"), "no longer", "never", negative
  pronouns ("nothing", "nobody") as subject or object; an odd count negates the claim;
- modality: modal auxiliaries and semi-modals (must/have to/need to, should/ought to, will/going to,
  can/could, may/might) and plan verbs governing the clause ("plans to", "intends to");
- numbers: value, unit (percent, currency, or the counted noun), approximation ("over", "around", "at
  least") and the phrase saying what is measured ("5 percent of their GDP to defense" -> "of their
  GDP to defense"; "over 40 allies" -> "allies").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.analyse.docutil import doc_text
from storyline.analyse.docutil import sents as docutil_sents
from storyline.analyse.entities import EntityIndex
from storyline.model import Claim, Quantity, Quote, Span

if TYPE_CHECKING:  # spaCy loads only where a text is parsed (analyse.nlp), not on import
    from spacy.tokens import Doc, Token

MODALS = {
    "must": "must",
    "should": "should",
    "ought": "should",
    "will": "will",
    "shall": "will",
    "'ll": "will",
    "\u2019ll": "will",
    "would": "will",
    "can": "can",
    "could": "can",
    "may": "may",
    "might": "may",
}
SEMI_MODALS = {"have": "must", "need": "must", "go": "will"}  # "has to", "needs to", "is going to"
PLAN_VERBS = frozenset("plan intend aim seek propose pledge vow promise hope want expect prepare".split())
NEGATIVE_DET = frozenset({"no", "neither", "nor"})
NEGATIVE_PRON = frozenset({"nothing", "nobody", "none", "noone", "no-one"})
CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "acomp", "oprd", "expl", "dative"})

APPROX = [
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "as many as",
    "as much as",
    "close to",
    "no more than",
    "just over",
    "just under",
    "nearly",
    "almost",
    "around",
    "about",
    "approximately",
    "roughly",
    "over",
    "under",
    "above",
    "below",
    "some",
    "an estimated",
    "upwards of",
]
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
CURRENCY = {
    "$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "dollars": "usd", "euros": "eur", "pounds": "gbp",
    "us$": "usd", "a$": "aud", "au$": "aud", "c$": "cad", "ca$": "cad", "nz$": "nzd", "hk$": "hkd", "s$": "sgd",
}  # fmt: skip
# "$US1 million": the tokenizer splits the sign from a country-prefixed amount
_PREFIXED_AMOUNT = re.compile(r"(US|AU|A|C|CA|NZ|HK|S)(\d[\d.,]*)")
# "$US1 million ($1.52 million)", "5 million euros (US$5.4 million)": the amount in brackets converts the
# one before it into another currency; it is no second figure
_CONVERTED = re.compile(
    r"(?:[$€£¥]\s*(?:[A-Z]{1,3})?\d[\d.,]*(?:\s*(?:million|billion|trillion|bn|m|k))?|"
    r"\d[\d.,]*(?:\s*(?:million|billion|trillion))?\s*(?:dollars|euros|pounds|yen|yuan|rupees))\s*\(\s*$",
    re.I,
)
# "10 kilometres (6.2 miles)", "289 metres (948 feet)": the bracket converts a measure into other units
_CONVERTED_MEASURE = re.compile(
    r"\d[\d.,]*\s*-?\s*(?:square\s+|cubic\s+)?(?:km|kms|kilometres?|kilometers?|miles?|mi|metres?|meters?|m|"
    r"feet|foot|ft|yards?|inch(?:es)?|in|cm|centimet(?:re|er)s?|mm|kg|kilograms?|pounds?|lbs?|lb|tonnes?|tons?|"
    r"acres?|hectares?|ha|litres?|liters?|gallons?|knots?|mph|km/h|kph|degrees?(?:\s+(?:celsius|fahrenheit|c|f))?|"
    r"°[cf]?)\.?\s*\(\s*(?:about|around|roughly|some|nearly|almost|or\s+)?$",
    re.I,
)
WORD_NUMBERS = {
    w: float(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80})
WORD_NUMBERS.update({"ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24, "half": 0.5})
_NOT_QUANTITY = frozenset({"DATE", "TIME", "ORDINAL"})
DIRECTIVE_CUES = ("urg", "call", "ask", "demand", "press", "appeal")


# ---------------------------------------------------------------- numbers


def _value(tokens: list[Token]) -> float | None:
    total: float | None = None
    for t in tokens:
        w = t.lower_.replace(",", "")
        if w in SCALES and total is not None:
            total *= SCALES[w]
            continue
        try:
            v = float(w.rstrip("%"))
        except ValueError:
            parts = [WORD_NUMBERS.get(p) for p in w.split("-")]
            if not parts or any(p is None for p in parts):
                continue
            v = float(sum(p for p in parts if p is not None))
        total = v if total is None else total + v
    return total


def extract_quantities(tokens: list[Token]) -> list[Quantity]:
    """Quantities among ``tokens`` (one clause), with unit, approximation and measured phrase."""
    out: list[Quantity] = []
    ids = {t.i for t in tokens}
    used: set[int] = set()
    for t in tokens:
        prefixed = (
            _PREFIXED_AMOUNT.fullmatch(t.text)
            if t.i > 0 and t.doc[t.i - 1].text == "$" and t.i not in used
            else None
        )
        if prefixed is not None:
            q = _prefixed_amount(t, prefixed, ids)
            if q is not None:
                used.add(t.i)
                out.append(q)
            continue
        if t.i in used or not (t.like_num or t.lower_ in WORD_NUMBERS) or t.ent_type_ in _NOT_QUANTITY:
            continue
        if t.lower_ in ("half", "one") and t.ent_type_ not in ("CARDINAL", "PERCENT", "MONEY", "QUANTITY"):
            continue
        doc = t.doc
        # the number itself: contiguous numeric tokens and scale words ("1.5 billion")
        j = t.i + 1
        while j < len(doc) and j in ids and (doc[j].like_num or doc[j].lower_ in SCALES):
            j += 1
        num = [doc[k] for k in range(t.i, j)]
        if re.fullmatch(r"(19|20)\d{2}", t.text) and j == t.i + 1:
            continue  # a bare year is a date, not a quantity
        if t.ent_type_ in ("LAW", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT") or (
            t.head.pos_ == "PROPN" and t.head.i < t.i
        ):
            continue  # a number in a name ("Article 5", "Group 7") labels, it does not measure
        value = _value(num)
        if value is None:
            continue
        used.update(range(t.i, j))
        start, end = t.idx, num[-1].idx + len(num[-1])
        unit, measure_head = "", None
        nxt = doc[j] if j < len(doc) else None
        prv = doc[t.i - 1] if t.i > 0 else None
        if "%" in t.text or (nxt is not None and nxt.lower_ in ("%", "percent", "per", "pct")):
            unit = "percent"
            if nxt is not None and nxt.lower_ in ("%", "percent", "pct"):
                end = nxt.idx + len(nxt)
                measure_head = nxt
            elif nxt is not None and nxt.lower_ == "per" and j + 1 < len(doc) and doc[j + 1].lower_ == "cent":
                end = doc[j + 1].idx + len(doc[j + 1])
                measure_head = t  # "per cent" hangs off the number's own attachment
            else:
                measure_head = t
        elif prv is not None and prv.lower_ in CURRENCY:
            unit, start = CURRENCY[prv.lower_], prv.idx
            measure_head = t.head if t.head.i not in range(t.i, j) else t
        elif nxt is not None and nxt.lower_ in CURRENCY:
            unit, end = CURRENCY[nxt.lower_], nxt.idx + len(nxt)
            measure_head = nxt
        else:
            head = t.head
            if head.i in range(t.i, j):  # "8.5 million devices": the scale word carries the noun
                head = num[-1].head
            if head.pos_ in ("NOUN", "PROPN") and head.i not in range(t.i, j):
                unit = head.lemma_.lower()
                measure_head = head
                if head.i == j:
                    end = head.idx + len(head)
        approx = ""
        lead = doc_text(doc)[max(0, start - 24) : start].lower()
        for a in APPROX:
            if re.search(rf"\b{re.escape(a)}\s*$", lead):
                approx = a
                start = start - len(lead) + lead.rfind(a) if lead.rfind(a) >= 0 else start
                break
        if unit in _MONEY and _CONVERTED.search(doc_text(doc)[max(0, start - 40) : start]):
            continue
        if _CONVERTED_MEASURE.search(doc_text(doc)[max(0, start - 40) : start]):
            continue
        measure = _measure(measure_head, unit, range(t.i, j)) if measure_head is not None else ""
        out.append(
            Quantity(
                value=value,
                unit=unit,
                text=doc_text(doc)[start:end],
                measure=measure,
                approx=approx,
                start=start,
                end=end,
            )
        )
    return out


_MONEY = frozenset(CURRENCY.values())


def _prefixed_amount(t: Token, m: re.Match[str], ids: set[int]) -> Quantity | None:
    """ "$US1 million" as one amount in the prefix's currency."""
    try:
        value = float(m.group(2).replace(",", ""))
    except ValueError:
        return None
    doc = t.doc
    end_tok = t
    if t.i + 1 < len(doc) and t.i + 1 in ids and doc[t.i + 1].lower_ in SCALES:
        end_tok = doc[t.i + 1]
        value *= SCALES[end_tok.lower_]
    unit = CURRENCY.get(m.group(1).lower() + "$", "usd")
    start, end = doc[t.i - 1].idx, end_tok.idx + len(end_tok)
    return Quantity(value=value, unit=unit, text=doc_text(doc)[start:end], start=start, end=end)


_UNIT_WORDS = frozenset({"per", "cent", "percent", "%", "pct"})


def _measure(head: Token, unit: str, num_range: range) -> str:
    """What a quantity measures: "of GDP on defence" after a percentage, the counted noun phrase otherwise.

    For a percentage or an amount: its own "of ..." phrase plus the destination phrase the verb puts right
    after it ("allocate 5 percent of GDP to defence"); with neither, the subject of the verb whose change
    it measures ("exports fell 4.2%"). Time phrases ("in March") do not say what is measured.
    """
    doc = head.doc
    parts: list[Token] = []
    if unit == "percent" or unit in CURRENCY.values():
        # the quantity's tokens: number, "%"/"percent"/"per cent" and the head they hang from
        qty = {*num_range, head.i}
        qty |= {k for k in range(min(qty), min(max(qty) + 3, len(doc))) if doc[k].lower_ in _UNIT_WORDS}
        anchor = head
        while anchor.head.i in qty and anchor.head != anchor:
            anchor = anchor.head
        for k in sorted(qty):
            for c in doc[k].children:
                if c.dep_ == "prep" and c.i > max(qty) and c.lower_ != "per" and not _temporal(c):
                    parts.extend(c.subtree)
        gov = anchor.head
        if anchor.dep_ in ("dobj", "pobj", "attr", "nsubj", "npadvmod") and gov.pos_ in ("VERB", "AUX"):
            if parts:
                after = max(p.i for p in parts) + 1
                for c in gov.children:
                    if c.dep_ in ("prep", "dative") and c.i == after and not _temporal(c):
                        parts.extend(c.subtree)
            else:
                subj = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj and subj[0].pos_ != "PRON":
                    parts.extend(x for x in subj[0].subtree if x.dep_ not in ("relcl", "appos"))
        elif anchor.dep_ in ("compound", "nmod", "amod") and anchor.head.pos_ == "NOUN":
            parts.append(anchor.head)  # "the 2% target" -> "target"
    else:
        mods = [c for c in head.children if c.dep_ in ("compound", "amod") and c.i not in num_range]
        parts = [*mods, head]
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i > head.i:
                parts.extend(c.subtree)
    parts = sorted(
        {p.i: p for p in parts if p.i not in num_range and not p.is_punct}.values(), key=lambda p: p.i
    )
    if not parts:
        return ""
    return doc_text(doc)[parts[0].idx : parts[-1].idx + len(parts[-1])]


def _temporal(prep: Token) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)


# ---------------------------------------------------------------- clauses


def _own_subject(t: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in t.children)


def _clause_heads(root: Token, allowed: set[int]) -> list[Token]:
    """The root and every coordinated clause with its own subject (one proposition each)."""
    out = [root]
    for c in root.children:
        if (
            c.dep_ == "conj"
            and c.pos_ in ("VERB", "AUX")
            and c.i in allowed
            and _own_subject(c)
            and not _alternative(root, c)
        ):
            out.extend(_clause_heads(c, allowed))
    return out


def _alternative(root: Token, conj: Token) -> bool:
    """ "X, or else Y", "X or Y": an alternative asserts neither clause alone (nor "nor Y" without its
    negation), so the clauses stay one claim."""
    doc, k = conj.doc, conj.left_edge.i - 1
    while k > root.i and (doc[k].is_punct or doc[k].lower_ in ("else", "otherwise")):
        k -= 1
    return k > root.i and doc[k].lower_ in ("or", "nor") and doc[k].dep_ == "cc"


# Subordinate clauses that state their own event ("..., after a cargo ship struck the bridge"): a
# compound sentence tells two propositions, and other outlets often tell only one of them.
# Not "until" or "once": "suspending flights until the issue is resolved", "will update users once it is
# resolved" say the issue is not resolved yet; cut out, the clause would assert the opposite
SPLIT_MARKS = frozenset(
    {"after", "before", "when", "because", "since", "while", "whereas", "although", "though"}
)
# "The move comes after ...", "The arrest followed ...": verbs that only place their subject in time
SEQUENCE_VERBS = frozenset({"come", "follow", "happen", "occur"})
MIN_REMAINDER = 5  # words a clause must keep after its subordinate clause leaves (else it is a fragment)


def _self_contained_subject(head: Token) -> bool:
    """The clause names its own subject: "they ..." or "its board ..." lean on the clause they hang
    from, and cut off from it they would be fragments."""
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]
    return bool(subj) and all(
        s.pos_ != "PRON" and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in s.children) for s in subj
    )


TIME_MARKS = frozenset({"before", "when"})  # "after X lost" under "will" is still a past event


def _hypothetical_time(t: Token) -> bool:
    """A time clause under a modal ("it could take until December 31 before service is restored",
    "it may be days before the fault is fixed") tells when something might happen, not that it did."""
    return any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in t.children) and any(
        c.dep_ == "aux" and c.lower_ in MODALS for c in t.head.children
    )


def _subordinate_heads(sent: list[Token], heads: list[Token], allowed: set[int]) -> list[Token]:
    """Adverbial clauses with their own subject and a temporal or causal conjunction, each with the
    clauses coordinated to it, when what stays of the clause they hang from still reads as a claim."""
    out: list[Token] = []
    for t in sent:
        if t.dep_ != "advcl" or t.pos_ not in ("VERB", "AUX") or t.i not in allowed:
            continue
        if not _own_subject(t) or not any(c.dep_ == "mark" and c.lower_ in SPLIT_MARKS for c in t.children):
            continue
        if not _self_contained_subject(t):
            continue
        if _hypothetical_time(t):
            continue
        parent = next((h for h in heads if t in h.subtree), None)
        if parent is None:
            continue
        rest = _clause_tokens(parent, [*heads, *out, t], allowed)
        if sum(1 for x in rest if x.is_alpha) < MIN_REMAINDER:
            continue
        lo, hi = _opening(t), t.right_edge.i
        if any(x.is_alpha and x.i < lo for x in parent.subtree) and any(
            x.is_alpha and x.i > hi for x in parent.subtree
        ):
            # "The permit, granted weeks before X resigned, let the plant ...": a clause set inside
            # its sentence dates what is around it; cut out, it would leave the sentence in two parts
            continue
        if parent.lemma_.lower() in SEQUENCE_VERBS and rest and rest[-1].i == parent.i and parent.i < t.i:
            continue  # "Her latest stay comes after X": the clause is what it says, not a setting
        out.extend(_clause_heads(t, allowed))
    return out


def _opening(h: Token) -> int:
    """Where a subordinate clause starts: at its conjunction. The parser may hang a word of the
    clause before on it ("who has filled in admirably while X underwent ...": "admirably")."""
    marks = [c.i for c in h.children if c.dep_ == "mark" and c.i < h.i]
    return min(marks) if h.dep_ == "advcl" and marks else h.left_edge.i


def _clause_tokens(head: Token, heads: list[Token], allowed: set[int]) -> list[Token]:
    skip: set[int] = set()
    for h in heads:
        if h is not head and head in h.ancestors:
            skip.update(x.i for x in h.subtree if x.i >= _opening(h))
    skip.update(range(head.left_edge.i, _opening(head)))
    for c in head.children:
        if c.dep_ == "cc" and any(h is not head and h.head == head for h in heads):
            skip.add(c.i)
    # in text order: a stranded preposition ("what she is treated for") makes the parse non-projective
    toks = sorted((x for x in head.subtree if x.i not in skip and x.i in allowed), key=lambda x: x.i)
    # one contiguous run around the head: text cut out (a quote, a coordinated clause) ends the claim
    if toks:
        pos = {x.i: k for k, x in enumerate(toks)}
        k = pos.get(head.i, 0)
        lo = hi = k
        while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
            lo -= 1
        while hi + 1 < len(toks) and toks[hi + 1].i == toks[hi].i + 1:
            hi += 1
        toks = toks[lo : hi + 1]
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].dep_ in ("cc", "mark")):
        toks.pop(0)
    while toks and (toks[-1].is_space or toks[-1].text in ",;:-\u2014\u2013" or toks[-1].dep_ == "cc"):
        toks.pop()
    return toks


_NOUN_MODIFIER = frozenset({"amod", "compound", "nmod"})
# "not a single ferry", "not a word": after "not a", these make the verb's negation emphatic, not
# a contrast between two arguments (also read by compare.align's word count)
EMPHATIC_AFTER_NOT = (
    "single",
    "lot",
    "word",
    "penny",
    "drop",
    "moment",
    "minute",
    "second",
    "day",
    "chance",
    "trace",
)


def _contrastive(neg: Token) -> bool:
    """ "and not the crew", ", not its customers,": the negation picks out an argument, not the verb
    (the parser often hangs it on the verb all the same)."""
    doc = neg.doc
    before = doc[neg.i - 1] if neg.i > 0 else None
    after = doc[neg.i + 1] if neg.i + 1 < len(doc) else None
    # "but not a single ferry left" is the verb's negation, said with emphasis
    emphatic = (
        after is not None
        and after.lower_ in ("a", "an")
        and after.i + 1 < len(doc)
        and doc[after.i + 1].lower_ in EMPHATIC_AFTER_NOT
    )
    return (
        before is not None
        and after is not None
        and (before.lower_ in ("and", "but") or before.text == ",")
        and after.dep_ in ("det", "poss")
        and not emphatic
    )


def _negated(head: Token) -> bool:
    # "denied that the company cut costs" holds the clause untrue: its polarity is the clause's negated
    count = int(head.lemma_.lower() in DISOWNING and any(c.dep_ == "ccomp" for c in head.children))
    verbs = [head] + [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    for v in verbs:
        count += sum(
            1 for c in v.children if c.dep_ == "neg" and c.lower_ not in ("no",) and not _contrastive(c)
        )
    for c in head.children:
        if c.dep_ == "neg" and c.lower_ == "no":
            # "no longer"
            count += 1
        if c.dep_ == "advmod" and c.lower_ == "never":
            count += 1
        if c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
            count += 1
        if c.dep_ in CORE_DEPS or (c.dep_ == "xcomp" and c.pos_ in ("NOUN", "ADJ")):
            if c.lower_ in NEGATIVE_PRON:
                count += 1
            count += sum(1 for g in c.children if g.dep_ == "det" and g.lower_ in NEGATIVE_DET)
            if c.dep_ in ("attr", "acomp", "dobj") and c.pos_ != "VERB":
                count += sum(1 for g in c.children if g.dep_ == "neg")
    return count % 2 == 1


def _modality(head: Token) -> str:
    for c in head.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
            return MODALS[c.lower_]
    # semi-modals and plans govern the clause from above: "has to end", "plans to drive", "is going to"
    cur = head
    for _ in range(2):
        if cur.dep_ != "xcomp" or cur.head == cur:
            break
        gov = cur.head
        lem = gov.lemma_.lower()
        if lem in SEMI_MODALS:
            return SEMI_MODALS[lem]
        if lem in PLAN_VERBS:
            return "plans"
        for c in gov.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
                return MODALS[c.lower_]
        cur = gov
    lem = head.lemma_.lower()
    if lem in PLAN_VERBS and any(c.dep_ == "xcomp" for c in head.children):
        return "plans"
    if lem in SEMI_MODALS and lem != "go" and any(c.dep_ == "xcomp" for c in head.children):
        return "must"
    return ""


def _subjects(head: Token, index: EntityIndex) -> list[str]:
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if any(c.dep_ == "expl" for c in head.children):  # "there will not be US troops"
        subj = [c for c in head.children if c.dep_ in ("attr", "nsubj")] or subj
    if not subj and head.dep_ in ("xcomp", "conj") and head.head != head:
        return _subjects(head.head, index)
    names: list[str] = []
    for s in subj:
        if s.tag_ in ("WP", "WDT") and head.dep_ == "relcl":
            s = head.head
        ent = index.token_entity.get(s.i)
        if s.lower_ in ("he", "she"):
            ent = index.antecedent(s)
        if ent is not None:
            names.append(index.entities[ent].name)
            continue
        # "Keith Scott's wife pleaded", "the wife of Keith Scott pleaded": the wife is the subject, not the
        # man named as her possessor or after her ("US troops": a name before the head still is)
        owned = {t.i for c in s.children if c.dep_ == "poss" for t in c.subtree}
        for t in s.subtree:
            e = index.token_entity.get(t.i)
            if e is not None and t.i <= s.i and t.i not in owned and index.entities[e].name not in names:
                names.append(index.entities[e].name)
        if not names and s.pos_ != "PRON":
            toks = [t for t in s.subtree if t.dep_ not in ("relcl", "punct", "det") and t.i <= s.i]
            if toks:
                names.append(doc_text(s.doc)[toks[0].idx : toks[-1].idx + len(toks[-1])])
    return list(dict.fromkeys(names))


_FRAME_END = re.compile(r"\b(?:that|whether|if)\s*[:,\u2014\u2013-]?\s*$", re.I)
# "The company published a blog post that said": the speech was cut out; the claim ends before it
_REL_FRAME_END = re.compile(
    r"(?:,?\s+(?:that|which|who|and)\s+(?:said|says|stated|states|added|wrote|read|reads|claimed|argued|noted|warned)"
    r"|,?\s+(?:saying|stating|adding|writing|noting|claiming|warning))\s*[:,\u2014\u2013-]?\s*$",
    re.I,
)


# Dependencies that carry what a clause asserts: who, the predicate, whom/what, its complement,
# negation. A clause's modifiers (when, where, how, relative clauses) are left out of its core.
_CORE_ARGS = frozenset(
    (
        "nsubj", "nsubjpass", "csubj", "csubjpass", "dobj", "attr", "oprd", "acomp", "prt", "neg", "agent",
        "dative", "xcomp", "ccomp", "pcomp", "pobj", "prep", "conj",
    )
)  # fmt: skip
_TIME_PREPS = frozenset(("before", "after", "during", "until", "till", "since"))  # they say when
_CORE_NOUN_MODS = frozenset(("compound", "nummod", "amod", "acl", "poss"))


def core_offsets(toks: list[Token]) -> list[tuple[int, int]]:
    """The skeleton of the claim: from each clause head (a token whose head lies outside the claim),
    its arguments, complements and coordinated clauses; a prepositional phrase only at the first
    level below a predicate or its arguments, never one that only says when; nouns keep their
    compounds, numbers, adjectives and participle clauses. Two claims that assert the same thing in
    other settings ("struck the bridge early Tuesday" / "struck the bridge at 1:30 a.m.") share a core."""
    if not toks:
        return []
    doc = toks[0].doc
    inside = {t.i for t in toks}
    keep: set[int] = set()
    seen: set[int] = set()
    nested: dict[int, bool] = {}  # reached through a prepositional object already
    frontier = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    for t in frontier:
        keep.add(t.i)
        seen.add(t.i)
        nested[t.i] = False
    while frontier:
        t = frontier.pop()
        for c in t.children:
            if c.i not in inside or c.i in seen:
                continue
            if c.dep_ in ("aux", "auxpass"):
                # the parser sometimes hangs the subject on the auxiliary ("the bridge was closed")
                seen.add(c.i)
                nested[c.i] = nested[t.i]
                frontier.append(c)
                continue
            if c.dep_ == "prep":
                if (
                    nested[t.i]
                    or c.lower_ in _TIME_PREPS
                    or all(x.ent_type_ in ("DATE", "TIME") for x in c.children if x.dep_ == "pobj")
                ):
                    continue
            elif c.dep_ not in _CORE_ARGS and not (
                c.dep_ in _CORE_NOUN_MODS and t.pos_ in ("NOUN", "PROPN", "PRON")
            ):
                continue
            keep.add(c.i)
            seen.add(c.i)
            nested[c.i] = nested[t.i] or c.dep_ == "pobj"
            frontier.append(c)
    return [(doc[i].idx, doc[i].idx + len(doc[i])) for i in sorted(keep)]


def _make_claim(
    doc: Doc, head: Token, toks: list[Token], index: EntityIndex, asserter: str, quote: int | None, sent: int
) -> Claim | None:
    words = [t for t in toks if t.is_alpha]
    if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
    text = doc_text(doc)[a:b]
    # quote marks at the edges are punctuation of the report, not part of the proposition
    while text and text[0] in "\"'\u201c\u2018\u201d\u2019":
        a, text = a + 1, text[1:]
    while text and text[-1] in "\"'\u201c\u2018\u201d\u2019,":
        if (
            text[-1] == "\u201d"
            and text.count("\u201c") >= text.count("\u201d")
            or (text[-1] == '"' and text.count('"') % 2 == 0)
        ):
            break  # it closes a quoted fragment inside the claim ("was “a disgrace”")
        b, text = b - 1, text[:-1]
    rel = _REL_FRAME_END.search(text)
    if rel and len(re.findall(r"[A-Za-z]+", text[: rel.start()])) >= 4:
        b, text = a + rel.start(), text[: rel.start()]
    if _FRAME_END.search(text):
        # "X defended the plan, stating on Thursday that": the frame's content was a quote; what
        # comes before the frame is the claim
        cut = text.rfind(",")
        if cut <= 0 or len(re.findall(r"[A-Za-z]+", text[:cut])) < 4:
            return None
        b, text = a + cut, text[:cut]
    return Claim(
        span=Span(a, b, text),
        sentence=sent,
        asserter=asserter,
        subjects=_subjects(head, index),
        negated=_negated(head),
        modality=_modality(head),
        numbers=extract_quantities(toks),
        quote=quote,
        core=[(x, y) for x, y in core_offsets(toks) if a <= x and y <= b],
        # a participle modifying a noun ("the streaming service") is no verb of a clause
        verbs=[
            t.idx
            for t in toks
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in _NOUN_MODIFIER and a <= t.idx < b
        ],
        noun_joins=[t.idx for t in toks if a <= t.idx < b and _joins_nouns(t)],
    )


def _joins_nouns(t: Token) -> bool:
    """A coordinating word between two nouns ("the man and his wife who died"). When the next verb
    is coordinated with a verb before the word, the parser took the second clause's subject for a
    noun of the first ("jolted by quakes and its people are prepared"): that joins clauses."""
    if t.dep_ != "cc" or t.head.pos_ not in _NOMINAL:
        return False
    verb = next((v for v in t.doc[t.i + 1 : t.sent.end] if v.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return True
    if verb.dep_ in ("aux", "auxpass"):
        verb = verb.head
    return not (verb.dep_ == "conj" and verb.head.i < t.i)


_NOMINAL = frozenset(("NOUN", "PROPN", "PRON", "NUM"))


# Verbs whose clause is held untrue or unsure ("denied that the strike had ended"): general English.
DISOWNING = frozenset("deny doubt dispute reject refute disbelieve disprove rebut contest question".split())
_NOBODY = frozenset("few nobody none no-one".split())


def _disowned(verb: Token) -> bool:
    """A verb of saying or thinking that does not assert its clause: negated ("many don't believe",
    "did not say that"), of denial or doubt, or with nobody as its subject ("few expect")."""
    return (
        verb.lemma_.lower() in DISOWNING
        or any(c.dep_ == "neg" for c in verb.children)
        or any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _NOBODY for c in verb.children)
    )


def _negated_cue(doc: Doc, q: Quote) -> bool:
    """A report whose cue disowns its content: the content is asserted by nobody."""
    if q.cue is None:
        return False
    cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
    return cue is not None and any(_disowned(t) for t in cue if t.pos_ in ("VERB", "AUX"))


def _under_disowning(h: Token) -> bool:
    """A clause held untrue or unsure by the verb it complements ("… believe [the town can join]").
    The small model often hangs such a verb, left without a complement, under the clause instead
    ("while many don't believe the town can join": "believe" an adverbial clause of "join")."""
    if h.dep_ in ("ccomp", "xcomp") and h.head != h and _disowned(h.head):
        return True
    return any(
        c.dep_ == "advcl"
        and c.i < h.i
        and c.pos_ == "VERB"
        and _disowned(c)
        and not any(g.dep_ in ("ccomp", "xcomp", "dobj") for g in c.children)
        for c in h.children
    )


_CONDITIONS = frozenset({"if", "unless", "whether"})
_EMBEDDED_QUESTION = frozenset(
    {"what", "when", "where", "why", "how", "who", "whom", "which", "whether", "if"}
)


def _asked(h: Token) -> bool:
    """A complement clause that is an embedded question ("say [what she is treated for]")."""
    return h.dep_ == "ccomp" and h.head != h and h.left_edge.lower_ in _EMBEDDED_QUESTION


def _opens_inside(q: Quote, o: Quote) -> bool:
    """``q`` is reported inside ``o`` by the "he"/"she" that opens ``o``'s content: the same speaker."""
    sp = q.speaker_span
    return (
        q is not o
        and sp is not None
        and o.speaker is not None
        and sp.text.lower() in ("he", "she")
        and o.content.start <= sp.start < o.content.start + 3
        and o.content.start <= q.content.start
        and q.content.end <= o.content.end
    )


_FRAME_VERBS = frozenset({"say", "add", "state", "comment", "explain"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd", "csubj", "parataxis"})


def _bare_frame(h: Token) -> bool:
    """A speech frame whose words stand elsewhere ('Reliance said in an e-mailed update', its quote
    in the paragraph before): it tells that someone spoke, not what."""
    return h.lemma_.lower() in _FRAME_VERBS and not any(c.dep_ in _CONTENT_DEPS for c in h.children)


def extract_claims(doc: Doc, index: EntityIndex, quotes: list[Quote]) -> list[Claim]:
    """Clause-level claims of an article body."""
    sents = docutil_sents(doc)
    sent_of_tok = {}
    for k, s in enumerate(sents):
        for t in s:
            sent_of_tok[t.i] = k
    claims: list[Claim] = []
    in_quote: set[int] = set()
    body_quotes = [(qi, q) for qi, q in enumerate(quotes) if q.part == "body"]
    # "the coroner said he believes X": one claim, the coroner's "he believes X", not X once more
    body_quotes = [(qi, q) for qi, q in body_quotes if not any(_opens_inside(q, o) for _, o in body_quotes)]
    # the frame of reported speech ("Marlow said") is not itself a claim, unless what was said stays
    # in the sentence's own claim ("asked for a recount", "called the news astonishing")
    cue_starts: set[int] = set()
    for qi, q in body_quotes:
        span = doc.char_span(q.content.start, q.content.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        ids = {t.i for t in span}
        words_ = [t for t in span if not (t.is_punct or t.is_space)]
        verbless = not any(t.pos_ in ("VERB", "AUX") for t in words_)
        # '... offered an apology "if the incident is in any way connected to ..."': a quoted condition
        # asserts nothing of its own; it stays in the sentence that says what was offered
        condition = bool(words_) and words_[0].lower_ in _CONDITIONS and q.cue is None
        # "would not say what she is being treated for", "declined to say when ...": an embedded
        # question asserts nothing, and a disowned report asserts its content for nobody; the
        # sentence's own claim (the refusal, the denial) keeps the words
        before = doc[span[0].i - 1] if span[0].i > 0 else None
        asked = q.kind != "direct" and (
            bool(words_)
            and words_[0].lower_ in _EMBEDDED_QUESTION
            or before is not None
            and before.lower_ in _EMBEDDED_QUESTION
        )
        if condition or asked or _negated_cue(doc, q):
            continue
        if not (len(words_) <= 2 or verbless and (len(words_) <= 4 or q.kind == "indirect")):
            # a short fragment ("changed to “moderate”", "called it “a disgrace”") or a request for a
            # thing ("asked for a recount of the ward's votes") stays in the sentence's own claim
            in_quote.update(ids)
            if q.cue is not None:
                cue_starts.add(q.cue.start)
        if q.content.text.rstrip().endswith("?"):
            continue
        if q.kind == "indirect" and sents[sent_of_tok[span[0].i]].text.rstrip().endswith("?"):
            continue  # "Do you think he will win?": a question put to the reader asserts nothing
        roots = [t for t in span if (t.head.i not in ids or t.head == t) and not (t.is_punct or t.is_space)]
        verbs = [r for r in roots if r.pos_ in ("VERB", "AUX")]
        asserter = q.speaker or "unknown"
        directive = q.cue is not None and q.cue.text.lower().startswith(DIRECTIVE_CUES)
        # 'promised to "help men and women ... understand that ..."': what was said is one infinitive
        # complement of the cue, one proposition however the parser hangs its verbs
        infinitive = (
            q.cue is not None
            and len(words_) > 1
            and words_[0].lower_ == "to"
            and words_[1].pos_ in ("VERB", "AUX")
            and len(verbs) > 1
        )
        # "urged NATO members to allocate ...": addressee and action make one proposition
        whole = (
            words_[1] if infinitive else verbs[0] if directive and verbs and len(roots) > len(verbs) else None
        )
        if whole is not None:
            toks = [t for t in span if not t.is_space]
            c = _make_claim(doc, whole, toks, index, asserter, qi, sent_of_tok[whole.i])
            found = [c] if c is not None else []
        else:
            found = []
            for r in verbs or roots[:1]:
                heads = _clause_heads(r, ids)
                heads += _subordinate_heads(list(span), heads, ids)
                for h in heads:
                    if _under_disowning(h):
                        continue
                    c = _make_claim(
                        doc, h, _clause_tokens(h, heads, ids), index, asserter, qi, sent_of_tok[h.i]
                    )
                    if c is not None:
                        found.append(c)
        for c in found:
            if directive and not c.modality:
                c.modality = "should"  # an urging reports what someone should do
        claims.extend(found)
    for k, s in enumerate(sents):
        if s.text.rstrip().endswith("?"):
            continue
        allowed = {t.i for t in s if t.i not in in_quote}
        root = s.root
        if root.i not in allowed:
            continue
        heads = _clause_heads(root, allowed)
        heads += _subordinate_heads(list(s), heads, allowed)
        # a clause held untrue or asked about ("would not say what she is being treated for") is no
        # claim of its own; it stays in the claim of the clause that disowns or asks it
        kept = [h for h in heads if not (_under_disowning(h) or _asked(h))]
        for h in kept:
            if h.idx in cue_starts or _bare_frame(h):
                continue
            toks = _clause_tokens(h, kept, allowed)
            # "withdrew the offer, believing [he had no interest]": the reported thought is its own
            # claim; the verb that reported it does not dangle at the end of this one
            while toks and toks[-1] is not h and toks[-1].idx in cue_starts and toks[-1].tag_ == "VBG":
                toks.pop()
                while toks and (toks[-1].is_punct or toks[-1].is_space):
                    toks.pop()
            c = _make_claim(doc, h, toks, index, "outlet", None, k)
            if c is not None:
                claims.append(c)
    claims.sort(key=lambda c: (c.span.start, c.span.end))
    return claims
