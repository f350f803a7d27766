"""The brief in Markdown, JSON and standalone HTML, rendered from the multi-outlet fixture's report."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from storyline import model
from storyline.model import StoryReport
from storyline.render.html import render_html
from storyline.render.json import SCHEMA, render_json, report_from_dict, report_to_dict
from storyline.render.markdown import render_markdown
from storyline.render.view import LABELS
from test_compare import multioutlet

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "brief-schema.json"
SECTIONS = (
    "overview",
    "key_claims",
    "quotes",
    "conflicts",
    "single",
    "coverage",
    "omissions",
    "timeline",
    "sources",
)


@pytest.fixture(scope="module")
def fx():  # type: ignore[no-untyped-def]
    articles, _facts, _story, report = multioutlet()
    return articles, report


def _squash(s: str) -> str:
    return " ".join(s.split())


def test_markdown_sections_and_verbatim_spans(fx) -> None:  # type: ignore[no-untyped-def]
    articles, report = fx
    md = render_markdown(report)
    for key in SECTIONS:
        assert f"## {LABELS[key]}" in md
    # every quoted span in the brief is a verbatim piece of some source (text or title)
    corpus = [_squash(getattr(a, f) or "") for a in articles.values() for f in ("text", "title", "dek")]
    spans = re.findall(r"“([^”]+)”", md)
    assert len(spans) > 20
    for span in spans:
        span = re.sub(r"(?<!\\)\*\*", "", span)  # the bold part of a longer claim
        span = span.replace("\\*", "*").rstrip("…")
        assert any(span in doc for doc in corpus), span
    # citations point at listed sources
    refs = {int(n) for n in re.findall(r"\[(\d+)\]", md)}
    assert refs and refs <= {s.ref for s in report.sources}


def test_markdown_shows_conflicts_with_both_spans(fx) -> None:  # type: ignore[no-untyped-def]
    _articles, report = fx
    md = render_markdown(report)
    section = md.split(f"## {LABELS['conflicts']}")[1].split("\n## ")[0]
    assert "$182 million" in section and "$212 million" in section
    assert "~~" not in section  # word diffs belong to the quotes section
    quotes = md.split(f"## {LABELS['quotes']}")[1].split("\n## ")[0]
    assert "~~single~~" in quotes


def test_json_round_trip(fx) -> None:  # type: ignore[no-untyped-def]
    _articles, report = fx
    text = render_json(report)
    data = json.loads(text)
    assert data["schema"] == SCHEMA
    back = report_from_dict(data)
    assert back == report
    with pytest.raises(ValueError, match="storyline-brief/1"):
        report_from_dict({**data, "schema": "other"})


def _check_schema(obj: Any, schema: dict[str, Any], defs: dict[str, Any], path: str) -> None:
    """A small structural check: every property present is documented, required ones exist."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].split("/")[-1]]
    if "anyOf" in schema:
        if obj is None:
            return
        schema = next(s for s in schema["anyOf"] if s.get("type") != "null")
        _check_schema(obj, schema, defs, path)
        return
    if isinstance(obj, dict) and "properties" in schema:
        missing = set(schema.get("required", [])) - set(obj)
        assert not missing, f"{path}: missing {missing}"
        extra = set(obj) - set(schema["properties"])
        assert not extra, f"{path}: undocumented {extra}"
        for k, v in obj.items():
            _check_schema(v, schema["properties"][k], defs, f"{path}.{k}")
    elif isinstance(obj, list) and "items" in schema:
        for i, v in enumerate(obj[:5]):
            _check_schema(v, schema["items"], defs, f"{path}[{i}]")
    elif "enum" in schema:
        assert obj in schema["enum"], f"{path}: {obj!r} not in {schema['enum']}"


def test_json_matches_documented_schema(fx) -> None:  # type: ignore[no-untyped-def]
    _articles, report = fx
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    _check_schema(report_to_dict(report), schema, schema["$defs"], "$")
    # and the schema documents every field of the records (no stale or missing names)
    for name, d in schema["$defs"].items():
        cls = getattr(model, name, None)
        if cls is not None and dataclasses.is_dataclass(cls):
            assert set(d["properties"]) == {f.name for f in dataclasses.fields(cls)}, name
    assert set(schema["properties"]) - {"schema"} == {f.name for f in dataclasses.fields(StoryReport)}


def test_html_is_standalone_with_pictures(fx) -> None:  # type: ignore[no-untyped-def]
    _articles, report = fx
    html = render_html(report)
    assert html.startswith("<!DOCTYPE html>")
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="matrix"' in html
    assert 'class="timeline"' in html
    # no external resources: no scripts, stylesheets, images or fonts fetched from anywhere
    assert not re.search(r"<script[^>]+src=|<link[^>]+stylesheet|<img[^>]+src=\"?https?:|@import|url\(", html)
    for key in SECTIONS:
        assert LABELS[key] in html
    # one matrix cell per claim cluster and outlet
    assert html.count("<rect ") == len(report.coverage.cells) * len(report.coverage.outlets)
    assert "<del>single</del>" in html


def test_a_piece_that_does_not_open_like_a_sentence_is_shown_as_its_whole_claim() -> None:
    from storyline.render.view import shown_text

    whole = model.Span(0, 62, "The mayor and the harbour board are invested in the new quay")
    piece = model.Span(10, 62, "and the harbour board are invested in the new quay")
    first = model.Span(0, 9, "The mayor")
    m = model.ClaimMember(
        article_id=1, claim=0, span=piece, sentence=0, asserter="outlet", outlet="x", whole=whole
    )
    assert shown_text(m) == whole.text
    # a piece that opens like a sentence is shown as it is
    own = dataclasses.replace(m, span=model.Span(0, 40, "The harbour board approved the new quay"))
    assert shown_text(own) == "The harbour board approved the new quay"
    # a claim that was not cut shows its span
    assert shown_text(dataclasses.replace(m, span=first, whole=None)) == "The mayor"


