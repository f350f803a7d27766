"""Role vocabulary and the role-synonym table (data, shared by entity resolution and linking).

A role phrase ("US Secretary of Defense", "Britain's Defence Secretary", "the Pentagon chief") is
reduced to ``(qualifier, core)``: the qualifier says whose role it is ("us", "britain"), the core is
the canonical role ("secretary of defense"). Normalisation before lookup: lower case, British
spellings to American ("defence" -> "defense"), hyphens to spaces, determiners, possessives and
temporal modifiers ("former", "new", "acting") dropped.

Generic rewrites (no table needed):
- "X secretary" == "secretary of X" for a department word X ("defense secretary");
- "minister of/for X" == "X minister" ("minister of defense" -> "defense minister").

``ROLE_SYNONYMS`` maps a canonical role (with its qualifier when the phrase implies one) to the
informal or periphrastic phrases news copy uses for it. It is deliberately small: only phrases that
name one office unambiguously belong here ("Pentagon chief" is the US Secretary of Defense; a bare
"defence chief" is not, since in many countries it names the chief of the armed forces).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "us secretary of defense": (
        "pentagon chief",
        "pentagon head",
        "pentagon boss",
        "head of the pentagon",
        "department of defense chief",
        "defense department chief",
        "head of the department of defense",
        "us defense chief",
    ),
    "us secretary of state": ("us top diplomat", "top us diplomat", "state department chief"),
    "us secretary of the treasury": ("us treasury secretary", "treasury secretary", "secretary of treasury"),
    "nato secretary general": (
        "nato chief",
        "nato head",
        "nato boss",
        "head of nato",
        "secretary general of nato",
        "nato leader",
    ),
    "un secretary general": (
        "un chief",
        "un head",
        "united nations chief",
        "united nations secretary general",
        "secretary general of the united nations",
        "secretary general of the un",
    ),
    "eu commission president": (
        "european commission president",
        "president of the european commission",
        "eu commission chief",
        "european commission chief",
        "commission president",
    ),
    "federal reserve chair": (
        "fed chair",
        "fed chairman",
        "fed chief",
        "federal reserve chairman",
        "chair of the federal reserve",
        "federal reserve chief",
    ),
    "foreign minister": ("minister of foreign affairs", "foreign affairs minister", "top diplomat"),
    "prime minister": ("premier",),
    "chief executive": ("ceo", "chief executive officer"),
}

# Heads of role phrases: a noun phrase headed by one of these names an office or function.
ROLE_HEADS: frozenset[str] = frozenset(
    """president vice-president minister secretary chancellor premier chief head leader spokesman
    spokeswoman spokesperson envoy ambassador governor mayor senator congressman congresswoman
    lawmaker legislator director chairman chairwoman chair ceo commander general admiral adviser
    advisor aide diplomat official judge prosecutor speaker king queen prince princess pope monarch
    emperor emir sheikh attorney executive founder coordinator commissioner representative
    ombudsman mp inspector economist teacher headteacher principal organiser organizer councillor
    councilor coxswain driver successor predecessor colleague deputy manager officer captain coach
    editor lawyer analyst researcher scientist doctor nurse surgeon professor dean rector chancellor
    superintendent sheriff detective constable sergeant lieutenant colonel major marshal treasurer
    auditor regulator negotiator mediator campaigner activist organiser steward warden counsel
    barrister solicitor engineer administrator""".split()
)

# Heads of roles many people hold at once (an organisation has several spokespeople and officials):
# "a spokesman" in one article is not the spokesman another article names. Unlike offices one person
# holds ("the mayor", "the defence secretary"), such a role never resolves to another article's holder.
MANY_HOLDERS: frozenset[str] = frozenset(
    """spokesman spokeswoman spokesperson official officer aide adviser advisor diplomat lawyer
    attorney analyst researcher scientist doctor nurse surgeon engineer economist teacher activist
    campaigner representative colleague source witness resident""".split()
)


def held_by_many(role: str) -> bool:
    """Whether a role phrase's head is one many people hold at once ("the navy spokeswoman")."""
    words = role.lower().split()
    return bool(words) and words[-1] in MANY_HOLDERS


