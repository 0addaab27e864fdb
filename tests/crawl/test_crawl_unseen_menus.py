"""Unseen portals: a start page with no pager, no section folder and no sitemap (a frames-era home
page whose news list is in an <iframe>, listings addressed by query) is walked through the pages
its frames and menus open."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from scraper.extract.listing import extract_listing
from scraper.sample.server import serve_portal
from tests.crawl_support import crawl, export, path_of

PORTAL = Path(__file__).parent.parent / "fixtures" / "unseen_crawl" / "frames-portal"
ARTICLES = set(json.loads((PORTAL / "articles.json").read_text(encoding="utf-8")))
BASE = "http://127.0.0.1:8000"


def _page(name: str) -> bytes:
    return (PORTAL / "pages" / name).read_bytes()


# ---------------------------------------------------------------- pure


def test_a_pagerless_sectionless_page_offers_its_frames_first_then_its_menus_pages():
    listing = extract_listing(_page("home.html"), BASE + "/")
    assert not (listing.next_pages or listing.sections)
    menu = [path_of(u) for u in listing.menu_pages]
    assert menu[0] == "/index.php?module=home&act=main", "the frame is part of the page: first"
    assert {"/index.php?module=news&cat=3", "/index.php?module=news&cat=5", "/index.php?module=about"} <= set(menu)
    # the home page again (index.php), a file, an article: none is a page to look for lists on
    assert "/index.php" not in menu and "/upload/file/gioi-thieu.pdf" not in menu
    assert not [p for p in menu if "act=detail" in p]


def test_a_listing_with_a_pager_or_a_section_offers_no_menu_pages():
    assert extract_listing(_page("cat3-p1.html"), BASE + "/index.php?module=news&cat=3").menu_pages == []
    home = ("<html><body><ul class='menu'><li><a href='/tin-tuc'>Tin tức</a></li><li><a href='/lien-he'>Liên hệ</a>"
            "</li></ul><a href='/tin-tuc/khai-mac-hoi-cho-nong-san-huyen-2023'>Khai mạc hội chợ nông sản huyện 2023</a>"
            "<a href='/tin-tuc/so-ket-cong-tac-sau-thang-dau-nam-2023'>Sơ kết công tác sáu tháng đầu năm 2023</a>"
            "</body></html>").encode()
    listing = extract_listing(home, BASE + "/")
    assert [path_of(u) for u in listing.sections] == ["/tin-tuc"] and listing.menu_pages == []


# ---------------------------------------------------------------- crawls


def test_frames_era_home_page_is_crawled_through_its_frame_and_menu_listings(tmp_path):
    db = str(tmp_path / "a.db")
    with serve_portal(str(PORTAL)) as server:
        summary = crawl(server.base_url + "/", "--db", db)
        requests = list(server.requests)
    archived = {path_of(r["url"]) for r in export(db)}
    # 601 is linked only in the home page's frame, 303 only on page 2 of a menu's listing
    assert archived == ARTICLES and summary["new"] == len(ARTICLES)
    assert "/index.php?module=home&act=main" in requests and "/index.php?module=news&cat=3&page=2" in requests
    assert not [r for r in requests if r.startswith("/admin")], "robots.txt disallows /admin/"
    assert set(Counter(r for r in requests if r in ARTICLES).values()) == {1}, "an article fetched twice"


def test_second_run_walks_the_menus_again_but_fetches_no_archived_article(tmp_path):
    db = str(tmp_path / "b.db")
    with serve_portal(str(PORTAL)) as server:
        crawl(server.base_url + "/", "--db", db)
        before = len(server.requests)
        again = crawl(server.base_url + "/", "--db", db)
        second = server.requests[before:]
    assert again["new"] == 0 and not [r for r in second if r in ARTICLES]
    assert "/index.php?module=news&cat=5" in second, "a new article in any menu's listing is still found"
