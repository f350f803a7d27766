"""Commands that compare and render: ``storyline brief STORY_ID`` and the one-shot ``storyline run PATH... --out DIR``.

``run`` goes through every stage (``Pipeline``): ingest (clean + store), analyse, link, compare (a
StoryReport per story) and render (one file per output format per story, plus index.md and
index.html), with a progress bar on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storyline.cli.options import add_db, add_inputs, max_bytes, quiet_model_loading, stage_progress
from storyline.ingest import read_paths
from storyline.model import StoryReport
from storyline.pipeline import Pipeline, print_error
from storyline.render import FORMATS, render_report
from storyline.render.html import IndexEntry, render_index_html, render_index_md
from storyline.store import Store
from storyline.store.stories import get_story, list_stories


def keep_report(store: Store, report: StoryReport) -> None:
    """Store the report just computed, so story lists and the web app show what the brief shows. A
    store that cannot be written (read-only file, read-only database user) still gets its brief."""
    from sqlalchemy.exc import SQLAlchemyError

    from storyline.store.reports import save_report, story_versions

    try:
        version = story_versions(store, [report.story_id]).get(report.story_id)
        if version is not None:
            save_report(store, report, version)
    except SQLAlchemyError as e:
        print(
            f"warning: the report of story {report.story_id} was not stored: {type(e).__name__}",
            file=sys.stderr,
        )


def cmd_brief(args: argparse.Namespace) -> int:
    quiet_model_loading()
    store = Store(args.db)
    story = get_story(store.engine, args.story_id)
    if story is None:
        known = ", ".join(str(s.id) for s in list_stories(store.engine, limit=20)) or "none"
        print(
            f"error: no story {args.story_id} in {store.display_url} (recent stories: {known}; "
            "`storyline run` or `storyline ingest` + linking create them)",
            file=sys.stderr,
        )
        return 1
    report = Pipeline(store).compare(story)
    keep_report(store, report)
    text = render_report(report, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    quiet_model_loading()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    store = Store(args.db or str(out / "storyline.db"))
    pipe = Pipeline(store)
    formats = [f for f in FORMATS if f in args.formats.split(",")] or list(FORMATS)
    entries: list[IndexEntry] = []
    with stage_progress() as progress:
        docs = read_paths(args.paths, max_bytes=max_bytes(args), allow_private=args.allow_private)
        # every stored article without facts is analysed, not only this batch's: their stories are compared
        rep = pipe.ingest(docs, on_error=print_error, progress=progress, analyse_all=True)
        corpus = pipe.corpus(pipe.stories(rep.ids))
        stories = [s for s in corpus.stories if len(s.article_ids) >= args.min_articles]
        progress("compare", 0, len(stories))
        for k, story in enumerate(stories, 1):
            report = pipe.compare(story, corpus)
            keep_report(store, report)
            files: dict[str, str] = {}
            for fmt in formats:
                name = f"story-{story.id}.{fmt}"
                (out / name).write_text(render_report(report, fmt), encoding="utf-8")
                files[fmt] = name
            entries.append(
                IndexEntry(
                    story_id=story.id,
                    label=story.label,
                    start=story.start.isoformat() if story.start else "",
                    end=story.end.isoformat() if story.end else "",
                    articles=len(story.article_ids),
                    independent=report.independent,
                    corroborated=sum(1 for c in report.corroboration if c.label == "corroborated"),
                    conflicts=len(report.conflicts),
                    files=files,
                )
            )
            progress("compare", k, len(stories))
    entries.sort(key=lambda e: (-e.articles, e.story_id))
    (out / "index.html").write_text(render_index_html(entries), encoding="utf-8")
    (out / "index.md").write_text(render_index_md(entries), encoding="utf-8")
    print(
        f"{len(rep.stored)} new, {len(rep.existing)} already stored, {len(rep.errors)} failed; "
        f"{len(entries)} stories -> {out / 'index.html'}"
    )
    return 1 if rep.errors and not rep.ids else 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sp = sub.add_parser("brief", help="write the cited brief of one story")
    sp.add_argument("story_id", type=int)
    sp.add_argument(
        "--format",
        choices=list(FORMATS),
        default="md",
        help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()),
    )
    sp.add_argument("-o", "--output", help="write to this file instead of stdout")
    add_db(sp)
    sp.set_defaults(fn=cmd_brief)

    sp = sub.add_parser(
        "run", help="ingest, analyse, link and compare inputs; write one brief per story and an index"
    )
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--out", required=True, help="output folder (the store goes there unless --db is given)")
    sp.add_argument(
        "--formats", default="md,json,html", help=f"comma-separated subset of {','.join(FORMATS)}"
    )
    sp.add_argument("--min-articles", type=int, default=1, help="skip stories with fewer articles")
    add_db(sp)
    add_inputs(sp)
    sp.set_defaults(fn=cmd_run)