# Words that may stand inside a role phrase besides its head ("deputy", "foreign", "press").
ROLE_MODIFIERS: frozenset[str] = frozenset(
    """deputy vice prime special senior top chief assistant under associate principal general
    defense defence foreign interior home finance economy economic trade energy health education
    justice state treasury homeland security agriculture labor labour transport transportation
    environment culture commerce war intelligence national military press communications white
    house armed forces staff joint affairs public information digital climate industry""".split()
)

DEPARTMENTS: frozenset[str] = frozenset(
    """defense foreign interior home finance economy trade energy health education justice state
    treasury agriculture labor transport transportation environment culture commerce war
    veterans homeland""".split()
)

# Temporal modifiers: "former", "new" say when the role was held, not which role it is.
TEMPORAL: frozenset[str] = frozenset(
    "new former then acting outgoing incoming current late newly interim incumbent ex".split()
)

# Leader-type roles: a bare "the leader" may refer to any of them.
LEADER_CORES: frozenset[str] = frozenset(
    {"president", "prime minister", "chancellor", "premier", "leader", "king", "queen", "head of state"}
)

# British -> American spellings, so "Defence Secretary" and "Defense Secretary" share a key.
SPELLING: dict[str, str] = {
    "defence": "defense",
    "labour": "labor",
    "organisation": "organization",
    "centre": "center",
    "programme": "program",
}

# A few well-worn country name variants (applied to whole keys).
PLACE_ALIASES: dict[str, str] = {
    "united states": "us",
    "united states of america": "us",
    "usa": "us",
    "america": "us",
    "united kingdom": "uk",
    "britain": "uk",
    "great britain": "uk",
}

# Demonyms and possessors that qualify roles ("American", "US") reduced to one form.
QUALIFIER_ALIASES: dict[str, str] = {
    **PLACE_ALIASES,
    "american": "us",
    "british": "uk",
    "united nations": "un",
    "european union": "eu",
    "european commission": "eu commission",
}

_DETERMINERS = frozenset({"the", "a", "an", "another", "its", "his", "her", "their", "our"})

_SYN_INDEX: dict[str, str] = {v: k for k, vs in ROLE_SYNONYMS.items() for v in vs}


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


_APOS = re.compile(r"[\u2019\u02bc`\u00b4']")
_POSSESSIVE = re.compile(r"'s?$")


def words(phrase: str) -> list[str]:
    """Lower-cased word tokens: accents stripped, possessives and dots removed, hyphens split."""
    return list(_words(phrase))


@lru_cache(maxsize=65536)
def _words(phrase: str) -> tuple[str, ...]:
    s = _APOS.sub("'", strip_accents(phrase)).lower()
    s = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.?)", "", s)  # u.s. -> us.
    s = s.replace("-", " ").replace("\u2013", " ").replace("/", " ")
    out = []
    for tok in s.split():
        tok = _POSSESSIVE.sub("", tok.strip('.,;:!?()[]{}"\u201c\u201d\u2018\u2019*'))
        tok = tok.strip("'.")
        if tok:
            out.append(SPELLING.get(tok, tok))
    # "u s" -> "us": a run of single letters is a spaced-out acronym
    merged: list[str] = []
    prev_single = False
    for tok in out:
        single = len(tok) == 1 and tok.isalpha()
        if single and prev_single:
            merged[-1] += tok
        else:
            merged.append(tok)
        prev_single = single
    return tuple(merged)


def is_role_word(w: str) -> bool:
    return w in ROLE_HEADS or w in ROLE_MODIFIERS or w.rstrip("s") in ROLE_HEADS