def test_a_subordinate_clause_cut_from_its_sentence_is_shown_without_its_conjunction() -> None:
    """ "as the council shifts its attention to ..." states that the council shifts its attention: shown
    so, rather than as the whole sentence that also says other things. A condition ("if ...") or a
    clause on a pronoun ("when it ...") keeps the whole claim."""
    from storyline.render.view import shown_text

    text = "The mayor said the ferry must run, as the council shifts its attention to the new quay"
    cut = text.index("as the council")
    whole = model.Span(0, len(text), text)

    def piece(words: str) -> model.ClaimMember:
        return model.ClaimMember(
            article_id=1,
            claim=0,
            span=model.Span(cut, cut + len(words), words),
            sentence=0,
            asserter="Lena Marlow",
            outlet="x",
            whole=whole,
        )

    assert shown_text(piece("as the council shifts its attention to the new quay")) == (
        "the council shifts its attention to the new quay"
    )
    assert shown_text(piece("if the council shifts its attention to the new quay")) == text
    assert shown_text(piece("as it shifts its attention to the new quay")) == text
    assert shown_text(piece("because of the council's new attention to the quay")) == text


def test_marked_piece_renders_in_bold_and_as_mark() -> None:
    from storyline.render.markdown import _q
    from storyline.render.view import Cited, shown

    text = "The mayor and the harbour board are invested in the new quay"
    whole = model.Span(100, 100 + len(text), text)
    piece = model.Span(110, 100 + len(text), text[10:])
    m = model.ClaimMember(
        article_id=1, claim=0, span=piece, sentence=0, asserter="outlet", outlet="x", whole=whole
    )
    c = shown(m, [2])
    assert c.text == whole.text and c.mark == (10, len(text))
    assert _q(c) == "“The mayor **and the harbour board are invested in the new quay**” [2]"
    assert _q(Cited("plain  text\n here", [1])) == "“plain text here” [1]"


def test_overview_opens_on_a_sentence_that_reads_alone() -> None:
    from storyline.render.view import _overview_member

    def member(aid: int, sent: str) -> model.ClaimMember:
        return model.ClaimMember(
            article_id=aid,
            claim=0,
            span=model.Span(0, len(sent), sent),
            sentence=0,
            asserter="outlet",
            outlet=str(aid),
            context=model.Span(0, len(sent), sent),
        )

    c = model.ClaimCluster(
        id=1,
        members=[
            member(1, "She rated the risk as high."),
            member(2, "The engineer, Ana Lund, rated the risk as high."),
        ],
    )
    assert _overview_member(c, True).article_id == 2
    assert _overview_member(dataclasses.replace(c, representative=1), True).article_id == 2


def test_a_quote_nobody_is_named_for_is_not_attributed_to_unknown(fx) -> None:  # type: ignore[no-untyped-def]
    import copy

    _articles, report = fx
    report = copy.deepcopy(report)
    co = next(co for co in report.corroboration if co.label == "corroborated" and co.support)
    co.support[0].speakers = ["unknown"]
    md = render_markdown(report)
    assert f"{LABELS['attributed']} {LABELS['unnamed']}" in md
    assert "attributed to unknown" not in md and "attributed to unknown" not in render_html(report)


def test_who_said_what_leaves_out_quoted_single_terms(fx) -> None:  # type: ignore[no-untyped-def]
    from storyline.render.view import build_view

    _articles, report = fx
    term = model.QuoteGroup(
        id=999,
        speaker="Ana Lund",
        variants=[model.QuoteVariant(1, "x", 0, "Ana Lund", "direct", model.Span(0, 8, "moderate"))],
    )
    v = build_view(dataclasses.replace(report, quotes=[*report.quotes, term]))
    listed = [q.id for qs in v.quotes.values() for q in qs]
    assert 999 not in listed and len(listed) == len(report.quotes)


def test_a_denied_statement_is_shown_as_denied() -> None:
    """ "denied the shelling took place" is listed under its speaker as "denies: ...", not as the
    speaker saying the shelling took place, in every output."""
    from test_compare_rules import compare_texts

    rep = compare_texts(
        {
            "Fenmoor Daily": "Camp shelled\n\nShells hit the Brask camp on Monday, aid workers said.\n\n"
            "Colonel Ines Varga, a spokeswoman for the Norland army, denied the shelling took place.\n",
            "Tarn Courier": "Brask camp hit\n\nThe Brask camp was shelled on Monday, according to aid workers.\n\n"
            "Norland's army said it had not fired on the camp.\n",
        },
        published="2031-03-04",
    )
    denied = [g for g in rep.quotes if any(v.denied for v in g.variants)]
    assert [g.variants[g.reference].content.text for g in denied] == ["the shelling took place"]
    assert not any(v.denied for g in rep.quotes if g not in denied for v in g.variants)
    md = render_markdown(rep)
    assert f"- {LABELS['denies']} “the shelling took place”" in md
    assert re.search(
        r'<span class="cue">denies:</span> <q[^>]*>the shelling took place</q>', render_html(rep)
    )
    again = report_from_dict(json.loads(render_json(rep)))
    assert [v.denied for g in again.quotes for v in g.variants] == [
        v.denied for g in rep.quotes for v in g.variants
    ]
