"""Claim alignment for big stories: candidate pairs by nearest neighbours, clustering on that graph.

All pairs of a story's claims is quadratic (a 1,000-article story has ~20,000 claims: 200 million
pairs). Here the claims with the same text are one node (wire copies repeat sentences word for word),
each node is compared only with its nearest neighbours by sentence embedding (claims further apart
never reach the merge threshold), and average linkage runs on that sparse graph (a pair that is no
candidate counts as similarity 0). ``storyline.compare.align`` uses it above
``AlignConfig.dense_max`` claims; below, every pair is compared exactly.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np


class PairCosine:
    """``emb[i] @ emb[j]`` on demand, indexed like the n x n matrix it stands for (``m[i, j]``,
    ``m[i, [j, k]]``): a big story's matrix would not fit in memory."""

    def __init__(self, emb: np.ndarray) -> None:
        self.emb = emb
        self.shape = (len(emb), len(emb))

    def __getitem__(self, key: tuple[int, int | list[int]]) -> np.ndarray:
        i, j = key
        return np.asarray(self.emb[i] @ self.emb[j].T)


def nearest_pairs(
    emb: np.ndarray, k: int, floor: float, budget: int = 20_000_000
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) where j is among i's ``k`` most similar rows (or i among j's), cosine >= ``floor``.

    Rows are scored in blocks of at most ``budget`` similarities, so memory stays flat."""
    n = len(emb)
    if n < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    k = min(k, n - 1)
    step = max(1, budget // n)
    rows_out, cols_out = [], []
    for s in range(0, n, step):
        block = emb[s : s + step] @ emb.T
        r = np.arange(block.shape[0])
        block[r, s + r] = -np.inf
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(block, top, axis=1)
        keep = (vals >= floor).ravel()
        rows_out.append(np.repeat(np.arange(s, s + block.shape[0]), k)[keep])
        cols_out.append(top.ravel()[keep])
    a = np.concatenate(rows_out)
    b = np.concatenate(cols_out)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    key = np.unique(lo.astype(np.int64) * n + hi)
    return key // n, key % n


@dataclass(slots=True)
class SparseGraph:
    """Gated similarities of candidate pairs: ``sim[i][j]`` (both directions) and cannot-links."""

    sim: list[dict[int, float]]
    cannot: list[set[int]]


def sparse_average_linkage(graph: SparseGraph, weight: list[int], threshold: float) -> list[list[int]]:
    """Average linkage over a sparse graph (absent pairs count 0) with cannot-link constraints.

    ``weight[i]`` is how many claims node ``i`` stands for. Lazy max-heap: an entry is stale when
    either side has merged since it was pushed.
    """
    n = len(weight)
    size = [float(w) for w in weight]
    # summed similarity between two groups, over all their claim pairs
    total: list[dict[int, float]] = [
        {j: s * weight[i] * weight[j] for j, s in graph.sim[i].items()} for i in range(n)
    ]
    cannot = [set(c) for c in graph.cannot]
    members: list[list[int] | None] = [[i] for i in range(n)]
    version = [0] * n
    heap: list[tuple[float, int, int, int, int]] = []
    for i in range(n):
        for j, t in total[i].items():
            if i < j and j not in cannot[i]:
                avg = t / (size[i] * size[j])
                if avg >= threshold:
                    heap.append((-avg, i, j, 0, 0))
    heapq.heapify(heap)
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if members[a] is None or members[b] is None or version[a] != va or version[b] != vb or b in cannot[a]:
            continue
        # merge b into a
        ma, mb = members[a], members[b]
        assert ma is not None and mb is not None
        members[a], members[b] = ma + mb, None
        for c, t in total[b].items():
            if c == a:
                continue
            total[a][c] = total[a].get(c, 0.0) + t
            total[c][a] = total[c].get(a, 0.0) + t
            total[c].pop(b, None)
        total[a].pop(b, None)
        total[b] = {}
        cannot[a] |= cannot[b]
        for c in cannot[b]:
            cannot[c].add(a)
        size[a] += size[b]
        version[a] += 1
        for c, t in total[a].items():
            if members[c] is None or c in cannot[a]:
                continue
            avg = t / (size[a] * size[c])
            if avg >= threshold:
                x, y = (a, c) if a < c else (c, a)
                heapq.heappush(heap, (-avg, x, y, version[x], version[y]))
    return [m for m in members if m is not None]


# ------------------------------------------------------------ candidate pairs for the conflict finders
def pairs_above(
    raw: np.ndarray | PairCosine, rows: list[int], cols: list[int], floor: float, budget: int = 20_000_000
) -> list[tuple[int, int]]:
    """Positions ``(p, q)`` into ``rows`` and ``cols`` with ``raw[rows[p], cols[q]] >= floor``.

    Scored in blocks of at most ``budget`` similarities (a whole matrix of a big story would not fit);
    a ``PairCosine`` is multiplied out from its embeddings block by block."""
    if not rows or not cols:
        return []
    col_idx = np.asarray(cols)
    step = max(1, budget // len(cols))
    colv = raw.emb[col_idx] if isinstance(raw, PairCosine) else None
    out: list[tuple[int, int]] = []
    for s in range(0, len(rows), step):
        r = np.asarray(rows[s : s + step])
        if isinstance(raw, PairCosine):
            assert colv is not None
            block = raw.emb[r] @ colv.T
        else:
            block = raw[np.ix_(r, col_idx)]
        p, q = np.nonzero(block >= floor)
        out.extend(zip((p + s).tolist(), q.tolist(), strict=True))
    return out


def distinct_rows(emb: np.ndarray, idx: list[int]) -> dict[bytes, list[int]]:
    """``idx`` grouped by identical embedding rows (copies of one sentence), in first-seen order."""
    groups: dict[bytes, list[int]] = {}
    for i in idx:
        groups.setdefault(emb[i].tobytes(), []).append(i)
    return groups


def similar_groups(
    raw: np.ndarray | PairCosine, left: list[int], right: list[int], floor: float
) -> list[tuple[list[int], list[int]]]:
    """Groups of ``left`` and of ``right`` whose members are at least ``floor`` alike, as pairs of
    groups: on a big story (``PairCosine``) one group per distinct embedding (copies of a wire story
    repeat their sentences, so there are far fewer of those than claims), else one group per index."""
    if isinstance(raw, PairCosine):
        lg = list(distinct_rows(raw.emb, left).values())
        rg = list(distinct_rows(raw.emb, right).values())
        hits = pairs_above(raw, [g[0] for g in lg], [g[0] for g in rg], floor)
        return [(lg[p], rg[q]) for p, q in hits]
    return [([left[p]], [right[q]]) for p, q in pairs_above(raw, left, right, floor)]
