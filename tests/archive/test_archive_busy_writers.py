"""Writers that never die of a busy archive (issue #14, item 0).

`crawl --all --jobs 8` over 40 small portals into one archive: every article archived, exit 0,
and the options given to `crawl --all` (--no-warc, --no-media) reach every portal's crawl. A
writer that waits in vain (another process holds the archive's write lock past its patience)
stops its crawl: non-zero exit and a line in `health`.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import time

from scraper.sample.fleet import serve_fleet
from scraper.sample.server import serve_portal
from tests.conftest import run_cli
from tests.crawl_support import FAST
from tests.archive.test_health_crawl_all import write_registry


def test_crawl_all_forty_portals_eight_jobs_lose_nothing(tmp_path):
    db, logs = str(tmp_path / "archive.db"), tmp_path / "logs"
    with serve_fleet(str(tmp_path / "portals"), portals=40, articles=4) as fleet:
        result = run_cli("crawl", "--all", "--jobs", "8", "--registry", fleet.registry, "--db", db,
                         "--log-dir", str(logs), "--no-media", "--no-warc", env=FAST, timeout=900)
        expected = {fleet.servers[name].base_url + path
                    for name, paths in fleet.expected_paths().items() for path in paths}
    assert len(expected) == 160
    with sqlite3.connect(db) as conn:
        archived = {row[0] for row in conn.execute("SELECT url FROM articles")}
        exits = [row[0] for row in conn.execute("SELECT exit_code FROM portal_runs")]
    assert expected - archived == set()
    assert exits == [0] * 40
    assert result.returncode == 0
    for log in logs.glob("portal*.log"):
        assert "database is locked" not in log.read_text(encoding="utf-8"), log.name
    assert not os.path.exists(db + ".warcs"), "--no-warc did not reach the portals' crawls"
    assert not os.path.exists(db + ".media"), "--no-media did not reach the portals' crawls"


def _hold_write_lock(db: str, server, log: str, released: threading.Event) -> None:
    """Take the archive's write lock once the crawl fetches its first article; let it go once the
    crawl's writer has given up (its line is in the portal's log)."""
    deadline = time.monotonic() + 120
    while not any("/id/" in r for r in list(server.requests)) and time.monotonic() < deadline:
        time.sleep(0.01)
    conn = sqlite3.connect(db, timeout=60, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        while time.monotonic() < deadline:
            if os.path.exists(log) and "archive writer failed" in open(log, encoding="utf-8").read():
                break
            time.sleep(0.05)
    finally:
        conn.execute("ROLLBACK")
        conn.close()
        released.set()


def test_writer_that_waits_in_vain_fails_its_crawl_and_health_says_so(tmp_path):
    from scraper.sample.generate import generate_portal

    db, logs = str(tmp_path / "archive.db"), tmp_path / "logs"
    generate_portal(str(tmp_path / "portal"), 40, broken_links=False)
    with serve_portal(str(tmp_path / "portal")) as server:
        registry = write_registry(tmp_path / "sites.toml", {"busy": server})
        released = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(db, server, str(logs / "busy.log"), released),
                                  daemon=True)
        holder.start()
        result = run_cli("crawl", "--all", "--registry", registry, "--db", db, "--log-dir", str(logs),
                         "--no-warc", "--no-media", check=False, env={**FAST, "PORTAL_ARCHIVE_WRITE_PATIENCE": "1"})
        holder.join(timeout=130)
    assert released.is_set()
    assert result.returncode == 1, result.stderr
    assert "1 of 1 portal crawls failed: busy" in result.stderr
    log = (logs / "busy.log").read_text(encoding="utf-8")
    assert "archive writer failed" in log and "Traceback" not in log
    health = run_cli("health", "--db", db, "--format", "json", check=False)
    assert health.returncode == 3
    [busy] = json.loads(health.stdout)["results"]
    assert any("archive writer failed" in p and "locked" in p for p in busy["problems"]), busy["problems"]
