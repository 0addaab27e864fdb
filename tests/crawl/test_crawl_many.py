"""`crawl --all`: many portals in flight in one crawl process, each with its own politeness and results.

Five generated portals share one run: two plain ones, one whose robots.txt asks for a 1 s
Crawl-delay, one whose server takes 0.3 s over every answer, and one that is down. All are in
one crawl process (`--jobs 1`): the plain ones must be done before the Crawl-delay one, the
dead one must not hold anything up, and each portal's articles, summary, health row and log
must be its own. The run exits non-zero naming the dead portal (a portal whose fetches all
failed was once reported `ok`).
"""
from __future__ import annotations

import contextlib
import json
import sqlite3

from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal
from tests.conftest import run_cli
from tests.crawl_support import closed_port, registry_file

ARTICLES = {"plain1": 6, "plain2": 5, "delayed": 5, "slow": 4}


def test_portals_in_flight_together_each_with_its_own_results(tmp_path):
    folders = {}
    for seed, (name, n) in enumerate(ARTICLES.items()):
        folders[name] = str(tmp_path / name)
        generate_portal(folders[name], n, seed=seed, per_page=3, broken_links=False,
                        crawl_delay=1 if name == "delayed" else None, site=f"huyện {name}")
    db, logs = str(tmp_path / "archive.db"), tmp_path / "logs"
    with contextlib.ExitStack() as stack:
        servers = {name: stack.enter_context(serve_portal(folder, delay=0.3 if name == "slow" else 0.0))
                   for name, folder in folders.items()}
        urls = {name: server.start_urls()[0] for name, server in servers.items()}
        urls["dead"] = f"http://127.0.0.1:{closed_port()}/"
        registry = registry_file(tmp_path / "sites.toml", urls)
        result = run_cli("crawl", "--all", "--jobs", "1", "--registry", registry, "--db", db, "--log-dir", str(logs),
                         "--format", "json", "--no-media", check=False)
    assert result.returncode == 1, result.stderr
    assert "1 of 5 portal crawls failed: dead (" in result.stderr
    outcomes = {o["portal"]: o for o in json.loads(result.stdout)}
    assert set(outcomes) == set(urls)
    # the Crawl-delay portal (1 s between ~8 requests) finishes after the plain ones, which did not wait for it
    for name in ("plain1", "plain2"):
        assert outcomes[name]["finished_at"] <= outcomes["delayed"]["finished_at"]
        assert outcomes[name]["error"] is None
    # each portal's own articles, summary and health row
    conn = sqlite3.connect(db)
    per_site = {name: conn.execute("SELECT COUNT(*) FROM articles WHERE url LIKE ?", (url.split("/thong")[0] + "/%",))
                .fetchone()[0] for name, url in urls.items()}
    runs = dict(conn.execute("SELECT portal, run_id FROM portal_runs"))
    conn.close()
    for name, n in ARTICLES.items():
        outcome = outcomes[name]
        assert per_site[name] == n, (name, per_site)
        assert outcome["summary"]["new"] == n and outcome["health"]["new"] == n, outcome
        assert runs[name] == outcome["run_id"]
        assert outcome["health"]["fetches"] > n and outcome["summary"]["failed"] == 0
        log = (logs / f"{name}.log").read_text(encoding="utf-8")
        assert f"=== {name}: crawl of {urls[name]}" in log and f"=== {name}: finished" in log
        assert all(other not in log for other in urls if other != name and not other.startswith(name[:-1]))
    assert len({o["run_id"] for o in outcomes.values()}) == len(outcomes)
    dead = outcomes["dead"]
    assert dead["health"]["new"] == 0 and dead["health"]["fetches"] > 0
    assert dead["error"].startswith(f"nothing could be fetched from {urls['dead']}"), dead  # the reason, by kind
    assert "network" in dead["error"]
    health = run_cli("health", "--db", db, "--format", "json", check=False)
    broken = json.loads(health.stdout)["broken"]
    assert broken == ["dead"], broken


def test_every_option_reaches_every_portal_and_jobs_split_hosts(tmp_path):
    """--no-warc, --stop-after and --full reach every portal; --jobs 2 puts each host in one process."""
    folders = {name: str(tmp_path / name) for name in ("a", "b", "c")}
    for seed, folder in enumerate(folders.values()):
        generate_portal(folder, 4, seed=seed, per_page=2, broken_links=False)
    db = str(tmp_path / "archive.db")
    with contextlib.ExitStack() as stack:
        servers = {name: stack.enter_context(serve_portal(folder)) for name, folder in folders.items()}
        registry = registry_file(tmp_path / "sites.toml", {n: s.start_urls()[0] for n, s in servers.items()})
        result = run_cli("crawl", "--all", "--jobs", "2", "--no-warc", "--no-media", "--registry", registry,
                         "--db", db, "--log-dir", str(tmp_path / "logs"), "--status-every", "1")
        assert "crawl processes" in result.stderr and "portals 3/3 done" in result.stderr
        first = {name: len(server.requests) for name, server in servers.items()}
        # a second run stops at the first archived article (--stop-after 1) on every portal
        again = run_cli("crawl", "--all", "--stop-after", "1", "--registry", registry, "--db", db,
                        "--log-dir", str(tmp_path / "logs"), "--format", "json", "--no-warc", "--no-media")
        for outcome in json.loads(again.stdout):
            assert outcome["summary"]["new"] == 0 and outcome["summary"]["stopped_early"], outcome
            assert outcome["summary"]["listing_pages"] == 1, outcome
    assert not (tmp_path / "archive.db.warcs").exists()
    assert all(n > 0 for n in first.values())
