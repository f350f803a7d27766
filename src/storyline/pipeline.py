"""Running the stages in order over a batch: ingest -> clean -> store (-> analyse -> link)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from storyline.clean import CleanError, clean
from storyline.model import Article, IngestError, RawDoc
from storyline.store import Store

BATCH = 100


@dataclass(slots=True)
class IngestReport:
    stored: list[int] = field(default_factory=list)  # ids of new articles
    existing: list[int] = field(default_factory=list)  # ids of articles already in the store
    errors: list[IngestError] = field(default_factory=list)
    seen: int = 0

    @property
    def ids(self) -> list[int]:
        return self.stored + self.existing


def clean_one(doc: RawDoc) -> Article | IngestError:
    try:
        return clean(doc)
    except CleanError as e:
        return IngestError(doc.source, str(e))
    except Exception as e:  # one bad article never stops a batch
        return IngestError(doc.source, f"internal error while cleaning: {type(e).__name__}: {e}")


def ingest(
    store: Store,
    docs: Iterable[RawDoc | IngestError],
    on_error: Callable[[IngestError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Clean and store documents in batches (one transaction each); re-ingesting adds nothing."""
    rep = IngestReport()
    pending: list[tuple[RawDoc, Article]] = []

    def flush() -> None:
        if not pending:
            return
        for (aid, new) in store.add_batch(pending):
            (rep.stored if new else rep.existing).append(aid)
        pending.clear()

    def err(e: IngestError) -> None:
        rep.errors.append(e)
        if on_error:
            on_error(e)

    for doc in docs:
        rep.seen += 1
        if on_progress:
            on_progress(rep.seen)
        if isinstance(doc, IngestError):
            err(doc)
            continue
        known = store.has_hash(doc.hash)
        if known is not None:
            rep.existing.append(known)
            continue
        res = clean_one(doc)
        if isinstance(res, IngestError):
            err(res)
            continue
        pending.append((doc, res))
        if len(pending) >= BATCH:
            flush()
    flush()
    return rep


def print_error(e: IngestError) -> None:
    print(f"error: {e.source}: {e.reason}", file=sys.stderr)
