"""Partial copies: one agency report cut at other lengths, with other boilerplate, is found by its
shared passages; two independent reports quoting one statement word for word are not copies.

All text is our own invented writing.
"""

from __future__ import annotations

from storyline.link.dedup import DedupConfig, DuplicateIndex, find_duplicates, passage_fingerprints

WIRE = [
    "Rescue crews in the mountain town of Velmora pulled two hikers from a collapsed mine shaft late on "
    "Saturday, ending a search that had lasted almost three days, the regional fire service said.",
    "The pair, both in their twenties, had taken a shortcut across an old quarry road when the ground gave "
    "way beneath them and they fell about eight metres into a disused gallery.",
    "Volunteers from three neighbouring villages joined the search after a farmer reported an abandoned car "
    "near the quarry gate on Thursday evening, the service added in its statement.",
    "Doctors at the district hospital described the hikers as dehydrated but stable, and said one of them "
    "had broken an ankle in the fall and would need surgery early next week.",
    "The quarry closed in the nineteen-sixties and its galleries were never properly sealed, according to "
    "a survey commissioned by the town council two years ago that was never acted upon.",
    "Council members are due to meet on Tuesday to discuss fencing off the whole site before the summer "
    "holiday season brings more walkers to the area.",
]

STATEMENT = (
    "“We will not rest until every gallery under this hillside has been inspected and made safe for the "
    "families who walk here every weekend, and we ask for patience while that work is done,” the mayor said."
)


def test_truncated_copy_with_other_boilerplate_is_a_copy() -> None:
    first = "\n\n".join(WIRE)  # the full report
    # another outlet runs the first four paragraphs under its own header and footer
    second = "\n\n".join(
        ["Our regional desk brings you this report from the agency."]
        + WIRE[:4]
        + ["Follow our live page for updates. Sign up to the morning newsletter."]
    )
    # a third cuts the opening and keeps the end, with a short introduction of its own
    third = "\n\n".join(["The hikers found on Saturday are recovering in hospital."] + WIRE[2:])
    groups = find_duplicates({1: first, 2: second, 3: third})
    assert len(groups) == 1 and set(groups[0].members) == {1, 2, 3}
    assert groups[0].representative == 1


def test_shared_quotation_is_not_a_copy() -> None:
    a = "\n\n".join(
        [
            "Velmora's mayor promised on Monday to inspect every tunnel of the old quarry after two walkers were "
            "trapped there last week.",
            STATEMENT,
            "Opposition councillors said the pledge came two years too late and asked who would pay for it.",
        ]
    )
    b = "\n\n".join(
        [
            "Speaking outside the town hall, the mayor of Velmora answered residents angry about the abandoned "
            "quarry where two young walkers fell.",
            STATEMENT,
            "Engineers estimate that sealing the galleries could take most of the year and cost several million.",
        ]
    )
    assert find_duplicates({1: a, 2: b}) == []
    # the quotation alone would have been plenty of shared text
    assert len(passage_fingerprints(STATEMENT.replace("“", "").replace("”", ""))) >= 10


def test_independent_reports_are_not_copies() -> None:
    other = "\n\n".join(
        [
            "Two young walkers rescued from a mine gallery near Velmora on Saturday are in stable condition, "
            "hospital staff told us on Sunday morning.",
            "Firefighters lowered a stretcher on ropes after drilling a second opening to bring in fresh air, "
            "a rescuer who asked not to be named described.",
            "Residents said the quarry road had been used as a shortcut for decades despite warning signs.",
        ]
    )
    assert find_duplicates({1: "\n\n".join(WIRE), 2: other}) == []


def test_passage_match_records_its_kind_and_similarity() -> None:
    idx = DuplicateIndex(DedupConfig())
    idx.add(1, "\n\n".join(WIRE))
    rep, sim, _ = idx.add(
        2, "\n\n".join(WIRE[1:3] + ["A paragraph of our own about the weather in the hills today."])
    )
    assert rep == 1 and idx.kind[2] == "passages" and 0.25 <= sim <= 1.0
