from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.ingest import read_paths
from storyline.model import IngestError, RawDoc
from storyline.pipeline import Pipeline
from storyline.store import Store

ARTICLE = (
    "Ferry operator cuts winter timetable\n\nThe Skerry Line ferry company said on Monday it would cut "
    'its winter timetable by a third, blaming fuel costs.\n\n"We have no other choice this season," chief '
    "executive Maren Holt said.\n"
)

RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Skerry Gazette</title><link>https://gazette.example/</link><description>news</description>
<item><title>Ferry cuts announced</title><link>https://gazette.example/a1</link>
<pubDate>Tue, 04 Feb 2031 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The Skerry Line ferry company said on Monday it would cut its winter timetable by a third.</p>
<p>Union leaders called the decision short-sighted and promised to fight it at the regional council.</p>]]></content:encoded>
</item>
<item><title>Council meets on ferries</title><link>https://gazette.example/a2</link>
<pubDate>Wed, 05 Feb 2031 09:00:00 GMT</pubDate>
<description>The regional council will debate the ferry cuts at an extraordinary session on Friday, its chair said.</description>
</item></channel></rss>"""


def _write(tmp: Path, name: str, data: bytes | str) -> Path:
    p = tmp / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data.encode() if isinstance(data, str) else data)
    return p


def test_formats(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", ARTICLE)
    _write(tmp_path, "sub/feed.xml", RSS)
    recs = [
        {
            "text": ARTICLE.replace("third", "quarter"),
            "title": "Ferry cuts",
            "url": "https://x.example/1",
            "published": "2031-02-03",
            "outlet": "Ledger",
        },
        {
            "html": "<html><body><article><p>"
            + "The harbour reopened after the storm, officials said. " * 5
            + "</p></article></body></html>",
            "title": "Harbour reopens",
        },
        {"title": "no body"},
        {"text": 42},
    ]
    _write(tmp_path, "sub/recs.jsonl", "\n".join(json.dumps(r) for r in recs) + "\n{broken\n")
    got = list(read_paths([str(tmp_path)]))
    docs = [d for d in got if isinstance(d, RawDoc)]
    errs = [d for d in got if isinstance(d, IngestError)]
    assert len(docs) == 5
    feed = [d for d in docs if d.origin == "feed"]
    assert [d.title for d in feed] == ["Ferry cuts announced", "Council meets on ferries"]
    assert feed[0].published == "2031-02-04" and feed[0].outlet == "Skerry Gazette"
    assert feed[0].url == "https://gazette.example/a1"
    jl = [d for d in docs if d.origin == "jsonl"]
    assert jl[0].outlet == "Ledger" and jl[0].kind == "text" and jl[1].kind == "html"
    reasons = sorted(e.reason for e in errs)
    assert any("no 'text' or 'html'" in r for r in reasons)
    assert any("expected non-empty text" in r for r in reasons)
    assert any("malformed JSON line" in r for r in reasons)
    assert all(e.source.startswith(str(tmp_path)) for e in errs)


def test_gzipped_pages_are_read_and_bombs_refused(tmp_path: Path) -> None:
    """Scrape dumps often come gzipped ("page.html.gz"): read as what is inside, with the size limit
    applied to the decompressed content, and a broken archive is a clear error."""
    import gzip

    page = "<html><body><article><p>" + "The harbour reopened after the storm, officials said. " * 5
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html.gz").write_bytes(
        gzip.compress((page + "</p></article></body></html>").encode())
    )
    (tmp_path / "pages" / "b.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "pages" / "bomb.txt.gz").write_bytes(gzip.compress(b"a " * 600_000))
    (tmp_path / "pages" / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00not gzip at all")
    got = list(read_paths([str(tmp_path / "pages")], max_bytes=1_000_000))
    docs = {Path(d.source).name: d for d in got if isinstance(d, RawDoc)}
    errs = {Path(e.source).name: e.reason for e in got if isinstance(e, IngestError)}
    assert docs["a.html.gz"].kind == "html" and docs["b.txt.gz"].kind == "text"
    assert "decompressed content too large" in errs["bomb.txt.gz"]
    assert "corrupt gzip" in errs["broken.html.gz"]


def test_bad_inputs_dont_stop_batch(tmp_path: Path, db: str) -> None:
    _write(tmp_path, "good.txt", ARTICLE)
    _write(tmp_path, "empty.txt", b"")
    _write(tmp_path, "bin.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _write(tmp_path, "nul.txt", b"abc\x00\x01\x02" * 100)
    _write(tmp_path, "big.txt", b"word " * 300_000)
    _write(tmp_path, "bad.xml", b"<rss><channel><item><title>x</title>")
    _write(tmp_path, "bad.json", b'[{"text": ')
    store = Store(db)
    rep = Pipeline(store).store_docs(read_paths([str(tmp_path)], max_bytes=1_000_000))
    assert len(rep.stored) == 1
    by = {Path(e.source).name.split("#")[0]: e.reason for e in rep.errors}
    assert by["empty.txt"] == "empty input"
    assert "PNG" in by["bin.txt"]
    assert "binary" in by["nul.txt"]
    assert "too large" in by["big.txt"]
    assert "feed" in by["bad.xml"] or "no article" in by["bad.xml"]
    assert "malformed JSON" in by["bad.json"]
    # nothing already stored is touched by a later failing batch
    _write(tmp_path, "good2.txt", ARTICLE.replace("Monday", "Tuesday"))
    rep2 = Pipeline(store).store_docs(read_paths([str(tmp_path)], max_bytes=1_000_000))
    assert len(rep2.stored) == 1 and len(rep2.existing) == 1
    assert store.count() == 2


def test_missing_path_and_refused_scheme() -> None:
    got = list(read_paths(["/nonexistent/xyz.txt", "ftp://example.com/a", "file:///etc/passwd"]))
    assert [type(g) for g in got] == [IngestError] * 3
    assert "no such file" in got[0].reason  # type: ignore[union-attr]
    assert "scheme" in got[1].reason and "scheme" in got[2].reason  # type: ignore[union-attr]


def test_loopback_url_refused() -> None:
    got = list(read_paths(["http://127.0.0.1:9/x", "http://localhost/", "http://169.254.169.254/latest/"]))
    assert all(isinstance(g, IngestError) and "refused" in g.reason for g in got)


def test_symlink_loop(tmp_path: Path) -> None:
    _write(tmp_path, "d/a.txt", ARTICLE)
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    docs = [d for d in read_paths([str(tmp_path)]) if isinstance(d, RawDoc)]
    assert len(docs) == 1


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args], input=stdin, capture_output=True, timeout=120
    )


def test_cli_ingest_idempotent_show_and_clean(tmp_path: Path, db: str) -> None:
    f = _write(tmp_path, "a.txt", ARTICLE)
    _write(tmp_path, "b.txt", b"")
    r = _cli("ingest", str(tmp_path), "--db", db)
    assert r.returncode == 1  # one input failed
    assert b"1 new" in r.stdout and b"b.txt: empty input" in r.stderr
    r = _cli("ingest", str(f), "--db", db)
    assert r.returncode == 0 and b"0 new, 1 already stored" in r.stdout
    r = _cli("show", "1", "--db", db)
    art = json.loads(r.stdout)
    assert art["title"] == "Ferry operator cuts winter timetable" and len(art["paragraphs"]) == 2
    r = _cli("clean", str(f))
    assert json.loads(r.stdout)["paragraphs"] == art["paragraphs"]
    r = _cli("ingest", "-", "--db", db, stdin=ARTICLE.replace("Monday", "Friday").encode())
    assert r.returncode == 0 and b"1 new" in r.stdout
    r = _cli("show", "99", "--db", db)
    assert r.returncode == 1 and b"no article 99" in r.stderr


def test_seeds_ingest_once(shared: Path, db: str) -> None:
    r = _cli("ingest", str(shared / "seeds" / "raw"), "--db", db)
    assert r.returncode == 0, r.stderr
    assert b"5 new, 0 already stored, 0 failed" in r.stdout
    r = _cli("ingest", str(shared / "seeds" / "raw"), "--db", db)
    assert b"0 new, 5 already stored" in r.stdout


@pytest.mark.parametrize(
    "raw", [b"\xff\xfe" + "Plain words here.".encode("utf-16-le") + b"\x00\xd8", b"\xfe\xff\x00A\x00B"]
)
def test_decode_never_crashes(raw: bytes) -> None:
    from storyline.ingest.decode import DecodeError, decode_bytes

    try:
        assert isinstance(decode_bytes(raw), str)
    except DecodeError as e:
        assert str(e)
