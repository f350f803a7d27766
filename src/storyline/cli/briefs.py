"""CLI: ``storyline brief STORY_ID`` and the one-shot ``storyline run PATH... --out DIR``.

``run`` goes through every stage: ingest (clean + store), analyse (facts stored with each
article), link (stories), compare (a StoryReport per story) and render (Markdown, JSON and HTML
per story, plus index.md and index.html), with a progress bar on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.model import Article, ArticleFacts, Story, StoryReport

if TYPE_CHECKING:
    from rich.progress import Progress

    from storyline.store import Store

FORMATS = ("md", "json", "html")


@dataclass(slots=True)
class Corpus:
    """A store's articles, their facts and stories, as the compare stage needs them."""

    articles: dict[int, Article] = field(default_factory=dict)
    facts: dict[int, ArticleFacts] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)

    def story_of(self, article_id: int) -> Story | None:
        return next((s for s in self.stories if article_id in s.article_ids), None)


def analyse_missing(store: Store, on_step: Callable[[int, int], None] | None = None) -> int:
    """Analyse stored articles that have no facts yet (two processes for a large backlog)."""
    from storyline.pipeline import analyse_pending

    n_process = 2 if len(store.ids_without_facts()) >= 200 else 1
    return analyse_pending(store, n_process=n_process, chunk=64, on_progress=on_step)


def link_stories(store: Store, ids: Iterable[int]) -> list[Story]:
    """Link the given stored articles (those already linked are skipped); return their stories."""
    from storyline.link import get_story
    from storyline.pipeline import link_pending
    from storyline.store.stories import story_of

    ids = sorted(set(ids))
    link_pending(store, ids)  # takes the store's link lock: one linker at a time
    with store.session() as s:
        story_ids = sorted(set(story_of(s, ids).values()))
    return [st for sid in story_ids if (st := get_story(store.engine, sid)) is not None]


def load_corpus(store: Store, stories: list[Story]) -> Corpus:
    """The articles and facts of ``stories`` from the store."""
    corpus = Corpus(stories=stories)
    ids = sorted({a for st in stories for a in st.article_ids})
    for a in store.iter_articles(ids):
        if a.id is None:
            continue
        corpus.articles[a.id] = a
        f = store.get_facts(a.id)
        if f is not None:
            f.article_id = a.id
            corpus.facts[a.id] = f
    return corpus


def compare(corpus: Corpus, story: Story) -> StoryReport:
    from storyline.compare import compare_story

    arts = {i: corpus.articles[i] for i in story.article_ids if i in corpus.articles}
    facts = {i: corpus.facts[i] for i in story.article_ids if i in corpus.facts}
    return compare_story(story, arts, facts)


def render(report: StoryReport, fmt: str) -> str:
    if fmt == "md":
        from storyline.render.markdown import render_markdown

        return render_markdown(report)
    if fmt == "json":
        from storyline.render.json import render_json

        return render_json(report)
    if fmt == "html":
        from storyline.render.html import render_html

        return render_html(report)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")


def _progress() -> Progress:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    )


def cmd_brief(args: argparse.Namespace) -> int:
    from storyline.link import get_story, list_stories
    from storyline.store import Store

    _quiet_model_loading()
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
    corpus = load_corpus(store, [story])
    text = render(compare(corpus, story), args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _quiet_model_loading() -> None:
    """The embedding model's own loading bar would tear through the progress display."""
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        pass


def cmd_run(args: argparse.Namespace) -> int:
    from storyline.ingest import read_paths
    from storyline.pipeline import ingest, print_error
    from storyline.render.html import IndexEntry, render_index_html, render_index_md
    from storyline.store import Store

    _quiet_model_loading()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    store = Store(args.db or str(out / "storyline.db"))
    formats = [f for f in FORMATS if f in args.formats.split(",")] or list(FORMATS)
    entries: list[IndexEntry] = []
    with _progress() as prog:
        t_ingest = prog.add_task("ingest", total=None)
        docs = read_paths(args.paths, max_bytes=int(args.max_mb * 1024 * 1024), allow_private=args.allow_private)
        rep = ingest(store, docs, on_error=print_error, on_progress=lambda n: prog.update(t_ingest, completed=n))
        prog.update(t_ingest, total=rep.seen, completed=rep.seen)

        t_analyse = prog.add_task("analyse", total=len(store.ids_without_facts()) or 1)
        analyse_missing(store, on_step=lambda done, total: prog.update(t_analyse, completed=done, total=total))
        prog.update(t_analyse, completed=prog.tasks[t_analyse].total)

        t_link = prog.add_task("link", total=1)
        corpus = load_corpus(store, link_stories(store, rep.ids))
        prog.update(t_link, completed=1)

        stories = [s for s in corpus.stories if len(s.article_ids) >= args.min_articles]
        t_cmp = prog.add_task("compare", total=len(stories) or 1)
        for story in stories:
            report = compare(corpus, story)
            files: dict[str, str] = {}
            for fmt in formats:
                name = f"story-{story.id}.{fmt}"
                (out / name).write_text(render(report, fmt), encoding="utf-8")
                files[fmt] = name
            entries.append(
                IndexEntry(
                    story_id=story.id,
                    label=story.label,
                    start=story.start.isoformat() if story.start else "",
                    end=story.end.isoformat() if story.end else "",
                    articles=len(story.article_ids),
                    independent=len({c.outlet for c in report.sources if c.duplicate_of is None}),
                    corroborated=sum(1 for c in report.corroboration if c.label == "corroborated"),
                    conflicts=len(report.conflicts),
                    files=files,
                )
            )
            prog.advance(t_cmp)
    entries.sort(key=lambda e: (-e.articles, e.story_id))
    (out / "index.html").write_text(render_index_html(entries), encoding="utf-8")
    (out / "index.md").write_text(render_index_md(entries), encoding="utf-8")
    print(
        f"{len(rep.stored)} new, {len(rep.existing)} already stored, {len(rep.errors)} failed; "
        f"{len(entries)} stories -> {out / 'index.html'}"
    )
    return 1 if rep.errors and not rep.ids else 0


def register(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    add_db: Callable[[argparse.ArgumentParser], None],
    add_inputs: Callable[[argparse.ArgumentParser], None],
) -> None:
    sp = sub.add_parser("brief", help="write the cited brief of one story")
    sp.add_argument("story_id", type=int)
    sp.add_argument("--format", choices=FORMATS, default="md")
    sp.add_argument("-o", "--output", help="write to this file instead of stdout")
    add_db(sp)
    sp.set_defaults(fn=cmd_brief)

    sp = sub.add_parser("run", help="ingest, analyse, link and compare inputs; write one brief per story and an index")
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--out", required=True, help="output folder (the store goes there unless --db is given)")
    sp.add_argument("--formats", default="md,json,html", help="comma-separated subset of md,json,html")
    sp.add_argument("--min-articles", type=int, default=1, help="skip stories with fewer articles")
    add_db(sp)
    add_inputs(sp)
    sp.set_defaults(fn=cmd_run)
