"""Politeness by default: robots.txt Disallow and Crawl-delay obeyed, an identifying User-Agent.

The other crawl tests cap Crawl-delay through PORTAL_ARCHIVE_MAX_CRAWL_DELAY to stay quick; this
one runs without the cap and checks that the delay a portal asks for is what it gets.
"""
from __future__ import annotations

from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal
from tests.crawl_support import crawl, export, path_of

NO_CAP = {"PORTAL_ARCHIVE_MAX_CRAWL_DELAY": ""}


def test_crawl_delay_and_disallow_are_obeyed_by_default(tmp_path):
    folder = str(tmp_path / "portal")
    probe = generate_portal(str(tmp_path / "probe"), 4, per_page=10, seed=3, broken_links=False)
    secret = sorted(p for p, r in probe["routes"].items() if r.get("file", "").startswith("article-"))[0]
    manifest = generate_portal(folder, 4, per_page=10, seed=3, broken_links=False, crawl_delay=1, disallow=(secret,))
    db = str(tmp_path / "polite.db")
    with serve_portal(folder) as server:
        summary = crawl(server.base_url + manifest["start_urls"][0], "--db", db, env=NO_CAP)
        times = sorted(t for t, path in server.request_times if path != "/robots.txt")
    assert secret not in {path for _, path in server.request_times}, "a path disallowed by robots.txt was fetched"
    assert summary["robots_forbidden"] >= 1
    assert {path_of(r["url"]) for r in export(db)} == {
        p for p, r in manifest["routes"].items() if r.get("file", "").startswith("article-")} - {secret}
    gaps = [round(b - a, 2) for a, b in zip(times, times[1:])]
    assert len(gaps) >= 3 and min(gaps) >= 0.9, f"Crawl-delay: 1 not applied, gaps between requests {gaps}"
    agents = server.user_agents - {""}
    assert agents and all("portal-archive" in ua and "+http" in ua for ua in agents), agents