def _canon_core(toks: list[str]) -> str | None:
    s = " ".join(toks)
    if s in _SYN_INDEX:
        return _SYN_INDEX[s]
    if s in ROLE_SYNONYMS:
        return s
    # "defense secretary" -> "secretary of defense"
    if len(toks) >= 2 and toks[-1] == "secretary" and all(t in DEPARTMENTS for t in toks[:-1]):
        s = "secretary of " + " ".join(toks[:-1])
        return _SYN_INDEX.get(s, s)
    # "minister of defense" / "minister for trade" -> "defense minister"
    if len(toks) >= 3 and toks[0] == "minister" and toks[1] in ("of", "for"):
        rest = [t for t in toks[2:] if t not in ("the", "and")]
        s = " ".join(rest + ["minister"])
        return _SYN_INDEX.get(s, s)
    if toks and (toks[0] in ROLE_HEADS or toks[0] in ROLE_MODIFIERS):
        return s
    return None


@lru_cache(maxsize=65536)
def role_key(phrase: str) -> tuple[str, str]:
    """``(qualifier, core)`` of a role phrase: "Britain's Defence Secretary" -> ("uk", "secretary of defense")."""
    toks = [t for t in words(phrase) if t not in _DETERMINERS and t not in TEMPORAL]
    for i in range(len(toks)):
        core = _canon_core(toks[i:])
        if core is None:
            continue
        qual = " ".join(toks[:i])
        # a canonical form may carry its own qualifier ("pentagon chief" -> "us secretary of defense")
        ctoks = core.split()
        for j in range(len(ctoks)):
            if ctoks[j] in ROLE_HEADS or ctoks[j] in ROLE_MODIFIERS:
                if j:
                    qual = qual or " ".join(ctoks[:j])
                    core = " ".join(ctoks[j:])
                break
        return QUALIFIER_ALIASES.get(qual, qual), core
    return "", " ".join(toks)


def role_head(core: str) -> str:
    """Head noun of a canonical core ("secretary of defense" -> "secretary", "defense minister" -> "minister")."""
    toks = core.split()
    if "of" in toks:
        toks = toks[: toks.index("of")]
    heads = [t for t in toks if t in ROLE_HEADS]
    return heads[-1] if heads else (toks[-1] if toks else "")


def qualifiers_compatible(a: str, b: str) -> bool:
    """Do two role qualifiers name the same country/body? Empty means unknown (compatible)."""
    if not a or not b:
        return True
    a, b = QUALIFIER_ALIASES.get(a, a), QUALIFIER_ALIASES.get(b, b)
    if a == b:
        return True
    # demonym vs country: "ukrainian"/"ukraine", "german"/"germany" share a long prefix
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 3


# Words that make another office of the same head: a vice-president is not the president.
RANK_MODIFIERS: frozenset[str] = frozenset("vice deputy assistant under associate lieutenant co".split())


def _rank(role: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s-]+", role) if w in RANK_MODIFIERS)


def cores_compatible(bare: str, held: str) -> bool:
    """May a bare role mention (``bare``) refer to a person known to hold ``held``?"""
    if bare == held:
        return True
    if _rank(bare) != _rank(held):
        return False
    bh, hh = role_head(bare), role_head(held)
    if bare in ("leader", "head") and (held in LEADER_CORES or hh in ("president", "leader", "chancellor")):
        return True
    # a bare head ("the minister", "the secretary") refers to any holder of a cabinet office
    if len(bare.split()) == 1:
        cabinet = {"minister", "secretary"}
        if bare in cabinet and hh in cabinet and "general" not in held and "press" not in held:
            return True
        return bare == hh
    # "the building inspector" / "the inspector": same head, one description extends the other
    bt, ht = set(bare.split()), set(held.split())
    return bh == hh and (bt <= ht or ht <= bt)


def is_role_phrase(phrase: str) -> bool:
    return any(t in ROLE_HEADS for t in words(phrase))
