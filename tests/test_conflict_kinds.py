"""The one table of conflict kinds: the type, the JSON schema and the renderers agree with it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import get_args

from storyline.compare.conflicts import CONFLICT_KINDS
from storyline.model import ConflictKind, SourceRef
from storyline.render.html import render_html
from storyline.render.markdown import render_markdown
from storyline.render.view import KIND_LABELS, build_view
from test_compare import multioutlet

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "brief-schema.json"


def test_schema_lists_exactly_the_registered_kinds() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    enum = schema["$defs"]["Conflict"]["properties"]["kind"]["enum"]
    assert sorted(enum) == sorted(CONFLICT_KINDS)
    assert len(enum) == len(set(enum))


def test_literal_type_lists_exactly_the_registered_kinds() -> None:
    assert sorted(get_args(ConflictKind)) == sorted(CONFLICT_KINDS)


def test_ranks_order_every_kind_once() -> None:
    ranks = sorted(spec.rank for spec in CONFLICT_KINDS.values())
    assert ranks == list(range(len(CONFLICT_KINDS)))
    assert all(spec.label and callable(spec.detector) for spec in CONFLICT_KINDS.values())


def test_renderers_take_labels_and_order_from_the_registry() -> None:
    assert KIND_LABELS == {k: s.label for k, s in CONFLICT_KINDS.items()}
    _articles, _facts, _story, report = multioutlet()
    assert report.conflicts, "the fixture plants conflicts"
    kinds = {c.kind for c in report.conflicts}
    # a copy of the report holding one conflict of every registered kind, in reverse rank
    some = report.conflicts[0]
    every = [
        type(some)(kind=k, a=some.a, b=some.b, reason=f"reason for {k}", scope=some.scope)
        for k in sorted(CONFLICT_KINDS, key=lambda k: -CONFLICT_KINDS[k].rank)
    ]
    every_kind = dataclasses.replace(report, conflicts=every)
    view = build_view(every_kind)
    md = render_markdown(every_kind)
    html = render_html(every_kind)
    assert [c.kind for c in view.conflicts] == sorted(CONFLICT_KINDS, key=lambda k: CONFLICT_KINDS[k].rank)
    assert [c.label for c in view.conflicts] == [CONFLICT_KINDS[c.kind].label for c in view.conflicts]
    for spec in CONFLICT_KINDS.values():
        assert spec.label in md and spec.label in html
    assert kinds <= set(CONFLICT_KINDS)
    assert isinstance(some.a, SourceRef)
