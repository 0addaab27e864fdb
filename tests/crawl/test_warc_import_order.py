"""WARC in, whatever the order of the records: a page read before the listing that links it is
extracted at the end of the import (the pass reads a page not linked yet for links only), with
the same articles and fields as a crawler's order gives, serially and in worker processes.

The WARC files are written by the crawl's own WARC writer from the phutho-aspnet sample portal's
pages; imports run as real `portal-archive import-warc` processes into real SQLite files.
"""
from __future__ import annotations

import io
import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.captures import links_and_record, ordered_map
from scraper.warc_import import WarcImport
from tests.conftest import PORTALS, load_expected, run_cli

BASE = "http://yenlap.phutho.gov.vn"
PORTAL = PORTALS / "phutho-aspnet"


def _routes() -> list[tuple[str, dict]]:
    manifest = json.loads((PORTAL / "manifest.json").read_text(encoding="utf-8"))
    return [(route, spec) for route, spec in manifest["routes"].items() if "file" in spec]


def _is_article(route: str) -> bool:
    return "/id/" in route


def _write(folder: Path, routes: list[tuple[str, dict]]) -> str:
    from scraper.warc_files import Exchange, WarcFiles

    start = datetime(2025, 6, 30, 1, 0, tzinfo=timezone.utc)
    with WarcFiles(str(folder), max_size=10**9) as files:
        for i, (route, spec) in enumerate(routes):
            body = (PORTAL / "pages" / spec["file"]).read_bytes()
            files.write_exchange(Exchange(
                url=BASE + route, status=spec.get("status", 200),
                response_headers=[("Content-Type", spec.get("content_type", "text/html; charset=utf-8"))],
                body=body, request_headers=[("User-Agent", "test")], date=start + timedelta(minutes=i)))
        name = files.files[0]
    return str(folder / name)


def _rows(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT url, title, published, views, author, category, body, first_seen "
                            "FROM articles ORDER BY url").fetchall()
    finally:
        conn.close()


def _import(tmp_path: Path, name: str, routes: list[tuple[str, dict]], *extra: str) -> tuple[Path, str]:
    folder = tmp_path / name
    folder.mkdir()
    warc = _write(folder, routes)
    db = tmp_path / f"{name}.db"
    run_cli("import-warc", warc, "--db", str(db), *extra)
    return db, warc


@pytest.fixture(scope="module")
def expected_paths() -> set[str]:
    return {e["path"] for e in load_expected("phutho-aspnet")}


def test_articles_before_their_listing_are_imported_the_same(tmp_path, expected_paths):
    routes = _routes()
    in_order, _ = _import(tmp_path, "in-order", routes)
    articles_first = [r for r in routes if _is_article(r[0])] + [r for r in routes if not _is_article(r[0])]
    reordered, _ = _import(tmp_path, "articles-first", articles_first)
    got = _rows(in_order)
    assert {url.removeprefix(BASE) for url, *_ in got} == expected_paths
    # the same articles and fields; only the capture dates differ (each file's own order)
    assert [r[:7] for r in _rows(reordered)] == [r[:7] for r in got]


def test_listing_pages_are_not_articles_and_a_page_linked_only_later_still_is(tmp_path, expected_paths):
    routes = _routes()
    articles = [r for r in routes if _is_article(r[0])]
    others = [r for r in routes if not _is_article(r[0])]
    # one article read before any listing, the rest after: both kinds reach the archive
    db, _ = _import(tmp_path, "split", articles[:1] + others + articles[1:])
    urls = {url.removeprefix(BASE) for url, *_ in _rows(db)}
    assert urls == expected_paths
    assert not any("?page=" in u or u.endswith("2548") for u in urls), "listing pages stay out"


def test_workers_give_the_same_articles_in_the_same_order_whatever_the_file_order(tmp_path):
    routes = _routes()
    articles_first = [r for r in routes if _is_article(r[0])] + [r for r in routes if not _is_article(r[0])]
    folder = tmp_path / "w"
    folder.mkdir()
    warc = _write(folder, articles_first)
    results = []
    for workers in (1, 2):
        reader = WarcImport([warc], workers=workers)
        results.append([(c.url, c.captured_at, r["title"], r["views"]) for c, r in reader.articles()])
    assert results[0] == results[1]
    assert len(results[0]) == len([r for r in routes if _is_article(r[0])])


def test_a_revisit_of_a_page_read_before_its_listing_counts_as_a_capture(tmp_path):
    """The revisit refers to a capture whose record was never extracted in the pass (it was not
    linked when read): the end of the import extracts it, once for its own URL."""
    routes = _routes()
    articles = [r for r in routes if _is_article(r[0])]
    others = [r for r in routes if not _is_article(r[0])]
    folder = tmp_path / "rv"
    folder.mkdir()
    warc = _write(folder, articles[:1] + others + articles[1:])
    first_url = BASE + articles[0][0]
    digest = None
    from warcio.archiveiterator import ArchiveIterator

    with open(warc, "rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI") == first_url:
                digest = record.rec_headers.get_header("WARC-Payload-Digest")
    assert digest
    with open(warc, "ab") as f:
        writer = WARCWriter(f, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_revisit_record(
            first_url, digest, first_url, "2025-06-30T01:00:00Z", http_headers=headers,
            warc_headers_dict={"WARC-Date": "2026-01-02T03:04:05Z"}))
    db = tmp_path / "rv.db"
    run_cli("import-warc", warc, "--db", str(db))
    conn = sqlite3.connect(db)
    seen = [s[:10] for (s,) in conn.execute("SELECT captured_at FROM captures WHERE url = ? ORDER BY captured_at",
                                            (first_url,))]
    assert seen == ["2025-06-30", "2026-01-02"]
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(articles)


def test_a_page_whose_own_links_name_it_gets_its_record_at_once():
    """links_and_record: asked for links only, a page listing itself as an article is extracted too
    (the pass would hand it out at once, as before)."""
    routes = dict(_routes())
    listing = next(r for r in routes if r.endswith("2548"))
    body = (PORTAL / "pages" / routes[listing]["file"]).read_bytes()
    links, record, asked = links_and_record((body, BASE + listing, None, "text/html", True, False))
    assert links and record is None and asked is False
    article = next(r for r in routes if _is_article(r))
    body = (PORTAL / "pages" / routes[article]["file"]).read_bytes()
    links, record, asked = links_and_record((body, BASE + article, None, "text/html", False, True))
    assert links is None and asked and record["title"]


@pytest.mark.parametrize("workers", [1, 2])
def test_ordered_map_passes_none_args_through_in_place(workers):
    pairs = [(i, None if i % 3 == 0 else i) for i in range(10)]
    assert list(ordered_map(abs, pairs, workers, window=4)) == [(i, None if i % 3 == 0 else i) for i in range(10)]
