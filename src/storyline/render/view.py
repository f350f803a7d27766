"""What the brief shows, in order, shared by the Markdown and HTML renderers.

The view only selects and orders spans of the ``StoryReport`` and attaches citation numbers; every
text it carries is a verbatim source span. The only other words in a brief are the fixed labels
in ``LABELS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.compare.align import shown_text, starts_alone
from storyline.compare.conflicts import CONFLICT_KINDS
from storyline.model import (
    ClaimCluster,
    ClaimMember,
    Conflict,
    Corroboration,
    DiffPart,
    OutletSupport,
    QuoteGroup,
    SourceRef,
    StoryReport,
)

LABELS = {
    "overview": "Overview",
    "key_claims": "Key claims",
    "quotes": "Who said what",
    "conflicts": "Conflicts and inconsistencies",
    "single": "Single-source claims",
    "coverage": "Coverage matrix",
    "omissions": "Omissions by outlet",
    "framing": "Framing signals",
    "timeline": "Timeline",
    "sources": "Sources",
    "corroborated": "corroborated by {n} independent outlets",
    "outlets": "{n} outlets, {m} independent",
    "copies": "copied by",
    "relayed": "relayed by",
    "single_label": "single source",
    "own": "own assertion",
    "attributed": "attributed to",
    "unnamed": "a speaker it does not name",
    "also": "also told as",
    "variant": "variant",
    "denies": "denies:",
    "left_out": "leaves out",
    "headline": "headline foregrounds claim",
    "loaded": "loaded wording",
    "hedge": "hedge",
    "none": "None found.",
    "relays": "relays",
    "copy_of": "copy of",
    "not_analysed": "not analysed (language: {lang})",
    "cell_own": "stated as its own",
    "cell_attributed": "attributed to a speaker",
    "cell_copy": "through a copy",
}
KIND_LABELS: dict[str, str] = {kind: spec.label for kind, spec in CONFLICT_KINDS.items()}
CELL_MARKS = {"own": "●", "attributed": "◐", "copy": "○", "": ""}


@dataclass(slots=True)
class Cited:
    text: str
    refs: list[int]
    field: str = "text"
    mark: tuple[int, int] | None = None  # the part of ``text`` the item is about (a piece of a longer claim)

    def parts(self) -> tuple[str, str, str]:
        """Text before the mark, the marked part, text after it; whitespace runs folded to one space."""
        if self.mark is None:
            return re.sub(r"\s+", " ", self.text).strip(), "", ""
        a, b = self.mark
        pre, mid, post = (re.sub(r"\s+", " ", t) for t in (self.text[:a], self.text[a:b], self.text[b:]))
        return pre.lstrip(), mid.strip(), post.rstrip()


@dataclass(slots=True)
class ClaimView:
    cluster: int
    text: Cited
    label: str
    independent: int
    own: list[str] = field(
        default_factory=list
    )  # outlets asserting it themselves (with the outlets copying them)
    attributed: list[tuple[str, list[str]]] = field(default_factory=list)  # (outlet, speakers)
    renderings: list[Cited] = field(default_factory=list)  # other members, one per article
    outlets: int = 0  # outlets stating it, copies included

    @property
    def support_label(self) -> str:
        """ "corroborated by 3 independent outlets", or "5 outlets, 3 independent" when copies or
        relays are among them."""
        if self.outlets > self.independent:
            return LABELS["outlets"].format(n=self.outlets, m=self.independent)
        return LABELS["corroborated"].format(n=self.independent) if self.label == "corroborated" else ""


@dataclass(slots=True)
class VariantView:
    text: Cited
    outlet: str
    speaker: str | None
    diff: list[DiffPart]
    same: bool


@dataclass(slots=True)
class QuoteView:
    id: int
    speaker: str
    kind: str
    text: Cited  # the reference rendering, cited by every article that renders it identically
    variants: list[VariantView] = field(default_factory=list)
    denied: bool = False  # the speaker denies these words: shown as "denies: ..."


@dataclass(slots=True)
class ConflictView:
    kind: str
    label: str
    reason: str
    scope: str
    a: Cited
    b: Cited


@dataclass(slots=True)
class FramingView:
    outlet: str
    kind: str
    cue: str
    text: Cited
    cluster: int | None = None


@dataclass(slots=True)
class TimelineView:
    date: str
    label: str
    inferred: bool
    kind: str
    items: list[Cited] = field(default_factory=list)


@dataclass(slots=True)
class BriefView:
    report: StoryReport
    overview: list[Cited]
    key_claims: list[ClaimView]
    single: list[ClaimView]
    quotes: dict[str, list[QuoteView]]
    conflicts: list[ConflictView]
    coverage_rows: list[tuple[int, Cited, list[str]]]
    omissions: dict[str, list[ClaimView]]
    framing: dict[str, list[FramingView]]
    timeline: list[TimelineView]
    independent: int


def outlet_labels(report: StoryReport) -> list[str]:
    """Coverage column labels: an outlet carrying another's report says whose ("X (via AP)"), as the
    claims' support lines name the voice it speaks with."""
    via = {s.outlet: s.reported_via for s in report.sources if s.reported_via}
    return [f"{o} (via {via[o]})" if via.get(o) else o for o in report.coverage.outlets]


