"""Canonical people and organisations of a story, merged across its articles.

Rules, in order (union-find over every article's entities):
1. same folded name (or alias; a lone-surname alias joins two full names only when their given
   names agree: a woman and her father share the surname, not the person);
2. a lone surname joins the only full name of the story ending with it;
3. spelling variants of one name (rapidfuzz ratio, same type);
4. a role seen alone in one article ("the Defence Secretary") resolves to the
   person another article gave that role by apposition ("Defence Secretary
   Jane Roe"), when exactly one person of the story holds it (never a plural:
   "prosecutors" are not the one prosecutor).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from storyline.analyse.roles import held_by_many
from storyline.link.features import capitalised_ngrams, describes, fold, words
from storyline.model import Article, ArticleFacts, CanonicalEntity

_DROP = ("the ", "a ", "an ")
_HONORIFIC = {"mr", "mrs", "ms", "dr", "sir", "dame", "mr.", "mrs.", "ms.", "dr."}
_MERGE_TYPES = ("person", "organisation", "group", "place", "other", "")


@dataclass(slots=True)
class EntityNote:
    """One entity as one article names it (what the linker keeps per article)."""

    name: str
    type: str  # person | organisation | place | group | role | other | "" (unknown, from text)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: int = 1

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> EntityNote:
        return cls(**d)


def key(name: str) -> str:
    k = fold(name).strip(" .,'\"")
    for p in _DROP:
        if k.startswith(p):
            k = k[len(p) :]
    toks = [t for t in k.split() if t not in _HONORIFIC]
    return " ".join(toks)


def article_entities(
    article: Article, facts: ArticleFacts | None = None, runs: list[str] | None = None
) -> list[EntityNote]:
    """Entity notes from the analysis facts, else from capitalised runs of the text (``runs`` if given)."""
    if facts is not None and (facts.entities or facts.mentions):
        notes = [
            EntityNote(e.name, e.type, list(e.aliases), list(e.roles), max(1, e.mentions))
            for e in facts.entities
            if e.type in ("person", "organisation", "group", "place", "role", "other")
        ]
        # A role the article never tied to a person stays open for another article to resolve.
        notes += [EntityNote(m.text, "role") for m in facts.mentions if m.type == "role" and m.entity is None]
        return notes
    counts = Counter(runs if runs is not None else capitalised_ngrams(article.text))
    return [EntityNote(n, "", mentions=c) for n, c in counts.items()]


class _UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, x: int) -> int:
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def _compatible(t1: str, t2: str) -> bool:
    return t1 == t2 or "" in (t1, t2)


def _given(name_key: str) -> str:
    toks = name_key.split()
    return toks[0].rstrip(".") if len(toks) >= 2 else ""


def _given_names_agree(a: set[str], b: set[str]) -> bool:
    """Every full name of one group could be one of the other's: the same given name, one its short
    form or initial ("Fred" / "Frederick", "J." / "John"), or a name whose words hold the other's."""
    for x in a:
        for y in b:
            gx, gy = _given(x), _given(y)
            if not gx or not gy or gx.startswith(gy) or gy.startswith(gx):
                continue
            if set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split()):
                continue
            return False
    return True


