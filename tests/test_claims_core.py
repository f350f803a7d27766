"""A claim's core: its predicate and arguments without the settings, and how alignment uses it."""

from __future__ import annotations

import numpy as np

from storyline.analyse import analyse_article
from storyline.compare.align import (
    AlignConfig,
    ClaimUnit,
    EntityResolver,
    align,
    claim_members,
    embed_units,
    predicates_apart,
)
from storyline.embed import encode
from storyline.model import Article


def _article(i: int, outlet: str, *paragraphs: str) -> Article:
    return Article(
        source=f"{outlet}.txt", content_hash=str(i), id=i, outlet=outlet, paragraphs=list(paragraphs)
    )


def _units(*paragraphs: str) -> list[ClaimUnit]:
    """The claims alignment compares, of one article made of ``paragraphs``."""
    art = _article(1, "Harbour Courier", *paragraphs)
    facts = analyse_article(art)
    facts.article_id = 1
    return claim_members({1: art}, {1: facts}, {1: "Harbour Courier"}, EntityResolver([]))


def _core(text: str) -> str:
    art = _article(1, "Harbour Courier", text)
    facts = analyse_article(art)
    claim = max(facts.claims, key=lambda c: len(c.span.text))
    return " ".join(art.text[a:b] for a, b in claim.core)


def test_core_keeps_who_did_what_to_whom_and_drops_when() -> None:
    core = _core("A grain barge struck the Ostby swing bridge early on Tuesday morning.")
    words = core.split()
    assert {"barge", "struck", "bridge"} <= set(words)
    assert "Tuesday" not in words and "morning" not in words


def test_core_keeps_negation_and_the_content_of_a_complement() -> None:
    core = _core("The harbour board will not reopen the canal tunnel before the inquiry ends.")
    assert {"not", "reopen", "tunnel"} <= set(core.split())
    core = _core(
        "The mayor stressed the importance of neighbouring towns paying a larger share of the dredging costs."
    )
    assert "paying" in core.split() and "share" in core.split()


def test_core_offsets_are_verbatim_and_inside_the_claim() -> None:
    art = _article(
        1,
        "Harbour Courier",
        "Divers from the coastguard recovered two lorries from the Varne estuary on Friday.",
    )
    facts = analyse_article(art)
    assert facts.claims
    for c in facts.claims:
        assert c.core
        for a, b in c.core:
            assert c.span.start <= a < b <= c.span.end
            assert art.text[a:b].strip() == art.text[a:b]


def test_the_core_compares_what_is_asserted_not_when() -> None:
    """The same strike told at other times has one core: compared by it, the two tell one thing."""
    strike = "a grain barge struck the Ostby swing bridge."
    arts = {
        1: _article(1, "Harbour Courier", "Early on Tuesday morning " + strike),
        2: _article(2, "Valley Gazette", "On Tuesday, two hours before the first commuter train, " + strike),
    }
    facts = {i: analyse_article(a) for i, a in arts.items()}
    for i, f in facts.items():
        f.article_id = i
    units = claim_members(arts, facts, {i: a.outlet or "" for i, a in arts.items()}, EntityResolver([]))
    assert [u.member.article_id for u in units] == [1, 2]
    assert "Tuesday" not in units[0].core and "struck" in units[0].core
    assert units[0].core == units[1].core
    emb, cores = embed_units(units, AlignConfig())
    assert cores is not None
    assert np.allclose(emb, encode([u.text for u in units]), atol=1e-5)
    raw, core = emb @ emb.T, cores @ cores.T
    assert core[0, 1] > 0.99 > 0.95 > raw[0, 1]
    assert embed_units(units, AlignConfig(core=0.0))[1] is None


