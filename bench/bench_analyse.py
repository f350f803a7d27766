"""Throughput and memory of per-article analysis over generated news-like articles.

Generates N original ~600-word articles from templates (invented people, places and organisations;
direct, split, colon-introduced and indirect quotes; numbers; weekday and month references), then runs
``storyline.analyse.analyse_many`` with each requested process count and prints articles/s, words/s and
the peak resident memory of the whole process tree (sampled with psutil every 50 ms, workers
included).

    .venv/bin/python bench/bench_analyse.py [--n 1000] [--words 600] [--processes 1 2] [--batch-size 32]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import threading
import time

import psutil

from storyline.analyse import analyse_many
from storyline.model import Article

FIRST = "Amara Bilal Corin Dagny Eamon Farida Goran Hedda Ilse Jorund Kalani Lucian Maren Nilo Oriana Pavel Quilla Rasmus Saoirse Tobiah Ulla Vesna Wendell Xiomara Yannick Zora".split()
LAST = "Achterberg Brightwater Castellane Dunmore Eskildsen Fairweather Galloway Holmqvist Iversen Jessop Kowalczyk Lindqvist Marchetti Nyberg Okafor Pellegrini Quayle Rosenthal Szabo Thorvald Underhill Vasquez Whitcombe Yilmaz Zielinski".split()
ROLES = [
    "Transport Minister",
    "Finance Minister",
    "Mayor",
    "Health Secretary",
    "chief executive",
    "union leader",
    "police chief",
    "council chair",
    "Interior Minister",
    "spokeswoman",
]
PLACES = "Port Halloran,Vessel Bay,Northmere,Caldwick,Essendrie,Lower Fenning,Marrowgate,Saltcombe".split(",")
ORGS = [
    "the Harbour Authority",
    "Northmere Rail",
    "the Regional Water Board",
    "the Caldwick Transit Union",
    "the National Grid Agency",
    "Fenning Logistics",
]
TOPICS = [
    "the rail strike",
    "the water shortage",
    "the new bridge",
    "the budget",
    "the port expansion",
    "bus fares",
]
VERBS = ["said", "told reporters", "added", "warned", "insisted", "stressed"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "June", "September", "November"]

SENTENCES = [
    "{P} {verb} on {day} that {org} would {act} {topic} by {month}.",
    '"We will not {act} {topic} without a proper plan," {p} {verb}.',
    '"{Topic} has cost {place} more than {n} million dollars," said {role} {P}. "That cannot go on."',
    '{P}, the {role_l} of {place}, {verb}: "Nobody here wants {topic} to drag on."',
    "According to {org}, about {pct} percent of residents in {place} were affected by {topic}.",
    "{org_c} {verb} that there were no plans to {act} {topic} this year.",
    "Over {n} people attended a meeting in {place} on {day}, where {topic} dominated the discussion.",
    "{P} later {verb} that {org} should spend at least {pct} percent of its budget on {topic}.",
    'The {role_l} {verb} {topic} was "a problem that will not fix itself".',
    "Critics of {org} say {topic} was foreseeable, and that warnings were ignored last year.",
    "In {month} {year}, {org} published a report on {topic} that found {n} separate faults.",
    "{P} did not respond to a request for comment on {day}.",
    "Two days after the vote, {P} called on {org} to {act} {topic} before the winter.",
    "\"I told them, 'Fix it or step aside,' and they did neither,\" {p} said.",
    "{P} must now decide whether to {act} {topic}, a decision expected within {n2} weeks.",
]
ACTS = ["delay", "fund", "review", "cancel", "approve", "expand"]


def make_article(rng: random.Random, k: int, words: int) -> Article:
    people = [(rng.choice(FIRST), rng.choice(LAST), rng.choice(ROLES)) for _ in range(3)]
    place, org, topic = rng.choice(PLACES), rng.choice(ORGS), rng.choice(TOPICS)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = []
        for _ in range(rng.randint(1, 3)):
            first, last, role = rng.choice(people)
            full = f"{first} {last}"
            seen = any(full in p for p in paragraphs)
            s = rng.choice(SENTENCES).format(
                P=(full if not seen else last),
                p=rng.choice(["he", "she", last]),
                verb=rng.choice(VERBS),
                day=rng.choice(WEEKDAYS),
                month=rng.choice(MONTHS),
                year=rng.choice([2023, 2024]),
                org=org,
                org_c=org[0].upper() + org[1:],
                act=rng.choice(ACTS),
                topic=topic,
                Topic=topic[0].upper() + topic[1:],
                place=place,
                role=role,
                role_l=role.lower(),
                n=rng.randint(2, 900),
                n2=rng.randint(2, 9),
                pct=rng.randint(2, 60),
            )
            para.append(s)
            count += len(s.split())
        paragraphs.append(" ".join(para))
    title = f"{place} faces questions over {topic}"
    published = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    return Article(
        source=f"bench-{k}",
        content_hash=f"bench-{k}",
        paragraphs=paragraphs,
        title=title,
        published=published if rng.random() < 0.8 else None,
    )


def _cpu_seconds() -> float:
    """User + system CPU of this process and its finished children (pool workers are joined by then)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


