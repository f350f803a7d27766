"""Cleaning of HTML pages: trafilatura finds the article, storyline's boilerplate knowledge trims it.

trafilatura (https://trafilatura.readthedocs.io) locates the main content of a page and returns it as
a small XML tree of blocks (paragraphs, headings, lists, quotes, tables).  What it lets through is the
boilerplate that sits *inside* the article container: related-link teasers, newsletter and follow
prompts, share counters, reporting credits, image credits, copyright lines, reading-time widgets,
live-blog timestamps.  Each block is judged here by the shared line rules (``clean.boilerplate``) and by
what only HTML shows (link density of a block, list structure, headings, the page title), and every
removal is kept with its reason.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import lxml.etree as etree
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from storyline.clean import boilerplate as bp
from storyline.clean import meta
from storyline.ingest.decode import check_bytes, decode_bytes
from storyline.model import Article, Dropped, RawDoc

# htmldate settings: the date the article was first published, from markup only (no text scan).
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}

# ------------------------------------------------------------------------------------------- decoding

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: pages labelled latin-1 or ASCII are decoded as windows-1252.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "iso8859-1": "cp1252"}


def decode_html(data: bytes) -> str:
    """Bytes of a page -> text: UTF-8 (or a BOM), else the declared charset, else detection."""
    check_bytes(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    head = data[:16384]
    m = _XML_DECL_RE.search(head) or _META_CHARSET_RE.search(head)
    if m:
        label = m.group(1).decode("ascii", "ignore").lower()
        if label not in ("utf-8", "utf8"):  # a page that says UTF-8 but is not: the label is wrong
            try:
                return data.decode(_CHARSET_ALIASES.get(label, label))
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_bytes(data)  # charset detection


# ------------------------------------------------------------------------------------------- extraction


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", unicodedata.normalize("NFKC", s).casefold()).strip()




@dataclass(slots=True)
class _Block:
    """One line of the extracted body, as trafilatura laid it out."""

    text: str
    tag: str  # p | head | item | quote | table | other
    link_ratio: float  # share of the block's characters inside links
    start_of_list: bool = False
    reason: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(slots=True)
class _Extraction:
    blocks: list[_Block]
    doc: Document
    tree: HtmlElement
    titles: list[str] = field(default_factory=list)


def _render(el: etree._Element) -> list[str]:
    """The element's lines as trafilatura's text output shows them (without its tail)."""
    tail, el.tail = el.tail, None
    try:
        text = xmltotxt(el, False)
    finally:
        el.tail = tail
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _blocks(body: etree._Element, anchors: set[str]) -> list[_Block]:
    out: list[_Block] = []
    for el in body:
        if el.tag == "list":
            units = [(item, "item", i == 0) for i, item in enumerate(el)]
        else:
            units = [(el, el.tag if el.tag in ("p", "head", "quote", "table") else "other", False)]
        for unit, tag, first in units:
            for k, line in enumerate(_render(unit)):
                # trafilatura's own link markup changes what it extracts, so link text is looked up
                # in the page's anchors instead: a block that is exactly a link's text is a link
                ratio = 1.0 if _norm(line) in anchors else 0.0
                out.append(_Block(line, tag, ratio, first and k == 0))
    return out


def _anchor_texts(tree: HtmlElement) -> set[str]:
    texts = set()
    for a in tree.iter("a"):
        t = _norm(a.text_content())
        if t:
            texts.add(t)
    return texts


def _titles(tree: HtmlElement, doc: Document) -> list[str]:
    """Every form of the headline the page gives: metadata title, og:title, <title>, first <h1>."""
    found: list[str] = []
    if doc.title:
        found.append(doc.title)
    for xp in ('//meta[@property="og:title"]/@content', '//meta[@name="twitter:title"]/@content',
               "//title/text()", "(//h1)[1]//text()"):
        vals = tree.xpath(xp)
        if vals:
            text = " ".join(str(v) for v in vals) if xp.startswith("(//h1)") else str(vals[0])
            text = " ".join(text.split())
            if text:
                found.append(text)
    return found


def _extract(html: str | bytes, url: str | None, with_metadata: bool) -> _Extraction:
    if isinstance(html, bytes):
        html = decode_html(html)
    if not html.strip():
        raise ValueError("empty page")
    try:
        tree = load_html(html)
        if tree is None:
            raise ValueError("not parseable as HTML")
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            favor_precision=True,
            include_tables=True,
            with_metadata=with_metadata,
            date_extraction_params=_DATE_PARAMS,
        )
    except RecursionError as e:
        raise ValueError("page too deeply nested to parse") from e
    if doc is None or doc.body is None or not len(doc.body):
        raise ValueError("no extractable article text on the page")
    ext = _Extraction(_blocks(doc.body, _anchor_texts(tree)), doc, tree)
    ext.titles = _titles(tree, doc)
    return ext


# ------------------------------------------------------------------------------------------- rules

_LETTER_RE = re.compile(r"[^\W\d_]")
_TERMINAL = (".", "!", "?", "…", '"', "”", "’", "»", ")", "]")
_EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_HANDLE_RE = re.compile(r"(?<![\w@])@\w{2,}")

_CREDITS_RE = re.compile(
    r"^\(?(?:(?:additional |with )?reporting|writing|editing|edited|compiled|research|translated|produced|"
    r"graphics|photography|video)(?: and \w+)? by\b|"
    r"\bcontributed (?:reporting|to this (?:report|story|article))|"
    r"^(?:contributing|with|additional) ?(?:reporting)?\s*:|"
    r"^(?:with )?(?:[\w.]+ )?(?:wires?|wire services|news agencies|agencies)\.?$|"
    r"^staff reports?\.?$",
    re.I,
)
_CONTACT_RE = re.compile(
    r"^(?:have a (?:news )?tip|got a (?:news )?tip|send (?:us )?(?:a )?tips?|reach (?:the )?(?:reporter|writer|author|"
    r"\w+ \w+) (?:at|on|via)|contact (?:the )?(?:reporter|writer|author|us)|email (?:the author|us|him|her|them)|"
    r"follow (?:him|her|them|me|us|\w+(?: \w+)?) (?:on|at|@)|(?:you can )?follow @?\w+ on)",
    re.I,
)
_READING_TIME_RE = re.compile(
    r"^(?:(?:estimated )?(?:reading|read) time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|"
    r"lesedauer|tempo di lettura|leestijd)\s*:?\s*(?:\d+|less than|<|~)?.{0,20}$|"
    r"^\d+\s*(?:-|–)?\s*(?:min(?:ute)?s?|minutos?|minuten?|minuti)\.?\s*(?:read|de leitura|de lectura|de lecture|"
    r"lesezeit|di lettura|leestijd)\b",
    re.I,
)
_TAGS_RE = re.compile(
    r"^(?:tags?|tagged(?: with)?|filed under|categories|category|topics?|keywords|related topics|"
    r"schlagworte|schlagwörter|etiquetas|temas|argomenti|mots-clés|sujets)\s*:",
    re.I,
)
_RELATED_INTL_RE = re.compile(
    r"^(?:leggi anche|leggi pure|lesen sie auch|lesen sie mehr|mehr zum thema|lire aussi|à lire aussi|a lire aussi|"
    r"voir aussi|leia também|leia mais|veja também|veja mais|lea también|lee también|ver también|"
    r"te puede interesar|también te puede interesar|czytaj także|читайте также|смотрите также|"
    r"also on [\w.-]+|more (?:from|on|about) [^:]{1,40}:|related posts?:|related articles?:|see more:|"
    r"watch:|listen:|video:|more:|also:|more reading:|recommended(?: reading)?:|suggested reading:)",
    re.I,
)
_REPRINT_RE = re.compile(
    r"(?:this copy is for your personal,? non-?commercial use|to order presentation-ready copies|"
    r"distributed by [\w ]+ (?:content|syndication)|reprints? (?:and|&) permissions|"
    r"this (?:article|story) (?:was|has been) (?:originally )?(?:published|produced) (?:by|on|in)|"
    r"this (?:article|story) (?:first |originally )?appeared (?:on|in)|republished with permission|"
    r"this material may not be published, broadcast, rewritten,? or redistributed)",
    re.I,
)
_COPYRIGHT_INTL_RE = re.compile(
    r"(?:alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|todos os direitos reservados|"
    r"tutti i diritti riservati|все права защищены|무단\s?전재|재배포\s?금지|無断転載|転載禁止|版权所有|"
    r"版權所有|未经授权|不得转载)",
    re.I,
)
# A photo credit in the agencies' bracket form ("[Photo=Agency]", "(Photo: X)") or a leading credit label.
_IMAGE_CREDIT_RE = re.compile(
    r"^[\[(]?\s*(?:photo|photos|image|images|picture|pictures|credit|credits|illustration|foto|fotos|bild|"
    r"사진|写真|图片|фото)\s*(?:[:=/]|by\b|credit\b|courtesy\b)|"
    r"^(?:getty images|ap photo|reuters|afp|epa|shutterstock|istock(?:photo)?|anadolu(?: agency)?)"
    r"(?:\s*/\s*[\w .]+)?\s*$",
    re.I,
)
_TIMESTAMP_RE = re.compile(
    r"^(?:(?:updated|posted|published|last updated|modified|edited)(?: on| at)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?"
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)\s*(?:[A-Z]{2,5})?|\d{1,2}:\d{2}(?:\s*[A-Z]{2,5})?|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|"
    r"\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})"
    r"(?:[\s,|·•-]+(?:\d{1,2}[:.]\d{2}(?:\s*(?:a\.?m\.?|p\.?m\.?))?|[A-Z]{2,5}|at|\d{1,2}[./]\d{1,2}[./]\d{2,4}))*"
    r"(?:\s*(?:by|-|–|—|\|)\s*[\w .'-]{0,40})?$",
    re.I,
)


def _headline_like(b: _Block) -> bool:
    """A short line without sentence punctuation: a headline, a label or a link text."""
    return 1 <= b.words <= 20 and not b.text.rstrip().endswith((".", ";", ",", "…", ":", "!"))


def _is_prose(b: _Block) -> bool:
    return (b.words >= 8 and b.text.rstrip().endswith(_TERMINAL)) or b.words >= 25


def _block_reason(b: _Block) -> str | None:
    """Reason when one block is boilerplate by itself."""
    s = b.text
    if not _LETTER_RE.search(s):
        return "separator"
    if len(s.split()) > 60:
        return None  # a long paragraph is the article's whatever words it contains
    why = bp.line_reason(s)
    if why:
        return why
    if _CREDITS_RE.search(s) and b.words <= 50:
        return "credits"
    if _REPRINT_RE.search(s):
        return "reprint-notice"
    if _COPYRIGHT_INTL_RE.search(s) and b.words <= 30:
        return "copyright"
    if b.words <= 40 and _CONTACT_RE.search(s):
        return "author-contact"
    if b.words <= 25 and (_EMAIL_RE.search(s) or (_HANDLE_RE.search(s) and re.search(r"\bfollow\b", s, re.I))):
        return "author-contact"
    if b.words <= 10 and _READING_TIME_RE.search(s):
        return "reading-time"
    if b.words <= 60 and _TAGS_RE.search(s):
        return "tags"
    if b.words <= 30 and _RELATED_INTL_RE.search(s):
        return "related-links"
    if b.words <= 30 and (_IMAGE_CREDIT_RE.search(s) or bp.CAPTION_CREDIT_RE.search(s)):
        return "image-credit"
    if b.words <= 14 and _TIMESTAMP_RE.match(s):
        return "timestamp"
    return None


def _mark_blocks(blocks: list[_Block], titles: list[str]) -> None:
    for b in blocks:
        b.reason = _block_reason(b)


def _mark_title(blocks: list[_Block], titles: list[str]) -> None:
    """The headline repeated at the top of the body."""
    norm_titles = {_norm(t) for t in titles if t}
    for b in blocks[:4]:
        if b.reason is None and b.words <= 40 and (_norm(b.text) in norm_titles or any(
                nt.startswith(_norm(b.text)) and b.words >= 4 for nt in norm_titles)):
            b.reason = "repeated-title"


def _mark_labelled_runs(blocks: list[_Block], titles: list[str]) -> None:
    """A related-links label ("Related", "Read more", "You may also like") heads a run of link teasers."""
    n = len(blocks)
    for i, b in enumerate(blocks):
        if b.reason != "related-links" or not _headline_like(b):
            continue
        j = i + 1
        while j < n and blocks[j].reason is None and _headline_like(blocks[j]) and (
                blocks[j].tag == "item" or blocks[j].link_ratio >= 0.5 or blocks[j].tag == "head"):
            blocks[j].reason = "related-links"
            j += 1


def _mark_link_lists(blocks: list[_Block], titles: list[str]) -> None:
    """Lists made of links (each item mostly a link, headline-like): navigation or teasers."""
    i, n = 0, len(blocks)
    while i < n:
        if blocks[i].tag == "item" and blocks[i].start_of_list:
            j = i + 1
            while j < n and blocks[j].tag == "item" and not blocks[j].start_of_list:
                j += 1
            items = blocks[i:j]
            if all(it.link_ratio >= 0.8 and _headline_like(it) for it in items):
                for it in items:
                    it.reason = it.reason or "link-list"
            i = j
        else:
            i += 1


def _mark_teasers(blocks: list[_Block], titles: list[str]) -> None:
    """A stand-alone paragraph that is nothing but a headline-like link: a teaser."""
    for b in blocks:
        if b.reason is None and b.tag in ("p", "head") and b.link_ratio >= 0.9 and _headline_like(b) and b.words >= 3:
            b.reason = "teaser-link"


def _mark_tail(blocks: list[_Block], titles: list[str]) -> None:
    """After the last paragraph of prose, a run of headline-like links is a list of other stories."""
    last = max((k for k, b in enumerate(blocks) if b.reason is None and _is_prose(b)), default=-1)
    tail = [b for b in blocks[last + 1:] if b.reason is None]
    if last >= 0 and len(tail) >= 3 and all(_headline_like(t) and t.link_ratio >= 0.5 for t in tail):
        for t in tail:
            t.reason = "related-links"


# Applied in order; each step sees the reasons set by the previous ones.
_STEPS = [_mark_blocks, _mark_title, _mark_labelled_runs, _mark_link_lists, _mark_teasers, _mark_tail]


def _mark(blocks: list[_Block], titles: list[str]) -> None:
    """Set ``reason`` on every boilerplate block (structure-aware, in place)."""
    for step in _STEPS:
        step(blocks, titles)


def _sentence_filter(text: str) -> tuple[str, list[Dropped]]:
    """Drop calls to action hiding at sentence level inside a kept paragraph."""
    spans = bp.split_sentences(text)
    if len(spans) < 2:
        return text, []
    keep: list[str] = []
    dropped: list[Dropped] = []
    for a, z in spans:
        sent = text[a:z]
        why = bp.sentence_reason(sent)
        if why:
            dropped.append(Dropped(sent, why))
        else:
            keep.append(sent)
    if not dropped or not keep:
        return text, []
    return " ".join(keep), dropped


@dataclass(slots=True)
class _Body:
    lines: list[tuple[str, str]]  # (tag, text) of every kept block in order
    dropped: list[Dropped]


def _filter(ext: _Extraction) -> _Body:
    _mark(ext.blocks, ext.titles)
    lines: list[tuple[str, str]] = []
    dropped: list[Dropped] = []
    for b in ext.blocks:
        if b.reason:
            dropped.append(Dropped(b.text, b.reason))
            continue
        text = b.text
        if b.tag in ("p", "quote", "other"):
            text, gone = _sentence_filter(text)
            dropped.extend(gone)
        lines.append((b.tag, text))
    return _Body(lines, dropped)


# ------------------------------------------------------------------------------------------- public API


def extract_body(html: str | bytes, url: str | None = None) -> str:
    """Article body of a page: one block (paragraph, heading, list item) a line, boilerplate removed.

    Raises ValueError with the reason when the page has no extractable text.
    """
    body = _filter(_extract(html, url, with_metadata=False))
    if not body.lines:
        raise ValueError("no article text left once boilerplate was removed")
    return "\n".join(text for _, text in body.lines)
