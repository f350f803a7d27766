"""Conflict rules on a small invented story (real analysis, real embeddings), plus the pure helpers.

The bridge story below is original text: three invented outlets report the opening of a bridge.
Planted: an outlet that calls the sitting mayor "the former mayor" while also calling her
"Mayor" (role), a date given differently by two outlets (date), a flat contradiction about lorries
(polarity), and three different percentages that must not be read as a conflict.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
import pytest

from storyline.compare.align import (
    ClaimUnit,
    agglomerate,
    coordinated,
    effective_negation,
    lexical_negations,
    numbers_clash,
    reassign,
    segments,
)
from storyline.compare.quotes import inner_changes, overlap, word_diff
from storyline.compare.timeline import day_month, resolve_day_month, resolve_weekday
from storyline.model import ClaimMember, Corroboration, Quantity, RawDoc, Span, StoryReport
from test_compare import one_story

GAZETTE = """Quayside bridge opens to traffic

Mayor Ines Varga opened the new Quayside bridge over the River Tamsel on Saturday, four years after the project was first announced.

The bridge's design was approved by the council on 12 March 2022, and construction began the following spring.

The bridge will not carry heavy lorries, which will continue to use the ring road.

The city currently spends 2 per cent of its annual budget on bridge maintenance.

Councillors have proposed raising that share to 5 per cent by 2030.
"""

POST = """Varga cuts the ribbon on Quayside bridge

Mayor Ines Varga cut the ribbon on the Quayside bridge on Saturday in front of about 3,000 people.

The bridge's design was approved by the council on 12 June 2022.

Later the former mayor told reporters that the crossing would halve journey times between the two halves of the town.

Under regional rules, at least 3 per cent of a city's budget must go on maintaining its bridges.

The bridge will carry heavy lorries, which will continue to use the ring road.
"""

HERALD = """A new crossing for Tamsel

Ines Varga, the mayor, opened the Quayside bridge on Saturday.

She said the crossing would halve journey times across the town.

Councillors want the city to spend 5 per cent of its budget on bridges by 2030.

Critics slammed the project, which reportedly ran over budget in May.
"""


def compare_docs(docs: list[RawDoc]) -> StoryReport:
    """Clean, analyse and compare raw documents known to tell one story."""
    from storyline.analyse import analyse_many
    from storyline.clean import clean
    from storyline.compare import compare_story

    arts = []
    for i, d in enumerate(docs):
        a = clean(d)
        a.id = i + 1
        arts.append(a)
    facts = analyse_many(arts)
    for a, f in zip(arts, facts, strict=True):
        f.article_id = a.id
    story = one_story(arts, facts)
    return compare_story(story, {a.id: a for a in arts}, {f.article_id: f for f in facts})


def compare_texts(texts: dict[str, str], published: str | None = None) -> StoryReport:
    """``compare_docs`` of plain-text reports keyed by their outlet's name."""
    return compare_docs(
        [
            RawDoc(source=f"t{k}.txt", kind="text", data=text.encode(), outlet=name, published=published)
            for k, (name, text) in enumerate(texts.items())
        ]
    )


def told_by_both(rep: StoryReport, words: str) -> list[Corroboration]:
    """The corroboration of each cluster in which two members contain ``words``."""
    by_cluster = {c.id: c for c in rep.clusters}
    return [
        corr
        for corr in rep.corroboration
        if sum(words in m.span.text for m in by_cluster[corr.cluster].members) == 2
    ]


@lru_cache(maxsize=1)
def bridge() -> StoryReport:
    return compare_docs(
        [
            RawDoc(
                source="harbourline-gazette.txt",
                kind="text",
                data=GAZETTE.encode(),
                outlet="Harbourline Gazette",
                published="2024-05-06",
            ),
            RawDoc(
                source="northfield-post.txt",
                kind="text",
                data=POST.encode(),
                outlet="Northfield Post",
                published="2024-05-06",
            ),
            RawDoc(
                source="tamsel-herald.txt",
                kind="text",
                data=HERALD.encode(),
                outlet="Tamsel Herald",
                published="2024-05-07",
            ),
        ]
    )


@pytest.fixture(scope="module")
def report() -> StoryReport:
    return bridge()


def test_role_inconsistency_within_one_article(report: StoryReport) -> None:
    roles = [k for k in report.conflicts if k.kind == "role"]
    assert len(roles) == 1
    k = roles[0]
    assert k.scope == "within-article" and k.a.article_id == k.b.article_id == 2
    assert "former mayor" in k.a.text and "Mayor" in k.b.text
    assert k.subject == "Ines Varga" and "former mayor" in k.reason


def test_date_conflict_across_outlets(report: StoryReport) -> None:
    dates = [k for k in report.conflicts if k.kind == "date"]
    assert len(dates) == 1
    k = dates[0]
    assert {k.a.article_id, k.b.article_id} == {1, 2}
    assert "12 March 2022" in k.reason and "12 June 2022" in k.reason


def test_polarity_conflict_across_outlets(report: StoryReport) -> None:
    pol = [k for k in report.conflicts if k.kind == "polarity"]
    assert len(pol) == 1
    k = pol[0]
    assert "will not carry" in k.a.text and "will carry" in k.b.text


def test_different_percentages_are_not_a_conflict(report: StoryReport) -> None:
    # 2% now, a 3% floor and a 5% proposal: three facts
    assert not [k for k in report.conflicts if k.kind == "quantity"]
    # and the 5% proposal is corroborated by two outlets
    cid = next(c.id for c in report.clusters if any("5 per cent" in m.span.text for m in c.members))
    corr = next(c for c in report.corroboration if c.cluster == cid)
    assert corr.label == "corroborated" and corr.independent == 2


def test_corroborated_paraphrase_across_outlets(report: StoryReport) -> None:
    cid = next(c.id for c in report.clusters if any("halve journey times" in m.span.text for m in c.members))
    corr = next(c for c in report.corroboration if c.cluster == cid)
    assert corr.independent == 2
    assert {m.asserter for c in report.clusters if c.id == cid for m in c.members} == {"Ines Varga"}


def test_headline_attaches_only_where_its_article_says_the_same(report: StoryReport) -> None:
    titles = {m.span.text: c for c in report.clusters for m in c.members if m.part == "title"}
    ribbon = titles["Varga cuts the ribbon on Quayside bridge"]
    assert any("cut the ribbon" in m.span.text for m in ribbon.members if m.article_id == 2)
    # three outlets state the opening; the Post's headline adds no voice
    assert {m.article_id for m in ribbon.members} == {1, 2, 3}
    # nothing in the Herald's text restates "A new crossing for Tamsel"
    assert "A new crossing for Tamsel" not in titles


def test_framing_signals_are_cue_and_sentence(report: StoryReport) -> None:
    herald = [f for f in report.framing if f.outlet == "Tamsel Herald"]
    kinds = {(f.kind, f.cue) for f in herald}
    assert ("loaded", "slammed") in kinds and ("hedge", "reportedly") in kinds
    assert ("hedge", "May") not in kinds  # the month is no hedge
    for f in herald:
        if f.kind != "headline":
            assert f.span.text.startswith("Critics slammed")


# ---------------------------------------------------------------- pure helpers


def test_negative_prefixed_evaluatives_count_as_negation() -> None:
    assert lexical_negations("Joining the alliance is unrealistic") == 1
    assert lexical_negations("an impossible and unlikely outcome") == 2
    assert lexical_negations("the United States and an informal union") == 0
    assert effective_negation("membership is not realistic", negated=True)
    assert effective_negation("membership is unrealistic", negated=False)
    assert not effective_negation("it is not unrealistic", negated=True)


def test_an_un_participle_negates_as_a_predicate_only() -> None:
    # "remained unaffected" says what "were not affected" says: one polarity, one proposition
    assert effective_negation("Tablets and phones remained unaffected", negated=False)
    assert effective_negation("Tablets and phones were not affected", negated=True)
    assert effective_negation("The two ferry passengers were largely unhurt", negated=False)
    # before a noun it describes, and the claim stays an assertion
    assert not effective_negation("An unidentified man was arrested at the pier", negated=False)
    assert not effective_negation("The unpaid dockworkers walked out", negated=False)
    assert lexical_negations("the unions were united in their demand") == 0


def test_a_subordinate_clause_without_a_comma_is_its_own_proposition() -> None:
    from storyline.compare.align import _subordinate_pieces

    text = "A recount will be held in the Fenmoor ward after the Harbour Party candidate lost by 41 votes."
    verbs = [text.index("held"), text.index("lost")]
    pieces = _subordinate_pieces([(0, len(text), text, False)], text, verbs)
    assert [p[2] for p in pieces] == [
        "A recount will be held in the Fenmoor ward",
        "after the Harbour Party candidate lost by 41 votes.",
    ]
    # "after the meeting" has no verb: a setting of its clause, not a proposition
    text2 = "The ferry talks resumed at the port office after the long weekend meeting on Friday."
    one = _subordinate_pieces([(0, len(text2), text2, False)], text2, [text2.index("resumed")])
    assert len(one) == 1
    # a gerund clause shares its clause's subject: "after losing 14" is no proposition of its own
    text3 = "The Harriers became the only club to win ten games in a season after losing fourteen the year before."
    verbs3 = [text3.index("became"), text3.index("win"), text3.index("losing")]
    assert len(_subordinate_pieces([(0, len(text3), text3, False)], text3, verbs3)) == 1
    # "X comes after Y": the main clause only places its subject in time
    text4 = "The singer's latest stay at the clinic comes after she crashed her car into a fence."
    verbs4 = [text4.index("comes"), text4.index("crashed")]
    assert len(_subordinate_pieces([(0, len(text4), text4, False)], text4, verbs4)) == 1


def test_as_before_a_noun_phrase_with_no_verb_is_no_clause_break() -> None:
    text = "The win put the Harriers beside the 1998 Rovers as the only teams to win ten games in a season."
    verbs = {text.index("put"), text.index("win ten")}
    assert segments(text, verbs=verbs) == [(0, len(text))]
    text2 = "The mayor spoke to reporters at noon as the old bridge collapsed into the river."
    verbs2 = {text2.index("spoke"), text2.index("collapsed")}
    assert len(segments(text2, verbs=verbs2)) == 2


def test_a_serial_comma_closes_a_list_and_cuts_no_clause() -> None:
    # the parser may tag the list's last noun as a verb ("support"): the verb set here says so too
    text = "a consultancy specialising in site planning, design, and operations support for large plants"
    verbs = {text.index("specialising"), text.index("support for")}
    assert segments(text, verbs=verbs) == [(0, len(text))]
    # a comma and "and" after a clause with its own verb still cut
    text2 = "The mill cut forty jobs, closed two sheds, and the board resigned on Monday."
    verbs2 = {text2.index("cut"), text2.index("closed"), text2.index("resigned")}
    assert [text2[a:b] for a, b in segments(text2, verbs=verbs2)] == [
        "The mill cut forty jobs, closed two sheds",
        "and the board resigned on Monday.",
    ]


def test_a_gerund_item_of_a_list_cuts_no_clause() -> None:
    # a list of charges with a gerund item: one claim, not "leaving the scene ..." on its own
    text = (
        "Orlen, 31, was charged with reckless endangerment, second-degree assault, leaving the scene "
        "of an accident resulting in injury and driving without a licence."
    )
    verbs = {text.index("charged"), text.index("leaving"), text.index("resulting"), text.index("driving")}
    assert segments(text, verbs=verbs) == [(0, len(text))]
    # the first item right after the preposition: the list goes on after the gerund
    text2 = (
        "The driver was charged with DWI, leaving the scene of a crash, reckless endangerment and assault."
    )
    verbs2 = {text2.index("charged"), text2.index("leaving")}
    assert segments(text2, verbs=verbs2) == [(0, len(text2))]
    # after a clause the participle is a clause of its own
    text3 = "The storm hit the coast on Monday, leaving three people dead and thousands without power."
    verbs3 = {text3.index("hit"), text3.index("leaving")}
    assert [text3[a:b] for a, b in segments(text3, verbs=verbs3)] == [
        "The storm hit the coast on Monday",
        "leaving three people dead and thousands without power.",
    ]


def test_a_short_clause_before_a_verb_phrase_sharing_its_subject_stays_apart() -> None:
    # joined, "unable" in the second phrase made the whole claim negative
    text = "they had lost power and were unable to steer the long barge"
    verbs = {text.index("had"), text.index("lost"), text.index("were"), text.index("steer")}
    assert [text[a:b] for a, b in segments(text, verbs=verbs)] == [
        "they had lost power",
        "and were unable to steer the long barge",
    ]
    # without a verb the short piece is no clause: it stays with what follows
    text2 = "the two tugs and were unable to steer the long barge"
    verbs2 = {text2.index("were"), text2.index("steer")}
    assert segments(text2, verbs=verbs2) == [(0, len(text2))]


