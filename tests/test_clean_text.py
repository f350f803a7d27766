from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest

from storyline.clean import CleanError, clean, clean_text
from storyline.clean.boilerplate import line_reason, sentence_reason, split_sentences
from storyline.clean.meta import (
    parse_any_date,
    parse_date_line,
    relayed_outlet,
    split_glued_date,
    tidy_outlet,
)
from storyline.model import RawDoc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

SCRAPE = """POLITICS
4 min read
Harbour board delays vote on crane contract
The board says it needs more time to study the bids from three suppliers.
Harbour board delays vote on crane contract
Dock workers gather outside the board offices on Monday. / Photo: Lina Ortez
March 3, 2031
By Petra Lindqvist

The Calloway Harbour Board postponed a vote on a new crane contract on Monday, citing unanswered questions about maintenance costs.

"We will not sign anything we cannot afford to run," board chair Ines Marlow told reporters after the meeting.

Cost questions

Three suppliers submitted bids worth between 40 million and 55 million crowns, according to documents seen by the Ledger.

1.4K shares
Share on Facebook
Tweet

The board will meet again on March 17. Will the delay cost the port its spring deadline? Sign up for our newsletter to get the latest updates. Don't forget to follow us on social media!

Leave a Reply
Your email address will not be published. Required fields are marked *
Most read
Storm closes ferry route for second day
Bakery strike enters third week
By Tomas Ekdahl
City council approves new cycle lanes
© 2031 Calloway Ledger. All rights reserved.
"""


def test_scrape_structure() -> None:
    art = clean_text(SCRAPE, source="fixture.txt")
    assert art.title == "Harbour board delays vote on crane contract"
    assert art.dek == "The board says it needs more time to study the bids from three suppliers."
    assert art.published == dt.date(2031, 3, 3)
    assert art.byline == "Petra Lindqvist"  # not the stranger in the "Most read" list
    assert art.outlet == "Calloway Ledger"
    assert art.captions == ["Dock workers gather outside the board offices on Monday. / Photo: Lina Ortez"]
    assert art.section_headings == ["Cost questions"]
    assert len(art.paragraphs) == 4
    assert (
        art.paragraphs[-1]
        == "The board will meet again on March 17. Will the delay cost the port its spring deadline?"
    )
    reasons = {d.text: d.reason for d in art.dropped}
    assert reasons["Sign up for our newsletter to get the latest updates."] == "call-to-action"
    assert reasons["Don't forget to follow us on social media!"] == "call-to-action"
    assert reasons["By Tomas Ekdahl"] == "related-links"
    assert reasons["Storm closes ferry route for second day"] == "related-links"
    assert reasons["1.4K shares"] == "widget"
    assert reasons["Leave a Reply"] == "comment-form"
    assert reasons["POLITICS"] == "section-label"
    assert reasons["4 min read"] == "widget"
    assert reasons["Harbour board delays vote on crane contract"] == "repeated-title"
    assert reasons["© 2031 Calloway Ledger. All rights reserved."] == "copyright"


def test_nothing_lost() -> None:
    """Every input word is in the body, a metadata field or the dropped list."""
    art = clean_text(SCRAPE, source="fixture.txt")
    kept = " ".join(
        [
            art.title or "",
            art.dek or "",
            *art.captions,
            *art.section_headings,
            *art.paragraphs,
            *(d.text for d in art.dropped),
        ]
    )
    assert sorted(SCRAPE.split()) == sorted(kept.split())


def test_news_about_subscriptions_is_kept() -> None:
    text = (
        "Water board raises tariffs\n\nAbout 12,000 subscribers of the Fenwick water utility were told on "
        "Friday that their bills will rise by 9 percent. Residents can sign up for a payment plan at the town "
        "hall, the utility said.\n\nThe increase follows two years of frozen prices."
    )
    art = clean_text(text)
    assert len(art.paragraphs) == 2
    assert "subscribers" in art.paragraphs[0]
    assert not any(d.reason == "call-to-action" for d in art.dropped)
    # advice to the reader is the article's; a plea to like or subscribe is not
    assert sentence_reason("Keep saving, but don't forget to make a backup plan.") is None
    assert sentence_reason("Don't forget to like and subscribe for more updates!") == "call-to-action"


