"""The web app and REST API on a real SQLite store built from the bundled sample corpus (invented
events), through FastAPI's TestClient: pages, API, errors, safety headers, XSS, the changes feed and
a bounded schemathesis run against the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.ingest import read_paths
from storyline.render.markdown import render_markdown
from storyline.store import Store
from storyline.store import reports as stored
from storyline.web import WebConfig, create_app
from storyline.web.ingest import run_pipeline

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-corpus"
# held back from the first ingest, then posted through the API: the changes feed must report them
LATER = ("daybreak-digest-dam-warning.txt", "westcliff-post-dam-chief-executive.txt")
QUIET = WebConfig(background=False)
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("web") / "web.db")
    files = [
        str(p)
        for p in sorted(SAMPLE.iterdir())
        if p.suffix in {".txt", ".html", ".xml", ".jsonl"} and p.name not in LATER
    ]
    new, _existing, errors = run_pipeline(Store(path), read_paths(files, max_bytes=20 << 20))
    assert len(new) == 13 and not errors
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, config=QUIET)) as c:
        yield c


def _dam_story(client: TestClient) -> int:
    """The story of the dam inquiry: the one its first report went to."""
    arts = client.get("/api/articles", params={"limit": 200}).json()["items"]
    for a in arts:
        if (
            client.get(f"/api/articles/{a['id']}")
            .json()["source"]
            .endswith("dunmore-examiner-inquiry-opens.txt")
        ):
            assert a["story_id"] is not None
            return int(a["story_id"])
    raise AssertionError("the dam inquiry's first report is stored")


def test_story_list_api_filters_sorts_and_pages(client: TestClient) -> None:
    r = client.get("/api/stories")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] >= 3 and len(body["items"]) == body["total"]
    for s in body["items"]:
        assert s["independent_outlets"] <= s["outlets"] and s["articles"] >= 1
    by_size = client.get("/api/stories", params={"sort": "articles"}).json()["items"]
    assert [s["articles"] for s in by_size] == sorted((s["articles"] for s in by_size), reverse=True)
    first = client.get("/api/stories", params={"limit": 1, "offset": 1, "sort": "articles"}).json()
    assert first["total"] == body["total"] and [s["id"] for s in first["items"]] == [by_size[1]["id"]]
    only = client.get("/api/stories", params={"outlet": "Keystone Wire"}).json()["items"]
    assert only and all("Keystone Wire" in client.get(f"/api/stories/{s['id']}/report").text for s in only)
    assert client.get("/api/stories", params={"start": "2031-01-01"}).json()["total"] == 0
    assert client.get("/api/stories", params={"start": "soon"}).status_code == 422
    assert client.get("/api/stories", params={"sort": "nonsense"}).status_code == 422


def test_story_page_shows_the_comparison_at_a_glance(client: TestClient) -> None:
    sid = _dam_story(client)
    r = client.get(f"/stories/{sid}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    glance = html.split('<div class="glance">', 1)[1].split("</div>\n</div>", 1)[0]
    # overview, conflicts, key claims with badges, matrix and timeline pictures are all in the first block
    assert 'id="overview"' in glance and "Conflicts and inconsistencies" in glance
    assert re.search(r'class="badge ok"[^>]*>\d+ outlets · \d+ independent<', glance)
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="matrix"' in glance
    assert 'class="timeline"' in glance and 'aria-label="Timeline"' in glance
    assert "Coverage as a table" in glance and "Timeline as a list" in glance  # text alternatives
    assert "Report computed" in html
    rep = client.get(f"/api/stories/{sid}/report").json()
    assert rep["current"] and rep["report"]["story_id"] == sid
    assert len(rep["report"]["sources"]) == 3  # two of its five articles come later
    # sources carry copy/relay marks and link to their article pages
    assert all(f'href="/articles/{s["article_id"]}"' in html for s in rep["report"]["sources"] if s["title"])


def test_a_citation_opens_the_exact_source_span(client: TestClient) -> None:
    sid = _dam_story(client)
    story = client.get(f"/stories/{sid}").text
    links = re.findall(
        r'<sup class="cite"><a href="(/articles/\d+\?field=text&amp;start=\d+&amp;end=\d+#hl)"', story
    )
    assert len(links) > 10
    url = links[0].replace("&amp;", "&")
    aid, start, end = (int(x) for x in re.findall(r"\d+", url.split("#")[0]))
    text = client.get(f"/api/articles/{aid}").json()
    body = "\n\n".join(text["paragraphs"])
    page = client.get(url).text
    marked = re.search(r'<mark class="hl" id="hl" tabindex="-1">(.*?)</mark>', page, re.S)
    assert marked
    body_html = page.split('<div class="body">', 1)[1]
    shown = "".join(re.findall(r'<mark class="hl"[^>]*>(.*?)</mark>', body_html, re.S))
    shown = re.sub(r"<[^>]+>", "", shown)
    assert html.unescape(shown) == body[start:end].replace("\n\n", "")


def test_article_page_highlights_claims_and_lists_dropped_lines(client: TestClient) -> None:
    r = client.get("/api/articles", params={"limit": 100}).json()
    assert r["total"] == 13
    aid = next(a["id"] for a in r["items"] if a["title"] and "strike" in a["title"].lower())
    art = client.get(f"/api/articles/{aid}").json()
    assert art["dropped"] and {"text", "reason", "line"} <= set(art["dropped"][0])
    page = client.get(f"/articles/{aid}").text
    assert 'class="claim' in page and "Dropped boilerplate" in page
    assert all(d["reason"] in page for d in art["dropped"])
    assert client.get("/api/articles/999999").status_code == 404
    assert client.get("/articles/999999", headers=HTML).status_code == 404


def test_search_groups_hits_by_story(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "spillway cracking"})
    assert r.status_code == 200
    res = r.json()
    assert res["total"] >= 2
    dam = _dam_story(client)
    assert [g["story_id"] for g in res["groups"]] == [dam]
    assert all("\u0002" in h["snippet"] for g in res["groups"] for h in g["hits"])
    page = client.get("/search", params={"q": "spillway"}).text
    assert "<mark>" in page.lower() and f'href="/stories/{dam}"' in page
    assert client.get("/api/search", params={"q": "zzyzx"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": '"OR NEAR( *'}).status_code == 200  # FTS syntax is inert


def test_entity_pages(client: TestClient) -> None:
    dam = _dam_story(client)
    ents = client.get("/api/entities").json()
    assert ents["total"] >= 3
    name = next(e["name"] for e in ents["items"] if dam in e["stories"])
    assert client.get("/api/entities", params={"q": name.upper()}).json()["items"][0]["name"] == name
    page = client.get(f"/entities/{name}")
    assert (
        page.status_code == 200 and "Stories over time" in page.text and f'href="/stories/{dam}"' in page.text
    )
    assert client.get("/entities/Nobody At All", headers=HTML).status_code == 404


def test_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/stories", "/static/style.css"):
        h = client.get(url).headers
        csp = h["content-security-policy"]
        script = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
        assert "'self'" in script and "unsafe-inline" not in script and "unsafe-inline" not in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"
    assert "<script>" not in client.get("/").text  # the only script is the external /static/app.js


def test_post_articles_errors_are_clear_json(db: str) -> None:
    with TestClient(create_app(db, config=WebConfig(background=False, max_body_bytes=2000))) as c:
        r = c.post("/api/articles", content=b"x" * 3000, headers={"content-type": "text/plain"})
        assert r.status_code == 413 and "2000 bytes" in r.json()["detail"]
        r = c.post("/api/articles", content=b"%PDF", headers={"content-type": "application/pdf"})
        assert r.status_code == 415
        r = c.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"})
        assert r.status_code == 400 and r.json()["detail"].startswith("malformed JSON")
        r = c.post("/api/articles", content=b"   ", headers={"content-type": "text/plain"})
        assert r.status_code == 400
        r = c.post("/api/articles", json={"title": "no body here"})
        assert r.status_code == 422
        assert r.json()["errors"][0]["reason"] == "record has no 'text' or 'html' field"
    with TestClient(create_app(db, token="s3cret", config=QUIET)) as c:
        r = c.post("/api/articles", json={"text": "A short note."})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        r = c.post("/api/articles", json={"text": "A short note."}, headers={"authorization": "Bearer wrong"})
        assert r.status_code == 401


XSS_RECORDS = [
    {
        "title": "Harbour <script>alert('t')</script> ferry <img src=x onerror=alert(1)> halted",
        "outlet": "The <script>alert('o')</script> Gazette",
        "url": "javascript:alert('u')",
        "published": "2025-03-02",
        "text": "The Quillmouth ferry service was halted on Sunday after a crane collapsed on the pier, the "
        "harbour master Oona Phelps said. <script>alert('b')</script> \"We will reopen the pier by Friday,\" "
        'Phelps said. <a href="javascript:alert(\'c\')" onclick="alert(2)">details</a> About 300 '
        "passengers a day use the Quillmouth ferry.\n\nEngineers from Brackwater Marine inspected the "
        "crane on Monday and found a cracked weld, Phelps said.",
    },
    {
        "title": "Quillmouth pier closed after crane collapse",
        "outlet": "Brackwater <b onmouseover=alert(3)>Daily</b>",
        "url": "https://brackwater.example/pier",
        "published": "2025-03-03",
        "text": "The Quillmouth ferry service stopped on Sunday when a crane collapsed on the pier, said Oona "
        "Phelps, the harbour master. Phelps said the pier would reopen by Friday. About 300 passengers a "
        "day use the ferry.\n\nBrackwater Marine engineers found a cracked weld in the crane on Monday.",
    },
]
INERT = [
    r"<script",
    r"<img[^>]*onerror",
    r"<[a-z]+[^>]*\son(error|click|mouseover)=",
    r'href="javascript:',
    r"href='javascript:",
]


def _assert_inert(html: str) -> None:
    allowed = '<script src="/static/app.js" defer></script>'
    html = html.replace(allowed, "")
    for pattern in INERT:
        assert not re.search(pattern, html, re.I), (pattern, re.search(pattern, html, re.I))


def test_source_strings_are_inert_everywhere(tmp_path: Path) -> None:
    db = str(tmp_path / "xss.db")
    with TestClient(create_app(db, config=QUIET)) as c:
        r = c.post(
            "/api/articles", content=json.dumps(XSS_RECORDS), headers={"content-type": "application/json"}
        )
        assert r.status_code == 201, r.text
        ids, stories = r.json()["stored"], r.json()["stories"]
        assert len(ids) == 2 and stories
        pages = [
            "/",
            "/search?q=ferry",
            *(f"/articles/{a}" for a in ids),
            *(f"/stories/{s}" for s in stories),
        ]
        for url in pages:
            page = c.get(url)
            assert page.status_code == 200, url
            _assert_inert(page.text)
        story = c.get(f"/stories/{stories[0]}").text
        assert "&lt;script&gt;" in story  # shown as text, not dropped
        assert not re.search(r"=\s*[\"']?\s*javascript:", story, re.I)  # in no attribute
        assert "<code>javascript:alert(&#39;u&#39;)</code>" in story  # the source's URL is shown, not linked
        md = render_markdown(stored.get_report(Store(db), stories[0]).report)  # type: ignore[union-attr]
        assert (
            "<script" not in md
            and "<img" not in md
            and "](javascript:" not in md
            and "<javascript:" not in md
        )
        assert "&lt;script&gt;" in md


def _fuzz(op: Any, codes: set[int]) -> None:
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=op.as_strategy())
    def check(case: Any) -> None:
        resp = case.call()
        codes.add(resp.status_code)
        assert resp.status_code < 500, (case.method, case.formatted_path, case.query, resp.text[:300])

    check()


def test_a_big_story_without_a_report_is_compared_in_the_background(tmp_path: Path) -> None:
    db = str(tmp_path / "pending.db")
    cfg = WebConfig(background=False, sync_compare_max_articles=1)
    with TestClient(create_app(db, config=cfg)) as c:
        posted = c.post(
            "/api/articles",
            json=XSS_RECORDS[1:]
            + [{**XSS_RECORDS[1], "outlet": "Other Daily", "text": XSS_RECORDS[1]["text"] + " Updated."}],
        )
        assert posted.status_code == 201
        sid = posted.json()["stories"][0]
        r = c.get(f"/api/stories/{sid}/report")
        assert r.status_code == 202 and r.headers["retry-after"] and "being computed" in r.json()["detail"]
        page = c.get(f"/stories/{sid}", headers=HTML)
        assert page.status_code == 202 and '<meta http-equiv="refresh"' in page.text
        assert sid in c.app.state.web.refresher.pass_once()  # type: ignore[attr-defined]
        assert c.get(f"/api/stories/{sid}/report").status_code == 200
        assert c.get(f"/stories/{sid}").status_code == 200


def test_schemathesis_finds_no_server_error(db: str) -> None:
    schemathesis = pytest.importorskip("schemathesis")

    t0 = time.perf_counter()
    app = create_app(
        db, token="s3cret", config=QUIET
    )  # writes answer 401 fast instead of running the pipeline
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    seen: dict[str, set[int]] = {}
    for result in schema.get_all_operations():
        op = result.ok()
        _fuzz(op, seen.setdefault(f"{op.method.upper()} {op.path}", set()))
    assert {
        "GET /api/stories",
        "GET /api/stories/{story_id}/changes",
        "POST /api/articles",
        "GET /api/search",
    } <= set(seen)
    assert seen["POST /api/articles"] == {401}
    assert time.perf_counter() - t0 < 60


def test_changes_feed_reports_what_new_articles_bring(db: str, client: TestClient) -> None:
    sid = _dam_story(client)
    before = client.get(f"/api/stories/{sid}/report").json()["report"]
    time.sleep(1.1)  # stored times have one-second resolution
    since = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat()
    added = []
    for name in LATER:
        r = client.post(
            "/api/articles", content=(SAMPLE / name).read_bytes(), headers={"content-type": "text/plain"}
        )
        assert r.status_code == 201, r.text
        assert r.json()["stories"] == [sid]
        added += r.json()["stored"]
    # the background pass recomputes the story's report (and renders its page) before anyone asks
    state = client.app.state.web  # type: ignore[attr-defined]
    assert stored.stale_stories(state.store)[0] == sid  # the most recently updated first
    assert sid in state.refresher.pass_once() and sid not in stored.stale_stories(state.store)
    ch = client.get(f"/api/stories/{sid}/changes", params={"since": since}).json()
    assert ch["new_articles"] == sorted(added)
    report = client.get(f"/api/stories/{sid}/report").json()
    assert report["current"] and len(report["report"]["sources"]) == len(before["sources"]) + 2
    assert ch["new_claims"] or ch["changed_claims"]
    for c in ch["changed_claims"]:
        assert c["independent"] > c["before"] >= 1
    with_new = [
        i
        for i, c in enumerate(report["report"]["conflicts"])
        if c["a"]["article_id"] in added or c["b"]["article_id"] in added
    ]
    assert [c["index"] for c in ch["new_conflicts"]] == with_new
    # nothing is new since now; everything is new since long ago
    assert (
        client.get(f"/api/stories/{sid}/changes", params={"since": "2999-01-01"}).json()["new_articles"] == []
    )
    all_new = client.get(f"/api/stories/{sid}/changes", params={"since": "2000-01-01"}).json()
    assert len(all_new["new_articles"]) == len(report["report"]["sources"]) and not all_new["changed_claims"]
    assert client.get(f"/api/stories/{sid}/changes", params={"since": "yesterday"}).status_code == 422
    page = client.get(f"/stories/{sid}", params={"since": since}).text
    assert f"What changed since {since}" in page and f"{len(added)} new articles" in page
    # the conflicts the new articles bring show side by side, the values the reason quotes marked in each
    sides = re.findall(r'<blockquote class="side">(.*?)</blockquote>', page, re.S)
    assert len(sides) >= 2 * len(
        report["report"]["conflicts"]
    )  # the first ones show twice: at a glance and listed
    assert sum("<mark>" in side for side in sides) >= len(with_new)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store: a SQLite file, or a fresh PostgreSQL database (tests/pg.py)."""
    if request.param == "sqlite":
        return str(tmp_path / "b.db")
    return str(request.getfixturevalue("pg_url"))


