"""Big stories: nearest-neighbour candidate pairs and average linkage on the sparse graph (alignment),
candidate pairs scored in blocks over distinct sentences (the conflict finders)."""

from __future__ import annotations

import numpy as np

from storyline.compare.align import agglomerate
from storyline.compare.blocking import (
    PairCosine,
    SparseGraph,
    distinct_rows,
    nearest_pairs,
    pairs_above,
    similar_groups,
    sparse_average_linkage,
)


def _unit_rows(n: int, seed: int = 3) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=(n, 16)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_nearest_pairs_are_each_rows_top_neighbours() -> None:
    emb = _unit_rows(60)
    a, b = nearest_pairs(emb, k=5, floor=-1.0, budget=500)  # a small budget: many blocks
    got = set(zip(a.tolist(), b.tolist(), strict=True))
    full = emb @ emb.T
    np.fill_diagonal(full, -np.inf)
    for i in range(60):
        for j in np.argsort(-full[i])[:5].tolist():
            assert (min(i, j), max(i, j)) in got
    assert all(x < y for x, y in got)


def test_sparse_linkage_matches_dense_linkage_on_a_full_graph() -> None:
    emb = _unit_rows(40, seed=5)
    sim = emb @ emb.T
    cannot = np.zeros((40, 40), dtype=bool)
    cannot[0, 1] = cannot[1, 0] = True
    graph = SparseGraph(
        [{j: float(sim[i, j]) for j in range(40) if j != i} for i in range(40)],
        [set(np.flatnonzero(cannot[i]).tolist()) for i in range(40)],
    )
    sparse = sorted(sorted(g) for g in sparse_average_linkage(graph, [1] * 40, 0.2))
    dense = sorted(sorted(g) for g in agglomerate(sim, cannot, 0.2))
    assert sparse == dense
    assert not any(0 in g and 1 in g for g in sparse)


def test_a_node_standing_for_copies_weighs_as_many_claims() -> None:
    # node 0 stands for three identical claims; 1 is close to it, 2 close to 1 only
    graph = SparseGraph([{1: 0.9}, {0: 0.9, 2: 0.9}, {1: 0.9}], [set(), set(), set()])
    # {0,1} has 4 claims: 2 joins at 0.9 * 1 / 4 = 0.225 average, under the threshold
    assert sorted(map(sorted, sparse_average_linkage(graph, [3, 1, 1], 0.3))) == [[0, 1], [2]]


def test_pair_cosine_reads_like_the_matrix() -> None:
    emb = _unit_rows(5)
    m = PairCosine(emb)
    assert abs(float(m[1, 3]) - float(emb[1] @ emb[3])) < 1e-6
    assert np.allclose(m[2, [0, 4]], emb[[0, 4]] @ emb[2])


# ------------------------------------------------------------ candidate pairs of the conflict finders
def _brute(
    sim: np.ndarray, rows: list[int], cols: list[int], floor: float, self_pairs: bool = False
) -> set[tuple[int, int]]:
    return {(i, j) for i in rows for j in cols if (self_pairs or i != j) and sim[i, j] >= floor}


def test_pairs_above_scores_every_pair_in_blocks() -> None:
    emb = _unit_rows(50, seed=11)
    rows, cols = list(range(0, 50, 2)), list(range(1, 50, 3))
    sim = emb @ emb.T
    for raw in (sim, PairCosine(emb)):
        got = pairs_above(raw, rows, cols, 0.1, budget=40)  # a tiny budget: many blocks
        assert {(rows[p], cols[q]) for p, q in got} == _brute(sim, rows, cols, 0.1, self_pairs=True)


def test_similar_groups_score_copies_once_and_lose_no_pair() -> None:
    base = _unit_rows(30, seed=12)
    emb = base[[i % 30 for i in range(120)]]  # every sentence four times, as wire copies repeat them
    sim = emb @ emb.T
    left, right = list(range(0, 120, 2)), list(range(0, 120))
    want = _brute(sim, left, right, 0.2)

    def expanded(groups: list[tuple[list[int], list[int]]]) -> set[tuple[int, int]]:
        return {(i, j) for ga, gb in groups for i in ga for j in gb if i != j}

    big = similar_groups(PairCosine(emb), left, right, 0.2)
    assert expanded(big) == want
    assert len(big) < len(want) / 4  # the copies of one sentence are scored as one group
    assert expanded(similar_groups(sim, left, right, 0.2)) == want
    assert len(distinct_rows(emb, list(range(120)))) == 30
