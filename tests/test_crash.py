"""Crash safety: SIGKILL `storyline ingest` at random points, several times, then let it finish.

The store must be consistent after every kill (batches are whole or absent, no partial rows, facts only
for stored articles) and, after a final run, hold every article exactly once with its facts.  Kill points
are drawn at random (seed printed on failure; set STORYLINE_CRASH_SEED to replay one): while articles are
being cleaned and stored, while they are being analysed, and after a random delay.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from storyline.pipeline import PipelineSettings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import hostile  # noqa: E402

N_TEXT = 530  # text files
N_JSONL = 4  # JSONL files of 5 records: a kill can land in the middle of a container
N = N_TEXT + 5 * N_JSONL  # 550: five whole batches and a partial one


def _small(rng: random.Random, tag: str) -> str:
    """A short article (analysis time grows with text): title, two paragraphs, the marker sentence."""
    return f"{hostile.title(rng)}\n\n{hostile.sentence(rng)}\n\n{hostile.marker(tag)}\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(5)
    d = tmp_path_factory.mktemp("crash") / "in"
    d.mkdir()
    for i in range(N_TEXT):
        (d / f"a{i:04d}.txt").write_text(_small(rng, f"CR-{i:04d}"))
    for j in range(N_JSONL):
        recs = [{"title": hostile.title(rng), "text": _small(rng, f"CJ-{j}{k}")} for k in range(5)]
        (d / f"r{j}.jsonl").write_text("\n".join(json.dumps(r) for r in recs))
    return d


@dataclass
class State:
    articles: int
    facts: int


def _state(db: Path) -> State:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        a = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        f = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        a = f = 0
    finally:
        con.close()
    return State(a, f)


def _consistent(db: Path, seed: int) -> State:
    """Whole-store checks that must hold at any moment, including right after a SIGKILL."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", seed
        assert con.execute("PRAGMA foreign_key_check").fetchall() == [], seed
        rows = con.execute("SELECT id, content_hash, raw, article FROM articles").fetchall()
        for aid, h, raw, art in rows:  # no partial row: raw bytes, hash and cleaned record all there
            assert hashlib.sha256(raw).hexdigest() == h, (seed, aid)
            rec = json.loads(art)
            assert rec["id"] == aid, (
                f"seed {seed}: article {aid} stored with record id {rec['id']}: a partial "
                "row, committed before the rest of its batch"
            )
            assert rec["content_hash"] == h and rec["paragraphs"], (seed, aid)
        orphans = con.execute("SELECT count(*) FROM facts WHERE article_id NOT IN (SELECT id FROM articles)")
        assert orphans.fetchone()[0] == 0, seed
        for aid, facts in con.execute("SELECT article_id, facts FROM facts"):
            assert json.loads(facts)["article_id"] == aid, (seed, aid)
        n_facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    finally:
        con.close()
    return State(len(rows), n_facts)


def _ingest(folder: Path, db: Path, log: Path) -> subprocess.Popen[bytes]:
    with open(log, "ab") as out:  # a file, not a pipe: a killed child must not block on a full pipe
        return subprocess.Popen(
            [sys.executable, "-m", "storyline.cli", "ingest", str(folder), "--db", str(db)],
            stdout=out,
            stderr=out,
        )


def _kill_when(
    proc: subprocess.Popen[bytes],
    db: Path,
    cond: Callable[[State, float], bool],
    extra: float,
    limit: float = 90,
) -> State | None:
    """SIGKILL the run ``extra`` seconds after cond(state, elapsed) holds; None if it finished first."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        if proc.poll() is not None:
            return None
        if db.exists() and cond(_state(db), time.monotonic() - t0):
            time.sleep(extra)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return _state(db)
        time.sleep(0.01)
    proc.kill()
    proc.wait()
    pytest.fail(f"ingest did not reach its kill point within {limit} s")


def test_sigkill_at_random_points(folder: Path, tmp_path: Path) -> None:
    seed = int(os.environ.get("STORYLINE_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    db, log = tmp_path / "crash.db", tmp_path / "ingest.log"
    # (phase, kill condition given the state before the run, extra delay once it holds)
    plans: list[tuple[str, Callable[[State], Callable[[State, float], bool]], float]] = [
        ("storing", lambda b: lambda s, t: s.articles > b.articles, rng.uniform(0, 0.05)),  # after a commit
        ("storing", lambda b: lambda s, t: s.articles > b.articles, rng.uniform(0, 0.05)),
        ("analysing", lambda b: lambda s, t: s.facts > b.facts, rng.uniform(0, 0.8)),  # after a facts chunk
        ("random", lambda b: lambda s, t: t > 0.5, rng.uniform(0, 12.0)),
    ]
    kills = []
    for phase, make_cond, extra in plans:
        at = _kill_when(
            _ingest(folder, db, log), db, make_cond(_state(db) if db.exists() else State(0, 0)), extra
        )
        after = _consistent(db, seed)
        kills.append((phase, at))
        if at is None:
            continue
        # A batch is one transaction: after a kill the store holds whole batches only.
        assert after.articles % PipelineSettings().batch == 0 or after.articles == N, (seed, phase, after)
        assert after.facts <= after.articles, (seed, phase, after)
    # the test really interrupted storing (twice) and analysis (once)
    assert sum(1 for _, at in kills if at is not None and at.articles < N) >= 2, (seed, kills)
    assert any(at is not None and 0 < at.facts < N for _, at in kills), (seed, kills)

    proc = _ingest(folder, db, log)
    assert proc.wait(timeout=180) == 0, (seed, log.read_text()[-2000:])
    final = _consistent(db, seed)
    assert final == State(N, N), (seed, kills, final)

    # every article exactly once: one row per marker, one per source
    con = sqlite3.connect(db)
    try:
        texts = [
            " ".join(json.loads(a)["paragraphs"]) for (a,) in con.execute("SELECT article FROM articles")
        ]
        sources = [s for (s,) in con.execute("SELECT source FROM articles")]
    finally:
        con.close()
    marks = sorted(m for t in texts for m in set(re.findall(r"reference (C[RJ]-\d+) before", t)))
    assert len(marks) == N and len(set(marks)) == N, seed
    assert len(set(sources)) == N, seed
