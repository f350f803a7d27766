"""Server-rendered pages: story list, story, article, entity, search. Templates in web/templates,
sharing the brief's sections with the standalone HTML brief (storyline/render/templates)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from storyline.model import Article, ArticleFacts, Coverage, StoryReport
from storyline.render.escape import safe_url
from storyline.render.html import brief_context, coverage_svg, timeline_svg
from storyline.render.view import build_view, outlet_labels
from storyline.store import reports as stored
from storyline.store.search import HIT_END, HIT_START
from storyline.store.stories import load_story, story_of
from storyline.web.api import parse_since, run_search, web
from storyline.web.queries import SORTS, StoryFilter, entity_index, story_row, story_rows
from storyline.web.state import WebState

router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=0, le=2**31 - 1)]


def page(st: WebState, template: str, status: int = 200, /, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(st.templates.get_template(template).render(**ctx), status_code=status)


def _date(x: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(x) if x else None
    except ValueError:
        return None


def sparkline(dates: list[dt.date], width: int = 120, height: int = 24) -> Markup:
    """Articles a day over the story's span as bars, with a text alternative."""
    if not dates:
        return Markup("")
    first, last = min(dates), max(dates)
    days = (last - first).days + 1
    counts = Counter((d - first).days for d in dates)
    bins = min(days, 30)
    per = [0] * bins
    for day, n in counts.items():
        per[min(day * bins // days, bins - 1)] += n
    top = max(per)
    bw = width / bins
    label = f"{len(dates)} dated articles from {first.isoformat()} to {last.isoformat()}, busiest bar {top}"
    bars = "".join(
        f'<rect x="{i * bw + 0.5:.1f}" y="{height - max(1.0, height * n / top):.1f}" width="{max(bw - 1, 1):.1f}" '
        f'height="{max(1.0, height * n / top):.1f}" fill="#1f6f8b"/>'
        for i, n in enumerate(per)
        if n
    )
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="spark" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(label)}"><title>{escape(label)}</title>{bars}</svg>'
    )


