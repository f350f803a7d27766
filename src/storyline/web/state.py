"""What the web app keeps while it runs: its settings, the store, caches of parsed reports and
rendered pages, and the background thread that recomputes reports whose story changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hmac
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from fastapi import HTTPException, Request
from jinja2 import Environment, PackageLoader

from storyline.render.html import make_environment
from storyline.store import Store, search
from storyline.store import reports as stored

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
REPORT_CACHE = 8  # parsed reports kept in memory (the stories being read right now)
PAGE_CACHE = 16  # rendered story pages kept (about 0.6 MB each for a 1,000-article story)
K = TypeVar("K")
V = TypeVar("V")

# No inline script anywhere (the pages' one script is /static/app.js); inline SVG needs no style.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True, slots=True)
class WebConfig:
    # Largest request body POST /api/articles accepts (the CLI's --max-mb default is 20 MB; one
    # article posted over HTTP is far smaller, and the body is held in memory).
    max_body_bytes: int = 5 * 1024 * 1024
    # Seconds between background passes (stale reports, search index); a pass recomputes at most
    # ``refresh_batch`` reports. A 5-article story of the sample corpus compares in about 5 s here.
    refresh_every: float = 10.0
    refresh_batch: int = 3
    # A story with no report yet is compared during the request up to this size (about a second an
    # article here, see above); a bigger one is queued for the background and the page says so.
    sync_compare_max_articles: int = 20
    page_size: int = 25
    background: bool = True


class ReportPending(Exception):
    """The story has no report yet and it is being computed in the background."""


class Refresher:
    """Background thread: recompute stale stored reports, catch the search index up."""

    def __init__(self, store: Store, config: WebConfig) -> None:
        self.store = store
        self.config = config
        self.wake = threading.Event()
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.after: Callable[[list[int]], None] | None = None  # told which reports a pass recomputed
        self.wanted: list[int] = []  # stories a reader is waiting for: computed first
        self._wanted_lock = threading.Lock()

    def request(self, story_id: int) -> None:
        with self._wanted_lock:
            if story_id not in self.wanted:
                self.wanted.append(story_id)
        self.wake.set()

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="storyline-refresh", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                self.pass_once()
            except Exception:  # a failing pass must not end the thread; it is retried next time
                log.exception("background refresh failed")
            self.wake.wait(self.config.refresh_every)
            self.wake.clear()

    def pass_once(self) -> list[int]:
        search.sync(self.store)
        with self._wanted_lock:
            wanted, self.wanted = self.wanted, []
        done = [sid for sid in wanted if stored.compute_report(self.store, sid) is not None]
        done += [
            sid for sid in stored.refresh_stale(self.store, self.config.refresh_batch) if sid not in done
        ]
        if done and self.after is not None:
            self.after(done)
        return done

    def close(self) -> None:
        self.stop.set()
        self.wake.set()
        if self.thread is not None:
            self.thread.join(timeout=30)


class Cache(Generic[K, V]):
    """A small bounded map shared by the server's threads (oldest entry leaves first)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: dict[K, V] = {}
        self.lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self.lock:
            return self.items.get(key)

    def put(self, key: K, value: V) -> None:
        with self.lock:
            if key not in self.items and len(self.items) >= self.size:
                self.items.pop(next(iter(self.items)))
            self.items[key] = value


class WebState:
    """What the routes share: the store, templates, the token and the refresher."""

    def __init__(self, store: Store, token: str | None, config: WebConfig) -> None:
        self.store = store
        self.token = token
        self.config = config
        self.refresher = Refresher(store, config)
        self._lock = threading.Lock()
        # parsed reports by (story, computed): a 1,000-article report takes ~0.3 s to read and parse
        self.reports: Cache[tuple[int, dt.datetime], stored.StoredReport] = Cache(REPORT_CACHE)
        # rendered story pages by (story, report stamp, full): the same until the report is recomputed
        self.pages: Cache[tuple[int, str, bool], str] = Cache(PAGE_CACHE)

    @cached_property
    def templates(self) -> Environment:
        return make_environment(PackageLoader("storyline.web", "templates"))

    def check_token(self, request: Request) -> None:
        """Writes need ``Authorization: Bearer <token>`` when the app has a token."""
        if self.token is None:
            return
        got = request.headers.get("authorization", "")
        scheme, _, value = got.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), self.token.encode()):
            raise HTTPException(
                401,
                "a valid token is needed: send 'Authorization: Bearer <token>'",
                headers={"WWW-Authenticate": "Bearer"},
            )

    def report(self, story_id: int, compute: bool = True) -> stored.StoredReport | None:
        """The stored report; computed now when the story has none yet (unless ``compute`` is
        false), else recomputed in the background when stale (pages show the stored one with its
        date meanwhile)."""
        stamp = stored.report_stamp(self.store, story_id)
        rep: stored.StoredReport | None
        if stamp is not None and (hit := self.reports.get((story_id, stamp[0]))) is not None:
            rep = dataclasses.replace(hit, current=stamp[1])
        else:
            rep = stored.get_report(self.store, story_id)
            if rep is None and compute and self._too_big(story_id):
                self.refresher.request(story_id)
                raise ReportPending(story_id)
            if rep is None and compute:
                with self._lock:  # one first computation at a time
                    rep = stored.get_report(self.store, story_id) or stored.compute_report(
                        self.store, story_id
                    )
            if rep is not None:
                self.reports.put((story_id, rep.computed), rep)
        if rep is not None and not rep.current:
            self.refresher.wake.set()
        return rep

    def _too_big(self, story_id: int) -> bool:
        version = stored.story_versions(self.store, [story_id]).get(story_id)
        return version is not None and int(version.split(":")[0]) > self.config.sync_compare_max_articles

    def current_report(self, story_id: int) -> stored.StoredReport | None:
        """The report of the story as it is now, computed here if the stored one is stale."""
        rep: stored.StoredReport | None = self.report(story_id)
        if rep is not None and not rep.current:
            if self._too_big(story_id):
                self.refresher.request(story_id)
                raise ReportPending(story_id)
            with self._lock:
                rep = stored.get_report(self.store, story_id)
                if rep is None or not rep.current:
                    rep = stored.compute_report(self.store, story_id)
        return rep
