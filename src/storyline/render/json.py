"""The brief as JSON: the ``StoryReport`` record, versioned, documented in docs/brief-schema.json.

Top level (see docs/brief.md for every field)::

    {
      "schema": "storyline-brief/1",
      "story_id": 3, "label": "...", "start": "2024-10-07", "end": "2024-10-14",
      "sources":      [{"ref": 1, "article_id": 12, "outlet": "...", "title": ..., "published": ..., "url": ...,
                        "source": ..., "duplicate_of": null, "reported_via": null}],
      "clusters":     [{"id": 1, "members": [{"article_id", "claim", "span": {"start", "end", "text"},
                        "sentence", "asserter", "outlet", "negated", "numbers", "quote", "secondary",
                        "context", "whole", "part"}], "representative": 0, "entities": [...], "negated": false}],
      "corroboration": [{"cluster": 1, "label": "corroborated"|"single-source", "independent": 3,
                         "support": [{"outlet", "article_ids", "own", "speakers", "relaying", "copies"}]}],
      "conflicts":    [{"kind", "a": SourceRef, "b": SourceRef, "reason", "scope", "subject", "clusters"}],
      "quotes":       [{"id", "speaker", "variants": [{"article_id", "outlet", "quote", "speaker", "kind",
                        "content", "diff": [{"op": "="|"+"|"-", "text"}], "same_as_reference"}],
                        "reference", "speakers"}],
      "coverage":     {"outlets": [...], "clusters": [...], "cells": [["own"|"attributed"|"copy"|""]],
                       "omissions": {"outlet": [cluster ids]}},
      "framing":      [{"outlet", "kind": "loaded"|"hedge"|"headline", "cue", "span": SourceRef, "cluster"}],
      "timeline":     [{"date", "end", "label", "evidence": [SourceRef], "article_ids", "inferred", "kind"}],
      "overview":     [cluster ids]
    }

A SourceRef is ``{"article_id", "start", "end", "text", "field": "text"|"title"}``: ``text`` is
``Article.text[start:end]`` (or the title's) verbatim.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from storyline.model import (
    ClaimCluster,
    ClaimMember,
    Conflict,
    Corroboration,
    Coverage,
    DiffPart,
    FramingSignal,
    OutletSupport,
    Quantity,
    QuoteGroup,
    QuoteVariant,
    ReportSource,
    SourceRef,
    Span,
    StoryReport,
    TimelineEntry,
    to_jsonable,
)

SCHEMA = "storyline-brief/1"


def report_to_dict(report: StoryReport) -> dict[str, Any]:
    return {"schema": SCHEMA, **to_jsonable(report)}


def render_json(report: StoryReport, indent: int | None = 2) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=indent) + "\n"


def _date(x: str | None) -> dt.date | None:
    return dt.date.fromisoformat(x) if x else None


def _span(d: dict[str, Any] | None) -> Span | None:
    return Span(**d) if d else None


def _ref(d: dict[str, Any]) -> SourceRef:
    return SourceRef(**d)


def report_from_dict(d: dict[str, Any]) -> StoryReport:
    """Rebuild the records from the JSON form (for the web app and for re-rendering)."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} document (schema: {d.get('schema')!r})")

    def member(m: dict[str, Any]) -> ClaimMember:
        return ClaimMember(
            **{
                **m,
                "span": Span(**m["span"]),
                "numbers": [Quantity(**q) for q in m.get("numbers", [])],
                "context": _span(m.get("context")),
                "whole": _span(m.get("whole")),
            }
        )

    cov = d.get("coverage") or {}
    return StoryReport(
        story_id=d["story_id"],
        label=d["label"],
        start=_date(d.get("start")),
        end=_date(d.get("end")),
        sources=[ReportSource(**{**s, "published": _date(s.get("published"))}) for s in d.get("sources", [])],
        clusters=[
            ClaimCluster(**{**c, "members": [member(m) for m in c["members"]]}) for c in d.get("clusters", [])
        ],
        corroboration=[
            Corroboration(**{**c, "support": [OutletSupport(**s) for s in c["support"]]})
            for c in d.get("corroboration", [])
        ],
        conflicts=[Conflict(**{**c, "a": _ref(c["a"]), "b": _ref(c["b"])}) for c in d.get("conflicts", [])],
        quotes=[
            QuoteGroup(
                **{
                    **g,
                    "variants": [
                        QuoteVariant(
                            **{
                                **v,
                                "content": Span(**v["content"]),
                                "diff": [DiffPart(**p) for p in v.get("diff", [])],
                            }
                        )
                        for v in g["variants"]
                    ],
                }
            )
            for g in d.get("quotes", [])
        ],
        coverage=Coverage(
            outlets=cov.get("outlets", []),
            clusters=cov.get("clusters", []),
            cells=cov.get("cells", []),
            omissions={k: list(v) for k, v in cov.get("omissions", {}).items()},
        ),
        framing=[FramingSignal(**{**f, "span": _ref(f["span"])}) for f in d.get("framing", [])],
        timeline=[
            TimelineEntry(
                **{
                    **e,
                    "date": _date(e["date"]),
                    "end": _date(e.get("end")),
                    "evidence": [_ref(r) for r in e.get("evidence", [])],
                }
            )
            for e in d.get("timeline", [])
        ],
        overview=list(d.get("overview", [])),
    )


def load_report(text: str) -> StoryReport:
    return report_from_dict(json.loads(text))
