"""Commands for running at scale: watch (a folder), poll (feeds), and ingest --dask."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.model import IngestError, RawDoc

if TYPE_CHECKING:
    from storyline.pipeline import IngestReport
    from storyline.store import Store
    from storyline.watch import FeedCheck

AddOptions = Callable[[argparse.ArgumentParser], None]


def _duration(text: str) -> float:
    from storyline.watch import parse_duration

    try:
        return parse_duration(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def _where(store: Store) -> str:
    """The store's URL for messages, without its password."""
    from sqlalchemy.engine import make_url

    return make_url(store.url).render_as_string(hide_password=True)


def _summary(rep: IngestReport, store: Store) -> str:
    return (f"{len(rep.stored)} new, {len(rep.existing)} already stored, {len(rep.errors)} failed "
            f"({store.count()} articles in {_where(store)})")


def _print_new(store: Store, ids: list[int]) -> None:
    from storyline.pipeline import printable  # titles and sources come from outside: no control characters

    for art in store.iter_articles(ids):
        print(f"+ {art.id}: {printable(art.title or '(untitled)')} [{printable(art.source)}]", flush=True)


def ingest_on_dask(args: argparse.Namespace, store: Store, docs: Iterable[RawDoc | IngestError]) -> int:
    """`storyline ingest ... --dask SPEC`: the per-article stages on a Dask cluster."""
    from storyline.distributed import Stages, connect, ingest_dask, link_function, parse_spec
    from storyline.pipeline import print_error

    try:
        parse_spec(args.dask)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    stages = Stages(analyse=not getattr(args, "no_analyse", False))
    with connect(args.dask) as client:
        rep = ingest_dask(store, docs, client, stages=stages, link=link_function(), on_error=print_error)
    print(_summary(rep, store))
    if rep.analysed:
        print(f"{rep.analysed} articles analysed (entities, quotes, claims, time)")
    return 1 if rep.errors else 0


def cmd_watch(args: argparse.Namespace) -> int:
    from storyline.pipeline import print_error, printable
    from storyline.store import Store
    from storyline.watch import watch

    folder = Path(args.dir)
    if not folder.is_dir():
        print(f"error: {printable(str(folder))}: no such folder", file=sys.stderr)
        return 2
    store = Store(args.db)
    print(f"watching {printable(str(folder))} (every {args.interval:g} s) into {_where(store)}", file=sys.stderr,
          flush=True)
    rep = watch(store, folder, interval=args.interval, settle=args.settle, once=args.once,
                max_seconds=args.max_seconds, max_bytes=int(args.max_mb * 1024 * 1024),
                analyse=not args.no_analyse, on_error=print_error,
                on_batch=lambda _files, got: _print_new(store, got.stored))
    print(f"{rep.files} files read: {len(rep.stored)} new, {rep.existing} already stored, "
          f"{len(rep.errors)} failed ({store.count()} articles in {_where(store)})")
    return 1 if rep.errors else 0


def cmd_poll(args: argparse.Namespace) -> int:
    from storyline.pipeline import print_error, printable
    from storyline.store import Store
    from storyline.watch import poll

    store = Store(args.db)

    def report(c: FeedCheck) -> None:
        url = printable(c.url)
        if c.status == 304:
            print(f"{url}: not modified", flush=True)
        elif c.status:
            print(f"{url}: {len(c.stored)} new, {c.existing} already stored, {len(c.errors)} failed", flush=True)
            _print_new(store, c.stored)

    checks = poll(store, args.urls, every=args.every, once=args.once, max_rounds=args.max_rounds,
                  max_seconds=args.max_seconds, allow_private=args.allow_private,
                  max_bytes=int(args.max_mb * 1024 * 1024), analyse=not args.no_analyse, on_error=print_error,
                  on_check=report)
    return 1 if any(c.errors for c in checks) else 0


def register(sub: argparse._SubParsersAction, add_db: AddOptions, add_inputs: AddOptions) -> None:  # type: ignore[type-arg]
    sp = sub.add_parser("watch", help="ingest files as they appear in a folder (until Ctrl-C)")
    sp.add_argument("dir")
    sp.add_argument("--interval", type=_duration, default=2.0, metavar="DURATION",
                    help="how often to look for new files (e.g. 2s, 1m; default 2s)")
    sp.add_argument("--settle", type=_duration, default=1.0, metavar="DURATION",
                    help="a file is read once its size has not changed for this long (default 1s)")
    sp.add_argument("--once", action="store_true", help="read what is there now, then exit")
    sp.add_argument("--max-seconds", type=float, default=None, help="stop after this many seconds")
    sp.add_argument("--no-analyse", action="store_true", help="store cleaned articles only, skip analysis")
    add_db(sp)
    add_inputs(sp)
    sp.set_defaults(fn=cmd_watch)

    sp = sub.add_parser("poll", help="poll RSS/Atom feeds with conditional GET and ingest new entries")
    sp.add_argument("urls", nargs="+", metavar="FEED_URL")
    sp.add_argument("--every", type=_duration, default=600.0, metavar="DURATION",
                    help="time between polls of each feed (e.g. 90s, 10m, 1h; default 10m)")
    sp.add_argument("--once", action="store_true", help="poll each feed once, then exit")
    sp.add_argument("--max-rounds", type=int, default=None, help="stop after this many rounds")
    sp.add_argument("--max-seconds", type=float, default=None, help="stop after this many seconds")
    sp.add_argument("--no-analyse", action="store_true", help="store cleaned articles only, skip analysis")
    add_db(sp)
    add_inputs(sp)
    sp.set_defaults(fn=cmd_poll)
