"""Place names in linking: "X County" and "X" are one place (outlets write both), while other kinds of
names keep their own keys."""

from __future__ import annotations

import datetime as dt

from storyline.analyse import analyse_many
from storyline.link.cluster import StoryLinker
from storyline.link.features import FeatureConfig, entity_keys, extract, names_beyond_ner
from storyline.model import Article
from test_link_time import art as dated_art

DAY = dt.date(2031, 5, 13)


def art(aid: int, title: str, paras: list[str], outlet: str) -> Article:
    return dated_art(aid, title, paras, DAY, outlet)


def test_place_keys_drop_the_administrative_word() -> None:
    assert entity_keys("Harrowgate County", "place") == ["e:harrowgate county", "e:harrowgate"]
    assert entity_keys("Velmor Prefecture", "place") == ["e:velmor prefecture", "e:velmor"]
    assert entity_keys("Lake Tessin", "place") == ["e:lake tessin"]  # a lake is no administrative word
    assert entity_keys("County", "place") == ["e:county"]
    assert entity_keys("United States", "place") == ["e:united state"]  # not "United"
    # organisations keep their full name only: a department or a city council is not its place
    assert entity_keys("Harrowgate City Council", "organisation") == ["e:harrowgate city council"]
    assert entity_keys("Ilse Fanthorpe", "person") == ["e:ilse fanthorpe", "e:fanthorpe"]


# Original fixtures: a landslide told by an outlet that writes "Harrowgate" and one that writes
# "Harrowgate County", with few other words in common.
FIRST = (
    "Landslide buries road in Harrowgate",
    [
        "A landslide buried a mountain road in Harrowgate on Tuesday after three days of heavy rain, "
        "cutting off two villages.",
        "Rescue crews in Harrowgate said nobody was hurt, but about 300 residents could not leave.",
        "The road is the only route into the valley, the Harrowgate authorities said.",
    ],
)
SECOND = (
    "Villages cut off as hillside gives way",
    [
        "Emergency teams in Harrowgate County were clearing mud and boulders on Tuesday from the only "
        "road into two hill villages.",
        "Harrowgate County officials said the slope had been saturated by days of rain and that "
        "helicopters would carry food to the villages.",
        "Geologists will inspect the hillside before the road reopens.",
    ],
)


def test_place_written_with_and_without_its_county_links() -> None:
    arts = [art(1, *FIRST, "Vale Mountain News"), art(2, *SECOND, "Eastmoor Daily")]
    facts = list(analyse_many(arts))
    places = {e.name for f in facts if f is not None for e in f.entities if e.type == "place"}
    assert {"Harrowgate", "Harrowgate County"} <= places  # the analysis reads both as places
    linker = StoryLinker()
    asg = linker.add_many(arts, facts)
    assert asg[0].story_id == asg[1].story_id, asg
    placed = linker.articles[2].placement
    # the first article names no "Harrowgate County": the name shared is the place key both give
    assert placed is not None and placed.terms[0] == "Harrowgate County"


def test_names_the_analysis_leaves_out_still_count_in_linking() -> None:
    # Original fixture: an event and a feast the small model does not tag, and
    # ordinary words that stand capitalised only by their place in the text.
    text = (
        "Tessaro unveiled its new laptop before the Winter Olympics on Monday, with a screen twice "
        "as sharp.\n\n"
        '"Absolutely," said Mara Lindqvist, who runs the company. "It\'s the thinnest we have made, '
        'just in time for Christmas."\n\n'
        "Rescuers of old laptops will like it: rescuers can still open the case."
    )
    a = art(1, "Tessaro shows a thinner laptop", text.split("\n\n"), "Vale Mountain News")
    (f,) = analyse_many([a])
    assert f is not None
    found = {run for _, run in names_beyond_ner(a.text, f)}
    assert "Winter Olympics" in found and "Christmas" in found
    # the analysis' own names are not counted twice, nor are ordinary words or contractions
    assert not found & {"Mara Lindqvist", "Lindqvist", "Rescuers", "It's", "Absolutely", "Monday"}
    feats = extract(a, f)
    assert "e:winter olympic" in feats.entities
    assert "e:winter olympic" not in extract(a, f, FeatureConfig(names_beyond_ner=False)).entities
