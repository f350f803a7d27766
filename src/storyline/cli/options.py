"""Options and output helpers shared by the commands (parsing and printing only)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy.engine import make_url

from storyline.model import to_jsonable
from storyline.store import Store

Handler = Callable[[argparse.Namespace], int]


def add_db(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--db", default=None, help="SQLite file or database URL (default: storyline.db)")


def add_inputs(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--max-mb", type=float, default=20.0, help="refuse inputs larger than this (MB)")
    sp.add_argument(
        "--allow-private", action="store_true", help="allow fetching URLs on loopback/private addresses"
    )


def max_bytes(args: argparse.Namespace) -> int:
    return int(args.max_mb * 1024 * 1024)


def dump(obj: object) -> None:
    json.dump(to_jsonable(obj), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def where(store: Store) -> str:
    """The store's URL for messages, without its password."""
    return make_url(store.url).render_as_string(hide_password=True)


@contextmanager
def stage_progress() -> Iterator[Callable[[str, int, int | None], None]]:
    """A rich progress display on stderr, one bar per stage; yields the pipeline's progress callback."""
    prog = Progress(
        SpinnerColumn(),
        TextColumn("{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int | None) -> None:
        if stage not in tasks:
            tasks[stage] = prog.add_task(stage, total=total)
        prog.update(tasks[stage], completed=done, total=total)

    with prog:
        yield update


def quiet_model_loading() -> None:
    """The embedding model's own loading bar would tear through the progress display."""
    try:
        # deferred: transformers is heavy and only the commands that compare need this
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        pass
