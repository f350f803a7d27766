"""Cleaning of HTML pages: trafilatura finds the article, storyline's boilerplate knowledge trims it.

trafilatura (https://trafilatura.readthedocs.io) locates the main content of a page and returns it as
a small XML tree of blocks (paragraphs, headings, list items, quotes, tables).  What it lets through is
the boilerplate that sits *inside* the article container: related-story teasers, newsletter and follow
prompts, share tools, reporting credits, image credits, copyright lines, reading-time widgets,
live-blog timestamps, tag lists.  Each block is judged by the shared line rules (``clean.boilerplate``)
and by what only the page shows: whether a block is (or starts with) the text of a link, list
structure, headings, the page's own headline and figure captions.  Every removal keeps its reason.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.etree as etree
import lxml.html
import trafilatura
from charset_normalizer import from_bytes
from lxml.html import HtmlElement
from rapidfuzz import fuzz
from trafilatura.settings import Document
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from storyline.clean import boilerplate as bp
from storyline.clean import meta
from storyline.clean.mojibake import repair_mojibake
from storyline.ingest.decode import check_bytes, decode_bytes
from storyline.model import Article, Dropped, RawDoc

# trafilatura settings, chosen on the article-extraction benchmark (bench/eval_html.py): the fast
# cascade (no readability/jusText comparison) recalls as much as the full one here, and the
# post-filter below supplies the precision that ``favor_precision`` would buy with lost paragraphs.
_TRAFILATURA_OPTIONS: dict[str, bool] = {"include_comments": False, "fast": True, "include_tables": True}
# News pages weigh well under a few megabytes; anything far larger is a dump or an attack, and would
# take minutes to parse.
MAX_PAGE_CHARS = 8_000_000
# htmldate: the date the article was first published, from markup only (no scan of the text).
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}

# ------------------------------------------------------------------------------------------- decoding

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: pages labelled latin-1 or ASCII are decoded as windows-1252.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "iso8859-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}


def decode_html(data: bytes) -> str:
    """Bytes of a page -> text: UTF-8 (or a BOM), else the declared charset, else detection; then
    mojibake the page carried in (text once decoded with the wrong code page) is repaired.

    A page that declares UTF-8 but is not valid UTF-8 has a wrong label and goes to detection.
    """
    return repair_mojibake(_decode_page(data))


def _decode_page(data: bytes) -> str:
    check_bytes(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    head = data[:16384]
    m = _XML_DECL_RE.search(head) or _META_CHARSET_RE.search(head)
    if m:
        label = m.group(1).decode("ascii", "ignore").lower()
        if label not in ("utf-8", "utf8"):
            try:
                return data.decode(_CHARSET_ALIASES.get(label, label))
            except (LookupError, UnicodeDecodeError):
                pass
    if data[:4096].count(b"\x00") == 0:
        guess = _detect_legacy(data)
        if guess:
            return data.decode(guess, errors="replace")
    return decode_bytes(data)  # BOMs, UTF-16, other detection


def _detect_legacy(data: bytes) -> str | None:
    """charset_normalizer's guess, with windows-1252 preferred among equally good single-byte fits.

    Detection alone often cannot tell the Latin code pages apart on a short page (cp1250 and cp1252
    fit French text equally well); windows-1252 is by far the most common of them on the web.
    """
    results = from_bytes(data[:200_000])
    best = results.best()
    if best is None or best.encoding is None:
        return None
    for r in results:
        if r.encoding == "cp1252" and r.chaos <= best.chaos + 0.01 and r.coherence >= best.coherence - 0.05:
            return "cp1252"
    return best.encoding


# ------------------------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class HtmlConfig:
    """Word limits of the HTML path's block rules: a block longer than its rule's limit is article text.

    Each limit was set by hand on the 181 pages of the article-extraction benchmark (bench/eval_html.py,
    F1 0.974 with all of them) and not re-measured one by one.
    """

    long_paragraph: int = 80  # above this no vocabulary makes a block boilerplate
    credits: int = 50  # "Reporting by …; editing by …"
    affiliate: int = 60  # affiliate-link disclosures run to two sentences
    copyright: int = 30
    contact: int = 40  # "Contact the author at …"
    handle: int = 25  # an e-mail address or "follow @x" line
    call_to_action: int = 40
    comment_policy: int = 60
    comment_count: int = 3  # "12 Comments"
    reading_time: int = 10
    widget: int = 8
    tags: int = 60
    tags_bare: int = 3  # a tag line with no separator is a few words at most
    related: int = 30
    related_cjk: int = 5
    teaser: int = 25
    image_credit: int = 30
    headline: int = 20  # a line without sentence punctuation up to this long reads as a headline
    prose: int = 8  # a line this long ending a sentence is prose ...
    prose_any: int = 25  # ... and any line this long is
    repeated_title: int = 40  # the headline repeated at the top of the body
    timestamp: int = 12  # a date line is short


HTML = HtmlConfig()


def _norm(s: str) -> str:
    """Case- and punctuation-blind form of a text, for comparing lines with links and titles."""
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
    return " ".join(_WORD_RE.findall(s.casefold()))


_WORD_RE = re.compile(r"\w+")


@dataclass(slots=True)
class _Block:
    """One line of the extracted body, as trafilatura's text output lays it out."""

    text: str
    tag: str  # p | head | item | quote | table | other
    link: float = 0.0  # share of the block's words that open it as the text of a link (1.0: all link)
    first_item: bool = False  # first line of a list
    reason: str | None = None
    words: int = 0

    def __post_init__(self) -> None:
        self.words = len(self.text.split())


