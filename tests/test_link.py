"""Linking: near-duplicates, streaming stories, undated articles, events, canonical entities."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from storyline.link.aliases import EntityNote, merge_entities
from storyline.link.cluster import ClusterConfig, LinkConfig, StoryLinker, _apart_in_actors, _Members
from storyline.link.dedup import find_duplicates
from storyline.link.events import article_cues, weekday_before
from storyline.link.features import capitalised_ngrams, detokenise, extract, lead_year
from storyline.model import Article, ArticleFacts, Entity, Mention, content_hash
from storyline.testing.metrics import bcubed, pairwise
from storyline.testing.synth import generate

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Original fixtures: two invented stories in the same week, sharing a minister, plus a wire copy.
DAM = [
    "Engineers at the Tarrow Valley dam began releasing water on Monday after inspectors found a crack "
    "in the northern spillway, the regional water authority said.",
    "Water Minister Odile Ferreira visited the dam in Tarrow Valley and said the crack posed no immediate "
    "danger to the 14,000 residents living downstream.",
    "The authority has lowered the reservoir by two metres and closed the access road to traffic.",
    "Ferreira promised an independent review of the spillway's maintenance records going back to 2019.",
]
DAM_OTHER = [
    "Residents below the Tarrow Valley dam were told on Monday that the cracked spillway would be "
    "repaired within three weeks, after water was released to ease pressure on the structure.",
    "The water authority said inspectors had spotted the crack during a routine survey of the spillway.",
    "Odile Ferreira, the water minister, said the reservoir level had already fallen by two metres.",
    "Local farmers asked whether irrigation from the reservoir would be cut during the repairs.",
]
STRIKE = [
    "Bus drivers in Kelderport walked out on Tuesday in a dispute over night-shift pay, leaving commuters "
    "stranded across the city.",
    "The drivers' union said talks with the transport operator Quaymark Transit had collapsed after the "
    "company offered a 2 percent raise.",
    "Water Minister Odile Ferreira, who was in Kelderport for an unrelated conference, urged both sides "
    "to return to the table.",
    "Quaymark Transit said it would run a reduced timetable on its busiest routes until Friday.",
]


def art(aid: int, paras: list[str], title: str, day: dt.date | None, outlet: str) -> Article:
    text = "\n\n".join(paras)
    return Article(
        source=f"fixture://{aid}",
        content_hash=content_hash(text + title),
        paragraphs=list(paras),
        title=title,
        published=day,
        outlet=outlet,
        id=aid,
    )


MON = dt.date(2030, 6, 3)  # a Monday


@pytest.fixture()
def stream() -> list[Article]:
    wire_copy = DAM[:3] + [
        "Ferreira promised an independent review of the spillway's maintenance records "
        "going back to 2019, a spokesperson added.",
        "Reporting by the Lakeside Tribune.",
    ]
    return [
        art(1, DAM, "Crack found in Tarrow Valley dam spillway", MON, "Lakeside Tribune"),
        art(
            2,
            STRIKE,
            "Kelderport bus drivers strike over night pay",
            MON + dt.timedelta(days=1),
            "Metro Dispatch",
        ),
        art(3, wire_copy, "Tarrow Valley dam: crack in spillway", MON, "Coastline Gazette"),
        art(4, DAM_OTHER, "Tarrow Valley repairs to take three weeks", None, "Valley Courier"),
    ]


def test_copies_grouped_stories_separated_undated_dated(stream: list[Article]) -> None:
    linker = StoryLinker()
    asg = linker.add_many(stream)
    story = {a.article_id: a.story_id for a in asg}
    assert asg[2].duplicate_of == 1  # the wire copy
    assert story[1] == story[3] == story[4]  # copy and the undated report join the dam story
    assert story[2] != story[1]  # the strike shares a minister, not the story
    dam = linker.story(story[1])
    assert [g.members for g in dam.duplicate_groups] == [[1, 3]]
    assert dam.independent_outlets == 2  # the copy's outlet does not count again
    assert dam.inferred_dates == {4: (MON, MON)}
    assert "Tarrow Valley" in dam.label


def test_undated_article_events_resolve_against_inferred_range() -> None:
    day2 = [
        "Water Minister Odile Ferreira opened the new flood barrier in Ostrava Harbour on Wednesday, "
        "two days after inspectors reported the crack at the Tarrow Valley dam spillway.",
        "She told engineers that the Tarrow Valley dam repairs would be paid for by the national budget.",
    ]
    arts = [
        art(1, DAM, "Crack found in Tarrow Valley dam spillway", MON, "Lakeside Tribune"),
        art(
            2,
            DAM_OTHER,
            "Tarrow Valley dam repairs to take three weeks",
            MON + dt.timedelta(days=2),
            "Valley Courier",
        ),
        art(3, day2, "Ferreira opens barrier, pledges Tarrow Valley dam funds", None, "Harbor Times"),
    ]
    linker = StoryLinker()
    asg = linker.add_many(arts)
    assert len({a.story_id for a in asg}) == 1
    story = linker.story(asg[0].story_id)
    assert story.inferred_dates[3] == (MON, MON + dt.timedelta(days=2))
    days = {e.start: e for e in story.events}
    wed = MON + dt.timedelta(days=2)
    assert 3 in days[wed].article_ids  # "on Wednesday" of the undated article, resolved to the story's week
    assert 1 in days[MON].article_ids  # "on Monday" of the first report
    assert any("Ostrava Harbour" in p for p in days[wed].places)


def test_weekday_resolution() -> None:
    assert weekday_before(dt.date(2030, 6, 6), 0) == dt.date(2030, 6, 3)
    assert weekday_before(dt.date(2030, 6, 6), 3) == dt.date(2030, 6, 6)
    cues = article_cues(art(1, ["Talks ended on 4 June 2030 in Halvik."], "t", None, "x"))
    assert cues[0].date == dt.date(2030, 6, 4)


def test_synthetic_stream_quality_and_duplicates() -> None:
    items = generate(1500, seed=21)
    linker = StoryLinker()
    asg = linker.add_many([x.article for x in items])
    pred = {a.article_id: a.story_id for a in asg}
    gold = {x.article.id: x.story for x in items}
    b = bcubed(pred, gold)
    assert b.f1 > 0.85, b
    flagged = {a.article_id for a in asg if a.duplicate_of is not None}
    copies = {x.article.id for x in items if x.duplicate_of is not None}
    assert len(flagged & copies) / len(copies) > 0.95
    assert len(flagged & copies) / len(flagged) > 0.8
    # every flagged copy sits in its original's story
    by_id = {a.article_id: a for a in asg}
    assert all(by_id[a].story_id == by_id[by_id[a].duplicate_of].story_id for a in flagged)  # type: ignore[index]


def test_incremental_add_scores_few_stories() -> None:
    """Adding to a big state compares a bounded number of stories, not all of them."""
    items = generate(2000, seed=5, days=120, mean_story_size=4)
    linker = StoryLinker()
    linker.add_many([x.article for x in items[:1900]])
    n_stories = len(linker.stories)
    before = linker.comparisons
    asg = linker.add_many([x.article for x in items[1900:]])
    per_article = (linker.comparisons - before) / len(asg)
    cfg = linker.config.cluster
    assert n_stories > 300
    assert max(a.candidates for a in asg) <= cfg.max_candidates
    assert per_article < n_stories / 10


def test_find_duplicates_light_rewrite() -> None:
    base = " ".join(DAM)
    rewrite = base.replace("began releasing", "started releasing").replace("Monday", "Monday morning") + (
        " This story has been updated."
    )
    groups = find_duplicates({1: base, 2: " ".join(STRIKE), 3: rewrite, 4: " ".join(DAM_OTHER)})
    assert [(g.representative, g.members) for g in groups] == [(1, [1, 3])]


def test_capitalised_runs_and_detokenise() -> None:
    runs = capitalised_ngrams(
        "Earlier, Water Minister Odile Ferreira met Quaymark Transit in Kelderport. Talks failed."
    )
    assert runs == ["Water Minister Odile Ferreira", "Quaymark Transit", "Kelderport"]
    assert detokenise("`` We are ready , '' she said .") == '"We are ready," she said.'


def test_lead_year_keeps_undated_same_kind_events_apart() -> None:
    flood = [
        "BRENNICK, March 2021 - The Orla river burst its banks in Brennick, flooding the market square.",
        "Volunteers filled sandbags as the water rose, the council said.",
    ]
    a = art(1, flood, "Orla floods Brennick", None, "Valley Courier")
    assert lead_year(a.text) == 2021
    assert "e:#2021" in extract(a).entities  # a year counts like a name
    linker = StoryLinker(LinkConfig(cluster=ClusterConfig(year_weight=0.05)))
    sid = linker.add(a).story_id
    s = linker.stories[sid]
    assert s.years == {2021}
    base = linker.score(s, {}, {}, None, None, None)
    # an undated article whose lead names another year is pushed away; the same year is not
    assert linker.score(s, {}, {}, None, None, 2016) == pytest.approx(base - 0.05)
    assert linker.score(s, {}, {}, None, None, 2021) == pytest.approx(base)
    # dated articles use the time term instead
    assert linker.score(s, {}, {}, None, MON, None) == pytest.approx(base)


def test_role_resolves_through_apposition_in_another_article() -> None:
    a1 = [
        EntityNote("Odile Ferreira", "person", ["Ferreira"], ["Water Minister"], 3),
        EntityNote("Quaymark Transit", "organisation"),
    ]
    a2 = [EntityNote("water minister", "role"), EntityNote("Ferreira", "person")]
    a3 = [EntityNote("Odile Ferriera", "person")]  # misspelt by a third outlet
    ents = merge_entities([(1, a1), (2, a2), (3, a3)])
    odile = next(e for e in ents if e.name == "Odile Ferreira")
    assert odile.article_ids == [1, 2, 3]
    assert "water minister" in odile.roles
    assert {e.name for e in ents} == {"Odile Ferreira", "Quaymark Transit"}


def test_ambiguous_role_stays_unresolved() -> None:
    a1 = [
        EntityNote("Odile Ferreira", "person", roles=["minister"]),
        EntityNote("Ivo Lindgren", "person", roles=["minister"]),
    ]
    a2 = [EntityNote("the minister", "role")]
    ents = merge_entities([(1, a1), (2, a2)])
    assert all(2 not in e.article_ids for e in ents)


def test_a_shared_surname_does_not_merge_two_people() -> None:
    # one outlet filed a lone "Ferreira" under the minister's father; another under the minister
    a1 = [
        EntityNote("Odile Ferreira", "person", ["Ferreira"]),
        EntityNote("Tomas Ferreira", "person", ["Ferreira"]),
    ]
    a2 = [EntityNote("Odile M. Ferreira", "person", ["Ferreira"])]
    a3 = [EntityNote("Tom Ferreira", "person", ["Ferreira"])]
    ents = {e.name: e.article_ids for e in merge_entities([(1, a1), (2, a2), (3, a3)])}
    assert next(v for k, v in ents.items() if k.startswith("Odile")) == [1, 2]
    # a short given name is the long one's
    assert next(v for k, v in ents.items() if k.startswith("Tom")) == [1, 3]


def test_a_plural_role_names_many_not_its_one_holder() -> None:
    a1 = [EntityNote("Ivo Lindgren", "person", roles=["Prosecutor"])]
    a2 = [EntityNote("Prosecutors", "role"), EntityNote("prosecutor", "role")]
    ents = merge_entities([(1, a1), (2, a2)])
    ivo = next(e for e in ents if e.name == "Ivo Lindgren")
    assert ivo.article_ids == [1, 2]  # the singular resolves
    assert "Prosecutors" not in ivo.roles and "Prosecutors" not in ivo.aliases


def test_facts_entities_used_when_given() -> None:
    a = art(1, DAM, "Crack found in dam", MON, "Lakeside Tribune")
    text = a.text
    start = text.index("Odile Ferreira")
    facts = ArticleFacts(
        article_id=1,
        entities=[
            Entity(0, "Odile Ferreira", "person", aliases=["Ferreira"], roles=["Water Minister"], mentions=2)
        ],
        mentions=[Mention(start, start + 14, "Odile Ferreira", "person", 0)],
    )
    linker = StoryLinker()
    linker.add(a, facts)
    story = linker.story(1)
    assert story.entities[0].name == "Odile Ferreira" and story.entities[0].roles == ["Water Minister"]


def test_article_without_id_is_refused() -> None:
    a = art(1, DAM, "t", MON, "x")
    a.id = None
    with pytest.raises(ValueError, match="fixture://1"):
        StoryLinker().add(a)


def test_config_threshold_matters() -> None:
    items = generate(300, seed=2)
    arts = [x.article for x in items]
    lo = StoryLinker(LinkConfig(cluster=ClusterConfig(threshold=0.05))).add_many(arts)
    hi = StoryLinker(LinkConfig(cluster=ClusterConfig(threshold=0.9))).add_many(arts)
    assert len({a.story_id for a in lo}) < len({a.story_id for a in hi})


def test_metrics_known_values() -> None:
    gold = {1: "a", 2: "a", 3: "b", 4: "b"}
    assert bcubed(gold, gold).f1 == 1.0
    one = {i: 0 for i in gold}
    b = bcubed(one, gold)
    assert b.precision == pytest.approx(0.5) and b.recall == 1.0
    p = pairwise(one, gold)
    assert p.precision == pytest.approx(2 / 6) and p.recall == 1.0


def test_seeds_one_story_no_duplicates() -> None:
    raw = SHARED / "seeds" / "raw"
    if not raw.exists():
        pytest.skip("../shared/seeds/raw not found: seed articles unavailable")
    arts = []
    for i, p in enumerate(sorted(raw.glob("*.txt")), 1):
        text = p.read_text(encoding="utf-8", errors="replace")
        arts.append(art(i, [x for x in text.split("\n") if x.strip()], "", None, p.stem))
    linker = StoryLinker()
    asg = linker.add_many(arts)
    assert len({a.story_id for a in asg}) == 1
    assert all(a.duplicate_of is None for a in asg)


def test_ecbplus_subset_sanity() -> None:
    path = SHARED / "bench-data" / "ecbplus" / "ecbplus_docs.jsonl"
    if not path.exists():
        pytest.skip("../shared/bench-data/ecbplus not found: ECB+ unavailable")
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["topic"] in (2, 4, 6, 8, 10)]  # held-out (even) topics
    arts = [art(i, [detokenise(s) for s in r["sentences"]], "", None, "ecb") for i, r in enumerate(rows, 1)]
    asg = StoryLinker().add_many(arts)
    pred = {a.article_id: a.story_id for a in asg}
    gold = {i: r["subtopic"] for i, r in enumerate(rows, 1)}
    assert bcubed(pred, gold).f1 > 0.8


def test_weekday_nearest_to_an_inferred_range() -> None:
    from storyline.link.events import weekday_nearest

    tue = dt.date(2030, 6, 4)
    # siblings all dated Tuesday: an undated report's "Wednesday"/"Thursday" are the days after
    assert weekday_nearest(tue, tue, 2) == dt.date(2030, 6, 5)
    assert weekday_nearest(tue, tue, 3) == dt.date(2030, 6, 6)
    assert weekday_nearest(tue, tue, 0) == dt.date(2030, 6, 3)
    assert weekday_nearest(tue, tue + dt.timedelta(days=6), 6) == dt.date(2030, 6, 9)


def test_resolve_times_against_story_range() -> None:
    from storyline.link.events import resolve_times
    from storyline.model import Span, TimeRef

    facts = ArticleFacts(
        article_id=7,
        times=[
            TimeRef(Span(10, 23, "on Wednesday"), 0, "on Wednesday"),
            TimeRef(Span(40, 49, "yesterday"), 1, "yesterday"),
            TimeRef(Span(60, 64, "2029"), 2, "2029", value=dt.date(2029, 1, 1), end=dt.date(2029, 12, 31)),
        ],
    )
    tue = dt.date(2030, 6, 4)
    got = resolve_times(facts, (tue, tue))
    assert [t.value for t in got] == [dt.date(2030, 6, 5), dt.date(2030, 6, 3), dt.date(2029, 1, 1)]
    assert [t.anchor for t in got[:2]] == ["story", "story"]
    assert facts.times[0].value is None  # input untouched


# Two same-kind events (two ferry disasters on one coast, undated): most of every report is the
# shared vocabulary of a sinking; only the names of ship, captain and place tell them apart.
FERRY_SHARED = [
    "Rescue boats of the Vestland Coast Guard searched the water through the night, and divers were sent to the hull.",
    "Survivors told reporters that the ferry listed sharply before passengers could reach the lifeboats.",
    "The Vestland Maritime Authority said it would open an inquiry into the ferry's stability and its cargo.",
    "Relatives gathered at the harbour waiting for news of passengers who were still missing.",
    "Storm warnings had been issued for the coast, but the ferry left port on schedule.",
    "Helicopters lifted injured passengers to the regional hospital, where doctors treated them for hypothermia.",
    "Shipping experts said ferries on the route were old and often overloaded in the holiday season.",
    "The operator said it was cooperating with the coast guard and had suspended its other sailings.",
    "Fishermen who joined the rescue said waves were several metres high when the ferry went down.",
    "Unions have long warned that crews on coastal ferries are too small to handle an evacuation.",
    "The prime minister sent condolences and promised a review of ferry safety rules.",
    "Insurance investigators are expected to examine the ferry's maintenance logs.",
]
FERRY_EVENTS = {
    "aldmere": (
        "The ferry Aldmere Star capsized off Corrin Point on Saturday with 140 people on board; 12 died.",
        [
            "Captain Henrik Valo of the Aldmere Star was questioned by police in Corrin.",
            "The Aldmere Star had been carrying timber lorries from Corrin to Ostby.",
            "Henrik Valo told investigators the Aldmere Star lost power near Corrin Point.",
            "Mayor Pirjo Lundqvist of Corrin declared a day of mourning for the 12 dead.",
        ],
    ),
    "lysa": (
        "The ferry Lysa Gale sank near Brannock Reef on Thursday with 260 people on board; 31 are missing.",
        [
            "Captain Maren Oduya of the Lysa Gale was rescued by a fishing trawler near Brannock.",
            "The Lysa Gale was sailing from Brannock to the island of Skerra with school groups on board.",
            "Maren Oduya said the Lysa Gale struck rocks on Brannock Reef in heavy fog.",
            "Governor Tomas Ekwueme of Skerra flew to Brannock to meet families of the 31 missing.",
        ],
    ),
}


def ferry_stream() -> tuple[list[Article], dict[int, str]]:
    """Reports of the two sinkings, alternating, each a different mix of the shared sentences."""
    import random

    rng = random.Random(2)
    arts, gold = [], {}
    for i in range(12):
        key = ("aldmere", "lysa")[i % 2]
        lead, own = FERRY_EVENTS[key]
        paras = rng.sample(FERRY_SHARED, 6)
        paras.insert(rng.randrange(2), lead)
        paras.insert(rng.randrange(2, 5), rng.choice(own))
        arts.append(art(i + 1, paras, "", None, f"Outlet {i + 1}"))
        gold[i + 1] = key
    return arts, gold


def test_young_story_that_merged_two_events_splits() -> None:
    arts, gold = ferry_stream()
    # Without revisiting, the second sinking's first report joins the first one and the story keeps
    # attracting both: one story.
    fixed = StoryLinker(LinkConfig(cluster=ClusterConfig(split_max_members=0)))
    assert len({a.story_id for a in fixed.add_many(arts)}) == 1
    linker = StoryLinker()
    asg = linker.add_many(arts)
    assert linker.splits >= 1
    pred = {a.article_id: a.story_id for a in asg}
    assert bcubed(pred, gold).f1 == 1.0
    # the assignments report where each article ended up; duplicates stay with their originals
    assert pred == {aid: st.story for aid, st in linker.articles.items()}
    assert all(pred[a.article_id] == pred[a.duplicate_of] for a in asg if a.duplicate_of is not None)
    # the centroids followed the members: each story is labelled by its own ship
    labels = {linker.story(sid).label for sid in set(pred.values())}
    assert any("Aldmere" in lb for lb in labels) and any("Lysa" in lb for lb in labels)
    # a coherent story never splits
    one = StoryLinker()
    one.add_many([a for a in arts if gold[a.id or 0] == "aldmere"])
    assert one.splits == 0 and len(one.stories) == 1


def test_split_state_survives_a_session(tmp_path: Path) -> None:
    """A story saved young is still split by the next session (member vectors are stored)."""
    from sqlalchemy.orm import Session

    from storyline.store import db_url, make_engine
    from storyline.store.stories import LinkArticleRow, create_tables, load_linker, save_linker

    arts, gold = ferry_stream()
    engine = make_engine(db_url(str(tmp_path / "link.db")))
    create_tables(engine)
    first = StoryLinker()
    first.add_many(arts[:5])
    assert first.splits == 0 and len(first.stories) == 1  # merged so far
    with Session(engine) as s:
        save_linker(s, first)
        s.commit()
    with Session(engine) as s:
        again = load_linker(s)
        again.add_many(arts[5:])
        assert again.splits >= 1
        save_linker(s, again)
        s.commit()
    with Session(engine) as s:
        stored = {r.article_id: r.story_id for r in s.query(LinkArticleRow)}
    engine.dispose()
    assert bcubed(stored, gold).f1 == 1.0  # rows saved by the first session moved too


def test_a_story_label_names_rather_than_quotes_a_run_of_text() -> None:
    """A page in a language written without spaces gives runs of a whole sentence as its "names": a
    label keeps the names and the short terms."""
    from storyline.link.cluster import StoryState, story_label

    s = StoryState(
        id=1,
        ents={1: 3.0, 2: 2.0, 3: 1.0},
        terms={4: 1.0, 5: 0.5},
        names={
            1: "港の新しいフェリーは来月から毎日運航することになったとのことです",
            2: "港湾局",
            3: "Ines Varga",
            4: "ferry",
            5: "港の新しいフェリーは来月から毎日運航することになった",
        },
    )
    assert story_label(s) == (["港湾局", "Ines Varga"], ["ferry"])


def test_a_clock_time_is_one_term_not_a_count() -> None:
    from storyline.link.features import content_terms

    terms = content_terms(
        "Crews were called at 9:40 p.m. and about 40 volunteers fought the fire until 11.15am."
    )
    assert "#9:40" in terms and "#11:15" in terms
    assert terms.count("#40") == 1  # the volunteers, not the minutes
    assert "#15" not in terms and "#11.15" not in terms


# Two same-kind events with one cast around them (two players of one club arrested for drink-driving,
# undated): the shared sentences tie the reports together; only the player each report is about
# differs. The later arrest's reports recall the earlier one; the earlier's cannot know the later.
ARREST_SHARED = [
    "The Marlow Gulls said they were aware of the arrest and were gathering information.",
    "Marlow Highway Patrol spokesman Edwin Castell said the arrest followed a routine stop.",
    "The Northern Football League said it had been told of the arrest by the Marlow Gulls.",
    "Under the league's conduct policy a player charged with driving under the influence can be suspended.",
    "Highway patrol officers said the car was stopped for speeding shortly after two in the morning.",
    "A breath test at the roadside showed a reading above the legal limit, the patrol said.",
    "The Gulls play their next game on Sunday against the Tarnby Hawks.",
    "The club's coach declined to comment on whether the player would be disciplined.",
    "Fans on the club's message boards were divided over how the Gulls should respond.",
    "The patrol said the driver cooperated with officers and was released on bail later that morning.",
    "A court date has been set for next month, according to county records.",
    "The league office said it would review the case once the legal process was complete.",
    "Drink-driving arrests of professional athletes have drawn growing criticism from road safety groups.",
    "The club has run an education programme on alcohol and driving for its players since last year.",
    "Season ticket holders received an email from the club about the incident on Tuesday morning.",
    "Sponsors of the Gulls said they were following the case closely.",
    "The player's teammates were told about the arrest at a meeting before training.",
    "Local radio hosts spent much of their morning programme discussing the arrest.",
]
ARREST_EVENTS = {
    "osterby": (
        "Gulls receiver Ravel Osterby was arrested on suspicion of drink-driving, the highway patrol said.",
        [
            "The receiver, 26, joined the Gulls three seasons ago and leads the team in catches.",
            "His agent said Osterby regretted the incident and apologised to the Marlow Gulls.",
            "",
        ],
    ),
    "dunleavy": (
        "Gulls tackle Kasimir Dunleavy was arrested on suspicion of drink-driving, the highway patrol said.",
        [
            "The tackle, 31, is the longest-serving player on the Gulls roster.",
            "His lawyer said Dunleavy would plead not guilty at his first hearing in Marlow County Court.",
            "It is the club's second such arrest this season, after Ravel Osterby was stopped in the autumn.",
        ],
    ),
}


def arrest_stream() -> tuple[list[Article], dict[int, str]]:
    """Reports of the two arrests, alternating, each a mix of shared sentences."""
    import random

    rng = random.Random(5)
    arts, gold = [], {}
    for i in range(12):
        key = ("osterby", "dunleavy")[i % 2]
        lead, own = ARREST_EVENTS[key]
        paras = [lead, *rng.sample(ARREST_SHARED, 7)]
        paras.insert(rng.randrange(1, 6), own[i // 2 % 2])
        if key == "dunleavy":
            paras.insert(rng.randrange(2, 8), own[2])
        title = lead.split(" was ")[0] + " arrested"
        arts.append(art(100 + i, paras, title, None, f"Outlet {i + 1}"))
        gold[100 + i] = key
    return arts, gold


def test_young_story_of_two_actors_splits_even_when_its_cut_is_not_clean() -> None:
    arts, gold = arrest_stream()
    # only a cut this clean would split without the actors (nor time: the reports are undated)
    cfg = ClusterConfig(split_strong_ratio=0.0)
    fixed = StoryLinker(LinkConfig(cluster=ClusterConfig(split_strong_ratio=0.0, split_actor_absent=0.0)))
    assert len({a.story_id for a in fixed.add_many(arts)}) == 1
    linker = StoryLinker(LinkConfig(cluster=cfg))
    asg = linker.add_many(arts)
    assert linker.splits >= 1
    assert bcubed({a.article_id: a.story_id for a in asg}, gold).f1 == 1.0


def test_parts_that_name_each_others_actor_are_one_story() -> None:
    """A company and its chief executive, each the heaviest name of half a story's reports, name
    each other: one story. When one part never names the other's actor, they are two."""
    company, chief, place, other = 11, 12, 13, 14
    part = np.array([False] * 4 + [True] * 4)

    def members(chief_in_company_reports: float) -> _Members:
        vecs = [
            ({}, {company: 0.7, chief: chief_in_company_reports, place: 0.9}, None, None) for _ in range(4)
        ]
        vecs += [({}, {chief: 0.7, company: 0.3, place: 0.9}, None, None) for _ in range(4)]
        return _Members(ids=list(range(8)), vecs=vecs)  # type: ignore[arg-type]

    absent = ClusterConfig().split_actor_absent
    assert not _apart_in_actors(members(0.25), part, {place}, absent)
    assert _apart_in_actors(members(0.0), part, {place}, absent)
    # the place is where, not who: counted as a name it is every report's heaviest
    assert not _apart_in_actors(members(0.0), part, set(), absent)
    # a part without one actor for most of its reports is about no one in particular
    mixed = members(0.0)
    mixed.vecs[4:8] = [({}, {other + k: 0.8, place: 0.9}, None, None) for k in range(4)]  # type: ignore[misc]
    assert not _apart_in_actors(mixed, part, {place}, absent)
