"""Streaming ingest: a folder watched for new files, feeds polled with conditional GET.

Both hand what they find to the same pipeline as ``storyline ingest`` (``pipeline.ingest``), so each
new article goes through the same stages on arrival, and re-reading old input adds nothing (the store
dedups by content hash). Feed validators (ETag / Last-Modified) live in the ``feed_state`` table, so a
restarted poller still sends conditional requests.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.ingest import iter_files, read_bytes, read_file
from storyline.ingest.web import FetchError, fetch
from storyline.model import IngestError, IngestReport, RawDoc
from storyline.pipeline import Pipeline, PipelineSettings
from storyline.store import Store
from storyline.store.feeds import FeedStateRow, feed_state, save_feed_state

__all__ = [
    "FeedCheck",
    "FeedStateRow",
    "FolderWatcher",
    "WatchReport",
    "feed_state",
    "parse_duration",
    "poll",
    "poll_feed",
    "watch",
]


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNIT = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """Seconds from '90', '30s', '10m', '2h', '1d'; ValueError with the reason otherwise."""
    m = _DURATION.match(text)
    if not m:
        raise ValueError(
            f"bad duration {text!r}: expected a number with an optional unit s, m, h or d (e.g. 10m)"
        )
    secs = float(m.group(1)) * _UNIT[m.group(2).lower()]
    if secs <= 0:
        raise ValueError(f"bad duration {text!r}: must be more than zero")
    return secs


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _sleep_until(t: float, deadline: float | None) -> bool:
    """Sleep until monotonic time t; False when the deadline comes first or on Ctrl-C (a clean stop)."""
    end = t if deadline is None else min(t, deadline)
    try:
        while (left := end - time.monotonic()) > 0:
            time.sleep(min(left, 0.5))
    except KeyboardInterrupt:
        return False
    return deadline is None or time.monotonic() < deadline


def _ingest(
    store: Store,
    docs: Iterator[RawDoc | IngestError],
    analyse: bool,
    on_error: Callable[[IngestError], None] | None,
) -> IngestReport:
    """What ``storyline ingest`` does, for what just arrived (without analysis: clean and store only)."""
    return Pipeline(store, PipelineSettings(analyse=analyse, link=analyse)).ingest(docs, on_error=on_error)


# ---------------------------------------------------------------- folders


@dataclass(slots=True)
class WatchReport:
    files: int = 0  # files read
    stored: list[int] = field(default_factory=list)
    existing: int = 0
    errors: list[IngestError] = field(default_factory=list)


class FolderWatcher:
    """Finds files in a folder (recursively) that are new or changed and have stopped growing.

    A file is ready once its size and modification time are unchanged for ``settle`` seconds, so a
    file still being written (copied, downloaded) is not read half-way.
    """

    def __init__(self, folder: Path, settle: float = 1.0) -> None:
        self.folder = folder
        self.settle = settle
        self._pending: dict[Path, tuple[int, int, float]] = {}  # size, mtime_ns, first seen in that state
        self._done: dict[Path, tuple[int, int]] = {}
        self._reported: set[str] = set()  # unreadable folders: said once, not on every scan

    @property
    def waiting(self) -> int:
        """Files seen but not yet stable."""
        return len(self._pending)

    def scan(self) -> tuple[list[Path], list[IngestError]]:
        now = time.monotonic()
        ready: list[Path] = []
        errors: list[IngestError] = []
        present: set[Path] = set()
        for f in iter_files(self.folder):
            if isinstance(f, IngestError):
                if f.source not in self._reported:
                    self._reported.add(f.source)
                    errors.append(f)
                continue
            present.add(f)
            try:
                st = f.stat()
            except OSError:
                continue  # removed since listed
            state = (st.st_size, st.st_mtime_ns)
            if self._done.get(f) == state:
                continue
            seen = self._pending.get(f)
            if seen is None or seen[:2] != state:
                self._pending[f] = (*state, now)
            elif now - seen[2] >= self.settle:
                del self._pending[f]
                self._done[f] = state
                ready.append(f)
        for gone in [p for p in self._pending if p not in present]:
            del self._pending[gone]
        return ready, errors


def watch(
    store: Store,
    folder: Path,
    *,
    interval: float = 2.0,
    settle: float = 1.0,
    once: bool = False,
    max_seconds: float | None = None,
    max_bytes: int = 20 * 1024 * 1024,
    analyse: bool = True,
    on_error: Callable[[IngestError], None] | None = None,
    on_batch: Callable[[list[Path], IngestReport], None] | None = None,
) -> WatchReport:
    """Ingest files as they appear in ``folder`` until stopped (Ctrl-C), ``max_seconds`` or, with
    ``once``, as soon as everything there has been read."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    rep = WatchReport()
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    watcher = FolderWatcher(folder, settle=settle)
    step = min(interval, settle) if once else interval
    while True:
        t0 = time.monotonic()
        ready, errors = watcher.scan()
        for e in errors:
            rep.errors.append(e)
            if on_error:
                on_error(e)
        if ready:
            got = _ingest(store, (d for p in ready for d in read_file(p, max_bytes)), analyse, on_error)
            rep.files += len(ready)
            rep.stored += got.stored
            rep.existing += len(got.existing)
            rep.errors += got.errors
            if on_batch:
                on_batch(ready, got)
        if once and not watcher.waiting:  # everything found has been read
            return rep
        if not _sleep_until(t0 + step, deadline):
            return rep