@dataclass(slots=True)
class _Extraction:
    blocks: list[_Block]
    doc: Document
    titles: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    pruned: list[Dropped] = field(default_factory=list)  # page furniture removed before extraction


def _render(el: etree._Element) -> list[str]:
    """The element's lines as trafilatura's text output shows them (its tail aside)."""
    tail, el.tail = el.tail, None
    try:
        text = xmltotxt(el, False)
    finally:
        el.tail = tail
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _link_share(line: str, anchors: set[str]) -> float:
    """How much of a line is link text: 1.0 when all of it, else the longest linked opening."""
    words = _norm(line).split()
    if not words or len(words) > 80:
        return 0.0
    for k in range(min(len(words), 40), 0, -1):
        if " ".join(words[:k]) in anchors:
            return k / len(words)
    return 0.0


def _blocks(body: etree._Element, anchors: set[str]) -> list[_Block]:
    out: list[_Block] = []
    for el in body:
        if el.tag == "list":
            units = [(item, "item", i == 0) for i, item in enumerate(el)]
        else:
            units = [(el, el.tag if el.tag in ("p", "head", "quote", "table") else "other", False)]
        lines = [
            (line, tag, first and k == 0)
            for unit, tag, first in units
            for k, line in enumerate(_render(unit))
        ]
        # loose text after a block (trafilatura leaves some paragraphs untagged after a heading)
        if el.tail and el.tail.strip():
            lines.extend((ln.strip(), "p", False) for ln in el.tail.split("\n") if ln.strip())
        for line, tag, first in lines:
            # trafilatura's own link markup changes what it extracts, so links are looked up in the
            # page's anchors instead
            out.append(_Block(line, tag, _link_share(line, anchors), first))
    return out


def _anchor_texts(tree: HtmlElement) -> set[str]:
    texts = set()
    for a in tree.iter("a"):
        t = _norm(a.text_content())
        if t and t.count(" ") < 40:
            texts.add(t)
    return texts


