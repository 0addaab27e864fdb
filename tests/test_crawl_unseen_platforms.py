"""Crawls from the start URL alone of platforms with no family file (tests/fixtures/unseen_portals,
their family files hidden): Drupal listings that link only `/node/N`, DotNetNuke's
`/ArticleID/N/Default.aspx` behind a postback pager; each article stored once, under its
canonical address."""
from __future__ import annotations

import json

import pytest

from scraper.extract.families import HIDE_ENV
from scraper.sample.server import serve_portal
from tests.conftest import FIXTURES, run_cli
from tests.crawl_support import FAST, compare, export, path_of

UNSEEN = FIXTURES / "unseen_portals"


@pytest.mark.parametrize("name", ["drupal", "dotnetnuke"])
def test_a_crawl_from_the_start_url_finds_every_listed_article(name, tmp_path):
    folder = UNSEEN / name
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    expected = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "expected").glob("*.json"))]
    db = str(tmp_path / "a.db")
    with serve_portal(str(folder)) as server:
        run_cli("crawl", server.base_url + manifest["start_urls"][0], "--db", db, "--no-warc", check=False,
                env={**FAST, HIDE_ENV: name})
    rows = export(db)
    paths = [path_of(r["url"]) for r in rows]
    assert sorted(paths) == sorted(e["path"] for e in expected), "every article once, under its canonical address"
    assert {r["family"] for r in rows} == {"generic"}, "the family file was hidden"
    right, total, wrong = compare(expected, rows)
    assert wrong == [], f"{right}/{total}"