def test_a_time_clause_under_a_modal_and_a_coordinated_question_are_not_propositions() -> None:
    # invented text: none of these clauses tells that something happened
    rep = compare_docs(
        [
            RawDoc(
                source="a.txt",
                kind="text",
                data=(
                    b"It is still unclear how the cables were damaged or when they will be repaired.\n\n"
                    b"The operator said it could take until March 3 before normal service was restored.\n\n"
                    b"Engineers warned that it may be days before the fault is fixed.\n\n"
                    b"A recount will be held in the ward after the candidate lost by 41 votes."
                ),
                outlet="Gulf Ledger",
            ),
            RawDoc(
                source="b.txt",
                kind="text",
                data=b"The harbour board met on Monday.",
                outlet="Strait Observer",
            ),
        ]
    )
    spans = {m.span.text.rstrip(".") for c in rep.clusters for m in c.members if m.article_id == 1}
    assert not any(s.startswith(("when they", "before", "normal service")) for s in spans), spans
    assert "it could take until March 3 before normal service was restored" in spans
    assert "it may be days before the fault is fixed" in spans
    assert "the candidate lost by 41 votes" in spans  # a past event still stands alone


def test_segments_split_compound_claims() -> None:
    text = (
        "The minister offered a mediator in the strike at the port, as the walkout by 1,400 dockworkers "
        "entered its third day and the number of ships waiting offshore climbed to 27."
    )
    pieces = [text[a:b] for a, b in segments(text)]
    assert len(pieces) == 3
    assert pieces[1].startswith("as the walkout") and "27" in pieces[2]
    assert segments("A short single clause here.") == [(0, 27)]


def test_a_comma_before_a_pronoun_and_its_verb_starts_a_new_clause() -> None:
    def pieces(t: str) -> list[str]:
        return [t[a:b] for a, b in segments(t)]

    assert pieces(
        "While the ferry delay was not the port's fault, it's working with the operator to help"
    ) == [
        "While the ferry delay was not the port's fault",
        "it's working with the operator to help",
    ]
    assert pieces("The crew had lost all power, they were unable to steer the ship") == [
        "The crew had lost all power",
        "they were unable to steer the ship",
    ]
    # a condition holds its clause; a report tag and a speech tag are no clause of their own
    for t in (
        "If the talks fail this week, they will strike on Monday",
        "The ship lost power near the harbour entrance, it was reported on Monday",
        "Crews worked through the night on the pier, they said.",
        # a fronted gerund phrase asserts nothing of its own
        "By lifting the old dredging rule, we are making sure the marsh birds keep their nesting sites",
    ):
        assert pieces(t) == [t]


def test_segments_split_unpunctuated_as_clause() -> None:
    text = "the ferry line will no longer serve the northern islands as the operator shifts its boats to the coast route"
    pieces = [text[a:b] for a, b in segments(text)]
    assert pieces == [
        "the ferry line will no longer serve the northern islands",
        "as the operator shifts its boats to the coast route",
    ]
    # "such as", "known as" and roles ("as the chairman") are not clause breaks
    for one in (
        "the club is widely known as the Rovers and still plays its home games in red",
        "she served for eleven long years as the chairman of the harbour board",
    ):
        assert len(segments(one)) == 1


def test_segments_keep_the_two_ends_of_between_together() -> None:
    text = "between the alarm and the flood, the wardens were able to close the lower gates of the canal"
    assert segments(text) == [(0, len(text))]
    two = "The wardens closed the lower gates and the canal stayed open to barges all week"
    assert len(segments(two)) == 2


def test_coordinated_infinitives_become_two_propositions() -> None:
    text = "the mayor said it was unlikely for the town to rebuild the old bridge or to open a second ferry"
    out = coordinated(text, 0, len(text))
    assert len(out) == 2
    (a1, b1, said1), (a2, b2, said2) = out
    assert (
        text[a1:b1] == "the mayor said it was unlikely for the town to rebuild the old bridge"
        and said1 is None
    )
    assert text[a2:b2] == text  # the span stays verbatim
    assert said2 == "the mayor said it was unlikely for the town to open a second ferry"
    plain = "the council wants to rebuild the old bridge this year"
    assert coordinated(plain, 0, len(plain)) == [(0, len(plain), None)]


def _unit(aid: int, text: str, ents: set[str]) -> ClaimUnit:
    m = ClaimMember(
        article_id=aid,
        claim=0,
        span=Span(0, len(text), text),
        sentence=aid,
        asserter="outlet",
        outlet=str(aid),
    )
    return ClaimUnit(m, text, frozenset(ents), False, False)


def test_a_fragment_needs_more_than_a_shared_topic_to_join_a_claim() -> None:
    from storyline.compare.align import AlignConfig, similarity_matrix
    from storyline.embed import encode as embed

    units = [
        _unit(1, "The ferry company offered free repairs for every car damaged on the crossing", {"ferry"}),
        _unit(2, "even after a repair", {"ferry"}),
        _unit(3, "Cars damaged on the crossing will be repaired free by the ferry company", {"ferry"}),
    ]
    emb = embed([u.text for u in units])
    sim, raw, _cannot = similarity_matrix(units, emb, AlignConfig())
    assert sim[0, 1] == pytest.approx(raw[0, 1] - AlignConfig().short_penalty)
    assert sim[0, 2] == pytest.approx(raw[0, 2])  # two full propositions pay nothing
    assert sim[0, 2] > sim[0, 1]


def test_reassign_moves_a_claim_to_the_cluster_it_clearly_restates() -> None:
    units = [
        _unit(1, "fares rise", {"Authority"}),
        _unit(2, "fares go up", {"Authority"}),
        _unit(3, "tickets cost more", {"Authority"}),
        _unit(3, "depot opens", {"Authority"}),
        _unit(4, "tickets pricier", {"Mayor"}),
    ]
    sim = np.eye(5)
    sim[0, 1] = sim[1, 0] = 0.8
    for u in (2, 4):
        sim[u, [0, 1]] = sim[[0, 1], u] = 0.5
    sim[2, 3] = sim[3, 2] = 0.35
    cannot = np.zeros((5, 5), dtype=bool)
    out = sorted(map(sorted, reassign([[0, 1], [2, 3], [4]], units, sim, cannot, 0.3, 0.05)))
    # unit 2 joins the fares cluster; unit 4 shares no entity with it and stays alone
    assert out == [[0, 1, 2], [3], [4]]
    cannot[2, 0] = cannot[0, 2] = True
    assert sorted(map(sorted, reassign([[0, 1], [2, 3], [4]], units, sim, cannot, 0.3, 0.05))) == [
        [0, 1],
        [2, 3],
        [4],
    ]


def test_numbers_clash_only_without_shared_values() -> None:
    two = Quantity(2.0, "percent", "2%")
    five = Quantity(5.0, "percent", "5 percent")
    three = Quantity(3.0, "percent", "3 percent")
    ships = Quantity(27.0, "ship", "27 ships")
    assert numbers_clash([three], [five, two])
    assert not numbers_clash([five, two], [two])
    assert not numbers_clash([ships], [five])
    # a margin and a tally of one count are different quantities, not rival readings
    margin = Quantity(41.0, "vote", "41 votes")
    tally = Quantity(4318.0, "vote", "4,318 votes")
    assert not numbers_clash([margin], [tally])
    assert numbers_clash([margin], [Quantity(47.0, "vote", "47 votes")])


def test_a_partitive_count_is_no_quantity_of_the_claim() -> None:
    from storyline.compare.align import partitive

    body = "One of those pulled from the river was kept in hospital. Two were pulled from the river."
    one = Quantity(1.0, "", "One", start=0, end=3)
    two = Quantity(2.0, "", "Two", start=body.index("Two"), end=body.index("Two") + 3)
    assert partitive(body, one) and not partitive(body, two)
    assert numbers_clash([one], [two])  # read as counts they would keep the two claims apart
    body2 = "The barge struck one of the bridge's piers."
    k = body2.index("one")
    assert partitive(body2, Quantity(1.0, "", "one", start=k, end=k + 3))
    body3 = "Five percent of the budget went to repairs."
    assert not partitive(body3, Quantity(5.0, "percent", "Five percent", start=0, end=12))


def test_agglomerate_respects_cannot_link() -> None:
    sim = np.array([[1.0, 0.9, 0.85], [0.9, 1.0, 0.8], [0.85, 0.8, 1.0]])
    cannot = np.zeros((3, 3), dtype=bool)
    assert sorted(map(sorted, agglomerate(sim, cannot, 0.6))) == [[0, 1, 2]]
    cannot[0, 2] = cannot[2, 0] = True
    groups = sorted(map(sorted, agglomerate(sim, cannot, 0.6)))
    assert groups == [[0, 1], [2]]


def test_claims_giving_other_full_dates_never_share_a_cluster() -> None:
    import datetime as dt

    from storyline.compare.align import AlignConfig, similarity_matrix

    texts = [
        "the survey was dated 3 June 2022",
        "the survey was dated 3 July 2022",
        "the survey was dated 3 June 2022",
    ]
    units = [_unit(i + 1, t, {"survey"}) for i, t in enumerate(texts)]
    for u, d in zip(units, (dt.date(2022, 6, 3), dt.date(2022, 7, 3), dt.date(2022, 6, 3)), strict=True):
        u.dates = frozenset({d})
    emb = np.ones((3, 4), dtype=np.float32) / 2.0  # identical embeddings: only the gate can part them
    _, _, cannot = similarity_matrix(units, emb, AlignConfig())
    assert cannot[0, 1] and cannot[1, 2] and not cannot[0, 2]


def test_quote_overlap_and_word_diff() -> None:
    a = "Every vote was cast in good faith, and every one deserved to be counted"
    b = "Every vote was cast in good faith and every one should have been counted on the night"
    assert overlap(a.lower().split(), b.lower().split()) > 0.6
    # words met one by one ("we ... have ... two") are no rendering of one quote
    short = "we have two options"
    long = "if there was just one ferry down we could have used the other two"
    assert overlap(short.split(), long.split()) == 0.0
    # a looser rendering keeps runs of the speaker's words
    loose = "this is the biggest investment in clean water in the county's history"
    exact = "this is the single biggest investment in cleaner water this county has ever made"
    assert overlap(loose.split(), exact.split()) >= 0.55
    changes = inner_changes(a, b)
    assert ("deserved to be", "should have been") in changes  # verbatim words of each side
    assert all(x != "" or y != "on the night" for x, y in changes)  # a longer ending is no change
    diff = word_diff(a, b)
    # punctuation and case do not count as changes: "faith," == "faith"
    assert [(p.op, p.text) for p in diff if p.op != "="] == [
        ("-", "deserved to be"),
        ("+", "should have been"),
        ("+", "on the night"),
    ]


def test_weekday_resolution_against_an_inferred_range() -> None:
    lo = hi = dt.date(2024, 3, 14)  # a Thursday
    assert resolve_weekday(2, lo, hi, set()) == dt.date(2024, 3, 13)  # Wednesday: the day before
    assert resolve_weekday(3, lo, hi, set()) == dt.date(2024, 3, 14)
    assert resolve_weekday(4, lo, hi, set()) == dt.date(2024, 3, 15)
    wide = (dt.date(2024, 3, 1), dt.date(2024, 3, 20))
    assert resolve_weekday(0, *wide, {dt.date(2024, 3, 11)}) == dt.date(2024, 3, 11)


def test_yearless_dates_take_the_year_of_the_story() -> None:
    assert day_month("14 March") == (3, 14)
    assert day_month("Oct. 4") == (10, 4)
    assert day_month("March 2023") is None
    lo, hi = dt.date(2024, 12, 28), dt.date(2025, 1, 3)
    assert resolve_day_month(1, 2, lo, hi) == dt.date(2025, 1, 2)
    assert resolve_day_month(12, 30, lo, hi) == dt.date(2024, 12, 30)


def test_articles_without_facts_still_count_as_sources() -> None:
    from storyline.clean import clean
    from storyline.compare import compare_story
    from storyline.model import Story
    from storyline.render.markdown import render_markdown

    art = clean(
        RawDoc(source="harbourline-gazette.txt", kind="text", data=GAZETTE.encode(), published="2024-05-06")
    )
    art.id = 7
    report = compare_story(Story(id=1, label="bridge", article_ids=[7]), {7: art}, {})
    assert [s.outlet for s in report.sources] == ["harbourline-gazette"]
    assert report.clusters == [] and report.conflicts == []
    assert [e.kind for e in report.timeline] == ["published"]
    assert "None found." in render_markdown(report)


def test_relative_clause_after_the_subject_is_its_own_proposition() -> None:
    from storyline.compare.align import relative_propositions

    assert relative_propositions(
        "The pilots' strike, which began at dawn on Friday, is the first at Skyreach Airlines since 2011."
    ) == [
        "The pilots' strike began at dawn on Friday",
        "The pilots' strike is the first at Skyreach Airlines since 2011.",
    ]
    assert relative_propositions("The walkout, organised by the pilots' union, began at dawn on Friday.") == [
        "The walkout organised by the pilots' union",
        "The walkout began at dawn on Friday.",
    ]
    assert relative_propositions("The old terminal, built in 1974, will close in May.") == [
        "The old terminal built in 1974",
        "The old terminal will close in May.",
    ]
    # a lead-in phrase is not a subject carrying a clause
    assert relative_propositions("On Friday, the airline said it would cancel 200 flights.") is None
    # "including ..." belongs to the subject: it says nothing of it, so only the main predicate stays
    assert relative_propositions("Several passengers, including two infants, were still on board.") == [
        "Several passengers were still on board."
    ]
    # a list after a clause is no subject carrying a clause: with the verbs known, nothing is rewritten
    listed = "The strike disrupted many services, including trains, buses, ferries and the airport shuttle."
    assert relative_propositions(listed, [listed.index("disrupted")]) is None


