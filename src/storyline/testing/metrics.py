"""Clustering scores against gold labels: BCubed and pairwise precision/recall/F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(slots=True)
class Scores:
    precision: float
    recall: float
    f1: float


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> Scores:
    """BCubed (Bagga & Baldwin 1998) over the items present in both mappings."""
    items = [i for i in gold if i in pred]
    if not items:
        return Scores(0.0, 0.0, 0.0)
    joint = Counter((pred[i], gold[i]) for i in items)
    psize = Counter(pred[i] for i in items)
    gsize = Counter(gold[i] for i in items)
    p = sum(joint[(pred[i], gold[i])] / psize[pred[i]] for i in items) / len(items)
    r = sum(joint[(pred[i], gold[i])] / gsize[gold[i]] for i in items) / len(items)
    return Scores(p, r, _f(p, r))


def pairwise(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> Scores:
    """Precision/recall of same-cluster item pairs (counted from cluster sizes, no pair loop)."""
    items = [i for i in gold if i in pred]
    joint = Counter((pred[i], gold[i]) for i in items)
    psize = Counter(pred[i] for i in items)
    gsize = Counter(gold[i] for i in items)

    def pairs(c: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in c.values())

    tp, pp, gp = pairs(joint), pairs(psize), pairs(gsize)
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    return Scores(p, r, _f(p, r))
