"""Unseen portals: sitemaps (robots.txt `Sitemap:`, else /sitemap.xml; indexes, gzip) as a source
of article links when the start page is no usable listing, and always in a full run."""
from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from scraper.extract.listing import extract_listing
from scraper.extract.sitemap import gunzip_capped, looks_like_sitemap, parse_sitemap
from scraper.sample.server import serve_portal
from tests.crawl_support import crawl, export, fetches, path_of

PORTAL = Path(__file__).parent.parent / "fixtures" / "unseen_crawl" / "sitemap-portal"
ARTICLES = set(json.loads((PORTAL / "articles.json").read_text(encoding="utf-8")))
BASE = "http://127.0.0.1:8000"
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


# ---------------------------------------------------------------- pure


def test_parse_sitemap_urlset_index_gzip_and_text():
    urlset = (f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>'
              "<url><loc>/tin/cu-101</loc><lastmod>2023-01-02</lastmod></url>"
              "<url><loc>/tin/khong-ngay-102</loc></url>"
              f"<url><loc>{BASE}/tin/moi-103?utm_source=zalo</loc><lastmod>2024-05-06T08:00:00+07:00</lastmod></url>"
              "<url><loc>http://other.example.org/tin/khac-104</loc></url></urlset>")
    entries = parse_sitemap(gzip.compress(urlset.encode()), BASE + "/sitemap.xml.gz")
    # newest first, undated after, canonical, same host only
    assert entries.pages == [BASE + "/tin/moi-103", BASE + "/tin/cu-101", BASE + "/tin/khong-ngay-102"]
    index = f"<sitemapindex {NS}><sitemap><loc>/s-1.xml</loc></sitemap><sitemap><loc>http://x.org/s.xml</loc></sitemap></sitemapindex>"
    assert parse_sitemap(index.encode(), BASE + "/sitemap.xml").sitemaps == [BASE + "/s-1.xml"]
    text = f"{BASE}/tin/a-1\n\n{BASE}/tin/b-2\r\nhttps://x.org/c\n"
    assert looks_like_sitemap(text) and not looks_like_sitemap("<html><body>urlset</body></html>")
    assert parse_sitemap(text.encode(), BASE + "/sitemap.txt").pages == [BASE + "/tin/a-1", BASE + "/tin/b-2"]


