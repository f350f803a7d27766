"""Property tests: whatever bytes arrive, ingest and clean give an article or a clear error, never a crash.

Generators cover arbitrary bytes and Unicode, scrape-shaped text (to drive the cleaner's structure rules),
deeply nested and unclosed HTML, mutilated RSS/Atom feeds and JSON of every shape and wrong type.  The
text cleaner is also held to its accounting rule: every word of the input ends up in the article (title,
dek, captions, headings, paragraphs) or in a recorded drop.  A second part pins the hostile inputs that
once broke or stalled the pipeline.
"""

from __future__ import annotations

import codecs
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storyline.clean import CleanError, clean, clean_text
from storyline.clean.mojibake import repair_mojibake
from storyline.ingest import read_bytes
from storyline.ingest.decode import DecodeError, decode_bytes
from storyline.ingest.records import read_feed, read_json
from storyline.model import Article, IngestError, RawDoc
from storyline.pipeline import Pipeline
from storyline.store import Store

FUZZ = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------------------------ generators

PROSE = [
    "The Tolland county council approved a new bus depot on Thursday after a two-hour debate.",
    '"We cannot wait another winter," said councillor Abel Marsh, who chairs the transport committee.',
    "Residents had complained for years about buses parked along Quarry Lane overnight.",
    "The depot will cost 14 million crowns and open in 2032, according to the council's plan.",
    "Opposition members said the site floods twice a year and asked for a new survey.",
    "Dr. Ines Varga, a hydrologist at Norrhaven University, said the risk was manageable.",
    "Sign up for our newsletter to get the latest updates.",
    "Don't forget to follow us on social media!",
    "It was first reported by the Tolland Courier.",
]
FURNITURE = [
    "POLITICS",
    "4 min read",
    "By Mira Sandell",
    "March 3, 2031",
    "Published: 2031-03-03 10:15",
    "Dock workers gather outside the depot. / Photo: Lina Ortez",
    "Share on Facebook",
    "Tweet",
    "1.4K shares",
    "Most read",
    "Related:",
    "Storm closes ferry route for second day",
    "Advertisement",
    "Leave a Reply",
    "© 2031 Tolland Courier. All rights reserved.",
    "We use cookies to improve your experience. Accept all cookies",
    "#Council #Depot #Buses",
    "Source: Tolland Courier",
    "12:45 GMT",
    "Cost questions",
    "Mira Sandell is a staff reporter at the Courier.",
    "Reporting by Jon Ek; editing by Sara Lind",
    "Read more: Depot vote delayed",
    "date 2031-03-03 The council met on Thursday.",
    "",
]
SEPARATORS = ["\n", "\n\n", "\r\n", "\r", "\n \n", "\x0b", "\x0c", "\x85", "\u2028", "\t\n"]
CONTROL = "".join(chr(c) for c in range(32)) + "\x7f\x85\x9f"

lines = st.one_of(
    st.sampled_from(PROSE),
    st.sampled_from(FURNITURE),
    st.text(max_size=80),
    st.text(alphabet=CONTROL + "ab .", max_size=20),
)
scrapes = st.builds(
    lambda parts, seps: "".join(p + seps[i % len(seps)] for i, p in enumerate(parts)),
    st.lists(lines, max_size=40),
    st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=5),
)

TAGS = [
    "div",
    "span",
    "p",
    "b",
    "i",
    "table",
    "tr",
    "td",
    "li",
    "ul",
    "section",
    "article",
    "a",
    "em",
    "font",
    "h2",
    "blockquote",
    "figure",
    "script",
    "style",
    "noscript",
    "svg",
    "iframe",
]


