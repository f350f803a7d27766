"""The brief as one standalone HTML file: inline CSS, inline SVG pictures, no external resources.

The coverage matrix (claim cluster x outlet) and the timeline are drawn as inline SVG, so the file
works offline and prints. Templates live in ``storyline/render/templates``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from storyline.model import StoryReport
from storyline.render.escape import md, safe_url
from storyline.render.view import (
    CELL_MARKS,
    KIND_LABELS,
    LABELS,
    BriefView,
    build_view,
    citation,
    outlet_labels,
)

LABEL_GAP = 64  # px between two date labels on one side of the timeline: "2024-10-14" is about 55 px wide
CELL_COLOURS = {"own": "#1f6f8b", "attributed": "#7fb3c8", "copy": "#c9c9c9", "": "#f4f4f4"}


def make_environment(*loaders: BaseLoader) -> Environment:
    """A Jinja2 environment over ``loaders`` then the brief's own templates (autoescaped: every source
    string is escaped); the web app adds its templates in front."""
    env = Environment(
        loader=ChoiceLoader([*loaders, PackageLoader("storyline.render", "templates")]),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cite"] = citation
    env.filters["squash"] = lambda s: " ".join(str(s).split())
    return env


@lru_cache(maxsize=1)
def environment() -> Environment:
    return make_environment()


_QUOTED_VALUE = re.compile(r"“([^”]{1,120})”")


def conflict_side(text: str, reason: str) -> Markup:
    """A conflict's span, escaped, with the values the reason quotes from it marked: the two sides of
    a conflict show at a glance where they differ."""
    shown = str(escape(" ".join(text.split())))
    values = sorted(
        {str(escape(v)) for v in _QUOTED_VALUE.findall(reason) if v.strip()}, key=len, reverse=True
    )
    if values:
        shown = re.sub("|".join(re.escape(v) for v in values), lambda m: f"<mark>{m.group(0)}</mark>", shown)
    return Markup(shown)


def cluster_badges(report: StoryReport) -> dict[int, tuple[int, int]]:
    """cluster id -> (outlets stating it, independent outlets among them)."""
    out = {}
    for c, co in zip(report.clusters, report.corroboration, strict=True):
        out[c.id] = (len({m.outlet for m in c.members}), co.independent)
    return out


def brief_context(report: StoryReport, view: BriefView, pictures: bool = True) -> dict[str, Any]:
    """What the shared brief templates read besides the view: pictures (unless the caller draws its
    own), labels and link helpers."""
    badges = cluster_badges(report)
    by_ref = {s.ref: s for s in report.sources}

    def outlet_of(c: Any) -> str:
        return ", ".join(by_ref[n].outlet for n in c.refs if n in by_ref)

    return {
        "r": report,
        "v": view,
        "L": LABELS,
        "K": KIND_LABELS,
        "marks": CELL_MARKS,
        "colours": CELL_COLOURS,
        "outlets": outlet_labels(report),
        "matrix": coverage_svg(report) if pictures else Markup(""),
        "timeline": timeline_svg(report) if pictures else Markup(""),
        "badge": lambda cid: badges.get(cid, (0, 0)),
        "outlet_of": outlet_of,
        "safe_url": safe_url,
        "conflict_side": conflict_side,
        "cite_href": lambda n, _text=None: f"#src-{n}",
        "cite_limit": None,
    }


def coverage_svg(report: StoryReport, cell: int = 22) -> Markup:
    """Claim clusters as rows, outlets as columns; a filled cell says the outlet states the claim."""
    cov = report.coverage
    if not cov.cells:
        return Markup("")
    left = 48
    full = outlet_labels(report)
    labels = [o if len(o) <= 30 else o[:29] + "…" for o in full]
    # and above the grid: about 5.2 px a character rises at -55°
    label_h = max(60, int(5.2 * max((len(x) for x in labels), default=0)) + 16)
    # rotated labels reach right of their column: room for the longest (about 3.6 px a character at -55°)
    w = left + cell * len(cov.outlets) + 10 + int(3.6 * max((len(x) for x in labels), default=0))
    h = label_h + cell * len(cov.cells) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="matrix" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" aria-label="{escape(LABELS["coverage"])}">'
    ]
    for j, name in enumerate(labels):
        x = left + j * cell + cell / 2
        parts.append(
            f'<text x="{x:.1f}" y="{label_h - 6}" transform="rotate(-55 {x:.1f} {label_h - 6})" '
            f'font-size="11">{escape(name)}</text>'
        )
    for i, (cid, row) in enumerate(zip(cov.clusters, cov.cells, strict=True)):
        y = label_h + i * cell
        parts.append(
            f'<text x="{left - 6}" y="{y + cell * 0.7:.1f}" font-size="11" text-anchor="end">{cid}</text>'
        )
        for j, state in enumerate(row):
            x = left + j * cell
            title = f"{cid} × {full[j]}: {LABELS.get('cell_' + state, '—') if state else '—'}"
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" rx="3" '
                f'fill="{CELL_COLOURS[state]}"><title>{escape(title)}</title></rect>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline_svg(report: StoryReport, width: int = 760) -> Markup:
    """Dated entries on a time axis; a dot's size grows with the number of articles reporting it."""
    entries = report.timeline
    if not entries:
        return Markup("")
    first, last = entries[0].date, entries[-1].date
    span = max((last - first).days, 1)
    left, right, axis_y = 40, 40, 60
    inner = width - left - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="timeline" width="{width}" height="120" '
        f'viewBox="0 0 {width} 120" aria-label="{escape(LABELS["timeline"])}">',
        f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#555"/>',
    ]
    last_label = {True: -1e9, False: -1e9}
    for k, e in enumerate(entries):
        x = left + inner * (e.date - first).days / span
        r = 4 + 2 * min(len(e.article_ids), 6)
        colour = "#b05a2c" if e.inferred else "#1f6f8b"
        tip = f"{e.date.isoformat()}: {len(e.article_ids)} article(s)"
        if e.evidence:
            first_span = " ".join(e.evidence[0].text.split())
            tip += " — “" + (first_span if len(first_span) <= 200 else first_span[:199] + "…") + "”"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{axis_y}" r="{r}" fill="{colour}" fill-opacity="0.75">'
            f"<title>{escape(tip)}</title></circle>"
        )
        # labels alternate above and below the axis; one that would overprint the previous label on
        # both sides is left out (its dot keeps the tooltip)
        sides = [k % 2 == 0, k % 2 != 0]
        room = [side for side in sides if x - last_label[side] >= LABEL_GAP]
        if not room:
            continue
        up = room[0]
        last_label[up] = x
        y = axis_y - r - 6 if up else axis_y + r + 14
        parts.append(
            f'<text x="{x:.1f}" y="{y}" font-size="10" text-anchor="middle">{e.date.isoformat()}</text>'
        )
        # where, from the event's label ("2024-10-08 · Fennick Road, Port of Kestrel Bay")
        place = e.label.split(" · ", 1)[1].split(",")[0].strip() if " · " in (e.label or "") else ""
        if place:
            place = place if len(place) <= 20 else place[:19] + "…"
            py = y - 12 if up else y + 12
            parts.append(
                f'<text x="{x:.1f}" y="{py}" font-size="9" fill="#666" text-anchor="middle">{escape(place)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def render_html(report: StoryReport, view: BriefView | None = None) -> str:
    v = view or build_view(report)
    return environment().get_template("brief.html.j2").render(**brief_context(report, v))


@dataclass(slots=True)
class IndexEntry:
    """One story in the index page: its label, span, size and brief file names."""

    story_id: int
    label: str
    start: str
    end: str
    articles: int
    independent: int
    corroborated: int
    conflicts: int
    files: dict[str, str]


def render_index_html(entries: Sequence[IndexEntry], title: str = "storyline briefs") -> str:
    return environment().get_template("index.html.j2").render(entries=entries, title=title)


def render_index_md(entries: Sequence[IndexEntry], title: str = "storyline briefs") -> str:
    lines = [
        f"# {title}",
        "",
        "| story | span | articles | independent | corroborated | conflicts | brief |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in entries:
        span = e.start + (f" – {e.end}" if e.end and e.end != e.start else "")
        links = " · ".join(f"[{fmt}]({name})" for fmt, name in e.files.items())
        label = md(e.label)
        lines.append(
            f"| {e.story_id}: {label} | {span} | {e.articles} | {e.independent} | {e.corroborated} | {e.conflicts} | {links} |"
        )
    return "\n".join(lines) + "\n"