def _titles_in(tree: HtmlElement) -> list[str]:
    """Every form of the headline the page gives: og:title, twitter:title, <title>, first <h1>."""
    found: list[str] = []
    for xp in (
        '//meta[@property="og:title"]/@content',
        '//meta[@name="twitter:title"]/@content',
        "//title/text()",
    ):
        vals = tree.xpath(xp)
        if vals:
            found.append(" ".join(str(vals[0]).split()))
    h1 = tree.find(".//h1")
    if h1 is not None:
        found.append(" ".join(h1.text_content().split()))
    return [t for t in found if t]


def _main_container(tree: HtmlElement) -> HtmlElement:
    """The page's article element when it marks one up (the largest), else the whole page."""
    cands = tree.xpath('//article|//*[@itemprop="articleBody"]|//main')
    if not cands:
        return tree
    return max(cands, key=lambda el: len(el.text_content()))


def _figure_captions(tree: HtmlElement) -> list[str]:
    out: list[str] = []
    for cap in _main_container(tree).iter("figcaption"):
        text = " ".join(cap.text_content().split())
        if text and text not in out:
            out.append(text)
    return out


# Page furniture recognisable by its class or id.  Only kinds whose names are unambiguous: "related"
# and "ad"/"promo" also name article containers on many sites, and pruning them lost article text
# on the benchmark.  (trafilatura prunes much the same; doing it here records what went and why.)
_FURNITURE = [
    ("cookie-consent", re.compile(r"cookie|consent|gdpr", re.I)),
    ("newsletter", re.compile(r"newsletter|subscribe|subscription|sign-?up", re.I)),
    (
        "share",
        re.compile(r"(?:^|[\s_-])(?:share|sharing|social)(?:$|[\s_-])|share-?(?:bar|tools|buttons)", re.I),
    ),
    ("author-bio", re.compile(r"author-?(?:bio|box|info|card)|bio-?box|about-?the-?author", re.I)),
    ("comment-form", re.compile(r"(?:^|[\s_-])comments?(?:$|[\s_-])|disqus|comment-?form|respond", re.I)),
]
_FURNITURE_TAGS = ("div", "section", "aside", "p", "ul", "form", "span")
_FURNITURE_ANY = re.compile(
    r"cookie|consent|gdpr|newsletter|subscri|sign-?up|shar|social|author|bio|comment|"
    r"disqus|respond",
    re.I,
)


def _prune_furniture(tree: HtmlElement) -> list[Dropped]:
    """Remove cookie banners, newsletter boxes, share bars, author boxes, comment forms (by class/id)."""
    hits: list[tuple[HtmlElement, str]] = []
    for el in tree.iter(_FURNITURE_TAGS):
        names = f"{el.get('class', '')} {el.get('id', '')}"
        if len(names) > 1 and _FURNITURE_ANY.search(names):  # one cheap test first
            reason = next((r for r, rx in _FURNITURE if rx.search(names)), None)
            if reason:
                hits.append((el, reason))
    if not hits:
        return []
    body = tree.find("body")
    total = len((body if body is not None else tree).text_content()) or 1
    dropped: list[Dropped] = []
    gone: set[HtmlElement] = set()
    for el, reason in hits:
        if el.getparent() is None or any(a in gone for a in el.iterancestors()):
            continue
        text = " ".join(el.text_content().split())
        # never a container of the article itself (class lists like "post-body has-share-bar" exist)
        if (
            len(text) > 0.25 * total
            or el.find(".//h1") is not None
            or sum(1 for p in el.iter("p") if len(p.text_content()) > 150) >= 2
        ):
            continue
        gone.add(el)
        el.drop_tree()
        if text:
            dropped.append(Dropped(text, reason))
    return dropped


