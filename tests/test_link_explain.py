"""Linking real-looking scrapes: what an article is about outweighs passing mentions and teaser tails,
names match across spellings, small stories merge into the story they turn out to belong to, and every
placement can be explained. All text is our own invented writing.
"""

from __future__ import annotations

import datetime as dt

from storyline.link.cluster import ClusterConfig, LinkConfig, StoryLinker
from storyline.link.features import extract, story_paragraphs
from storyline.model import Article, content_hash

DAY = dt.date(2031, 5, 6)


def art(aid: int, paras: list[str], title: str = "", day: dt.date | None = DAY) -> Article:
    return Article(
        source=f"t://{aid}",
        content_hash=content_hash(f"{aid}{title}{paras}"),
        paragraphs=list(paras),
        title=title or None,
        published=day,
        outlet=f"Outlet {aid}",
        id=aid,
    )


FLOOD = [
    "Floodwater from the swollen Ardent river swept through the lower town of Marrowby on Tuesday, forcing "
    "the evacuation of 800 homes, the county emergency office said.",
    "County emergency chief Oriel Vantongeren said pumps had been moved to the hospital and the old mill.",
    "Residents of Marrowby piled sandbags along the river wall as water rose above the flood gauge.",
    "Vantongeren said the Ardent was expected to crest on Wednesday morning.",
]
FLOOD_2 = [
    "Hundreds of families in Marrowby spent the night in school gyms after the Ardent burst its banks, "
    "county officials said on Tuesday.",
    "The county's emergency chief, Oriel Vantongeren, said the river would crest on Wednesday.",
    "Volunteers handed out blankets while water stood a metre deep in the lower town.",
]
# The same story with the chief's name misspelt throughout, and a lead about the mill.
FLOOD_MISSPELT = [
    "Water from the Ardent river flooded the old mill and the lower town of Marrowby on Tuesday, and 800 "
    "homes were evacuated as the river kept rising.",
    "County emergency chief Oriel Vantongerren said the hospital was protected by pumps and sandbags.",
    "Vantongerren expected the Ardent to crest on Wednesday, after the river wall was raised overnight.",
]


def test_a_misspelt_name_is_the_same_person_when_the_rest_agrees() -> None:
    def run(fuzzy: int) -> tuple[StoryLinker, list]:  # type: ignore[type-arg]
        cfg = ClusterConfig(fuzzy_stories=fuzzy, merge_small=0, threshold=0.5, young_bonus=0.0)
        linker = StoryLinker(LinkConfig(cluster=cfg))
        return linker, linker.add_many([art(1, FLOOD), art(2, FLOOD_2), art(3, FLOOD_MISSPELT)])

    _, strict = run(0)
    assert strict[2].new_story  # the misspelt chief shares nothing with the story's chief
    linker, fuzzy = run(3)
    assert fuzzy[2].story_id == fuzzy[0].story_id and fuzzy[2].score > 0.5
    placed = linker.articles[3].placement
    assert placed is not None and "Oriel Vantongeren" in placed.terms  # joined under the story's spelling


def test_teaser_tail_and_captions_do_not_steer() -> None:
    body = FLOOD + [
        "Emergency crews clear mud in Marrowby. — Agency",
        "More from our newsroom",
        "Harbour festival cancelled after storm warning",
        "Ferry operator Kelda Lines posts record profits",
        "Kelda Lines chief says ferry fares will rise",
    ]
    a = art(1, body)
    keep = story_paragraphs(a)
    assert [a.paragraphs[i] for i in keep] == FLOOD
    feats = extract(a)
    assert not any("kelda" in k for k in feats.entities)
    assert feats.terms["marrowby"] > feats.terms.get("ferry", 0.0)


def test_lead_and_title_outweigh_a_passing_mention() -> None:
    paras = FLOOD + ["Last year the town hosted the regional cycling race, won by Piet Halloran."]
    f = extract(art(1, paras, title="Marrowby evacuates 800 homes as Ardent floods"))
    assert f.entities["e:oriel vantongeren"] > f.entities["e:piet halloran"]
    assert f.terms["marrowby"] > f.terms["cycling"]


def test_small_story_merges_when_the_story_grows_and_why_says_so() -> None:
    side = [
        "Evacuation centres in three schools took in families from Marrowby overnight, and the county "
        "opened a fourth in the sports hall as the Ardent river kept rising.",
        "Oriel Vantongeren, the county emergency chief, said 800 homes had been cleared in the lower town.",
    ]
    # an early decision made on a strict threshold: the second report starts a story of its own
    linker = StoryLinker(LinkConfig(cluster=ClusterConfig(threshold=0.95, young_bonus=0.0)))
    first = linker.add_many([art(1, FLOOD, "Ardent floods Marrowby"), art(2, side)])
    assert first[0].story_id != first[1].story_id
    # as the story grows, the small story is compared again and joins it
    linker.config.cluster.threshold = 0.3
    later = linker.add_many([art(3, FLOOD_2, "Marrowby flood"), art(4, FLOOD_MISSPELT, "Marrowby flood")])
    assert linker.merges == 1
    story = later[-1].story_id
    assert {a.story for a in linker.articles.values()} == {story}
    moved = linker.articles[2].placement
    assert moved is not None and moved.how == "merged" and moved.other == first[1].story_id and moved.terms
    assert (
        linker.stories[first[1].story_id].merged_into == story
        and not linker.stories[first[1].story_id].article_ids
    )
    assert 2 in linker.moved and sorted(linker.story(story).article_ids) == [1, 2, 3, 4]
    why = linker.explain(story, [art(1, FLOOD, "Ardent floods Marrowby"), art(2, side)])
    assert [e.article_id for e in why] == [1, 2, 3, 4]
    assert why[0].placement is not None and why[0].placement.how == "new"
    assert all(e.similarity_now > 0.2 and e.terms_now for e in why[:2])
    assert (
        why[2].placement is not None
        and why[2].placement.how == "joined"
        and why[2].placement.similarity >= 0.3
    )


def test_unrelated_small_story_does_not_merge() -> None:
    other = [
        "Kelda Lines will raise ferry fares to the islands by a tenth from June, the operator said on Tuesday.",
        "The company blamed fuel prices and a new harbour levy for the increase.",
    ]
    arts = [art(1, FLOOD), art(2, other)] + [art(3 + i, FLOOD_2) for i in range(3)]
    linker = StoryLinker()
    asg = linker.add_many(arts)
    assert asg[1].story_id != asg[0].story_id and linker.merges == 0
