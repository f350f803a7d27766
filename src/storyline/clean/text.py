"""Cleaning of plain-text scrapes: keep the article, drop (and explain) everything else.

Lines are first judged alone (boilerplate.line_reason), then by structure: related-link lists after a
label, runs of short widget lines, the header zone (section label, title, dek, caption, date, byline),
section headings between body paragraphs, and the trailer after the last paragraph.  Finally calls to
action are removed sentence by sentence from body paragraphs, so the paragraph around them stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from storyline.clean import boilerplate as bp
from storyline.clean import meta
from storyline.clean.mojibake import repair_mojibake
from storyline.ingest.decode import InputLimitError
from storyline.model import Article, Dropped, RawDoc, content_hash

# A news article has hundreds of lines; a 20 MB file of one-word lines would cost GBs of line records.
MAX_LINES = 100_000
_TERMINAL = (".", "!", "?", "…", ":", ";", '"', "”", "’", "'", ")", "]")
_APP_OUTLET_RE = re.compile(
    r"\b(?:[Gg]et|[Dd]ownload) (?:the )?(?P<who>[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4}) (?:app\b|on your (?:phone|device))"
)
_END_GAP = 20  # lines without prose that end an article...
_END_MIN_WORDS = 150  # ...once this many words of it have been read
_PUBLISHED_LABEL_RE = re.compile(r"^\W*(?:first\s+)?(?:published|posted|updated)(?:\s+on)?\b", re.I)
_AGO_RE = re.compile(r"^\W*(?:\d+|an?)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\W*$", re.I)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Control characters that separate lines or words: deleting them would glue two words into one.
_CONTROL_BREAKS = str.maketrans(
    {"\v": "\n", "\f": "\n", "\x1c": "\n", "\x1d": "\n", "\x1e": "\n", "\x85": "\n", "\x1f": " "}
)


@dataclass(slots=True)
class _Line:
    idx: int
    text: str
    block: int
    words: int
    reason: str | None = None
    role: str = ""  # title | dek | caption | heading | body | ""

    @property
    def free(self) -> bool:
        return self.reason is None and not self.role


_CLOSERS = "\"'”’)]»"


# a short quoted line with its tag: '"That's correct," Volker said.'
_SHORT_QUOTE = re.compile(
    r"^[\"“'‘].{2,80}[,.!?][\"”'’]\s+(?:[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?|he|she|they)\s+(?:said|says|added|replied|asked)\.$"
)


def _is_prose(s: str, words: int) -> bool:
    if words >= 16:
        return True
    if words < 6:
        return words >= 3 and bool(_SHORT_QUOTE.match(s.strip()))
    end = s.rstrip()
    bare = end.rstrip(_CLOSERS)
    # 'ends with a quote' is prose only when the sentence ends inside it: '... he said: "We will."'
    return bare.endswith((".", "!", "?", "…", ":", ";")) or (bare != end and bare.endswith(","))


def _headline_like(s: str, words: int) -> bool:
    if bp.BYLINE_RE.match(s) and words <= 8:
        return True
    return 2 <= words <= 30 and not s.rstrip().endswith((".", ";", ",", "…"))


def _headline_case(s: str, words: int) -> bool:
    """A headline in title case, even one ending on a full stop ("Stock Is Falling. Why You Shouldn’t
    Worry."): nearly every longer word capitalised."""
    if not 4 <= words <= 20:
        return False
    longer = [w for w in re.findall(r"[^\W\d_][\w’'-]*", s) if len(w) > 3]
    caps = sum(1 for w in longer if w[0].isupper())
    return len(longer) >= 4 and caps >= 0.85 * len(longer) and not s.isupper()


def _title_like(s: str, words: int) -> bool:
    return 2 <= words <= 30 and not s.rstrip().endswith((".", ";", ",", "…", ":"))


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", unicodedata.normalize("NFKC", s).casefold()).strip()


def normalise_text(text: str) -> str:
    # mojibake first: UTF-8 read as latin-1 carries its bytes as C1 controls, which are dropped below
    text = repair_mojibake(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").translate(_CONTROL_BREAKS)
    # keep characters as they are, but no control characters other than newline/tab
    return _CONTROL_RE.sub("", text)


def clean_text(text: str, doc: RawDoc | None = None, source: str = "-") -> Article:
    """Clean a decoded plain-text scrape into an Article."""

    source = doc.source if doc else source
    text = normalise_text(text)
    n_lines = text.count("\n")
    if n_lines > MAX_LINES:  # checked before building per-line records: their memory grows with lines
        raise InputLimitError(f"too many lines ({n_lines:,} > {MAX_LINES:,} limit): not one article")
    art = Article(
        source=source,
        content_hash=doc.hash if doc else content_hash(text),
        kind="text",
        url=doc.url if doc else None,
        outlet=meta.tidy_outlet(doc.outlet) if doc and doc.outlet else None,
        byline=doc.byline if doc else None,
        title=repair_mojibake(doc.title).strip() if doc and doc.title else None,
        published=meta.parse_any_date(doc.published) if doc and doc.published else None,
    )
    lines: list[_Line] = []
    block = 0
    for i, raw in enumerate(text.split("\n")):
        s = raw.strip()
        if not s:
            block += 1
            continue
        prev = lines[-1] if lines else None
        if prev and prev.block == block and _wrapped(prev.text, s):
            prev.text = f"{prev.text} {s}"  # a hard-wrapped paragraph: one line again
            prev.words += len(s.split())
            continue
        lines.append(_Line(i, s, block, len(s.split())))
    if not lines:
        return art

    # A date glued to the first sentence ("date 2025-02-11 The minister ..."), at the top or after the header.
    for ln in lines[:20]:
        glued = meta.split_glued_date(ln.text)
        if glued and len(glued[2].split()) >= 6:
            d, prefix, rest = glued
            art.published = art.published or d
            art.dropped.append(Dropped(prefix, "dateline", ln.idx))
            ln.text, ln.words = rest.strip(), len(rest.split())
            break
        if _is_prose(ln.text, ln.words) and ln.idx > 0 and bp.line_reason(ln.text) is None:
            break  # the body has started without one

    credited: str | None = None  # outlet named by a "SOURCE:" line
    app_outlet: str | None = None  # outlet named by its own app prompt, a weak last resort
    for ln in lines:
        ln.reason = bp.line_reason(ln.text)
        if ln.reason == "widget" and meta.parse_date_line(ln.text):
            ln.reason = None  # "27/09/2018" is a date line, read with the header
        if ln.reason == "source-credit":
            m = bp.SOURCE_LINE_RE.match(ln.text)
            if m and not art.outlet:
                art.outlet = credited = meta.tidy_outlet(m.group("who")) or None
        elif ln.reason == "app-prompt" and app_outlet is None:
            m = _APP_OUTLET_RE.search(ln.text)
            app_outlet = meta.tidy_outlet(m.group("who")) if m else None
        elif ln.reason == "copyright" and not art.outlet:
            art.outlet = meta.outlet_from_copyright(ln.text)
        elif ln.reason == "about-outlet" and not art.outlet:
            art.outlet = meta.tidy_outlet(re.split(r"\s+is\s+an?\s", ln.text, maxsplit=1)[0])

    _mark_comments(lines)
    _mark_after_rights(lines)
    _mark_about_section(lines)
    _mark_related_lists(lines)
    _mark_widget_runs(lines)
    _header(lines, art)
    if art.title:
        # a page title copied with its site name: "Headline | Harbour News Network"
        title, site = meta.title_site(art.title)
        if site and (art.outlet is None or _norm(site) == _norm(art.outlet)):
            art.title, art.outlet = title, art.outlet or site
    _mark_headline_runs(lines)
    _body(lines, art)
    _mark_repeats(lines)
    _sentences(lines, art)

    # a relayed report ("This is reported by X") or wire copy speaks with its source's voice
    art.reported_via = meta.relayed_source(art.paragraphs, art.outlet)
    if credited and art.reported_via and _norm(credited) == _norm(art.reported_via):
        art.outlet = None  # the credit names the relayed source, not the publisher
    if art.outlet is None and app_outlet:
        art.outlet = app_outlet
    for ln in lines:
        if ln.reason:
            art.dropped.append(Dropped(ln.text, ln.reason, ln.idx))
    art.dropped.sort(key=lambda d: d.line if d.line is not None else -1)
    return art


def _wrapped(prev: str, nxt: str) -> bool:
    """Is ``nxt`` the continuation of a hard-wrapped line (mid-sentence break, lower-case start)?"""
    return (
        len(prev) >= 40
        and not prev.endswith(_TERMINAL)
        and nxt[:1].islower()
        and bp.line_reason(prev) is None
    )


def _mark_repeats(lines: list[_Line], min_words: int = 6) -> None:
    """A body line repeated word for word later on the page is a teaser or caption shown twice (an
    article does not repeat its own paragraphs): the later copies go."""
    seen: set[str] = set()
    for ln in lines:
        if ln.role != "body" or ln.words < min_words:
            continue
        key = _norm(ln.text)
        if key in seen:
            ln.role, ln.reason = "", "repeated"
        seen.add(key)


def _comment_head(lines: list[_Line], k: int) -> bool:
    """A comment's header: "Ann on May 2, 2024 at 9:14 pm said:", a comment section's heading
    ('12 thoughts on “Headline”'), or "annb says:" with its date on one of the next two lines."""
    text = lines[k].text
    if bp.COMMENT_HEAD_RE.match(text) or bp.COMMENT_SECTION_RE.match(text):
        return True
    if not bp.COMMENT_SAYS_RE.match(text):
        return False
    return any(meta.parse_date_line(ln.text) or _AGO_RE.match(ln.text) for ln in lines[k + 1 : k + 3])


def _mark_comments(lines: list[_Line]) -> None:
    """Readers' comments after the article ("Ann on May 2, 2024 at 9:14 pm said:") go, to the end."""
    prose_seen = 0
    for k, ln in enumerate(lines):
        if prose_seen >= 2 and _comment_head(lines, k):
            cut = k
            # the section's own header lines just above ("12 Comments", "Leave a Reply", "Posted in ...")
            while cut > 0 and lines[cut - 1].reason in ("comment-form", "post-meta"):
                cut -= 1
            for later in lines[cut:]:
                if later.reason is None or later.reason in ("comment-form",):
                    later.reason = "comments"
            return
        if ln.reason is None and _is_prose(ln.text, ln.words):
            prose_seen += 1


def _cut_rest(
    lines: list[_Line],
    starts: Callable[[_Line], bool],
    enough: Callable[[int, int], bool],
    reason: str,
    keep_start: bool,
) -> None:
    """From the first line that ``starts`` the page's furniture once ``enough(prose lines, prose words)``
    of article has been read, every unexplained line to the end gets ``reason``."""
    n_prose = n_words = 0
    for k, ln in enumerate(lines):
        if enough(n_prose, n_words) and starts(ln):
            for later in lines[k + 1 if keep_start else k :]:
                later.reason = later.reason or reason
            return
        if ln.reason is None and _is_prose(ln.text, ln.words):
            n_prose += 1
            n_words += ln.words


def _mark_after_rights(lines: list[_Line], min_prose: int = 3) -> None:
    """ "© 2024 Harbour Post. All rights reserved." after the article is the page footer: what follows
    it (standards notes, link lists, teasers) is no part of the article."""
    _cut_rest(
        lines,
        lambda ln: ln.reason == "copyright" and bool(bp.RIGHTS_RE.search(ln.text)),
        lambda p, _w: p >= min_prose,
        "footer",
        keep_start=True,
    )


def _mark_about_section(lines: list[_Line]) -> None:
    """ "About the author" / "About Harbour Lines" after a full article: a bio or the publisher's
    boilerplate, then the page's footer; none of it is the article."""
    _cut_rest(
        lines,
        lambda ln: ln.reason is None and ln.words <= 6 and bool(bp.ABOUT_LINE_RE.match(ln.text)),
        lambda _p, w: w >= _END_MIN_WORDS,
        "about-section",
        keep_start=False,
    )


def _mark_related_lists(lines: list[_Line]) -> None:
    """A list label ("Explore", "Most read") followed by headline-like lines: the whole list goes."""
    n = len(lines)
    scanned = 0  # lines up to here were already walked from an earlier label: walking again is quadratic
    for i, ln in enumerate(lines):
        if i < scanned or ln.reason != "related-links" or not bp.RELATED_LABEL_RE.match(ln.text):
            continue
        j = i + 1
        while j < n:
            nxt = lines[j]
            if nxt.reason is None and not _headline_like(nxt.text, nxt.words):
                break
            if nxt.reason is None and nxt.block != lines[j - 1].block and _is_prose(nxt.text, nxt.words):
                break  # a blank line then prose: the article resumes
            nxt.reason = nxt.reason or "related-links"
            j += 1
        scanned = j
    # An unlabelled run of >= 3 headline-like lines after the last prose line is a link list too.
    last_prose = max(
        (
            k
            for k, ln in enumerate(lines)
            if ln.reason is None and _is_prose(ln.text, ln.words) and not ln.text.rstrip().endswith("?")
        ),
        default=-1,
    )
    tail = [ln for ln in lines[last_prose + 1 :] if ln.reason is None]
    if (
        len(tail) >= 3
        and all(_headline_like(t.text, t.words) for t in tail)
        and not _introduces_list(lines, last_prose)
    ):
        for t in tail:
            t.reason = "related-links"


def _mark_headline_runs(lines: list[_Line]) -> None:
    """>= 3 headline-like lines in a row, with no prose among them, are an unlabelled list of links."""

    def headline(ln: _Line) -> bool:
        return (
            ln.free
            and 4 <= ln.words <= 25
            and not _is_prose(ln.text, ln.words)
            and not ln.text.rstrip().endswith((".", ";", ",", ":", "…"))
            and not meta.parse_date_line(ln.text)
        )

    i, n = 0, len(lines)
    while i < n:
        if not headline(lines[i]):
            i += 1
            continue
        j = i
        while j < n and (headline(lines[j]) or (lines[j].reason is not None and j > i)):
            j += 1
        run = [ln for ln in lines[i:j] if ln.free]
        if len(run) >= 3 and not _introduces_list(lines, i - 1):
            for ln in run:
                ln.reason = "related-links"
        i = j


def _introduces_list(lines: list[_Line], k: int) -> bool:
    """Does line k introduce a list of the article's own ("The tour dates:", "Here is what changes:")?"""
    if k < 0 or k >= len(lines):
        return False
    ln = lines[k]
    return (
        ln.reason is None
        and ln.words >= 3
        and ln.text.rstrip().endswith(":")
        and not bp.RELATED_LABEL_RE.match(ln.text)
        and not bp.RELATED_TEASER_RE.match(ln.text)
    )


def _mark_widget_runs(lines: list[_Line]) -> None:
    """Runs of >= 3 very short lines in one block (ratings, reactions, counters) are a widget."""

    def short(ln: _Line) -> bool:
        if ln.reason is None and (
            bp.BYLINE_RE.match(ln.text) or meta.parse_date_line(ln.text) or _masthead_outlet(ln)
        ):
            return False  # header metadata, not a widget
        return ln.words <= 3 and not ln.text.endswith((".", "!", "?"))

    i, n = 0, len(lines)
    while i < n:
        j = i
        while j < n and short(lines[j]) and lines[j].block == lines[i].block:
            j += 1
        if j - i >= 3:
            for ln in lines[i:j]:
                ln.reason = ln.reason or "widget"
        i = max(j, i + 1)


def _masthead_outlet(ln: _Line) -> str | None:
    """A short line naming a news outlet ("Harbour Post", "CALDERBROOK DAILY") before the title."""
    return _outlet_name(ln.text)


def _outlet_name(text: str) -> str | None:
    words = text.split()
    if len(words) > 5 or not bp.OUTLET_WORD_RE.search(text) or text.endswith((".", "?", "!", ",")):
        return None
    if bp.GENERIC_SECTION_RE.match(text) or "," in text:
        return None
    if not all(w[:1].isupper() or w.lower() in ("the", "of", "and", "&") for w in words):
        return None
    return text.title() if text.isupper() else text


_META_SEP_RE = re.compile(r"\s+[|·•]\s+")


def _meta_line_outlet(ln: _Line) -> str | None:
    """The outlet in a header line of parts: "Valley Voice | Community news | 3 min read"."""
    parts = _META_SEP_RE.split(ln.text.strip())
    if len(parts) < 2 or ln.words > 16 or _is_prose(ln.text, ln.words):
        return None
    return next((o for o in (_outlet_name(p.strip()) for p in parts) if o), None)


def _byline(ln: _Line) -> tuple[str, str] | None:
    """(author name, rest of line) when the line is a byline, with or without "By"."""
    m = bp.BYLINE_RE.match(ln.text)
    if m and ln.words <= 12:
        return m.group("who").strip(), ln.text[m.end("who") :]
    m = bp.BARE_NAME_RE.match(ln.text)
    if m and ln.words <= 12:
        return m.group("who").strip(), ln.text[m.end("who") :]
    return None


def _header(lines: list[_Line], art: Article) -> None:
    """Masthead, section label, title, dek, caption, date, byline: all before the first body paragraph."""
    free = [ln for ln in lines if ln.reason is None]
    if not free:
        return
    # Before the title: navigation, mastheads, section labels.
    title_k: int | None = None
    for k, ln in enumerate(lines):
        if ln.reason is not None:
            continue
        if (
            _is_prose(ln.text, ln.words)
            and not (art.title and _norm(ln.text) == _norm(art.title))
            and not (art.title is None and _headline_case(ln.text, ln.words))
        ):
            break  # the article starts without a title line
        if art.title and _norm(ln.text) == _norm(art.title):
            ln.role, title_k = "title", k
            break
        d = meta.parse_date_line(ln.text)
        if d:
            # a date above the title ("27/09/2018", "| November 18, 2019 12:01 PM")
            art.published = art.published or d
            ln.reason = "dateline"
            continue
        outlet = _masthead_outlet(ln)
        if outlet and art.title is None:
            art.outlet = art.outlet or meta.tidy_outlet(outlet)
            ln.reason = "masthead"
            continue
        if ln.text.isupper() and ln.words <= 6 or ln.words <= 2 and not ln.text.endswith((".", "?", "!")):
            ln.reason = "section-label"
            continue
        if (
            art.title is None
            and (_title_like(ln.text, ln.words) or _headline_case(ln.text, ln.words))
            and meta.parse_date_line(ln.text) is None
            and not bp.CAPTION_CREDIT_RE.search(ln.text)
            and not _byline(ln)
        ):
            art.title = ln.text
            ln.role, title_k = "title", k
        break

    # After the title, up to the first body paragraph: dek, caption, date, byline, repeated title.
    start = title_k + 1 if title_k is not None else 0
    dek_done = title_k is None
    for k in range(start, len(lines)):
        ln = lines[k]
        if ln.reason is not None or ln.role:
            continue
        if art.title and _norm(ln.text) == _norm(art.title):
            ln.reason = "repeated-title"
            continue
        d = meta.parse_date_line(ln.text)
        if d:
            art.published = art.published or d
            ln.reason = "dateline"
            continue
        outlet = _meta_line_outlet(ln)
        if outlet and not _byline(ln):
            art.outlet = art.outlet or meta.tidy_outlet(outlet)
            ln.reason = "masthead"
            continue
        by = _byline(ln)
        if by:
            art.byline = art.byline or by[0]
            rest_date = meta.parse_date_line(by[1].strip(" |,–—-")) if by[1].strip() else None
            art.published = art.published or rest_date
            ln.reason = "byline"
            continue
        if bp.CREDIT_LINE_RE.match(ln.text):
            ln.reason = "image-credit"
            _caption_before(lines, k, art)
            continue
        if bp.CAPTION_CREDIT_RE.search(ln.text):
            ln.role = "caption"
            art.captions.append(ln.text)
            continue
        if not dek_done:
            dek_done = True
            if (
                ln.block == lines[title_k].block  # type: ignore[index]
                and 6 <= ln.words <= 60
                and not ln.text.startswith(('"', "“", "'", "‘"))
                and not _continues_body(lines, k)
            ):
                ln.role = "dek"
                art.dek = ln.text
                continue
        if (
            k + 1 < len(lines)
            and lines[k + 1].block == ln.block
            and bp.CREDIT_LINE_RE.match(lines[k + 1].text)
        ):
            continue  # a caption: its credit line (next) will claim it
        if _is_prose(ln.text, ln.words):
            break
        if ln.text.isupper() and ln.words <= 6:
            ln.reason = "section-label"
        elif _title_like(ln.text, ln.words) and ln.words >= 3 and _next_is_body(lines, k, same_block=True):
            ln.role = "heading"  # a (live-blog) post heading right above its text
            art.section_headings.append(ln.text)


def _continues_body(lines: list[_Line], k: int) -> bool:
    """Is line k directly followed, in its own block, by more prose (a first paragraph, not a dek)?

    Any header line in between (widget, byline, date, caption) means k still belongs to the header.
    """
    if k + 1 >= len(lines):
        return False
    nxt = lines[k + 1]
    if nxt.block != lines[k].block or not nxt.free:
        return False
    if meta.parse_date_line(nxt.text) or _byline(nxt) or bp.CAPTION_CREDIT_RE.search(nxt.text):
        return False
    return _is_prose(nxt.text, nxt.words)


def _caption_before(lines: list[_Line], k: int, art: Article) -> None:
    """A credit line on its own makes the line just above it (same block) a photo caption."""
    if k == 0:
        return
    prev = lines[k - 1]
    if prev.block == lines[k].block and prev.free and 4 <= prev.words <= 60:
        prev.role = "caption"
        art.captions.append(prev.text)


def _body(lines: list[_Line], art: Article) -> None:
    body_idx = [k for k, ln in enumerate(lines) if ln.free and _is_prose(ln.text, ln.words)]
    if not body_idx:
        # No prose at all: keep whatever free text there is rather than return an empty article.
        for ln in lines:
            if ln.free:
                ln.role = "body"
                art.paragraphs.append(ln.text)
        return
    # After a full article, a long stretch without prose (link lists, widgets, footers) ends it: prose
    # further down is teasers of other stories or readers' comments.
    words = 0
    for b in range(1, len(body_idx)):
        words += lines[body_idx[b - 1]].words
        if words >= _END_MIN_WORDS and body_idx[b] - body_idx[b - 1] - 1 >= _END_GAP:
            body_idx = body_idx[:b]
            break
    first, last = body_idx[0], body_idx[-1]
    if _introduces_list(lines, last):
        # the article ends on a list it introduces ("The tour dates:"): the items are its own
        while (
            last + 1 < len(lines)
            and lines[last + 1].free
            and _headline_like(lines[last + 1].text, lines[last + 1].words)
        ):
            last += 1
    # Author bio / credits right at the end are not the story (walk back through body_idx: linear).
    b = len(body_idx) - 1
    while last > first and (bp.BIO_RE.match(lines[last].text) or bp.CREDITS_RE.match(lines[last].text)):
        lines[last].reason = "author-bio" if bp.BIO_RE.match(lines[last].text) else "credits"
        b -= 1
        last = body_idx[b]

    for k, ln in enumerate(lines):
        if not ln.free:
            continue
        if k < first:
            if bp.BYLINE_RE.match(ln.text) and ln.words <= 10:
                art.byline = art.byline or bp.BYLINE_RE.match(ln.text).group("who").strip()  # type: ignore[union-attr]
                ln.reason = "byline"
            elif ln.words <= 3:
                ln.reason = "navigation"
            else:
                ln.reason = "header"
            continue
        if k > last:
            d = meta.parse_date_line(ln.text) if art.published is None and ln.words <= 16 else None
            if d and _PUBLISHED_LABEL_RE.match(ln.text):
                art.published = d  # "First published: 19 November 2019" under the article
                ln.reason = "dateline"
            elif bp.CREDITS_RE.match(ln.text):
                ln.reason = "credits"
            elif bp.BIO_RE.match(ln.text):
                ln.reason = "author-bio"
            else:
                ln.reason = "trailer"
            continue
        d = meta.parse_date_line(ln.text) if ln.words <= 16 else None
        if _is_prose(ln.text, ln.words) and not d:
            if ln.words <= 40 and bp.CAPTION_CREDIT_RE.search(ln.text):
                ln.role = "caption"
                art.captions.append(ln.text)
            else:
                ln.role = "body"
            continue
        if d:
            art.published = art.published or d
            ln.reason = "dateline" if art.published == d else "timestamp"
        elif bp.CREDIT_LINE_RE.match(ln.text):
            ln.reason = "image-credit"
            prev = lines[k - 1] if k > 0 else None
            if prev is not None and prev.block == ln.block and prev.role == "body" and prev.words <= 40:
                prev.role = "caption"  # the credit's own line above it: a photo caption among paragraphs
                art.captions.append(prev.text)
        elif bp.CAPTION_CREDIT_RE.search(ln.text):
            ln.role = "caption"
            art.captions.append(ln.text)
        elif _title_like(ln.text, ln.words) and ln.words >= 2 and _next_is_body(lines, k):
            ln.role = "heading"
            art.section_headings.append(ln.text)
        elif ln.words <= 3:
            ln.reason = "navigation"
        else:
            ln.role = "body"  # short, but nothing says it is not the article's


def _next_is_body(lines: list[_Line], k: int, same_block: bool = False) -> bool:
    for j in range(k + 1, len(lines)):  # no slice: a copy per heading candidate is quadratic
        ln = lines[j]
        if ln.reason is not None:
            continue
        if same_block and ln.block != lines[k].block:
            return False
        return ln.free and _is_prose(ln.text, ln.words)
    return False


def _sentences(lines: list[_Line], art: Article) -> None:
    """Drop calls to action sentence by sentence."""
    for ln in lines:
        if ln.role != "body":
            continue
        spans = bp.split_sentences(ln.text)
        keep: list[str] = []
        dropped: list[Dropped] = []
        for a, b in spans:
            sent = ln.text[a:b]
            why = bp.sentence_reason(sent)
            if why:
                if keep and bp.TEASER_QUESTION_RE.match(keep[-1].strip()):
                    dropped.append(Dropped(keep.pop(), why, ln.idx))
                dropped.append(Dropped(sent, why, ln.idx))
            else:
                keep.append(sent)
        if dropped and keep:
            ln.text = " ".join(keep)
            art.dropped.extend(dropped)
        elif dropped:
            ln.reason = dropped[0].reason
            ln.role = ""
    art.paragraphs = [ln.text for ln in lines if ln.role == "body"]