def _refs(report: StoryReport) -> dict[int, int]:
    return {s.article_id: s.ref for s in report.sources}


def _member_text(m: ClaimMember, sentence: bool) -> str:
    if sentence and m.context is not None:
        return m.context.text
    return shown_text(m)


def _overview_member(c: ClaimCluster, sentence: bool) -> ClaimMember:
    """The member whose sentence opens the overview's paragraph well: the representative unless its
    sentence leans on one before it ("She rated the risk ...") and another member's does not."""
    rep = c.members[c.representative]
    if not sentence or rep.context is None or starts_alone(rep.context.text):
        return rep
    for m in c.members:
        if m.context is not None and starts_alone(m.context.text) and not m.secondary:
            return m
    return rep


def speaker_label(name: str) -> str:
    """A speaker as a reader is told of them: a quote whose speaker the analysis could not tell is
    "attributed to a speaker it does not name", not to someone called "unknown"."""
    return LABELS["unnamed"] if name == "unknown" else name


def shown(m: ClaimMember, refs: list[int]) -> Cited:
    """The member as shown, with the piece marked when the whole claim stands in for it."""
    text = shown_text(m)
    mark = None
    if m.whole is not None and text == m.whole.text:
        a, b = m.span.start - m.whole.start, m.span.end - m.whole.start
        if 0 <= a < b <= len(text) and (a, b) != (0, len(text)):
            mark = (a, b)
    return Cited(text, refs, "text" if m.part == "body" else m.part, mark=mark)


