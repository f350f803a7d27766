"""Commands on stories: stories, story ID (with --json for scripting)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from storyline.cli.options import add_db
from storyline.model import Story, to_jsonable
from storyline.store import Store
from storyline.store.schema import ArticleRow
from storyline.store.stories import get_story, list_stories


def _articles(store: Store, ids: list[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    with store.session() as s:
        rows = s.execute(select(ArticleRow.id, ArticleRow.source, ArticleRow.url, ArticleRow.outlet, ArticleRow.title,
                                ArticleRow.published).where(ArticleRow.id.in_(ids)))
        for aid, source, url, outlet, title, published in rows:
            out[aid] = {"id": aid, "source": source, "url": url, "outlet": outlet, "title": title,
                        "published": published.isoformat() if published else None}
    return out


def _story_json(store: Store, st: Story, full: bool) -> dict[str, Any]:
    arts = _articles(store, st.article_ids)
    dup_of = {m: g.representative for g in st.duplicate_groups for m in g.members if m != g.representative}
    d: dict[str, Any] = {
        "id": st.id,
        "label": st.label,
        "articles": [{**arts.get(a, {"id": a}), "duplicate_of": dup_of.get(a)} for a in st.article_ids],
        "outlets": st.outlets,
        "independent_outlets": st.independent_outlets,
        "start": st.start.isoformat() if st.start else None,
        "end": st.end.isoformat() if st.end else None,
        "duplicate_groups": [g.members for g in st.duplicate_groups],
    }
    if full:
        d["events"] = to_jsonable(st.events)
        d["entities"] = to_jsonable(st.entities)
        d["inferred_dates"] = {str(k): [v[0].isoformat(), v[1].isoformat()] for k, v in st.inferred_dates.items()}
    return d


def _span(st: Story) -> str:
    if not st.start:
        return "undated"
    return st.start.isoformat() if st.end in (None, st.start) else f"{st.start} – {st.end}"


def cmd_stories(args: argparse.Namespace) -> int:
    store = Store(args.db)
    stories = list_stories(store.engine, limit=args.limit, min_articles=args.min_articles)
    if args.json:
        json.dump([_story_json(store, st, full=False) for st in stories], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    t = Table(title=f"stories in {store.display_url}")
    for col in ("id", "label", "articles", "independent outlets", "time span"):
        t.add_column(col)
    for st in stories:
        t.add_row(str(st.id), st.label, str(len(st.article_ids)), str(st.independent_outlets), _span(st))
    Console().print(t)
    if not stories:
        print("no stories yet: run `storyline ingest PATH...` first")
    return 0


def cmd_story(args: argparse.Namespace) -> int:
    store = Store(args.db)
    st = get_story(store.engine, args.id)
    if st is None:
        print(f"error: no story {args.id} in {store.display_url}", file=sys.stderr)
        return 1
    d = _story_json(store, st, full=True)
    if args.json:
        json.dump(d, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"story {st.id}: {st.label}")
    print(f"  {len(st.article_ids)} articles, {st.independent_outlets} independent outlets, {_span(st)}")
    for a in d["articles"]:
        dup = f"  [duplicate of {a['duplicate_of']}]" if a.get("duplicate_of") else ""
        print(f"  {a['id']:>6}  {a.get('published') or 'undated':<10}  {(a.get('outlet') or '-')[:24]:<24}  "
              f"{(a.get('title') or a.get('source') or '')[:70]}{dup}")
    for ev in st.events:
        span = ev.start.isoformat() if ev.start else "undated"
        print(f"  event {ev.id}: {span}  {ev.label}  (articles {', '.join(map(str, ev.article_ids))})")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sp = sub.add_parser("stories", help="list stories (id, label, articles, independent outlets, time span)")
    sp.add_argument("--json", action="store_true", help="machine-readable output")
    sp.add_argument("--limit", type=int, default=100)
    sp.add_argument("--min-articles", type=int, default=1)
    add_db(sp)
    sp.set_defaults(fn=cmd_stories)

    sp = sub.add_parser("story", help="one story: its articles (duplicates marked) and events")
    sp.add_argument("id", type=int)
    sp.add_argument("--json", action="store_true", help="machine-readable output")
    add_db(sp)
    sp.set_defaults(fn=cmd_story)
