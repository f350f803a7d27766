"""Coverage: which outlet states which claim cluster, and what each outlet left out.

The matrix has one row per claim cluster and one column per outlet (display name). A cell says
how the outlet states the claim: "own" (its own assertion), "attributed" (it reports a speaker
saying it), "copy" (only through a near-duplicate copy of another outlet's article), or "" (absent).
An omission is a widely told claim that an outlet covering the story does not state at all: one
that at least two independent outlets and at least a share of the story's independent sources state
(``CoverageConfig``). A claim two of twenty outlets carry is no omission of the other eighteen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from storyline.clean.meta import fold_outlet
from storyline.compare.corroboration import CORROBORATED
from storyline.compare.sources import Sources
from storyline.model import ClaimCluster, Corroboration, Coverage


@dataclass(frozen=True, slots=True)
class CoverageConfig:
    # share of the story's independent sources that must state a claim for its absence from an outlet
    # to be an omission. With any corroborated claim counted, a 22-report ECB+ story listed 27 omissions
    # per outlet and news-dev's bridge and outage stories 24 and 26; at a third, 1.6-6.2 per outlet on
    # those and 8 other real stories (the claims most outlets tell), and stories of up to six
    # independent sources keep every corroborated claim
    widely: float = 1 / 3


COVERAGE = CoverageConfig()


def coverage(clusters: list[ClaimCluster], corroboration: list[Corroboration], sources: Sources) -> Coverage:
    columns: list[str] = []
    col_of: dict[str, int] = {}
    for aid in sources.order:
        key = fold_outlet(sources.name[aid])
        if key not in col_of:
            col_of[key] = len(columns)
            columns.append(sources.name[aid])
    cells: list[list[str]] = []
    rank = {"own": 3, "attributed": 2, "copy": 1, "": 0}
    for c in clusters:
        row = [""] * len(columns)
        for m in c.members:
            col = col_of[fold_outlet(sources.name[m.article_id])]
            if sources.representative(m.article_id) != m.article_id:
                state = "copy"
            else:
                state = "own" if m.asserter == "outlet" else "attributed"
            if rank[state] > rank[row[col]]:
                row[col] = state
        cells.append(row)
    omissions: dict[str, list[int]] = {}
    voices = len({sources.voice(aid) for aid in sources.order})
    need = max(2, math.ceil(COVERAGE.widely * voices - 1e-9))
    for c, corr, row in zip(clusters, corroboration, cells, strict=True):
        if corr.label != CORROBORATED or corr.independent < need:
            continue
        for col, state in enumerate(row):
            if not state:
                omissions.setdefault(columns[col], []).append(c.id)
    return Coverage(outlets=columns, clusters=[c.id for c in clusters], cells=cells, omissions=omissions)
