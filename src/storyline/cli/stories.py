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
from storyline.store.stories import get_story, list_stories, load_linker


def _articles(store: Store, ids: list[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    with store.session() as s:
        rows = s.execute(
            select(
                ArticleRow.id,
                ArticleRow.source,
                ArticleRow.url,
                ArticleRow.outlet,
                ArticleRow.title,
                ArticleRow.published,
                ArticleRow.language,
                ArticleRow.language_confidence,
            ).where(ArticleRow.id.in_(ids))
        )
        for aid, source, url, outlet, title, published, lang, lang_conf in rows:
            out[aid] = {
                "id": aid,
                "source": source,
                "url": url,
                "outlet": outlet,
                "title": title,
                "published": published.isoformat() if published else None,
                "language": lang,
                "language_confidence": lang_conf,
            }
    return out


def _story_json(store: Store, st: Story, full: bool) -> dict[str, Any]:
    arts = _articles(store, st.article_ids)
    dup_of = {m: g.representative for g in st.duplicate_groups for m in g.members if m != g.representative}
    if full:
        dup_of.update(_report_copies(store, st))
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
        d["inferred_dates"] = {
            str(k): [v[0].isoformat(), v[1].isoformat()] for k, v in st.inferred_dates.items()
        }
    return d


def _report_counts(store: Store, stories: list[Story]) -> None:
    """Stories whose stored report is current show its count of independent sources, the brief's
    (rewritten wire copies count once there; the linker finds verbatim copies only)."""
    from storyline.store.reports import report_counts

    counts = report_counts(store, [st.id for st in stories])
    for st in stories:
        c = counts.get(st.id)
        if c is not None and c.current and c.independent is not None:
            st.independent_outlets = c.independent


def _report_copies(store: Store, st: Story) -> dict[int, int]:
    """Copy -> original as the story's current stored report counts them (empty without one)."""
    from storyline.store.reports import get_report

    stored = get_report(store, st.id)
    if stored is None or not stored.current:
        return {}
    return {s.article_id: s.duplicate_of for s in stored.report.sources if s.duplicate_of is not None}


def _span(st: Story) -> str:
    if not st.start:
        return "undated"
    return st.start.isoformat() if st.end in (None, st.start) else f"{st.start} – {st.end}"


def cmd_stories(args: argparse.Namespace) -> int:
    store = Store(args.db)
    stories = list_stories(store.engine, limit=args.limit, min_articles=args.min_articles)
    _report_counts(store, stories)
    if args.json:
        json.dump(
            [_story_json(store, st, full=False) for st in stories], sys.stdout, ensure_ascii=False, indent=2
        )
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
    _report_counts(store, [st])
    d = _story_json(store, st, full=True)
    if getattr(args, "why", False):
        d["why"] = _why(store, st)
    if args.json:
        json.dump(d, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"story {st.id}: {st.label}")
    print(f"  {len(st.article_ids)} articles, {st.independent_outlets} independent outlets, {_span(st)}")
    for a in d["articles"]:
        dup = f"  [duplicate of {a['duplicate_of']}]" if a.get("duplicate_of") else ""
        if a.get("language") and a["language"] != "en":
            dup += f"  [language {a['language']}, {a.get('language_confidence') or 0:.2f}]"
        print(
            f"  {a['id']:>6}  {a.get('published') or 'undated':<10}  {(a.get('outlet') or '-')[:24]:<24}  "
            f"{(a.get('title') or a.get('source') or '')[:70]}{dup}"
        )
    for ev in st.events:
        span = ev.start.isoformat() if ev.start else "undated"
        print(f"  event {ev.id}: {span}  {ev.label}  (articles {', '.join(map(str, ev.article_ids))})")
    if "why" in d:
        _print_why(d["why"])
    return 0


def _printable(text: str) -> str:
    """Source text for a terminal line: control characters (escape sequences, line breaks) as spaces."""
    return "".join(c if c.isprintable() else " " for c in text)


def _why(store: Store, st: Story) -> list[dict[str, Any]]:
    """For each article: how the linker placed it (similarity, the features that weighed most) and how
    it compares with the story now (``StoryLinker.explain``)."""
    arts = list(store.iter_articles(st.article_ids))
    facts = store.get_facts_many(st.article_ids)
    with store.session() as s:
        linker = load_linker(s)
        expl = linker.explain(st.id, arts, [facts.get(a.id) if a.id is not None else None for a in arts])
    out = []
    for e in expl:
        p = e.placement
        out.append(
            {
                "id": e.article_id,
                "duplicate_of": e.duplicate_of,
                "placed": p.to_json() if p is not None else None,
                "similarity_now": e.similarity_now,
                "terms_now": e.terms_now,
            }
        )
    return out


def _print_why(rows: list[dict[str, Any]]) -> None:
    print(
        "  why each article is here (similarity to the story; the shared names and terms that weighed most):"
    )
    for r in rows:
        p = r["placed"]
        if p is None:
            placed = "placement not recorded"
        elif p["how"] == "copy":
            placed = f"copy of {p['other']} (copy measure {p['similarity']:.2f}, by {', '.join(p['terms'])})"
        elif p["how"] == "new":
            placed = "started the story" + (
                f" (closest story {p['other']} at {p['similarity']:.2f})" if p["other"] else ""
            )
        elif p["how"] == "merged":
            placed = f"came with story {p['other']}, merged at {p['similarity']:.2f}: {', '.join(p['terms'])}"
        else:
            placed = f"{p['how']} at {p['similarity']:.2f}: {', '.join(p['terms'])}"
        print(f"  {r['id']:>6}  {_printable(placed)}")
        if r["terms_now"]:
            print(f"          now {r['similarity_now']:.2f}: {_printable(', '.join(r['terms_now']))}")


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
    sp.add_argument(
        "--why",
        action="store_true",
        help="for each article: the similarity and the names and terms that placed it in the story",
    )
    add_db(sp)
    sp.set_defaults(fn=cmd_story)