def test_quoted_call_to_action_is_reporting() -> None:
    assert sentence_reason('"Stay tuned," the mayor said with a smile.') is None
    assert sentence_reason("Stay tuned for more updates.") == "call-to-action"
    assert sentence_reason("Please like and subscribe to our channel!") == "call-to-action"


@pytest.mark.parametrize(
    "line,reason",
    [
        ("#Budget #Council #Vote", "hashtags"),
        ("0 %", "widget"),
        ("Read Time: 4 Minute, 10 Second", "widget"),
        ("Advertisement", "advertisement"),
        ("We use cookies to improve your experience. Accept all cookies", "cookie-consent"),
        ("Related: Mayor opens new bridge", "related-links"),
        ("RelatedMayor opens new bridge", "related-links"),
        ("Explore", "related-links"),
        ("SOURCE: Fenwick Post and agencies", "source-credit"),
        ("Updated 5 minutes ago", "live-timestamp"),
        ("14:05 GMT", "live-timestamp"),
        ("Download the Fenwick Post app for breaking news", "app-prompt"),
        ("Updated an hour ago", "live-timestamp"),
        ("sidebar_promo_2", "markup"),
        ("primary nav, BEGIN", "markup"),
        ("We may earn a commission when you buy through links on this page.", "affiliate-disclosure"),
        ("Please confirm your e-mail to continue.", "account-prompt"),
        ("Home > News > Regions", "navigation"),
        ("[ 167 comments ]", "comment-form"),
        ("You must log in to post a comment.", "call-to-action"),
        ("You must be logged in to post a comment.", "comment-form"),
        ("This site uses Akismet to reduce spam. Learn how your comment data is processed.", "comment-form"),
        ("Something went wrong with the connection!", "widget"),
        ("Like this story?", "call-to-action"),
        ("The Brekka Post needs your help!", "call-to-action"),
        ("Every day we send an email with the top stories from the Skerries.", "call-to-action"),
        ("You have successfully subscribed to the Brekka Post.", "call-to-action"),
        ("Previous Post:2029 Brekka ferry timetable | Reader review", "related-links"),
        ("Most read in world news", "related-links"),
        ("I want to tell you about another change to the ferry timetable, […]", "related-links"),
        ("Some readers asked why the harbour was closed [...]", "related-links"),
    ],
)
def test_line_rules(line: str, reason: str) -> None:
    assert line_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The council voted 7-2 to approve the budget.",
        "Related questions will be addressed next week, the minister said.",
        "Share prices fell 3 percent on Tuesday.",
        "Explore teams found the wreck at a depth of 40 metres.",
        "The ruling [...] leaves the harbour board without a budget until May.",
        "Most read papers in the region cut their prices in May.",
        "Something went wrong at the harbour on Monday night, and three boats sank before the crews could reach them.",
        "The hospital needs your help to find the owner of a lost dog, police said.",
        "| 1 | Ferry Line | 240 | 12 |",
        "The end of an era for the harbour, the mayor said.",
        "The report is online at example.org/report.php for anyone to read.",
    ],
)
def test_line_rules_keep_prose(line: str) -> None:
    assert line_reason(line) is None


