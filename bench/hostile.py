"""Hostile corpus: ingest a folder of >= 1,000 bad files mixed with good articles, check every outcome.

Generates the corpus into a temporary folder, runs the real command line
(``storyline ingest DIR --db DB --no-analyse``) in a subprocess, then checks that

* every bad file got at least one clear error naming it (and at most a handful: containers summarise),
* damaged-but-readable files (UTF-16/32 with and without BOM, mixed encodings, stray invalid bytes,
  legacy encodings, odd line endings) were stored with their text intact,
* every good article was stored exactly once, no bad file produced an article, no good file an error,
* the run stayed under a peak-RSS bound;

and prints per-kind counts, the time and the peak RSS.  Exit status 0 when every check holds.

Usage: python bench/hostile.py [--bad 1000] [--good 300] [--big-mb 50] [--bomb-depth 100000]
                               [--feed-entries 100000] [--max-rss-mb 1024] [--keep DIR]
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PLACES = ["Ardith", "Calloway", "Fenwick", "Skerry", "Dunmore", "Westcliff", "Morrow", "Tolland", "Norrhaven"]
PEOPLE = [
    "Ines Marlow",
    "Tomas Ekdahl",
    "Odile Varga",
    "Kwame Asante",
    "Lena Moritz",
    "Abel Marsh",
    "Mira Sandell",
]
THINGS = [
    "bus depot",
    "ferry line",
    "flood barrier",
    "rail link",
    "water tariff",
    "harbour crane",
    "school roof",
]
VERBS = ["approved", "delayed", "rejected", "reviewed", "funded", "questioned", "suspended", "expanded"]
MAGIC = [
    b"\x89PNG\r\n\x1a\n",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\x7fELF\x02\x01",
    b"\x1f\x8b\x08",
    b"\xff\xd8\xff\xe0",
    b"SQLite format 3\x00",
    b"GIF89a",
    b"BZh91AY",
]
INVALID_UTF8 = [
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\x80",
    b"\xf8\x88\x80\x80\x80",
    b"\xc3",
    b"\x01",
    b"\x02",
    b"\x1b",
    b"\xfe",
    b"\x0e",
]


def display(p: Path) -> str:
    """How ingest names a file in errors and in the store (undecodable name bytes as \\xNN)."""
    return os.fsencode(p).decode("utf-8", "backslashreplace")


# ------------------------------------------------------------------------------------------ good articles


def sentence(rng: random.Random) -> str:
    p = rng.choice(PEOPLE)
    r = rng.random()
    if r < 0.3:
        return (
            f'"We {rng.choice(VERBS)} the {rng.choice(THINGS)} plan because the town needed it," '
            f"{p} said on {rng.choice(['Monday', 'Tuesday', 'Friday'])}."
        )
    if r < 0.6:
        return f"{p} told reporters that the {rng.choice(THINGS)} in {rng.choice(PLACES)} would stay open this year."
    return (
        f"The {rng.choice(THINGS)} in {rng.choice(PLACES)} was {rng.choice(VERBS)} with a budget of "
        f"{rng.randint(2, 90)} million crowns, according to the council."
    )


def marker(tag: str) -> str:
    """A sentence that identifies one article in the store."""
    return f"The clerk logged the matter under reference {tag} before the session closed."


def paragraphs(rng: random.Random, tag: str) -> list[str]:
    paras = [" ".join(sentence(rng) for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(3, 5))]
    paras.insert(rng.randint(1, len(paras)), marker(tag))
    return paras


def title(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)} council {rng.choice(VERBS)} {rng.choice(THINGS)} plan"


def scrape(rng: random.Random, tag: str) -> str:
    head = [
        rng.choice(["POLITICS", "LOCAL", "NEWS"]),
        title(rng),
        f"By {rng.choice(PEOPLE)}",
        f"March {rng.randint(1, 28)}, 2031",
        "",
    ]
    tail = [
        "",
        "Share on Facebook",
        "Tweet",
        "Most read",
        f"{title(rng)}",
        f"{title(rng)}",
        f"{title(rng)}",
        "© 2031 Valley Courier. All rights reserved.",
    ]
    return "\n".join(head) + "\n" + "\n\n".join(paragraphs(rng, tag)) + "\n" + "\n".join(tail) + "\n"


def page(rng: random.Random, tag: str) -> str:
    t = title(rng)
    body = "".join(f"<p>{p}</p>" for p in paragraphs(rng, tag))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{t} | Valley Courier</title></head><body>'
        '<header><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav></header>'
        f'<main><article><h1>{t}</h1><p class="byline">By {rng.choice(PEOPLE)}</p>{body}</article></main>'
        "<footer><p>© 2031 Valley Courier</p></footer></body></html>"
    )


# ------------------------------------------------------------------------------------------ the corpus


@dataclass
class Planned:
    path: Path
    kind: str
    expect: str  # "error" | "article"
    markers: list[str] = field(default_factory=list)  # for "article": the articles it must yield


@dataclass
class Corpus:
    root: Path
    files: list[Planned] = field(default_factory=list)
    folder_loops: int = 0

    def add(
        self,
        rel: str | bytes,
        kind: str,
        expect: str,
        data: bytes | None = None,
        markers: list[str] | None = None,
    ) -> Path:
        p = Path(os.fsdecode(os.path.join(os.fsencode(self.root), os.fsencode(rel))))
        p.parent.mkdir(parents=True, exist_ok=True)
        if data is not None:
            p.write_bytes(data)
        self.files.append(Planned(p, kind, expect, markers or []))
        return p


def build_corpus(
    root: Path,
    bad: int = 1000,
    good: int = 300,
    big_mb: int = 50,
    bomb_depth: int = 100_000,
    feed_entries: int = 100_000,
    n_big: int = 3,
    n_bombs: int = 12,
    n_floods: int = 4,
    near_mb: float = 19.5,
    seed: int = 7,
) -> Corpus:
    """Write the corpus; heavy kinds have fixed counts, cheap kinds share the rest of ``bad``."""
    rng = random.Random(seed)
    c = Corpus(root)
    tags = (f"HX-{i:05d}" for i in range(10**6))

    # --- heavy bad files
    for i in range(n_big):
        p = c.add(f"big/huge-{i}.txt", "oversize", "error")
        with open(p, "wb") as fh:  # real bytes, written in chunks
            text = scrape(rng, f"BIG-{i}").encode()
            chunk = (text * ((1 << 20) // len(text) + 1))[: 1 << 20]
            for _ in range(big_mb):
                fh.write(chunk)
    bombs: list[Callable[[int], bytes]] = [
        lambda d: b"<html><body>" + b"<div>" * d + b"</div>" * d + b"</body></html>",
        lambda d: b"<html><body>" + b"<table><tr><td>" * (d // 3),
        lambda d: b"<!DOCTYPE html><html><body>" + b"<b><i>" * (d // 2),
        lambda d: b"<html><body>" + b"<span class=x>" * d + b"&nbsp;" * 1000,
    ]
    for i in range(n_bombs):
        c.add(f"bombs/bomb-{i}.html", "html-bomb", "error", bombs[i % len(bombs)](bomb_depth))
    item = "<item><title>Entry {i}</title><description>Short entry {i} on the depot.</description></item>"
    entry = "<entry><title>Entry {i}</title><content>Entry {i} on the depot.</content></entry>"
    for i in range(n_floods):
        tpl = item if i % 2 == 0 else entry
        items = "".join(tpl.format(i=k) for k in range(feed_entries))
        doc = (
            f'<rss version="2.0"><channel><title>Flood</title>{items}</channel></rss>'
            if i % 2 == 0
            else f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Flood</title>{items}</feed>'
        )
        c.add(f"feeds/flood-{i}.xml", "feed-flood", "error", doc.encode())
    many_lines = ("Depot\n" * 150_000).encode()
    c.add("text/many-lines.txt", "too-many-lines", "error", many_lines)

    # --- folder structure: symlink loops (files and folders), a FIFO, an undecodable file name
    loops = root / "loops"
    loops.mkdir(parents=True, exist_ok=True)
    os.symlink("..", loops / "up")  # folder loops: not followed
    os.symlink(".", loops / "self")
    c.folder_loops = 2
    cheap_done = n_big + n_bombs + n_floods + 1
    os.symlink("b.txt", loops / "a.txt")
    os.symlink("a.txt", loops / "b.txt")
    os.symlink("me.txt", loops / "me.txt")
    os.symlink("nowhere.txt", loops / "dangling.txt")
    for name, kind in [
        ("a.txt", "symlink-loop"),
        ("b.txt", "symlink-loop"),
        ("me.txt", "symlink-loop"),
        ("dangling.txt", "broken-symlink"),
    ]:
        c.add(f"loops/{name}", kind, "error")
    cheap_done += 4
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "pipe.txt")
        c.add("pipe.txt", "fifo", "error")
        cheap_done += 1
    c.add(b"names/bad-\xff\xfe-name.txt", "undecodable-name", "error", b"\x89PNG\r\n\x1a\n" + os.urandom(600))
    cheap_done += 1

    # --- cheap bad files, round robin
    def binary() -> tuple[str, bytes]:
        return rng.choice([".txt", ".html", ".text", "", ".json", ".xml"]), os.urandom(
            rng.randint(512, 65536)
        )

    def magic() -> tuple[str, bytes]:
        return rng.choice([".txt", ".html", ""]), rng.choice(MAGIC) + os.urandom(rng.randint(100, 5000))

    def empty() -> tuple[str, bytes]:
        return rng.choice([".txt", ".html", ".json", ".xml"]), rng.choice(
            [b"", b"  \n\t\r\n ", b"\xef\xbb\xbf"]
        )

    def nul() -> tuple[str, bytes]:
        return ".txt", b"".join(rng.choice([b"ab\x00", b"\x00\x00\x01", b"z\x00\x7f"]) for _ in range(800))

    def invalid_utf8() -> tuple[str, bytes]:
        return rng.choice([".txt", ".text", ""]), b"".join(rng.choice(INVALID_UTF8) for _ in range(2000))

    def utf16_broken() -> tuple[str, bytes]:
        body = sentence(rng).encode("utf-16-le")
        return ".txt", codecs.BOM_UTF16_LE + body + rng.choice([b"\x00\xd8", b"\x00\xdc\x41\x00", b"\x41"])

    def html_empty() -> tuple[str, bytes]:
        return ".html", (
            b"<html><head><script>var a=1;</script><style>p{}</style></head><body><nav>"
            b"<a href=/>Home</a></nav><footer>\xc2\xa9 2031</footer></body></html>"
        )

    def feed_broken() -> tuple[str, bytes]:
        full = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><item><title>'
            f"{title(rng)}</title><description>{sentence(rng)}</description></item></channel></rss>"
        ).encode()
        return ".xml", rng.choice(
            [
                full[: rng.randint(10, 60)],
                b"<rss><channel><title>x</title>",
                b'<?xml version="1.0"?><rss>\x00\x01</rss>',
                b"<feed><entry></entry></feed>",
            ]
        )

    def feed_no_content() -> tuple[str, bytes]:
        items = "".join(f"<item><title>{title(rng)}</title></item>" for _ in range(rng.randint(1, 40)))
        return ".rss", f'<rss version="2.0"><channel><title>Courier</title>{items}</channel></rss>'.encode()

    def json_wrong() -> tuple[str, bytes]:
        v = rng.choice(
            [
                {"text": 42},
                {"text": ["a", "b"]},
                {"text": {"body": "x"}},
                {"title": title(rng)},
                {"text": ""},
                {"html": 5, "title": None},
                42,
                "just a string",
                None,
                True,
                [],
                [1, 2, 3],
                [[[]]],
                {"text": None},
            ]
        )
        raw = json.dumps(v).encode()
        return rng.choice([".json", ".jsonl"]), rng.choice(
            [
                raw,
                raw,
                b"[" * 100_000,
                b'{"text": 1' + b"7" * 5000 + b"}",
                b'{"text": "unterminated',
                b'{\n"a":\n',
            ]
        )

    cheap = [
        binary,
        magic,
        empty,
        nul,
        invalid_utf8,
        utf16_broken,
        html_empty,
        feed_broken,
        feed_no_content,
        json_wrong,
    ]
    for i in range(max(0, bad - cheap_done)):
        gen = cheap[i % len(cheap)]
        ext, data = gen()
        c.add(f"bad/{gen.__name__}/{i:05d}{ext}", gen.__name__.replace("_", "-"), "error", data)

    # --- damaged but readable: must be stored with their words intact
    def readable(kind: str, tag: str) -> bytes:
        text = scrape(rng, tag)
        if kind == "utf16-bom":
            return rng.choice([text.encode("utf-16"), codecs.BOM_UTF16_BE + text.encode("utf-16-be")])
        if kind == "utf16-nobom":
            return text.encode(rng.choice(["utf-16-le", "utf-16-be"]))
        if kind == "utf32-bom":
            return text.encode("utf-32")
        if kind == "mixed-encodings":
            half = text.index("\n\n", len(text) // 2)
            return (text[:half] + " Café Noël.").encode() + (" À la mairie, élu." + text[half:]).encode(
                "latin-1"
            )
        if kind == "stray-invalid-bytes":
            raw = ("Le café. " + text).encode()
            cut = raw.index(b"\n\n")
            return raw[:cut] + rng.choice([b"\xff", b"\xc3(", b"\xed\xa0\x80"]) + raw[cut:]
        if kind == "legacy-cp1252":
            return ("Caf\u00e9 \u201cnews\u201d. " + text).encode("cp1252")
        if kind == "odd-line-endings":
            return text.replace("\n", rng.choice(["\r\n", "\r", "\x0b", "\x0c"])).encode()
        raise ValueError(kind)

    readable_kinds = [
        "utf16-bom",
        "utf16-nobom",
        "utf32-bom",
        "mixed-encodings",
        "stray-invalid-bytes",
        "legacy-cp1252",
        "odd-line-endings",
    ]
    for i in range(max(len(readable_kinds), good // 10)):
        kind = readable_kinds[i % len(readable_kinds)]
        tag = next(tags)
        c.add(f"readable/{kind}-{i:04d}.txt", kind, "article", readable(kind, tag), [marker(tag)])

    # --- the largest accepted inputs: one text scrape and one HTML page just under the size limit
    tag_t, tag_h = next(tags), next(tags)
    long_paras: list[str] = []
    size = 0
    while size < near_mb * 1e6 - 200:
        long_paras.append(" ".join(sentence(rng) for _ in range(4)))
        size += len(long_paras[-1]) + 7  # "<p></p>" around each in the page
    mid = len(long_paras) // 2
    long_paras.insert(mid, marker(tag_t))
    c.add(
        "near-limit/long.txt",
        "near-limit-text",
        "article",
        (title(rng) + "\n" + "\n".join(long_paras)).encode(),
        [marker(tag_t)],
    )
    # pages have their own, smaller limit in the HTML cleaner: stay just under it
    from storyline.clean import html as html_cleaner

    page_limit = getattr(html_cleaner, "MAX_PAGE_CHARS", near_mb * 1e6)
    keep, size = [], 0
    for x in long_paras:
        size += len(x) + 7
        if size > min(near_mb * 1e6, 0.95 * page_limit):
            break
        keep.append(x)
    keep[len(keep) // 2] = marker(tag_h)
    c.add(
        "near-limit/long.html",
        "near-limit-html",
        "article",
        (
            f"<html><head><title>{title(rng)}</title></head><body><article>"
            + "".join(f"<p>{x}</p>" for x in keep)
            + "</article></body></html>"
        ).encode(),
        [marker(tag_h)],
    )

    # --- good articles: text scrapes, HTML pages, JSONL dumps, feeds (several articles per container)
    n = 0
    i = 0
    while n < good:
        form = ["text", "html", "jsonl", "feed"][i % 4]
        if form == "text":
            tag = next(tags)
            c.add(f"good/text/{i:05d}.txt", "good-text", "article", scrape(rng, tag).encode(), [marker(tag)])
            n += 1
        elif form == "html":
            tag = next(tags)
            c.add(f"good/html/{i:05d}.html", "good-html", "article", page(rng, tag).encode(), [marker(tag)])
            n += 1
        elif form == "jsonl":
            ts = [next(tags) for _ in range(5)]
            recs = [
                {
                    "title": title(rng),
                    "text": "\n\n".join(paragraphs(rng, t)),
                    "outlet": "Valley Courier",
                    "published": "2031-03-04",
                }
                for t in ts
            ]
            c.add(
                f"good/jsonl/{i:05d}.jsonl",
                "good-jsonl",
                "article",
                "\n".join(json.dumps(r) for r in recs).encode(),
                [marker(t) for t in ts],
            )
            n += len(ts)
        else:
            ts = [next(tags) for _ in range(5)]
            items = "".join(
                f"<item><title>{title(rng)}</title><link>https://courier.example/{t}</link>"
                f"<pubDate>Tue, 04 Mar 2031 10:00:00 GMT</pubDate><description><![CDATA["
                + "".join(f"<p>{p}</p>" for p in paragraphs(rng, t))
                + "]]></description></item>"
                for t in ts
            )
            doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>{items}</channel></rss>'
            c.add(f"good/feeds/{i:05d}.xml", "good-feed", "article", doc.encode(), [marker(t) for t in ts])
            n += len(ts)
        i += 1
    return c


# ------------------------------------------------------------------------------------------ run and check


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the ingest process: less sensitive to a busy machine
    peak_rss_mb: float
    returncode: int
    stdout: str
    errors: list[tuple[str, str]]  # (source, reason) as printed


def run_cli(root: Path, db: Path, max_mb: float | None = None, timeout: float = 3600) -> Run:
    cmd = [sys.executable, "-m", "storyline.cli", "ingest", str(root), "--db", str(db), "--no-analyse"]
    if max_mb is not None:
        cmd += ["--max-mb", str(max_mb)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env={**os.environ, "COLUMNS": "200"})
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        # Peak RSS is sampled: the kernel's ru_maxrss of a child forked from a big parent (pytest with
        # models loaded) starts at the parent's size, so it would not measure ingest itself.
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            import psutil

            try:
                p = psutil.Process(proc.pid)
                while not done.is_set():
                    peak[0] = max(peak[0], p.memory_info().rss)
                    done.wait(0.05)
            except psutil.Error:
                pass

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            done.set()
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        secs = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode("utf-8", "backslashreplace")
    errors = []
    for line in stderr.splitlines():
        m = re.match(r"^error: (.*?): (.*)$", line)
        if m:
            errors.append((m.group(1), m.group(2)))
    cpu = usage.ru_utime + usage.ru_stime
    return Run(secs, cpu, peak[0] / 2**20, proc.returncode, stdout, errors)


@dataclass
class Outcome:
    files: int
    bad: int
    readable: int
    good_files: int
    expected_articles: int
    stored: int
    error_lines: int
    bad_with_error: int
    bad_silent: list[str]
    bad_stored: list[str]
    good_with_error: list[str]
    missing: list[str]
    duplicated: list[str]
    max_errors_per_file: int
    reasons: Counter[str]
    by_kind: dict[str, Counter[str]]

    @property
    def ok(self) -> bool:
        return not (
            self.bad_silent or self.bad_stored or self.good_with_error or self.missing or self.duplicated
        )


def _owner(source: str, by_name: dict[str, Planned]) -> Planned | None:
    if source in by_name:
        return by_name[source]
    base = re.sub(r"(?:#\d+|:\d+)$", "", source)
    return by_name.get(base)


def check(corpus: Corpus, run: Run, db: Path) -> Outcome:
    by_name = {display(p.path): p for p in corpus.files}
    errs: dict[str, list[str]] = defaultdict(list)
    stray: list[str] = []
    for src, reason in run.errors:
        owner = _owner(src, by_name)
        if owner is None:
            stray.append(src)
        else:
            errs[display(owner.path)].append(reason)
    con = sqlite3.connect(db)
    rows = con.execute("SELECT source, article FROM articles").fetchall()
    con.close()
    stored_by: dict[str, list[str]] = defaultdict(list)
    texts: list[str] = []
    for src, art in rows:
        owner = _owner(src, by_name)
        stored_by[display(owner.path) if owner else src].append(src)
        a = json.loads(art)
        texts.append(" ".join(a.get("paragraphs", [])))
    found = Counter(m for t in texts for m in set(re.findall(r"reference ([A-Z]+-\d+) before", t)))

    bad = [p for p in corpus.files if p.expect == "error"]
    good = [p for p in corpus.files if p.expect == "article"]
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for p in corpus.files:
        name = display(p.path)
        by_kind[p.kind]["files"] += 1
        by_kind[p.kind]["errors"] += len(errs.get(name, []))
        by_kind[p.kind]["articles"] += len(stored_by.get(name, []))
    expected = [m.split("reference ")[1].split(" ")[0] for p in good for m in p.markers]
    reasons = Counter(re.sub(r"[\d,.]+", "N", r.split(":")[0])[:60] for _, r in run.errors)
    return Outcome(
        files=len(corpus.files),
        bad=len(bad),
        readable=sum(p.kind.startswith(("utf", "mixed", "stray", "legacy", "odd")) for p in good),
        good_files=sum(p.kind.startswith("good") for p in good),
        expected_articles=len(expected),
        stored=len(rows),
        error_lines=len(run.errors),
        bad_with_error=sum(1 for p in bad if errs.get(display(p.path))),
        bad_silent=[display(p.path) for p in bad if not errs.get(display(p.path))],
        bad_stored=[display(p.path) for p in bad if stored_by.get(display(p.path))],
        good_with_error=[
            f"{display(p.path)}: {errs[display(p.path)][0]}" for p in good if errs.get(display(p.path))
        ]
        + [f"{s}: error for a file not in the corpus" for s in stray],
        missing=[t for t in expected if found[t] == 0],
        duplicated=[t for t, k in found.items() if k > 1],
        max_errors_per_file=max((len(v) for v in errs.values()), default=0),
        reasons=reasons,
        by_kind=by_kind,
    )


def report(o: Outcome, run: Run, corpus: Corpus, max_rss_mb: float) -> bool:
    print(
        f"corpus: {o.files} files = {o.bad} bad + {o.readable} damaged-but-readable + {o.good_files} good "
        f"({o.expected_articles} articles expected); {corpus.folder_loops} symlinked folder loops (not followed)"
    )
    print(f"{'kind':<22}{'files':>7}{'errors':>8}{'stored':>8}")
    for kind, cnt in sorted(o.by_kind.items()):
        print(f"{kind:<22}{cnt['files']:>7}{cnt['errors']:>8}{cnt['articles']:>8}")
    print("error reasons (most common):")
    for r, k in o.reasons.most_common(12):
        print(f"  {k:>6}  {r}")
    print(
        f"bad files with a clear error: {o.bad_with_error}/{o.bad} (max {o.max_errors_per_file} error lines "
        f"for one file, {o.error_lines} error lines in all)"
    )
    print(
        f"articles stored: {o.stored} (expected {o.expected_articles}; missing {len(o.missing)}, "
        f"duplicated {len(o.duplicated)}); bad files stored: {len(o.bad_stored)}; "
        f"good files with errors: {len(o.good_with_error)}"
    )
    rate = o.files / run.seconds if run.seconds else 0.0
    print(
        f"time: {run.seconds:.1f} s wall, {run.cpu_seconds:.1f} s CPU ({rate:.0f} files/s); peak RSS of the ingest process: {run.peak_rss_mb:.0f} MB "
        f"(bound {max_rss_mb:.0f} MB); exit status {run.returncode}"
    )
    print(f"cli said: {run.stdout.strip()}")
    for label, items in [
        ("silent bad files", o.bad_silent),
        ("bad files stored", o.bad_stored),
        ("good files with errors", o.good_with_error),
        ("missing articles", o.missing),
        ("duplicated articles", o.duplicated),
    ]:
        for x in items[:10]:
            print(f"FAIL {label}: {x}")
    ok = o.ok and run.peak_rss_mb <= max_rss_mb and run.returncode == 1
    print("PASS" if ok else "FAIL")
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bad", type=int, default=1000, help="number of bad files (>= 1000 for the full run)")
    ap.add_argument("--good", type=int, default=300, help="number of good articles")
    ap.add_argument("--big-mb", type=int, default=50, help="size of the oversized files")
    ap.add_argument("--bomb-depth", type=int, default=100_000, help="nesting depth of the HTML bombs")
    ap.add_argument("--feed-entries", type=int, default=100_000, help="entries of the flood feeds")
    ap.add_argument(
        "--max-mb", type=float, default=20.0, help="ingest size limit (the default limit is 20 MB)"
    )
    ap.add_argument("--max-rss-mb", type=float, default=1024, help="peak RSS bound for the ingest process")
    ap.add_argument("--keep", type=Path, default=None, help="build the corpus here and keep it")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storyline-hostile-") as tmp:
        base = args.keep or Path(tmp)
        root = base / "corpus"
        t0 = time.perf_counter()
        corpus = build_corpus(
            root,
            bad=args.bad,
            good=args.good,
            big_mb=args.big_mb,
            bomb_depth=args.bomb_depth,
            feed_entries=args.feed_entries,
            near_mb=args.max_mb * 1.048576 * 0.97,
            seed=args.seed,
        )
        print(f"generated in {time.perf_counter() - t0:.1f} s under {root}")
        db = base / "hostile.db"
        run = run_cli(root, db, max_mb=args.max_mb)
        return 0 if report(check(corpus, run, db), run, corpus, args.max_rss_mb) else 1


if __name__ == "__main__":
    raise SystemExit(main())