def test_a_relative_clause_proposition_shows_its_own_words() -> None:
    """The proposition of the relative clause is shown as the subject with its clause, verbatim, not as
    the whole sentence (which asserts the main proposition too)."""
    from storyline.compare.align import relative_extent

    text = "Ama Lind, who lived two streets away in Ostby, was taken to Fairfield Hospital, where she died."
    assert text[: relative_extent(text)] == "Ama Lind, who lived two streets away in Ostby"
    assert relative_extent("Several passengers, including two infants, were still on board.") is None
    assert relative_extent("On Friday, the airline said it would cancel 200 flights.") is None
    other = (
        "Ama Lind, who lived in Ostby, was walking to the market when a van struck her on Friday.\n\n"
        "The van's driver was arrested."
    )
    rep = compare_texts(
        {
            "Ostby Post": f"Woman killed in Ostby crash\n\n{text}\n",
            "Fjord Daily": f"Van kills Ostby woman\n\n{other}\n",
        }
    )
    lived = [c for c in rep.clusters if any("lived" in m.span.text for m in c.members)]
    assert lived, [[m.span.text for m in c.members] for c in rep.clusters]
    for c in lived:
        for m in c.members:
            if (
                "lived" in m.span.text
                and "hospital" not in m.span.text.lower()
                and "walking" not in m.span.text
            ):
                assert m.span.text.startswith("Ama Lind, who lived")
    shown = [
        c.members[c.representative].span.text for c in lived if len({m.article_id for m in c.members}) == 2
    ]
    assert shown and all("Hospital" not in t and "market" not in t for t in shown), shown


def test_sentence_with_a_relative_clause_joins_two_claim_clusters() -> None:
    orla = (
        "Skyreach pilots walk out\n\n"
        "The pilots' strike, which began at dawn on Friday, is the first at Skyreach Airlines since 2011.\n\n"
        "Passengers were told to check their flights before travelling to the airport.\n"
    )
    fenmoor = (
        "Skyreach flights grounded\n\n"
        "The pilots' strike at Skyreach Airlines began at dawn on Friday.\n\n"
        "It is the first walkout at Skyreach Airlines since 2011.\n"
    )
    rep = compare_docs(
        [
            RawDoc(
                source="orla-gazette.txt",
                kind="text",
                data=orla.encode(),
                outlet="Orla Gazette",
                published="2024-06-07",
            ),
            RawDoc(
                source="fenmoor-times.txt",
                kind="text",
                data=fenmoor.encode(),
                outlet="Fenmoor Times",
                published="2024-06-07",
            ),
        ]
    )
    shared = [c for c in rep.clusters if {m.article_id for m in c.members} == {1, 2}]
    fen = [next(m.span.text for m in c.members if m.article_id == 2) for c in shared]
    assert any("began at dawn" in t for t in fen), fen
    assert any("since 2011" in t for t in fen), fen


def test_one_sentence_told_alike_by_several_outlets_is_one_cluster_per_proposition() -> None:
    # the relative clause and the main clause are two propositions of one sentence; when three outlets
    # tell that sentence alike, each proposition groups the three outlets once, the relative clause's
    # with its own words and the main clause's with the sentence
    line = "The Marrow Bay ferry, which ran aground on Tuesday night, was carrying 212 passengers and crew."
    bodies = {
        "Orla Gazette": "Ferry aground off Marrow Bay\n\n{line}\n\nTugs were sent from Kelso at dawn.\n",
        "Fenmoor Times": "Marrow Bay ferry stuck\n\n{line}\n\nThe harbour master closed the channel to other boats.\n",
        "Tessel Post": "Passengers wait on stranded ferry\n\n{line}\n\nRelatives gathered at the terminal overnight.\n",
    }
    rep = compare_docs(
        [
            RawDoc(
                source=f"{name.lower().replace(' ', '-')}.txt",
                kind="text",
                data=body.format(line=line).encode(),
                outlet=name,
                published="2024-06-07",
            )
            for name, body in bodies.items()
        ]
    )
    told = [
        c for c in rep.clusters if any("ran aground" in m.span.text for m in c.members if m.part == "body")
    ]
    assert len(told) == 2, [[m.span.text for m in c.members] for c in told]
    for c in told:
        assert sorted(m.article_id for m in c.members if m.part == "body") == [1, 2, 3]
    texts = {frozenset(m.span.text for m in c.members if m.part == "body") for c in told}
    assert texts == {
        frozenset({"The Marrow Bay ferry, which ran aground on Tuesday night"}),
        frozenset({line}),
    }
    spans = [tuple(sorted((m.article_id, m.span.start, m.span.end) for m in c.members)) for c in rep.clusters]
    assert len(spans) == len(set(spans))


def test_a_headline_quoting_no_one_speaks_for_its_outlet() -> None:
    orla = (
        "Kelso harbour will reopen in July\n\n"
        '"Kelso harbour will reopen in July once the new breakwater is finished," harbour master Ines Calloway said.\n\n'
        "Fishing boats have used the Tessel quay since the storm.\n"
    )
    fenmoor = (
        "Breakwater work nears its end\n\n"
        "Kelso harbour will reopen in July when the new breakwater is finished, the port authority said.\n\n"
        "The storm in March closed the harbour to all traffic.\n"
    )
    rep = compare_docs(
        [
            RawDoc(
                source="orla.txt",
                kind="text",
                data=orla.encode(),
                outlet="Orla Gazette",
                published="2024-06-07",
            ),
            RawDoc(
                source="fenmoor.txt",
                kind="text",
                data=fenmoor.encode(),
                outlet="Fenmoor Times",
                published="2024-06-07",
            ),
        ]
    )
    heads = [m for c in rep.clusters for m in c.members if m.part == "title" and m.article_id == 1]
    assert heads, [[(m.part, m.span.text) for m in c.members] for c in rep.clusters]
    assert all(m.asserter == "outlet" for m in heads), [(m.span.text, m.asserter) for m in heads]


def test_an_omission_is_a_claim_a_third_of_the_story_tells() -> None:
    from storyline.compare.corroboration import corroborate_all
    from storyline.compare.coverage import coverage
    from storyline.compare.sources import Sources
    from storyline.model import Article, ClaimCluster, Story

    names = ["Orla Gazette", "Fenmoor Times", "Tessel Post", "Varne Courier", "Kelso Star", "Marrow Herald"]
    names += ["Linden Courier", "Harbour Daily", "Quay Weekly"]
    arts = {
        i + 1: Article(
            source=f"{n}.txt", content_hash=str(i), paragraphs=["The ferry ran aground."], outlet=n, id=i + 1
        )
        for i, n in enumerate(names)
    }
    story = Story(id=1, label="ferry", article_ids=list(arts))
    sources = Sources(story, arts)

    def cluster(cid: int, told_by: list[int]) -> ClaimCluster:
        span = Span(0, 22, "The ferry ran aground.")
        members = [ClaimMember(a, 0, span, 0, "outlet", names[a - 1]) for a in told_by]
        return ClaimCluster(id=cid, members=members)

    # nine independent outlets: a claim two of them tell is no omission of the other seven; one that
    # three (a third) tell is
    clusters = [cluster(1, [1, 2]), cluster(2, [1, 2, 3]), cluster(3, [4])]
    cov = coverage(clusters, corroborate_all(clusters, sources), sources)
    assert all(1 not in cids for cids in cov.omissions.values()), cov.omissions
    assert cov.omissions["Varne Courier"] == [2] and "Orla Gazette" not in cov.omissions
    assert all(3 not in cids for cids in cov.omissions.values())
    # in a story of three sources every claim two of them tell is the third's omission
    small = {a: arts[a] for a in (1, 2, 3)}
    sources3 = Sources(Story(id=2, label="ferry", article_ids=[1, 2, 3]), small)
    cov3 = coverage([clusters[0]], corroborate_all([clusters[0]], sources3), sources3)
    assert cov3.omissions == {"Tessel Post": [1]}


def test_a_denial_never_corroborates_what_it_denies() -> None:
    a = (
        "Inquiry hears engineer\n\n"
        "The Varne water company put cost ahead of safety at the Tarn dam, engineer Ada Brook told the inquiry.\n\n"
        "The inquiry resumes on Monday with evidence from the regulator.\n"
    )
    b = (
        "Water chief rejects claims\n\n"
        "The chief executive of the Varne water company denied that the company put cost ahead of safety at the Tarn dam.\n\n"
        "Shares in the company fell 3 per cent on Tuesday.\n"
    )
    rep = compare_docs(
        [
            RawDoc(
                source="a.txt", kind="text", data=a.encode(), outlet="Orla Gazette", published="2024-06-07"
            ),
            RawDoc(
                source="b.txt", kind="text", data=b.encode(), outlet="Fenmoor Times", published="2024-06-07"
            ),
        ]
    )
    for c in rep.clusters:
        body = [m for m in c.members if m.part == "body"]
        assert not (any(m.article_id == 1 for m in body) and any(m.article_id == 2 for m in body)), [
            m.span.text for m in body
        ]
    assert any("denied that" in m.span.text for c in rep.clusters for m in c.members)


def test_representative_reads_on_its_own() -> None:
    from storyline.compare.align import reads_alone

    assert reads_alone("The ferry operator cut its timetable by a third.")
    assert not reads_alone("There he will meet the ferry operators.")
    assert not reads_alone("and the need for the operator to cut fares.")
    assert not reads_alone("The operator said the timetable would be cut by")


def test_shown_member_is_clear_on_its_own() -> None:
    """The member shown for a cluster names what it is about and is not cut off: a speaker's "we", a
    sentence leaning on the one before, a scrape ending mid-word lose to a member that reads alone."""
    from storyline.compare.align import ClaimUnit, _representative, clear

    def member(text: str, asserter: str = "outlet", cut: bool = False) -> ClaimMember:
        ctx = Span(0, len(text), text if cut else text + ".")
        return ClaimMember(
            article_id=1, claim=0, span=Span(0, len(text), text), sentence=0,
            asserter=asserter, outlet="Orla Gazette", context=ctx,
        )  # fmt: skip

    cut = member("the ferry operator will cut its winter timetable by a th", cut=True)
    assert not clear(cut)
    assert not clear(member("We will cut the winter timetable by a third", "Ada Brenn"))
    assert not clear(member("They cut the winter timetable by a third"))
    assert clear(member("the ferry operator would cut its winter timetable by a third", "Ada Brenn"))
    assert not clear(member("the ferry operator would cut its winter timetable"))  # outlet piece
    assert clear(member("The ferry operator cut its winter timetable by a third"))
    # a pronoun subject after a fronted phrase leans on the sentence before as much as one opening it
    assert not clear(member("Then, on March 3, it cut the winter timetable by a third"))
    assert not clear(member("Instead, port sources said, they cut the winter timetable by a third"))
    assert clear(member("On March 3, the ferry operator cut its winter timetable by a third"))

    units = [
        ClaimUnit(cut, cut.span.text, frozenset(), False, False),
        ClaimUnit(m := member("Ferry crossings to Orla will be cut by a third this winter", "Ada Brenn"),
                  m.span.text, frozenset(), False, False),
    ]  # fmt: skip
    sub = np.array([[1.0, 0.9], [0.9, 1.0]])
    # the outlet's own words used to win; cut off mid-word, they now give way to the speaker's
    assert _representative([0, 1], units, sub) == 1


def test_a_clause_that_states_the_proposition_is_shown_over_a_sentence_it_was_read_from() -> None:
    """ "the ferry company was founded in 1911" (an outlet's clause, in lower case) shows the cluster's
    proposition; "Orla Ferries, founded in 1911, cut four routes" (a sentence the same proposition was
    read from, as a relative clause) shows another one."""
    from storyline.compare.align import ClaimUnit, _representative

    def member(text: str) -> ClaimMember:
        return ClaimMember(
            article_id=1, claim=0, span=Span(0, len(text), text), sentence=0,
            asserter="outlet", outlet="Orla Gazette", context=Span(0, len(text) + 1, text + "."),
        )  # fmt: skip

    whole = member("Orla Ferries, founded in 1911, cut four routes across the region")
    plain = member("the ferry company was founded in 1911")
    units = [
        ClaimUnit(whole, "Orla Ferries was founded in 1911", frozenset(), False, False, rewritten=True),
        ClaimUnit(plain, plain.span.text, frozenset(), False, False),
    ]
    sub = np.array([[1.0, 0.9], [0.9, 1.0]])
    assert _representative([0, 1], units, sub) == 1