def test_a_piece_without_a_verb_is_no_claim_and_a_cut_subject_finds_its_verb() -> None:
    text = "The ferry strike stranded hundreds of lorries at Ostby, as well as two coaches in the north"
    art = _article(1, "Harbour Courier", text + ".")
    facts = analyse_article(art)
    facts.article_id = 1
    assert any(c.verbs for c in facts.claims)
    units = claim_members({1: art}, {1: facts}, {1: "Harbour Courier"}, EntityResolver([]))
    assert units and not any(u.text.startswith("as well as") for u in units)

    from storyline.compare.align import _asserting_pieces

    subject = "Around 900 lorries, nearly a third of the fleet"
    whole = subject + ", were stuck at the port"
    cut = len(subject)
    pieces = [(0, cut, whole[:cut], False), (cut + 2, len(whole), whole[cut + 2 :], False)]
    verbs = [whole.index("were")]
    assert _asserting_pieces(pieces, whole, verbs) == [(0, len(whole), whole, False)]


def test_an_embedded_question_or_condition_is_no_assertion() -> None:
    from storyline.compare.align import _asserting_pieces

    text = "The board did not say what share of the ferries were late"
    cut = text.index("what")
    pieces = [(0, cut - 1, text[: cut - 1], False), (cut, len(text), text[cut:], False)]
    verbs = [text.index("did"), text.index("say"), text.index("were")]
    assert [p[2] for p in _asserting_pieces(pieces, text, verbs)] == ["The board did not say"]


def test_a_photo_caption_with_its_credit_states_no_claim() -> None:
    caption = "A fisherman walks past a flooded shed in Ostby on Tuesday after the storm surge. — OPA"
    body = (
        "The storm surge flooded forty sheds along the Ostby quay on Monday night, the harbour master said."
    )
    units = _units(caption, body)
    assert units and all("fisherman" not in u.text for u in units)
    assert any("forty sheds" in u.text for u in units)


def test_a_table_row_in_the_text_is_furniture() -> None:
    from storyline.compare.align import furniture

    assert furniture("| LB | Tomas Varne | 61 | 84% | 2 tackles (1 solo).")
    assert furniture("QB | Ilse Marten | 12 of 20 passes")
    # one bar is a headline's section mark or a pull quote's, not a table
    assert not furniture("Opinion | Should the Ostby ferry run at night?")
    assert not furniture("Tomas Varne forced a fumble in the fourth quarter to seal the win.")
    assert not furniture("If (a || b) fails, the booking app crashes, its developer said.")


def test_a_dropped_list_tail_takes_its_numbers_with_it() -> None:
    text = (
        "A storm warning was issued for the Ostby coast on Monday, with waves of up to five metres possible."
    )
    units = _units(text)
    assert units
    for u in units:
        assert u.text in u.member.span.text
        for q in u.member.numbers:
            assert q.text in u.text and u.member.span.start <= q.start < u.member.span.end


def _polarity_conflicts(a: str, b: str) -> list[str]:
    from storyline.compare import compare_story
    from storyline.link.cluster import single_story

    # other paragraphs around the two claims: the outlets are independent, not copies of one text
    arts = [
        _article(
            1, "Harbour Courier", "Dredging of the Ostby channel began on Monday.", a, "Work resumes in May."
        ),
        _article(2, "Valley Gazette", b, "The port authority has spent two years planning the deeper berth."),
    ]
    facts = [analyse_article(x) for x in arts]
    for x, f in zip(arts, facts, strict=True):
        f.article_id = x.id
    report = compare_story(
        single_story(arts, facts), {x.id: x for x in arts if x.id}, {1: facts[0], 2: facts[1]}
    )
    return [c.reason for c in report.conflicts if c.kind == "polarity"]


def test_a_prefix_negation_contradicts_its_own_stem_only() -> None:
    closure = "the night closure of the Ostby channel for dredging was {} for the ferries"
    assert _polarity_conflicts(
        "Harbour pilot Tomas Reyle said " + closure.format("safe") + ".",
        "Harbour pilot Tomas Reyle said " + closure.format("unsafe") + ".",
    )
    assert not _polarity_conflicts(
        "Ferry captain Ilse Marrow was unsure about the timing of the Ostby channel closure for dredging.",
        "Ferry captain Ilse Marrow questioned the timing of the Ostby channel closure for dredging.",
    )


