"""Acceptance: every sample portal crawled from its start URL, exported, compared with expected JSON.

Every article found exactly once, no non-article page exported, no request off the portal's host
or against robots.txt, 404/500 recorded in the fetches table of the run.
"""
from __future__ import annotations

import json
import urllib.robotparser
from urllib.parse import urlsplit

import pytest

from tests.conftest import PORTAL_NAMES, PORTALS, load_expected, run_cli
from tests.crawl_support import FAST, compare, crawl, export, fetches, path_of


def _crawl_portal(name: str, server, tmp_path, *extra: str) -> tuple[str, dict]:
    db = str(tmp_path / "x.db")
    summary = crawl(*server.start_urls(), "--db", db, *extra)
    return db, summary


def _check_found_once_and_on_host(name: str, server, db: str) -> list[dict]:
    rows = export(db)
    paths = [path_of(r["url"]) for r in rows]
    expected_paths = {e["path"] for e in load_expected(name)}
    assert len(paths) == len(set(paths)), f"an article archived twice: {sorted(paths)}"
    assert set(paths) == expected_paths, (
        f"missing {sorted(expected_paths - set(paths))}, not articles {sorted(set(paths) - expected_paths)}")
    netloc = urlsplit(server.base_url).netloc
    off_host = [f[0] for f in fetches(db) if urlsplit(f[0]).netloc != netloc]
    assert off_host == [], f"requests off the portal's host: {off_host}"
    robots = urllib.robotparser.RobotFileParser()
    robots.parse((PORTALS / name / "pages" / "robots.txt").read_text(encoding="utf-8").splitlines())
    ua = "portal-archive"
    disallowed = [p for p in server.requests if p != "/robots.txt" and not robots.can_fetch(ua, server.base_url + p)]
    assert disallowed == [], f"robots.txt disallows {disallowed}"
    return rows


@pytest.mark.parametrize("name", PORTAL_NAMES)
def test_crawl_finds_every_article_once_with_every_field(name, portal_server, tmp_path):
    with portal_server(name) as server:
        db, summary = _crawl_portal(name, server, tmp_path)
    rows = _check_found_once_and_on_host(name, server, db)
    right, total, wrong = compare(load_expected(name), rows)
    assert wrong == [], f"{right}/{total} fields right; wrong: {wrong}"
    assert summary["new"] == len(rows)
    assert all(r["site"] for r in rows)


@pytest.mark.parametrize("name", PORTAL_NAMES)
def test_crawl_generic_finds_every_article_and_90_percent_of_fields(name, portal_server, tmp_path):
    with portal_server(name) as server:
        db, _ = _crawl_portal(name, server, tmp_path, "--family", "generic")
    rows = _check_found_once_and_on_host(name, server, db)
    right, total, wrong = compare(load_expected(name), rows)
    assert right / total >= 0.9, f"{right}/{total} fields right with --family generic; wrong: {wrong}"


def test_404_and_500_are_recorded_with_their_run_and_do_not_stop_the_crawl(portal_server, tmp_path):
    with portal_server("sharepoint") as server:
        db, summary = _crawl_portal("sharepoint", server, tmp_path)
    by_path = {}
    for url, status, kind, run_id, _, _ in fetches(db):
        by_path.setdefault(path_of(url), []).append((status, kind, run_id))
    assert (404, "article", summary["run_id"]) in by_path["/Pages/tin-tuc-su-kien.aspx?ItemID=1236&CategoryId=5"]
    statuses_500 = by_path["/Pages/tin-tuc-su-kien.aspx?ItemID=1219&CategoryId=5"]
    assert len(statuses_500) >= 2 and {s for s, _, _ in statuses_500} == {500}, "5xx retried and each try recorded"
    assert summary["failed"] == 2 and summary["new"] == 4
    assert (200, "listing", summary["run_id"]) in by_path["/Pages/tin-tuc-su-kien.aspx?CategoryId=5"]


def test_redirects_are_recorded_and_tracking_parameters_dropped(portal_server, tmp_path):
    with portal_server("sharepoint") as server:
        db, _ = _crawl_portal("sharepoint", server, tmp_path)
    assert not any("utm_source" in p for p in server.requests), "the utm_source URL was fetched, not canonicalised"
    with portal_server("wordpress") as server:
        db2 = str(tmp_path / "wp.db")
        crawl(server.base_url + "/tin-tuc", "--db", db2)  # answers 301 -> /tin-tuc/
    redirects = [(path_of(u), path_of(r)) for u, s, _, _, r, _ in fetches(db2) if s == 301]
    assert ("/tin-tuc", "/tin-tuc/") in redirects
    assert len(export(db2)) == 4


def test_unreachable_portal_is_recorded_not_a_crash(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = str(tmp_path / "down.db")
    result = run_cli("crawl", f"http://127.0.0.1:{port}/tin-tuc", "--db", db, "--format", "json", env=FAST,
                     check=False)
    assert result.returncode == 1 and result.stderr.startswith("Error: nothing could be fetched")  # exits, says why
    summary = json.loads(result.stdout)
    assert summary["new"] == 0 and summary["listing_failed"] == 1
    errors = [(url, error) for url, status, _, _, _, error in fetches(db) if status is None]
    assert errors and all("Connection" in e or "refused" in e.lower() for _, e in errors), errors
