"""Framing signals: how an outlet tells the story, shown as evidence, never as a score.

Three kinds, each a cue word or phrase plus the verbatim sentence it occurs in:

- loaded: evaluative or emotive wording a neutral report would avoid ("slammed", "betrayal",
  "so-called", "bloodshed"), from the small general lexicon below;
- hedge: wording that distances the outlet from a statement ("reportedly", "allegedly",
  "it is unclear whether", "could");
- headline: what the headline foregrounds, i.e. the claim cluster it restates (the cluster the
  aligner attached it to, else the closest by embedding similarity) — the title itself is the evidence.
"""

from __future__ import annotations

import re

import numpy as np

from storyline.compare.sources import Sources
from storyline.embed import encode
from storyline.model import Article, ArticleFacts, ClaimCluster, FramingSignal, SourceRef

# General-purpose lexicons of news framing (not tied to any story).
LOADED = frozenset(
    """slam slams slammed blast blasts blasted lash lashed rip ripped fume fumed rant ranted boast boasted
    brag bragged admit admitted concede conceded claim claimed insist insisted scramble scrambled
    betrayal betray betrayed regime so-called radical extremist thug thugs chaos chaotic disaster
    disastrous catastrophe catastrophic shocking shock stunning stunned devastating devastated brutal
    bloody bloodshed massacre carnage horrific horrifying outrage outrageous outraged furious fury
    controversial notorious embattled beleaguered draconian crackdown slash slashed plunge plunged
    soar soared skyrocket skyrocketed crisis debacle fiasco farce ridiculous absurd reckless
    dangerous alarming alarm bombshell explosive landmark historic unprecedented bold blunt bluntest
    clearest fierce fiercely firebrand hardline hard-line defiant defiance humiliating humiliation
    capitulation surrender appease appeasement cave caved backlash blistering scathing vowed
    pivotal dramatic dramatically staggering""".split()
)
HEDGES = (
    r"reportedly",
    r"allegedly",
    r"apparently",
    r"purportedly",
    r"supposedly",
    r"ostensibly",
    r"possibly",
    r"perhaps",
    r"most likely",
    r"likely",
    r"unlikely",
    r"may",
    r"might",
    r"could",
    r"appears? to",
    r"seems? to",
    r"it is (?:not yet )?(?:unclear|not clear)",
    r"it remains (?:unclear|to be seen)",
    r"is (?:believed|thought|understood|said) to",
    r"according to (?:sources|reports|people familiar)",
    r"sources (?:say|said)",
    r"unconfirmed",
    r"unverified",
    r"suggest(?:s|ed)?",
)
_HEDGE = re.compile(r"\b(?:" + "|".join(HEDGES) + r")\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-]*")


def _sentences(article: Article, facts: ArticleFacts | None) -> list[tuple[int, int, str]]:
    if facts is not None and facts.sentences:
        return [(s.start, s.end, s.text) for s in facts.sentences]
    return [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^.!?\n]+[.!?]*", article.text)]


def _quoted_ranges(facts: ArticleFacts | None) -> list[tuple[int, int]]:
    if facts is None:
        return []
    return [(q.content.start, q.content.end) for q in facts.quotes if q.kind in ("direct", "mixed")]


def framing_signals(
    articles: dict[int, Article],
    facts: dict[int, ArticleFacts],
    sources: Sources,
    clusters: list[ClaimCluster],
    cluster_vectors: np.ndarray | None = None,
    per_outlet: int = 6,
    headline_sim: float = 0.45,
) -> list[FramingSignal]:
    """Framing evidence per article; words inside direct quotes are the speaker's, not the outlet's."""
    out: list[FramingSignal] = []
    titles = [(aid, articles[aid].title) for aid in sources.order if articles[aid].title]
    if titles and clusters and cluster_vectors is not None and len(cluster_vectors):
        tv = encode([t for _, t in titles])  # type: ignore[misc]
        sims = tv @ cluster_vectors.T
        attached = {m.article_id: k for k, c in enumerate(clusters) for m in c.members if m.part == "title"}
        for (aid, title), row in zip(titles, sims, strict=True):
            k = attached.get(aid, int(np.argmax(row)))
            if aid in attached or row[k] >= headline_sim:
                assert title is not None
                out.append(
                    FramingSignal(
                        outlet=sources.name[aid],
                        kind="headline",
                        cue=title,
                        span=SourceRef(article_id=aid, start=0, end=len(title), text=title, field="title"),
                        cluster=clusters[k].id,
                    )
                )
    for aid in sources.order:
        art = articles[aid]
        f = facts.get(aid)
        quoted = _quoted_ranges(f)
        loaded = hedges = 0
        for s, e, text in _sentences(art, f):
            for m in _WORD.finditer(text):
                pos = s + m.start()
                if any(a <= pos < b for a, b in quoted):
                    continue
                if m.group(0).lower() in LOADED and loaded < per_outlet:
                    loaded += 1
                    out.append(
                        FramingSignal(sources.name[aid], "loaded", m.group(0), SourceRef(aid, s, e, text))
                    )
            for m in _HEDGE.finditer(text):
                pos = s + m.start()
                if any(a <= pos < b for a, b in quoted) or hedges >= per_outlet:
                    continue
                if m.group(0) == "May" and m.start() > 0:
                    continue  # the month, not the modal
                hedges += 1
                out.append(FramingSignal(sources.name[aid], "hedge", m.group(0), SourceRef(aid, s, e, text)))
    return out
