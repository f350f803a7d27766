"""Sentence embeddings: offline model, unit length, repeated texts encoded once with the same vector."""

from __future__ import annotations

import numpy as np

from storyline.embed import encode


def test_repeated_texts_share_one_vector_and_match_a_fresh_encoding() -> None:
    texts = [
        "The ferry resumed service on Tuesday.",
        "Dockworkers walked out at dawn.",
        "The ferry resumed service on Tuesday.",
    ]
    got = encode(texts)
    assert got.shape == (3, 384) and got.dtype == np.float32
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(got[0], got[2])
    alone = encode(texts[:2])
    assert np.allclose(got[:2], alone, atol=1e-5)
    assert float(got[0] @ got[1]) < 0.9  # different sentences stay apart
    assert encode([]).shape == (0, 384)