@st.composite
def nested_html(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(0, 3000))
    tag = draw(st.sampled_from(TAGS))
    mixed = draw(st.booleans())
    opened = [draw(st.sampled_from(TAGS)) if mixed else tag for _ in range(depth)]
    body = draw(st.sampled_from(PROSE)) + " " + draw(st.text(max_size=200))
    close = draw(st.sampled_from(["all", "none", "some"]))
    closing = {"all": opened[::-1], "none": [], "some": opened[::-1][: depth // 2]}[close]
    head = draw(
        st.sampled_from(
            ["", "<!DOCTYPE html><html><head><title>Depot vote</title></head><body>", "<html><body>"]
        )
    )
    html = head + "".join(f"<{t}>" for t in opened) + f"<p>{body}</p>" + "".join(f"</{t}>" for t in closing)
    return html.encode("utf-8", "surrogatepass")


ITEM = (
    "<item><title>{t}</title><link>https://courier.example/{i}</link><pubDate>{d}</pubDate>"
    "<description>{b}</description></item>"
)
ENTRY = (
    '<entry><title>{t}</title><link href="https://courier.example/{i}"/><updated>{d}</updated>'
    '<content type="html">{b}</content></entry>'
)


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    atom = draw(st.booleans())
    n = draw(st.integers(0, 30))
    tpl = ENTRY if atom else ITEM
    items = "".join(
        tpl.format(
            t=draw(st.one_of(st.sampled_from(FURNITURE), st.text(max_size=30))),
            i=i,
            d=draw(
                st.sampled_from(
                    [
                        "Tue, 04 Feb 2031 10:00:00 GMT",
                        "2031-02-04T10:00:00Z",
                        "yesterday",
                        "",
                        "99/99/9999",
                        "Feb 30 2031",
                        "x" * 300,
                    ]
                )
            ),
            b=draw(
                st.one_of(
                    st.sampled_from(PROSE),
                    st.just(""),
                    st.just("&lt;p&gt;" * 50),
                    st.just("<![CDATA[<p>" + PROSE[0] + "</p>]]>"),
                    st.text(max_size=100),
                )
            ),
        )
        for i in range(n)
    )
    doc = (
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>{items}</feed>'
        if atom
        else f'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>{items}</channel></rss>'
    )
    data = doc.encode("utf-8", "surrogatepass")
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))  # truncated downloads
    if cut is not None:
        data = data[:cut]
    junk = draw(st.binary(max_size=20))
    at = draw(st.integers(0, len(data)))
    return data[:at] + junk + data[at:]


KEYS = [
    "text",
    "body",
    "html",
    "content",
    "title",
    "headline",
    "url",
    "link",
    "published",
    "date",
    "outlet",
    "byline",
    "author",
    "authors",
    "summary",
    "dek",
]
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=60),
    st.sampled_from(PROSE),
    st.just("\ud800 lone surrogate"),
    st.just("nul\x00byte"),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=6),
    ),
    max_leaves=25,
)
records = st.dictionaries(st.sampled_from(KEYS), json_values, max_size=8)


@st.composite
def json_files(draw: st.DrawFn) -> bytes:
    shape = draw(st.sampled_from(["array", "object", "jsonl", "pretty", "scalar"]))
    recs = draw(st.lists(st.one_of(records, json_values), max_size=15))
    if shape == "array":
        text = json.dumps(recs)
    elif shape == "object":
        text = json.dumps(recs[0] if recs else {})
    elif shape == "jsonl":
        text = "\n".join(json.dumps(r) for r in recs)
    elif shape == "pretty":
        text = json.dumps(recs[0] if recs else {}, indent=2)
    else:
        text = json.dumps(draw(json_scalars))
    data = text.encode("utf-8", "surrogatepass")
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))
    return data if cut is None else data[:cut]


# ------------------------------------------------------------------------------------ checks


def _check_outcome(doc: RawDoc) -> Article | CleanError:
    """clean() gives an article with text, or a CleanError with a reason; anything else fails the test."""
    try:
        art = clean(doc)
    except CleanError as e:
        assert str(e).strip(), "CleanError without a reason"
        return e
    assert isinstance(art, Article) and art.paragraphs and all(p.strip() for p in art.paragraphs)
    return art


def _check_items(items: list[RawDoc | IngestError], source: str) -> list[RawDoc]:
    docs = []
    for it in items:
        assert isinstance(it, RawDoc | IngestError), type(it)
        assert it.source.startswith(source)
        if isinstance(it, IngestError):
            assert it.reason.strip()
        else:
            assert it.kind in ("text", "html") and it.data
            docs.append(it)
    return docs


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return Store(str(tmp_path_factory.mktemp("fuzz") / "fuzz.db"))


def _ingest_all(store: Store, items: list[RawDoc | IngestError]) -> None:
    """The whole way to the store: every input is accounted for as stored, known or failed."""
    before = store.count()
    rep = Pipeline(store).store_docs(items)
    assert rep.seen == len(items)
    assert len(rep.stored) + len(rep.existing) + len(rep.errors) >= len(items)
    assert store.count() == before + len(rep.stored)
    for aid in rep.stored:
        art = store.get_article(aid)
        assert art is not None and art.paragraphs


# ------------------------------------------------------------------------------------ properties


