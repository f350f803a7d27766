"""Cross-source comparison of one story: claim clusters, corroboration, conflicts, quote fidelity,
coverage and omissions, framing signals and the timeline, gathered in a ``StoryReport``.

Everything in the report points back to verbatim source spans (article id + character offsets);
the renderers in ``storyline.render`` add nothing but fixed labels and citation numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.compare.align import AlignConfig, Alignment, EntityResolver, align
from storyline.compare.conflicts import ConflictConfig, find_conflicts
from storyline.compare.corroboration import CORROBORATED, SINGLE, corroborate_all
from storyline.compare.coverage import coverage
from storyline.compare.framing import framing_signals
from storyline.compare.quotes import group_quotes
from storyline.compare.sources import Sources, outlet_name
from storyline.compare.timeline import build_timeline
from storyline.model import Article, ArticleFacts, ClaimCluster, Conflict, Corroboration, Story, StoryReport


def _overview(corr: list[Corroboration], alignment: Alignment, k: int = 3) -> list[int]:
    """The most corroborated clusters (at most ``k``), in the order articles tell them.

    Ties on the number of independent outlets go to claims told early (a lead states the story).
    """

    def position(c: ClaimCluster) -> float:
        return sum(m.sentence for m in c.members) / len(c.members)

    ranked = sorted(
        zip(alignment.clusters, corr, strict=True),
        key=lambda cc: (-cc[1].independent, position(cc[0]), cc[0].id),
    )
    picked = [c for c, co in ranked if co.label == CORROBORATED][:k] or [c for c, _ in ranked[:1]]
    return [c.id for c in sorted(picked, key=position)]


def _dedupe(conflicts: Iterable[Conflict]) -> list[Conflict]:
    out: list[Conflict] = []
    seen: set[tuple[str, int, int, int, int]] = set()
    for c in conflicts:
        k = (c.kind, c.a.article_id, c.a.start, c.b.article_id, c.b.start)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def compare_story(
    story: Story,
    articles: dict[int, Article] | Iterable[Article],
    facts: dict[int, ArticleFacts] | Iterable[ArticleFacts],
    align_config: AlignConfig | None = None,
    conflict_config: ConflictConfig | None = None,
) -> StoryReport:
    """Compare the articles of one story side by side.

    ``articles``/``facts``: the story's articles and their analysis facts, as dicts keyed by article
    id or as iterables (ids taken from ``Article.id`` / ``ArticleFacts.article_id``). Articles
    without facts still count as sources (they state no claim).
    """
    arts = articles if isinstance(articles, dict) else {a.id: a for a in articles if a.id is not None}
    fcts = facts if isinstance(facts, dict) else {f.article_id: f for f in facts if f.article_id is not None}
    arts = {aid: a for aid, a in arts.items() if aid in story.article_ids}
    fcts = {aid: f for aid, f in fcts.items() if aid in arts}
    sources = Sources(story, arts)
    resolve = EntityResolver(story.entities)
    voices = {aid: sources.voice(aid) for aid in arts}
    alignment = align(arts, fcts, story.entities, sources.name, align_config, voices)
    corr = corroborate_all(alignment.clusters, sources)
    quotes = group_quotes(arts, fcts, sources, resolve, (conflict_config or ConflictConfig()).quotes)
    conflicts = find_conflicts(alignment, sources, arts, fcts, resolve, conflict_config, quotes)
    vectors = alignment.cluster_vectors() if alignment.clusters else None
    return StoryReport(
        story_id=story.id,
        label=story.label,
        start=story.start,
        end=story.end,
        sources=sources.report_sources(),
        clusters=alignment.clusters,
        corroboration=corr,
        conflicts=_dedupe(conflicts),
        quotes=quotes,
        coverage=coverage(alignment.clusters, corr, sources),
        framing=framing_signals(arts, fcts, sources, alignment.clusters, vectors),
        timeline=build_timeline(story, arts, fcts, sources),
        overview=_overview(corr, alignment),
    )


__all__ = ["compare_story", "outlet_name", "CORROBORATED", "SINGLE", "Sources"]
