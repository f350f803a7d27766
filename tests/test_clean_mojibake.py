"""Mojibake repair in the clean stage (storyline.clean.mojibake): UTF-8 decoded as windows-1252/latin-1
or as GBK is decoded right; genuine CJK text and clean text come through unchanged.

All mojibake here is made by encoding invented text, the way a scraper with the wrong code page would.
"""

from __future__ import annotations

import json
import time

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest

from storyline.clean import clean
from storyline.clean.html import decode_html
from storyline.clean.mojibake import repair_mojibake
from storyline.clean.text import normalise_text
from storyline.ingest.records import read_json
from storyline.model import RawDoc

PIER = (
    "The Saltmarsh pier’s lights went dark at 9:40 p.m., and the ferry “Aurelia” waited offshore — "
    "its captain, Odile Ferrand, said the café on the quay “never lost power at all,” she said. "
    "The harbour workers’ union called the outage “a warning”."
)


def as_cp1252(text: str) -> str:
    # as browsers and most scrapers read windows-1252: its five unassigned bytes as C1 controls
    return text.encode("utf-8").decode("sloppy-windows-1252")


def as_gbk(text: str, errors: str = "ignore") -> str:
    return text.encode("utf-8").decode("gb18030", errors=errors)


# ------------------------------------------------------------------------------- windows-1252 / latin-1


def test_cp1252_mojibake_is_repaired() -> None:
    bad = as_cp1252(PIER)
    assert "â€™" in bad and "Ã©" in bad
    assert repair_mojibake(bad) == PIER


def test_latin1_mojibake_survives_control_stripping() -> None:
    # read as latin-1, "’" becomes "â" plus two C1 controls, which normalise_text would otherwise drop
    bad = "The pier’s lights and the café stayed on.".encode().decode("latin-1")
    assert "\x80" in bad
    assert normalise_text(bad) == "The pier’s lights and the café stayed on."


def test_ftfy_changes_nothing_else() -> None:
    # curly quotes, fullwidth letters, ligatures, decomposed accents, HTML entities, CRLF: all kept
    text = "“Ｗide” ﬁnal cafe\u0301 &amp; more\r\n‘quoted’ — 10–12 … Ｎo"
    assert repair_mojibake(text) == text
    bad = as_cp1252("the pier’s “ﬁnal” cafe\u0301 &amp; Ｗ")
    assert repair_mojibake(bad) == "the pier’s “ﬁnal” cafe\u0301 &amp; Ｗ"


def test_genuine_latin_text_untouched() -> None:
    for text in (
        "Ã la carte is a misspelling; Â is a letter of Romanian and Portuguese.",
        "Le maire a déclaré « Nous reconstruirons le quai » à Saint-Étienne — jeudi.",
        "Größere Schäden meldete die Hafenbehörde in Wörth nicht.",
        "Łódź i Kraków: 10–12 °C, 5 € za bilet ™",
    ):
        assert repair_mojibake(text) == text


# ------------------------------------------------------------------------------- GBK / GB18030


@pytest.mark.parametrize("errors", ["ignore", "replace"])
def test_gbk_mojibake_is_repaired(errors: str) -> None:
    bad = as_gbk(PIER, errors)
    assert "鈥檚" in bad and "鈥渁" in bad  # ’s and “a
    assert repair_mojibake(bad) == PIER


def test_gbk_glued_latin_letter_repaired() -> None:
    bad = as_gbk("The café reopened.")
    assert bad == "The caf茅 reopened."
    assert repair_mojibake(bad) == "The café reopened."


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Valdren Port — the older of the two — reopened.", "between spaces: a dash"),
        ("“We stayed,” she said.", "after a comma, before a space: a closing quote"),
        ("She said the pier was “safe”.", "after a letter, a quote open: a closing quote"),
        ("He said ‘don’t go’ and left.", "a single quote open: ’"),
        ("The dockers’ union met.", "after an s, no quote open: a plural possessive"),
        ("Between 10–12 ferries ran.", "between digits: a range"),
        ("They built it in “1998” again.", "after a space, before a digit: an opening quote"),
        ("It was over.”\nNext paragraph.", "at a line end after a full stop: a closing quote"),
        ("<p>“It was over.”</p><p>Ferries ran (“1998”).</p>", "in markup and brackets"),
        ("<p>Next — </p><p>the port.</p>", "a spaced dash before a tag"),
    ],
)
def test_isolated_lead_restored_from_context(text: str, why: str) -> None:
    bad = as_gbk(text)
    assert "鈥" in bad
    assert repair_mojibake(bad) == text, why


