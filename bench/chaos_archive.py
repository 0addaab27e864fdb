"""A busy archive: many crawl writers and a stream of searches sharing one file (issue #14).

40 generated portals of 40 articles (robots.txt Crawl-delay 1), each on its own port, crawled with
`portal-archive crawl --all --jobs 8 --no-media --no-warc` into one archive while searches run
against the same file, each on a connection of its own as `portal-archive search` opens one.
Counted: articles a complete crawl archives that are missing (must be 0), "database is locked"
errors in the crawl's logs and in the searches (0), portal crawls that failed, and the exit code.
Baseline, same run: the same searches on the finished, idle archive (latency ratio).

`BENCH_CHAOS_PORTALS`, `BENCH_CHAOS_ARTICLES`, `BENCH_CHAOS_SEARCHES`, `BENCH_CHAOS_JOBS` and
`BENCH_CHAOS_DELAY` scale it down while developing.
"""
from __future__ import annotations

import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from archive.reader import open_readonly
from archive.search import search
from scraper.sample.fleet import serve_fleet

__all__ = ["run"]

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["huyen", "nong thon moi", "hoi nghi", '"dan van"', "xa OR thi tran", "chuyen doi so", "dang uy",
           "kinh te NOT du lich", "y te*", "an ninh"]


def _env(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


def _search_once(db: str, n: int) -> tuple[float, str | None]:
    """(seconds, error) of one search, on a connection of its own."""
    started = time.perf_counter()
    try:
        conn = open_readonly(db)
        try:
            search(conn, QUERIES[n % len(QUERIES)], limit=20)
        finally:
            conn.close()
    except Exception as exc:  # counted, never fatal: the point is to see them
        return time.perf_counter() - started, f"{type(exc).__name__}: {exc}"
    return time.perf_counter() - started, None


def _searches_during(db: str, total: int, pause: float, crawl_done: threading.Event, out: dict) -> None:
    """`total` searches spread over the crawl, from when `crawl --all` has created the archive."""
    while not crawl_done.is_set():
        try:
            open_readonly(db).close()
            break
        except Exception:  # not created yet
            time.sleep(0.1)
    for n in range(total):
        seconds, error = _search_once(db, n)
        out["during" if not crawl_done.is_set() else "after"].append(seconds)
        if error:
            out["errors"].append(error)
        time.sleep(pause)


def _p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def run() -> str:
    portals = int(_env("BENCH_CHAOS_PORTALS", 40))
    articles = int(_env("BENCH_CHAOS_ARTICLES", 40))
    searches = int(_env("BENCH_CHAOS_SEARCHES", 500))
    jobs = int(_env("BENCH_CHAOS_JOBS", 8))
    delay = _env("BENCH_CHAOS_DELAY", 1.0)
    with tempfile.TemporaryDirectory(prefix="bench-chaos-archive-") as tmp:
        db, logs = os.path.join(tmp, "archive.db"), os.path.join(tmp, "logs")
        with serve_fleet(os.path.join(tmp, "portals"), portals=portals, articles=articles,
                         crawl_delay=delay or None) as fleet:
            command = [sys.executable, "-m", "portal_archive", "crawl", "--all", "--registry", fleet.registry,
                       "--db", db, "--jobs", str(jobs), "--no-media", "--no-warc", "--log-dir", logs]
            # Each portal takes about (articles + a few listing pages) x Crawl-delay; spread the searches over it.
            expected_seconds = -(-portals // jobs) * (articles + 4) * max(delay, 0.05)
            results: dict = {"during": [], "after": [], "errors": []}
            crawl_done = threading.Event()
            searcher = threading.Thread(target=_searches_during, daemon=True,
                                        args=(db, searches, expected_seconds / searches, crawl_done, results))
            started = time.perf_counter()
            searcher.start()
            crawl = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
            crawl_seconds = time.perf_counter() - started
            crawl_done.set()
            searcher.join()
            expected = {fleet.servers[name].base_url + path
                        for name, paths in fleet.expected_paths().items() for path in paths}
        conn = sqlite3.connect(db)
        archived = {row[0] for row in conn.execute("SELECT url FROM articles")}
        failed_portals = conn.execute("SELECT count(*) FROM portal_runs WHERE exit_code != 0").fetchone()[0]
        conn.close()
        log_text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in Path(logs).glob("*.log"))
        crawl_locked = len(re.findall(r"database is locked", log_text + crawl.stderr))
        search_locked = sum("locked" in e for e in results["errors"])
        idle = [_search_once(db, n)[0] for n in range(searches)]
    lost = len(expected - archived)
    during = results["during"]
    shown = " ".join(command[3:]).replace(fleet.registry, "sites.toml").replace(db, "archive.db") \
        .replace(logs, "logs")
    lines = [
        "## Chaos: a busy archive (`python -m bench chaos_archive`)",
        "",
        f"{portals} generated portals x {articles} articles (robots.txt Crawl-delay {delay:g} s), each on its own "
        f"port, crawled into one archive with `portal-archive {shown}` while {searches} searches ran against "
        "the same file (each on its own read-only connection, as `portal-archive search QUERY --db archive.db` "
        f"opens one; queries such as {', '.join(QUERIES[:4])}).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| articles a complete crawl archives | {len(expected):,} |",
        f"| **articles lost** | **{lost}** |",
        f"| **\"database is locked\" errors** (crawl logs + searches) | **{crawl_locked + search_locked}** |",
        f"| portal crawls that failed | {failed_portals} of {portals} |",
        f"| `crawl --all` exit code | {crawl.returncode} |",
        f"| crawl wall time | {crawl_seconds:.0f} s |",
        f"| searches during the crawl / after it ended | {len(during)} / {len(results['after'])} |",
        f"| search errors of any kind | {len(results['errors'])} |",
        f"| search p50 / p95 during the crawl | {_p(during, 0.5):.1f} / {_p(during, 0.95):.1f} ms |",
        f"| search p50 / p95 on the idle archive (baseline) | {_p(idle, 0.5):.1f} / {_p(idle, 0.95):.1f} ms |",
        f"| p50 during / idle | {statistics.median(during) / statistics.median(idle):.2f}x |" if during and idle
        else "| p50 during / idle | - |",
    ]
    if results["errors"]:
        lines += ["", f"First search error: `{results['errors'][0][:200]}`"]
    return "\n".join(lines) + "\n"
