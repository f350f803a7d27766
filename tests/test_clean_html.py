from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import trafilatura

from storyline.clean.html import clean_html, decode_html, extract_body
from storyline.model import Article, RawDoc

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "html"
BENCH_DATA = ROOT.parent / "shared" / "bench-data" / "article-extraction"


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "storyline_bench_eval_html", ROOT / "bench" / "eval_html.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the file runs
    spec.loader.exec_module(mod)
    return mod


bench = _load_bench()


def _doc(name: str, **meta: str) -> RawDoc:
    return RawDoc(source=str(FIXTURES / name), kind="html", data=(FIXTURES / name).read_bytes(), **meta)


def _reasons(art: Article) -> dict[str, str]:
    return {d.text: d.reason for d in art.dropped}


def _dropped_with(art: Article, fragment: str) -> str:
    """Reason the cleaner gave for the dropped item containing ``fragment`` (fails if not dropped)."""
    hits = [d.reason for d in art.dropped if fragment in d.text]
    assert hits, f"{fragment!r} was not dropped; dropped: {[d.text[:60] for d in art.dropped]}"
    return hits[0]


def _body_has_none_of(art: Article, fragments: list[str]) -> None:
    text = art.text + "\n" + "\n".join(art.section_headings)
    for frag in fragments:
        assert frag not in text, f"boilerplate {frag!r} left in the body"


# ----------------------------------------------------------------------------------- news article


@pytest.fixture(scope="module")
def ferry() -> Article:
    return clean_html(_doc("harbor_gazette_ferry.html"))


FERRY_PARAGRAPHS = [
    "The first ferry to cross Marrow Sound in two years left Port Wendell at dawn on Thursday",
    "The crossing had been suspended since a winter storm tore away half of the municipal pier",
    '"People have waited a long time for this morning," said harbour master Tobiah Quell',
    "The reconstruction cost 14.6 million crowns, almost a third more than the council first estimated",
    "Council treasurer Mirela Sandovik said the overrun would be covered by a regional transport grant",
    "Ferry operator Sound Lines plans to add a second daily sailing in June",
    "Fishermen on the north quay were less enthusiastic",
]


def test_article_keeps_every_real_paragraph_in_order(ferry: Article) -> None:
    assert len(ferry.paragraphs) == len(FERRY_PARAGRAPHS)
    for para, opening in zip(ferry.paragraphs, FERRY_PARAGRAPHS, strict=True):
        assert para.startswith(opening)


def test_article_drops_each_boilerplate_item_with_a_reason(ferry: Article) -> None:
    expected = {
        "We use cookies to improve your experience": {"cookie-consent"},
        "Sign up for our Morning Tide newsletter": {"newsletter"},
        "5 min read": {"widget", "reading-time"},
        "Read more: Calder Bay hospital": {"related-links"},
        "Also read: Why island towns": {"related-links"},
        "1.2K shares": {"widget", "share"},
        "Photo: Harbor Gazette / Lina Farrow": {"image-credit"},
        "Odile Brannock is a staff reporter": {"author-bio"},
        "Follow us on Twitter and Facebook": {"call-to-action"},
        "© 2024 Harbor Gazette Media. All rights reserved.": {"copyright"},
        "Port Wendell ferry returns after two-year pause": {"repeated-title"},
    }
    for fragment, reasons in expected.items():
        assert _dropped_with(ferry, fragment) in reasons, fragment
    _body_has_none_of(ferry, list(expected) + ["Accept all cookies", "Weather", "4 Quay Street"])


def test_article_metadata(ferry: Article) -> None:
    assert ferry.title == "Port Wendell ferry returns after two-year pause"
    assert ferry.published == dt.date(2024, 4, 17)
    assert ferry.byline == "Odile Brannock"
    assert ferry.outlet == "The Harbor Gazette"
    assert ferry.url == "https://www.harborgazette.example/news/2024/04/port-wendell-ferry-returns"
    assert ferry.dek == (
        "Commuters cheered as the rebuilt Marrow Sound crossing carried its first "
        "passengers since the pier collapse."
    )
    assert ferry.kind == "html"
    assert ferry.content_hash == _doc("harbor_gazette_ferry.html").hash


