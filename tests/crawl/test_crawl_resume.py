"""Resume: a crawl killed with SIGKILL half-way and started again ends with the same archive as an
uninterrupted run, no duplicates, and does not fetch again what was archived before the kill."""
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

import pytest

from archive.schedule import EXIT_ITEMS_FAILED
from scraper.sample.chaos import compare_archives, kill_series, plain_crawl
from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal
from tests.conftest import ROOT
from tests.crawl_support import FAST, crawl, export, path_of

N_ARTICLES = 60
VOLATILE = ("first_seen", "last_seen", "last_changed", "id")  # times of the run; ids follow insertion order


def _archived_paths(db: str) -> set[str]:
    with sqlite3.connect(db, timeout=30) as conn:
        return {path_of(u) for (u,) in conn.execute("SELECT url FROM articles")}


def _comparable(rows: list[dict]) -> dict[str, dict]:
    """Rows without their times and with the server's port (each run serves on its own) taken out."""
    out = {}
    for r in rows:
        text = re.sub(r"http://127\.0\.0\.1:\d+", "", json.dumps({k: v for k, v in r.items() if k not in VOLATILE}))
        out[path_of(r["url"])] = json.loads(text)
    return out


def _crawl_until(server, start: str, db: str, article_paths: set[str], fetched: int) -> subprocess.Popen:
    """Start a real crawl process and return once it has fetched `fetched` of the articles."""
    cmd = [sys.executable, "-m", "portal_archive", "crawl", server.base_url + start, "--db", db]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **FAST}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(article_paths & set(server.requests)) < fetched and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    return proc


def _generated_portal(tmp_path, seed: int) -> tuple[str, str, set[str]]:
    """A generated N_ARTICLES portal: its folder, start path and article paths."""
    folder = str(tmp_path / "portal")
    manifest = generate_portal(folder, N_ARTICLES, per_page=20, seed=seed)
    paths = {p for p, r in manifest["routes"].items() if r.get("file", "").startswith("article-")}
    return folder, manifest["start_urls"][0], paths


def test_killed_crawl_resumes_to_the_same_archive(tmp_path):
    folder, start, article_paths = _generated_portal(tmp_path, seed=11)

    whole_db = str(tmp_path / "whole.db")
    with serve_portal(folder) as server:
        crawl(server.base_url + start, "--db", whole_db)

    db = str(tmp_path / "resumed.db")
    # a slow portal, so that the kill lands half-way
    with serve_portal(folder, delay=0.1) as server:
        proc = _crawl_until(server, start, db, article_paths, N_ARTICLES // 3)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        fetched_before_kill = article_paths & set(server.requests)
        assert len(fetched_before_kill) < N_ARTICLES, "the crawl finished before it could be killed"
        time.sleep(2.5)  # the orphaned writer commits what it has and exits within ~1 s of its parent dying
        archived_at_kill = _archived_paths(db)
        server.delay = 0
        before = len(server.requests)
        summary = crawl(server.base_url + start, "--db", db)
        refetched = article_paths & set(server.requests[before:])

    assert archived_at_kill, "nothing was archived before the kill"
    assert not refetched & archived_at_kill, "articles archived before the kill were fetched again"
    assert summary["new"] == N_ARTICLES - len(archived_at_kill)
    resumed_rows = export(db)
    assert len(resumed_rows) == len({r["url"] for r in resumed_rows}) == N_ARTICLES
    resumed, whole = _comparable(resumed_rows), _comparable(export(whole_db))
    differing = sorted({k for p in whole for k in whole[p] if resumed.get(p, {}).get(k) != whole[p][k]})
    assert differing == [], f"fields differ between the resumed and the uninterrupted archive: {differing}"


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(p) for p in f.read().split()]


def _cmdline(pid: int) -> str:
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().replace(b"\0", b" ").decode(errors="replace")


