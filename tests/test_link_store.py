"""Link state in the store's database: round trip, incremental linking, API functions.

Tests taking the ``db`` fixture run on SQLite and on the PostgreSQL server the test session starts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from storyline.link.cluster import StoryLinker
from storyline.model import Assignment
from storyline.store import db_url, make_engine
from storyline.store.stories import (
    LinkArticleRow,
    LinkStoryRow,
    SqlBackend,
    create_tables,
    get_story,
    link_articles,
    list_stories,
    load_linker,
    save_linker,
    story_of,
)
from storyline.testing.synth import generate


@pytest.fixture
def engine(db: str) -> Iterator[Engine]:
    eng = make_engine(db_url(db))
    create_tables(eng)
    yield eng
    eng.dispose()


def test_round_trip_continues_like_one_process(engine: Engine) -> None:
    items = generate(600, seed=9)
    arts = [x.article for x in items]
    # split the stream right before a copy whose original comes earlier: the copy must be found in the store
    pos = {x.article.id: i for i, x in enumerate(items)}
    cut = next(
        i for i, x in enumerate(items) if i >= 200 and x.duplicate_of is not None and pos[x.duplicate_of] < i
    )

    # One process, all at once
    ref = StoryLinker()
    ref_asg = ref.add_many(arts)

    # Two processes: save half, reload, add the rest
    first = StoryLinker()
    first.add_many(arts[:cut])
    with Session(engine) as s:
        save_linker(s, first)
        s.commit()
    with Session(engine) as s:
        again = load_linker(s)
        assert again.n_docs == first.n_docs and again.next_story == first.next_story
        assert (again.df == first.df).all()
        assert not again.stories  # nothing loaded up front: stories are fetched when the index names them
        rest = again.add_many(arts[cut:])
        save_linker(s, again)
        s.commit()
    same = sum(
        (a.story_id, a.duplicate_of) == (b.story_id, b.duplicate_of)
        for a, b in zip(rest, ref_asg[cut:], strict=True)
    )
    assert same / len(rest) > 0.97
    # copies of articles saved by the first process are found through the stored LSH bands
    early = {a.article_id for a in ref_asg[:cut]}
    assert any(a.duplicate_of in early for a in rest)
    assert [a.duplicate_of for a in rest] == [a.duplicate_of for a in ref_asg[cut:]]

    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(LinkArticleRow)) == len(arts)


def test_link_articles_api(engine: Engine) -> None:
    items = generate(400, seed=4)
    arts = [x.article for x in items]
    touched = link_articles(engine, arts[:399])
    assert touched and all(s.article_ids for s in touched)
    got: list[Assignment] = []
    one = link_articles(engine, arts[399:], assignments=got, full=True)
    assert len(one) == 1 and got[0].article_id == arts[399].id
    assert one[0].id == got[0].story_id and arts[399].id in one[0].article_ids and one[0].entities
    assert link_articles(engine, arts[:10]) == []  # already linked: nothing to do

    summaries = list_stories(engine, limit=None)
    assert sum(len(s.article_ids) for s in summaries) == len(arts)
    copies = {x.article.id: x.duplicate_of for x in items if x.duplicate_of is not None}
    grouped = {m for s in summaries for g in s.duplicate_groups for m in g.members[1:]}
    assert len(grouped & set(copies)) / len(copies) > 0.9

    biggest = max(summaries, key=lambda s: len(s.article_ids))
    full = get_story(engine, biggest.id)
    assert full is not None
    assert full.article_ids == biggest.article_ids and full.label == biggest.label
    assert full.entities and full.events
    assert get_story(engine, 10_000) is None


def test_one_more_article_reads_a_bounded_part_of_the_store(engine: Engine) -> None:
    items = generate(900, seed=13, mean_story_size=4)
    arts = [x.article for x in items]
    link_articles(engine, arts[:899])
    with Session(engine) as s:
        n_stories = s.scalar(select(func.count()).select_from(LinkStoryRow))
        linker = load_linker(s)
        assert not linker.stories and not linker.articles  # nothing preloaded
        linker.add(arts[899])
        backend = linker.backend
        assert isinstance(backend, SqlBackend)
        # a few indexed queries (copies by MinHash bands and by passages, candidate stories, their
        # states, members), and only the candidate stories come into memory
        assert backend.queries <= 5
        assert len(linker.stories) <= linker.config.cluster.max_candidates + 1 < n_stories


def test_partial_copy_found_across_batches_and_placements_kept(engine: Engine) -> None:
    """A truncated copy of a report linked in a later batch (another linker, reading the store) is still
    found by its shared passages, and every article's placement survives the round trip (--why)."""
    import datetime as dt

    from storyline.model import Article, content_hash
    from test_link_dedup import WIRE

    def art(aid: int, paras: list[str], outlet: str) -> Article:
        text = "\n\n".join(paras)
        return Article(
            source=f"mem://{aid}",
            content_hash=content_hash(text),
            paragraphs=paras,
            title="Hikers pulled from mine shaft in Velmora",
            outlet=outlet,
            published=dt.date(2031, 5, 4),
            id=aid,
        )

    full = art(1, WIRE, "Velmora Chronicle")
    partial = art(
        2,
        ["Our regional desk brings you this report from the agency."]
        + WIRE[:4]
        + ["Follow our live page for updates."],
        "Hillside Gazette",
    )
    link_articles(engine, [full])
    link_articles(engine, [partial])
    with Session(engine) as s:
        linker = load_linker(s)
        story = get_story(s, story_of(s, [1])[1])
        assert story is not None and story.article_ids == [1, 2]
        assert [g.members for g in story.duplicate_groups] == [[1, 2]]
        why = {e.article_id: e.placement for e in linker.explain(story.id)}
    assert why[1] is not None and why[1].how == "new"
    assert why[2] is not None and why[2].how == "copy" and why[2].other == 1
