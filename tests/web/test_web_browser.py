"""The web interface in a real headless Chromium (Debian's `chromium`, driven by Playwright).

A sample archive is written through the archive API with the fixture portals' articles; their
images stay on the sample portal servers (the "original" sites), and `portal-archive serve`
runs as a real process. Screenshots go to test-artifacts/web/.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from archive.shown import day_first, vietnam_day
from scraper.sample.server import serve_portal
from tests.web_fixtures import (ARCHIVED_MEDIA_TITLE, CRAWL_TIMES, EDITED_TITLE, INJECTED_TITLE, PORTALS, ROOT, SCRIPT_MARK, WEB_PORTALS,
                                build_sample_archive, file_fingerprint, serve_archive, write_registry)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts" / "web"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(archive URL, db path, portal servers) with everything running for the module."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (installs Debian's chromium)")
    db = str(tmp_path_factory.mktemp("web") / "archive.db")
    with contextlib.ExitStack() as stack:
        servers = {name: stack.enter_context(serve_portal(str(PORTALS / name))) for name in WEB_PORTALS}
        base_urls = {name: s.base_url for name, s in servers.items()}
        build_sample_archive(db, base_urls)
        registry = write_registry(db + ".sites.toml", base_urls)
        before = file_fingerprint(db)
        url = stack.enter_context(serve_archive(db, "--registry", registry))
        yield {"url": url, "db": db, "servers": servers, "before": before}


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def _expected(portal: str, title_start: str) -> dict:
    for path in (PORTALS / portal / "expected").glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record["title"].startswith(title_start):
            return record
    raise AssertionError(f"no fixture article {title_start!r}")


def test_unaccented_search_finds_the_article_first_with_snippet_then_images_and_json(site, page):
    page.goto(site["url"] + "/")
    page.get_by_role("link", name="Tra cứu kho lưu trữ").first.click()
    page.locator("#pa-q").fill("dan van kheo")
    page.locator("#pa-q").press("Enter")
    page.wait_for_url("**/search?q=dan+van+kheo*")
    first = page.locator(".pa-hit").first
    expect(first.locator("h3")).to_contain_text("Dân vận khéo")
    # The snippet is cut from the original, accented text, with the matched words marked.
    marked = [m.lower() for m in first.locator(".pa-snippet mark").all_inner_texts()]
    assert marked and set(marked) <= {"dân", "vận", "khéo"} and len(set(marked)) >= 2, marked
    expect(first.locator("h3 mark").first).to_have_text("Dân")
    page.screenshot(path=str(ARTIFACTS / "search-dan-van-kheo.png"), full_page=True)

    first.locator("h3 a").click()
    page.wait_for_url("**/article/*")
    expect(page.locator("h1.pa-title")).to_contain_text("Dân vận khéo")
    expected = _expected("phutho-aspnet", EDITED_TITLE)
    figures = page.locator("figure.pa-figure")
    expect(figures).to_have_count(len(expected["images"]))
    for n, image in enumerate(expected["images"]):
        figure = figures.nth(n)
        figure.scroll_into_view_if_needed()
        expect(figure.locator("figcaption")).to_contain_text(image["caption"])
        # Loaded from the original portal: the browser really decoded it.
        expect(figure.locator("img")).to_have_js_property("complete", True)
        assert figure.locator("img").evaluate("img => img.naturalWidth") > 0, image["path"]
    portal = site["servers"]["phutho-aspnet"]
    assert {i["path"] for i in expected["images"]} <= set(portal.requests)
    # The edit between crawls shows as an earlier version with what changed.
    version = page.locator("details.pa-version").first
    expect(version.locator("ins").first).to_be_visible()
    expect(version).to_contain_text("(cập nhật)")
    # Three crawls, three readings of the view counter.
    expect(page.locator("svg.pa-chart circle")).to_have_count(3)
    citation = page.locator("textarea.pa-citation").input_value()
    # APA style in Vietnamese: the title as written, then the original and the archive's copy of that day
    assert "“Dân vận khéo”" in citation and expected["path"] in citation
    assert f"(Bản lưu ngày {day_first(vietnam_day(CRAWL_TIMES[2]))}: http://127.0.0.1:" in citation
    page.screenshot(path=str(ARTIFACTS / "article-dan-van-kheo.png"), full_page=True)

    with page.expect_response("**/article/*.json") as response_info:
        page.get_by_role("link", name="JSON", exact=True).click()
    data = response_info.value.json()
    assert data["title"].startswith(EDITED_TITLE)
    assert [i["caption"] for i in data["images"]] == [i["caption"] for i in expected["images"]]
    assert [v["views"] for v in data["view_history"]] == sorted(v["views"] for v in data["view_history"])
    assert data["versions"][0]["changes"]["changed"] is True


def test_results_as_json_and_csv_from_the_search_page(site, page):
    page.goto(site["url"] + "/search?q=nong+thon+moi")
    count = page.locator(".pa-hit").count()
    assert count >= 3
    titles = page.locator(".pa-hit h3").all_inner_texts()
    json_href = page.get_by_role("link", name="JSON", exact=True).get_attribute("href")
    csv_href = page.get_by_role("link", name="CSV", exact=True).get_attribute("href")
    as_json = page.request.get(site["url"] + json_href).json()
    assert [h["title"] for h in as_json["hits"]] == titles
    assert all("«" in h["snippet"] for h in as_json["hits"])
    rows = list(csv.DictReader(io.StringIO(page.request.get(site["url"] + csv_href).text())))
    assert [r["title"] for r in rows] == titles


def test_facets_and_filters_narrow_the_results(site, page):
    page.goto(site["url"] + "/search?q=huyen")
    total = len(page.locator(".pa-hit").all())
    facet = page.locator(".pa-facet", has_text="Cổng thông tin")
    wordpress = json.loads((PORTALS / "wordpress" / "manifest.json").read_text(encoding="utf-8"))["site_name"]
    facet.get_by_role("link", name=wordpress).click()
    # a click starts the navigation; the hits read below must be the next page's
    page.wait_for_url(re.compile(r"[?&]site="))
    page.wait_for_load_state("load")
    hits = page.locator(".pa-hit .pa-meta").all_inner_texts()
    assert hits and all(wordpress in h for h in hits) and len(hits) < total
    page.locator(".pa-facet", has_text="Năm").get_by_role("link", name="2023").click()
    page.wait_for_url(re.compile(r"since=2023-01-01"))
    assert "until=2023-12-31" in page.url
    page.select_option("select[name=sort]", "views")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"sort=views"))
    page.wait_for_load_state("load")
    shown = page.locator(".pa-hit .pa-hit-views").all_inner_texts()
    views = [int(t.removesuffix(" lượt xem").replace(".", "")) for t in shown]  # Vietnamese grouping: 2.107
    assert views == sorted(views, reverse=True) and len(views) >= 2
    page.screenshot(path=str(ARTIFACTS / "search-facets.png"), full_page=True)


def test_injected_script_in_an_article_runs_nothing(site, page):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site["url"] + "/search?q=lich+tiep+cong+dan")
    page.locator(".pa-hit h3 a", has_text=INJECTED_TITLE).click()
    page.wait_for_url("**/article/*")
    page.wait_for_load_state("load")
    assert page.title().startswith(INJECTED_TITLE)
    assert SCRIPT_MARK not in page.title()
    assert page.evaluate("window.__pwned") is None
    # The markup is shown as text for the reader, not run.
    expect(page.locator(".pa-body")).to_contain_text("<script>document.title=")
    assert page.locator(".pa-body script, .pa-body iframe, .pa-body img").count() == 0
    assert errors == []
    page.screenshot(path=str(ARTIFACTS / "article-injected-script.png"), full_page=True)


def test_archived_images_load_from_the_archive_not_the_portal(site, page):
    portal = site["servers"]["wordpress"]
    expected = _expected("wordpress", ARCHIVED_MEDIA_TITLE)
    paths = {i["path"] for i in expected["images"]}
    asked_before = sum(1 for r in portal.requests if r in paths)
    page.goto(site["url"] + "/search?q=ky+tan+don+bang")
    page.locator(".pa-hit h3 a", has_text="Kỳ Tân đón Bằng").click()
    images = page.locator("figure.pa-figure img")
    expect(images).to_have_count(len(expected["images"]))
    for n in range(len(expected["images"])):
        image = images.nth(n)
        image.scroll_into_view_if_needed()
        assert image.get_attribute("src").startswith("/media/")
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0
    expect(page.locator("figure.pa-figure figcaption").first).to_contain_text(expected["images"][0]["caption"])
    assert sum(1 for r in portal.requests if r in paths) == asked_before
    page.screenshot(path=str(ARTIFACTS / "article-archived-images.png"), full_page=True)


def test_health_page_and_home(site, page):
    page.goto(site["url"] + "/health")
    expect(page.locator("h1")).to_have_text("Tình trạng thu thập")
    rows = page.locator("table.pa-health tbody tr")
    expect(rows).to_have_count(len(WEB_PORTALS))
    broken = page.locator("tr.pa-row-bad")
    expect(broken).to_have_count(1)
    expect(broken).to_contain_text("liferay")
    expect(broken).to_contain_text("phần lớn lượt tải thất bại")
    page.screenshot(path=str(ARTIFACTS / "health.png"), full_page=True)
    page.goto(site["url"] + "/")
    expect(page.locator(".pa-table tbody tr")).to_have_count(len(WEB_PORTALS))
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)


def test_browsing_never_changes_the_archive_file(site, page):
    for path in ("/", "/search?q=dang+uy", "/article/1", "/archive/articles", "/archive/articles.csv",
                 "/archive?sql=DELETE+FROM+articles", "/archive?sql=UPDATE+articles+SET+title%3D%27x%27"):
        page.goto(site["url"] + path)
    response = page.request.post(site["url"] + "/archive/-/query", form={"sql": "DELETE FROM articles"})
    assert response.status >= 400
    page.goto(site["url"] + "/archive/articles.json?_shape=array&_size=max")
    assert len(json.loads(page.locator("body").inner_text())) == 13
    assert file_fingerprint(site["db"]) == site["before"]


@pytest.mark.parametrize("width", [1280, 390])
def test_search_filters_and_health_fit_the_screen(site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(site["url"] + "/search?q=huyen&per_page=3&since=2015-01-01")
        # a new query typed into the box keeps the filter chosen
        page.locator("#pa-q").fill("nong thon")
        page.locator(".pa-searchbox button").click()
        page.wait_for_load_state()
        assert "since=2015-01-01" in page.url and "q=nong+thon" in page.url
        expect(page.locator(".pa-page-count")).to_contain_text("trang 1 /")
        page.screenshot(path=str(ARTIFACTS / f"search-{width}.png"), full_page=True)
        for control in page.locator(".pa-filters select, .pa-filters input[type=date], .pa-filters button").all():
            box = control.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.goto(site["url"] + "/health")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        expect(page.locator("table.pa-health")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / f"health-{width}.png"), full_page=True)
    finally:
        context.close()


def test_vietnamese_by_default_then_english_kept_across_pages_and_back(site, page):
    page.goto(site["url"] + "/")
    assert page.evaluate("document.documentElement.lang") == "vi"
    expect(page.locator(".pa-nav")).to_contain_text("Tình trạng thu thập")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/?lang=en")
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.locator("h1")).to_have_text("Archive of district portal news")
    page.screenshot(path=str(ARTIFACTS / "home-en.png"), full_page=True)
    # A query typed into the box, a filter applied, a link followed: still English.
    page.locator("#pa-q").fill("huyen")
    page.locator("#pa-q").press("Enter")
    page.wait_for_url(re.compile(r"q=huyen"))
    page.select_option("select[name=sort]", "views")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"sort=views"))
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.locator(".pa-hit-views").first).to_have_text(re.compile(r"^[0-9.]+ views?$"))  # 2.107 views
    expect(page.locator(".pa-hit .pa-meta").first).to_contain_text(re.compile(r"\d\d/\d\d/\d{4}"))  # day first
    page.screenshot(path=str(ARTIFACTS / "search-en.png"), full_page=True)
    page.locator(".pa-hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/article/\d+\?lang=en"))
    expect(page.locator(".pa-facts")).to_contain_text("Published")
    # The cookie keeps the choice on an address typed without ?lang=.
    page.goto(site["url"] + "/health")
    expect(page.locator("h1")).to_have_text("Crawl health")
    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url("**/health?lang=vi")
    expect(page.locator("h1")).to_have_text("Tình trạng thu thập")
    page.goto(site["url"] + "/search")
    assert page.evaluate("document.documentElement.lang") == "vi"
