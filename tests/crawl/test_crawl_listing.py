"""Listing discovery, pure: article links, next pages, AJAX endpoints, JSON, feeds, sitemaps, URLs."""
from __future__ import annotations

import json

import pytest

from scraper.extract.canonical import canonical_url
from scraper.extract.listing import extract_listing, looks_like_article_url
from tests.conftest import PORTAL_NAMES, PORTALS, load_expected

BASE = "http://127.0.0.1:8000"


@pytest.mark.parametrize("href, expected", [
    ("/a?ItemID=1&CategoryId=5&utm_source=zalo", BASE + "/a?ItemID=1&CategoryId=5"),
    ("/a?utm_medium=x&fbclid=abc&id=7#comments", BASE + "/a?id=7"),
    ("/a?gclid=1&b=2&a=1", BASE + "/a?b=2&a=1"),  # order kept: portals route on the literal query
    ("HTTP://Example.GOV.vn:80/Tin-Tuc", "http://example.gov.vn/Tin-Tuc"),
    ("https://x.vn:443/", "https://x.vn/"),
    ("../b.html", BASE + "/b.html"),
    ("mailto:a@b.vn", None),
    ("javascript:void(0)", None),
])
def test_canonical_url(href, expected):
    assert canonical_url(href, BASE + "/tin/a") == expected


def _page(body: str) -> str:
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def _items(n: int, start: int = 1) -> str:
    return "".join(f'<h3><a href="/tin-tuc/ubnd-huyen-to-chuc-hoi-nghi-so-ket-cong-tac-{i}.html">'
                   f"UBND huyện tổ chức hội nghị sơ kết công tác số {i}</a></h3>" for i in range(start, start + n))


@pytest.mark.parametrize("pager, url, expected_next", [
    ('<a href="/tin-tuc?trang=2">Trang sau</a>', "/tin-tuc", "/tin-tuc?trang=2"),
    ('<a href="/tin-tuc?trang=1">Trước</a> <a href="/tin-tuc?trang=3">Tiếp »</a>', "/tin-tuc?trang=2", "/tin-tuc?trang=3"),
    ('<a href="/tin-tuc/page/3/" rel="next">›</a>', "/tin-tuc/page/2/", "/tin-tuc/page/3/"),
    ('<span>1</span><a href="/tin-tuc?p=2">2</a><a href="/tin-tuc?p=3">3</a>', "/tin-tuc", "/tin-tuc?p=2"),
    ('<a href="/tin-tuc?p=1">1</a><span>2</span><a href="/tin-tuc?p=3">3</a><a href="/tin-tuc?p=9">»</a>', "/tin-tuc?p=2", "/tin-tuc?p=3"),
    # 0-based: the 2nd page is ?page=1, labelled 2; on it, the link labelled 3 comes next
    ('<a href="/tin?page=0">1</a><span>2</span><a href="/tin?page=2">3</a>', "/tin?page=1", "/tin?page=2"),
    ('<a href="/tin?page=0">1</a><a href="/tin?page=1">2</a><a href="/tin?page=2">3</a>', "/tin?page=1", "/tin?page=2"),
    ('<a href="/tin-tuc/page-2">»</a>', "/tin-tuc", "/tin-tuc/page-2"),
    ('<a href="/tin-tuc?trang=1" title="Trang đầu">«</a><a href="/tin-tuc?trang=1">‹</a>', "/tin-tuc?trang=2", None),
])
def test_generic_next_page(pager, url, expected_next):
    listing = extract_listing(_page(_items(5) + f'<div class="pager">{pager}</div>'), BASE + url, family="generic")
    assert listing.next_pages == ([BASE + expected_next] if expected_next else [])
    assert len(listing.article_urls) == 5


def test_generic_articles_ignore_menus_sidebars_of_documents_and_other_hosts():
    menu = "".join(f'<li><a href="/gioi-thieu/lich-su-van-hoa-dan-toc-{i}">Lịch sử văn hóa các dân tộc huyện {i}</a></li>'
                   for i in range(8))
    docs = "".join(f'<li><a href="/files/quyet-dinh-so-{i}-qd-ubnd.pdf">Quyết định số {i}/QĐ-UBND về việc phê duyệt</a></li>'
                   for i in range(3))
    outside = '<a href="https://baophutho.vn/tin-tuc/hoi-nghi-tong-ket-cong-tac-nam-2024-12345.html">Hội nghị tổng kết công tác năm 2024 của tỉnh</a>'
    html = _page(f'<nav class="main-menu"><ul>{menu}</ul></nav><main>{_items(4)}</main><aside>{docs}{outside}</aside>')
    listing = extract_listing(html, BASE + "/tin-tuc", family="generic")
    assert [u.rsplit("-", 1)[1] for u in listing.article_urls] == ["1.html", "2.html", "3.html", "4.html"]


