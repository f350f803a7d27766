"""A big story compared through the big-story paths (nearest-neighbour alignment, blocked conflict
finders) finds what the same articles show in a small story, and its conflict finders visit each
distinct pair of sentences once however many outlets reprint them.

The ferry story below is original text: three invented outlets report a new ferry line. Planted:
a flat contradiction about Sunday sailings (polarity) and a date given differently (date). The big
story repeats the three articles under new ids and outlets, as independent outlets that print the
same sentences would, with the alignment's all-pairs limit set low so the big-story paths run.
"""

from __future__ import annotations

import copy
import time
from functools import lru_cache

import pytest

from storyline.compare import compare_story
from storyline.compare.align import AlignConfig, EntityResolver
from storyline.model import Article, ArticleFacts, RawDoc, Story, StoryReport
from test_compare import one_story

WAVELINE = """Ferry line to Orrick Island opens

The Kelda Straits Ferry Company began sailing between Port Wendle and Orrick Island on Monday.

The line's timetable was approved by the island council on 4 April 2023.

The ferry will not run on Sundays during the winter months, the company said.

Each crossing takes about 40 minutes and carries up to 200 passengers.
"""

STRAITS = """New ferry links Orrick Island to the mainland

The Kelda Straits Ferry Company opened its service between Port Wendle and Orrick Island on Monday.

The timetable was approved by the island council on 19 May 2023.

The ferry will run on Sundays during the winter months, the company said.

Islanders said the line would end years of waiting for a daily boat.
"""

LANTERN = """Orrick Island gets its ferry

Boats of the Kelda Straits Ferry Company now sail from Port Wendle to Orrick Island.

A return ticket costs 12 pounds, and children under five travel free.

The company plans a second vessel for the summer season.
"""

OUTLETS = ("Waveline Courier", "Straits Herald", "The Island Lantern")


@lru_cache(maxsize=1)
def ferry() -> tuple[list[Article], list[ArticleFacts]]:
    from storyline.analyse import analyse_many
    from storyline.clean import clean

    arts = []
    for i, (text, outlet) in enumerate(zip((WAVELINE, STRAITS, LANTERN), OUTLETS, strict=True)):
        a = clean(
            RawDoc(
                source=f"ferry-{i}.txt",
                kind="text",
                data=text.encode(),
                outlet=outlet,
                published="2023-06-05",
            )
        )
        a.id = i + 1
        arts.append(a)
    facts = analyse_many(arts)
    for a, f in zip(arts, facts, strict=True):
        f.article_id = a.id
    return arts, facts


def repeated(
    copies: int, which: tuple[int, ...] = (0, 1, 2)
) -> tuple[Story, dict[int, Article], dict[int, ArticleFacts]]:
    """The articles ``which`` ``copies`` times each, every copy under its own id and outlet."""
    arts, facts = ferry()
    articles: dict[int, Article] = {}
    fmap: dict[int, ArticleFacts] = {}
    for k in range(copies):
        for a0, f0 in ((arts[i], facts[i]) for i in which):
            a, f = copy.copy(a0), copy.copy(f0)
            a.id = f.article_id = len(articles) + 1
            a.outlet = f"{a0.outlet} {k}" if k else a0.outlet
            articles[a.id], fmap[a.id] = a, f
    return one_story(list(articles.values()), list(fmap.values())), articles, fmap


def found(report: StoryReport) -> set[tuple[str, str, str]]:
    return {(c.kind, c.a.text, c.b.text) for c in report.conflicts}


def test_the_big_story_paths_find_the_conflicts_of_the_small_story() -> None:
    small_story, small_arts, small_facts = repeated(1)
    small = compare_story(small_story, small_arts, small_facts)
    want = found(small)
    assert {"polarity", "date"} <= {k for k, _, _ in want}
    story, articles, fmap = repeated(30)
    big = compare_story(story, articles, fmap, align_config=AlignConfig(dense_max=50))
    got = found(big)
    assert want <= got
    # thirty outlets printing each of the two Sunday sentences make one conflict of two statements,
    # not 30 x 30 (a reader would get 900 copies of it, and finding them cost quadratic time)
    polarity = [c for c in big.conflicts if c.kind == "polarity"]
    assert len(polarity) == len({(c.kind, c.a.text, c.b.text) for c in polarity}) == 1


def test_the_conflict_finders_visit_each_distinct_pair_once() -> None:
    """The work of the blocked conflict finders is counted, not timed: the pairs they look at
    closely. Ten times the reprints of the same sentences visit the same pairs (copies of one
    sentence are one candidate), where a loop over every pair visited 100 times as many."""
    from storyline.compare.align import align
    from storyline.compare.conflicts import ConflictFinder
    from storyline.compare.sources import Sources

    def visited(copies: int) -> dict[str, int]:
        story, articles, fmap = repeated(copies)
        sources = Sources(story, articles)
        al = align(articles, fmap, story.entities, sources.name, AlignConfig(dense_max=50))
        finder = ConflictFinder(al, sources, articles, fmap, EntityResolver(story.entities))
        kinds = {c.kind for c in finder.all()}
        assert {"polarity", "date"} <= kinds
        return dict(finder.visited)

    small, big = visited(10), visited(100)
    assert small["polarity"] >= 1 and small["date"] >= 1
    assert big == small, (small, big)