def _extract(html: str | bytes, url: str | None, with_metadata: bool) -> _Extraction:
    if len(html) > MAX_PAGE_CHARS:
        raise ValueError(f"page too large ({len(html) / 1e6:.1f} MB, limit {MAX_PAGE_CHARS / 1e6:.0f} MB)")
    if isinstance(html, bytes):
        html = decode_html(html)
    if not html.strip():
        raise ValueError("empty page")
    try:
        tree = load_html(html)
        if tree is None:
            raise ValueError("not parseable as HTML")
        titles, captions = _titles_in(tree), _figure_captions(tree)
        pruned = _prune_furniture(tree)
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=with_metadata,
            date_extraction_params=_DATE_PARAMS,
            **_TRAFILATURA_OPTIONS,  # type: ignore[arg-type]
        )
        assert doc is None or not isinstance(doc, dict)  # as_dict is off: a Document
        if doc is None or doc.body is None or not len(doc.body):
            raise ValueError("no extractable article text on the page")
        ext = _Extraction(_blocks(doc.body, _anchor_texts(tree)), doc, pruned=pruned)
    except RecursionError as e:
        raise ValueError("page too deeply nested to parse") from e
    ext.titles = ([doc.title] if doc.title else []) + titles
    ext.captions = captions
    return ext


# ------------------------------------------------------------------------------------------- block rules

_TERMINAL = (".", "!", "?", "…", '"', "”", "’", "»", ")", "]")
_OUTLET_VOICE_RE = re.compile(r"\b(?:we|us|our|we're|we’re|we've|we’ve)\b", re.I)
_LETTER_OR_DIGIT_RE = re.compile(r"[^\W_]")


_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")


def _is_timestamp(s: str, words: int) -> bool:
    """A short line made of date and time words (any of the common languages) and numbers."""
    if words > HTML.timestamp or not bp.TIME_OR_YEAR_RE.search(s):
        return False
    toks = _TOKEN_RE.findall(s.casefold())
    if not toks:
        return False
    datey = sum(1 for t in toks if t.isdigit() or t in bp.DATE_WORDS)
    # a CJK label before the date ("기사입력 2018-08-25") counts as one word
    return datey >= 0.7 * len(toks) or (datey >= 3 and len(toks) - datey == 1)


def _headline_like(b: _Block) -> bool:
    """A short line without sentence punctuation: a headline, a label or a link text."""
    return 1 <= b.words <= HTML.headline and not b.text.rstrip().endswith((".", ";", ",", "…", ":", "!"))


def _is_prose(b: _Block) -> bool:
    return (b.words >= HTML.prose and b.text.rstrip().endswith(_TERMINAL)) or b.words >= HTML.prose_any


def _block_reason(b: _Block) -> str | None:
    """Reason when one block is boilerplate by itself."""
    s, c = b.text, HTML
    if not _LETTER_OR_DIGIT_RE.search(s):
        return "separator"
    if b.words > c.long_paragraph:
        return None  # a long paragraph belongs to the article whatever words it contains
    why = bp.line_reason(s)
    if why == "call-to-action" and not (_OUTLET_VOICE_RE.search(s) or b.link >= 0.5):
        # Service journalism tells readers to "sign up" or "click" too; the outlet's own prompts
        # speak as "we/us/our" or are links.  Trailing prompts are caught by position (_mark_tail).
        why = None
    if why:
        return why
    if b.words <= c.credits and bp.CREDITS_RE.search(s):
        return "credits"
    if bp.REPRINT_RE.search(s):
        return "reprint-notice"
    if b.words <= c.affiliate and bp.AFFILIATE_RE.search(s):
        return "affiliate-disclosure"
    if b.words <= c.copyright and bp.COPYRIGHT_INTL_RE.search(s):
        return "copyright"
    if b.words <= c.contact and bp.CONTACT_RE.search(s):
        return "author-contact"
    if b.words <= c.handle and (
        bp.EMAIL_RE.search(s) or (bp.HANDLE_RE.search(s) and re.search(r"\bfollow\b", s, re.I))
    ):
        return "author-contact"
    if b.words <= c.call_to_action and bp.CTA_EXTRA_RE.search(s):
        return "call-to-action"
    if (b.words <= c.comment_policy and bp.COMMENT_POLICY_RE.search(s)) or (
        b.words <= c.comment_count and bp.COMMENT_COUNT_RE.match(s)
    ):
        return "comment-form"
    if b.words <= c.reading_time and bp.READING_TIME_RE.search(s):
        return "reading-time"
    if b.words <= c.widget and bp.WIDGET_TEXT_RE.search(s):
        return "widget"
    if (
        b.words <= c.tags
        and bp.TAGS_RE.match(s)
        and (b.words <= c.tags_bare or "," in s or "|" in s or ":" in s)
    ):
        return "tags"
    if b.words <= c.related and (
        bp.RELATED_RE.match(s) or (b.words <= c.related_cjk and bp.RELATED_CJK_RE.search(s))
    ):
        return "related-links"
    if b.words <= c.teaser and _headline_like(b) and bp.TEASER_TAG_RE.search(s):
        return "related-links"
    if b.words <= c.image_credit and (bp.IMAGE_CREDIT_RE.search(s) or bp.CAPTION_CREDIT_RE.search(s)):
        return "image-credit"
    if _is_timestamp(s, b.words):
        return "timestamp"
    return None