def test_ajax_load_more_from_data_attributes_and_json_paging():
    button = ('<button id="more" data-api="/api/news" data-category="thoi-su" data-page="1" data-total-pages="3">'
              "Xem thêm</button>")
    listing = extract_listing(_page(_items(3) + button), BASE + "/tin-tuc", family="generic")
    assert listing.api_requests == [BASE + "/api/news?category=thoi-su&page=2", BASE + "/api/news?category=thoi-su&page=3"]
    answer = {"page": 2, "totalPages": 3, "data": {"items": [{"id": 7, "title": "A", "url": "/tin-tuc/a-7.html"},
                                                             {"id": 8, "title": "B", "link": "/tin-tuc/b-8.html"}]}}
    page2 = extract_listing(json.dumps(answer).encode(), BASE + "/api/news?category=thoi-su&page=2")
    assert page2.article_urls == [BASE + "/tin-tuc/a-7.html", BASE + "/tin-tuc/b-8.html"]
    assert page2.next_pages == [BASE + "/api/news?category=thoi-su&page=3"]
    last = extract_listing(json.dumps({**answer, "page": 3}), BASE + "/api/news?category=thoi-su&page=3")
    assert last.next_pages == []
    empty = extract_listing(json.dumps({"items": [], "hasMore": True}), BASE + "/api/news?page=9")
    assert empty.article_urls == [] and empty.next_pages == []


def test_rss_atom_and_sitemaps():
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><link>/</link><item><title>A</title>'
           "<link>/2024/01/02/tin-a/</link><guid>/?p=1</guid></item><item><link>https://other.vn/x</link></item>"
           "</channel></rss>")
    assert extract_listing(rss.encode(), BASE + "/feed/").article_urls == [BASE + "/2024/01/02/tin-a/"]
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
            '<link rel="alternate" href="/tin/bai-viet-moi-nhat-ve-nong-thon-moi-12.html"/></entry></feed>')
    assert extract_listing(atom, BASE + "/atom.xml").article_urls == [BASE + "/tin/bai-viet-moi-nhat-ve-nong-thon-moi-12.html"]
    index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             "<sitemap><loc>/post-sitemap.xml</loc></sitemap><sitemap><loc>/page-sitemap.xml</loc></sitemap></sitemapindex>")
    assert extract_listing(index, BASE + "/sitemap.xml", family="wordpress").sitemaps == [BASE + "/post-sitemap.xml"]
    urlset = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              "<url><loc>/tin-tuc/</loc></url><url><loc>/2024/01/02/khanh-thanh-truong-tieu-hoc-dong-lac/</loc></url></urlset>")
    assert extract_listing(urlset, BASE + "/post-sitemap.xml").article_urls == [BASE + "/2024/01/02/khanh-thanh-truong-tieu-hoc-dong-lac/"]


def test_liferay_cursor_pagination_from_the_family_rules():
    page1 = (PORTALS / "liferay" / "pages" / "listing-1.html").read_bytes()
    listing = extract_listing(page1, BASE + "/web/thanhson/tin-tuc", family="liferay")
    assert len(listing.next_pages) == 1 and listing.next_pages[0].endswith("_101_INSTANCE_AbC123_cur=2")


@pytest.mark.parametrize("url, expected", [
    ("http://h/tin-tuc/hoi-nghi-trien-khai-cong-tac-dan-van-kheo-12345", True),
    ("http://h/Pages/tin-tuc.aspx?ItemID=1234&CategoryId=5", True),
    ("http://h/gioi-thieu", False),
    ("http://h/files/ke-hoach-so-45-kh-ubnd.pdf", False),
    ("http://h/", False),
])
def test_looks_like_article_url(url, expected):
    assert looks_like_article_url(url) is expected


@pytest.mark.parametrize("family", ["auto", "generic"])
@pytest.mark.parametrize("name", PORTAL_NAMES)
def test_sample_listing_pages_link_only_articles(name, family):
    """Every link a sample listing page offers as an article is one (or a deliberate 404/500)."""
    manifest = json.loads((PORTALS / name / "manifest.json").read_text(encoding="utf-8"))
    expected = {e["path"] for e in load_expected(name)}
    broken = {k for k, v in manifest["routes"].items() if v.get("status") in (404, 500)}
    start = manifest["start_urls"][0]
    body = (PORTALS / name / "pages" / manifest["routes"][start]["file"]).read_bytes()
    listing = extract_listing(body, BASE + start, family=None if family == "auto" else family)
    found = {u[len(BASE):] for u in listing.article_urls}
    assert found and found <= expected | broken, f"not articles: {sorted(found - expected - broken)}"
    assert listing.next_pages or listing.api_requests or listing.feeds