def test_unlike_things_said_of_one_subject_are_apart_and_like_things_are_not() -> None:
    """A protagonist's lead sentences ("X arrived", "X defended") share a subject and a topic, not a
    proposition: what is said of the subject (its predicate) decides. The same act told with other
    words keeps its pair."""
    arts = {
        1: _article(1, "Harbour Courier", "Mayor Ilse Varnholt arrived in the port town of Ostby on Monday."),
        2: _article(
            2, "Valley Gazette", "Mayor Ilse Varnholt defended the council's decision to raise parking fees."
        ),
        3: _article(3, "Ostby Post", "Mayor Ilse Varnholt travelled to the port town of Ostby on Monday."),
    }
    facts = {i: analyse_article(a) for i, a in arts.items()}
    for i, f in facts.items():
        f.article_id = i
    units = claim_members(arts, facts, {i: a.outlet or "" for i, a in arts.items()}, EntityResolver([]))
    by_article = {u.member.article_id: u for u in units}
    assert sorted(by_article) == [1, 2, 3]
    for u in units:
        assert u.subjects, u.text
        assert "Varnholt" not in u.predicate and u.predicate
    apart = predicates_apart(units, AlignConfig().predicate_floor)
    index = {u.member.article_id: k for k, u in enumerate(units)}
    assert apart[index[1], index[2]] and apart[index[3], index[2]]
    assert not apart[index[1], index[3]]
    # aligned, the arrival is told by two outlets and the defence stands alone
    al = align(arts, facts, (), {i: a.outlet or "" for i, a in arts.items()})
    together = [sorted({m.article_id for m in c.members}) for c in al.clusters]
    assert [1, 3] in together and [2] in together


def test_a_cluster_keeps_one_statement_per_article_unless_it_restates_it() -> None:
    from storyline.compare.align import _dense_across, one_per_article

    # claims 0-1 of article 10, 2-3 of article 11, 4 of article 12, 5 of article 13. Claim 0 restates
    # the others' proposition; claim 1 only names the topic (0.30 to the others); claim 3 restates
    # claim 2 (0.8) though the others are a little further from it
    sim = np.full((6, 6), 0.55, dtype=np.float32)
    np.fill_diagonal(sim, 1.0)
    sim[1, :] = sim[:, 1] = 0.30
    sim[1, 1] = 1.0
    sim[2, 3] = sim[3, 2] = 0.80
    sim[3, [0, 4, 5]] = sim[[0, 4, 5], 3] = 0.40
    article_of = [10, 10, 11, 11, 12, 13]
    groups = one_per_article([list(range(6))], article_of, *_dense_across(sim), AlignConfig())
    assert sorted(map(sorted, groups)) == [[0, 2, 3, 4, 5], [1]]
    # three sentences of article 10 that all name the topic as closely as the others do: two stay
    sim3 = np.full((5, 5), 0.7, dtype=np.float32)
    np.fill_diagonal(sim3, 1.0)
    groups = one_per_article([list(range(5))], [10, 10, 10, 11, 12], *_dense_across(sim3), AlignConfig())
    assert sorted(len(g) for g in groups) == [1, 4]
    # a cluster with one claim per article, or of one article alone, is left as it is
    same = (*_dense_across(sim), AlignConfig())
    assert one_per_article([[0, 2, 4, 5]], article_of, *same) == [[0, 2, 4, 5]]
    assert one_per_article([[0, 1, 2]], [10, 10, 10], *same) == [[0, 1, 2]]


def test_a_participle_modifying_a_noun_is_no_verb_of_the_claim() -> None:
    text = "The council cited rising costs and a failing pumping station at the Ostby quay."
    art = _article(1, "Harbour Courier", text)
    claim = max(analyse_article(art).claims, key=lambda c: len(c.span.text))
    words = {art.text[v : v + 7] for v in claim.verbs}
    assert "cited r" in words
    assert not words & {"rising ", "failing"}


def test_an_aside_pointing_elsewhere_is_no_claim() -> None:
    units = _units(
        "The harbour app now sells night tickets for the Ostby ferry, as we saw with the last timetable."
    )
    assert any("night tickets" in u.text for u in units)
    assert not any(u.text.startswith("as we saw") for u in units)
    # a clause of its own after "as" is a claim
    units = _units(
        "Shares in Ostby Ferries fell 8 percent on Tuesday, as it reported a 20 percent drop in bookings."
    )
    assert any("20 percent drop" in u.text for u in units)