def _mark_blocks(ext: _Extraction) -> None:
    for b in ext.blocks:
        b.reason = _block_reason(b)


def _mark_title(ext: _Extraction) -> None:
    """The headline repeated at the top of the body."""
    titles = {_norm(t) for t in ext.titles}
    for b in ext.blocks[:4]:
        if b.reason is None and b.words <= HTML.repeated_title:
            n = _norm(b.text)
            if n in titles or (b.words >= 4 and any(t.startswith(n) for t in titles)):
                b.reason = "repeated-title"


def _mark_captions(ext: _Extraction) -> None:
    """Figure captions the extractor let into the body (they are kept apart as captions)."""
    caps = {_norm(c) for c in ext.captions}
    caps.discard("")
    if not caps:
        return
    for b in ext.blocks:
        if b.reason is None and _norm(b.text) in caps:
            b.reason = "caption"


def _mark_labelled_runs(ext: _Extraction) -> None:
    """A label ("Related", "Read more", "Tags") heads a run of link teasers or tags."""
    blocks, n = ext.blocks, len(ext.blocks)
    for i, b in enumerate(blocks):
        tags = b.reason is not None and bp.TAGS_LABEL_RE.match(b.text) is not None
        label = b.reason == "related-links" and (
            b.words <= 6 or bp.RELATED_LABEL_RE.match(b.text) is not None
        )
        if not (tags or label):
            continue
        j = i + 1
        while j < n:
            nxt = blocks[j]
            j += 1
            if nxt.reason is not None:
                continue  # already dropped lines do not end the run
            if tags and not nxt.words <= 4:
                break
            # teasers are links: a plain subheading after a "Read more" line is the article going on
            if not tags and not (nxt.link >= 0.3 and (_headline_like(nxt) or nxt.tag == "item")):
                break
            nxt.reason = "tags" if tags else "related-links"


def _mark_link_runs(ext: _Extraction) -> None:
    """Lists of links and runs of link lines: menus, tag clouds, teaser lists."""
    blocks, n = ext.blocks, len(ext.blocks)
    i = 0
    while i < n:  # lists whose every item is a short link text
        if blocks[i].tag == "item" and blocks[i].first_item:
            j = i + 1
            while j < n and blocks[j].tag == "item" and not blocks[j].first_item:
                j += 1
            if all(it.link >= 0.99 and _headline_like(it) for it in blocks[i:j]):
                for it in blocks[i:j]:
                    it.reason = it.reason or "link-list"
            i = j
        else:
            i += 1
    i = 0
    while i < n:  # four or more link-only lines in a row, whatever their markup (dropped lines don't count)
        if blocks[i].reason is not None or not (blocks[i].link >= 0.99 and _headline_like(blocks[i])):
            i += 1
            continue
        j, links = i, 0
        while j < n and (
            blocks[j].reason is not None or (blocks[j].link >= 0.99 and _headline_like(blocks[j]))
        ):
            links += blocks[j].reason is None
            j += 1
        if links >= 4:
            for x in blocks[i:j]:
                x.reason = x.reason or "navigation"
        i = j


