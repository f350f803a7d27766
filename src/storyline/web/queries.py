"""What the pages and the API read from the store: story rows with their report counts, entity lookups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from storyline.store import Store
from storyline.store.reports import StoryReportRow
from storyline.store.stories import LinkStoryRow

SORTS = ("recent", "articles", "outlets", "conflicts", "corroborated")


@dataclass(slots=True)
class StoryRow:
    id: int
    label: str
    start: dt.date | None
    end: dt.date | None
    articles: int
    independent: int
    outlets: list[str]
    key_entities: list[str]
    seq: int
    claims: int | None = None  # from the stored report, None before the first one
    corroborated: int | None = None
    conflicts: int | None = None
    computed: dt.datetime | None = None
    current: bool = False
    dates: list[dt.date] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StoryFilter:
    entity: str = ""
    outlet: str = ""
    text: str = ""
    start: dt.date | None = None  # stories with coverage on or after this day
    end: dt.date | None = None  # ... and on or before this one
    min_articles: int = 1

    def keep(self, r: StoryRow) -> bool:
        if r.articles < self.min_articles:
            return False
        if self.entity and not any(self.entity.lower() == e.lower() for e in r.key_entities):
            return False
        if self.outlet and not any(self.outlet.lower() == o.lower() for o in r.outlets):
            return False
        if self.text and self.text.lower() not in r.label.lower():
            return False
        if self.start and (r.end is None or r.end < self.start):
            return False
        return not (self.end and (r.start is None or r.start > self.end))


def _rows(store: Store, where: list) -> list[StoryRow]:  # type: ignore[type-arg]
    q = (
        select(
            LinkStoryRow.id,
            LinkStoryRow.label,
            LinkStoryRow.first,
            LinkStoryRow.last,
            LinkStoryRow.n_articles,
            LinkStoryRow.independent_outlets,
            LinkStoryRow.summary,
            LinkStoryRow.seq,
            StoryReportRow.claims,
            StoryReportRow.corroborated,
            StoryReportRow.conflicts,
            StoryReportRow.computed,
            StoryReportRow.version,
            StoryReportRow.independent,
        )
        .outerjoin(StoryReportRow, StoryReportRow.story_id == LinkStoryRow.id)
        .where(*where)
    )
    rows = []
    with store.session() as s:
        for (
            sid,
            label,
            first,
            last,
            n,
            indep,
            summary,
            seq,
            claims,
            corr,
            conf,
            computed,
            version,
            report_indep,
        ) in s.execute(q):
            summary = summary or {}
            current = version == f"{n}:{seq}"
            if current and report_indep is not None:
                indep = report_indep  # the brief's count: rewritten copies once, not only verbatim ones
            # relayed voices ("X relays AP") count as outlets too: independent never exceeds the total
            outlets = sorted(set(summary.get("outlets", [])) | set(summary.get("voices", [])))
            r = StoryRow(
                sid,
                label,
                first,
                last,
                n,
                indep,
                outlets,
                list(summary.get("key_entities", [])),
                seq,
                claims,
                corr,
                conf,
                computed,
                current,
            )
            rows.append(r)
    return rows


def story_rows(
    store: Store,
    flt: StoryFilter,
    sort: str = "recent",
    limit: int = 25,
    offset: int = 0,
) -> tuple[list[StoryRow], int]:
    """Stories passing ``flt``, sorted, one page of them, and how many passed."""
    rows = [r for r in _rows(store, [LinkStoryRow.n_articles >= flt.min_articles]) if flt.keep(r)]
    key = {
        "recent": lambda r: (r.end or dt.date.min, r.seq),
        "articles": lambda r: (r.articles, r.seq),
        "outlets": lambda r: (r.independent, r.articles),
        "conflicts": lambda r: (r.conflicts or 0, r.articles),
        "corroborated": lambda r: (r.corroborated or 0, r.articles),
    }[sort if sort in SORTS else "recent"]
    rows.sort(key=key, reverse=True)  # type: ignore[arg-type]
    return rows[offset : offset + limit], len(rows)


def story_row(store: Store, story_id: int) -> StoryRow | None:
    rows = _rows(store, [LinkStoryRow.id == story_id])
    return rows[0] if rows else None


def entity_index(store: Store) -> dict[str, list[int]]:
    """Key entity name -> ids of the stories it is key to (most recent story first)."""
    out: dict[str, list[int]] = {}
    q = select(LinkStoryRow.id, LinkStoryRow.summary).order_by(LinkStoryRow.seq.desc())
    with store.session() as s:
        for sid, summary in s.execute(q):
            for name in (summary or {}).get("key_entities", []):
                out.setdefault(name, []).append(sid)
    return out