# ---------------------------------------------------------------- story list


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    page_no: Annotated[int, Query(alias="page", ge=1, le=10**6)] = 1,
    sort: str = "recent",
    entity: Annotated[str, Query(max_length=200)] = "",
    outlet: Annotated[str, Query(max_length=200)] = "",
    q: Annotated[str, Query(max_length=200)] = "",
    start: str = "",
    end: str = "",
) -> HTMLResponse:
    st = web(request)
    sort = sort if sort in SORTS else "recent"
    flt = StoryFilter(entity.strip(), outlet.strip(), q.strip(), _date(start), _date(end))
    size = st.config.page_size
    rows, total = story_rows(st.store, flt, sort, size, (page_no - 1) * size)
    dates = stored.story_article_dates(st.store, [r.id for r in rows])
    params = {
        "sort": sort,
        "entity": flt.entity,
        "outlet": flt.outlet,
        "q": flt.text,
        "start": start,
        "end": end,
    }

    def page_url(n: int) -> str:
        return "/?" + urlencode({**{k: v for k, v in params.items() if v}, "page": n})

    pages = max(1, (total + size - 1) // size)
    return page(
        st,
        "stories.html.j2",
        rows=rows,
        total=total,
        params=params,
        sorts=SORTS,
        page_no=page_no,
        pages=pages,
        page_url=page_url,
        spark={r.id: sparkline(dates.get(r.id, [])) for r in rows},
        title="Stories",
    )


# ---------------------------------------------------------------- story


def span_index(report: StoryReport) -> dict[tuple[int, str], tuple[str, int, int]]:
    """(article id, verbatim text) -> (field, start, end): where each text a brief quotes sits."""
    out: dict[tuple[int, str], tuple[str, int, int]] = {}

    def put(aid: int, text: str, field: str, start: int, end: int) -> None:
        out.setdefault((aid, text), (field, start, end))

    for c in report.clusters:
        for m in c.members:
            f = "text" if m.part == "body" else m.part
            put(m.article_id, m.span.text, f, m.span.start, m.span.end)
            for extra in (m.whole, m.context):
                if extra is not None:
                    put(m.article_id, extra.text, f, extra.start, extra.end)
    for cf in report.conflicts:
        for r in (cf.a, cf.b):
            put(r.article_id, r.text, r.field, r.start, r.end)
    for g in report.quotes:
        for v in g.variants:
            put(v.article_id, v.content.text, v.field, v.content.start, v.content.end)
    for fs in report.framing:
        put(fs.span.article_id, fs.span.text, fs.span.field, fs.span.start, fs.span.end)
    for e in report.timeline:
        for r in e.evidence:
            put(r.article_id, r.text, r.field, r.start, r.end)
    return out


def citation_links(report: StoryReport) -> Any:
    """cite_href(ref, text): the article page with the cited span highlighted."""
    spans = span_index(report)
    aid_of = {s.ref: s.article_id for s in report.sources}

    def cite_href(n: int, text: str | None = None) -> str:
        aid = aid_of.get(n)
        if aid is None:
            return f"#src-{n}"
        where = spans.get((aid, text)) if text is not None else None
        if where is None:
            return f"/articles/{aid}"
        field, start, end = where
        return f"/articles/{aid}?" + urlencode({"field": field, "start": start, "end": end}) + "#hl"

    return cite_href


GLANCE_ROWS = 10  # matrix rows in the first screen: with the timeline under them they fit a 1280x800 window
GLANCE_OUTLETS = 24  # columns: at 22 px a cell, what the right-hand column holds unscaled
# How much of each long list the story page shows before "show everything" (?full=1): a 1,000-article
# story lists hundreds of claims, and the whole report renders to megabytes (bench/bench_web.py).
CITE_LIMIT = 8  # citations shown after one span (a claim 200 articles state lists 8 and "+192")
PAGE_LIMITS = {"claims": 60, "single": 40, "renderings": 2, "omissions": 12, "framing": 12, "quotes": 12}


@dataclass(slots=True)
class Glance:
    matrix: Markup
    note: str
    rows: list[tuple[int, Any, list[str]]]  # the coverage rows drawn, for the table beside the picture
    outlets: list[str]


def glance_matrix(report: StoryReport, view_rows: list[tuple[int, Any, list[str]]]) -> Glance:
    """The coverage picture of the first screen: the most corroborated claims and the outlets stating
    most of them (the table under it lists the same cells; the JSON report has all)."""
    cov = report.coverage
    labels = outlet_labels(report)
    if not cov.clusters:
        return Glance(Markup(""), "", [], labels)
    indep = {co.cluster: co.independent for co in report.corroboration}
    order = sorted(range(len(cov.clusters)), key=lambda i: (-indep.get(cov.clusters[i], 0), cov.clusters[i]))
    keep = sorted(order[:GLANCE_ROWS])
    filled = [sum(1 for i in keep if cov.cells[i][j]) for j in range(len(cov.outlets))]
    cols = sorted(sorted(range(len(cov.outlets)), key=lambda j: (-filled[j], j))[:GLANCE_OUTLETS])
    small = Coverage(
        [cov.outlets[j] for j in cols],
        [cov.clusters[i] for i in keep],
        [[cov.cells[i][j] for j in cols] for i in keep],
        {},
    )
    sources = [s for s in report.sources if s.outlet in set(small.outlets)]
    trimmed = StoryReport(report.story_id, report.label, sources=sources, coverage=small)
    parts = []
    if len(keep) < len(cov.clusters):
        parts.append(f"the {len(keep)} most corroborated of {len(cov.clusters)} claims")
    if len(cols) < len(cov.outlets):
        parts.append(f"{len(cols)} of {len(cov.outlets)} outlets")
    rows = [(cid, text, [cells[j] for j in cols]) for cid, text, cells in (view_rows[i] for i in keep)]
    return Glance(coverage_svg(trimmed), ", ".join(parts), rows, [labels[j] for j in cols])


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(
    request: Request,
    story_id: Id,
    since: Annotated[str, Query(max_length=40)] = "",
    full: Annotated[bool, Query(description="every item of every list")] = False,
) -> HTMLResponse:
    return HTMLResponse(story_html(web(request), story_id, since, full))


def warm(st: WebState, story_ids: list[int]) -> None:
    """Parse the reports and render the pages of these stories, so their next reader is served at once."""
    for sid in story_ids:
        try:
            story_html(st, sid, "", False)
        except HTTPException:  # the story went away
            continue


def story_html(st: WebState, story_id: int, since: str, full: bool) -> str:
    row = story_row(st.store, story_id)
    rep = st.report(story_id) if row is not None else None
    if row is None or rep is None:
        raise HTTPException(404, f"no story {story_id}")
    key = (story_id, f"{rep.computed.isoformat()}|{rep.current}|{row.articles}:{row.seq}", full)
    if not since and (cached := st.pages.get(key)) is not None:
        return cached
    report = rep.report
    view = build_view(report)
    ctx = brief_context(report, view, pictures=False)
    ctx["cite_href"] = citation_links(report)
    ctx["article_href"] = lambda aid: f"/articles/{aid}"
    ctx["cite_limit"] = None if full else CITE_LIMIT
    glance = glance_matrix(report, view.coverage_rows)
    ctx.update(
        matrix=glance.matrix,
        matrix_note=glance.note,
        glance_rows=glance.rows,
        glance_outlets=glance.outlets,
        timeline=timeline_svg(report),
    )
    changes = stored.changes(st.store, report, parse_since(since)) if since else None
    limits = {**{k: None for k in PAGE_LIMITS}, "renderings": 4} if full else PAGE_LIMITS
    html = st.templates.get_template("story.html.j2").render(
        **ctx,
        row=row,
        rep=rep,
        changes=changes,
        since=since,
        refs={s.article_id: s.ref for s in report.sources},
        version=f"{row.articles}:{row.seq}",
        title=report.label,
        limits=limits,
        full=full,
    )
    if not since:
        st.pages.put(key, html)
    return html


# ---------------------------------------------------------------- article


@dataclass(slots=True)
class Segment:
    text: str
    claim: int | None = None  # claim cluster id when part of a claim
    claim_local: bool = False  # part of a claim the report has no cluster for
    quote: bool = False
    hl: bool = False
    first_hl: bool = False


def segments(
    text: str,
    base: int,
    claims: list[tuple[int, int, int | None]],
    quotes: list[tuple[int, int]],
    hl: tuple[int, int] | None,
) -> list[Segment]:
    """``text`` (starting at offset ``base``) cut where a claim, quote or the highlighted span starts or ends."""
    end = base + len(text)
    cuts = {base, end}
    for a, b, _ in claims:
        cuts.update(x for x in (a, b) if base < x < end)
    for a, b in quotes:
        cuts.update(x for x in (a, b) if base < x < end)
    if hl:
        cuts.update(x for x in hl if base < x < end)
    points = sorted(cuts)
    out: list[Segment] = []
    seen_hl = False
    for a, b in zip(points, points[1:], strict=False):
        seg = Segment(text[a - base : b - base])
        for ca, cb, cid in claims:
            if ca <= a and b <= cb:
                if cid is not None:
                    seg.claim = cid
                else:
                    seg.claim_local = True
        seg.quote = any(qa <= a and b <= qb for qa, qb in quotes)
        if hl and hl[0] <= a and b <= hl[1]:
            seg.hl = True
            seg.first_hl = not seen_hl
            seen_hl = True
        out.append(seg)
    return out


def article_body(
    art: Article, facts: ArticleFacts | None, clusters: dict[int, int], hl: tuple[str, int, int] | None
) -> dict[str, list[list[Segment]] | list[Segment]]:
    """Paragraph segments of the body, and of the title and dek, with claims, quotes and the cited span marked."""
    claims: list[tuple[int, int, int | None]] = []
    quotes: list[tuple[int, int]] = []
    if facts is not None:
        claims = [(c.span.start, c.span.end, clusters.get(i)) for i, c in enumerate(facts.claims)]
        quotes = [(q.content.start, q.content.end) for q in facts.quotes if q.part == "body"]
    body_hl = (hl[1], hl[2]) if hl and hl[0] == "text" else None
    paras = [
        segments(p, off, claims, quotes, body_hl)
        for p, off in zip(art.paragraphs, art.paragraph_offsets(), strict=True)
    ]
    out: dict[str, Any] = {"paragraphs": paras}
    for f in ("title", "dek"):
        t = getattr(art, f) or ""
        out[f] = segments(t, 0, [], [], (hl[1], hl[2]) if hl and hl[0] == f else None) if t else []
    return out


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request,
    article_id: Id,
    field: Annotated[str, Query(pattern="^(text|title|dek)$")] = "text",
    start: Annotated[int | None, Query(ge=0, le=10**9)] = None,
    end: Annotated[int | None, Query(ge=0, le=10**9)] = None,
) -> HTMLResponse:
    st = web(request)
    art = st.store.get_article(article_id)
    if art is None or art.id is None:
        raise HTTPException(404, f"no article {article_id}")
    facts = st.store.get_facts(art.id)
    with st.store.session() as s:
        sid = story_of(s, [art.id]).get(art.id)
    clusters: dict[int, int] = {}
    label = None
    if sid is not None:
        rep = st.report(sid, compute=False)
        if rep is not None:
            label = rep.report.label
            for c in rep.report.clusters:
                for m in c.members:
                    if m.article_id == art.id and m.part == "body":
                        clusters.setdefault(m.claim, c.id)
    hl = (field, start, end) if start is not None and end is not None and start < end else None
    return page(
        st,
        "article.html.j2",
        a=art,
        facts=facts,
        story_id=sid,
        story_label=label,
        body=article_body(art, facts, clusters, hl),
        safe_url=safe_url,
        title=art.title or art.source,
    )