def test_one_sum_per_cluster_gives_the_mean_similarity_of_every_pair() -> None:
    """Big stories take each claim's mean similarity to the rest of its cluster from one sum per
    cluster: the same figures the full matrix gives."""
    from scipy.sparse import csr_matrix

    from storyline.compare.align import _dense_across, _sum_across

    rng = np.random.default_rng(7)
    emb = rng.normal(size=(9, 16)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    lex = rng.random(size=(6, 30)) * (rng.random(size=(6, 30)) > 0.6)
    lex /= np.linalg.norm(lex, axis=1, keepdims=True)
    node_ix = np.array([0, 1, 2, 2, 3, 4, 5, 5, 1])  # claims 2-3 and 6-7 share a text
    w = 0.4
    rows = lex[node_ix]
    full = (1 - w) * (emb @ emb.T) + w * (rows @ rows.T)
    pair, across_in = _sum_across(emb, csr_matrix(lex), node_ix, w)
    g = [0, 2, 3, 5, 6, 8]
    for own in ([2, 3], [0], [5, 6, 8]):
        assert np.allclose(across_in(g)(own), _dense_across(full)[1](g)(own), atol=1e-5)
    assert abs(pair(2, 7) - full[2, 7]) < 1e-5


def _pieces(paragraph: str) -> list[tuple[str, str]]:
    """(verbatim span, compared text) of each unit of one paragraph."""
    return [(u.member.span.text, u.text) for u in _units(paragraph)]


def test_an_and_between_two_nouns_is_no_clause_break() -> None:
    # a list of names before its verb, and "X and his Y who ...": one proposition each
    listed = _pieces(
        "Her agent confirmed that she was at the same clinic where Mia Stone, Leo Park, Ravi Patel, "
        "and Jo Reed were previously treated."
    )
    assert len(listed) == 1 and "Ravi Patel, and Jo Reed were previously treated" in listed[0][0]
    pair = _pieces(
        "Our thoughts go out to the driver and his brother who were hurt in the crash on the quay."
    )
    assert len(pair) == 1 and pair[0][0].startswith("Our thoughts go out to the driver and his brother")
    # two clauses still break, also where the parser takes the second subject for a noun of the first
    two = _pieces(
        "The old canal is regularly flooded by storms and its towpath is closed to walkers every winter."
    )
    assert [s for s, _ in two] == [
        "The old canal is regularly flooded by storms",
        "and its towpath is closed to walkers every winter.",
    ]


def test_a_verb_phrase_without_its_own_subject_is_compared_with_the_first_ones() -> None:
    pieces = _pieces(
        "The ferry crew lost steering near the quay and were unable to stop the vessel before the pier."
    )
    # its span starts at its verb, not at "and"
    assert pieces[1] == (
        "were unable to stop the vessel before the pier.",
        "The ferry crew were unable to stop the vessel before the pier.",
    )


def test_to_before_a_noun_is_no_infinitive() -> None:
    pieces = _pieces(
        "The mayor said the council remains committed to the harbour plan and to the ferry partnership with the islands."
    )
    assert len(pieces) == 1 and pieces[0][0].endswith("and to the ferry partnership with the islands")
    infinitives = _pieces(
        "The mayor said it was unlikely for the town to rebuild the old bridge or to open a second ferry."
    )
    assert [said for _, said in infinitives] == [
        "it was unlikely for the town to rebuild the old bridge",
        "it was unlikely for the town to open a second ferry",
    ]


def test_a_speech_frame_whose_words_stand_elsewhere_is_no_claim() -> None:
    texts = [
        u.text
        for u in _units(
            'Traffic "from the port to the capital has now been rerouted, which may slow it down,"',
            'Velta Telecom said in an e-mailed "network update," adding that it is working with customers.',
            "The board said the pier would reopen in May.",
        )
    ]
    assert not any(t.startswith("Velta Telecom said") for t in texts), texts
    assert any("working with customers" in t for t in texts)
    assert any("pier would reopen" in t for t in texts)
