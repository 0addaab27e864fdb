"""Unseen portals started at their home page: a home page without the family's markers and without a
pager still leads to the section listing (and its "load more" endpoint), and the family is
recognised on the later pages that show it."""
from __future__ import annotations

import re

from scraper.extract.listing import extract_listing
from tests.conftest import PORTALS, load_expected, run_cli
from tests.crawl_support import FAST, compare, crawl, export, path_of

BASE = "http://127.0.0.1:8000"


def _page(body: str) -> str:
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def _links(folder: str, n: int) -> str:
    return "".join(f'<h3><a href="{folder}/ubnd-huyen-to-chuc-hoi-nghi-so-ket-cong-tac-{i}.html">'
                   f"UBND huyện tổ chức hội nghị sơ kết công tác số {i}</a></h3>" for i in range(n))


def test_a_pagerless_home_page_points_to_the_section_its_articles_are_in():
    menu = '<ul class="menu"><li><a href="/tin-tuc/">Tin tức</a></li><li><a href="/van-ban">Văn bản</a></li></ul>'
    home = extract_listing(_page(menu + _links("/tin-tuc", 4)), BASE + "/", family="generic")
    assert home.sections == [BASE + "/tin-tuc/"] and home.next_pages == []
    paged = extract_listing(_page(menu + _links("/tin-tuc", 4) + '<a href="/?page=2">Trang sau</a>'), BASE + "/", family="generic")
    assert paged.sections == [], "a page with a pager is a listing itself"
    unlinked = extract_listing(_page(_links("/tin-tuc", 4)), BASE + "/", family="generic")
    assert unlinked.sections == [], "only a section the page links to"
    spread = _links("/a", 2) + _links("/b", 2) + _links("/c", 2)
    assert extract_listing(_page(menu + spread), BASE + "/", family="generic").sections == []


def test_crawl_from_an_unrecognised_home_page_reaches_the_section_endpoint_and_family_extraction(portal_server, tmp_path):
    db = str(tmp_path / "a.db")
    expected = load_expected("ajax-portal")
    home = (PORTALS / "ajax-portal" / "pages" / "home.html").read_bytes()
    assert extract_listing(home, BASE + "/").sections, "the home page shows no pager"
    with portal_server("ajax-portal") as server:
        result = run_cli("crawl", server.base_url + "/", "--db", db, "--verbose", env=FAST)
        before = len(server.requests)
        again = crawl(server.base_url + "/", "--db", db)
        second = server.requests[before:]
    rows = export(db)
    assert {path_of(r["url"]) for r in rows} == {e["path"] for e in expected}, "the 2 articles only the JSON endpoint lists"
    right, total, wrong = compare(expected, rows)
    assert wrong == [], f"{right}/{total}: {wrong}"
    assert {r["family"] for r in rows} == {"ajax-portal"}
    # the host's family, unknown after the home page, is taken from the section listing that shows it
    assert re.search(r"'portal/family/127\.0\.0\.1:\d+': 'ajax-portal'", result.stderr)
    assert again["new"] == 0 and not {e["path"] for e in expected} & set(second)
