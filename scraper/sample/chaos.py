"""Crawls killed at random moments, and how the archive they leave compares with a clean one.

    times = kill_series(start_url, "killed.db", kills=5, rng=random.Random(1))
    plain_crawl(start_url, "killed.db")
    compare_archives("clean.db", "killed.db")   # {"lost": 0, "duplicated": 0, "different": 0, ...}

Used by the resume test and the chaos benchmark. A crawl is `portal-archive crawl URL` in a
process group of its own (the crawl and its archive writer), killed with SIGKILL as a power cut
or an OOM killer would: nothing gets to clean up.
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

__all__ = ["crawl_command", "kill_series", "plain_crawl", "compare_archives"]

# Times of the run and ids (insertion order) differ between two correct archives.
_VOLATILE = ("id", "first_seen", "last_seen", "last_changed", "content_hash")
_ORIGIN = re.compile(r"https?://(127\.0\.0\.1|localhost):\d+")


def crawl_command(start_url: str, db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "portal_archive", "crawl", start_url, "--db", db, "--no-warc", "--no-media",
            "--format", "json", *args]


def kill_series(start_url: str, db: str, *, kills: int = 5, rng: random.Random | None = None,
                earliest: float = 1.5, latest: float = 6.0, env: dict | None = None,
                requests: list | None = None) -> list[dict]:
    """Start the crawl `kills` times, each time SIGKILL its process group after a random delay.

    `requests`: the portal server's request log; given, the delay counts from the crawl's first
    request instead of its start (on a loaded machine the start-up alone can outlast 6 s, and every
    kill would land before the crawl fetched anything). Returns one dict a start: the delay,
    whether the crawl had already ended by itself, and the articles archived after it."""
    rng = rng or random.Random()
    runs = []
    for _ in range(kills):
        delay = rng.uniform(earliest, latest)
        seen = len(requests) if requests is not None else 0
        proc = subprocess.Popen(crawl_command(start_url, db), env={**os.environ, **(env or {})},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        while requests is not None and len(requests) == seen and proc.poll() is None:
            time.sleep(0.02)
        try:
            proc.wait(timeout=delay)
            ended = True
        except subprocess.TimeoutExpired:
            ended = False
        if not ended:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        _wait_group_gone(proc.pid)
        runs.append({"delay": round(delay, 2), "ended_by_itself": ended, "archived": _count(db)})
    return runs


def _count(db: str) -> int:
    if not os.path.exists(db):
        return 0
    conn = sqlite3.connect(db, timeout=60)
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # killed before the schema was made
        return 0
    finally:
        conn.close()


def _wait_group_gone(pgid: int, timeout: float = 30) -> None:
    """Until no process of the group is left (the writer, a spawned child, dies with it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def plain_crawl(start_url: str, db: str, *args: str, env: dict | None = None,
                timeout: float = 900) -> subprocess.CompletedProcess:
    """One `portal-archive crawl URL` run to its end (its JSON summary on stdout)."""
    return subprocess.run(crawl_command(start_url, db, *args), env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=timeout)


def _articles(db: str) -> tuple[dict[str, dict], Counter]:
    """Articles by URL path (host and port taken out of every value), and how often each path occurs.

    Read through `portal-archive export`, as any user of the archive reads it."""
    exported = subprocess.run([sys.executable, "-m", "portal_archive", "export", "--db", db, "--format", "jsonl"],
                              capture_output=True, text=True, check=True, timeout=600).stdout
    by_path: dict[str, dict] = {}
    counts: Counter = Counter()
    for line in exported.splitlines():
        if not line.strip():
            continue
        article = json.loads(line)
        row = {k: v for k, v in article.items() if k not in _VOLATILE}
        row = json.loads(_ORIGIN.sub("", json.dumps(row, ensure_ascii=False)))
        path = urlsplit(article["url"])._replace(scheme="", netloc="").geturl()
        counts[path] += 1
        by_path[path] = row
    return by_path, counts


def views_as_expected(folder: str, db: str) -> tuple[int, int]:
    """(articles whose archived view count is the generated portal's, articles expected)."""
    archived, _ = _articles(db)
    expected = []
    for name in os.listdir(os.path.join(folder, "expected")):
        with open(os.path.join(folder, "expected", name), encoding="utf-8") as f:
            expected.append(json.load(f))
    return sum(1 for e in expected if archived.get(e["path"], {}).get("views") == e["views"]), len(expected)


def compare_archives(clean_db: str, other_db: str) -> dict:
    """lost (in the clean archive, not the other), duplicated (a URL twice), different (any field),
    extra (in the other only), and the fields that differed."""
    clean, _ = _articles(clean_db)
    other, counts = _articles(other_db)
    different = [p for p in clean if p in other and other[p] != clean[p]]
    fields = sorted({k for p in different for k in clean[p] if clean[p].get(k) != other[p].get(k)})
    return {"articles": len(clean), "lost": sum(1 for p in clean if p not in other),
            "duplicated": sum(n - 1 for n in counts.values() if n > 1), "different": len(different),
            "extra": sum(1 for p in other if p not in clean), "fields_different": fields}
