"""REST API under /api/: typed (pydantic) answers, paginated lists, JSON errors with status codes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from storyline.ingest import read_bytes
from storyline.model import IngestError, RawDoc, StoryReport
from storyline.store import reports as stored
from storyline.store import search as fts
from storyline.store.schema import ArticleRow
from storyline.store.stories import load_story, story_of
from storyline.web.ingest import run_pipeline
from storyline.web.queries import SORTS, StoryFilter, StoryRow, entity_index, story_row, story_rows
from storyline.web.state import WebState

router = APIRouter(prefix="/api", tags=["api"])
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=10**9)]
# ids fit the databases' 32-bit INTEGER columns
StoryId = Annotated[int, Path(ge=0, le=2**31 - 1)]
ArticleId = Annotated[int, Path(ge=0, le=2**31 - 1)]


def web(request: Request) -> WebState:
    return request.app.state.web  # type: ignore[no-any-return]


# ---------------------------------------------------------------- models


class StoryOut(BaseModel):
    id: int
    label: str
    start: dt.date | None
    end: dt.date | None
    articles: int
    outlets: int = Field(description="distinct outlets")
    independent_outlets: int = Field(description="outlets counted once per copy group or relayed voice")
    key_entities: list[str]
    claims: int | None = Field(
        None, description="claim clusters in the stored report (null before the first)"
    )
    corroborated: int | None = None
    conflicts: int | None = None
    report_computed: dt.datetime | None = Field(None, description="when the stored report was computed (UTC)")
    report_current: bool = Field(False, description="the stored report covers the story as it is now")


class StoryPage(BaseModel):
    items: list[StoryOut]
    total: int
    limit: int
    offset: int


class StoryDetail(StoryOut):
    article_ids: list[int]
    version: str


class ReportOut(BaseModel):
    story_id: int
    version: str = Field(description="'<articles>:<link seq>' of the story the report was computed from")
    computed: dt.datetime
    seconds: float
    current: bool
    report: StoryReport


class ClaimChangeOut(BaseModel):
    cluster: int
    text: str
    independent: int
    before: int


class ConflictChangeOut(BaseModel):
    index: int
    kind: str
    reason: str
    a_article: int
    b_article: int


class ChangesOut(BaseModel):
    story_id: int
    since: dt.datetime
    report_computed: dt.datetime
    new_articles: list[int]
    new_claims: list[ClaimChangeOut]
    changed_claims: list[ClaimChangeOut]
    new_conflicts: list[ConflictChangeOut]


class DroppedOut(BaseModel):
    text: str
    reason: str
    line: int | None = None


class ArticleOut(BaseModel):
    id: int
    title: str | None
    dek: str | None
    byline: str | None
    outlet: str | None
    reported_via: str | None
    published: dt.date | None
    url: str | None
    source: str
    language: str | None = None
    story_id: int | None
    paragraphs: list[str]
    dropped: list[DroppedOut]


class ArticleSummary(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    published: dt.date | None
    story_id: int | None


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    total: int
    limit: int
    offset: int


class EntityOut(BaseModel):
    name: str
    stories: list[int]


class EntityPage(BaseModel):
    items: list[EntityOut]
    total: int
    limit: int
    offset: int


class HitOut(BaseModel):
    article_id: int
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str = Field(description="matched words between \\u0002 and \\u0003")


class SearchGroup(BaseModel):
    story_id: int | None
    label: str | None
    hits: list[HitOut]


class SearchOut(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    groups: list[SearchGroup]


class ErrorOut(BaseModel):
    source: str
    reason: str


class IngestOut(BaseModel):
    stored: list[int]
    existing: list[int]
    errors: list[ErrorOut]
    stories: list[int]


class Detail(BaseModel):
    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": Detail}}
PENDING: dict[int | str, dict[str, Any]] = {
    202: {
        "model": Detail,
        "description": "a big story's first report is being computed: retry after Retry-After",
    }
}


def story_out(r: StoryRow) -> StoryOut:
    return StoryOut(
        id=r.id,
        label=r.label,
        start=r.start,
        end=r.end,
        articles=r.articles,
        outlets=len(r.outlets),
        independent_outlets=r.independent,
        key_entities=r.key_entities,
        claims=r.claims,
        corroborated=r.corroborated,
        conflicts=r.conflicts,
        report_computed=r.computed,
        report_current=r.current,
    )


def parse_since(since: str) -> dt.datetime:
    """An ISO date or date-time; a zone is converted to UTC (stored times are UTC)."""
    try:
        t = dt.datetime.fromisoformat(since.strip())
    except ValueError:
        raise HTTPException(422, f"since: expected an ISO date or date-time, got {since[:40]!r}") from None
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC).replace(tzinfo=None)
    return t


def _date(x: str | None, name: str) -> dt.date | None:
    if not x:
        return None
    try:
        return dt.date.fromisoformat(x)
    except ValueError:
        raise HTTPException(422, f"{name}: expected a date YYYY-MM-DD, got {x[:40]!r}") from None


# ---------------------------------------------------------------- routes


@router.get("/stories", response_model=StoryPage)
def list_stories(
    request: Request,
    limit: Limit = 25,
    offset: Offset = 0,
    sort: Annotated[str, Query(pattern="^(" + "|".join(SORTS) + ")$")] = "recent",
    entity: Annotated[str, Query(max_length=200)] = "",
    outlet: Annotated[str, Query(max_length=200)] = "",
    q: Annotated[str, Query(max_length=200, description="words in the label")] = "",
    start: Annotated[str | None, Query(description="stories with coverage on or after (YYYY-MM-DD)")] = None,
    end: Annotated[str | None, Query(description="stories with coverage on or before (YYYY-MM-DD)")] = None,
    min_articles: Annotated[int, Query(ge=1, le=10**6)] = 1,
) -> StoryPage:
    flt = StoryFilter(entity, outlet, q, _date(start, "start"), _date(end, "end"), min_articles)
    rows, total = story_rows(web(request).store, flt, sort, limit, offset)
    return StoryPage(items=[story_out(r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=ERRORS)
def get_story(request: Request, story_id: StoryId) -> StoryDetail:
    st = web(request)
    r = story_row(st.store, story_id)
    if r is None:
        raise HTTPException(404, f"no story {story_id}")
    with st.store.session() as s:
        story = load_story(s, story_id)
    ids = story.article_ids if story else []
    return StoryDetail(**story_out(r).model_dump(), article_ids=ids, version=f"{r.articles}:{r.seq}")


def _report(request: Request, story_id: StoryId) -> stored.StoredReport:
    rep = web(request).report(story_id)
    if rep is None:
        raise HTTPException(404, f"no story {story_id}")
    return rep


@router.get("/stories/{story_id}/report", response_model=ReportOut, responses={**ERRORS, **PENDING})
def get_report(request: Request, story_id: StoryId) -> ReportOut:
    """The stored comparison report (computed on first request, then recomputed in the background
    when the story changes)."""
    rep = _report(request, story_id)
    return ReportOut(
        story_id=story_id,
        version=rep.version,
        computed=rep.computed,
        seconds=rep.seconds,
        current=rep.current,
        report=rep.report,
    )


@router.get(
    "/stories/{story_id}/changes",
    response_model=ChangesOut,
    responses={**ERRORS, **PENDING, 422: {"model": Detail}},
)
def get_changes(
    request: Request,
    story_id: StoryId,
    since: Annotated[
        str, Query(max_length=40, description="ISO date or date-time (UTC unless a zone is given)")
    ],
) -> ChangesOut:
    """What the story gained since a date: new articles, new claims, claims whose count of
    independent outlets rose, new conflicts."""
    t = parse_since(since)
    rep = web(request).current_report(story_id)
    if rep is None:
        raise HTTPException(404, f"no story {story_id}")
    ch = stored.changes(web(request).store, rep.report, t)
    return ChangesOut(
        story_id=story_id,
        since=t,
        report_computed=rep.computed,
        new_articles=ch.new_articles,
        new_claims=[ClaimChangeOut(**dataclasses.asdict(c)) for c in ch.new_claims],
        changed_claims=[ClaimChangeOut(**dataclasses.asdict(c)) for c in ch.changed_claims],
        new_conflicts=[ConflictChangeOut(**dataclasses.asdict(c)) for c in ch.new_conflicts],
    )


@router.get("/articles", response_model=ArticlePage)
def list_articles(request: Request, limit: Limit = 25, offset: Offset = 0) -> ArticlePage:
    """Articles, newest stored first."""
    from sqlalchemy import func, select

    store = web(request).store
    with store.session() as s:
        total = int(s.scalar(select(func.count(ArticleRow.id))) or 0)
        rows = list(
            s.execute(
                select(ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published)
                .order_by(ArticleRow.id.desc())
                .limit(limit)
                .offset(offset)
            )
        )
        stories = story_of(s, [r[0] for r in rows])
    items = [
        ArticleSummary(id=a, title=t, outlet=o, published=p, story_id=stories.get(a)) for a, t, o, p in rows
    ]
    return ArticlePage(items=items, total=total, limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=ERRORS)
def get_article(request: Request, article_id: ArticleId) -> ArticleOut:
    store = web(request).store
    art = store.get_article(article_id)
    if art is None or art.id is None:
        raise HTTPException(404, f"no article {article_id}")
    with store.session() as s:
        sid = story_of(s, [art.id]).get(art.id)
    return ArticleOut(
        id=art.id,
        title=art.title,
        dek=art.dek,
        byline=art.byline,
        outlet=art.outlet,
        reported_via=art.reported_via,
        published=art.published,
        url=art.url,
        source=art.source,
        language=getattr(art, "language", None),
        story_id=sid,
        paragraphs=art.paragraphs,
        dropped=[DroppedOut(text=d.text, reason=d.reason, line=d.line) for d in art.dropped],
    )


@router.get("/entities", response_model=EntityPage)
def list_entities(
    request: Request, q: Annotated[str, Query(max_length=200)] = "", limit: Limit = 50, offset: Offset = 0
) -> EntityPage:
    """Key entities of stories (by how many stories they are key to), optionally matching ``q``."""
    idx = entity_index(web(request).store)
    names = sorted((n for n in idx if q.lower() in n.lower()), key=lambda n: (-len(idx[n]), n))
    items = [EntityOut(name=n, stories=idx[n]) for n in names[offset : offset + limit]]
    return EntityPage(items=items, total=len(names), limit=limit, offset=offset)


@router.get("/search", response_model=SearchOut)
def search_articles(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> SearchOut:
    """Full-text search over articles (every word must match), results grouped by story."""
    return run_search(web(request), q, limit, offset)


def run_search(st: WebState, q: str, limit: int, offset: int) -> SearchOut:
    fts.sync(st.store)
    hits, total = fts.search(st.store, q, limit, offset)
    labels: dict[int, str] = {}
    sids = sorted({h.story_id for h in hits if h.story_id is not None})
    for sid in sids:
        r = story_row(st.store, sid)
        if r is not None:
            labels[sid] = r.label
    groups: dict[int | None, SearchGroup] = {}
    for h in hits:
        g = groups.setdefault(
            h.story_id, SearchGroup(story_id=h.story_id, label=labels.get(h.story_id or -1), hits=[])
        )
        g.hits.append(
            HitOut(
                article_id=h.article_id,
                title=h.title,
                outlet=h.outlet,
                published=h.published,
                snippet=h.snippet,
            )
        )
    return SearchOut(query=q, total=total, limit=limit, offset=offset, groups=list(groups.values()))


INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "description": "one record or a list: text or html, optional title, url, published, outlet, byline",
                    "anyOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}],
                }
            },
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
}


@router.post(
    "/articles",
    response_model=IngestOut,
    status_code=201,
    openapi_extra=INGEST_BODY,
    responses={
        200: {"model": IngestOut, "description": "nothing new: every article was already stored"},
        400: {"model": Detail},
        401: {"model": Detail},
        413: {"model": Detail},
        415: {"model": Detail},
        422: {"model": IngestOut, "description": "no input could be stored"},
    },
)
async def post_articles(request: Request) -> Any:
    """Add articles (text, HTML or JSON records) through the pipeline: clean, store, analyse, link."""
    st = web(request)
    st.check_token(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in ("application/json", "text/plain", "text/html"):
        raise HTTPException(415, "send application/json (records), text/plain or text/html")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > st.config.max_body_bytes:
        raise HTTPException(413, f"body over {st.config.max_body_bytes} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > st.config.max_body_bytes:
            raise HTTPException(413, f"body over {st.config.max_body_bytes} bytes")
    if not bytes(body).strip():
        raise HTTPException(400, "empty body")
    docs: list[RawDoc | IngestError]
    if ctype == "application/json":
        try:
            json.loads(bytes(body))
        except (ValueError, RecursionError) as e:
            raise HTTPException(400, f"malformed JSON: {e}") from None
    docs = list(read_bytes(bytes(body), "api", hint=ctype, origin="api"))
    if not docs:
        raise HTTPException(400, "no article in the body")
    from starlette.concurrency import run_in_threadpool

    new, existing, errors = await run_in_threadpool(run_pipeline, st.store, docs)
    with st.store.session() as s:
        stories = sorted(set(story_of(s, new + existing).values()))
    out = IngestOut(
        stored=new,
        existing=existing,
        errors=[ErrorOut(source=e.source, reason=e.reason) for e in errors],
        stories=stories,
    )
    if new:
        st.refresher.wake.set()
    code = 201 if new else (200 if existing else 422)
    return JSONResponse(out.model_dump(mode="json"), status_code=code)
