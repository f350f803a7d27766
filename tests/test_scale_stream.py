"""Streaming ingest: `storyline watch DIR` and `storyline poll FEED_URL` (conditional GET)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.store import Store
from storyline.watch import FeedStateRow, FolderWatcher, feed_state, parse_duration, poll, poll_feed, watch

STORY = (
    "Lantern festival moved to the harbour\n\nThe Marrow Hill lantern festival will move to the old harbour "
    'this year, organisers said on Thursday, after the square was closed for repairs.\n\n"The harbour gives '
    'us twice the room," festival director Odile Varga said.\n'
)


def _cli(*args: str, **kw: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw
    )  # type: ignore[call-overload]


def test_parse_duration() -> None:
    assert parse_duration("10m") == 600 and parse_duration("90") == 90 and parse_duration("1.5h") == 5400
    assert parse_duration("2d") == 172800 and parse_duration("30s") == 30
    for bad in ("", "ten minutes", "5w", "0"):
        with pytest.raises(ValueError, match="bad duration"):
            parse_duration(bad)


def test_folder_watcher_waits_for_a_file_to_stop_growing(tmp_path: Path) -> None:
    w = FolderWatcher(tmp_path, settle=0.3)
    f = tmp_path / "late.txt"
    f.write_text(STORY[:40])
    assert w.scan()[0] == [] and w.waiting == 1  # just seen
    time.sleep(0.35)
    with f.open("a") as fh:
        fh.write(STORY[40:])
    assert w.scan()[0] == []  # it grew: the clock restarts
    time.sleep(0.35)
    assert w.scan()[0] == [f] and w.waiting == 0
    assert w.scan()[0] == []  # read once
    f.write_text(STORY.replace("Thursday", "Friday"))
    os.utime(f, ns=(time.time_ns(), time.time_ns() + 10**9))  # a changed file is read again
    w.scan()
    time.sleep(0.35)
    assert w.scan()[0] == [f]


def test_watch_once_reads_what_is_there(tmp_path: Path, db: str) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "a.txt").write_text(STORY)
    (inbox / "sub" / "b.txt").write_text(STORY.replace("Thursday", "Monday"))
    (inbox / "broken.txt").write_bytes(b"")
    store = Store(db)
    rep = watch(store, inbox, interval=0.1, settle=0.2, once=True, max_seconds=30, analyse=False)
    assert rep.files == 3 and len(rep.stored) == 2 and [e.reason for e in rep.errors] == ["empty input"]
    assert store.count() == 2
    rep = watch(store, inbox, interval=0.1, settle=0.2, once=True, max_seconds=30, analyse=False)
    assert rep.stored == [] and rep.existing == 2


def test_watch_command_ingests_files_as_they_arrive(tmp_path: Path, db: str) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    proc = _cli(
        "watch",
        str(inbox),
        "--db",
        db,
        "--interval",
        "0.2",
        "--settle",
        "1",
        "--max-seconds",
        "120",
        "--no-analyse",
    )
    try:
        (inbox / "first.txt").write_text(STORY)
        # A file written in pieces, with pauses shorter than the settle time, is read whole.
        slow = inbox / "slow.txt"
        text = STORY.replace("Thursday", "Saturday").replace("Odile Varga", "Ximena Pryce")
        with slow.open("w") as fh:
            for i in range(0, len(text), 60):
                fh.write(text[i : i + 60])
                fh.flush()
                time.sleep(0.3)
        deadline = time.monotonic() + 90
        store = Store(db)
        while store.count() < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.3)
        assert store.count() == 2
    finally:
        proc.send_signal(signal.SIGINT)  # a clean stop: the watcher reports and exits 0
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert b"2 new, 0 already stored, 0 failed" in out and b"+ " in out
    got = {a.source: a for a in store.iter_articles()}
    assert "Ximena Pryce" in got[str(slow)].text and got[str(slow)].text.endswith("Ximena Pryce said.")


# ---------------------------------------------------------------- feeds


def _rss(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>https://lantern.example/{slug}</link>"
        f"<pubDate>Thu, 06 Mar 2031 09:00:00 GMT</pubDate><description>{d}</description></item>"
        for slug, t, d in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Marrow Hill Lantern</title>'
        f"<link>https://lantern.example/</link><description>local news</description>{body}</channel></rss>"
    ).encode()


ITEMS = [
    (
        "festival",
        "Lantern festival moves to harbour",
        "The Marrow Hill lantern festival will move to the old harbour this year, organisers said on Thursday.",
    ),
    (
        "ferry",
        "Extra ferries for festival weekend",
        "The Skerry Line will run four extra ferries on the festival weekend, the operator said in a statement.",
    ),
    (
        "repairs",
        "Square repairs to finish in May",
        "Repairs to the cobbles of the main square will finish in May, the council's works director said.",
    ),
]


class FeedServer:
    """A feed on 127.0.0.1 that honours If-None-Match / If-Modified-Since and records what it was sent."""

    def __init__(self) -> None:
        self.version = 1
        self.items = ITEMS[:2]
        self.modified = formatdate(1_900_000_000, usegmt=True)
        self.requests: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.requests.append({k.lower(): v for k, v in self.headers.items()})
                etag = f'"v{server.version}"'
                if self.headers.get("If-None-Match") == etag or (
                    "If-None-Match" not in self.headers
                    and self.headers.get("If-Modified-Since") == server.modified
                ):
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                data = _rss(server.items)
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", server.modified)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.xml"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def publish(self, items: list[tuple[str, str, str]]) -> None:
        self.items, self.version = items, self.version + 1
        self.modified = formatdate(1_900_000_000 + 3600 * self.version, usegmt=True)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    srv = FeedServer()
    yield srv
    srv.close()


def test_poll_uses_conditional_get_and_stores_only_new_entries(feed: FeedServer, db: str) -> None:
    # First poll, by the command: both entries stored; no validators known yet.
    r = _cli("poll", feed.url, "--once", "--allow-private", "--db", db, "--no-analyse")
    out, err = r.communicate(timeout=120)
    assert r.returncode == 0, err.decode()[-2000:]
    assert b"2 new, 0 already stored, 0 failed" in out and b"Lantern festival moves to harbour" in out
    assert "if-none-match" not in feed.requests[0] and "if-modified-since" not in feed.requests[0]
    # Second poll, a new process: the validators come from the store; the server answers 304.
    r = _cli("poll", feed.url, "--once", "--allow-private", "--db", db, "--no-analyse")
    out, err = r.communicate(timeout=120)
    assert r.returncode == 0, err.decode()[-2000:]
    assert b"not modified" in out
    assert (
        feed.requests[1]["if-none-match"] == '"v1"' and feed.requests[1]["if-modified-since"] == feed.modified
    )
    store = Store(db)
    assert store.count() == 2
    # The feed changes: the next round fetches it and stores (and analyses) only the new entry;
    # the round after that is a 304 again.
    feed.publish(ITEMS)
    checks = poll(store, [feed.url], every=0.1, max_rounds=2, allow_private=True)
    assert [c.status for c in checks] == [200, 304]
    assert len(checks[0].stored) == 1 and checks[0].existing == 2
    new = store.get_article(checks[0].stored[0])
    assert new is not None and new.title == "Square repairs to finish in May"
    facts = store.get_facts(new.id)  # type: ignore[arg-type]
    assert facts is not None and facts.sentences
    # ... and linked: it belongs to a story kept in the store.
    from storyline.store.stories import list_stories

    assert any(new.id in s.article_ids for s in list_stories(store.engine))
    assert feed.requests[-1]["if-none-match"] == '"v2"'
    state = feed_state(store, feed.url)
    assert isinstance(state, FeedStateRow)
    assert (state.etag, state.status, state.articles) == ('"v2"', 304, 3)


def test_poll_refuses_loopback_unless_allowed(feed: FeedServer, db: str) -> None:
    store = Store(db)
    c = poll_feed(store, feed.url, analyse=False)
    assert c.status == 0 and "refused" in c.errors[0].reason and "--allow-private" in c.errors[0].reason
    assert feed.requests == [] and store.count() == 0
    state = feed_state(store, feed.url)
    assert state is not None and state.status == 0 and state.etag is None
