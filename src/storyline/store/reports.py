"""Stored comparison reports: a story's ``StoryReport`` saved with the version of the story it was
computed from, so pages read it instead of recomputing the comparison on every request.

A story's version is its article count and the linker's counter at its last update
(``link_stories.n_articles`` / ``.seq``); a stored report whose version differs is stale and is
recomputed (``refresh_stale``, run in the background by the web app). "What changed since T" needs
no history: articles stored after T are new, and a claim, count or conflict is new when it rests on them.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import JSON, DateTime, Float, Integer, String, func, literal, select, type_coerce
from sqlalchemy.orm import Mapped, mapped_column

from storyline.compare import compare_story
from storyline.model import ClaimCluster, Corroboration, StoryReport
from storyline.render.json import report_from_dict, report_to_dict
from storyline.store import Store
from storyline.store.schema import ArticleRow, Base
from storyline.store.stories import LinkArticleRow, LinkStoryRow, load_story


class StoryReportRow(Base):
    __tablename__ = "story_reports"

    story_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[str] = mapped_column(
        String(64)
    )  # "<articles>:<link seq>" of the story it was computed from
    computed: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC, naive
    seconds: Mapped[float] = mapped_column(Float, default=0.0)  # time the comparison took
    articles: Mapped[int] = mapped_column(Integer, default=0)
    claims: Mapped[int] = mapped_column(Integer, default=0)
    corroborated: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[int] = mapped_column(Integer, default=0)
    # independent sources as the report counts them (rewritten copies once); None: stored before
    independent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    report: Mapped[dict] = mapped_column(JSON)  # render.json.report_to_dict


@dataclass(slots=True)
class StoredReport:
    report: StoryReport
    version: str
    computed: dt.datetime
    seconds: float
    current: bool  # computed from the story as it is now


@dataclass(slots=True)
class ReportCounts:
    """What a story list shows of a story's stored report."""

    claims: int
    corroborated: int
    conflicts: int
    computed: dt.datetime
    current: bool
    independent: int | None = None  # as the report counts them (None: a report stored before)


@dataclass(slots=True)
class ClaimChange:
    cluster: int
    text: str
    independent: int  # independent outlets stating it now
    before: int  # ... among articles stored before the date (0: a new claim)


@dataclass(slots=True)
class ConflictChange:
    index: int  # position in the report's conflicts
    kind: str
    reason: str
    a_article: int
    b_article: int


@dataclass(slots=True)
class Changes:
    story_id: int
    since: dt.datetime
    new_articles: list[int] = field(default_factory=list)
    new_claims: list[ClaimChange] = field(default_factory=list)
    changed_claims: list[ClaimChange] = field(default_factory=list)
    new_conflicts: list[ConflictChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new_articles or self.new_claims or self.changed_claims or self.new_conflicts)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def story_versions(store: Store, story_ids: Sequence[int] | None = None) -> dict[int, str]:
    """story id -> current version, for the given stories (all when None)."""
    q = select(LinkStoryRow.id, LinkStoryRow.n_articles, LinkStoryRow.seq)
    if story_ids is not None:
        q = q.where(LinkStoryRow.id.in_(list(story_ids)))
    with store.session() as s:
        return {sid: f"{n}:{seq}" for sid, n, seq in s.execute(q)}


def get_report(store: Store, story_id: int) -> StoredReport | None:
    """The stored report of a story (possibly stale: see ``current``), or None."""
    with store.session() as s:
        row = s.get(StoryReportRow, story_id)
        if row is None:
            return None
        version = story_versions(store, [story_id]).get(story_id)
        return StoredReport(
            report_from_dict(row.report), row.version, row.computed, row.seconds, row.version == version
        )


def report_stamp(store: Store, story_id: int) -> tuple[dt.datetime, bool] | None:
    """(computed, current) of the stored report, without reading the report itself."""
    q = select(StoryReportRow.computed, StoryReportRow.version).where(StoryReportRow.story_id == story_id)
    with store.session() as s:
        row = s.execute(q).first()
    if row is None:
        return None
    return row[0], row[1] == story_versions(store, [story_id]).get(story_id)


def report_counts(store: Store, story_ids: Sequence[int]) -> dict[int, ReportCounts]:
    if not story_ids:
        return {}
    versions = story_versions(store, story_ids)
    q = select(
        StoryReportRow.story_id,
        StoryReportRow.version,
        StoryReportRow.claims,
        StoryReportRow.corroborated,
        StoryReportRow.conflicts,
        StoryReportRow.computed,
        StoryReportRow.independent,
    ).where(StoryReportRow.story_id.in_(list(story_ids)))
    with store.session() as s:
        return {
            sid: ReportCounts(claims, corr, conf, computed, versions.get(sid) == version, indep)
            for sid, version, claims, corr, conf, computed, indep in s.execute(q)
        }


def compute_report(store: Store, story_id: int) -> StoredReport | None:
    """Compare the story's articles now and store the report; None when there is no such story."""
    with store.session() as s:
        story = load_story(s, story_id)
    if story is None:
        return None
    version = story_versions(store, [story_id]).get(story_id, "")
    t0 = time.perf_counter()
    arts = {a.id: a for a in store.iter_articles(story.article_ids) if a.id is not None}
    facts = {}
    for aid in arts:
        f = store.get_facts(aid)
        if f is not None:
            f.article_id = aid
            facts[aid] = f
    report = compare_story(story, arts, facts)
    seconds = time.perf_counter() - t0
    return save_report(store, report, version, seconds)