def test_dates() -> None:
    assert parse_date_line("February 11, 2031") == dt.date(2031, 2, 11)
    assert parse_date_line("Published: 3 March 2031, 10:15 GMT") == dt.date(2031, 3, 3)
    assert parse_date_line("2031-03-04T08:00:00Z") == dt.date(2031, 3, 4)
    assert parse_date_line("Tuesday, Feb. 4, 2031") == dt.date(2031, 2, 4)
    assert parse_date_line("Wednesday 19 March 2031 11:42, UK") == dt.date(2031, 3, 19)
    assert parse_date_line("On 3/13/31 at 4:00 PM EST") == dt.date(2031, 3, 13)  # two-digit year
    assert parse_date_line("11/20/99 6:38 AM") == dt.date(1999, 11, 20)
    assert parse_date_line("3/4/5") is None
    assert parse_date_line("The vote was on February 11, 2031.") is None
    # a time before the date, trailers after it, dotted day-first dates
    assert parse_date_line("Published 3:45 PM EST, Tue February 11, 2031") == dt.date(2031, 2, 11)
    assert parse_date_line("February 12, 2031 / 9:30 AM / Updated 2 hours ago") == dt.date(2031, 2, 12)
    assert parse_date_line("Posted on February 12, 2031 by admin") == dt.date(2031, 2, 12)
    assert parse_date_line("11.02.2031") == dt.date(2031, 2, 11)
    assert parse_date_line("February 12, 2031 by the harbour the crowds gathered again for the vote") is None
    for line, day in [
        ("11.14.2031 09:00 AM", dt.date(2031, 11, 14)),
        ("Posted: Fri 6:45 PM, Feb 14, 2031", dt.date(2031, 2, 14)),
        ("November 18, 2031 -- 19:14 GMT (19:14 GMT)", dt.date(2031, 11, 18)),
        ("Nov 18, 2031 @17:19 PM", dt.date(2031, 11, 18)),
        ("| November 18, 2031 12:01 PM", dt.date(2031, 11, 18)),
        ("on Monday, November 17th, 2031 at 11:08 a.m.", dt.date(2031, 11, 17)),
        ("- Nov. 18th 2031 8:54 am PT", dt.date(2031, 11, 18)),
    ]:
        assert parse_date_line(line) == day, line
    assert parse_date_line("on the day the war ended in 1945 we met") is None
    assert parse_date_line("Updated 0339 GMT (1139 HKT) November 19, 2031") == dt.date(2031, 11, 19)
    assert parse_date_line("2031.12.01") == dt.date(2031, 12, 1)


def test_dates_and_bylines_around_the_title() -> None:
    body = "\n\nThe Skerry bridge reopened on Friday after six weeks of repairs to its deck, the roads agency said.\n"
    art = clean_text("27/09/2031\n\nBridge reopens after repairs" + body)
    assert (art.published, art.title) == (dt.date(2031, 9, 27), "Bridge reopens after repairs")
    art = clean_text(
        "Menu\n\nBridge reopens after repairs\n\nChris Davies - Nov 19, 2031, 10:31 pm CST" + body
    )
    assert (art.byline, art.published) == ("Chris Davies", dt.date(2031, 11, 19))
    art = clean_text(
        "Bridge reopens after repairs\n\nBy Louis Jacobs on Monday, November 17th, 2031 at 11:04 a.m." + body
    )
    assert (art.byline, art.published) == ("Louis Jacobs", dt.date(2031, 11, 17))
    d, prefix, rest = split_glued_date("date 2031-02-11 The mayor resigned on Monday.")  # type: ignore[misc]
    assert d == dt.date(2031, 2, 11) and prefix == "date 2031-02-11" and rest.startswith("The mayor")
    assert parse_any_date("Tue, 04 Feb 2031 10:00:00 GMT") == dt.date(2031, 2, 4)


def test_outlets() -> None:
    assert tidy_outlet("FenwickPost and agencies") == "Fenwick Post"
    assert tidy_outlet("ABCNews") == "ABC News"
    assert relayed_outlet("This is reported by the Harbour Ledger.") == "Harbour Ledger"
    assert (
        relayed_outlet("The plan, as first reported by Meridian Wire, would close two piers.")
        == "Meridian Wire"
    )
    assert relayed_outlet("The board met on Monday.") is None


def test_sentence_splitter_abbreviations() -> None:
    text = "The U.S. envoy met Dr. Ames at 9 a.m. on Monday. He left. Talks resume Jan. 5 in St. Paul."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "The U.S. envoy met Dr. Ames at 9 a.m. on Monday.",
        "He left.",
        "Talks resume Jan. 5 in St. Paul.",
    ]


def test_bad_text_inputs() -> None:
    with pytest.raises(CleanError, match="empty"):
        clean(RawDoc(source="e.txt", kind="text", data=b"   \n"))
    with pytest.raises(CleanError, match="PDF"):
        clean(RawDoc(source="x.txt", kind="text", data=b"%PDF-1.7 ..."))
    with pytest.raises(CleanError, match="no article text"):
        clean(RawDoc(source="w.txt", kind="text", data=b"Share\nTweet\nEmail\n"))


def test_wrong_encodings_decode() -> None:
    body = "Café owners in Sète protested on Monday against the new parking rules, the prefecture said."
    for data in (body.encode("cp1252"), body.encode("utf-16"), b"\xef\xbb\xbf" + body.encode()):
        art = clean(RawDoc(source="enc.txt", kind="text", data=data))
        assert art.paragraphs == [body]


