"""The brief as Markdown: verbatim source spans with citations, under fixed section labels."""

from __future__ import annotations

import re

from storyline.model import DiffPart, StoryReport
from storyline.render.escape import md, safe_url
from storyline.render.view import (
    CELL_MARKS,
    LABELS,
    BriefView,
    Cited,
    ClaimView,
    build_view,
    citation,
    outlet_labels,
)


def _q(c: Cited) -> str:
    """A verbatim span, quoted, with its citations (the part it is about in bold)."""
    pre, mid, post = (md(t) for t in c.parts())
    text = f"{pre}**{mid}**{post}" if c.mark is not None and mid else pre
    return f"“{text}” {citation(c.refs)}".rstrip()


def _diff(parts: list[DiffPart]) -> str:
    out = []
    for p in parts:
        t = md(p.text)
        out.append(t if p.op == "=" else (f"~~{t}~~" if p.op == "-" else f"**{t}**"))
    return " ".join(out)


def _claim_line(cv: ClaimView) -> list[str]:
    lines = [f"- {_q(cv.text)}"]
    who = []
    if cv.support_label:  # "corroborated by 3 independent outlets" or "5 outlets, 3 independent"
        who.append(cv.support_label)
    if cv.own:
        who.append(f"{LABELS['own']}: {', '.join(md(o) for o in cv.own)}")
    for outlet, speakers in cv.attributed:
        who.append(f"{md(outlet)}: {LABELS['attributed']} {', '.join(md(x) for x in speakers)}")
    if who:
        lines[0] += f" — _{'; '.join(who)}_"
    for r in cv.renderings[:4]:
        lines.append(f"  - {LABELS['also']}: {_q(r)}")
    return lines


def _cell(x: str) -> str:
    return md(x)


def render_markdown(report: StoryReport, view: BriefView | None = None) -> str:
    v = view or build_view(report)
    r = report
    span = " – ".join(d.isoformat() for d in (r.start, r.end) if d) if r.start else ""
    out = [f"# {md(r.label)}", ""]
    meta = [f"story {r.story_id}", f"{len(r.sources)} articles", f"{v.independent} independent sources"]
    if span:
        meta.insert(1, span)
    out += [f"_{' · '.join(meta)}_", ""]

    out += [f"## {LABELS['overview']}", ""]
    out += [" ".join(f"{md(c.text)} {citation(c.refs)}" for c in v.overview) or LABELS["none"], ""]

    out += [f"## {LABELS['key_claims']}", ""]
    for cv in v.key_claims:
        out += _claim_line(cv)
    out += ([] if v.key_claims else [LABELS["none"]]) + [""]

    out += [f"## {LABELS['quotes']}", ""]
    for speaker, groups in v.quotes.items():
        out += [f"### {md(speaker)}", ""]
        for g in groups:
            out.append(f"- {LABELS['denies'] + ' ' if g.denied else ''}{_q(g.text)}")
            for var in g.variants:
                who = f" ({md(var.speaker)})" if var.speaker and var.speaker != g.speaker else ""
                out.append(
                    f"  - {LABELS['variant']} {md(var.outlet)}{who} {citation(var.text.refs)}: {_diff(var.diff)}"
                )
        out.append("")
    if not v.quotes:
        out += [LABELS["none"], ""]

    out += [f"## {LABELS['conflicts']}", ""]
    for c in v.conflicts:
        out += [f"- **{c.label}** ({c.scope}): {md(c.reason)}", f"  - {_q(c.a)}", f"  - {_q(c.b)}"]
    out += ([] if v.conflicts else [LABELS["none"]]) + [""]

    out += [f"## {LABELS['single']}", ""]
    for cv in v.single:
        out += _claim_line(cv)
    out += ([] if v.single else [LABELS["none"]]) + [""]

    out += [f"## {LABELS['coverage']}", ""]
    if v.coverage_rows:
        outlets = outlet_labels(r)
        out.append("| # | claim | " + " | ".join(_cell(o) for o in outlets) + " |")
        out.append("|---|---|" + "---|" * len(outlets))
        for cid, text, cells in v.coverage_rows:
            short = " ".join(text.text.split())
            short = md(short if len(short) <= 90 else short[:87] + "…")
            out.append(
                f"| {cid} | “{short}” {citation(text.refs)} | "
                + " | ".join(CELL_MARKS[x] for x in cells)
                + " |"
            )
        out += [
            "",
            f"{CELL_MARKS['own']} {LABELS['cell_own']} · {CELL_MARKS['attributed']} {LABELS['cell_attributed']} · "
            f"{CELL_MARKS['copy']} {LABELS['cell_copy']}",
        ]
    else:
        out.append(LABELS["none"])
    out.append("")

    out += [f"## {LABELS['omissions']}", ""]
    for outlet, claims in v.omissions.items():
        out += [f"### {md(outlet)} {LABELS['left_out']}", ""]
        for cv in claims:
            out.append(f"- {cv.cluster}: {_q(cv.text)}")
        out.append("")
    if not v.omissions:
        out += [LABELS["none"], ""]

    out += [f"## {LABELS['framing']}", ""]
    for outlet, sigs in v.framing.items():
        out += [f"### {md(outlet)}", ""]
        for s in sigs:
            if s.kind == "headline":
                out.append(f"- {LABELS['headline']} {s.cluster}: {_q(s.text)}")
            else:
                out.append(f"- {LABELS[s.kind]} **{md(s.cue)}**: {_q(s.text)}")
        out.append("")
    if not v.framing:
        out += [LABELS["none"], ""]

    out += [f"## {LABELS['timeline']}", ""]
    for e in v.timeline:
        mark = " (inferred)" if e.inferred else ""
        out.append(
            f"- **{e.date}**{mark}"
            + (f" · {md(e.label.split(' · ', 1)[-1])}" if e.label and " · " in e.label else "")
        )
        for item in e.items[:6]:
            out.append(f"  - {_q(item)}")
    out += ([] if v.timeline else [LABELS["none"]]) + [""]

    out += [f"## {LABELS['sources']}", ""]
    for src in r.sources:
        bits = [f"[{src.ref}] {md(src.outlet)}"]
        if src.title:
            bits.append(f"“{md(src.title)}”")
        if src.published:
            bits.append(src.published.isoformat())
        if src.reported_via:
            bits.append(f"{LABELS['relays']} {md(src.reported_via)}")
        if not src.analysed:
            bits.append(LABELS["not_analysed"].format(lang=md(src.language or "?")))
        if src.duplicate_of is not None:
            dup = next((x.ref for x in r.sources if x.article_id == src.duplicate_of), None)
            if dup:
                bits.append(f"{LABELS['copy_of']} [{dup}]")
        url = safe_url(src.url)
        bits.append(f"<{url}>" if url and not re.search(r"[<>\s]", url) else md(src.url or src.source))
        out.append("- " + " · ".join(bits))
    out.append("")
    return "\n".join(out)