def test_a_cluster_is_shown_by_what_most_members_state_not_by_a_clear_outlier() -> None:
    """Three outlets carry one quote that opens on "This"; a fourth member, clearer on its own,
    says something else. The brief shows the quote most outlets carry; a member only a little less
    central than the rest may still be shown for its clarity."""
    from storyline.compare.align import SHOWN, ClaimUnit, _representative

    def unit(text: str, asserter: str = "outlet") -> ClaimUnit:
        m = ClaimMember(
            article_id=1, claim=0, span=Span(0, len(text), text), sentence=0,
            asserter=asserter, outlet="Orla Gazette", context=Span(0, len(text) + 1, text + "."),
        )  # fmt: skip
        return ClaimUnit(m, text, frozenset(), False, False)

    quote = "This flaw is being exploited by criminals and getting worse every day"
    units = [
        unit(quote, "Ada Brenn"),
        unit("The bulletin also covers an older mail client."),
        unit(quote, "Ada Brenn"),
        unit(quote, "Ada Brenn"),
    ]
    sub = np.array(
        [[1.0, 0.45, 0.95, 0.95], [0.45, 1.0, 0.45, 0.45], [0.95, 0.45, 1.0, 0.95], [0.95, 0.45, 0.95, 1.0]]
    )
    assert _representative([0, 1, 2, 3], units, sub) in (0, 2, 3)
    # within the margin, the clear sentence is shown
    close = 0.95 - SHOWN.outlier / 2
    sub2 = np.where(sub == 0.45, close, sub)
    assert _representative([0, 1, 2, 3], units, sub2) == 1


def test_a_quote_is_shown_from_the_outlet_that_names_its_speaker() -> None:
    """Two renderings of one first-person quote: the brief shows the one whose speaker is known (it
    prints "attributed to Ada Brenn" beside it), not the one nobody is named for."""
    from storyline.compare.align import ClaimUnit, _representative

    def member(text: str, asserter: str) -> ClaimMember:
        return ClaimMember(
            article_id=1, claim=0, span=Span(0, len(text), text), sentence=0,
            asserter=asserter, outlet="Orla Gazette", context=Span(0, len(text) + 1, text + "."),
        )  # fmt: skip

    units = [
        ClaimUnit(m := member("We regret the delays on the crossing", "unknown"), m.span.text, frozenset(), False, False),
        ClaimUnit(m := member("We regret the delays on the crossing", "Ada Brenn"), m.span.text, frozenset(), False, False),
    ]  # fmt: skip
    sub = np.array([[1.0, 0.9], [0.9, 1.0]])
    assert _representative([0, 1], units, sub) == 1
    assert _representative([0, 1], units[::-1], sub) == 0


def test_wire_copy_under_an_agencys_short_name_is_the_agencys_voice() -> None:
    from storyline.compare.sources import Sources
    from storyline.model import Article, Story

    def art(i: int, outlet: str, via: str | None = None) -> Article:
        return Article(
            source=f"a{i}", content_hash=str(i), id=i, outlet=outlet, reported_via=via, paragraphs=["x"]
        )

    arts = {1: art(1, "Lowland Press Service"), 2: art(2, "Harbour Post", "LPS"), 3: art(3, "Metro Pulse")}
    src = Sources(Story(id=1, label="s", article_ids=[1, 2, 3]), arts)
    assert not src.independent(1, 2)  # the Post carries the agency's report
    assert src.independent(1, 3) and src.independent(2, 3)


def test_a_source_note_is_not_a_claim() -> None:
    from storyline.clean.meta import relay_note

    assert relay_note("This is reported by the Harbour News Network.")
    assert relay_note("This article first appeared in The Skerry Times.")
    assert not relay_note(
        "As reported by the Harbour News Network, the minister resigned on Monday after the vote."
    )
    assert not relay_note("The minister resigned on Monday.")
    from storyline.analyse import analyse_article
    from storyline.compare.align import EntityResolver, claim_members
    from storyline.model import Article

    art = Article(
        source="n",
        content_hash="n",
        id=7,
        paragraphs=[
            "The Skerry council approved the new harbour budget on Monday after a long debate.",
            "This is reported by the Harbour News Network.",
        ],
    )
    units = claim_members({7: art}, {7: analyse_article(art)}, {7: "n"}, EntityResolver([]))
    texts = [u.text for u in units]
    assert any("harbour budget" in t for t in texts) and not any("reported by" in t for t in texts)


# ---------------------------------------------------------------- no false alarms on everyday wording

CANAL_A = """Canal tunnel reopens after repairs

Ostby harbour master Ruth Calloway reopened the Varne canal tunnel on Tuesday after three months of repairs.

"Our third-quarter traffic fell by a third, and the whole town felt it," Calloway said. "Boats are multi-purpose here."

Traffic through the tunnel is up 39 percent since the spring while freight is up 12 percent, the harbour office said.

"I think Deputy Mayor Lund did a fine job on this," Calloway said of the former deputy mayor, Ola Lund.

Mayor Tomas Brekke and Deputy Mayor Ines Solli attended the reopening.

Among the questions is whether the canal company's founder and former CEO, Per Holm, moved money to his own firms.

Holm had resigned as CEO the previous week.
"""
CANAL_B = """Varne tunnel open again

The Varne canal tunnel reopened on Tuesday, harbour master Ruth Calloway said.

"Our third quarter traffic fell by a third, and the [entire] town felt it," Calloway said. "Boats are multipurpose here."

Traffic through the tunnel is up about 40% since the spring, according to the harbour office.

A harbour office report called the tunnel "the town's lifeline", and the campaign group Open Water called it "the town's lifeline" too.
"""


@lru_cache(maxsize=1)
def canal() -> StoryReport:
    return compare_docs(
        [
            RawDoc(
                source="ostby-courier.txt",
                kind="text",
                data=CANAL_A.encode(),
                outlet="Ostby Courier",
                published="2031-04-08",
            ),
            RawDoc(
                source="varne-post.txt",
                kind="text",
                data=CANAL_B.encode(),
                outlet="Varne Post",
                published="2031-04-08",
            ),
        ]
    )


def test_no_conflict_for_hyphens_editors_brackets_rounding_or_titles_in_quotes() -> None:
    r = canal()
    # the same quote with "third-quarter"/"third quarter", "[entire]" and "multi-purpose"/"multipurpose"
    assert not [k for k in r.conflicts if k.kind == "misquote"], [k.reason for k in r.conflicts]
    # "about 40%" is 39 percent, and the 12 percent beside it is another figure
    assert not [k for k in r.conflicts if k.kind == "quantity"], [k.reason for k in r.conflicts]
    # "Deputy Mayor Lund" inside a quote is the speaker's usage; a deputy mayor is not the mayor;
    # "resigned as director" is a role left, not a title held beside "former director"
    assert not [k for k in r.conflicts if k.kind == "role"], [k.reason for k in r.conflicts]
    # a report and a campaign group are described, not named: no speaker conflict between them
    assert not [k for k in r.conflicts if k.kind == "speaker"], [k.reason for k in r.conflicts]


def test_quote_helpers() -> None:
    from storyline.compare.quotes import _meaningful, quoted_words

    assert quoted_words('the idea "is actually not so crazy.', "mixed") == "is actually not so crazy."
    assert (
        quoted_words('made," the chair said after the vote. "Every bus counts', "mixed")
        == "made, … Every bus counts"
    )
    assert not [
        c
        for c in inner_changes("a bullet in her f---ing skull", "a bullet in her (expletive) skull")
        if _meaningful(*c)
    ]
    assert [
        c
        for c in inner_changes(
            "every one of them deserved to be counted", "every one of them should have been counted"
        )
        if _meaningful(*c)
    ]


def test_british_and_american_spellings_are_one_word() -> None:
    from storyline.compare.quotes import _meaningful
    from storyline.link.features import american, content_terms

    pairs = [
        ("defence", "defense"),
        ("labour", "labor"),
        ("organisation", "organization"),
        ("analysed", "analyzed"),
        ("travelled", "traveled"),
        ("centre", "center"),
        ("paediatric", "pediatric"),
        ("honoured", "honored"),
    ]
    for uk, us in pairs:
        assert american(uk) == american(us) == us
    for word in ("four", "hour", "tour", "crisis", "analysis", "rise", "wise"):
        assert american(word) == word
    assert content_terms("NATO allies must boost defence spending") == content_terms(
        "NATO allies must boost defense spending"
    )
    # a quote spelt the other side of the Atlantic is the same quote
    changes = inner_changes("we will honour our defence pledges", "we will honor our defense pledges")
    assert not [c for c in changes if _meaningful(*c)]


def test_role_words_do_not_merge_people_across_articles() -> None:
    from storyline.link.aliases import EntityNote, merge_entities

    a = [
        EntityNote(
            "Ana Lund", "person", ["Ana Lund", "President", "Ruritanian President"], ["Ruritanian President"]
        )
    ]
    b = [EntityNote("Tomas Brekke", "person", ["Tomas Brekke", "President", "president"], ["President"])]
    names = sorted(e.name for e in merge_entities([(1, a), (2, b)]))
    assert names == ["Ana Lund", "Tomas Brekke"]


# ---------------------------------------------------------------- conflicts that hold up


def test_wording_that_leaves_the_words_the_same_is_no_misquote() -> None:
    from storyline.compare.quotes import _meaningful

    same = [
        ("Kovalenkyy", "Kovalenky"),  # a transliteration
        ("Kovalenkyy's", "Kovalenkiy's"),
        ("Wiedermark", "Wiedenmark"),  # a slightly misspelt name
        ("U.S.", "United States"),  # an abbreviation for its words
        ("EU", "European Union"),
        ("350", "US$350"),  # how an amount is written
        ("$350", "350 dollars"),
        ("5%", "five per cent"),
        ("3.5m", "3.5 million"),
        ("1,200", "1200"),
        ("judgement", "judgment"),
    ]
    for x, y in same:
        assert not _meaningful(x, y), (x, y)
    different = [
        ("affect", "effect"),
        ("Iran", "Iraq"),
        ("Austria", "Australia"),
        ("350", "450"),
        ("3.5", "3.5 million"),
        ("$350", "350 euros"),
        ("not", "now"),
        ("would", "could"),
        ("Lindqvist", "Marlow"),
    ]
    for x, y in different:
        assert _meaningful(x, y), (x, y)
    assert not _meaningful("", "have")  # "we received" / "we have received": an auxiliary, not a word changed


def test_a_fragment_is_compared_where_the_rest_of_it_stands() -> None:
    """The shorter rendering starts with words the longer one uses twice: it is set against the place
    next to the rest of it, so the change shown is the one a reader would find."""
    from storyline.compare.quotes import inner_changes

    long = (
        "There are the big yards, as for example Orla and Tallvik, but there are also small yards. And we "
        "are one of those. The small yards bring a speed and a care that adds to the trade."
    )
    assert inner_changes(long, "Small yard being a speed and a care that adds to the trade.") == [
        ("yards bring", "yard being")
    ]


QUOTE_A = """Ferry deal signed in Tallvik

The Tallvik ferry operator signed a supply deal with a Dutch yard on Monday, its chief executive Signe Haraldsen said.

"We will meet President Oleksandr Kovalenkyy in Brussels, and the U.S. will pay US$350 for every tonne we ship," Haraldsen said.

"Nobody in this town will lose a job because of the new ferries," she added.
"""
QUOTE_B = """Tallvik ferry contract agreed

Signe Haraldsen, who runs the Tallvik ferry operator, announced the contract with the Dutch yard on Monday.

"We will meet President Oleksandr Kovalenky in Brussels, and the United States will pay 350 for every tonne we ship," Haraldsen told reporters.

Haraldsen said "nobody in this town will lose a job" over the ferries, calling that a firm promise.
"""
QUOTE_C = """Tallvik ferry order

Tallvik's ferry operator has ordered two ships from a Dutch yard, chief executive Signe Haraldsen said on Monday.

"We will meet President Oleksandr Kovalenkyy in Brussels, and the U.S. will pay US$450 for every tonne we ship," Haraldsen said.
"""


def test_misquote_only_for_other_words_inside_the_marks() -> None:
    def misquotes(*texts: str) -> list[str]:
        docs = [
            RawDoc(
                source=f"q{i}.txt", kind="text", data=t.encode(), outlet=f"Outlet {i}", published="2031-06-02"
            )
            for i, t in enumerate(texts)
        ]
        return [k.reason for k in compare_docs(docs).conflicts if k.kind == "misquote"]

    # transliteration, abbreviation, currency formatting and a word outside the marks: one quote
    assert misquotes(QUOTE_A, QUOTE_B) == []
    # 350 against 450 inside the marks is a misquote
    found = misquotes(QUOTE_A, QUOTE_C)
    assert len(found) == 1 and "350" in found[0] and "450" in found[0]
    # a stock line said twice, once with a clause the other lacks: another saying, not a misquote
    assert misquotes(QUOTE_D, QUOTE_E) == []
    # two outlets give 450, one of them with a word dropped in copying: one wording, one report
    dropped = QUOTE_C.replace("and the U.S. will pay", "and U.S. will pay").replace("Tallvik's", "The")
    found = misquotes(QUOTE_A, QUOTE_A.replace("Dutch yard", "yard in Delft"), QUOTE_C, dropped)
    assert len(found) == 1 and "350" in found[0] and "450" in found[0]


QUOTE_D = """Ferry fees up in Tallvik

"We are taking in thousands of euros in harbour fees from the ferry line," Signe Haraldsen said on Monday.
"""
QUOTE_E = """Haraldsen defends harbour fees

"We are taking in thousands and thousands of euros from a company that never paid us a cent, the ferry line," Signe Haraldsen said at a rally.
"""


