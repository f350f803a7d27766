"""Linking articles: near-duplicates, streaming stories, events inside stories, canonical entities.

Pure: ``StoryLinker`` clusters articles over a ``LinkBackend`` (the earlier link state it may ask
about); the store implements that backend and persists the state (``storyline.store.stories``:
``link_articles``, ``list_stories``, ``get_story``). Nothing here imports the store.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "ClusterConfig",
    "DedupConfig",
    "LinkBackend",
    "LinkConfig",
    "StoryLinker",
    "find_duplicates",
    "merge_entities",
    "resolve_times",
]

# Deferred: the clustering pulls scikit-learn and SciPy, so importing one light submodule
# (link.aliases for the compare stage) must not load them.
_LAZY = {
    "ClusterConfig": "storyline.link.cluster",
    "LinkBackend": "storyline.link.cluster",
    "LinkConfig": "storyline.link.cluster",
    "StoryLinker": "storyline.link.cluster",
    "DedupConfig": "storyline.link.dedup",
    "find_duplicates": "storyline.link.dedup",
    "merge_entities": "storyline.link.aliases",
    "resolve_times": "storyline.link.events",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