def test_quote_grouping_looks_groups_up_by_their_words() -> None:
    """Thousands of distinct quotes, some reprinted by other outlets: each reprint joins its original,
    and grouping stays fast (comparing every quote with every group took 23 s for 2,000 quotes)."""
    import random

    from storyline.compare.align import EntityResolver
    from storyline.compare.quotes import group_quotes
    from storyline.compare.sources import Sources
    from storyline.model import Quote, Span

    rng = random.Random(4)
    vocab = [f"word{i}" for i in range(2000)] + "we said will would not is it that".split() * 20
    said: list[str] = []
    articles: dict[int, Article] = {}
    fmap: dict[int, ArticleFacts] = {}
    for aid in range(1, 1201):
        paras, quotes, pos = [], [], 0
        for k in range(4):
            if said and rng.random() < 0.3:
                words = rng.choice(said)  # another outlet's quote, reprinted
            else:
                words = " ".join(rng.choice(vocab) for _ in range(rng.randint(6, 14)))
                said.append(words)
            paras.append(words)
            quotes.append(
                Quote(Span(pos, pos + len(words), words), f"Speaker {rng.randrange(300)}", "direct", k)
            )
            pos += len(words) + 2
        articles[aid] = Article(
            source=f"q{aid}", content_hash=str(aid), paragraphs=paras, outlet=f"Outlet {aid}", id=aid
        )
        fmap[aid] = ArticleFacts(article_id=aid, quotes=quotes)
    story = Story(id=1, label="quotes", article_ids=sorted(articles), outlets=[])
    t0 = time.process_time()
    groups = group_quotes(articles, fmap, Sources(story, articles), EntityResolver([]))
    assert time.process_time() - t0 < 10
    by_text: dict[str, set[int]] = {}
    for g in groups:
        for v in g.variants:
            by_text.setdefault(v.content.text, set()).add(g.id)
    assert all(len(ids) == 1 for ids in by_text.values())  # every rendering of one quote in one group
    assert len(groups) == len(set(said))


TERMINAL = (
    "Fenmoor terminal cost rises\n\nThe new Fenmoor ferry terminal will cost $48 million, the port "
    "authority said on Monday.\n\nWork on the terminal is due to start in the spring, the authority said."
)
TERMINAL_BUDGET = (
    "Port sets terminal budget\n\nThe new Fenmoor ferry terminal will cost $64 million, the port "
    "authority said on Monday.\n\nThe authority expects the terminal to open in two years."
)


def test_reprints_of_two_figures_are_paired_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Forty reprints of each of two reports that give the terminal's cost differently: one conflict,
    and the quantity finder pairs no more figures than for ten reprints (it paired every copy with
    every copy: 600 reprints of five reports took 268 s)."""
    from storyline.analyse import analyse_many
    from storyline.clean import clean
    from storyline.compare import conflicts

    arts = []
    for i, (text, outlet) in enumerate(((TERMINAL, "Orla Gazette"), (TERMINAL_BUDGET, "Tarrow Post"))):
        a = clean(
            RawDoc(source=f"t{i}.txt", kind="text", data=text.encode(), outlet=outlet, published="2024-05-06")
        )
        a.id = i + 1
        arts.append(a)
    facts = analyse_many(arts)
    for a, f in zip(arts, facts, strict=True):
        f.article_id = a.id
    pairs: list[int] = []
    original = conflicts.ConflictFinder._quantity_candidates

    def counted(self, items, numbers):  # type: ignore[no-untyped-def]
        found = original(self, items, numbers)
        pairs.append(len(found))
        return found

    monkeypatch.setattr(conflicts.ConflictFinder, "_quantity_candidates", counted)
    for n in (10, 40):
        articles: dict[int, Article] = {}
        fmap: dict[int, ArticleFacts] = {}
        for k in range(n):
            for a0, f0 in zip(arts, facts, strict=True):
                a, f = copy.copy(a0), copy.copy(f0)
                a.id = f.article_id = len(articles) + 1
                a.outlet = f"{a0.outlet} {k}"
                articles[a.id], fmap[a.id] = a, f
        story = one_story(list(articles.values()), list(fmap.values()))
        report = compare_story(story, articles, fmap, align_config=AlignConfig(dense_max=10))
        quantity = [c for c in report.conflicts if c.kind == "quantity"]
        assert [(c.a.text[-11:], c.b.text[-11:]) for c in quantity] == [("$48 million", "$64 million")]
    assert pairs[0] == pairs[1] <= 8 * 8, pairs