@settings(FUZZ, max_examples=150)
@given(
    data=st.binary(max_size=3000), hint=st.sampled_from(["", ".txt", ".html", ".json", ".xml", "text/html"])
)
@example(data=b"\xff\xfe" + "Words".encode("utf-16-le") + b"\x00\xd8", hint="")
@example(data=b"\xef\xbb\xbf", hint=".txt")
@example(data=b"%PDF-1.7 but then words", hint=".txt")
def test_arbitrary_bytes(data: bytes, hint: str) -> None:
    for doc in _check_items(list(read_bytes(data, "fuzz.bin", hint)), "fuzz.bin"):
        _check_outcome(doc)


@settings(FUZZ, max_examples=150)
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=500).map(lambda t: t.encode("utf-16-be")),
        st.text(max_size=500).map(lambda t: t.encode("utf-8") + t.encode("latin-1", "replace")),
    )
)
def test_decode_gives_text_or_reason(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except DecodeError as e:
        assert str(e).strip()
        return
    assert text.strip()
    assert not re.search(r"[\ud800-\udfff]", text)  # storable and encodable as UTF-8
    text.encode("utf-8")


readable = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=400)


@settings(FUZZ, max_examples=100)
@given(
    text=readable.filter(lambda t: t.strip() and t[0] != "\ufeff"),
    form=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "utf-16-be"]),
)
def test_decode_round_trip(text: str, form: str) -> None:
    """Text in any Unicode form comes back unchanged (BOM-less UTF-16 when it is mostly ASCII)."""
    if form in ("utf-16-le", "utf-16-be"):
        text = "Council meeting notes: " + text + " (end of notes)"
        if sum(c < "\x80" for c in text) < 0.8 * len(text):
            return
    assert decode_bytes(text.encode(form)) == text


def _words(text: str) -> Counter[str]:
    # Control characters that are not whitespace carry no words; a leading BOM is not part of one.
    text = re.sub(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]", "", text).lstrip("\ufeff")
    return Counter(text.split())


def _kept(art: Article) -> Counter[str]:
    parts = [
        art.title or "",
        art.dek or "",
        *art.captions,
        *art.section_headings,
        *art.paragraphs,
        *(d.text for d in art.dropped),
    ]
    return Counter(" ".join(parts).split())


@settings(FUZZ, max_examples=300)
@given(text=st.one_of(scrapes, st.text(max_size=1500)))
@example(
    text="POLITICS\nDepot vote\x0bdelayed again\n\nThe council met.\x1fIt voted no on the depot plan today.\n"
)
@example(text="Most read\nStorm closes ferry route\n" * 50)
@example(text="\u00dc\u00af")
def test_text_cleaner_loses_nothing(text: str) -> None:
    """Every word is in the article or in a recorded drop (whitespace and non-space controls aside),
    as the mojibake repair reads it ("Ã©" is "é": a random "Ü¯" reads as UTF-8 read as latin-1)."""
    art = clean_text(text, source="fuzz.txt")
    assert _kept(art) == _words(repair_mojibake(text))
    for d in art.dropped:
        assert d.reason and d.text.strip()


@settings(FUZZ, max_examples=40)
@given(html=nested_html())
@example(html=b"<div>" * 100_000 + b"<p>" + PROSE[0].encode() + b"</p>")
@example(html=b"<html><body>" + b"<table><tr><td>" * 20_000)
def test_deeply_nested_html(html: bytes) -> None:
    t0 = time.monotonic()
    _check_outcome(RawDoc(source="deep.html", kind="html", data=html))
    assert time.monotonic() - t0 < 20


@settings(FUZZ, max_examples=40)
@given(data=feeds())
def test_malformed_feeds(data: bytes, store: Store) -> None:
    items = list(read_feed(data, "feed.xml"))
    assert items, "a feed gives documents or an error, never nothing"
    for doc in _check_items(items, "feed.xml"):
        _check_outcome(doc)


@settings(FUZZ, max_examples=100)
@given(data=json_files())
@example(data=b'{"text": 1' + b"1" * 5000 + b"}")
@example(data=b"[]")
@example(data=b"[" * 100_000)
@example(
    data=json.dumps([{"text": PROSE[1], "title": "Depot \ud800 vote", "published": "x" * 5000}]).encode()
)
def test_malformed_json_to_store(data: bytes, store: Store) -> None:
    items = list(read_json(data, "recs.json"))
    assert items, "a JSON file gives documents or an error, never nothing"
    _check_items(items, "recs.json")
    _ingest_all(store, items)


@settings(FUZZ, max_examples=60)
@given(
    data=st.one_of(st.binary(max_size=2000), scrapes.map(str.encode), nested_html(), feeds(), json_files())
)
def test_anything_through_the_pipeline(data: bytes, store: Store) -> None:
    _ingest_all(store, list(read_bytes(data, "any.in")))


