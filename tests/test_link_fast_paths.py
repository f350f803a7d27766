"""The linker's fast paths give what the plain computations give.

Batched scoring, the dense-scratch dot products, the per-band LSH dictionaries and the cheap pre-tests in
front of slow patterns exist for speed only: each is checked here against the straightforward version.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from storyline.clean.boilerplate import CAPTION_CREDIT_RE
from storyline.link.cluster import StoryLinker, StoryState, _cos
from storyline.link.dedup import DedupConfig, DuplicateIndex
from storyline.link.events import article_cues
from storyline.link.features import may_be_credit
from storyline.model import Article


def _vec(rnd: random.Random, n: int, space: int) -> dict[int, float]:
    feats = rnd.sample(range(space), n)
    ws = np.array([rnd.random() + 0.01 for _ in feats])
    ws /= np.linalg.norm(ws)
    return dict(zip(feats, ws.tolist(), strict=True))


def test_score_many_matches_score_one_by_one() -> None:
    rnd = random.Random(7)
    linker = StoryLinker()
    stories = []
    for sid in range(1, 30):
        s = StoryState(
            id=sid, terms=_vec(rnd, rnd.randint(0, 60), 400), ents=_vec(rnd, rnd.randint(0, 8), 60)
        )
        s.first = dt.date(2024, 5, 1) + dt.timedelta(days=rnd.randint(0, 20))
        s.last = s.first + dt.timedelta(days=rnd.randint(0, 5))
        s.norms()
        stories.append(s)
    for _ in range(20):
        terms, ents = _vec(rnd, rnd.randint(0, 50), 400), _vec(rnd, rnd.randint(0, 6), 60)
        date = dt.date(2024, 5, 10)
        many = linker.score_many(stories, terms, ents, None, date)
        one = [linker.score(s, terms, ents, None, date) for s in stories]
        assert np.allclose(many, one, rtol=0, atol=1e-12)
    # a changed centroid is scored as it is now (its cached arrays are rebuilt by norms())
    s = stories[0]
    terms = dict(s.terms)
    s.terms = {f + 1000: w for f, w in s.terms.items()}
    s.norms()
    assert linker.score_many([s], terms, {}, None, None) == [linker.score(s, terms, {}, None, None)]
    assert _cos(terms, s.terms, s._tn) == 0.0


def test_band_index_finds_copies_and_forgets_evicted_articles() -> None:
    body = (
        "The harbour board of Quillan Bay voted on Thursday to close the old ferry slip for repairs, "
        "sending the morning crossings to the north pier until the spring. Skippers said the detour adds "
        "twenty minutes to each trip and asked the board to publish a timetable before the work begins."
    )
    idx = DuplicateIndex(DedupConfig(capacity=2))
    assert idx.add(1, body)[0] is None
    rep, sim, sig = idx.add(2, body + " The board promised one by Friday.")
    assert rep == 1 and sim >= 0.5 and sig is not None
    assert len(idx.band_keys(sig)) == len(idx.hashranges)
    other = "A cycling club in Tessmore opened a repair workshop for children's bikes in the old library."
    idx.add(3, other * 3)  # the third signature pushes the first out of memory
    assert 1 not in idx._query(sig) and 2 in idx._query(sig)
    assert all(1 not in ids for band in idx._bands for ids in band.values())


def test_credit_pretest_never_hides_a_caption() -> None:
    captions = [
        "Rescue crews at the quarry on Sunday. Photo: Dana Ferrow",
        "Volunteers stack sandbags | Picture: Tessmore Gazette",
        "The bridge at dawn (Photo: Harlan Beck)",
        "Flood water in the square / Getty Images",
        "Skippers wait at the slip. (Ilsa Marr/Quillan Post)",
        "In this file photo, the old ferry leaves the north pier.",
        "In this image taken on Monday, crews clear the road.",
        "Photo courtesy of the harbour board",
        "The crowd at the gate.Credit: Orla Penn",
        "A man crosses the square. (Reuters)",
        "İmage credit to the club",
    ]
    rnd = random.Random(3)
    words = "photo image picture credit courtesy this in file handout taken shows Reuters AFP / | ( ) : . İmage".split()
    samples = captions + [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 10))) for _ in range(5000)]
    for p in samples:
        if CAPTION_CREDIT_RE.search(p):
            assert may_be_credit(p), p
    assert not may_be_credit("The council met on Tuesday and agreed the budget.")


def test_date_cues_found_with_the_cheap_pretests() -> None:
    paragraphs = [
        "The inquiry opened on 4 March in Quillan.",
        "Witnesses were heard on March 6, 2024 and again last Tuesday.",
        "A ruling is expected tomorrow.",
        "Nothing here names a day.",
    ]
    a = Article(source="t", content_hash="t", paragraphs=paragraphs, published=dt.date(2024, 3, 14))
    cues = article_cues(a)
    assert [(c.sentence, c.date) for c in cues] == [
        (0, dt.date(2024, 3, 4)),
        (1, dt.date(2024, 3, 6)),
        (1, dt.date(2024, 3, 12)),
        (2, dt.date(2024, 3, 15)),
    ]