# ---------------------------------------------------------------- entity, search


@router.get("/entities/{name}", response_class=HTMLResponse)
def entity_page(request: Request, name: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    st = web(request)
    idx = entity_index(st.store)
    key = next((n for n in idx if n.lower() == name.lower()), None)
    if key is None:
        raise HTTPException(404, f"no story has {name!r} as a key entity")
    rows = [r for sid in idx[key][:50] if (r := story_row(st.store, sid)) is not None]
    rows.sort(key=lambda r: (r.start or dt.date.min, r.id))
    aliases: set[str] = set()
    roles: set[str] = set()
    quotes: list[tuple[int, str, list[Any]]] = []
    with st.store.session() as s:
        for r in rows[-10:]:
            story = load_story(s, r.id)
            for e in story.entities if story else []:
                if e.name.lower() == key.lower():
                    aliases.update(a for a in e.aliases if a != e.name)
                    roles.update(e.roles)
    for r in rows[-10:]:
        rep = st.report(r.id, compute=False)
        if rep is None:
            continue
        groups = [g for g in rep.report.quotes if (g.speaker or "").lower() == key.lower()]
        if groups:
            quotes.append((r.id, r.label, groups))
    return page(
        st,
        "entity.html.j2",
        name=key,
        rows=rows,
        aliases=sorted(aliases),
        roles=sorted(roles),
        quotes=quotes,
        title=key,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    st = web(request)
    result = run_search(st, q, 100, 0) if q.strip() else None

    def snippet(s: str) -> Markup:
        return Markup(str(escape(s)).replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))

    return page(
        st, "search.html.j2", q=q, result=result, snippet=snippet, title=f"Search: {q}" if q else "Search"
    )