ROLE_A = """Harbour board chair speaks out

Chair Ida Brekke thanked Tor Lund, the former chair, for years of work on the harbour board.

Chair Ida Brekke met Tor Lund on Monday, and the former chair handed over the harbour keys.

Brekke said the board would publish its accounts in June.
"""
ROLE_B = """Harbour accounts due in June

Harbour board chair Ida Brekke told members the accounts would be ready in June.

The board expects a small surplus this year, Brekke said.
"""


def test_a_role_beside_another_person_is_theirs() -> None:
    docs = [
        RawDoc(
            source="ra.txt",
            kind="text",
            data=ROLE_A.encode(),
            outlet="Skerry Tidings",
            published="2031-05-02",
        ),
        RawDoc(
            source="rb.txt", kind="text", data=ROLE_B.encode(), outlet="Harbour Notes", published="2031-05-02"
        ),
    ]
    r = compare_docs(docs)
    assert not [k for k in r.conflicts if k.kind == "role"], [k.reason for k in r.conflicts]


CEO_A = """Brennoc board fires its chief

The board of Brennoc Software fired chief executive Marit Olsen on Friday after a row over the company's budget.

Staff walked out in protest, and the former CEO Marit Olsen thanked them in a message on Saturday.
"""
CEO_B = """Olsen back at Brennoc

Brennoc Software's board reinstated Marit Olsen on Tuesday, four days after removing her.

CEO Marit Olsen said she would meet staff on Wednesday to plan the budget.
"""


def test_a_role_that_changes_during_the_story_is_no_conflict() -> None:
    docs = [
        RawDoc(
            source="ca.txt", kind="text", data=CEO_A.encode(), outlet="Brennoc Bugle", published="2031-03-08"
        ),
        RawDoc(
            source="cb.txt",
            kind="text",
            data=CEO_B.encode(),
            outlet="Tech Valley Post",
            published="2031-03-12",
        ),
    ]
    assert not role_conflicts(docs)


def role_conflicts(docs: list[RawDoc]) -> list[str]:
    """The role conflicts found among ``docs`` (as their reasons)."""
    return [k.reason for k in compare_docs(docs).conflicts if k.kind == "role"]


ROLES_SOUGHT = """Harbour race opens

Dalia Brandt, a former Vos aide who sailed to Oslo in 2019, said the race would open
the season. Port aides declined to comment.

Former mayor Tomas Reyes, the town's first elected mayor since the war, backed her. His deputy Anna
Holm, who is running for mayor, lined up behind him. The elections for mayor are in May.
"""


def test_a_former_role_with_its_qualifier_or_an_office_sought_is_no_conflict() -> None:
    """ "a former Vos aide" is past however many names qualify it; "running for mayor", "elections for
    mayor" name an office sought or in general, and "the town's first elected mayor" a place in the
    office's history: none is a title someone holds against "former" (real political reporting gave
    such false alarms)."""
    doc = RawDoc(
        source="r.txt",
        kind="text",
        data=ROLES_SOUGHT.encode(),
        outlet="Kessel Courier",
        published="2031-04-02",
    )
    assert not role_conflicts([doc])


def test_a_sentence_keeping_a_long_run_of_another_outlets_wording_counts_with_it() -> None:
    """A copy-edited wire rewrite rewords a sentence but keeps a long run of its words: one source.
    A shorter shared run, the same words inside quotation marks or in reported speech do not."""
    from storyline.compare.corroboration import corroborate
    from storyline.compare.sources import Sources
    from storyline.model import Article, ClaimCluster, Story

    first = "Officials in Norvik had taken a serious view of harbour thefts in the eastern docks since March."
    rewrite = (
        "Since spring, the council had taken a serious view of harbour thefts in the eastern docks, it said."
    )
    own = "Thefts from the eastern docks worried the council for months, a harbour official said."
    short = "The council took a serious view of harbour thefts in the eastern docks this year."
    quoted = 'The mayor said: "Officials in Norvik had taken a serious view of harbour thefts in the eastern docks."'
    names = ("Harbour Courier", "Valley Gazette", "Coast Daily")

    def support(second: str, asserter: str = "outlet") -> int:
        texts = [first, second, own]
        arts = {
            a + 1: Article(source=f"{a}.txt", content_hash=str(a), paragraphs=[t], outlet=names[a], id=a + 1)
            for a, t in enumerate(texts)
        }
        members = [
            ClaimMember(
                article_id=a + 1,
                claim=0,
                span=Span(0, len(t), t),
                sentence=0,
                asserter=asserter if a == 1 else "outlet",
                outlet=names[a],
            )
            for a, t in enumerate(texts)
        ]
        story = Story(id=1, label="s", article_ids=[1, 2, 3])
        co = corroborate(ClaimCluster(id=1, members=members), Sources(story, arts))
        return co.independent

    # "had taken a serious view of harbour thefts in the eastern docks": 11 words
    assert support(rewrite) == 2
    assert support(short) == 3  # "a serious view of harbour thefts in the eastern docks": 9 words
    assert support(quoted) == 3  # quoted words are what two outlets quote alike
    assert support(rewrite, asserter="council") == 3  # a statement reported alike, not a copy


def test_copies_count_once_and_are_named_with_their_original() -> None:
    from storyline.compare.corroboration import corroborate
    from storyline.compare.sources import Sources
    from storyline.model import Article, ClaimCluster, DuplicateGroup, Story
    from storyline.render.view import ClaimView

    arts = {
        1: Article(source="a.txt", content_hash="a", paragraphs=["x"], outlet="Harbour Courier", id=1),
        2: Article(source="b.txt", content_hash="b", paragraphs=["x"], outlet="Valley Gazette", id=2),
        3: Article(source="c.txt", content_hash="c", paragraphs=["x"], outlet="Coast Daily", id=3),
    }
    story = Story(id=1, label="s", article_ids=[1, 2, 3], duplicate_groups=[DuplicateGroup(1, [1, 2])])
    text = "The ferry ran aground near the north pier"
    members = [
        ClaimMember(
            article_id=a,
            claim=0,
            span=Span(0, len(text), text),
            sentence=0,
            asserter="outlet",
            outlet=arts[a].outlet or "",
        )
        for a in (1, 2, 3)
    ]
    co = corroborate(ClaimCluster(id=1, members=members), Sources(story, arts))
    assert (co.outlets, co.independent, co.label) == (3, 2, "corroborated")
    courier = next(s for s in co.support if 1 in s.article_ids)
    assert courier.copies == [2]
    view = ClaimView(cluster=1, text=None, label=co.label, independent=co.independent, outlets=co.outlets)  # type: ignore[arg-type]
    assert view.support_label == "3 outlets, 2 independent"
    view.outlets = 2
    assert view.support_label == "corroborated by 2 independent outlets"


def test_related_story_links_are_not_claims() -> None:
    from storyline.compare.align import furniture

    for line in (
        "Read more: Ferry operator apologises to stranded islanders",
        "ALSO READ - Tolls rise on the coast road",
        "Related: Harbour board names new chair",
        "Watch: the moment the pier gave way",
        "3 of 12 | The mayor walks past the flooded quay.",
        "Rescue boats line the harbour (Photo: Ana Reyes/Harbour Courier)",
        "Rescue boats line the harbour. Photo by Ana Reyes",
    ):
        assert furniture(line), line
    for line in (
        "Readers of the Harbour Courier were told to stay home",
        "See-through panels line the new terminal",
        "Related reports reached the council on Monday",
        "The council said 3 of 12 wards voted no",
        "The photo agency said it would appeal",
        "He took the picture by the pier on Monday and sold it",
    ):
        assert not furniture(line), line


def test_a_member_must_restate_the_clusters_core() -> None:
    from storyline.compare.align import _enforce_core

    # 0, 1 and 3 restate one another; 2 came in through 3 (average linkage), and the core is 3: 2 is
    # not close enough to it and leaves
    sim = np.array([[1.0, 0.8, 0.2, 0.8], [0.8, 1.0, 0.2, 0.8], [0.2, 0.2, 1.0, 0.45], [0.8, 0.8, 0.45, 1.0]])
    out = _enforce_core([[0, 1, 2, 3]], sim, 0.5)
    assert sorted(map(sorted, out)) == [[0, 1, 3], [2]]


def test_other_speakers_are_named_people_with_other_surnames() -> None:
    from storyline.compare.align import other_speakers

    assert other_speakers("Ines Caldwell", "Tomas Brandt")
    assert not other_speakers("Ines Caldwell", "Caldwell")  # one person named two ways
    assert not other_speakers("outlet", "Tomas Brandt")  # the outlet may report what a speaker says
    assert not other_speakers("unknown", "Tomas Brandt")


def test_figures_get_their_unit_from_the_words_before_them() -> None:
    from storyline.compare.conflicts import _conditions_differ, _numbers, _versions_of_one_text

    text = "An aftershock with an estimated magnitude of 6.1 hit Velmar in the 71st minute of the match."
    m = ClaimMember(
        article_id=1,
        claim=0,
        span=Span(100, 100 + len(text), text),
        sentence=0,
        asserter="outlet",
        outlet="x",
        numbers=[Quantity(6.1, "", "6.1", start=100 + text.index("6.1"), end=100 + text.index("6.1") + 3)],
    )
    got = {(q.unit, q.value) for q in _numbers(m)}
    assert ("magnitude", 6.1) in got and ("minute", 71.0) in got
    # "magnitude 5" takes the unit only when the story uses the word as a unit
    t2 = "Dozens of aftershocks stronger than magnitude 5 followed."
    m2 = ClaimMember(
        article_id=2,
        claim=0,
        span=Span(0, len(t2), t2),
        sentence=0,
        asserter="outlet",
        outlet="y",
        numbers=[Quantity(5.0, "", "5", start=t2.index("5"), end=t2.index("5") + 1)],
    )
    assert {q.unit for q in _numbers(m2)} == {""}
    assert {q.unit for q in _numbers(m2, frozenset({"magnitude"}))} == {"magnitude"}
    # a figure the analysis left out is read when the words before it say what it measures
    t3 = "Velmar recorded over 15 aftershocks with a magnitude of over 4.0 by noon."
    m3 = ClaimMember(
        article_id=3, claim=0, span=Span(0, len(t3), t3), sentence=0, asserter="outlet", outlet="z"
    )
    assert {(q.unit, q.value) for q in _numbers(m3)} == {("magnitude", 4.0)}
    # what a figure measures: the first word after it and its unit
    from storyline.compare.conflicts import _thing_after

    storey = Quantity(12, "storey", "twelve")
    assert _thing_after("the N -storey building in Eastvale collapsed", storey) == "building"
    assert _thing_after("Officials said N were injured", Quantity(40, "people", "40 people")) == "injured"
    # counts under other conditions are other quantities
    a = [Quantity(15, "aftershock", "15"), Quantity(4.0, "magnitude", "4.0")]
    b = [Quantity(100, "aftershock", "100"), Quantity(5.0, "magnitude", "5")]
    assert _conditions_differ(a, b, "aftershock") and not _conditions_differ(a, a, "aftershock")

    def unit(t: str) -> ClaimUnit:
        return ClaimUnit(
            member=ClaimMember(
                article_id=1, claim=0, span=Span(0, len(t), t), sentence=0, asserter="outlet", outlet="x"
            ),
            text=t,
            entities=frozenset(),
            neg=False,
            loose_neg=False,
        )

    early = "A strong earthquake with a preliminary magnitude of 6.4 struck the Velmar coast at around 9:20 a.m. on Sunday, officials said."
    later = "A strong earthquake with a preliminary magnitude of 6.6 struck the Velmar coast at around 9:20 a.m. on Sunday, officials said."
    other = "The Velmar coast was struck by a 6.6 quake on Sunday morning that damaged the harbour and cut power to thousands."
    assert _versions_of_one_text(unit(early), unit(later)) and not _versions_of_one_text(
        unit(early), unit(other)
    )


TOWER_A = """Tower collapse in Eastvale

The twelve-storey Marlow Tower in Eastvale partly collapsed on Tuesday after the quake, trapping residents on its upper floors.

Rescuers said 40 people were injured in the town.

In 2019, 17 people died in a fire in the same district.
"""
TOWER_B = """Eastvale block leans after quake

Residents climbed down ladders on Tuesday after the eight-storey Marlow Tower in Eastvale partly collapsed in the quake.

Officials said 6 people were killed in the town.
"""


def test_one_building_given_two_heights_but_no_conflict_for_other_counts_or_times() -> None:
    docs = [
        RawDoc(
            source="ta.txt",
            kind="text",
            data=TOWER_A.encode(),
            outlet="Eastvale Echo",
            published="2031-09-03",
        ),
        RawDoc(
            source="tb.txt",
            kind="text",
            data=TOWER_B.encode(),
            outlet="Coastline Daily",
            published="2031-09-03",
        ),
    ]
    found = [k for k in compare_docs(docs).conflicts if k.kind == "quantity"]
    reasons = " ".join(k.reason for k in found)
    assert len(found) == 1 and "twelve" in reasons.lower() and "eight" in reasons.lower(), reasons