def _mark_teasers(ext: _Extraction) -> None:
    """A stand-alone paragraph or heading that is nothing but a headline-like link: a teaser."""
    for b in ext.blocks:
        if (
            b.reason is None
            and b.tag in ("p", "head")
            and b.link >= 0.99
            and _headline_like(b)
            and b.words >= 3
        ):
            b.reason = "teaser-link"


def _mark_tail(ext: _Extraction) -> None:
    """After the article: calls to action, author bios, and lists of other stories."""
    blocks, n = ext.blocks, len(ext.blocks)
    for k in range(max(0, n - 4), n):
        b = blocks[k]
        if b.reason is None and b.words <= 80:
            if b.tag != "item" and (
                (b.words <= 60 and bp.line_reason(b.text) == "call-to-action")
                or (b.words <= 20 and bp.sentence_reason(b.text))
            ):
                b.reason = "call-to-action"
            elif bp.BIO_RE.search(b.text):
                b.reason = "author-bio"
    # One or two bare URLs before the first or after the last paragraph are permalinks and share
    # targets; inside the body, or several in a row, they are references and stay.
    prose = [k for k, b in enumerate(blocks) if b.reason is None and _is_prose(b)]
    urls = [
        b
        for k, b in enumerate(blocks)
        if b.reason is None
        and prose
        and (k < prose[0] or k > prose[-1])
        and b.words <= 12
        and bp.URL_LINE_RE.match(b.text)
    ]
    if len(urls) <= 2:
        for b in urls:
            b.reason = "link"
    last = max(
        (k for k, b in enumerate(blocks) if b.reason is None and _is_prose(b) and b.link < 0.3), default=-1
    )
    tail = [b for b in blocks[last + 1 :] if b.reason is None]
    if last >= 0 and len(tail) >= 2 and all(t.link >= 0.3 for t in tail):
        for t in tail:
            t.reason = "related-links"


# Applied in order; each step sees the reasons set by the previous ones.
_STEPS = [
    _mark_blocks,
    _mark_title,
    _mark_captions,
    _mark_labelled_runs,
    _mark_link_runs,
    _mark_teasers,
    _mark_tail,
]


def _sentence_filter(text: str) -> tuple[str, list[Dropped]]:
    """Drop calls to action hiding at sentence level inside a kept paragraph."""
    if not _OUTLET_VOICE_RE.search(text):
        return text, []  # (only prompts in the outlet's voice are dropped, see below)
    spans = bp.split_sentences(text)
    if len(spans) < 2:
        return text, []
    keep: list[str] = []
    dropped: list[Dropped] = []
    for a, z in spans:
        sent = text[a:z]
        # inside a paragraph only an imperative prompt in the outlet's voice goes: the cue must open
        # the sentence ("Follow us on ...", "Leave a comment and let us know ...")
        why = bp.sentence_reason(" ".join(sent.split()[:8]))
        if why and _OUTLET_VOICE_RE.search(sent):
            dropped.append(Dropped(sent, why))
        else:
            keep.append(sent)
    if not dropped or not keep:
        return text, []
    return " ".join(keep), dropped


@dataclass(slots=True)
class _Body:
    kept: list[_Block]
    dropped: list[Dropped]


def _filter(ext: _Extraction) -> _Body:
    for step in _STEPS:
        step(ext)
    kept: list[_Block] = []
    dropped: list[Dropped] = []
    for b in ext.blocks:
        if b.reason:
            dropped.append(Dropped(b.text, b.reason))
            continue
        if b.tag in ("p", "quote", "other"):
            text, gone = _sentence_filter(b.text)
            if gone:
                dropped.extend(gone)
                b = _Block(text, b.tag, b.link)
        kept.append(b)
    return _Body(kept, dropped)