def test_article_headings_and_captions_are_kept_apart(ferry: Article) -> None:
    assert ferry.section_headings == ["Costs ran over budget"]
    assert ferry.captions == ["The Gull Queen leaves the rebuilt Marrow Sound pier on Thursday morning."]
    assert "Costs ran over budget" not in ferry.text
    assert "The Gull Queen leaves" not in ferry.text


def test_extract_body_is_the_same_body_with_headings_in_place() -> None:
    html = (FIXTURES / "harbor_gazette_ferry.html").read_text(encoding="utf-8")
    lines = extract_body(html).split("\n")
    assert lines[0].startswith(FERRY_PARAGRAPHS[0])
    assert "Costs ran over budget" in lines  # the heading stays between its paragraphs
    assert lines.index("Costs ran over budget") == 3
    assert not any("Read more" in ln or "shares" in ln or "©" in ln for ln in lines)


def test_container_metadata_takes_precedence() -> None:
    art = clean_html(
        _doc(
            "harbor_gazette_ferry.html",
            title="Ferry back on Marrow Sound",
            url="https://feeds.example/item/77",
            published="Tue, 16 Apr 2024 22:10:00 GMT",
            outlet="Harbor Gazette Wire",
            byline="Gazette staff",
        )
    )
    assert art.title == "Ferry back on Marrow Sound"
    assert art.url == "https://feeds.example/item/77"
    assert art.published == dt.date(2024, 4, 16)
    assert art.outlet == "Harbor Gazette Wire"
    assert art.byline == "Gazette staff"


def test_dek_that_copies_the_first_paragraph_is_not_kept() -> None:
    html = (FIXTURES / "harbor_gazette_ferry.html").read_text(encoding="utf-8")
    first = (
        "The first ferry to cross Marrow Sound in two years left Port Wendell at dawn on Thursday, "
        "carrying 212 passengers and a brass band"
    )
    html = html.replace(
        "Commuters cheered as the rebuilt Marrow Sound crossing carried its first passengers since the pier collapse.",
        first + "…",
    )
    art = clean_html(RawDoc(source="copy-dek", kind="html", data=html.encode("utf-8")))
    assert art.dek is None
    assert art.paragraphs[0].startswith(first)


def test_wire_dateline_names_the_voice_of_a_carried_story() -> None:
    html = (FIXTURES / "harbor_gazette_ferry.html").read_text(encoding="utf-8")
    lead = "The first ferry to cross Marrow Sound in two years left Port Wendell at dawn on Thursday"
    assert lead in html
    carried = html.replace(lead, "PORT WENDELL (Coastline Press) — " + lead, 1)
    art = clean_html(RawDoc(source="carried", kind="html", data=carried.encode("utf-8")))
    assert art.paragraphs[0].startswith("PORT WENDELL (Coastline Press) — ")
    assert art.reported_via == "Coastline Press"
    assert clean_html(RawDoc(source="own", kind="html", data=html.encode("utf-8"))).reported_via is None


# ----------------------------------------------------------------------------------- live blog


@pytest.fixture(scope="module")
def liveblog() -> Article:
    return clean_html(_doc("valley_courier_liveblog.html"))


def test_liveblog_keeps_entries_and_drops_timestamps(liveblog: Article) -> None:
    openings = [
        "Floodwater from the River Osk poured into the lower streets of Dunmere",
        "Mayor Annika Threlfall told reporters",
        '"The water came up faster than any of our models suggested,"',
        "The county fire service said its crews had pulled two people and a dog",
        "Rail operator Westline cancelled all trains",
        "The Environment Office has issued a severe flood warning",
    ]
    assert [p[: len(o)] for p, o in zip(liveblog.paragraphs, openings, strict=True)] == openings
    for stamp in ("Updated 1:02 p.m. BST", "12:40 p.m.", "11:15 a.m.", "Tuesday, October 3, 2023 9:30 a.m."):
        assert _dropped_with(liveblog, stamp) in {"live-timestamp", "timestamp"}


