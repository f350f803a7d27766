"""Adding articles from the web API through the same pipeline as the CLI (clean, store, analyse, link)."""

from __future__ import annotations

from collections.abc import Iterable

from storyline.model import IngestError, RawDoc
from storyline.pipeline import Pipeline, PipelineSettings
from storyline.store import Store


def run_pipeline(
    store: Store, docs: Iterable[RawDoc | IngestError]
) -> tuple[list[int], list[int], list[IngestError]]:
    """(new ids, already stored ids, errors) after cleaning, storing, analysing and linking ``docs``."""
    # one analysis process: the server's other requests share the machine with it
    rep = Pipeline(store, PipelineSettings(workers=1)).ingest(docs)
    return list(rep.stored), list(rep.existing), list(rep.errors)