# ------------------------------------------------------------------------------------ pinned hostile inputs


P = PROSE[0]


def _clean_time(text: str) -> tuple[Article | None, float]:
    t0 = time.perf_counter()
    try:
        art: Article | None = clean_text(text)
    except DecodeError:
        art = None
    return art, time.perf_counter() - t0


@pytest.mark.parametrize(
    "name,text",
    [
        ("related lists", P + "\n" + "Most read\nStorm closes the ferry route\n" * 25_000),  # was 45 s
        ("author bios", P + "\n" + "Ann Lee is a staff reporter at the paper.\n" * 25_000),  # was 24 s
        ("headings", P + "\n" + "Quarry lane depot plans\n" * 50_000 + P),
        ("one huge line", "word " * 1_000_000),
    ],
)
def test_cleaner_stays_linear(name: str, text: str) -> None:
    art, secs = _clean_time(text)
    assert art is not None and art.paragraphs
    assert secs < 15, f"{name}: {secs:.1f} s"  # quadratic versions took 25-45 s on the first two


def test_too_many_lines_is_a_clear_error() -> None:
    t0 = time.perf_counter()
    with pytest.raises(CleanError, match="too many lines"):
        clean(RawDoc("lines.txt", "text", b"ab\n" * 3_000_000))
    assert time.perf_counter() - t0 < 5


def test_mixed_and_bomless_encodings_decode() -> None:
    utf = "Le café du port a fermé — « enfin », dit le maire.\n"
    lat = "Élections à Noël, dit le maire.\n"
    assert decode_bytes((utf * 5).encode() + (lat * 5).encode("latin-1")) == utf * 5 + lat * 5
    assert decode_bytes(("Plain words in a memo. " * 5).encode("utf-16-be")) == "Plain words in a memo. " * 5
    assert decode_bytes(codecs.BOM_UTF16_BE + "Ferry news".encode("utf-16-be")) == "Ferry news"


def test_json_hostile_records_reported_or_stored(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "j.db"))
    recs: list[Any] = [
        {"text": PROSE[0], "title": "Depot \ud800 vote", "byline": "A\x00B"},  # once crashed
        {"text": PROSE[2], "published": "x" * 200_000},  # once took 60 s in dateparser
        *([42] * 500),
    ]  # 500 wrong-typed records: 10 listed, one summary
    items = list(read_json(json.dumps(recs).encode(), "r.json"))
    errs = [i for i in items if isinstance(i, IngestError)]
    assert len(errs) == 11 and "490 more bad records" in errs[-1].reason
    t0 = time.perf_counter()
    rep = Pipeline(store).store_docs(items)
    assert time.perf_counter() - t0 < 10
    assert len(rep.stored) == 2
    art = store.get_article(rep.stored[0])
    assert art is not None and art.title == "Depot \ufffd vote" and art.byline == "AB"
    (num,) = read_json(b'[{"text": 1' + b"1" * 5000 + b"}]", "n.json")
    assert isinstance(num, IngestError) and "malformed JSON" in num.reason


def test_feed_flood_refused_before_parsing() -> None:
    item = "<item><title>t</title><description>Body of an entry about the depot vote.</description></item>"
    data = f"<rss><channel><title>Flood</title>{item * 100_000}</channel></rss>".encode()
    t0 = time.perf_counter()
    (err,) = read_feed(data, "flood.xml")
    assert isinstance(err, IngestError) and "100,000 entries" in err.reason
    assert time.perf_counter() - t0 < 2
    empty = "<item><title>only a title</title></item>"
    items = list(read_feed(f"<rss><channel>{empty * 300}</channel></rss>".encode(), "empty.xml"))
    assert len(items) == 11 and "290 more bad records" in items[-1].reason  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "arg,why",
    [
        ("x" * 5000, "File name too long"),  # once an OSError out of read_paths
        ("https://[::1", "bad URL"),  # once a ValueError out of urlsplit
        ("HTTP://localhost/", "loopback"),  # an upper-case scheme is still a URL, and still checked
        ("gopher://news.example/", "scheme"),
        ("no\x00such.txt", "no such file"),
        ("/dev/zero", "not a regular file"),
    ],
)
def test_odd_arguments_are_errors(arg: str, why: str) -> None:
    from storyline.ingest import read_paths

    (got,) = read_paths([arg])
    assert isinstance(got, IngestError) and why in got.reason
