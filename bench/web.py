"""Web interface benchmark: what the search page costs on top of `archive.search.search`.

Builds an archive of N synthetic Vietnamese articles (`BENCH_WEB_ARTICLES`, default 100,000;
`scraper.sample.textgen`, ingested through `Archive.save_article`), starts `portal-archive serve`
as a real process, and measures per query class, in the same run:

- baseline: `archive.search.search(conn, q, limit=20)` called in-process (ranking + snippets);
- `/search.json?q=...&limit=20` over HTTP (adds paging, facets, JSON);
- `/search?q=...` over HTTP (the page a researcher sees: 20 hits, facets, HTML).

Facets are counted over at most `FACET_POOL` newest matches, so a word found in most of the
archive costs bounded work.
"""
from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from urllib.parse import urlencode

from archive.schema import connect
from archive.search import search
from archive.store import Archive
from archive.web.searching import FACET_POOL
from bench.archive import QUERIES
from scraper.sample.textgen import make_article

__all__ = ["run"]

CLASSES = ("1 word", "2 words", "3 words", "phrase", "1 word, accented", "2 words, accented")


def run() -> str:
    n = int(os.environ.get("BENCH_WEB_ARTICLES", "100000"))
    workdir = tempfile.mkdtemp(prefix="bench-web-", dir=os.environ.get("BENCH_DIR", "/tmp"))
    path = os.path.join(workdir, "archive.db")
    try:
        started = time.perf_counter()
        with Archive(path, batch_size=5000, batch_seconds=30) as archive:
            for i in range(n):
                archive.save_article(make_article(i))
        build = time.perf_counter() - started
        rows = _measure(path)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return _report(n, build, rows)


def _measure(path: str) -> list[tuple[str, list[float], list[float], list[float]]]:
    conn = connect(path, readonly=True)
    proc = subprocess.Popen([sys.executable, "-m", "portal_archive", "serve", "--db", path, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base = re.search(r"http://127\.0\.0\.1:\d+", proc.stdout.readline()).group(0)
        threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
        _get(base + "/search?q=huyen")  # first request starts Datasette up
        rows = []
        for name in CLASSES:
            direct, as_json, page = [], [], []
            for q in QUERIES[name]:
                search(conn, q, limit=20)  # warm the page cache alike for all three
                direct.append(_timed(lambda: search(conn, q, limit=20)))
                as_json.append(_timed(lambda: _get(f"{base}/search.json?{urlencode({'q': q, 'limit': 20})}")))
                page.append(_timed(lambda: _get(f"{base}/search?{urlencode({'q': q})}")))
            rows.append((name, direct, as_json, page))
        return rows
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        conn.close()


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _report(n: int, build: float, rows) -> str:
    lines = [
        "## Web interface (`portal-archive serve`)",
        "",
        f"Command: `BENCH_WEB_ARTICLES={n} make bench BENCH=web`. {n:,} synthetic articles built in "
        f"{build:.0f} s; latency in ms, p50 / p99 over the queries of each class (those of the archive bench), "
        "one measurement per query after a warm-up run. Baseline: `archive.search.search(limit=20)` in-process, "
        f"same file, same run. Facets are counted over at most the {FACET_POOL:,} newest matches.",
        "",
        "| queries | n | baseline search() | /search.json (HTTP) | /search page (HTTP, facets) | page − baseline (p50) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, direct, as_json, page in rows:
        lines.append(f"| {name} | {len(direct)} | {_p(direct, .5):.1f} / {_p(direct, .99):.1f} | "
                     f"{_p(as_json, .5):.1f} / {_p(as_json, .99):.1f} | {_p(page, .5):.1f} / {_p(page, .99):.1f} | "
                     f"+{statistics.median(page) - statistics.median(direct):.1f} |")
    return "\n".join(lines) + "\n"