PIER_A = """Storm shuts Kessel pier

The Kessel harbour master closed the north pier to all boats before the storm reached the coast on Monday,
the port authority said.

Divers searched the harbour for a missing skiff before the storm. The lighthouse lost power after the
first gust, and crews restored it within the hour.
"""

PIER_B = """Kessel pier closed as storm passes

The Kessel harbour master closed the north pier to all boats after the storm reached the coast on Monday,
according to the port authority.

Divers resumed the search of the harbour for the missing skiff after the storm. The ferry office lost
its phone lines before the first gust.
"""


def test_one_event_placed_before_and_after_another_is_a_conflict() -> None:
    """ "closed the pier before the storm" against "after the storm" is one event told in two orders; a
    search resumed after the storm, and two different events placed on either side of one gust, are
    not."""
    docs = [
        RawDoc(source="pa.txt", kind="text", data=PIER_A.encode(), outlet="Kessel Courier", published="2031-10-06"),
        RawDoc(source="pb.txt", kind="text", data=PIER_B.encode(), outlet="Harbour Wire", published="2031-10-06"),
    ]  # fmt: skip
    found = [k for k in compare_docs(docs).conflicts if k.kind == "order"]
    assert len(found) == 1, [k.reason for k in found]
    k = found[0]
    assert "closed the north pier" in k.a.text and "closed the north pier" in k.b.text
    assert "before the storm" in k.reason and "after the storm" in k.reason


def test_a_lead_is_compared_without_its_dateline() -> None:
    from storyline.compare.align import without_dateline

    assert (
        without_dateline("PORT ANNIS — The harbour board voted to close the pier")
        == "The harbour board voted to close the pier"
    )
    assert (
        without_dateline("ST. JOSEPH, Mich. (AP) — Crews cleared the road on Monday")
        == "Crews cleared the road on Monday"
    )
    # a scrape that cut the place keeps the agency alone
    assert (
        without_dateline("(Lowland Press) -- Crews cleared the road on Monday")
        == "Crews cleared the road on Monday"
    )
    assert (
        without_dateline("(The ferry) was hit by a wave on Monday")
        == "(The ferry) was hit by a wave on Monday"
    )
    assert (
        without_dateline("March 4 (LPS) -- The council met to approve the budget")
        == "The council met to approve the budget"
    )
    for keep in ("The BBC — and others — reported the closure", "NATO allies met in Brussels on Monday"):
        assert without_dateline(keep) == keep


def test_schedule_previews_are_agenda_lines() -> None:
    from storyline.compare.align import agenda

    for line in (
        "The minister will travel to Oslo on Thursday to attend a summit of fisheries ministers",
        "Her next stop will be Tallinn",
        "Gerrit Vos plans to discuss the tariff with his counterparts",
        "The delegation is scheduled to visit the damaged dam",
    ):
        assert agenda(line), line
    for line in (
        "The minister travelled to Oslo on Thursday",
        "The dam will not be repaired before winter",
        "Talks on the tariff collapsed on Monday",
    ):
        assert not agenda(line), line


def test_previews_and_the_outlets_forecasts_are_no_reports() -> None:
    """A plan to meet ("will sit down with ... to discuss") and the outlet's own guess ("Most likely,
    ...") announce; a speaker's forecast and a report of what happened do not."""
    from storyline.compare.align import preview

    def member(text: str, asserter: str = "outlet", sentence: str | None = None) -> ClaimMember:
        ctx = Span(0, len(sentence), sentence) if sentence else None
        return ClaimMember(1, 0, Span(0, len(text), text), 0, asserter, "x", context=ctx)

    assert preview(member("The envoy will sit down with the three mayors on Friday to discuss the levy"))
    assert preview(member("The fleet is likely to stay in port until the strike ends"))
    clause = "who is going to lift the levy before the harvest"
    assert preview(member(clause, sentence=f"Most likely, Vos will back the governor, {clause}."))
    assert not preview(member(clause, sentence=f"Vos backed the governor, {clause}."))
    assert not preview(member("The fleet is likely to stay in port", asserter="Ines Varga"))
    assert not preview(member("The envoy sat down with the three mayors on Friday to discuss the levy"))
    assert not preview(member("The levy will be lifted on Friday"))


def test_agenda_lines_never_share_a_cluster() -> None:
    from storyline.compare.align import AlignConfig, similarity_matrix
    from storyline.embed import encode as embed

    units = [
        _unit(1, "The minister will travel to Oslo on Thursday to attend the fisheries summit", {"Oslo"}),
        _unit(2, "The minister is due to travel to Oslo on Thursday for the fisheries summit", {"Oslo"}),
        _unit(3, "The fisheries summit in Oslo ended without a quota deal", {"Oslo"}),
    ]
    _sim, _raw, cannot = similarity_matrix(units, embed([u.text for u in units]), AlignConfig())
    assert cannot[0, 1] and cannot[0, 2] and cannot[1, 2]


def test_a_negation_that_picks_out_an_argument_leaves_the_claim_positive() -> None:
    from storyline.analyse import analyse_article
    from storyline.compare.align import grammatical_negations
    from storyline.model import Article

    assert grammatical_negations("Two harbour pilots and not the crew were steering the barge") == 0
    assert grammatical_negations("It was a mechanical fault, not an act of sabotage") == 0
    assert grammatical_negations("The crew did not steer the barge") == 1
    assert grammatical_negations("Ferries ran all week, but not a single one left on time") == 1
    text = "Two harbour pilots and not the crew were steering the grain barge when it struck the pier."
    art = Article(source="a.txt", content_hash="1", id=1, outlet="Harbour Courier", paragraphs=[text])
    claim = max(analyse_article(art).claims, key=lambda c: len(c.span.text))
    assert not claim.negated
    text = "The crew were not steering the grain barge when it struck the pier."
    art = Article(source="b.txt", content_hash="2", id=2, outlet="Harbour Courier", paragraphs=[text])
    claim = max(analyse_article(art).claims, key=lambda c: len(c.span.text))
    assert claim.negated


def test_steps_of_a_criminal_case_are_different_propositions() -> None:
    from storyline.compare.align import AlignConfig, case_steps, similarity_matrix
    from storyline.embed import encode as embed

    assert case_steps("Prosecutors have charged Ivo Marsh with two counts of fraud") == {"charge"}
    assert case_steps("A jury found Ivo Marsh guilty of two counts of fraud") == {"convict"}
    assert case_steps("The charges say he hid the money") == frozenset()
    assert case_steps("Marsh was arrested and charged with fraud") == {"arrest", "charge"}
    units = [
        _unit(
            1,
            "Prosecutors have charged Ivo Marsh with two counts of fraud at the harbour board",
            {"Ivo Marsh"},
        ),
        _unit(2, "A jury found Ivo Marsh guilty of two counts of fraud at the harbour board", {"Ivo Marsh"}),
        _unit(3, "Ivo Marsh was arrested and charged with fraud at the harbour board", {"Ivo Marsh"}),
    ]
    _sim, _raw, cannot = similarity_matrix(units, embed([u.text for u in units]), AlignConfig())
    assert cannot[0, 1] and cannot[1, 2]  # charged / convicted
    assert not cannot[0, 2]  # both say he was charged


def _two_outlets(first: str, second: str) -> StoryReport:
    """The report of one story told by two outlets."""
    return compare_docs(
        [
            RawDoc(source="a.txt", kind="text", data=first.encode(), outlet="Coastline Daily"),
            RawDoc(source="b.txt", kind="text", data=second.encode(), outlet="Strait Observer"),
        ]
    )


def test_an_unnamed_spokesman_is_not_another_articles_named_one() -> None:
    # one outlet names the navy's spokesman; another quotes "a navy spokesman": the story's name for
    # the first is not put on the second, which may be another spokesman
    named = (
        "The frigate Varna drove off two speedboats in the strait on Sunday, navy spokesman Commander "
        "Tobias Renn said.\n\nThe speedboats fled toward the coast, Renn said."
    )
    unnamed = (
        "A navy spokesman said the frigate Varna had answered a distress call from a grain carrier in the "
        "strait.\n\nThe carrier was not damaged, the spokesman said."
    )
    rep = _two_outlets(named, unnamed)
    asserters = {m.span.text: m.asserter for c in rep.clusters for m in c.members}
    assert next(v for k, v in asserters.items() if "distress call" in k) == "navy spokesman"
    assert next(v for k, v in asserters.items() if "not damaged" in k) == "spokesman"
    assert next(v for k, v in asserters.items() if "fled toward" in k) == "Tobias Renn"
    speakers = {v.speaker for g in rep.quotes for v in g.variants}
    assert speakers == {"Tobias Renn", "navy spokesman", "spokesman"}


def test_the_spokeswoman_after_an_unnamed_one_is_not_another_articles_named_one() -> None:
    # one article names a carrier's spokeswoman; another's "a Velta Telecom spokeswoman" is unnamed, and
    # its later "the spokeswoman said" goes on with her, not with the other article's named one
    named = (
        "Marlin Networks said it has rerouted traffic for its business customers calling the Gulf by "
        "sending it through Europe, spokeswoman Ilse Varga said in an interview.\n\nThe rerouting slowed "
        "some traffic to half its normal speed, Varga said."
    )
    unnamed = (
        "Internet traffic between Europe and the Gulf was hampered on Friday after three undersea lines "
        "were cut, a Velta Telecom spokeswoman said.\n\nFor example, 82 percent of the voice traffic was "
        "out of service early Friday, the spokeswoman said."
    )
    rep = _two_outlets(named, unnamed)
    asserters = {m.span.text: m.asserter for c in rep.clusters for m in c.members}
    assert next(v for k, v in asserters.items() if "82 percent" in k) == "spokeswoman"
    assert next(v for k, v in asserters.items() if "half its normal speed" in k) == "Ilse Varga"


def test_the_parties_a_story_is_about_are_masked_before_embedding() -> None:
    from storyline.compare.align import AlignConfig, embed_units, main_actors
    from storyline.embed import encode
    from storyline.model import CanonicalEntity

    texts = [
        "Velora will sell Quillon servers built with Intel chips for the foreseeable future.",
        "With Quillon, Velora can deal directly with companies looking for servers.",
        "Velora plans to put its own chips in Quillon machines next year.",
        "The deal is worth $334 million in cash and stock.",
        "Shares of both firms rose in Tokyo on Thursday.",
    ]
    # each claim's canonical entities, as claim_members resolves them
    names = [{"Velora", "Quillon"}, {"Velora", "Quillon"}, {"Velora", "Quillon"}, set(), {"Tokyo"}]
    units = [_unit(i, t, n) for i, (t, n) in enumerate(zip(texts, names, strict=True))]
    ents = [
        CanonicalEntity(1, "Velora", "organisation", aliases=["Velora Corp"]),
        CanonicalEntity(2, "Quillon", "organisation"),
        CanonicalEntity(3, "Tokyo", "place"),
        CanonicalEntity(4, "Ines Brandt", "person", aliases=["Chief Executive"]),
    ]
    actors = main_actors(units, ents, 0.3)
    assert actors is not None
    # the two parties, named in three of five claims; not a place, nor a role, nor one named rarely
    assert (
        actors.sub("X", texts[0])
        == "X will sell X servers built with Intel chips for the foreseeable future."
    )
    assert actors.sub("X", texts[4]) == texts[4]
    assert main_actors(units, ents, 0.8) is None
    assert main_actors(units, ents, 0.3, least=20) is None  # a short story keeps its names
    emb, _ = embed_units(units, AlignConfig(core=0.0), actors)
    assert np.allclose(
        emb[1], encode(["With X, X can deal directly with companies looking for servers."])[0], atol=1e-5
    )
    plain, _ = embed_units(units, AlignConfig(core=0.0))
    # two claims naming both parties look less alike once the names are masked
    assert float(emb[0] @ emb[1]) < float(plain[0] @ plain[1])


def test_a_subdomain_speaks_with_its_sites_voice() -> None:
    from storyline.compare.sources import Sources
    from storyline.model import Article, Story

    hosts = [
        "velora.com",
        "investors.velora.com",
        "dailyledger.example",
        "sports.tidewire.net",
        "news.tidewire.net",
    ]
    arts = {
        i + 1: Article(
            source=f"{h}.html", content_hash=str(i), paragraphs=["A deal was signed."], outlet=h, id=i + 1
        )
        for i, h in enumerate(hosts)
    }
    sources = Sources(Story(id=1, label="deal", article_ids=list(arts)), arts)
    # the company's investor pages and its site are one source; two sections of a site that is not
    # itself in the story are not merged on a guess
    assert not sources.independent(1, 2)
    assert sources.independent(1, 3) and sources.independent(2, 3)
    assert sources.independent(4, 5)
    assert sources.name[2] == "investors.velora.com"
    # the site's page copies another outlet's text: its subdomain speaks with that voice too
    from storyline.model import DuplicateGroup

    copied = Story(
        id=2,
        label="deal",
        article_ids=list(arts),
        duplicate_groups=[DuplicateGroup(representative=3, members=[3, 1])],
    )
    s2 = Sources(copied, arts)
    assert not s2.independent(2, 3) and not s2.independent(1, 3)


