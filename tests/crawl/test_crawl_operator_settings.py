"""Operators' settings reach the crawl: portal-archive.toml beside the archive or --config, and -s KEY=VALUE."""
from __future__ import annotations

import json
import sqlite3

from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal
from scraper.settings import USER_AGENT
from tests.conftest import run_cli
from tests.crawl_support import FAST, crawl


def _run_settings(db: str) -> list[dict]:
    conn = sqlite3.connect(db)
    try:
        return [json.loads(r[0]) for r in conn.execute("SELECT settings FROM crawl_runs ORDER BY id")]
    finally:
        conn.close()


def test_default_user_agent_says_how_to_set_the_contact():
    assert "portal-archive.toml" in USER_AGENT and "+http" in USER_AGENT


def test_config_beside_the_archive_then_dash_s_over_it(tmp_path):
    manifest = generate_portal(str(tmp_path / "portal"), 3, per_page=10, seed=5, broken_links=False)
    (tmp_path / "portal-archive.toml").write_text(
        '[crawl]\ncontact = "luu-tru@example.org"\nconcurrency = 2\ntimeout = 45\n\n'
        '[scrapy]\nAUTOTHROTTLE_MAX_DELAY = 12\n', encoding="utf-8")
    db = str(tmp_path / "archive.db")
    with serve_portal(str(tmp_path / "portal")) as server:
        start = server.base_url + manifest["start_urls"][0]
        crawl(start, "--db", db)
        agents = set(server.user_agents) - {""}
        assert agents and all("luu-tru@example.org" in ua and ua.startswith("portal-archive/") for ua in agents)
        first = _run_settings(db)[-1]
        assert first["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2
        # -s wins over the file, a value as Scrapy reads it from its own command line
        crawl(start, "--db", db, "--full", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=3", "-s", "USER_AGENT=tester/9 (ops@x)")
        assert "tester/9 (ops@x)" in server.user_agents
        assert str(_run_settings(db)[-1]["CONCURRENT_REQUESTS_PER_DOMAIN"]) == "3"


def test_explicit_config_and_bad_ones_are_one_line_errors(tmp_path):
    db = str(tmp_path / "archive.db")
    bad = tmp_path / "bad.toml"
    bad.write_text("[crawl]\nconcurency = 2\n", encoding="utf-8")
    for args, message in ((["--config", str(bad)], "unknown [crawl] key 'concurency'"),
                          (["--config", str(tmp_path / "none.toml")], "no config file at"),
                          (["-s", "NOVALUE"], "is not KEY=VALUE")):
        result = run_cli("crawl", "http://127.0.0.1:9/", "--db", db, *args, check=False, env=FAST)
        assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr
    bad.write_text("[crawl]\ndelay = \"slow\"\n", encoding="utf-8")
    result = run_cli("crawl", "http://127.0.0.1:9/", "--db", db, "--config", str(bad), check=False)
    assert result.returncode == 1 and "delay must be a number" in result.stderr