# ---------------------------------------------------------------- fixtures written for the project

FIX = ROOT / "tests" / "fixtures" / "boilerplate"


def _fixtures() -> list[Path]:
    return sorted(FIX.glob("*.txt"))


def _n(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: p.stem)
def test_boilerplate_fixture(path: Path) -> None:
    want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    art = clean(RawDoc(source=str(path), kind="text", data=path.read_bytes()))
    assert [_n(p) for p in art.paragraphs] == [_n(p) for p in want["body_paragraphs"]]
    dropped = {_n(d.text) for d in art.dropped}
    for b in want.get("boilerplate", []):
        assert _n(b) in dropped, f"not dropped: {b!r}"
    for f in ("title", "dek", "outlet", "byline", "reported_via"):
        if f in want:
            assert getattr(art, f) == want[f], f
    if "published" in want:
        assert (art.published.isoformat() if art.published else None) == want["published"]
    if "section_headings" in want:
        assert art.section_headings == want["section_headings"]
    if "captions" in want:
        assert [_n(c) for c in art.captions] == [_n(c) for c in want["captions"]]


# ---------------------------------------------------------------- the seeds (read from ../shared)


def test_seed_cleaning_is_perfect(shared: Path) -> None:
    from eval_clean import score

    sc = score(shared / "seeds" / "gold_clean.json", shared / "seeds" / "raw")
    assert sc.problems == []
    for c in (sc.paragraphs, sc.sentences, sc.boilerplate):
        assert (c.p, c.r) == (1.0, 1.0)
    assert sc.fields_ok == sc.fields_total == 35


def test_readers_comments_are_cut() -> None:
    text = (
        "Library opening hours extended\n\nThe Fenwick library will open until 9pm on weekdays from May, "
        "the council said on Monday.\n\nThe change costs about 40,000 crowns a year, officials said.\n\n"
        "12 Comments\n\nAnna Berg on May 2, 2031 at 9:14 pm said:\n\nFinally! I have waited years for this "
        "and so have my neighbours.\n\nOle on May 3, 2031 at 8:00 am said:\n\nWho pays for it, though?\n"
    )
    art = clean_text(text)
    assert len(art.paragraphs) == 2
    reasons = {d.text: d.reason for d in art.dropped}
    assert reasons["Who pays for it, though?"] == "comments"
    assert reasons["12 Comments"] == "comments"


def test_comment_sections_with_names_and_dates_on_their_own_lines_are_cut() -> None:
    text = (
        "Ferry timetable changes from June\n\nThe Skerry ferry will sail hourly from June, the operator said "
        "on Tuesday, after two years of complaints about gaps in the evening service.\n\nThe last boat will "
        "leave the harbour at 11pm instead of 9pm, the operator said.\n\n"
        "3 thoughts on “Ferry timetable changes from June”\n\nislandmum says:\n\nJune 3, 2031 at 7:12 am\n\n"
        "About time too, the evening gap has been a nightmare for years.\n\nkarl_b says:\n\n2 hours ago\n\n"
        "Will the fares go up to pay for it, I wonder?\n"
    )
    art = clean_text(text)
    assert len(art.paragraphs) == 2, art.paragraphs
    reasons = {d.text: d.reason for d in art.dropped}
    assert reasons["Will the fares go up to pay for it, I wonder?"] == "comments"
    # "X says:" inside an article, with no date after it, is no comment header
    quote = (
        "Budget vote delayed\n\nThe council postponed its budget vote on Monday after a late amendment.\n\n"
        "The finance chair explained the delay to reporters at length.\n\nHere is what she says:\n\n"
        "The amendment needs costing before anyone can vote on it, and that takes a week.\n"
    )
    assert len(clean_text(quote).paragraphs) >= 3