def test_a_people_speaking_keeps_its_plural() -> None:
    from storyline.compare.align import EntityResolver, resolve_name
    from storyline.model import CanonicalEntity

    r = EntityResolver(
        [
            CanonicalEntity(1, "Tessian", "group", aliases=["Tessians"]),
            CanonicalEntity(2, "Ines Varga", "person", aliases=["Varga"]),
        ]
    )
    # "the Tessians say ..." is not shown as said by "Tessian"; an alias still gives the full name
    assert resolve_name(r, "Tessians") == "Tessians"
    assert resolve_name(r, "Varga") == "Ines Varga"


def test_one_specific_figure_brings_two_wordings_together() -> None:
    from storyline.compare.align import _same_figures, specific_figures

    def with_numbers(aid: int, text: str, qs: list[Quantity]) -> ClaimUnit:
        u = _unit(aid, text, set())
        u.member.numbers = qs
        return u

    price = Quantity(334e6, "usd", "$334 million")
    units = [
        with_numbers(1, "Velora will pay $334 million for Quillon.", [price]),
        with_numbers(2, "Velora signed a deal to acquire Quillon for $334 million.", [price]),
        with_numbers(3, "Two boats closed in on the ship.", [Quantity(2, "boats", "two boats")]),
        with_numbers(4, "Two boats fled toward the coast.", [Quantity(2, "boats", "two boats")]),
        with_numbers(2, "The company paid $334 million in all.", [price]),
    ]
    assert specific_figures(units[0]) and not specific_figures(units[2])
    sim = np.full((5, 5), 0.3, dtype=np.float32)
    cannot = np.zeros((5, 5), dtype=bool)
    out = _same_figures(units, sim, cannot, 0.1)
    assert out[0, 1] == pytest.approx(0.4) and out[0, 4] == pytest.approx(0.4)
    # a small count says little; two claims of one article are no second voice
    assert out[2, 3] == pytest.approx(0.3) and out[1, 4] == pytest.approx(0.3)
    cannot[0, 1] = cannot[1, 0] = True
    assert _same_figures(units, sim, cannot, 0.1)[0, 1] == pytest.approx(0.3)


def test_two_named_people_in_their_own_words_never_restate_each_other() -> None:
    from storyline.compare.align import AlignConfig, named_person, similarity_matrix
    from storyline.model import CanonicalEntity

    people = [
        CanonicalEntity(1, "Ada Brook", "person"),
        CanonicalEntity(2, "Tomas Vell", "person"),
        CanonicalEntity(3, "Harbourline", "person"),  # a firm the small model took for a person
    ]
    named = frozenset(e.name for e in people if named_person(e))
    assert named == {"Ada Brook", "Tomas Vell"}
    said = [
        ("we were told to go downstairs", "Ada Brook", True),
        ("we moved the party downstairs", "Tomas Vell", True),
        ("the staff went downstairs", "Tomas Vell", False),  # his reported speech
        ("the staff moved downstairs", "Harbourline", True),
        ("the staff were sent downstairs", "outlet", False),
    ]
    units = [_unit(i + 1, t, {"staff"}) for i, (t, _, _) in enumerate(said)]
    for u, (_, who, direct) in zip(units, said, strict=True):
        u.member.asserter, u.direct = who, direct
    emb = np.ones((5, 4), dtype=np.float32) / 2.0  # identical embeddings: only the gate can part them
    _, _, cannot = similarity_matrix(units, emb, AlignConfig(), named)
    assert cannot[0, 1] and cannot[0, 2]  # two people, one of them quoted in her own words
    assert not cannot[1, 2]  # one person
    assert not cannot[0, 3] and not cannot[0, 4]  # a firm and the outlet stay compatible
    _, _, off = similarity_matrix(units, emb, AlignConfig(people_apart=False), named)
    assert not off.any()


def test_a_claim_credited_to_an_outlet_of_the_story_counts_with_that_outlet() -> None:
    # invented reports: one outlet rewrites a wire service's story and credits it sentence by sentence
    wire = (
        "Three undersea cables linking Europe and the Gulf were cut on Friday, slowing internet traffic "
        "across the region.\n\nMobile service in Oranto was also disrupted, the operator said.\n\n"
        "Repair ships will reach the site on Monday, the cable consortium said."
    )
    rewrite = (
        "Internet users across the Gulf faced slow connections on Friday after three undersea cables "
        "were cut.\n\nMobile service in Oranto was also disrupted, according to Lowland Press.\n\n"
        "Shares of the main carrier fell 4 percent in early trading."
    )
    rep = compare_docs(
        [
            RawDoc(source="a.txt", kind="text", data=wire.encode(), outlet="Lowland Press"),
            RawDoc(source="b.txt", kind="text", data=rewrite.encode(), outlet="Gulf Ledger"),
        ]
    )
    mobile = told_by_both(rep, "Mobile service")
    assert len(mobile) == 1 and mobile[0].independent == 1 and mobile[0].label == "single-source"
    # the rewrite relays the wire's word; it does not copy the wire's text
    (sup,) = mobile[0].support
    assert 2 in sup.relaying and 2 not in sup.copies
    from storyline.render.view import build_view

    view = build_view(rep)
    shown = [c for c in view.key_claims + view.single if c.cluster == mobile[0].cluster]
    assert shown and shown[0].attributed[0][0] == "Lowland Press (relayed by Gulf Ledger)"
    # the rewrite's own sentence on the cut still counts as its own
    by_cluster = {c.id: c for c in rep.clusters}
    cut = [
        corr
        for corr in rep.corroboration
        if {m.article_id for m in by_cluster[corr.cluster].members if "cut" in m.span.text} == {1, 2}
    ]
    assert cut and cut[0].independent == 2


def test_a_claim_told_of_another_time_never_restates_one_of_the_story_s_time() -> None:
    import dataclasses
    import datetime as dt

    from storyline.compare.align import AlignConfig, elsewhen, similarity_matrix
    from storyline.embed import encode as embed

    assert elsewhen("Two years ago, five undersea cables off Oranto were cut")
    assert elsewhen("This is not the first time this year that the cables have been cut.")
    assert elsewhen("Five undersea cables off Oranto were cut last year.")
    # a modifier's time inside the claim is not the claim's
    assert not elsewhen(
        "Under the rules adopted last year, at least 40 per cent of buses must be electric by 2032."
    )
    # a dated report: an opening month or year before the story's
    day = dt.date(2031, 12, 20)
    assert elsewhen("In September 1999, a strong quake struck the same coast", published=day)
    assert elsewhen("In January, five cables off Oranto were cut", published=day)
    assert not elsewhen("In December, five cables off Oranto were cut", published=day)
    assert not elsewhen("In November, the board voted to close the pier", published=day)  # the month before
    assert not elsewhen("In January, five cables off Oranto were cut")  # undated: no clock to read
    # a closing year other than the report's
    assert elsewhen("The singer spent time at the Harwell clinic in 2027.", published=day)
    assert not elsewhen("The singer checked into the Harwell clinic in December 2031.", published=day)
    assert not elsewhen("The law passed in 2027 requires a check of every clinic.", published=day)
    # "previously", a closing "before": an earlier time; "never ... before" says the present is new
    assert elsewhen("The singer has spent time at the Harwell clinic before.")
    assert elsewhen("The singer was previously at the Harwell clinic for three months.")
    assert not elsewhen("The previously announced plan will go ahead on Monday.")
    assert not elsewhen("The operator said it had never seen such an outage before.")
    assert not elsewhen("She checked in before the hearing.")
    # an opening phrase set in another year; "since" runs on to the story's time
    assert elsewhen(
        "During her stay at the Harwell clinic in 2027, the singer fell out with a nurse", published=day
    )
    assert not elsewhen("Since 2027, the clinic has treated 300 patients.", published=day)
    texts = [
        "Three undersea cables off Oranto were cut on Friday, slowing internet traffic.",
        "Two years ago, five undersea cables off Oranto were cut, slowing internet traffic.",
        "Undersea cables off Oranto were cut on Friday and internet traffic slowed.",
    ]
    units = [
        dataclasses.replace(_unit(i + 1, t, {"Oranto"}), elsewhen=elsewhen(t)) for i, t in enumerate(texts)
    ]
    _sim, _raw, cannot = similarity_matrix(units, embed(texts), AlignConfig())
    assert cannot[0, 1] and cannot[1, 2]
    assert not cannot[0, 2]
    _sim, _raw, cannot = similarity_matrix(units, embed(texts), AlignConfig(elsewhen_apart=False))
    assert not cannot[0, 1]


def test_an_undated_story_reads_other_years_against_the_year_its_reports_lead_with() -> None:
    from storyline.analyse import analyse_many
    from storyline.clean import clean
    from storyline.compare.align import EntityResolver, claim_members, elsewhen

    assert elsewhen("He became assistant general manager in 2023.", story_year=2028)
    assert not elsewhen("He became assistant general manager in 2028.", story_year=2028)
    assert elsewhen("In 2023, he became assistant general manager", story_year=2028)
    assert not elsewhen(
        "In January, he became assistant general manager", story_year=2028
    )  # no month to read
    texts = [
        "Harbor Hawks fire coach\n\nThe 2028 season began badly for the Harbor Hawks, who fired coach Dane "
        "Oyelaran on Sunday.\n\nAssistant general manager Pia Lund was named interim coach.\n\n"
        "Lund became assistant general manager in 2023.",
        "Oyelaran out in Harbor\n\nThe Harbor Hawks fired Dane Oyelaran after a poor start to the 2028 "
        "season.\n\nPia Lund, the assistant general manager, will coach the team for the rest of the season.",
    ]
    arts = []
    for i, t in enumerate(texts):
        a = clean(RawDoc(source=f"u{i}.txt", kind="text", data=t.encode(), outlet=f"Outlet {i}"))
        a.id = i + 1
        arts.append(a)
    facts = analyse_many(arts)
    for a, f in zip(arts, facts, strict=True):
        f.article_id = a.id
    assert all(a.published is None for a in arts)
    units = claim_members({a.id: a for a in arts}, {f.article_id: f for f in facts}, {}, EntityResolver([]))
    told = {u.member.span.text: u.elsewhen for u in units}
    assert told["Lund became assistant general manager in 2023."], told
    assert not told["Assistant general manager Pia Lund was named interim coach."], told


def test_a_verb_phrase_cut_from_its_subject_starts_at_its_verb() -> None:
    from storyline.analyse import analyse_many
    from storyline.clean import clean
    from storyline.compare.align import EntityResolver, claim_members

    text = (
        "Vale out as coach\n\nRina Vale was one of the most popular players in club history and was "
        "starting her fourth season as coach of the Harbor Hawks."
    )
    a = clean(RawDoc(source="v.txt", kind="text", data=text.encode(), outlet="Outlet"))
    a.id = 1
    (f,) = analyse_many([a])
    f.article_id = 1
    units = claim_members({1: a}, {1: f}, {}, EntityResolver([]))
    spans = [u.member.span.text for u in units]
    assert any(s.startswith("was starting her fourth season") for s in spans), spans
    assert not any(s.startswith("and ") for s in spans), spans
    # compared with its subject restored
    cut = next(u for u in units if u.member.span.text.startswith("was starting"))
    assert cut.text.startswith("Rina Vale was starting"), cut.text


def test_claims_set_in_different_periods_of_a_game_tell_two_moments() -> None:
    from storyline.compare.align import periods, periods_apart

    first = periods("Ivo Marsh kicked a 47-yard field goal in the first quarter.")
    third = periods("A Marsh field goal tied the game at 13 late in the 3rd quarter.")
    half = periods("The Hawks led 13-3 at the end of the first half.")
    assert first == {("quarter", "first")} and third == {("quarter", "third")}
    assert periods_apart(first, third)
    assert not periods_apart(first, half)  # a quarter and a half are not comparable
    assert not periods_apart(first, periods("Marsh kicked a field goal."))  # no period: nothing to tell
    from storyline.compare.align import AlignConfig, similarity_matrix
    from storyline.embed import encode as embed

    texts = [
        "Ivo Marsh kicked a 47-yard field goal for the Owls in the first quarter.",
        "Ivo Marsh kicked a 47-yard field goal for the Owls in the third quarter.",
        "Ivo Marsh kicked a 47-yard field goal for the Owls.",
    ]
    units = [_unit(i + 1, t, {"Ivo Marsh"}) for i, t in enumerate(texts)]
    _sim, _raw, cannot = similarity_matrix(units, embed(texts), AlignConfig())
    assert cannot[0, 1] and not cannot[0, 2] and not cannot[1, 2]


def test_an_undated_report_reads_its_years_against_the_story_s_day() -> None:
    from storyline.analyse import analyse_many
    from storyline.compare.align import EntityResolver, claim_members
    from storyline.model import Article

    def article(text: str, aid: int, day: dt.date | None) -> Article:
        return Article(source=f"{aid}.txt", content_hash=str(aid), id=aid, paragraphs=[text], published=day)

    dated = article(
        "The singer checked into the Harwell clinic on Friday for a three-month stay.",
        1,
        dt.date(2031, 12, 20),
    )
    undated = article(
        "The singer, who has been treated five times, was previously at the Harwell clinic in 2027.", 2, None
    )
    arts = {1: dated, 2: undated}
    facts = {a.id: f for a, f in zip(arts.values(), analyse_many(list(arts.values())), strict=True)}
    units = claim_members(arts, facts, {1: "Ledger", 2: "Courier"}, EntityResolver([]))
    assert all(u.elsewhen for u in units if u.member.article_id == 2), [(u.text, u.elsewhen) for u in units]
    assert not any(u.elsewhen for u in units if u.member.article_id == 1)