def build_view(report: StoryReport, overview_sentences: bool = True) -> BriefView:
    ref = _refs(report)

    def cite_ref(r: SourceRef) -> Cited:
        return Cited(r.text, [ref[r.article_id]] if r.article_id in ref else [], r.field)

    def cites(ids: list[int]) -> list[int]:
        return sorted({ref[a] for a in ids if a in ref})

    by_id: dict[int, tuple[ClaimCluster, Corroboration]] = {
        c.id: (c, co) for c, co in zip(report.clusters, report.corroboration, strict=True)
    }

    outlet_of = {x.article_id: x.outlet for x in report.sources}

    def voice(sup: OutletSupport) -> str:
        """The independent source, with the other outlets whose copies of it count with it and those
        that relay its word (they attribute its statement to it, or say they report its story)."""
        copied = sorted({outlet_of[a] for a in sup.copies if a in outlet_of} - {sup.outlet})
        relayed = sorted(
            {outlet_of[a] for a in sup.relaying if a in outlet_of and a not in sup.copies}
            - {sup.outlet}
            - set(copied)
        )
        parts = [
            f"{LABELS[key]} {', '.join(names)}"
            for key, names in (("copies", copied), ("relayed", relayed))
            if names
        ]
        return f"{sup.outlet} ({'; '.join(parts)})" if parts else sup.outlet

    def claim_view(c: ClaimCluster, co: Corroboration) -> ClaimView:
        rep = c.members[c.representative]
        rep_text = shown_text(rep)
        same_text = [m.article_id for m in c.members if shown_text(m) == rep_text]
        others: list[Cited] = []
        seen_articles = set(same_text)
        for m in c.members:
            if m.article_id in seen_articles:
                continue
            seen_articles.add(m.article_id)
            others.append(shown(m, cites([m.article_id])))
        return ClaimView(
            cluster=c.id,
            text=shown(rep, cites(same_text)),
            label=co.label,
            independent=co.independent,
            own=[voice(s) for s in co.support if s.own],
            attributed=[(voice(s), [speaker_label(x) for x in s.speakers]) for s in co.support if s.speakers],
            renderings=others,
            outlets=co.outlets,
        )

    overview = []
    for cid in report.overview:
        c, _co = by_id[cid]
        rep = _overview_member(c, overview_sentences)
        overview.append(Cited(_member_text(rep, overview_sentences), cites([rep.article_id])))
    ranked = sorted(by_id.values(), key=lambda cc: (-cc[1].independent, -len(cc[0].members), cc[0].id))
    key_claims = [claim_view(c, co) for c, co in ranked if co.label == "corroborated"]
    single = []
    listed: set[tuple[str, tuple[int, ...]]] = set()
    for c, co in ranked:
        if co.label == "corroborated":
            continue
        v = claim_view(c, co)
        key = (v.text.text, tuple(v.text.refs))
        if key not in listed:  # two pieces of one claim show as that claim once
            listed.add(key)
            single.append(v)

    quotes: dict[str, list[QuoteView]] = {}
    for g in sorted(report.quotes, key=lambda g: (g.speaker is None, g.speaker or "", g.id)):
        if all(len(v.content.text.split()) <= 2 for v in g.variants):
            continue  # a quoted word or two ("changed to “moderate”") is a term, not a statement to list
        quotes.setdefault(g.speaker or "Unattributed", []).append(_quote_view(g, cites))

    conflicts = [
        ConflictView(c.kind, KIND_LABELS.get(c.kind, c.kind), c.reason, c.scope, cite_ref(c.a), cite_ref(c.b))
        for c in _conflict_order(report.conflicts)
    ]
    rows = []
    for cid, cells in zip(report.coverage.clusters, report.coverage.cells, strict=True):
        c, co = by_id[cid]
        rows.append((cid, claim_view(c, co).text, cells))
    omissions = {
        outlet: [claim_view(*by_id[cid]) for cid in cids]
        for outlet, cids in report.coverage.omissions.items()
    }
    framing: dict[str, list[FramingView]] = {}
    for f in report.framing:
        framing.setdefault(f.outlet, []).append(
            FramingView(f.outlet, f.kind, f.cue, cite_ref(f.span), f.cluster)
        )
    timeline = [
        TimelineView(
            e.date.isoformat() + (f" – {e.end.isoformat()}" if e.end and e.end != e.date else ""),
            e.label,
            e.inferred,
            e.kind,
            [cite_ref(r) for r in e.evidence],
        )
        for e in report.timeline
    ]
    independent = report.independent
    return BriefView(
        report,
        overview,
        key_claims,
        single,
        quotes,
        conflicts,
        rows,
        omissions,
        framing,
        timeline,
        independent,
    )


def _quote_view(g: QuoteGroup, cites) -> QuoteView:  # type: ignore[no-untyped-def]
    ref = g.variants[g.reference]
    same = [v.article_id for v in g.variants if v.same_as_reference]
    variants = [
        VariantView(
            Cited(v.content.text, cites([v.article_id])), v.outlet, v.speaker, v.diff, v.same_as_reference
        )
        for v in g.variants
        if not v.same_as_reference
    ]
    return QuoteView(
        g.id, g.speaker or "", ref.kind, Cited(ref.content.text, cites(same)), variants, denied=ref.denied
    )


def _conflict_order(conflicts: list[Conflict]) -> list[Conflict]:
    last = len(CONFLICT_KINDS)
    return sorted(conflicts, key=lambda c: CONFLICT_KINDS[c.kind].rank if c.kind in CONFLICT_KINDS else last)


def citation(refs: list[int]) -> str:
    return "".join(f"[{r}]" for r in refs)
