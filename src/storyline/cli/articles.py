"""Commands on articles: ingest, clean, show."""

from __future__ import annotations

import argparse
import sys

from storyline.clean import clean_one
from storyline.cli.options import add_db, add_inputs, dump, max_bytes, stage_progress
from storyline.ingest import read_paths
from storyline.model import IngestError, to_jsonable
from storyline.pipeline import Pipeline, PipelineSettings, print_error
from storyline.store import Store


def cmd_ingest(args: argparse.Namespace) -> int:
    store = Store(args.db)
    docs = read_paths(args.paths, max_bytes=max_bytes(args), allow_private=args.allow_private)
    settings = PipelineSettings(workers=args.workers, analyse=not args.no_analyse, link=not args.no_link)
    if args.dask:
        # deferred: dask is an optional extra (storyline[dask])
        from storyline.distributed import connect, parse_spec

        try:
            parse_spec(args.dask)
        except ValueError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        with connect(args.dask) as client:
            rep = Pipeline(
                store, PipelineSettings(analyse=settings.analyse, link=settings.link, dask=client)
            ).ingest(docs, on_error=print_error)
    else:
        with stage_progress() as progress:
            rep = Pipeline(store, settings).ingest(docs, on_error=print_error, progress=progress)
    print(
        f"{len(rep.stored)} new, {len(rep.existing)} already stored, {len(rep.errors)} failed "
        f"({store.count()} articles in {store.display_url})"
    )
    if rep.analysed:
        print(f"{rep.analysed} articles analysed (entities, quotes, claims, time)")
    if settings.link and rep.stored:
        print(f"linked into stories: see `storyline stories{'' if args.db is None else ' --db ' + args.db}`")
    return 1 if rep.errors else 0


def cmd_clean(args: argparse.Namespace) -> int:
    failed = 0
    arts = []
    for doc in read_paths([args.path], max_bytes=max_bytes(args), allow_private=args.allow_private):
        res = doc if isinstance(doc, IngestError) else clean_one(doc)
        if isinstance(res, IngestError):
            print_error(res)
            failed += 1
        else:
            arts.append(res)
    if arts:
        dump(arts[0] if len(arts) == 1 else arts)
    return 1 if failed else 0


def cmd_show(args: argparse.Namespace) -> int:
    store = Store(args.db)
    art = store.get_article(args.id)
    if art is None:
        print(f"error: no article {args.id} in {store.display_url}", file=sys.stderr)
        return 1
    out: dict[str, object] = {"article": to_jsonable(art)}
    if args.facts:
        facts = store.get_facts(args.id)
        out["facts"] = to_jsonable(facts) if facts else None
    dump(out if args.facts else out["article"])
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sp = sub.add_parser(
        "ingest",
        help="ingest files, folders, feeds, JSONL, URLs or - (stdin)",
        description="Clean, store, analyse and link new articles into the store's stories.",
    )
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--no-analyse", action="store_true", help="store cleaned articles only, skip analysis")
    sp.add_argument("--no-link", action="store_true", help="do not link new articles into stories")
    sp.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes for the analysis stage (default: 2 for 200 articles or more, else 1)",
    )
    sp.add_argument(
        "--dask",
        metavar="SPEC",
        default=None,
        help="run clean/analyse on Dask: local, local:N (N worker processes) or tcp://scheduler:8786",
    )
    add_db(sp)
    add_inputs(sp)
    sp.set_defaults(fn=cmd_ingest)

    sp = sub.add_parser("clean", help="print the cleaned article(s) of one input as JSON, without storing")
    sp.add_argument("path")
    add_inputs(sp)
    sp.set_defaults(fn=cmd_clean)

    sp = sub.add_parser("show", help="print a stored article as JSON")
    sp.add_argument("id", type=int)
    sp.add_argument("--facts", action="store_true", help="include the analysis facts")
    add_db(sp)
    sp.set_defaults(fn=cmd_show)