def test_gzip_bomb_is_cut_and_damaged_gzip_keeps_its_head():
    bomb = gzip.compress(b"<" * (3 * 1024 * 1024))
    assert len(gunzip_capped(bomb, limit=1024 * 1024)) == 1024 * 1024
    good = gzip.compress(b"http://h/tin/a-1\nhttp://h/tin/b-2\n" * 2000)
    assert gunzip_capped(good[: len(good) // 2]).startswith(b"http://h/tin/a-1\n")


def test_sitemap_as_listing_keeps_article_looking_urls_and_all_child_sitemaps_in_generic_mode():
    body = (PORTAL / "pages" / "tin-1.xml").read_bytes()
    listing = extract_listing(body, BASE + "/sitemaps/tin-1.xml", family="generic")
    assert {path_of(u) for u in listing.article_urls} <= ARTICLES and len(listing.article_urls) == 4
    index = extract_listing((PORTAL / "pages" / "sitemap_index.xml").read_bytes(), BASE + "/sitemap_index.xml")
    assert [path_of(u) for u in index.sitemaps] == ["/sitemaps/tin-1.xml", "/sitemaps/tin-2.xml.gz"]
    gz = extract_listing((PORTAL / "pages" / "tin-2.xml.gz").read_bytes(), BASE + "/sitemaps/tin-2.xml.gz")
    assert len(gz.article_urls) == 4
    text = extract_listing(f"{BASE}/tin/bai-viet-thu-nhat-ve-nong-thon-moi-1\n".encode(), BASE + "/sitemap.txt")
    assert text.article_urls == [BASE + "/tin/bai-viet-thu-nhat-ve-nong-thon-moi-1"]


# ---------------------------------------------------------------- crawls


def _article_requests(requests: list[str]) -> Counter:
    return Counter(r for r in requests if r.split("?")[0] in ARTICLES)


def _archived(db: str) -> set[str]:
    return {path_of(r["url"]) for r in export(db)}


@pytest.mark.parametrize("family", ["auto", "generic"])
def test_home_page_with_two_links_is_crawled_through_the_robots_sitemap_index(family, tmp_path):
    db = str(tmp_path / "a.db")
    with serve_portal(str(PORTAL)) as server:
        summary = crawl(server.base_url + "/", "--db", db, *(["--family", family] if family != "auto" else []))
        requests = list(server.requests)
    assert _archived(db) == ARTICLES and summary["new"] == len(ARTICLES)
    assert {"/sitemap_index.xml", "/sitemaps/tin-1.xml", "/sitemaps/tin-2.xml.gz"} <= set(requests)
    assert "/sitemap.xml" not in requests, "robots.txt named the sitemap: no guessing"
    assert set(_article_requests(requests).values()) == {1}, "an article fetched twice"
    assert not [r for r in requests if "utm_source" in r or r in ("/tin-tuc", "/gioi-thieu")]
    assert all(path_of(url) == url[len(server.base_url):] for url, *_ in fetches(db)), "a request off the host"
    kinds = {path_of(url): kind for url, _, kind, *_ in fetches(db)}
    assert kinds["/sitemaps/tin-2.xml.gz"] == "sitemap"


def test_second_run_reads_the_sitemaps_but_fetches_no_archived_article(tmp_path):
    db = str(tmp_path / "b.db")
    with serve_portal(str(PORTAL)) as server:
        crawl(server.base_url + "/", "--db", db)
        before = len(server.requests)
        again = crawl(server.base_url + "/", "--db", db)
        revisit = crawl(server.base_url + "/", "--db", db, "--revisit")
        second = server.requests[before:]
    assert "/sitemaps/tin-2.xml.gz" in second
    # --revisit revisits what the listing chain shows (the 2 featured); the sitemaps' archive only with --full
    assert sum(_article_requests(second).values()) == 2
    assert again["new"] == 0 and again["skipped_known"] == len(ARTICLES)
    assert revisit["unchanged"] == 2 and revisit["new"] == 0


def test_without_a_robots_sitemap_line_the_conventional_sitemap_xml_is_read(tmp_path):
    db = str(tmp_path / "c.db")
    with serve_portal(str(PORTAL)) as server:
        server.routes["/robots.txt"] = server.routes["/robots-no-sitemap.txt"]
        crawl(server.base_url + "/", "--db", db)
        requests = list(server.requests)
    assert _archived(db) == ARTICLES
    assert "/sitemap.xml" in requests and "/sitemap_index.xml" not in requests


def test_a_real_listing_is_walked_without_sitemaps_and_a_full_run_adds_them(tmp_path):
    db = str(tmp_path / "d.db")
    with serve_portal(str(PORTAL)) as server:
        first = crawl(server.base_url + "/tin-tuc", "--db", db)
        first_requests = list(server.requests)
        before = len(server.requests)
        full = crawl(server.base_url + "/tin-tuc", "--db", db, "--full")
        full_requests = server.requests[before:]
    assert first["new"] == len(ARTICLES) - 1, "the oldest article is in no listing"
    assert not [r for r in first_requests if "sitemap" in r], "a usable listing needs no sitemap"
    assert full["new"] == 1 and _archived(db) == ARTICLES
    assert sum(_article_requests(full_requests).values()) == 1, "a full run fetches only what is not archived"


def test_a_start_page_that_is_gone_falls_back_to_the_sitemaps(tmp_path):
    db = str(tmp_path / "e.db")
    with serve_portal(str(PORTAL)) as server:
        summary = crawl(server.base_url + "/tin-tuc-cu", "--db", db)  # 404: the news section moved
    assert summary["listing_failed"] == 1 and _archived(db) == ARTICLES


def test_a_listing_whose_pager_posts_back_is_completed_from_the_sitemaps(tmp_path):
    db = str(tmp_path / "f.db")
    listing = extract_listing((PORTAL / "pages" / "listing-postback.html").read_bytes(), BASE + "/tin-tuc/danh-sach.aspx")
    assert len(listing.article_urls) == 5 and not (listing.next_pages or listing.api_requests or listing.sections)
    with serve_portal(str(PORTAL)) as server:
        summary = crawl(server.base_url + "/tin-tuc/danh-sach.aspx", "--db", db)
    assert summary["new"] == len(ARTICLES) and _archived(db) == ARTICLES
