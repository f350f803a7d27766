"""Command line: storyline ingest | clean | show | ..."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from storyline import __version__
from storyline.model import to_jsonable

Handler = Callable[[argparse.Namespace], int]
COMMAND_MODULES = (
    "storyline.link.commands",  # stories, story
    "storyline.render.commands",  # brief, run
    "storyline.scale_commands",  # watch, poll
    "storyline.web.commands",  # serve
)


def _dump(obj: object) -> None:
    json.dump(to_jsonable(obj), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _progress():  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} inputs"),
                    TimeElapsedColumn(), console=Console(stderr=True), transient=True)


def cmd_ingest(args: argparse.Namespace) -> int:
    from storyline.ingest import read_paths
    from storyline.pipeline import ingest, print_error
    from storyline.store import Store

    store = Store(args.db)
    docs = read_paths(args.paths, max_bytes=int(args.max_mb * 1024 * 1024), allow_private=args.allow_private)
    if args.dask:
        from storyline.scale_commands import ingest_on_dask

        return ingest_on_dask(args, store, docs)
    with _progress() as prog:
        task = prog.add_task("ingesting", total=None)
        rep = ingest(store, docs, on_error=print_error, on_progress=lambda n: prog.update(task, completed=n))
    print(f"{len(rep.stored)} new, {len(rep.existing)} already stored, {len(rep.errors)} failed "
          f"({store.count()} articles in {store.display_url})")
    if not args.no_analyse and rep.ids:
        from storyline.pipeline import analyse_pending

        with _progress() as prog:
            task = prog.add_task("analysing", total=None)
            n = analyse_pending(store, rep.ids, n_process=args.workers,
                                on_progress=lambda d, t: prog.update(task, completed=d, total=t))
        if n:
            print(f"{n} articles analysed (entities, quotes, claims, time)")
    if not args.no_link and rep.stored:
        from storyline.pipeline import link_pending

        with _progress() as prog:
            prog.add_task("linking into stories", total=None)
            link_pending(store, rep.stored)
        print(f"linked into stories: see `storyline stories{'' if args.db is None else ' --db ' + args.db}`")
    return 1 if rep.errors else 0


def cmd_clean(args: argparse.Namespace) -> int:
    from storyline.ingest import read_paths
    from storyline.pipeline import clean_one, print_error

    failed = 0
    arts = []
    for doc in read_paths([args.path], max_bytes=int(args.max_mb * 1024 * 1024), allow_private=args.allow_private):
        res = doc if not hasattr(doc, "data") else clean_one(doc)  # type: ignore[arg-type]
        if hasattr(res, "reason"):
            print_error(res)  # type: ignore[arg-type]
            failed += 1
        else:
            arts.append(res)
    if arts:
        _dump(arts[0] if len(arts) == 1 else arts)
    return 1 if failed else 0


def cmd_show(args: argparse.Namespace) -> int:
    from storyline.store import Store

    store = Store(args.db)
    art = store.get_article(args.id)
    if art is None:
        print(f"error: no article {args.id} in {store.display_url}", file=sys.stderr)
        return 1
    out: dict[str, object] = {"article": to_jsonable(art)}
    if args.facts:
        facts = store.get_facts(args.id)
        out["facts"] = to_jsonable(facts) if facts else None
    _dump(out if args.facts else out["article"])
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="storyline", description="Cross-source story intelligence from raw news articles.")
    p.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True)

    def db(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--db", default=None, help="SQLite file or database URL (default: storyline.db)")

    def inputs(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--max-mb", type=float, default=20.0, help="refuse inputs larger than this (MB)")
        sp.add_argument("--allow-private", action="store_true",
                        help="allow fetching URLs on loopback/private addresses")

    sp = sub.add_parser("ingest", help="ingest files, folders, feeds, JSONL, URLs or - (stdin)")
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--no-analyse", action="store_true", help="store cleaned articles only, skip analysis")
    sp.add_argument("--no-link", action="store_true", help="do not link new articles into stories")
    sp.add_argument("--workers", type=int, default=1, help="processes for the analysis stage")
    sp.add_argument("--dask", metavar="SPEC", default=None,
                    help="run clean/analyse on Dask: local, local:N (N worker processes) or tcp://scheduler:8786")
    db(sp)
    inputs(sp)
    sp.set_defaults(fn=cmd_ingest)

    sp = sub.add_parser("clean", help="print the cleaned article(s) of one input as JSON, without storing")
    sp.add_argument("path")
    inputs(sp)
    sp.set_defaults(fn=cmd_clean)

    sp = sub.add_parser("show", help="print a stored article as JSON")
    sp.add_argument("id", type=int)
    sp.add_argument("--facts", action="store_true", help="include the analysis facts")
    db(sp)
    sp.set_defaults(fn=cmd_show)

    # Each later stage registers its own commands: register(subparsers, add_db_option, add_input_options).
    import importlib

    for mod in COMMAND_MODULES:
        try:
            module = importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise
            continue
        module.register(sub, db, inputs)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.fn(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
