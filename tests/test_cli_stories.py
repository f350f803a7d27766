from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIX = Path(__file__).resolve().parent / "fixtures" / "multioutlet"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "250"}  # one table row per story
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args], capture_output=True, text=True, timeout=600, env=env
    )


def _inputs() -> list[str]:
    return [str(p) for p in sorted(FIX.glob("*.txt"))]


def test_ingest_links_and_lists_stories(db: str) -> None:
    r = _cli("ingest", *_inputs(), "--db", db)
    assert r.returncode == 0, r.stderr
    assert "linked into stories" in r.stdout
    stories = json.loads(_cli("stories", "--json", "--db", db).stdout)
    ids = [a["id"] for st in stories for a in st["articles"]]
    assert sorted(ids) == list(range(1, 6))  # every article in exactly one story
    expected = json.loads((FIX / "expected.json").read_text(encoding="utf-8"))
    for pair in expected["duplicates"]:
        names = {Path(p).name for p in pair}
        members = [a for st in stories for a in st["articles"] if Path(a["source"]).name in names]
        assert len(members) == 2 and sum(1 for a in members if a["duplicate_of"]) == 1, members
    big = max(stories, key=lambda st: len(st["articles"]))
    assert big["independent_outlets"] <= len({a["outlet"] for a in big["articles"]})
    one = json.loads(_cli("story", str(big["id"]), "--json", "--db", db).stdout)
    assert one["id"] == big["id"] and one["events"] and one["entities"]
    table = _cli("stories", "--db", db).stdout
    assert big["label"][:15] in table
    r = _cli("story", "999", "--db", db)
    assert r.returncode == 1 and "no story 999" in r.stderr
    # re-ingesting stores and links nothing new
    r = _cli("ingest", *_inputs(), "--db", db)
    assert "0 new, 5 already stored" in r.stdout
    assert json.loads(_cli("stories", "--json", "--db", db).stdout) == stories


def test_story_why_explains_each_article(db: str) -> None:
    assert _cli("ingest", *_inputs(), "--db", db).returncode == 0
    stories = json.loads(_cli("stories", "--json", "--db", db).stdout)
    big = max(stories, key=lambda st: len(st["articles"]))
    one = json.loads(_cli("story", str(big["id"]), "--why", "--json", "--db", db).stdout)
    rows = {r["id"]: r for r in one["why"]}
    assert set(rows) == {a["id"] for a in big["articles"]}
    for r in rows.values():
        assert 0.0 < r["similarity_now"] <= 1.0 and r["terms_now"]
    text = _cli("story", str(big["id"]), "--why", "--db", db).stdout
    assert "why each article is here" in text and "now " in text


def test_lists_count_a_rewritten_copy_once_as_the_brief_does(db: str, tmp_path: Path) -> None:
    # fenmoor-times copy-edits orla-gazette's wire text (near-verbatim sentences, no long verbatim run):
    # the linker sees three outlets; the brief counts two independent sources, and so do the lists
    # once the brief's report is stored
    rw = Path(__file__).resolve().parent / "fixtures" / "rewrite"
    assert _cli("ingest", *sorted(str(p) for p in rw.glob("*.txt")), "--db", db).returncode == 0
    stories = json.loads(_cli("stories", "--json", "--db", db).stdout)
    assert len(stories) == 1 and stories[0]["independent_outlets"] == 3
    sid = str(stories[0]["id"])
    brief = _cli("brief", sid, "--db", db)
    assert brief.returncode == 0 and "2 independent sources" in brief.stdout, brief.stdout[:300]
    assert json.loads(_cli("stories", "--json", "--db", db).stdout)[0]["independent_outlets"] == 2
    one = json.loads(_cli("story", sid, "--json", "--db", db).stdout)
    copies = {Path(a["source"]).name: a["duplicate_of"] for a in one["articles"]}
    wire = [copies["fenmoor-times.txt"], copies["orla-gazette.txt"]]
    assert sum(x is not None for x in wire) == 1 and copies["tessel-post.txt"] is None, copies
    assert "2 independent outlets" in _cli("story", sid, "--db", db).stdout


def test_the_web_story_list_counts_a_rewritten_copy_once_once_reported(db: str) -> None:
    from storyline.ingest import read_paths
    from storyline.pipeline import Pipeline
    from storyline.store import Store
    from storyline.store.reports import compute_report
    from storyline.web.queries import StoryFilter, story_rows

    rw = Path(__file__).resolve().parent / "fixtures" / "rewrite"
    store = Store(db)
    Pipeline(store).ingest(read_paths(sorted(str(p) for p in rw.glob("*.txt"))))
    rows, _ = story_rows(store, StoryFilter())
    assert [r.independent for r in rows] == [3]  # the linker's count: no verbatim copy
    compute_report(store, rows[0].id)
    rows, _ = story_rows(store, StoryFilter())
    assert [r.independent for r in rows] == [2] and rows[0].current


def test_a_brief_from_a_read_only_store_is_still_written(tmp_path: Path) -> None:
    db = str(tmp_path / "ro.db")
    rw = Path(__file__).resolve().parent / "fixtures" / "rewrite"
    assert _cli("ingest", *sorted(str(p) for p in rw.glob("*.txt")), "--db", db).returncode == 0
    sid = str(json.loads(_cli("stories", "--json", "--db", db).stdout)[0]["id"])
    r = _cli("brief", sid, "--db", f"sqlite:///file:{db}?mode=ro&uri=true")
    assert r.returncode == 0 and "independent sources" in r.stdout, r.stderr
    assert "was not stored" in r.stderr