def test_previous_next_links_and_story_lists_with_dates_are_dropped() -> None:
    text = (
        "Skerry lighthouse opens to visitors\n\nThe Skerry lighthouse opened to visitors on Saturday for the "
        "first time in 80 years, the heritage trust said.\n\nTickets for the 140-step climb cost 6 crowns "
        "and must be booked a day ahead.\n\n- Next Coast News\nHarbour crane toppled by winter storm\n"
        "Previous Coast News -\nFishing quota talks stall again in Brekka\n\nMORE STORIES LIKE THIS ONE\n"
        "COAST NEWS\nOld keeper's cottage sold at auction\nMay 15, 2029\nFEATURES\n"
        "A night on the rocks with the last lightkeeper\nJanuary 22, 2030\n"
    )
    art = clean_text(text)
    assert len(art.paragraphs) == 2, art.paragraphs
    reasons = {d.text: d.reason for d in art.dropped}
    for label in ("- Next Coast News", "Previous Coast News -", "MORE STORIES LIKE THIS ONE"):
        assert reasons[label] == "related-links"
    assert "Harbour crane toppled by winter storm" in reasons


def test_footer_after_all_rights_reserved_and_an_app_teaser_are_dropped() -> None:
    text = (
        "Night buses return to Brekka\n\nNight buses will run again in Brekka from March, the transport "
        "board said on Monday.\n\nThe service was cut in 2029 to save money.\n\nThe board expects about "
        "900 passengers a night. Want every update as it happens? Download the Brekka Post app for alerts.\n\n"
        "© 2031 Brekka Post. All rights reserved.\n\nOur Standards: The Brekka Post Trust Principles.\n\n"
        "Ferry fares to rise in April, operator says.\n"
    )
    art = clean_text(text)
    assert art.paragraphs[-1] == "The board expects about 900 passengers a night."
    reasons = {d.text: d.reason for d in art.dropped}
    assert reasons["Our Standards: The Brekka Post Trust Principles."] == "footer"
    assert reasons["Want every update as it happens?"] == "call-to-action"
    # a credit line at the top is no footer: the article after it stays
    top = (
        "© Harbour Photo Agency. All rights reserved.\n\nQuay works finish early\n\nThe quay repairs finished "
        "two weeks early, the port said on Friday.\n\nShips will use the north berth again from Monday.\n"
    )
    assert len(clean_text(top).paragraphs) == 2


def test_prose_after_a_long_stretch_of_links_is_not_the_article() -> None:
    body = [
        f"Paragraph {w} of the harbour report says the Skerry quay needs {n} new piles before the winter storms, "
        "the port engineer told the board on Monday, and the work will take most of the autumn."
        for w, n in (("one", 12), ("two", 14), ("three", 16), ("four", 18), ("five", 20))
    ]
    links = ["First published: 3 May 2031"] + [f"Ferry news {k}" for k in range(24)]
    teaser = "A bakery in Brekka has won a national prize for its rye bread, the judges announced on Friday evening."
    text = "Quay repairs planned\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(links) + "\n\n" + teaser + "\n"
    art = clean_text(text)
    assert art.paragraphs == body
    assert art.published == dt.date(2031, 5, 3)  # a labelled date under the article is still its date
    assert {d.text: d.reason for d in art.dropped}[teaser] == "trailer"
    # a short list inside the article does not end it
    mid = (
        "Quay repairs planned\n\n"
        + "\n\n".join(body[:3])
        + "\n\nPiles\nCranes\nDivers\n\n"
        + "\n\n".join(body[3:])
    )
    assert clean_text(mid).paragraphs[-1] == body[-1]


def test_outlet_named_in_a_header_line_of_parts() -> None:
    text = (
        "Night ferry returns to Brekka\n\nIsland Voice | Community news for the Skerries | 3 min read\n\n"
        "The night ferry to Brekka will run again from March, the operator said on Monday.\n\n"
        "It was cut in 2029 to save money.\n"
    )
    art = clean_text(text)
    assert art.outlet == "Island Voice" and art.title == "Night ferry returns to Brekka"
    assert len(art.paragraphs) == 2
    # a place and a desk before the bar is no outlet name
    desk = (
        "Night ferry returns\n\nBrekka, Island News Desk | Updated 3 May 2031\n\n"
        "The night ferry to Brekka will run again from March, the operator said on Monday.\n"
    )
    assert clean_text(desk).outlet is None


