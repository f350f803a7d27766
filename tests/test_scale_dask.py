"""Dask batch runs: a LocalCluster of 2 single-threaded worker processes gives the same store as the
single-process pipeline (same ids, articles, facts, errors), loads models once per worker, and skips
inputs already stored."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from storyline.distributed import Stages, embed_texts, ingest_dask, parse_spec
from storyline.ingest import read_paths
from storyline.model import to_jsonable
from storyline.pipeline import Pipeline
from storyline.store import Store
from storyline.testing.synth import generate

N_ARTICLES = 36


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, memory_limit="2GiB", dashboard_address=None
        ) as lc,
        distributed.Client(lc) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated scrapes (title, outlet line, paragraphs, a share widget), a copy, and two bad inputs."""
    d = tmp_path_factory.mktemp("corpus")
    for i, s in enumerate(generate(N_ARTICLES, seed=11)):
        a = s.article
        date = a.published.strftime("%B %d, %Y") if a.published else ""
        text = f"{a.title}\n\nBy staff of {a.outlet}\n{date}\n\n" + a.text + "\n\nShare this article\n"
        (d / f"a{i:03d}.txt").write_text(text)
    (d / "copy.txt").write_bytes((d / "a003.txt").read_bytes())
    (d / "empty.txt").write_bytes(b"")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return d


def _snapshot(store: Store) -> tuple[list[object], list[object]]:
    arts = [to_jsonable(a) for a in store.iter_articles()]
    facts = [to_jsonable(store.get_facts(i)) for i in store.article_ids()]
    return arts, facts


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[object, list[str]]:
    """The single-process run: pipeline.ingest, then the analysis of what it stored."""
    store = Store(str(tmp_path_factory.mktemp("ref") / "ref.db"))
    pipe = Pipeline(store)
    rep = pipe.store_docs(read_paths([str(corpus)]))
    pipe.analyse(rep.ids)
    return _snapshot(store), sorted(str(e) for e in rep.errors)


def test_parse_spec() -> None:
    assert parse_spec("local:3") == ("local", 3)
    assert parse_spec("local")[0] == "local"
    assert parse_spec("tcp://10.0.0.5:8786") == ("remote", "tcp://10.0.0.5:8786")
    assert parse_spec("sched.example:8786") == ("remote", "tcp://sched.example:8786")
    for bad in ("local:0", "local:x", "yarn"):
        with pytest.raises(ValueError, match="--dask"):
            parse_spec(bad)


def test_dask_run_equals_single_process_run(
    cluster: object, corpus: Path, reference: tuple[object, list[str]], db: str
) -> None:
    store = Store(db)
    rep = ingest_dask(store, read_paths([str(corpus)]), cluster, chunk=5, batch=8)  # type: ignore[arg-type]
    (ref_arts, ref_facts), ref_errors = reference  # type: ignore[misc]
    assert sorted(str(e) for e in rep.errors) == ref_errors
    assert len(ref_errors) == 2 and len(rep.stored) == N_ARTICLES and len(rep.existing) == 1
    arts, facts = _snapshot(store)
    assert arts == ref_arts
    assert facts == ref_facts
    assert rep.analysed == N_ARTICLES and all(f["sentences"] for f in facts)  # type: ignore[index]
    assert {"clean", "analyse", "store"} <= set(rep.times.seconds)

    # Both workers worked, and each loaded the spaCy model exactly once.
    def nlp_cache() -> tuple[int, int]:
        from storyline.analyse.nlp import get_nlp

        info = get_nlp.cache_info()
        return info.misses, info.hits

    per_worker = cluster.run(nlp_cache)  # type: ignore[attr-defined]
    assert len(per_worker) == 2
    assert all(misses == 1 and hits > 0 for misses, hits in per_worker.values())

    # A second run over the same inputs sends nothing to the workers and adds nothing.
    again = ingest_dask(store, read_paths([str(corpus)]), cluster)  # type: ignore[arg-type]
    assert again.stored == [] and len(again.existing) == N_ARTICLES + 1 and again.analysed == 0
    assert "analyse" not in again.times.seconds


def test_embeddings_on_workers_match_local_encoding(cluster: object, corpus: Path, tmp_path: Path) -> None:
    from storyline.embed import encode

    files = [str(p) for p in sorted(corpus.glob("a00*.txt"))[:4]]
    docs = list(read_paths(files))
    got: list[object] = []  # what the link stage is handed
    rep = ingest_dask(
        Store(str(tmp_path / "e.db")),
        docs,
        cluster,  # type: ignore[arg-type]
        stages=Stages(analyse=True, embed=True),
        link=lambda _s, items: got.extend(items),
    )
    assert len(rep.stored) == 4 and len(got) == 4
    arts = [p.article for p in got]  # type: ignore[attr-defined]
    local = encode(embed_texts(arts, [p.facts for p in got]))  # type: ignore[attr-defined]
    remote = np.stack([p.embedding for p in got])  # type: ignore[attr-defined]
    assert remote.shape == (4, 384)
    assert np.allclose(remote, local, atol=1e-5)


def test_cli_ingest_on_a_running_scheduler(cluster: object, corpus: Path, tmp_path: Path) -> None:
    address = cluster.scheduler.address  # type: ignore[attr-defined]
    db = str(tmp_path / "cli.db")
    r = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", db, "--dask", address],
        capture_output=True,
        timeout=300,
    )
    assert r.returncode == 1, r.stderr.decode()[-2000:]  # two inputs are bad
    assert f"{N_ARTICLES} new, 1 already stored, 2 failed".encode() in r.stdout
    assert f"{N_ARTICLES} articles analysed".encode() in r.stdout
    assert b"empty.txt: empty input" in r.stderr and b"image.txt: binary content" in r.stderr
    store = Store(db)
    assert store.count() == N_ARTICLES and store.ids_without_facts() == []
    # The client linked every stored article into a story, batch by batch.
    from storyline.store.stories import list_stories

    linked = {i for s in list_stories(store.engine, limit=None) for i in s.article_ids}
    assert linked == set(store.article_ids())
    r = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", db, "--dask", "nowhere"],
        capture_output=True,
        timeout=60,
    )
    assert r.returncode == 2 and b"--dask 'nowhere'" in r.stderr
