"""Incremental runs: a second crawl of an unchanged portal fetches no article page again and says so."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.schedule import EXIT_ITEMS_FAILED
from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal
from tests.conftest import run_cli
from tests.crawl_support import FAST, crawl, export, path_of


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    folder = tmp_path_factory.mktemp("portal")
    manifest = generate_portal(str(folder), 45, per_page=10, seed=5)
    articles = {json.loads(p.read_text(encoding="utf-8"))["path"] for p in (folder / "expected").glob("*.json")}
    return str(folder), manifest, articles


def test_second_run_fetches_no_article_again_and_says_so(portal, tmp_path):
    folder, manifest, articles = portal
    db = str(tmp_path / "a.db")
    with serve_portal(folder) as server:
        start = server.base_url + manifest["start_urls"][0]
        first = crawl(start, "--db", db)
        assert first["new"] == 45 and first["failed"] == 2  # the deliberate 404 and 500
        before = len(server.requests)
        result = run_cli("crawl", start, "--db", db, env=FAST, check=False)
        second_requests = server.requests[before:]
    # the broken links are tried again and fail again: listed, and the exit code says some articles failed
    assert result.returncode == EXIT_ITEMS_FAILED, result.stderr
    assert "failed articles (2):" in result.stdout
    assert not articles & set(second_requests), "an archived article was fetched again"
    assert "0 new, 0 updated, 0 unchanged" in result.stdout
    assert "archived articles not fetched again" in result.stdout
    # listings are newest-first: after --stop-after (20) archived articles in a row, paging stops
    assert "stopped paging" in result.stdout
    assert manifest["start_urls"][0] + "?page=5" not in second_requests
    assert len({path_of(r["url"]) for r in export(db)}) == 45


def test_new_articles_are_found_and_full_walks_everything(portal, tmp_path):
    folder, manifest, articles = portal
    db = str(tmp_path / "b.db")
    with serve_portal(folder) as server:
        start = server.base_url + manifest["start_urls"][0]
        crawl(start, "--db", db, "--stop-after", "5")  # first run: everything is new, so it walks every page
        before = len(server.requests)
        summary = crawl(start, "--db", db, "--full")
        requests = server.requests[before:]
    assert summary["new"] == 0 and summary["skipped_known"] == 45 and not summary["stopped_early"]
    assert all(f"{manifest['start_urls'][0]}?page={n}" in requests for n in (2, 3, 4, 5))
    assert not articles & set(requests)


def test_revisit_refetches_archived_articles_and_records_edits(portal, tmp_path):
    folder, manifest, articles = portal
    db = str(tmp_path / "c.db")
    with serve_portal(folder) as server:
        start = server.base_url + manifest["start_urls"][0]
        crawl(start, "--db", db)
        # the portal edits its newest article
        newest = max(Path(folder, "pages").glob("article-*.html"), key=lambda p: int(p.stem.split("-")[1]))
        html = newest.read_text(encoding="utf-8")
        first_paragraph = html.split('<p style="text-align: justify;">', 1)[1].split("</p>", 1)[0]
        newest.write_text(html.replace(first_paragraph, "Nội dung đã được cập nhật. " + first_paragraph, 1), encoding="utf-8")
        before = len(server.requests)
        summary = crawl(start, "--db", db, "--revisit", "--stop-after", "10")
        revisited = articles & set(server.requests[before:])
    assert len(revisited) >= 10
    assert summary["updated"] == 1 and summary["unchanged"] == len(revisited) - 1 and summary["new"] == 0


def test_revisit_marks_articles_gone_from_the_portal_as_removed(tmp_path):
    folder = tmp_path / "portal"
    manifest = generate_portal(str(folder), 12, per_page=20, seed=8, broken_links=False)
    db = str(tmp_path / "d.db")
    with serve_portal(str(folder)) as server:
        start = server.base_url + manifest["start_urls"][0]
        crawl(start, "--db", db)
        gone = sorted(p for p, r in manifest["routes"].items() if r.get("file", "").startswith("article-"))[0]
        server.routes[gone] = {"status": 404}
        summary = crawl(start, "--db", db, "--revisit")
    assert summary["removed"] == 1 and summary["failed"] == 1
    rows = {path_of(r["url"]): r for r in export(db)}
    assert len(rows) == 12, "nothing is ever deleted from the archive"
    assert rows[gone]["removed_at"] and all(not r["removed_at"] for p, r in rows.items() if p != gone)
