"""Running the stages in order over a batch: ingest -> clean -> store (-> analyse -> link)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.exc import OperationalError

from storyline.clean import CleanError, clean
from storyline.model import Article, IngestError, RawDoc
from storyline.store import Store

BATCH = 100
# A batch is also flushed at this many raw bytes: 100 articles of 20 MB each would hold GBs in memory.
BATCH_BYTES = 32 * 1024 * 1024


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
    pending_bytes = 0

    def flush() -> None:
        nonlocal pending_bytes
        if not pending:
            return
        try:
            results: list[tuple[int, bool] | IngestError] = list(store.add_batch(pending))
        except OperationalError:
            raise  # the database itself is unusable (disk, locks): stop rather than fail every article
        except Exception:
            # One article the database rejects must not cost the batch: store them one by one.
            results = [_add_one(store, raw, art) for raw, art in pending]
        for res in results:
            if isinstance(res, IngestError):
                err(res)
            else:
                (rep.stored if res[1] else rep.existing).append(res[0])
        pending.clear()
        pending_bytes = 0

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
        pending_bytes += len(doc.data)
        if len(pending) >= BATCH or pending_bytes >= BATCH_BYTES:
            flush()
    flush()
    return rep


def _add_one(store: Store, raw: RawDoc, art: Article) -> tuple[int, bool] | IngestError:
    try:
        return store.add(raw, art)
    except OperationalError:
        raise
    except Exception as e:
        return IngestError(raw.source, f"cannot store: {type(e).__name__}: {e}")


# File names, URLs and redirect targets come from outside: control characters in them could move the
# cursor, recolour or clear the user's terminal, or forge extra error lines.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(s: str) -> str:
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


def print_error(e: IngestError) -> None:
    print(f"error: {printable(e.source)}: {printable(e.reason)}", file=sys.stderr)


def analyse_pending(
    store: Store,
    ids: Iterable[int] | None = None,
    n_process: int = 1,
    chunk: int = 200,
    on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Analyse stored articles that have no facts yet (all, or those among ``ids``); returns how many.

    ``on_progress(done, total)`` is called after each chunk.
    """
    from storyline.analyse import analyse_many

    todo = store.ids_without_facts()
    if ids is not None:
        wanted = set(ids)
        todo = [i for i in todo if i in wanted]
    done = 0
    for i in range(0, len(todo), chunk):
        arts = list(store.iter_articles(todo[i:i + chunk]))
        facts = analyse_many(arts, n_process=n_process)
        store.save_facts([(a.id, f) for a, f in zip(arts, facts, strict=True) if a.id is not None])
        done += len(arts)
        if on_progress:
            on_progress(done, len(todo))
    return done


def link_pending(store: Store, ids: Iterable[int], chunk: int = 500) -> int:
    """Link stored articles into stories, oldest first (incremental: already linked ones are skipped)."""
    from storyline.link import link_articles
    from storyline.store.migrate import exclusive

    # streaming clustering reads a batch as a stream: in the order things were published, not the
    # order files were listed (a follow-up met before its story's first report would start its own)
    ids = store.in_publication_order(ids)
    with exclusive(store.engine, "link"):  # the story index is shared state: one linker at a time
        for i in range(0, len(ids), chunk):
            arts = list(store.iter_articles(ids[i:i + chunk]))
            link_articles(store.engine, arts, [store.get_facts(a.id) for a in arts if a.id is not None])
    return len(ids)