def test_search_reports_and_changes_on_each_backend(backend: str) -> None:
    """The web app's store modules on SQLite and PostgreSQL: FTS5 / tsvector search, stored reports
    with their story version, and the 'stored since' cut (articles written directly, no NLP)."""
    from storyline.model import Article, RawDoc, ReportSource, StoryReport, content_hash
    from storyline.store import search
    from storyline.store.stories import LinkArticleRow, LinkStoryRow

    store = Store(backend)
    texts = [
        "The Quillmouth ferry resumed on Friday after the pier repairs.",
        "Council budget talks in Brackwater stalled over the harbour levy.",
        "Ferry passengers in Quillmouth waited two hours for the first crossing.",
    ]
    items = [
        (
            RawDoc(source=f"t{i}.txt", kind="text", data=t.encode()),
            Article(
                source=f"t{i}.txt",
                content_hash=content_hash(t),
                paragraphs=[t],
                title=f"Note {i}",
                outlet=f"Outlet {i}",
            ),
        )
        for i, t in enumerate(texts)
    ]
    ids = [aid for aid, _ in store.add_batch(items)]
    assert search.sync(store) == 3 and search.sync(store) == 0
    hits, total = search.search(store, "quillmouth ferries")
    assert total == 0 or {h.article_id for h in hits} <= {ids[0], ids[2]}
    hits, total = search.search(store, "Quillmouth ferry")
    assert total == 2 and {h.article_id for h in hits} == {ids[0], ids[2]}
    assert all(search.HIT_START in h.snippet for h in hits)
    assert search.search(store, "\"') OR zzq=zzq -- NEAR(")[1] == 0  # query syntax is inert

    with store.session() as s, s.begin():
        s.add(
            LinkStoryRow(
                id=1,
                label="ferry",
                seq=3,
                n=3,
                n_articles=3,
                independent_outlets=3,
                terms=b"",
                ents=b"",
                indexed=b"",
                names={},
                summary={"outlets": ["Outlet 0"]},
            )
        )
        for k, aid in enumerate(ids):
            s.add(LinkArticleRow(article_id=aid, story_id=1, seq=k + 1, similarity=0.0, cues=[], entities=[]))
    report = StoryReport(
        1, "ferry", sources=[ReportSource(k + 1, aid, f"Outlet {k}") for k, aid in enumerate(ids)]
    )
    assert stored.stale_stories(store) == [1]
    stored.save_report(store, report, stored.story_versions(store, [1])[1])
    got = stored.get_report(store, 1)
    assert got is not None and got.current and got.report == report and stored.stale_stories(store) == []
    future = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1)
    assert stored.changes(store, report, future).new_articles == []
    assert stored.changes(store, report, dt.datetime(2000, 1, 1)).new_articles == sorted(ids)
    just_before = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=5)
    assert stored.changes(store, report, just_before).new_articles == sorted(ids)  # stored times are UTC
    store.close()


def test_serve_binds_beyond_loopback_only_with_a_token(capsys: pytest.CaptureFixture[str]) -> None:
    from storyline.cli import main
    from storyline.cli.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.7") and not is_loopback("example.org")
    os.environ.pop("STORYLINE_TOKEN", None)
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "--token" in capsys.readouterr().err
