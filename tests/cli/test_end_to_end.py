"""The walking skeleton's thread: portal served -> crawl -> SQLite -> search -> export."""
from __future__ import annotations

import json

from tests.conftest import run_cli


def test_crawl_search_export(tmp_path, portal_server):
    db = str(tmp_path / "archive.db")
    with portal_server("phutho-aspnet") as server:
        run_cli("crawl", *server.start_urls(), "--db", db)
    hits = json.loads(run_cli("search", "dan van kheo", "--db", db, "--format", "json").stdout)
    assert any("Dân vận khéo" in h["title"] for h in hits)
    rows = [json.loads(line) for line in run_cli("export", "--db", db).stdout.splitlines()]
    assert len(rows) == 4
    assert {r["site"] for r in rows} == {"127.0.0.1"}