def merge_entities(members: list[tuple[int, list[EntityNote]]], fuzzy: int = 90) -> list[CanonicalEntity]:
    """Canonical entities of a story from each article's notes (article id, notes)."""
    nodes: list[tuple[int, EntityNote, str]] = []
    for aid, notes in members:
        for n in notes:
            k = key(n.name)
            if k:
                nodes.append((aid, n, k))
    uf = _UF(len(nodes))
    roles_of: dict[int, set[str]] = {}  # node -> role keys given by apposition

    # 1. same name (or a listed alias that is a name: "President" or "the envoy" is held by many).
    # A lone surname an article gave as an alias joins two full names only when their given names
    # agree: "Ann Roe" and her father "Tom Roe" both answer to "Roe" in some article.
    by_key: dict[str, int] = {}
    full_names: dict[int, set[str]] = {}  # group root -> the person names of two words or more in it
    for i, (_, n, k) in enumerate(nodes):
        if n.type == "role":
            continue
        role_keys = {key(r) for r in n.roles}
        alias_keys = {key(a) for a in n.aliases if not describes(a)} - role_keys
        if n.type in ("person", "") and len(k.split()) >= 2:
            full_names[i] = {k}
        for kk in sorted({k, *alias_keys}, key=lambda x: x != k):
            j = by_key.get(kk)
            if j is None or not _compatible(nodes[j][1].type, n.type):
                by_key.setdefault(kk, i)
                continue
            ri, rj = uf.find(i), uf.find(j)
            if ri == rj:
                continue
            if " " not in kk and not _given_names_agree(full_names.get(ri, set()), full_names.get(rj, set())):
                continue
            uf.union(ri, rj)
            root = uf.find(ri)
            full_names[root] = full_names.pop(ri, set()) | full_names.pop(rj, set())
        if n.roles:
            roles_of.setdefault(i, set()).update(key(r) for r in n.roles)

    # Without facts a capitalised run may be "Role Title Full Name": split off a known full name.
    full = {k: i for k, i in by_key.items() if len(k.split()) >= 2 and nodes[i][1].type in ("person", "")}
    eff = [k for (_, _, k) in nodes]  # the name without a role prefix
    for i, (_, n, k) in enumerate(nodes):
        toks = k.split()
        if n.type != "" or len(toks) < 3:
            continue
        for cut in range(1, len(toks) - 1):
            tail = " ".join(toks[cut:])
            if tail in full and full[tail] != i:
                uf.union(i, full[tail])
                eff[i] = tail
                roles_of.setdefault(i, set()).add(" ".join(toks[:cut]))
                break

    # A run that starts with a known role prefix ("Mayor Roe" once "Mayor Jane Roe" was seen) is that role + name.
    prefixes = {r for rs in roles_of.values() for r in rs}
    for i, (_, n, k) in enumerate(nodes):
        toks = k.split()
        if n.type != "" or len(toks) < 2 or eff[i] != k:
            continue
        for cut in range(len(toks) - 1, 0, -1):
            head = " ".join(toks[:cut])
            if head in prefixes:
                eff[i] = " ".join(toks[cut:])
                roles_of.setdefault(i, set()).add(head)
                if eff[i] in full:
                    uf.union(i, full[eff[i]])
                break

    # 2. lone surname -> the single full name ending with it
    by_surname: dict[str, set[int]] = {}
    for k, i in full.items():
        if eff[i] == k:  # a role + surname run is no full name
            by_surname.setdefault(k.split()[-1], set()).add(uf.find(i))
    for i, (_, n, _k) in enumerate(nodes):
        if n.type in ("person", "") and len(eff[i].split()) == 1:
            owners = {uf.find(g) for g in by_surname.get(eff[i], set())}
            if len(owners) == 1:
                uf.union(i, owners.pop())

    # 3. spelling variants (Zelensky / Zelenskyy)
    reps = sorted({uf.find(i) for i, (_, n, k) in enumerate(nodes) if n.type != "role" and len(k) >= 5})
    if len(reps) > 1:
        keys = [nodes[r][2] for r in reps]
        # all pairs at once (C); only pairs above the cut-off come back non-zero
        sim = cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=fuzzy, dtype=np.uint8)
        for a, b in zip(*np.nonzero(np.triu(sim, k=1)), strict=True):
            ra, rb = reps[a], reps[b]
            if keys[a][0] == keys[b][0] and _compatible(nodes[ra][1].type, nodes[rb][1].type):
                uf.union(ra, rb)

    # 4. roles through appositions seen in any article of the story
    holders: dict[str, set[int]] = {}
    for i, rs in roles_of.items():
        for r in rs:
            holders.setdefault(r, set()).add(uf.find(i))
    for i, (_, n, k) in enumerate(nodes):
        if n.type != "role" or held_by_many(k):
            continue
        cands: set[int] = set()
        for r, gs in holders.items():
            # a plural ("prosecutors", "officials") names many, not the one who holds the role
            if k != r and k.rstrip("s") == r.rstrip("s"):
                continue
            if k == r or fuzz.token_set_ratio(k, r) >= fuzzy:
                cands |= {uf.find(g) for g in gs}
        if len(cands) == 1:
            uf.union(i, cands.pop())

    groups: dict[int, list[int]] = {}
    for i in range(len(nodes)):
        groups.setdefault(uf.find(i), []).append(i)
    out: list[CanonicalEntity] = []
    for idxs in groups.values():
        types = Counter(nodes[i][1].type for i in idxs if nodes[i][1].type not in ("role", ""))
        names = Counter(nodes[i][1].name for i in idxs if nodes[i][1].type != "role")
        if not names:
            continue  # an unresolved role stays out of the canonical list
        plain = Counter(
            nodes[i][1].name for i in idxs if nodes[i][1].type != "role" and eff[i] == nodes[i][2]
        )
        names = plain or names  # "Jane Roe" rather than "Minister Jane Roe"
        # Prefer the commonest multi-word name: "Jane Roe" over "Roe".
        name = max(names, key=lambda s: (len(words(s)) > 1, names[s], len(s)))
        aliases = sorted(
            {nodes[i][1].name for i in idxs} | {a for i in idxs for a in nodes[i][1].aliases} - {name}
        )
        roles = sorted(
            {r for i in idxs for r in nodes[i][1].roles}
            | {nodes[i][1].name for i in idxs if nodes[i][1].type == "role"}
            | {r for i in idxs for r in roles_of.get(i, set()) if not nodes[i][1].roles}
        )
        out.append(
            CanonicalEntity(
                id=0,
                name=name,
                type=types.most_common(1)[0][0] if types else "",
                aliases=aliases,
                roles=roles,
                article_ids=sorted({nodes[i][0] for i in idxs}),
                mentions=sum(nodes[i][1].mentions for i in idxs),
            )
        )
    out.sort(key=lambda e: (-len(e.article_ids), -e.mentions, e.name))
    for i, e in enumerate(out):
        e.id = i
    return out