def test_a_round_approximate_figure_covers_one_step_of_its_last_digit() -> None:
    from storyline.compare.conflicts import _close_value, _round_step

    assert _round_step(1000) == 100 and _round_step(200) == 10 and _round_step(45) == 0
    assert _round_step(40) == 0 and _round_step(7.5) == 0
    assert _close_value(948, 1000, rough=1000)  # "nearly 1,000 feet" and 948 feet
    assert not _close_value(948, 1000)  # without a round approximate figure: 5% slack only
    assert not _close_value(180, 200, rough=200)  # "about 200" is not 180
    assert _close_value(39, 40, rough=40)  # "about 40%" and 39 percent, as before


BOAT_A = """Coast guard stops smugglers' boat off Port Aldene

The coast guard stopped a smugglers' boat about 40 nautical miles west of Port Aldene on Sunday.

Officers seized 12 Varlo 9 guns and a satellite phone from the boat, the coast guard said.

The crew of five was taken to Port Aldene for questioning.
"""

BOAT_B = """Smugglers held after boat chase

A coast guard cutter stopped a smugglers' boat about 40 nautical miles east of Port Aldene on Sunday.

Officers seized three machine guns and a satellite phone from the boat.

The five crew members were taken to Port Aldene and questioned.
"""


def test_one_spot_on_opposite_sides_of_a_place_is_a_conflict_two_kinds_of_gun_are_not() -> None:
    docs = [
        RawDoc(
            source="ba.txt", kind="text", data=BOAT_A.encode(), outlet="Aldene Echo", published="2031-10-06"
        ),
        RawDoc(
            source="bb.txt", kind="text", data=BOAT_B.encode(), outlet="Harbour Wire", published="2031-10-06"
        ),
    ]
    rep = compare_docs(docs)
    places = [k for k in rep.conflicts if k.kind == "place"]
    assert len(places) == 1, [k.reason for k in rep.conflicts]
    assert "west of Port Aldene" in places[0].reason and "east of Port Aldene" in places[0].reason
    # "12 Varlo 9 guns" and "three machine guns" count two kinds of gun
    assert not [k for k in rep.conflicts if k.kind == "quantity"], [k.reason for k in rep.conflicts]


def test_bearings_opposite_only_when_every_side_turns_around() -> None:
    from storyline.compare.conflicts import _opposite_bearings

    assert _opposite_bearings("west", "east") and _opposite_bearings("north-east", "south-west")
    assert not _opposite_bearings("north-east", "north-west") and not _opposite_bearings("north", "east")


STAT_LINES = {
    "Ridge Gazette": """Harrow running back out for the season

Running back Kade Morrow will miss the last two games of the Harrow Owls' season with a sprained ankle.

Morrow finished with 512 yards and three touchdowns on 98 carries, and caught 41 passes for 377 yards and five TDs.

Coach Lena Voss said the ankle needs rest but no surgery.
""",
    "Owl Sports Daily": """Owls lose Morrow to ankle sprain

Kade Morrow's season is over after he sprained his ankle in Sunday's loss, coach Lena Voss said.

He also had 377 yards and five touchdowns receiving.

Voss said Morrow will be ready for training camp.
""",
    "Plains Fan Report": """Morrow shut down for the year

The Harrow Owls shut down running back Kade Morrow for the rest of the year with an ankle sprain.

He scored eight touchdowns on offense and added two more on kick returns.

That is a fine year for a back who missed four games in the autumn.
""",
}


def test_stat_lines_of_one_player_are_not_one_quantity() -> None:
    """Figures listed beside other figures ("512 yards and three touchdowns ... 377 yards and five
    touchdowns") and the parts of a divided count ("eight ... on offense and two more on kick returns")
    count different things: no conflict among them, while one line given two ways still conflicts."""
    rep = compare_texts(STAT_LINES, published="2031-12-18")
    assert not [k for k in rep.conflicts if k.kind == "quantity"], [k.reason for k in rep.conflicts]
    wrong = (
        "Morrow tally\n\nKade Morrow of the Harrow Owls sprained his ankle and will miss two games.\n\n"
        "Morrow finished with 512 yards and four touchdowns on 98 carries this season.\n"
    )
    rep = compare_texts({**STAT_LINES, "Valley Line": wrong}, published="2031-12-18")
    found = [k.reason for k in rep.conflicts if k.kind == "quantity"]
    assert len(found) == 1 and "three touchdowns" in found[0] and "four touchdowns" in found[0], found


def test_figures_on_different_lines_of_a_stat_list_are_apart() -> None:
    from storyline.compare.conflicts import _beside_other_figures

    def q(value: float, unit: str, start: int) -> Quantity:
        return Quantity(value, unit, f"{value:g} {unit}s", measure=f"{unit}s", start=start, end=start + 9)

    # "ran for 512 yards and three touchdowns, caught passes for 377 yards and five TDs"
    line_a = [q(512, "yard", 0), q(3, "touchdown", 14), q(377, "yard", 40), q(5, "td", 54)]
    # "had 377 yards and five touchdowns receiving": the five sits beside 377 yards, the three beside 512
    line_b = [q(377, "yard", 100), q(5, "touchdown", 114)]
    assert _beside_other_figures(line_a[1], line_a, line_b[1], line_b)
    # "ran for 512 yards and four touchdowns": the same line, another value
    line_c = [q(512, "yard", 200), q(4, "touchdown", 214)]
    assert not _beside_other_figures(line_a[1], line_a, line_c[1], line_c)
    # "nine touchdowns in 10 games" against "in 10 games, 512 yards and three touchdowns and 41 catches"
    season = [q(10, "game", 300), q(512, "yard", 320), q(3, "touchdown", 334), q(41, "catch", 350)]
    total = [q(9, "touchdown", 400), q(10, "game", 420)]
    assert _beside_other_figures(season[2], season, total[0], total)
    # no other figure beside one of them: nothing to tell the lines apart
    assert not _beside_other_figures(line_a[1], line_a, q(4, "touchdown", 500), [q(4, "touchdown", 500)])


def test_a_count_of_a_compound_is_no_count_of_its_first_noun() -> None:
    from storyline.compare.conflicts import _modifier_count

    def member(text: str) -> ClaimMember:
        return ClaimMember(
            article_id=1, claim=0, span=Span(0, len(text), text), sentence=0, asserter="outlet", outlet="x"
        )

    text = "The haul included one rocket propelled grenade launcher and three rifles."
    at = text.index("one rocket")
    q = Quantity(1, "rocket", "one rocket", measure="rocket", start=at, end=at + 10)
    assert _modifier_count(member(text), q)
    text2 = "One person killed in the crash was a driver."
    q2 = Quantity(1, "person", "One person", measure="person", start=0, end=10)
    assert not _modifier_count(member(text2), q2)
    text3 = "Officers found two rockets, grenades and a launcher."
    at3 = text3.index("two rockets")
    q3 = Quantity(2, "rocket", "two rockets", measure="rockets", start=at3, end=at3 + 11)
    assert not _modifier_count(member(text3), q3)


def test_what_would_have_happened_is_no_report_of_what_happened() -> None:
    """A counterfactual ("if they were still in contention, she would not have placed him on injured
    reserve") asserts nothing that happened: it never joins the report that he was placed there."""
    from storyline.compare.align import counterfactual

    assert counterfactual("if the Owls were still in contention, she would not have placed him on reserve")
    assert counterfactual("He wouldn't be put on reserve if we had more than two weeks")
    assert not counterfactual("if the talks fail, the union will strike")
    assert not counterfactual("the state would pay for a new bridge")
    rep = compare_texts(
        {
            "Ridge Gazette": "Owls rest Morrow\n\nCoach Lena Voss said the Harrow Owls placed running back Kade "
            "Morrow on injured reserve with a knee sprain.\n",
            "Owl Sports Daily": "Voss explains Morrow move\n\nCoach Lena Voss said the Harrow Owls would have "
            "placed running back Kade Morrow on injured reserve with a knee sprain if the doctors had agreed.\n",
        }
    )
    for c in rep.clusters:
        said = {counterfactual(m.span.text) for m in c.members if m.part == "body"}
        assert len(said) <= 1, [m.span.text for m in c.members]


def test_two_outlets_reporting_one_police_statement_alike_are_two_sources() -> None:
    """Two reporters render the police's charge list alike ("..., police said"): each outlet reports
    the statement, neither copies the other."""
    first = (
        "Driver held after Ostby crash\n\nA driver was arrested on Friday after a van struck a cyclist on Harrow "
        "Road in Ostby.\n\nTomas Berg, 41, was charged with vehicular assault, reckless endangerment, leaving "
        "the scene of an accident causing injury and driving while impaired, police said.\n\nThe cyclist was "
        "taken to Fairfield Hospital with a broken leg.\n"
    )
    second = (
        "Cyclist hurt on Harrow Road\n\nWitnesses said the van did not stop after it hit the woman near the "
        "bakery on Saturday evening.\n\nTomas Berg was charged with vehicular assault, reckless endangerment, "
        "leaving the scene of an accident causing injury and driving while impaired, police said.\n\nNeighbours "
        "have asked the council for a crossing.\n"
    )
    rep = compare_texts({"Ostby Post": first, "Fjord Daily": second}, published="2031-03-08")
    charged = [
        c for c in rep.clusters if any("charged with" in m.span.text for m in c.members if m.part == "body")
    ]
    assert charged, [[m.span.text for m in c.members] for c in rep.clusters]
    corr = next(c for c in rep.corroboration if c.cluster == charged[0].id)
    assert corr.independent == 2, corr


# Invented reports of one inquest: a count and a part of it ("two of the six rounds") against
# another part ("four rounds struck from the front") or another count ("a pistol loaded with three").
INQUEST = {
    "Brackwater Ledger": """Inquest rules on Tarn Hollow shooting

An inquest in Tarn Hollow found that Ivo Reyk was struck in the back by two of the six rounds fired by the guards.

The guards said Reyk had raised a pistol before they fired.
""",
    "Tarn Valley Courier": """Guards' shots struck Reyk from the front and back

Four rounds struck from the front, hitting Ivo Reyk's chest and left arm, the Tarn Hollow inquest found.

Reyk's pistol was loaded with three rounds, the guards told the inquest.
""",
    "Hollow Evening Star": """Reyk inquest ends

The Tarn Hollow inquest heard on Monday that six rounds entered Ivo Reyk's body, two of them from behind.

His family said he never owned a pistol.
""",
}


def test_a_part_of_a_count_is_no_other_value_of_it() -> None:
    """ "two of the six rounds" gives a whole and a part: "four rounds struck from the front" is
    another part and "a pistol loaded with three rounds" another count, neither a wrong value of six;
    one count given two ways still conflicts."""
    rep = compare_texts(INQUEST, published="2031-05-12")
    assert not [k for k in rep.conflicts if k.kind == "quantity"], [k.reason for k in rep.conflicts]
    wrong = "Coroner on Reyk\n\nEight rounds entered the body of Ivo Reyk, the coroner told the Tarn Hollow hearing.\n"
    rep = compare_texts(
        {
            "Hollow Evening Star": INQUEST["Hollow Evening Star"].replace(", two of them from behind", ""),
            "Fenmoor Daily": wrong,
        },
        published="2031-05-12",
    )
    found = [k.reason for k in rep.conflicts if k.kind == "quantity"]
    assert len(found) == 1 and "six rounds" in found[0] and "Eight rounds" in found[0], found


def test_a_speakers_words_told_to_an_outlet_of_the_story_count_with_that_outlet() -> None:
    """ "Orla Venn told the Skerry Daily Post" relays the Post's interview: when the story holds the
    Post's own report (as skerrydailypost.com), the quote counts with it, not as a new source."""
    from storyline.clean.meta import same_outlet

    assert same_outlet("skerrydailypost.com", "Skerry Daily Post")
    assert same_outlet("sdpost.com", "Skerry Daily Post")  # leading words by their initials
    assert same_outlet("eveningskerrydailypost.com", "Daily Post Skerry") is False
    post = (
        "Harbour crane collapses in Skerry\n\nA harbour crane collapsed in Skerry on Sunday, injuring two dockers.\n\n"
        '"The crane had been shaking for a week and nobody listened to us," dock foreman Orla Venn said '
        "in an interview.\n"
    )
    ledger = (
        "Skerry crane falls\n\nTwo dockers were hurt when a crane fell at the Skerry harbour on Sunday.\n\n"
        '"The crane had been shaking for a week and nobody listened to us," Orla Venn told the Skerry Daily Post.\n'
    )
    rep = compare_docs(
        [
            RawDoc(source="a.txt", kind="text", data=post.encode(), outlet="skerrydailypost.com"),
            RawDoc(source="b.txt", kind="text", data=ledger.encode(), outlet="Harbour Ledger"),
        ]
    )
    shaking = told_by_both(rep, "shaking for a week")
    assert len(shaking) == 1 and shaking[0].independent == 1, [(c.independent, c.support) for c in shaking]
