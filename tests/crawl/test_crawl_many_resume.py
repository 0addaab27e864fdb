"""`crawl --all` under faults: a kill -9 of the whole many-portal crawl resumes every portal
exactly, and a dead and a hung portal among live ones fail by name while the others finish.

The kill: four generated portals of 40 articles (4 listing pages each, images on) are crawled
together by one crawl process (`--jobs 1`, WARC and media on, the default); each server takes
0.3 s over every answer so that the kill (SIGKILL to the crawl's whole process group: the
command, its crawl process and their writer) lands while every portal is mid-walk. A second,
plain run must then archive every article of every portal exactly once, fetch none of the
articles archived before the kill again, and leave no unfinished walk behind.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

from scraper.sample.chaos import _wait_group_gone
from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal
from tests.conftest import ROOT, run_cli
from tests.crawl_support import FAST, closed_port, registry_file

N_ARTICLES = 40
PORTALS = ("ha", "hai", "ba", "bon")


def _articles_by_host(db: str) -> dict[str, list[str]]:
    """Archived article paths by host:port (a list: a path archived twice shows twice)."""
    found: dict[str, list[str]] = {}
    with contextlib.closing(sqlite3.connect(db, timeout=60)) as conn:
        for (url,) in conn.execute("SELECT url FROM articles"):
            parts = urlsplit(url)
            found.setdefault(parts.netloc, []).append(parts.path + ("?" + parts.query if parts.query else ""))
    return found


def test_kill_9_of_a_many_portal_crawl_resumes_every_portal_exactly(tmp_path):
    article_paths: dict[str, set[str]] = {}
    folders: dict[str, str] = {}
    for seed, name in enumerate(PORTALS):
        folders[name] = str(tmp_path / name)
        manifest = generate_portal(folders[name], N_ARTICLES, per_page=10, seed=40 + seed, broken_links=False,
                                   site=f"huyện {name}")
        article_paths[name] = {p for p, r in manifest["routes"].items() if r.get("file", "").startswith("article-")}
        assert len(article_paths[name]) == N_ARTICLES
    db, logs = str(tmp_path / "archive.db"), str(tmp_path / "logs")
    env = {**os.environ, **FAST}
    with contextlib.ExitStack() as stack:
        servers = {name: stack.enter_context(serve_portal(folder, delay=0.3)) for name, folder in folders.items()}
        registry = registry_file(tmp_path / "sites.toml", {n: s.start_urls()[0] for n, s in servers.items()})
        command = [sys.executable, "-m", "portal_archive", "crawl", "--all", "--jobs", "1", "--registry", registry,
                   "--db", db, "--log-dir", logs]
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)

        def fetched() -> dict[str, int]:
            return {n: len(article_paths[n] & set(s.requests)) for n, s in servers.items()}

        deadline = time.monotonic() + 180
        while min(fetched().values()) < 6 and max(fetched().values()) < 30 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)  # the command, its crawl process and the writer, at once
        proc.wait()
        _wait_group_gone(proc.pid)
        at_kill = fetched()
        mid_walk = [n for n, k in at_kill.items() if 0 < k < N_ARTICLES]
        assert len(mid_walk) >= 3, f"the kill did not land mid-walk: {at_kill}"
        archived_before = _articles_by_host(db)
        assert sum(map(len, archived_before.values())) > 0, "nothing was archived before the kill"

        for server in servers.values():
            server.delay = 0
        before = {n: len(s.requests) for n, s in servers.items()}
        again = run_cli("crawl", "--all", "--jobs", "1", "--registry", registry, "--db", db, "--log-dir", logs,
                        "--format", "json", env=FAST, check=False)
        refetched = {n: article_paths[n] & set(s.requests[before[n]:]) for n, s in servers.items()}
        hosts = {n: urlsplit(s.base_url).netloc for n, s in servers.items()}

    assert again.returncode == 0, again.stderr[-3000:]
    outcomes = {o["portal"]: o for o in json.loads(again.stdout)}
    archived = _articles_by_host(db)
    for name in PORTALS:
        paths = archived.get(hosts[name], [])
        assert len(paths) == len(set(paths)) == N_ARTICLES, (name, len(paths), len(set(paths)))  # once each
        assert set(paths) == article_paths[name], name  # none lost
        kept = set(archived_before.get(hosts[name], []))
        assert not refetched[name] & kept, f"{name}: articles archived before the kill were fetched again"
        assert outcomes[name]["summary"]["new"] == N_ARTICLES - len(kept), outcomes[name]["summary"]
        assert outcomes[name]["error"] is None, outcomes[name]
    # the interrupted walks were taken up, and every portal finished its own
    assert sum(o["summary"].get("resumed", 0) for o in outcomes.values()) > 0
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM crawl_walk").fetchone()[0] == 0


@contextlib.contextmanager
def _hung_server():
    """A port that accepts connections (the kernel's backlog) and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"


def test_a_dead_and_a_hung_portal_fail_by_name_while_the_others_finish(tmp_path):
    folders = {name: str(tmp_path / name) for name in ("live1", "live2", "live3")}
    for seed, folder in enumerate(folders.values()):
        generate_portal(folder, 8, per_page=4, seed=seed, broken_links=False)
    db = str(tmp_path / "archive.db")
    with contextlib.ExitStack() as stack:
        servers = {name: stack.enter_context(serve_portal(folder)) for name, folder in folders.items()}
        urls = {name: s.start_urls()[0] for name, s in servers.items()}
        urls["dead"] = f"http://127.0.0.1:{closed_port()}/"
        urls["hung"] = stack.enter_context(_hung_server())
        registry = registry_file(tmp_path / "sites.toml", urls)
        # -s reaches every portal of the crawl process: the hung one gives up after 3 s a request
        result = run_cli("crawl", "--all", "--jobs", "1", "--registry", registry, "--db", db,
                         "--log-dir", str(tmp_path / "logs"), "--format", "json", "--no-media",
                         "-s", "DOWNLOAD_TIMEOUT=3", "-s", "RETRY_TIMES=1", env=FAST, check=False)
    assert result.returncode == 1, result.stderr[-3000:]
    outcomes = {o["portal"]: o for o in json.loads(result.stdout)}
    assert set(outcomes) == set(urls)
    assert "2 of 5 portal crawls failed: " in result.stderr
    for name in ("dead", "hung"):
        assert f"{name} (nothing could be fetched from {urls[name]}" in result.stderr, result.stderr[-2000:]
    assert "network" in outcomes["dead"]["error"] and "network" in outcomes["hung"]["error"], outcomes
    for name in folders:
        assert outcomes[name]["error"] is None and outcomes[name]["summary"]["new"] == 8, outcomes[name]
        # the live portals were not held up by the hung one
        assert outcomes[name]["finished_at"] <= outcomes["hung"]["finished_at"]
    health = json.loads(run_cli("health", "--db", db, "--format", "json", check=False).stdout)
    assert sorted(health["broken"]) == ["dead", "hung"], health["broken"]