class PeakRSS:
    """Peak resident memory of this process plus its children, sampled in a thread."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process(os.getpid())
        while not self._stop.is_set():
            try:
                total = me.memory_info().rss
                for c in me.children(recursive=True):
                    try:
                        total += c.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_one(args: argparse.Namespace, n_proc: int) -> None:
    """One configuration, in a fresh process so its memory peak is its own."""
    rng = random.Random(args.seed)
    arts = [make_article(rng, k, args.words) for k in range(args.n)]
    n_words = sum(len(a.text.split()) for a in arts)
    if n_proc == 1:
        analyse_many(arts[:2])  # load the model first: time the analysis, not the loading
    cpu0 = _cpu_seconds()
    with PeakRSS() as mem:
        t0 = time.perf_counter()
        facts = analyse_many(arts, n_process=n_proc, batch_size=args.batch_size)
        elapsed = time.perf_counter() - t0
    cpu = _cpu_seconds() - cpu0
    n_quotes = sum(len(f.quotes) for f in facts)
    n_claims = sum(len(f.claims) for f in facts)
    start = " incl. worker start-up and model loads" if n_proc > 1 else ""
    print(
        f"n_process={n_proc}: {len(arts) / elapsed:.1f} articles/s, {n_words / elapsed:.0f} words/s "
        f"({elapsed:.1f}s{start}), peak RSS {mem.peak / 2**20:.0f} MiB (all processes); "
        f"{n_quotes} quotes, {n_claims} claims"
    )
    # on a shared machine wall time depends on the neighbours; CPU time says what the work costs
    print(
        f"    CPU {cpu:.1f}s (workers included) = {1000 * cpu / len(arts):.0f} ms/article -> "
        f"{len(arts) / cpu * n_proc:.1f} articles/s if {n_proc} core(s) were free"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="number of articles")
    ap.add_argument("--words", type=int, default=600, help="approximate words per article")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--one", type=int, default=None, help=argparse.SUPPRESS
    )  # internal: run one configuration
    args = ap.parse_args(argv)
    if args.one is not None:
        run_one(args, args.one)
        return 0
    rng = random.Random(args.seed)
    n_words = sum(len(make_article(rng, k, args.words).text.split()) for k in range(args.n))
    print(f"{args.n} generated articles, {n_words / args.n:.0f} words on average; {os.cpu_count()} CPUs")
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for n_proc in args.processes:
        cmd = [sys.executable, __file__, "--one", str(n_proc), "--n", str(args.n), "--words", str(args.words)]
        cmd += ["--batch-size", str(args.batch_size), "--seed", str(args.seed)]
        subprocess.run(cmd, check=True)
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
