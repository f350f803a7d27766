from __future__ import annotations

import datetime as dt

from storyline.model import (
    Article,
    ArticleFacts,
    Claim,
    Dropped,
    Quantity,
    Quote,
    RawDoc,
    Sentence,
    Span,
    TimeRef,
    article_from_json,
    facts_from_json,
    to_jsonable,
)
from storyline.store import Store


def _pair(i: int) -> tuple[RawDoc, Article]:
    raw = RawDoc(source=f"f{i}.txt", kind="text", data=f"Article number {i} text.".encode())
    art = Article(
        source=raw.source,
        content_hash=raw.hash,
        paragraphs=[f"Article number {i} text."],
        title=f"T{i}",
        published=dt.date(2031, 1, 1 + i),
        dropped=[Dropped("Share", "share", 3)],
    )
    return raw, art


def test_roundtrip_and_dedup(db: str) -> None:
    s = Store(db)
    res = s.add_batch([_pair(1), _pair(2), _pair(1)])
    assert [n for _, n in res] == [True, True, False]
    assert res[0][0] == res[2][0]
    art = s.get_article(res[1][0])
    assert art is not None and art.title == "T2" and art.published == dt.date(2031, 1, 3)
    assert art.dropped[0].reason == "share"
    src, origin, raw = s.get_raw(res[1][0])  # type: ignore[misc]
    assert raw == b"Article number 2 text." and origin == "file"
    assert s.count() == 2
    assert [a.id for a in s.iter_articles()] == [1, 2]


def test_publication_order_puts_undated_last(db: str) -> None:
    s = Store(db)
    late, early = _pair(5), _pair(2)
    undated = _pair(3)
    undated[1].published = None
    ids = [aid for aid, _ in s.add_batch([late, undated, early])]
    assert s.in_publication_order(ids + [ids[0]]) == [ids[2], ids[0], ids[1]]


def test_model_json_roundtrip() -> None:
    art = _pair(3)[1]
    assert article_from_json(to_jsonable(art)) == art
    facts = ArticleFacts(
        article_id=1,
        sentences=[Sentence(0, 0, 10, "Hello all.")],
        quotes=[Quote(Span(1, 5, "ello"), "Ann Lee", "direct", 0, cue=Span(6, 9, "all"))],
        claims=[Claim(Span(0, 10, "Hello all."), 0, "outlet", numbers=[Quantity(5.0, "percent", "5%")])],
        times=[TimeRef(Span(0, 5, "Hello"), 0, "on Tuesday", value=dt.date(2031, 1, 7), anchor="published")],
    )
    assert facts_from_json(to_jsonable(facts)) == facts


def test_facts_saved(db: str) -> None:
    s = Store(db)
    ((aid, _),) = s.add_batch([_pair(4)])
    assert s.ids_without_facts() == [aid]
    s.save_facts([(aid, ArticleFacts(article_id=None, sentences=[Sentence(0, 0, 3, "Hi.")]))])
    got = s.get_facts(aid)
    assert got is not None and got.article_id == aid and got.sentences[0].text == "Hi."
    assert s.ids_without_facts() == []
