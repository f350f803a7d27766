"""The text cleaner on real pages from many outlets, rendered to plain-text scrapes.

Each page of ../shared/bench-data/article-extraction is turned into the kind of text a scraper saves
(visible text of the page's article region, or of the whole page, one block a line), then cleaned by
storyline's text cleaner and scored with the benchmark's shingle metric against the gold body.  The
baseline keeps the whole scrape.  This measures the text cleaner on outlets it was never tuned on.

Usage: python bench/eval_text_scrapes.py [--region article|page] [--limit N] [--show K]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_html import DEFAULT_DATA, aggregate, load_pages, score_doc  # noqa: E402
from storyline.clean.text import clean_text  # noqa: E402

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "select",
    "option",
    "head",
    "form",
    "button",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "br",
    "hr",
    "dd",
    "dt",
    "dl",
    "address",
    "time",
}


def render(html: str, region: str) -> str:
    """Visible text, one block a line, blank line between paragraphs, like a copy-paste scrape."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    if region == "article":
        cands = root.xpath("//article") or root.xpath("//main") or root.xpath("//*[@role='main']")
        if cands:
            root = max(cands, key=lambda e: len(e.text_content()))
        else:
            body = root.find("body")
            root = body if body is not None else root
    out: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                out.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            out.append("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "blockquote", "figure") else "\n")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
        if block:
            out.append("\n")
        if el.tail:
            out.append(el.tail)

    walk(root)
    text = "".join(out)
    text = re.sub(r"[ \t\r\f\v\xa0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _date_agreement(art, pg) -> str:  # type: ignore[no-untyped-def]
    from storyline.clean.html import clean_html
    from storyline.model import RawDoc

    try:
        ref = clean_html(RawDoc(source=pg.id, kind="html", data=pg.html.encode("utf-8"))).published
    except ValueError:
        ref = None
    if ref is None:
        return "skip"
    if art is None or art.published is None:
        return "none"
    gap = abs((art.published - ref).days)
    return "same" if gap == 0 else "near" if gap <= 1 else "other"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--region", choices=("article", "page"), default="article")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", type=int, default=0, help="print the K worst pages")
    args = ap.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark data not found at {args.data}")
        return 2
    pages = load_pages(args.data, args.limit)
    base, ours, worst = [], [], []
    dates = {"same": 0, "near": 0, "other": 0, "none": 0, "skip": 0}
    for pg in pages:
        scrape = render(pg.html, args.region)
        base.append(score_doc(pg.truth, scrape))
        art = clean_text(scrape, source=pg.id) if scrape else None
        dates[_date_agreement(art, pg)] += 1
        body = "\n\n".join(art.paragraphs) if art else ""
        sd = score_doc(pg.truth, body)
        ours.append(sd)
        worst.append((sd.tp, pg.id, sd))
    b, o = aggregate(base), aggregate(ours)
    print(f"text scrapes rendered from {len(pages)} real pages ({args.region} region)")
    print(f"  keep everything (baseline): P {b.precision:.3f}  R {b.recall:.3f}  F1 {b.f1:.3f}")
    print(f"  storyline text cleaner    : P {o.precision:.3f}  R {o.recall:.3f}  F1 {o.f1:.3f}")
    # the benchmark has no gold dates: the HTML path's date (trafilatura/htmldate metadata) is the yardstick
    known = sum(v for k, v in dates.items() if k != "skip")
    print(
        f"  published date vs the HTML path's ({known} pages with one): same day {dates['same']}, "
        f"one day apart {dates['near']}, other {dates['other']}, none found {dates['none']}"
    )
    for tp, pid, sd in sorted(worst)[: args.show]:
        print(f"  worst {pid}: tp {tp:.2f} fp {sd.fp:.2f} fn {sd.fn:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