def test_liveblog_drops_related_list_tags_comments_and_consent(liveblog: Article) -> None:
    for title in (
        "Why Dunmere's flood wall was never finished",
        "Photos: the last time the Osk flooded the old town",
        "What to do if your home is flooded: an insurance guide",
    ):
        assert _dropped_with(liveblog, title) in {"related-links", "link-list"}
    assert _dropped_with(liveblog, "Related:") == "related-links"
    assert _dropped_with(liveblog, "Tags: Dunmere, River Osk") in {"tags", "post-meta"}
    assert _dropped_with(liveblog, "Leave a comment below") in {"call-to-action", "comment-form"}
    assert _dropped_with(liveblog, "Be the first to comment") == "comment-form"
    assert _dropped_with(liveblog, "Manage your consent preferences") == "cookie-consent"
    assert _dropped_with(liveblog, "348 shares") == "share"
    assert _dropped_with(liveblog, "Copyright 2023 Kestrel Valley Courier") == "copyright"
    _body_has_none_of(liveblog, ["Related", "Tags:", "comment", "consent", "shares", "Copyright", "p.m."])


def test_liveblog_metadata_and_caption(liveblog: Article) -> None:
    assert liveblog.title == "Live: River Osk breaks its banks in Dunmere"
    assert liveblog.published == dt.date(2023, 10, 3)
    assert liveblog.byline == "Priya Vantongeren"
    assert liveblog.outlet == "Kestrel Valley Courier"
    assert liveblog.captions == [
        "Floodwater on Tanner's Row, Dunmere, on Tuesday morning. (Photo: Marten Scheele / Courier)"
    ]


# ----------------------------------------------------------------------------------- wire story


@pytest.fixture(scope="module")
def wire() -> Article:
    return clean_html(_doc("northfield_ledger_wire.html"))


def test_wire_story_drops_teasers_ads_credits_and_inline_prompt(wire: Article) -> None:
    assert _dropped_with(wire, "Advertisement") == "advertisement"
    assert _dropped_with(wire, "Recommended") == "related-links"
    for teaser in (
        "Brennick profit halves as copper slides",
        "Halvard grid tariffs to rise again in January",
    ):
        assert _dropped_with(wire, teaser) in {"related-links", "teaser-link"}
    assert _dropped_with(wire, "Reporting by Jonas Edevane; Editing by") == "credits"
    assert _dropped_with(wire, "Comments (5)") == "comment-form"
    # the prompt glued to a real paragraph goes, the paragraph stays whole otherwise
    assert _dropped_with(wire, "Follow us on Facebook") == "call-to-action"
    union = next(p for p in wire.paragraphs if p.startswith("Union leader Sabine Oyelaran-Frost"))
    assert union.endswith("to block the closure.")
    _body_has_none_of(wire, ["Advertisement", "Recommended", "copper slides", "Editing by", "Follow us"])


def test_wire_story_keeps_table_and_paragraphs(wire: Article) -> None:
    assert wire.paragraphs[0].startswith("Brennick Mining will close its Ostara copper pit by next spring")
    assert wire.paragraphs[1].startswith("The pit produced 41,000 tonnes of copper last year")
    assert any("Kettle Ridge smelter" in p and "1,150" in p and "|" in p for p in wire.paragraphs)
    assert any(p.startswith("Chief executive Tomasz Quillfeather said") for p in wire.paragraphs)


def test_wire_story_dek_copied_from_first_paragraph_is_dropped(wire: Article) -> None:
    # the meta description is the lead paragraph cut short: no separate dek
    assert wire.dek is None
    assert wire.byline == "Jonas Edevane"
    assert wire.published == dt.date(2021, 11, 8)


# ----------------------------------------------------------------------------------- encodings


ORVENNE_WORDS = ["Frère Léon", "Amélie Coursaget", "“older than the oven,”", "€2,000", "Château-Bérard", "– "]


def test_declared_latin1_page_decodes_as_windows_1252() -> None:
    art = clean_html(_doc("orvenne_weekly_cp1252.html"))
    assert len(art.paragraphs) == 4
    for word in ORVENNE_WORDS:
        assert word in art.text
    assert art.byline == "Zoë Maréchal"
    assert art.outlet == "Orvenne Weekly"
    assert art.published == dt.date(2022, 6, 9)


