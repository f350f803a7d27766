"""The web app: FastAPI with server-rendered pages and a REST API over one store.

``create_app(db_url, token=None)`` builds it; ``storyline serve`` runs it with uvicorn. Reports are
read from the store (``storyline.store.reports``); a background thread recomputes those whose story
changed and keeps the search index up to date (``storyline.web.state``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.store import Store
from storyline.web import api, pages
from storyline.web.state import SECURITY_HEADERS, STATIC, ReportPending, WebConfig, WebState

__all__ = ["WebConfig", "create_app"]

log = logging.getLogger(__name__)


def create_app(db_url: str | None, token: str | None = None, config: WebConfig | None = None) -> FastAPI:
    cfg = config or WebConfig()
    store = Store(db_url)
    state = WebState(store, token or None, cfg)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if cfg.background:
            state.refresher.start()
        try:
            yield
        finally:
            state.refresher.close()

    app = FastAPI(
        title="storyline",
        version="1",
        description="Cross-source story intelligence: stories, their cited comparison reports, articles, "
        "entities, full-text search, and what changed since a date.",
        lifespan=lifespan,
        # FastAPI's /docs and /redoc pages load their scripts from a CDN: off (offline, strict CSP);
        # the schema itself is at /openapi.json
        docs_url=None,
        redoc_url=None,
    )
    app.state.web = state

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def errors(request: Request, exc: StarletteHTTPException) -> Response:
        """JSON under /api/ (and for clients asking for it), a page elsewhere."""
        if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
            return await http_exception_handler(request, exc)
        html = state.templates.get_template("error.html.j2").render(
            status=exc.status_code, message=str(exc.detail), title=str(exc.status_code)
        )
        return HTMLResponse(html, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(ReportPending)
    async def pending(request: Request, exc: ReportPending) -> Response:
        """202 with Retry-After: the comparison runs in the background; a page refreshes itself."""
        detail = f"the comparison of story {exc.args[0]} is being computed; retry shortly"
        if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": detail}, status_code=202, headers={"Retry-After": "15"})
        html = state.templates.get_template("pending.html.j2").render(story_id=exc.args[0], title="Computing")
        return HTMLResponse(html, status_code=202, headers={"Retry-After": "15"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    # a recomputed report is parsed and its page rendered before the next reader asks for it
    state.refresher.after = lambda ids: pages.warm(state, ids)
    return app
