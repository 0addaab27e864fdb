"""Web interface benchmark: what the search page costs on top of `archive.search.search`.

Builds an archive of N synthetic Vietnamese articles (`BENCH_WEB_ARTICLES`, default 100,000;
`scraper.sample.textgen`, ingested through `Archive.save_article`), starts `portal-archive serve`
as a real process, and measures per query class, in the same run:

- baseline: `archive.search.search(conn, q, limit=20)` called in-process (ranking + snippets);
- `/search.json?q=...&limit=20` over HTTP (adds paging and JSON; an export counts no facets);
- `/search?q=...` over HTTP (the page a researcher sees: 20 hits, facets, HTML).

Facets are counted over at most `FACET_POOL` newest matches, so a word found in most of the
archive costs bounded work.

Filters (category, province: the index's own tokens since schema m022), per class, in the same
run: baseline the query the web ran before m022 (words matched in the index, then every match's
row read from `articles` to test its category or site, ranked by bm25 over all of them);
`archive.search.search(..., category=/sites=)` in-process; `/search.json` and the `/search` page
over HTTP with `category=` or `province=` (every generated portal is in Phú Thọ).
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from urllib.parse import urlencode

from archive.query import parse_query
from archive.schema import connect, key_range
from archive.search import build_match, search
from archive.store import Archive
from archive.web.searching import FACET_POOL
from bench.archive import QUERIES
from scraper.sample.textgen import CATEGORIES, HOSTS, make_article

__all__ = ["run"]

OLD_QUERIES = 4  # of each filter class measured the old way too (slow: see OLD_CAP)
CLASSES = ("1 word", "2 words", "3 words", "phrase", "1 word, accented", "2 words, accented")
PROVINCE = ("Phú Thọ", tuple(sorted(HOSTS)))  # the generator's portals, all of one province
FILTERS = ("2 words + category", "2 words + province", "category alone (browse)")


def run() -> str:
    n = int(os.environ.get("BENCH_WEB_ARTICLES", "100000"))
    keep = os.environ.get("BENCH_DB")  # build into this file once (kept), re-measure on later runs
    workdir = None if keep else tempfile.mkdtemp(prefix="bench-web-", dir=os.environ.get("BENCH_DIR", "/tmp"))
    path = keep or os.path.join(workdir, "archive.db")
    try:
        started, build = time.perf_counter(), None
        if not os.path.exists(path):
            with Archive(path, batch_size=5000, batch_seconds=30) as archive:
                for i in range(n):
                    archive.save_article(make_article(i))
            build = time.perf_counter() - started
        rows, filtered = _measure(path)
        n = _count(path)
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return _report(n, build, rows) + _report_filters(filtered)


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
        return rows, [_measure_filter(conn, base, name) for name in FILTERS]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        conn.close()


def _count(path: str) -> int:
    conn = connect(path, readonly=True)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


OLD_CAP = 20.0  # seconds: a query the old way is stopped there (counted as this long)


def _capped(conn, fn) -> float:
    """Milliseconds `fn` took, stopped at OLD_CAP seconds (the old way took minutes at 100,000)."""
    deadline = time.perf_counter() + OLD_CAP
    conn.set_progress_handler(lambda: time.perf_counter() > deadline, 10_000)
    try:
        return _timed(fn)
    except sqlite3.OperationalError:  # interrupted
        return OLD_CAP * 1000
    finally:
        conn.set_progress_handler(None, 0)


def _old_filtered(conn, q: str | None, category: str | None, sites: tuple[str, ...] | None) -> list:
    """The query the web ran before m022 (archive/web/searching.py): the filter read from `articles`."""
    where, args = (["a.category = ?"], [category]) if category else ([f"a.site IN ({','.join('?' * len(sites))})"],
                                                                      list(sites))
    low, high = key_range(None, None)
    if q is None:  # browse: a walk of every row's token, each joined to its article
        sql = ("SELECT titles_fts.rowid FROM titles_fts JOIN articles a ON a.id = titles_fts.rowid & 4294967295 "
               f"WHERE titles_fts MATCH 'site : \"everyarticle\"' AND {' AND '.join(where)} "
               "ORDER BY titles_fts.rowid DESC LIMIT 21")
        return conn.execute(sql, args).fetchall()
    match = build_match(parse_query(q), None)
    ids = "SELECT rowid & 4294967295 FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?"
    restricted = f"SELECT a.search_key FROM articles a WHERE a.id IN ({ids}) AND {' AND '.join(where)}"
    sql = (f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ? "
           f"AND rowid IN ({restricted}) ORDER BY rank LIMIT 21")
    return conn.execute(sql, [match, low, high, match, low, high, *args]).fetchall()


def _measure_filter(conn, base: str, name: str) -> tuple[str, list[float], list[float], list[float], list[float]]:
    old, direct, as_json, page = [], [], [], []
    for n, q in enumerate(QUERIES["2 words"]):
        words = None if name.startswith("category alone") else q
        category = CATEGORIES[n % len(CATEGORIES)] if "category" in name else None
        sites = PROVINCE[1] if "province" in name else None
        web = {"q": words or "", "category": category or "", "province": PROVINCE[0] if sites else ""}
        web = {k: v for k, v in web.items() if v}
        search(conn, words, category=category, sites=sites, limit=20)  # warm alike
        if n < OLD_QUERIES:
            old.append(_capped(conn, lambda: _old_filtered(conn, words, category, sites)))
        direct.append(_timed(lambda: search(conn, words, category=category, sites=sites, limit=20)))
        as_json.append(_timed(lambda: _get(f"{base}/search.json?{urlencode({**web, 'limit': 20})}")))
        page.append(_timed(lambda: _get(f"{base}/search?{urlencode(web)}")))
    return name, old, direct, as_json, page


def _report_filters(rows) -> str:
    lines = ["", "Filters served by the index (schema m022), latency in ms, p50 / p99, same file, same run. Before "
             f"m022: the first {OLD_QUERIES} queries of the class only, each stopped at {OLD_CAP:.0f} s (counted as "
             f"{OLD_CAP * 1000:.0f} ms).", "",
             "| queries | n | before m022 (filter read from articles) | search() | /search.json (HTTP) | "
             "/search page (HTTP, facets) | before / search() (p50) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, old, direct, as_json, page in rows:
        lines.append(f"| {name} | {len(direct)} | {_p(old, .5):.1f} / {_p(old, .99):.1f} | "
                     f"{_p(direct, .5):.1f} / {_p(direct, .99):.1f} | {_p(as_json, .5):.1f} / {_p(as_json, .99):.1f} | "
                     f"{_p(page, .5):.1f} / {_p(page, .99):.1f} | "
                     f"{statistics.median(old) / max(statistics.median(direct), 0.001):.1f}x |")
    return "\n".join(lines) + "\n"


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


def _report(n: int, build: float | None, rows) -> str:
    lines = [
        "## Web interface (`portal-archive serve`)",
        "",
        f"Command: `BENCH_WEB_ARTICLES={n} make bench BENCH=web` (`BENCH_DB=FILE` builds into FILE once and keeps "
        f"it). {n:,} synthetic articles" + (f" built in {build:.0f} s" if build is not None else "") + "; latency in ms, p50 / p99 over the queries of each class (those of the archive bench), "
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