def test_donation_and_share_prompts_between_paragraphs_go() -> None:
    text = (
        "Night ferry returns\n\nThe night ferry to Brekka will run again from March, the operator said on Monday "
        "after a long review.\n\nLike this story? Share it with a friend!\n\nThe Brekka Post needs your help! "
        "Learn more.\n\nThe last boat will leave at 11pm, the operator said.\n"
    )
    assert clean_text(text).paragraphs == [
        "The night ferry to Brekka will run again from March, the operator said on Monday after a long review.",
        "The last boat will leave at 11pm, the operator said.",
    ]


def test_caption_with_a_glued_credit_is_a_caption() -> None:
    text = (
        "Seals return to Brekka\n\nGrey seals have returned to the Brekka skerries for the first time in a decade, "
        "wardens said on Monday.\n\nA seal pup on the north beach last weekCredit: Brekka Wildlife Trust\n\n"
        "Wardens counted 40 pups this autumn, up from 12 last year.\n"
    )
    art = clean_text(text)
    assert art.captions == ["A seal pup on the north beach last weekCredit: Brekka Wildlife Trust"]
    assert len(art.paragraphs) == 2


def test_about_the_author_after_the_article_goes() -> None:
    body = [
        f"Paragraph {w} of the report says the Skerry quay needs new piles before the winter storms, the port "
        "engineer told the board on Monday, and the work will take most of the autumn."
        for w in ("one", "two", "three", "four", "five")
    ]
    bio = "Mara Quill writes about the islands and their ferries. She lives on Brekka with two cats."
    art = clean_text("Quay repairs planned\n\n" + "\n\n".join(body) + "\n\nAbout the author\n\n" + bio + "\n")
    assert art.paragraphs == body
    assert {d.text: d.reason for d in art.dropped}[bio] == "about-section"
    # a navigation link above a short article is no such section
    top = "About us\n\nFerry fares rise\n\nFares on the Skerry ferry will rise by a tenth in May, the operator said.\n"
    assert clean_text(top).paragraphs == [
        "Fares on the Skerry ferry will rise by a tenth in May, the operator said."
    ]


def test_a_list_the_article_introduces_is_kept() -> None:
    text = (
        "Skerry ferry adds summer sailings\n\nThe Skerry ferry will add evening sailings from June, the "
        "operator said on Monday, after two years of complaints from islanders.\n\n"
        "The new summer timetable for the island crossing:\n"
        "Monday to Friday -- 7am, 11am, 4pm and 9pm\nSaturday -- 8am, 1pm and 6pm\nSunday -- 10am and 5pm only\n"
    )
    art = clean_text(text)
    assert art.paragraphs[-1] == "Sunday -- 10am and 5pm only"
    # the same lines after a related-links label are still a link list
    links = text.replace("The new summer timetable for the island crossing:", "Related stories:")
    assert "Sunday -- 10am and 5pm only" not in clean_text(links).paragraphs


def test_markup_and_hard_wrapped_lines() -> None:
    text = (
        'Bridge reopens after repairs\n\n<div class="ad-slot"></div>\nvar slot = window.ads || [];\n\n'
        "The Skerry bridge reopened on Friday after six weeks of repairs to its\n"
        "deck, the roads agency said, ahead of the summer traffic.\n\n"
        "Repairs cost 3 million crowns, about a third less than planned, the agency added.\n"
    )
    art = clean_text(text)
    assert art.paragraphs[0] == (
        "The Skerry bridge reopened on Friday after six weeks of repairs to its deck, "
        "the roads agency said, ahead of the summer traffic."
    )
    assert {d.reason for d in art.dropped} == {"markup"}


def test_unlabelled_headline_list_in_body() -> None:
    text = (
        "Council approves harbour budget\n\nThe Calloway council approved the harbour budget on Monday after a "
        "four-hour debate, officials said.\n\nStorm closes ferry route for second day\nBakery strike enters third "
        "week in Fenwick\nCity council approves new cycle lanes downtown\n\nThe budget includes 12 million crowns "
        "for new cranes, the harbour master said.\n"
    )
    art = clean_text(text)
    assert len(art.paragraphs) == 2
    assert sum(1 for d in art.dropped if d.reason == "related-links") == 3


