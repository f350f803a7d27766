"""Partial copies: one agency report cut at other lengths, with other boilerplate, is found by its
shared passages; a copy-edited rewrite of it by its near-verbatim sentences; two independent reports
quoting one statement word for word are not copies.

All text is our own invented writing.
"""

from __future__ import annotations

from storyline.link.dedup import (
    DedupConfig,
    DuplicateIndex,
    find_duplicates,
    long_sentences,
    near_verbatim,
    passage_fingerprints,
    sentence_copies,
)

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


# The agency report as another outlet copy-edits it: a word changed every few words, so no 40-word
# run survives, and only its first half is used.
REWRITE = [
    "Rescue teams in the mountain town of Velmora pulled two hikers from a collapsed mine shaft late "
    "Saturday, ending a search that had lasted nearly three days, the regional fire service said.",
    "The pair, both in their 20s, had taken a shortcut across an old quarry road when the ground gave way "
    "under them and they fell some eight metres into a disused gallery.",
    "Volunteers from three nearby villages joined the search after a farmer reported an abandoned car near "
    "the quarry gate on Thursday evening, the service said in a statement.",
    "Velmora's mayor said the council would act quickly.",
]

# An independent report of the same rescue: the same facts in its own words, the same statement quoted.
OWN_WORDS = [
    "Two young hikers trapped for almost three days in an old mine under Velmora were brought out alive on "
    "Saturday night after firefighters dug through the collapsed entrance.",
    "They had fallen into a gallery of the quarry, closed since the nineteen-sixties, while walking a "
    "shortcut that locals have long warned against.",
    "A farmer who noticed their car by the quarry gate raised the alarm, and villagers came to help.",
    STATEMENT,
]


def test_copy_edited_rewrite_is_found_by_its_sentences_and_an_own_report_is_not() -> None:
    wire, rewrite, own = "\n\n".join(WIRE), "\n\n".join(REWRITE), "\n\n".join(OWN_WORDS)
    # the passage index misses the rewrite: no long verbatim run is left
    assert find_duplicates({1: wire, 2: rewrite}) == []
    assert near_verbatim(long_sentences(rewrite), long_sentences(wire), 85.0) == 3
    assert sentence_copies({1: wire, 2: rewrite, 3: own}, [1, 2, 3]) == {2: 1}
    # the order decides which is the original
    assert sentence_copies({1: wire, 2: rewrite}, [2, 1]) == {1: 2}


def test_a_full_wire_text_joins_the_shorter_versions_it_holds() -> None:
    # two outlets each ran a different cut of one agency story (one sentence in common); the agency's
    # full text, published later, holds two sentences of each: all three are one source
    own = "Residents said the quarry road had been used as a shortcut for decades despite warning signs."
    first = "\n\n".join([WIRE[0], WIRE[1], own])
    second = "\n\n".join([WIRE[1], WIRE[3], WIRE[4]])
    full = "\n\n".join(WIRE)
    assert near_verbatim(long_sentences(second), long_sentences(first), 85.0) == 1
    assert sentence_copies({1: first, 2: second, 3: full}, [1, 2, 3]) == {2: 1, 3: 1}


def test_one_shared_sentence_or_a_shared_quotation_makes_no_copy() -> None:
    wire = "\n\n".join(WIRE + [STATEMENT])
    # a report that takes one sentence of the agency's and quotes the same statement
    borrower = "\n\n".join([WIRE[4]] + OWN_WORDS)
    assert long_sentences(STATEMENT) == ()  # a quotation is no sentence of the outlet's own
    assert sentence_copies({1: wire, 2: borrower}, [1, 2]) == {}


def test_rewritten_copy_counts_once_among_a_storys_sources() -> None:
    from storyline.compare.sources import Sources
    from storyline.model import Article, Story

    def art(i: int, outlet: str, paras: list[str]) -> Article:
        return Article(source=f"a{i}", content_hash=str(i), id=i, outlet=outlet, paragraphs=paras)

    arts = {
        1: art(1, "Ridge Wire", WIRE),
        2: art(2, "Valley Courier", REWRITE),
        3: art(3, "Hill Times", OWN_WORDS),
    }
    src = Sources(Story(id=1, label="s", article_ids=[1, 2, 3]), arts)
    assert not src.independent(1, 2) and src.representative(2) == 1
    assert src.independent(1, 3) and src.independent(2, 3)
    assert {r.article_id: r.duplicate_of for r in src.report_sources()} == {1: None, 2: 1, 3: None}


def test_a_page_that_is_only_another_reports_lede_is_its_copy() -> None:
    wire = "\n\n".join(WIRE)
    # a feed's page carrying nothing but the agency's first sentence (a word added)
    lede = WIRE[0].replace("Rescue crews", "Rescue teams")
    assert sentence_copies({1: wire, 2: lede}, [1, 2]) == {2: 1}
    # a short page of its own words is no copy, nor is one sentence too short to tell
    assert sentence_copies({1: wire, 2: OWN_WORDS[0]}, [1, 2]) == {}
    assert sentence_copies({1: wire, 2: "Velmora's mayor said the council would act quickly."}, [1, 2]) == {}