def test_a_dead_writer_stops_the_crawl_and_the_next_run_finishes(tmp_path):
    """If the archive writer process dies, the crawl must not hang on a queue nobody reads."""
    folder, start, article_paths = _generated_portal(tmp_path, seed=12)
    db = str(tmp_path / "archive.db")
    with serve_portal(folder, delay=0.1) as server:
        proc = _crawl_until(server, start, db, article_paths, N_ARTICLES // 4)
        writers = [c for c in _children(proc.pid) if "spawn_main" in _cmdline(c) and "resource_tracker" not in _cmdline(c)]
        assert writers, "no writer process found"
        for pid in writers:
            os.kill(pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=120)  # a hang here is the bug this test is about
        assert len(article_paths & set(server.requests)) < N_ARTICLES, "the crawl went on fetching into the void"
        assert "writer" in (out + err).decode(errors="replace")
        server.delay = 0
        crawl(server.base_url + start, "--db", db)
    rows = export(db)
    assert len(rows) == len({r["url"] for r in rows}) == N_ARTICLES


def _walk_rows(db: str) -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute("SELECT count(*) FROM crawl_walk").fetchone()[0]


@pytest.mark.slow
def test_five_kills_of_a_2000_article_crawl_then_one_plain_run_lose_nothing(tmp_path):
    """Issue 14: five kill -9 of the crawl's process group at random moments, then one plain run
    (whose incremental early stop once fired on page 1 and left up to 1,884 articles unfetched)."""
    folder = str(tmp_path / "portal")
    manifest = generate_portal(folder, 2000, per_page=20, seed=14)
    env = {**FAST, "PYTHONPATH": str(ROOT)}
    with serve_portal(folder) as server:
        start = server.base_url + manifest["start_urls"][0]
        clean = plain_crawl(start, str(tmp_path / "clean.db"), env=env)
        assert clean.returncode in (0, EXIT_ITEMS_FAILED), clean.stderr[-2000:]  # the portal's two broken links
        db = str(tmp_path / "killed.db")
        runs = kill_series(start, db, kills=5, rng=random.Random(2014), env=env, requests=server.requests)
        assert any(0 < r["archived"] < 2000 and not r["ended_by_itself"] for r in runs), runs  # kills landed mid-crawl
        final = plain_crawl(start, db, env=env)
    assert final.returncode in (0, EXIT_ITEMS_FAILED), final.stderr[-2000:]
    found = compare_archives(str(tmp_path / "clean.db"), db)
    assert (found["articles"], found["lost"], found["duplicated"], found["different"], found["extra"]) == \
        (2000, 0, 0, 0, 0), found
    assert _walk_rows(db) == 0  # the finished walk is cleared


def test_a_crawl_stopped_by_sigterm_keeps_its_walk_and_the_next_run_finishes_it(tmp_path):
    """`crawl --all --portal-time-limit` stops a portal's crawl with SIGTERM: Scrapy closes the run
    cleanly, which must not lose the walk (the requests Scrapy still had queued)."""
    folder, start, article_paths = _generated_portal(tmp_path, seed=13)
    db = str(tmp_path / "archive.db")
    with serve_portal(folder, delay=0.1) as server:
        proc = _crawl_until(server, start, db, article_paths, N_ARTICLES // 2)
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=120)
        with sqlite3.connect(db, timeout=30) as conn:
            finished = conn.execute("SELECT finished_at FROM crawl_runs").fetchall()
        archived_at_stop = _archived_paths(db)
        assert finished[0][0] is not None, "the run was not closed cleanly"
        assert len(archived_at_stop) < N_ARTICLES and _walk_rows(db) > 0
        server.delay = 0
        summary = crawl(server.base_url + start, "--db", db, "--stop-after", "1")  # the earliest stop there is
    assert summary["resumed"] > 0 and summary["walk_finished"]
    assert _archived_paths(db) == article_paths
    assert _walk_rows(db) == 0