def test_wire_photo_captions_between_paragraphs() -> None:
    text = (
        "Ferry service resumes\n\nThe Skerry ferry resumed sailings on Tuesday after a two-week strike, the "
        "operator said.\n\nIn this Oct. 3, 2030, file photo, passengers wait at the Skerry terminal.\n\n"
        "In this photo released by the operator, the ferry leaves the harbour.\n\n"
        "In this case, the union said, the agreement covers all crews until next spring.\n"
    )
    art = clean_text(text)
    assert art.paragraphs == [
        "The Skerry ferry resumed sailings on Tuesday after a two-week strike, the operator said.",
        "In this case, the union said, the agreement covers all crews until next spring.",
    ]
    assert len(art.captions) == 2


def test_wire_story_scrape_dateline_agency_caption_and_metadata() -> None:
    text = (
        "Skip to main content\nMenu\nSearch\nWorld\nBusiness\n"
        "Harbour authority fines ferry operator over safety lapses\nBy Mira Castellane and Tom Okafor\n4 minute read\n"
        "Updated 3:12 PM GMT+1, Tue March 4, 2031\n"
        "The ferry Marisol at its berth in Port Annis, March 2, 2031. REUTERS/Staff Photographer\n"
        "PORT ANNIS, March 4 (Reuters) - The Port Annis harbour authority fined ferry operator Strait Link 2.4 million "
        "crowns on Tuesday for safety lapses found during an inspection in January, the authority said.\n"
        "Inspectors found that two of the operator's four vessels had sailed with faulty fire doors.\n"
        "Reporting by Mira Castellane; Editing by Tom Okafor\n"
    )
    art = clean_text(text)
    assert art.title == "Harbour authority fines ferry operator over safety lapses"
    assert art.published == dt.date(2031, 3, 4) and art.dek is None
    assert art.captions and art.captions[0].endswith("REUTERS/Staff Photographer")
    assert art.reported_via == "Reuters"  # carried wire copy speaks with the agency's voice
    assert len(art.paragraphs) == 2 and art.paragraphs[0].startswith("PORT ANNIS, March 4 (Reuters)")


def test_glued_byline() -> None:
    art = clean_text(
        "Ferry operator fined after fire-door failures\nByMira Castellane\nPublished 4 March 2031\n\n"
        "A ferry operator has been fined 2.4 million crowns after inspectors found faulty doors.\n"
    )
    assert art.byline == "Mira Castellane" and art.published == dt.date(2031, 3, 4)


def test_site_name_after_a_copied_page_title_is_the_outlet() -> None:
    body = "\n\nA ferry operator has been fined 2.4 million crowns after inspectors found faulty doors.\n"
    art = clean_text("Ferry operator fined after fire-door failures | Harbour News Network" + body)
    assert (art.title, art.outlet) == (
        "Ferry operator fined after fire-door failures",
        "Harbour News Network",
    )
    # a dash inside a headline, or a section name, is not a site name
    assert clean_text("Strike - Day Two: Port Still Closed" + body).outlet is None
    assert clean_text("Ferry operator fined - World News" + body).title == "Ferry operator fined - World News"


def test_title_site_split_with_a_known_outlet_and_whole_article_relay_notes() -> None:
    from storyline.clean.meta import relayed_source, title_site

    assert title_site("Ferry returns after two-year pause – TechWave", "TechWave") == (
        "Ferry returns after two-year pause",
        "TechWave",
    )
    assert title_site("Ferry returns after two-year pause – TechWave", None) == (
        "Ferry returns after two-year pause – TechWave",
        None,
    )
    assert relayed_source(["The ferry returned. This is reported by Ostra Radio."], None) == "Ostra Radio"
    # crediting one fact to another outlet does not make the article a relay
    assert relayed_source(["The ferry returned, as reported by Ostra Radio, on Monday."], None) is None


def test_a_wire_dateline_without_its_place_or_under_a_caption_still_credits_the_agency() -> None:
    from storyline.clean.meta import relayed_source, same_outlet

    lead = "The harbour authority fined a ferry operator 2.4 million crowns for safety lapses on Tuesday."
    assert relayed_source([f"(Lowland Press) -- {lead}"], "skerry-daily.com") == "Lowland Press"
    # a caption the scrape kept above the lead, and a date without the place
    caption = "1 of 4 | The ferry Marisol at its berth. Photo by Staff"
    assert relayed_source([caption, f"March 4 (LPS) -- {lead}"], "skerry-daily.com") == "LPS"
    # the agency's own site is no relay of itself
    assert same_outlet("lps.com", "LPS")
    assert relayed_source([caption, f"March 4 (LPS) -- {lead}"], "lps.com") is None
    # a label in brackets is no dateline; nor is a credit further down the page
    assert relayed_source(["(Updated) - 3 min read", lead], None) is None
    assert relayed_source([lead, lead, lead, f"(LPS) -- {lead}"], None) is None