# Another outlet's paraphrase of the agency report: every narrative sentence reworded (no sentence
# survives near word for word), in the same order, with one sentence of its own.
PARAPHRASE = [
    "Firefighters in Velmora, a mountain town, rescued two hikers late on Saturday from a mine shaft that "
    "had collapsed, ending a search of nearly three days, according to the regional fire service.",
    "The two hikers, aged in their twenties, were crossing an old quarry road as a shortcut when the ground "
    "collapsed under them and they dropped roughly eight metres into an abandoned gallery.",
    "People from three nearby villages helped search once a farmer had spotted a car left by the entrance "
    "to the quarry on Thursday night, the fire service said.",
    "The hikers were dehydrated but in a stable condition at the district hospital, where doctors said one "
    "had fractured an ankle and faces an operation early next week.",
    "Our reporter saw a crowd of relatives waiting outside the hospital's emergency entrance on Sunday.",
    "The quarry was shut in the nineteen-sixties and its galleries were never sealed, according to a survey "
    "the town council ordered two years ago and then ignored.",
]

# An independent report of the same rescue with as many sentences: its own material, its own order.
OWN_REPORT = [
    "Relatives of two young walkers wept with relief outside Velmora's district hospital on Sunday, a day "
    "after the pair were lifted out of a collapsed mine gallery.",
    "Residents told our correspondent the quarry road has been used as a shortcut for generations despite "
    "signs warning of subsidence, and that children still play near the gate.",
    "A retired miner who worked the galleries in the fifties said the tunnels run for several kilometres "
    "under the hillside and were dug without any proper supports.",
    "The council's opposition leader called for an inquiry into why a safety survey ordered two years ago "
    "was never acted on, and demanded that the site be fenced this week.",
    "Firefighters needed almost three days to reach the walkers, working in shifts through two nights of "
    "heavy rain that flooded part of the shaft.",
    "Hospital staff said both were recovering, one of them with a broken ankle that will need surgery.",
]


def test_a_paraphrase_told_sentence_by_sentence_is_a_rewrite_and_an_own_report_is_not() -> None:
    from storyline.link.dedup import RewriteConfig, rewrite_copies

    wire, para, own = "\n\n".join(WIRE), " ".join(PARAPHRASE), "\n\n".join(OWN_REPORT + [STATEMENT])
    # no sentence survives near word for word: the sentence rule cannot see it
    assert near_verbatim(long_sentences(para), long_sentences(wire), 85.0) == 0
    assert sentence_copies({1: wire, 2: para}, [1, 2]) == {}
    assert rewrite_copies({1: wire, 2: para, 3: own}, [1, 2, 3]) == {2: 1}
    # the earliest is the original; the independent report joins neither, in any order
    assert rewrite_copies({1: wire, 2: para, 3: own}, [3, 2, 1]) == {1: 2}
    # the same sentences shuffled keep their meaning but not the other's order: no rewrite
    shuffled = " ".join(PARAPHRASE[k] for k in (5, 3, 0, 2, 1, 4))
    assert rewrite_copies({1: wire, 2: shuffled}, [1, 2]) == {}
    # too few narrative sentences to judge (quotations are left out)
    assert rewrite_copies({1: wire, 2: " ".join(PARAPHRASE[:4])}, [1, 2]) == {}
    assert rewrite_copies({1: wire, 2: " ".join(PARAPHRASE[:4])}, [1, 2], RewriteConfig(least=4)) == {2: 1}


def test_a_page_stitched_from_reports_tells_their_sentences_in_their_voice() -> None:
    from storyline.compare.sources import Sources
    from storyline.link.dedup import sentence_sources
    from storyline.model import Article, ClaimMember, Span, Story

    # a round-up: one paragraph lifted from the agency report, the rest its own
    stitched = [WIRE[3].replace("described", "called"), *OWN_REPORT[:3]]
    wire, page = "\n\n".join(WIRE), "\n\n".join(stitched)
    assert sentence_copies({1: wire, 2: page}, [1, 2]) == {}  # one shared sentence: no copy as a whole
    told = sentence_sources({1: wire, 2: page}, [1, 2])
    assert list(told) == [2] and set(told[2].values()) == {1} and len(told[2]) == 1

    def art(i: int, outlet: str, paras: list[str]) -> Article:
        return Article(source=f"a{i}", content_hash=str(i), id=i, outlet=outlet, paragraphs=paras)

    arts = {1: art(1, "Ridge Wire", WIRE), 2: art(2, "Hill Roundup", stitched)}
    src = Sources(Story(id=1, label="s", article_ids=[1, 2]), arts)
    assert src.independent(1, 2)

    def member(i: int, sentence: str) -> ClaimMember:
        at = arts[i].text.index(sentence)
        span = Span(at, at + len(sentence), sentence)
        return ClaimMember(
            article_id=i, claim=0, span=span, sentence=0, asserter="outlet", outlet="", context=span
        )

    assert src.said_first(member(2, stitched[0])) == 1  # the lifted paragraph is the agency's word
    assert src.said_first(member(2, stitched[1])) == 2  # its own reporting is its own
    # a claim told by the agency and by the round-up's lifted paragraph stands on one source
    from storyline.compare.corroboration import SINGLE, corroborate
    from storyline.model import ClaimCluster

    lifted = ClaimCluster(id=1, members=[member(1, WIRE[3]), member(2, stitched[0])])
    got = corroborate(lifted, src)
    assert got.label == SINGLE and got.independent == 1 and got.support[0].copies == [2]
