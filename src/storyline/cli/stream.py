"""Streaming commands: watch (a folder), poll (feeds)."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from storyline.cli.options import add_db, add_inputs, max_bytes, where
from storyline.pipeline import print_error, printable
from storyline.store import Store
from storyline.watch import FeedCheck, parse_duration, poll, watch


def _duration(text: str) -> float:
    try:
        return parse_duration(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


@contextmanager
def _stop_cleanly() -> Iterator[None]:
    """SIGINT (Ctrl-C) and SIGTERM (a service manager's stop) end the loop cleanly, with its report.

    A process started in the background without job control inherits SIGINT ignored, and Python then
    installs no Ctrl-C handler: set both handlers explicitly so a stop request is never lost.
    """

    def stop(_sig: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    old = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def _print_new(store: Store, ids: list[int]) -> None:
    # titles and sources come from outside: no control characters
    for art in store.iter_articles(ids):
        print(f"+ {art.id}: {printable(art.title or '(untitled)')} [{printable(art.source)}]", flush=True)


def cmd_watch(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if not folder.is_dir():
        print(f"error: {printable(str(folder))}: no such folder", file=sys.stderr)
        return 2
    store = Store(args.db)
    print(
        f"watching {printable(str(folder))} (every {args.interval:g} s) into {where(store)}",
        file=sys.stderr,
        flush=True,
    )
    with _stop_cleanly():
        rep = watch(
            store,
            folder,
            interval=args.interval,
            settle=args.settle,
            once=args.once,
            max_seconds=args.max_seconds,
            max_bytes=max_bytes(args),
            analyse=not args.no_analyse,
            on_error=print_error,
            on_batch=lambda _files, got: _print_new(store, got.stored),
        )
    print(
        f"{rep.files} files read: {len(rep.stored)} new, {rep.existing} already stored, "
        f"{len(rep.errors)} failed ({store.count()} articles in {where(store)})"
    )
    return 1 if rep.errors else 0


def cmd_poll(args: argparse.Namespace) -> int:
    store = Store(args.db)

    def report(c: FeedCheck) -> None:
        url = printable(c.url)
        if c.status == 304:
            print(f"{url}: not modified", flush=True)
        elif c.status:
            print(
                f"{url}: {len(c.stored)} new, {c.existing} already stored, {len(c.errors)} failed", flush=True
            )
            _print_new(store, c.stored)

    with _stop_cleanly():
        checks = poll(
            store,
            args.urls,
            every=args.every,
            once=args.once,
            max_rounds=args.max_rounds,
            max_seconds=args.max_seconds,
            allow_private=args.allow_private,
            max_bytes=max_bytes(args),
            analyse=not args.no_analyse,
            on_error=print_error,
            on_check=report,
        )
    return 1 if any(c.errors for c in checks) else 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sp = sub.add_parser("watch", help="ingest files as they appear in a folder (until Ctrl-C)")
    sp.add_argument("dir")
    sp.add_argument(
        "--interval",
        type=_duration,
        default=2.0,
        metavar="DURATION",
        help="how often to look for new files (e.g. 2s, 1m; default 2s)",
    )
    sp.add_argument(
        "--settle",
        type=_duration,
        default=1.0,
        metavar="DURATION",
        help="a file is read once its size has not changed for this long (default 1s)",
    )
    sp.add_argument("--once", action="store_true", help="read what is there now, then exit")
    sp.add_argument("--max-seconds", type=float, default=None, help="stop after this many seconds")
    sp.add_argument("--no-analyse", action="store_true", help="store cleaned articles only, skip analysis")
    add_db(sp)
    add_inputs(sp)
    sp.set_defaults(fn=cmd_watch)

    sp = sub.add_parser("poll", help="poll RSS/Atom feeds with conditional GET and ingest new entries")
    sp.add_argument("urls", nargs="+", metavar="FEED_URL")
    sp.add_argument(
        "--every",
        type=_duration,
        default=600.0,
        metavar="DURATION",
        help="time between polls of each feed (e.g. 90s, 10m, 1h; default 10m)",
    )
    sp.add_argument("--once", action="store_true", help="poll each feed once, then exit")
    sp.add_argument("--max-rounds", type=int, default=None, help="stop after this many rounds")
    sp.add_argument("--max-seconds", type=float, default=None, help="stop after this many seconds")
    sp.add_argument("--no-analyse", action="store_true", help="store cleaned articles only, skip analysis")
    add_db(sp)
    add_inputs(sp)
    sp.set_defaults(fn=cmd_poll)
