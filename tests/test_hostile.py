"""The hostile-corpus benchmark (bench/hostile.py), reduced: ~150 files through the real command line.

Bad files of every kind (binary, empty, oversized, invalid UTF-8, broken UTF-16, HTML bombs with 100,000
nested tags, feeds with 20,000 entries, JSON of wrong types, symlink loops, a FIFO, an undecodable file
name) each get a clear error; damaged-but-readable files and good articles are all stored, once; a second
run over the same folder stores nothing new.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import hostile  # noqa: E402

MAX_MB = 2.0  # a small size limit keeps the oversized and near-limit files small


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> hostile.Corpus:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    return hostile.build_corpus(
        root,
        bad=100,
        good=40,
        big_mb=3,
        bomb_depth=100_000,
        feed_entries=20_000,
        n_big=2,
        n_bombs=4,
        n_floods=2,
        near_mb=MAX_MB * 0.95,
        seed=11,
    )


def test_hostile_corpus(corpus: hostile.Corpus, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    run = hostile.run_cli(corpus.root, db, max_mb=MAX_MB, timeout=300)
    out = hostile.check(corpus, run, db)
    assert out.bad >= 100 and out.expected_articles >= 40
    assert out.bad_silent == [], "bad files without an error"
    assert out.bad_stored == [], "bad files that produced an article"
    assert out.good_with_error == []
    assert out.missing == [] and out.duplicated == []
    assert out.stored == out.expected_articles
    assert out.bad_with_error == out.bad and 1 <= out.max_errors_per_file <= 11
    kinds = out.by_kind
    for kind in (
        "html-bomb",
        "feed-flood",
        "oversize",
        "symlink-loop",
        "json-wrong",
        "utf16-broken",
        "invalid-utf8",
        "undecodable-name",
        "too-many-lines",
    ):
        assert kinds[kind]["files"] >= 1 and kinds[kind]["errors"] >= kinds[kind]["files"], kind
    for kind in (
        "utf16-bom",
        "utf16-nobom",
        "utf32-bom",
        "mixed-encodings",
        "stray-invalid-bytes",
        "legacy-cp1252",
        "odd-line-endings",
        "near-limit-text",
        "near-limit-html",
    ):
        assert kinds[kind]["articles"] == kinds[kind]["files"] >= 1, kind
    assert run.returncode == 1  # some inputs failed, and the exit status says so
    assert run.peak_rss_mb < 400, f"peak RSS {run.peak_rss_mb:.0f} MB"

    # Re-ingesting the same folder adds nothing and reports the same failures.
    again = hostile.run_cli(corpus.root, db, max_mb=MAX_MB, timeout=300)
    assert f"0 new, {out.stored} already stored, {len(run.errors)} failed" in again.stdout
    assert sorted(again.errors) == sorted(run.errors)


def test_store_rejection_costs_one_article_not_the_batch(tmp_path: Path) -> None:
    """A record the database refuses (here a lone surrogate, which no UTF-8 column takes) is reported;
    the other articles of its batch are stored."""
    from storyline.ingest import read_paths
    from storyline.model import RawDoc
    from storyline.pipeline import Pipeline
    from storyline.store import Store

    rng = hostile.random.Random(3)
    docs = [
        RawDoc(
            f"api-{i}",
            "text",
            hostile.scrape(rng, f"ST-{i}").encode(),
            origin="stdin",
            title="Depot \ud800 vote" if i == 2 else None,
        )
        for i in range(5)
    ]
    store = Store(str(tmp_path / "s.db"))
    rep = Pipeline(store).store_docs(docs)
    assert len(rep.stored) == 4 and [e.source for e in rep.errors] == ["api-2"]
    assert "cannot store" in rep.errors[0].reason

    # A file name that is not UTF-8 is stored under a printable name.
    folder = tmp_path / "names"
    folder.mkdir()
    odd = Path(os.fsdecode(os.path.join(os.fsencode(folder), b"caf\xe9-report.txt")))
    odd.write_text(hostile.scrape(rng, "ST-odd"))
    rep = Pipeline(store).store_docs(read_paths([str(folder)]))
    assert len(rep.stored) == 1 and not rep.errors
    assert store.get_raw(rep.stored[0])[0].endswith("caf\\xe9-report.txt")  # type: ignore[index]


def test_error_lines_cannot_drive_the_terminal(tmp_path: Path) -> None:
    """A hostile file name (escape sequences, a newline forging a second error line) is printed escaped."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b[2J\x1b]0;owned\x07\nerror: forged.txt").write_bytes(b"")
    run = hostile.run_cli(folder, tmp_path / "e.db", timeout=120)
    assert len(run.errors) == 1  # the newline did not forge a second line
    line = ": ".join(run.errors[0])
    assert line.endswith("/evil\\x1b[2J\\x1b]0;owned\\x07\\x0aerror: forged.txt: empty input"), line