# ---------------------------------------------------------------- feeds


@dataclass(slots=True)
class FeedCheck:
    """One conditional GET of one feed and what it brought."""

    url: str
    status: int  # HTTP status; 304 = not modified; 0 = the fetch failed
    stored: list[int] = field(default_factory=list)
    existing: int = 0
    errors: list[IngestError] = field(default_factory=list)


def poll_feed(
    store: Store,
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = 20 * 1024 * 1024,
    timeout: float = 20.0,
    analyse: bool = True,
    on_error: Callable[[IngestError], None] | None = None,
) -> FeedCheck:
    """Fetch a feed unless unchanged since the last poll (If-None-Match / If-Modified-Since) and ingest
    its entries; the validators the server sends back are kept for the next poll."""
    state = feed_state(store, url)
    headers: dict[str, str] = {}
    if state and state.etag:
        headers["If-None-Match"] = state.etag
    if state and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    now = _now()
    try:
        got = fetch(url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private, headers=headers)
    except FetchError as e:
        err = IngestError(url, str(e))
        if on_error:
            on_error(err)
        save_feed_state(store, url, status=0, checked=now)
        return FeedCheck(url, 0, errors=[err])
    if got.status == 304:
        # a 304 may refresh the validators; keep the old ones when it sends none
        save_feed_state(
            store,
            url,
            status=304,
            checked=now,
            etag=got.etag or (state.etag if state else None),
            last_modified=got.last_modified or (state.last_modified if state else None),
        )
        return FeedCheck(url, 304)
    rep = _ingest(
        store, read_bytes(got.data, url, got.content_type, origin="url", url=got.url), analyse, on_error
    )
    save_feed_state(
        store,
        url,
        status=got.status,
        checked=now,
        changed=now,
        etag=got.etag,
        last_modified=got.last_modified,
        new=len(rep.stored),
    )
    return FeedCheck(url, got.status, rep.stored, len(rep.existing), rep.errors)


def poll(
    store: Store,
    urls: list[str],
    *,
    every: float = 600.0,
    once: bool = False,
    max_rounds: int | None = None,
    max_seconds: float | None = None,
    allow_private: bool = False,
    max_bytes: int = 20 * 1024 * 1024,
    analyse: bool = True,
    on_error: Callable[[IngestError], None] | None = None,
    on_check: Callable[[FeedCheck], None] | None = None,
) -> list[FeedCheck]:
    """Poll every feed once per ``every`` seconds until stopped (Ctrl-C), ``max_rounds`` or ``max_seconds``."""
    checks: list[FeedCheck] = []
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    rounds = 0
    while True:
        t0 = time.monotonic()
        for url in urls:
            c = poll_feed(
                store,
                url,
                allow_private=allow_private,
                max_bytes=max_bytes,
                analyse=analyse,
                on_error=on_error,
            )
            checks.append(c)
            if on_check:
                on_check(c)
        rounds += 1
        if once or (max_rounds is not None and rounds >= max_rounds):
            return checks
        if not _sleep_until(t0 + every, deadline):
            return checks