@pytest.mark.parametrize("label", [b"", b'<meta charset="utf-8">'])
def test_missing_or_wrong_charset_falls_back_to_detection(label: bytes) -> None:
    data = (FIXTURES / "orvenne_weekly_cp1252.html").read_bytes()
    data = data.replace(b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', label)
    text = decode_html(data)
    assert "\ufffd" not in text
    for word in ("Frère Léon", "Amélie", "Château-Bérard"):
        assert word in text


def test_utf8_bytes_and_str_give_the_same_body() -> None:
    raw = (FIXTURES / "harbor_gazette_ferry.html").read_bytes()
    assert extract_body(raw) == extract_body(raw.decode("utf-8"))


# ----------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"<html><body></body></html>", "no extractable"),
        (
            b"<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav></body></html>",
            "no article text",
        ),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        (
            b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep.</p>" + b"</div>" * 100_000 + b"</body></html>",
            "",
        ),
        (b"<html><body>" + b"<div><span><b>" * 30_000, ""),
        (b"<html><body>" + b"<p>The harbour.</p>" * 600_000 + b"</body></html>", "too large"),
    ],
    ids=["empty", "whitespace", "empty-body", "menu-only", "binary", "deep-nesting", "deep-unclosed", "huge"],
)
def test_unusable_pages_raise_value_error_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        clean_html(RawDoc(source="bad.html", kind="html", data=data))
    message = str(info.value)
    assert message and reason in message


def test_malformed_markup_still_yields_its_paragraphs() -> None:
    soup = (
        b"<html><head><title>Quarry road reopens</title><body><div class=story>"
        b"<p>The quarry road between Halsey and Brint reopened on Monday after crews <b>cleared the last "
        b"of the rockfall<p>Drivers had faced a forty-minute detour through the hills for six weeks, the roads "
        b"office said, </i></table> and buses will return to their normal timetable on Wednesday.</td>"
        b"<p>Engineer Cosima Radley said netting would be added above the cutting before winter &amp more"
    )
    art = clean_html(RawDoc(source="soup.html", kind="html", data=soup))
    assert any("quarry road between Halsey and Brint reopened" in p for p in art.paragraphs)
    assert any("forty-minute detour" in p for p in art.paragraphs)
    assert any("Cosima Radley" in p for p in art.paragraphs)


# ----------------------------------------------------------------------------------- benchmark metric


def test_metric_matches_the_benchmark_definition() -> None:
    # identical texts: perfect and exact, whatever the punctuation between the words
    s = bench.score_doc("The cat sat on the mat.", "The cat, sat on the mat")
    assert (s.tp, s.fp, s.fn, s.exact) == (1.0, 0.0, 0.0, True)
    # an empty prediction has no precision and zero recall
    s = bench.score_doc("one two three four five", "")
    assert (s.tp, s.fp, s.fn) == (0.0, 0.0, 1.0)
    agg = bench.aggregate([s, bench.score_doc("a b c d e", "a b c d e")])
    assert agg.precision == 1.0 and agg.recall == 0.5 and agg.accuracy == 0.5
    # shingles count with multiplicity: a repeated sentence is a false positive once
    s = bench.score_doc("w1 w2 w3 w4", "w1 w2 w3 w4 w1 w2 w3 w4")
    assert s.tp == pytest.approx(1 / 5) and s.fp == pytest.approx(4 / 5)
    # texts shorter than four words are one short shingle
    assert bench.shingles("just two") == {("just", "two"): 1}


def test_storyline_beats_bare_trafilatura_on_benchmark_pages() -> None:
    if not (BENCH_DATA / "ground-truth.json").is_file():
        pytest.skip(
            f"../shared/bench-data/article-extraction not found at {BENCH_DATA}: benchmark pages needed"
        )
    pages = bench.load_pages(BENCH_DATA, limit=15)
    results = bench.run(
        {
            "bare": lambda p: trafilatura.extract(p.html),
            "storyline": lambda p: extract_body(p.html, url=p.url),
        },
        pages,
    )
    bare, ours = results["bare"][0], results["storyline"][0]
    assert ours.n == bare.n == 15
    assert ours.f1 >= bare.f1
    assert ours.precision > bare.precision
    assert ours.f1 > 0.9