# ------------------------------------------------------------------------------------------- public API


def extract_body(html: str | bytes, url: str | None = None) -> str:
    """Article body of a page, one block (paragraph, heading, list item) a line, boilerplate removed.

    Raises ValueError with the reason when the page has no extractable text.
    """
    body = _filter(_extract(html, url, with_metadata=False))
    if not body.kept:
        raise ValueError("no article text left once boilerplate was removed")
    return "\n".join(b.text for b in body.kept)


# Fewer words than this is a menu, an error page or a stub, not an article.
_MIN_WORDS = 12


def _plain(text: str | None) -> str | None:
    """Feed summaries may carry markup: their text, whitespace collapsed."""
    if not text or not text.strip():
        return None
    if "<" in text:
        try:
            text = lxml.html.fromstring(f"<div>{text}</div>").text_content()
        except (etree.ParserError, ValueError):
            pass
    return " ".join(text.split()) or None


_BULLET_RE = re.compile(r"^(?:[-•*]|\d{1,3}[.)])\s+")


def _is_copy(dek: str, paragraphs: list[str]) -> bool:
    """Is a description only the opening of the body (often cut short with an ellipsis)?"""
    d = _norm(dek)
    for p in paragraphs[:2]:
        n = _norm(p)
        if not d or not n:
            continue
        if n.startswith(d) or d.startswith(n) or fuzz.partial_ratio(d, n) >= 90:
            return True
    return False


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return meta.parse_any_date(value)


def _outlet(doc: Document, url: str | None) -> str | None:
    if doc.sitename:
        return doc.sitename.strip()
    host = doc.hostname or (urlsplit(url).hostname if url else None)
    if host:
        return host.removeprefix("www.")
    return None


def clean_html(doc: RawDoc) -> Article:
    """Clean one HTML page into an Article: body paragraphs, metadata, captions, and what was dropped.

    Metadata given by the container (RawDoc title/url/published/outlet/byline) wins over the page's.
    Raises ValueError with the reason when the page yields no article text.
    """
    html = decode_html(doc.data)
    ext = _extract(html, doc.url, with_metadata=True)
    body = _filter(ext)
    page = ext.doc
    paragraphs: list[str] = []
    headings: list[str] = []
    for b in body.kept:
        if b.tag == "head":
            headings.append(b.text)
        else:
            paragraphs.append(_BULLET_RE.sub("", b.text) if b.tag == "item" else b.text)
    words = sum(len(p.split()) for p in paragraphs)
    if words < _MIN_WORDS:
        raise ValueError(
            f"no article text on the page (only {words} words left once boilerplate was removed)"
        )

    captions = list(ext.captions)
    captions += [d.text for d in body.dropped if d.reason == "caption" and d.text not in captions]
    dek = _plain(repair_mojibake(doc.summary) if doc.summary else None) or _plain(page.description)
    if dek and _is_copy(dek, paragraphs):
        dek = None
    outlet = meta.tidy_outlet(doc.outlet) if doc.outlet else _outlet(page, doc.url)
    title = (repair_mojibake(doc.title) if doc.title else None) or page.title or None
    if title and not doc.title:
        # a page title carries the site's name ("Headline – TechCrunch"); a container's title is as given
        title, site = meta.title_site(title, outlet)
        outlet = outlet or site
    return Article(
        source=doc.source,
        content_hash=doc.hash,
        kind="html",
        paragraphs=paragraphs,
        title=title,
        dek=dek or None,
        byline=(doc.byline or page.author or None),
        outlet=outlet,
        reported_via=meta.relayed_source(paragraphs, outlet),
        published=meta.parse_any_date(doc.published) if doc.published else _date(page.date),
        url=doc.url or page.url,
        section_headings=headings,
        captions=captions,
        dropped=ext.pruned + body.dropped,
    )