def test_a_body_line_shown_twice_keeps_its_first_copy() -> None:
    teaser = "SKERRY: The harbour board approved a new ferry timetable on Monday, officials said."
    text = (
        "Ferry fines rise\n\nA ferry operator has been fined 2.4 million crowns after inspectors found faulty "
        "fire doors on two vessels.\n\n"
        + teaser
        + "\n\nThe operator said all doors had been repaired.\n\n"
        + teaser
        + "\n"
    )
    art = clean_text(text)
    assert art.paragraphs.count(teaser) == 1
    assert any(d.reason == "repeated" and d.text == teaser for d in art.dropped)


def test_a_short_quoted_last_line_with_its_tag_is_body() -> None:
    art = clean_text(
        "Ferry operator fined\n\nA ferry operator has been fined 2.4 million crowns after inspectors "
        "found faulty doors on two vessels.\n\nAsked whether the ferries were safe now, the director "
        "nodded.\n\n“They are,” Berg said.\n\nShare this story\n"
    )
    assert art.paragraphs[-1] == "“They are,” Berg said."


def test_title_case_headline_with_a_full_stop_is_the_title() -> None:
    art = clean_text(
        "Markets\n\nHarbour Stock Is Falling After Its Results. Why Investors Should Wait.\n\nBy\n\nAl Rootes\n\n"
        "Updated Nov. 19, 2031 8:21 am ET / Original Nov. 19, 2031 8:02 am ET\n\n"
        "Shares of the harbour operator fell on Tuesday after it cut its forecast for the year, traders said.\n"
    )
    assert art.title == "Harbour Stock Is Falling After Its Results. Why Investors Should Wait."
    assert art.published == dt.date(2031, 11, 19)
    assert art.paragraphs == [
        "Shares of the harbour operator fell on Tuesday after it cut its forecast for the year, traders said."
    ]


def test_photograph_credit_makes_the_line_above_a_caption() -> None:
    art = clean_text(
        "Harbour stock falls\n\nShares of the harbour operator fell on Tuesday after it cut its forecast "
        "for the year, traders said.\n\nTraders watch the screens in Skerry on Tuesday.\n"
        "Photograph by Lina Ortez/Harbour Post\n\nThe company said demand had slowed since the summer "
        "and that it expected a weaker winter season.\n"
    )
    assert art.captions == ["Traders watch the screens in Skerry on Tuesday."]
    assert len(art.paragraphs) == 2


def test_both_cleaners_share_the_credit_bio_affiliate_and_related_vocabularies() -> None:
    # one vocabulary module: a credit, bio or affiliate line the HTML path knows, the text path knows too
    body = "\n\n".join(
        [
            "Quarry Lane Books will close its doors in March after forty-one years on the high street, its owners said on Friday.",
            "The shop's landlord has asked for a rent the owners say no independent bookseller could pay.",
            "Regular customers have started a petition asking the council to buy the building outright.",
            "The council said it would discuss the request at its next meeting but made no promises.",
            "Edited by Rosa Quaintance",
            "Dario Fennimore is the Tollbridge Courier's arts and culture correspondent for the eastern towns.",
        ]
    )
    art = clean_text(body, RawDoc(source="quarry.txt", kind="text", data=body.encode()))
    reasons = {d.text: d.reason for d in art.dropped}
    assert reasons["Edited by Rosa Quaintance"] == "credits"
    assert (
        reasons[
            "Dario Fennimore is the Tollbridge Courier's arts and culture correspondent for the eastern towns."
        ]
        == "author-bio"
    )
    assert len(art.paragraphs) == 4
    assert line_reason(
        "If you buy something through our links, the Courier may get a share of the sale."
    ) == ("affiliate-disclosure")
    assert line_reason("This sponsored deal is brought to you by Pellwick.") == "affiliate-disclosure"
    assert line_reason("Leia também") == "related-links"
