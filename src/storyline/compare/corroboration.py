"""Corroboration: how many independent outlets state each claim cluster, and how.

An outlet counts once however many of its articles state the claim; a near-duplicate copy counts
with its original; an article that relays another outlet's report counts as that outlet and is
marked as relaying. For each independent source we keep whether it asserts the claim itself or
attributes it to a speaker.
"""

from __future__ import annotations

from storyline.clean.meta import fold_outlet
from storyline.compare.sources import Sources
from storyline.model import ClaimCluster, Corroboration, OutletSupport

CORROBORATED = "corroborated"
SINGLE = "single-source"


# A writer's sentence sharing an unquoted run of this many words with an earlier article's sentence of
# the same cluster repeats that article's wording (see ``_origins``).
BORROWED_RUN = 11


def _origins(cluster: ClaimCluster, sources: Sources, k: int = BORROWED_RUN) -> tuple[list[int], set[int]]:
    """Each member's article whose word it is (``Sources.said_first``), and the members whose word it
    is by borrowed wording: a writer's sentence sharing an unquoted run of ``k`` words with an earlier
    article's sentence in the cluster, of another voice. A copy-edited wire rewrite keeps such runs
    in sentences it otherwise reworded ("had taken a serious view of piracy-related incidents in
    the"). news-dev: of every pair of sentences of two independent outlets of one story, one shares
    such a run, and it is a company statement reported without quotation marks (reported speech is
    left out here)."""
    firsts = [sources.said_first(m) for m in cluster.members]
    borrowed: set[int] = set()
    told: dict[int, int] = {}  # run hash -> the earliest article whose word it is (cost linear in runs)
    order = sorted(
        range(len(cluster.members)), key=lambda i: sources.ref.get(cluster.members[i].article_id, 0)
    )
    for i in order:
        m = cluster.members[i]
        if m.asserter != "outlet" or m.part != "body":
            continue
        runs = sources.runs(m, k)
        if firsts[i] == m.article_id:
            own = sources.voice(m.article_id)
            others = {a for h in runs if (a := told.get(h)) is not None and sources.voice(a) != own}
            if others:
                firsts[i] = min(others, key=lambda a: sources.ref.get(a, 0))
                borrowed.add(i)
        for h in runs:
            told.setdefault(h, firsts[i])
    return firsts, borrowed


def corroborate(cluster: ClaimCluster, sources: Sources) -> Corroboration:
    by_voice: dict[str, OutletSupport] = {}
    # a sentence told after another report, word for word or keeping its wording, is that report's word
    firsts, borrowed = _origins(cluster, sources)
    for k, m in enumerate(cluster.members):
        aid = m.article_id
        first = firsts[k]
        voice = sources.voice(first)
        sup = by_voice.get(voice)
        if sup is None:
            art = sources.articles[sources.representative(first)]
            label = art.reported_via or sources.name[sources.representative(first)]
            sup = by_voice[voice] = OutletSupport(outlet=label)
        if aid not in sup.article_ids:
            sup.article_ids.append(aid)
        if m.asserter == "outlet":
            sup.own = True
        elif m.asserter not in sup.speakers:
            sup.speakers.append(m.asserter)
        # an outlet's statement another article attributes to it is relayed, not copied
        relayed = first != aid and k not in borrowed and sources.credited(m) == first
        if (sources.articles[aid].reported_via or relayed) and aid not in sup.relaying:
            sup.relaying.append(aid)
        if (sources.representative(aid) != aid or (first != aid and not relayed)) and aid not in sup.copies:
            sup.copies.append(aid)
    support = sorted(by_voice.values(), key=lambda s: min(sources.ref[a] for a in s.article_ids))
    outlets = len({fold_outlet(sources.name[m.article_id]) for m in cluster.members})
    # one article that states the claim and also relays another outlet's interview on it is one
    # outlet: never more independent sources than outlets
    n = min(len(support), outlets)
    return Corroboration(
        cluster=cluster.id,
        label=CORROBORATED if n >= 2 else SINGLE,
        independent=n,
        support=support,
        outlets=outlets,
    )


def corroborate_all(clusters: list[ClaimCluster], sources: Sources) -> list[Corroboration]:
    return [corroborate(c, sources) for c in clusters]