def save_report(store: Store, report: StoryReport, version: str, seconds: float = 0.0) -> StoredReport:
    now = utcnow()
    values = {
        "version": version,
        "computed": now,
        "seconds": seconds,
        "articles": len(report.sources),
        "claims": len(report.clusters),
        "corroborated": sum(1 for c in report.corroboration if c.label == "corroborated"),
        "conflicts": len(report.conflicts),
        "independent": report.independent,
        "report": report_to_dict(report),
    }

    def tx() -> None:
        with store.session() as s, s.begin():
            row = s.get(StoryReportRow, report.story_id)
            if row is None:
                s.add(StoryReportRow(story_id=report.story_id, **values))
            else:
                for k, v in values.items():
                    setattr(row, k, v)

    store._retry(tx)
    return StoredReport(report, version, now, seconds, True)


def stale_stories(store: Store, limit: int = 20, min_articles: int = 1) -> list[int]:
    """Stories without a report or whose report is older than the story, most recently updated first."""
    q = (
        select(LinkStoryRow.id, LinkStoryRow.n_articles, LinkStoryRow.seq, StoryReportRow.version)
        .outerjoin(StoryReportRow, StoryReportRow.story_id == LinkStoryRow.id)
        .where(LinkStoryRow.n_articles >= min_articles)
        .order_by(LinkStoryRow.seq.desc())
    )
    out = []
    with store.session() as s:
        for sid, n, seq, version in s.execute(q):
            if version != f"{n}:{seq}":
                out.append(sid)
                if len(out) >= limit:
                    break
    return out


def refresh_stale(store: Store, limit: int = 5) -> list[int]:
    """Recompute up to ``limit`` stale reports; returns the story ids done."""
    done = []
    for sid in stale_stories(store, limit):
        if compute_report(store, sid) is not None:
            done.append(sid)
    return done


def articles_since(store: Store, article_ids: Iterable[int], since: dt.datetime) -> set[int]:
    """Those of ``article_ids`` stored at or after ``since`` (UTC). Store times have one-second
    resolution (SQLite CURRENT_TIMESTAMP): the whole second of ``since`` counts as after it."""
    since = since.replace(microsecond=0)
    cond = ArticleRow.created >= since
    if store.engine.dialect.name == "sqlite":  # stored as text 'YYYY-MM-DD HH:MM:SS': compare as text
        cond = type_coerce(ArticleRow.created, String) >= since.strftime("%Y-%m-%d %H:%M:%S")
    elif store.engine.dialect.name == "postgresql":
        # now() was stored without its zone, in the server's: read it back in that zone
        local = func.timezone(func.current_setting("TimeZone"), ArticleRow.created)
        cond = local >= literal(since.replace(tzinfo=dt.UTC), DateTime(timezone=True))
    ids = sorted(set(article_ids))
    out: set[int] = set()
    with store.session() as s:
        for i in range(0, len(ids), 500):
            q = select(ArticleRow.id).where(ArticleRow.id.in_(ids[i : i + 500]), cond)
            out.update(s.scalars(q))
    return out


def _independent(co: Corroboration, old: set[int]) -> int:
    return sum(1 for sup in co.support if any(a in old for a in sup.article_ids))


def changes(store: Store, report: StoryReport, since: dt.datetime) -> Changes:
    """What the story gained since ``since``: articles stored after it, claims only they state, claims
    whose count of independent outlets they raised, conflicts with a side in them."""
    ids = [s.article_id for s in report.sources]
    new = articles_since(store, ids, since)
    old = set(ids) - new
    out = Changes(report.story_id, since, new_articles=sorted(new))
    if not new:
        return out
    for c, co in zip(report.clusters, report.corroboration, strict=True):
        before = _independent(co, old)
        if before == co.independent:
            continue
        ch = ClaimChange(c.id, _claim_text(c), co.independent, before)
        (out.changed_claims if before else out.new_claims).append(ch)
    for i, cf in enumerate(report.conflicts):
        if cf.a.article_id in new or cf.b.article_id in new:
            out.new_conflicts.append(ConflictChange(i, cf.kind, cf.reason, cf.a.article_id, cf.b.article_id))
    return out


def _claim_text(c: ClaimCluster) -> str:
    return c.members[c.representative].span.text if c.members else ""


def story_article_dates(store: Store, story_ids: Sequence[int]) -> dict[int, list[dt.date]]:
    """story id -> publication dates of its dated articles (for coverage sparklines)."""
    out: dict[int, list[dt.date]] = {sid: [] for sid in story_ids}
    if not story_ids:
        return out
    q = select(LinkArticleRow.story_id, LinkArticleRow.published).where(
        LinkArticleRow.story_id.in_(list(story_ids)), LinkArticleRow.published.is_not(None)
    )
    with store.session() as s:
        for sid, pub in s.execute(q):
            if pub is not None:
                out[sid].append(pub)
    return out