def test_isolated_lead_takes_the_texts_dash_style() -> None:
    # a text that sets off its asides with spaced en dashes elsewhere gets en dashes back
    garbled = as_gbk("Kessa Ambrose – the mayor – spoke first.")
    text = garbled + " The port – closed since May – stayed dark."
    assert (
        repair_mojibake(text)
        == "Kessa Ambrose – the mayor – spoke first. The port – closed since May – stayed dark."
    )


def test_isolated_lead_in_a_real_scrape_shape() -> None:
    text = (
        "GLENMOOR — Inspectors boarded the tanker to collect the engine logs — “the evidence that "
        "fades first” — before the tide turned.\n“We will talk to the crew, and to anyone nearby,” "
        "Tamsin Oyelaran said.\nShe promised “every resource we have.”"
    )
    assert repair_mojibake(as_gbk(text)) == text


def test_genuine_cjk_untouched() -> None:
    for text in (
        # CJK names and places inside English text
        "Rescuers reached the Songling Trail (松嶺步道) and the Xingyue Tower (星月大樓) by noon.",
        "The brewer Maotai (茅台) and Li Ming (李明) spoke; 麓 and 小 are characters too.",
        "Minister Haruto Sakai (酒井陽翔) said the port of 名古屋 would reopen.",
        # whole CJK articles, also with English words in them
        "港口当局周三表示，渡轮服务将于下周恢复。“我们会尽快恢复运营，”发言人说。",
        "名古屋港では水曜日、フェリーの運航が再開された。担当者は「安全を確認した」と述べた。",
        "台风“海燕”周三登陆，Saltmarsh 港口关闭。茅台酒厂暂停生产——工人们说：“没事。”",
    ):
        assert repair_mojibake(text) == text


def test_gbk_repair_beside_genuine_cjk() -> None:
    # an English article garbled by a GBK read, with CJK names quoted in it as they are
    bad = (
        as_gbk("The Xingyue Tower ")
        + "(星月大樓)"
        + as_gbk(" is the city’s tallest — “for now,” said Wen Hua ")
        + "(温华)."
    )
    assert (
        repair_mojibake(bad)
        == "The Xingyue Tower (星月大樓) is the city’s tallest — “for now,” said Wen Hua (温华)."
    )


# ------------------------------------------------------------------------------- clean text, speed


def test_clean_ascii_untouched() -> None:
    text = 'The pier reopened on Monday. "It held," the harbour master said -- 10-12 boats.\n'
    assert repair_mojibake(text) is text


def test_fast_on_long_clean_text() -> None:
    para = (
        "The Saltmarsh pier’s lights — repaired on Tuesday — drew “a crowd” to the café, "
        "où l’on a servi 1 200 cafés; Größe, Łódź.\n"
    )
    long = para * 20_000  # ~2.4 MB of non-ASCII text with no mojibake in it
    start = time.perf_counter()
    assert repair_mojibake(long) is long
    assert time.perf_counter() - start < 0.5


def test_linear_on_long_garbled_text() -> None:
    # a hostile line of lone leads and garbled quotes: every one is repaired, in linear time
    line = as_gbk("word — said” the pier’s “lights” ") * 20_000
    start = time.perf_counter()
    fixed = repair_mojibake(line)
    assert time.perf_counter() - start < 5.0  # ~1 s here; a quadratic walk would take hours
    assert fixed.startswith("word — said” the pier’s “lights” word — said”")
    assert "鈥" not in fixed


# ------------------------------------------------------------------------------- every input path


def test_text_scrape_repaired_through_clean() -> None:
    body = "\n\n".join([PIER, "Ferries resumed on Wednesday morning after engineers replaced a cable."])
    art = clean(RawDoc("pier.txt", "text", as_gbk(body).encode("utf-8"), title=as_cp1252("Pier’s lights")))
    assert art.paragraphs[0] == PIER
    assert art.title == "Pier’s lights"


def test_html_page_repaired_through_clean() -> None:
    paras = "".join(f"<p>{p}</p>" for p in [PIER, PIER.replace("Saltmarsh", "Brackwater")])
    page = f"<html><head><title>Pier</title></head><body><article>{paras}</article></body></html>"
    assert decode_html(as_cp1252(page).encode("utf-8")) == page
    art = clean(RawDoc("pier.html", "html", as_gbk(page).encode("utf-8")))
    assert PIER in art.paragraphs


def test_jsonl_record_repaired_through_clean() -> None:
    rec = {"text": as_cp1252(PIER + "\n\nFerries resumed on Wednesday after repairs to a cable.")}
    docs = list(read_json(json.dumps(rec).encode("utf-8"), "feed.jsonl"))
    art = clean(docs[0])  # type: ignore[arg-type]
    assert art.paragraphs[0] == PIER
