"""No English left for a Vietnamese reader: every page the app serves, ours and Datasette's own.

A real `portal-archive serve` on the sample archive, walked in a real Chromium with a Vietnamese
locale: the text people read (text nodes, the page title, buttons, titles, placeholders, labels
for screen readers) outside content (cells, article text, SQL, URLs, table and column names) is
searched for English words from a list kept here. Datasette's pages (/archive, tables, rows,
queries), error pages, the health and coverage pages are included; the feeds, CSV and the
read-only refusal are read over HTTP. Screenshots of the pages at 1280 and 390 px go to
test-artifacts/web/ (vi-*.png).
"""
from __future__ import annotations

import re
import sqlite3
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.web.test_web_browser import ARTIFACTS, browser, site  # noqa: F401 (fixtures)
from tests.web_fixtures import EDITED_TITLE, PROVINCES

# English a Vietnamese reader must not meet: Datasette's words, ours before translation, citation
# and error wording. Whole words, case as written (column names such as "title" or "views" are
# data and are taken out before the check).
ENGLISH = [
    "Search", "Search:", "Apply", "row", "rows", "records", "results", "Error", "Not found", "not found",
    "Database", "Table", "Record", "Invalid SQL", "Archived", "archived", "Retrieved", "captured", "Accessed",
    "Powered by", "Data license", "Data source", "About", "Custom SQL query", "Run SQL", "Format SQL",
    "Edit SQL", "View and edit SQL", "Next page", "This data as", "advanced", "Advanced export", "JSON shape",
    "CSV options", "download file", "expand labels", "Export CSV", "Suggested facets", "hidden", "Queries",
    "Tables", "Views", "descending", "sorted by", "where", "contains", "remove filter", "column", "home",
    "Menu", "Log out", "untitled", "undated", "version", "Published", "Original", "Author", "Crawl health",
    "Coverage", "Download", "returning", "Query parameters", "read-only", "Read-only", "Licence", "Source",
    "previous", "next", "Portal", "Province", "Category", "Home page", "Sort", "Sort by", "Many rows", "from",
    "Links from other tables", "view", "views", "hide", "show", "statement", "Statement", "Permission",
    "articles", "and", "Cite", "Citation", "Images", "Attachments", "Status", "Problems", "Unit", "Host",
]
# Content, not interface: what the archive holds and the names its schema gives.
CONTENT = ("td", "pre", "code", "textarea", ".pa-body", ".pa-hit h3", ".pa-snippet", ".pa-title", "figcaption",
           ".pa-original", ".pa-field-change", ".pa-diff", ".pa-image-change", ".pa-facts dd",
           ".rows-and-columns th", ".db-table", ".pa-crumbs", ".suggested-facets a", ".facet-info-name",
           "select[name^=_filter_column] option", "#sort_by option", "label[for^=qp]", ".pa-version summary")

_COLLECT = """(skip) => {
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    const text = walker.currentNode.textContent.trim();
    if (text && el && !el.closest(skip) && !el.closest("script, style")) out.push(text);
  }
  for (const el of document.querySelectorAll("[title], [placeholder], [aria-label], input[type=submit], button")) {
    if (el.closest(skip)) continue;
    for (const name of ["title", "placeholder", "aria-label"]) if (el.getAttribute(name)) out.push(el.getAttribute(name));
    if (el.type === "submit" && el.value) out.push(el.value);
  }
  return out;
}"""


def _schema_names(db: str) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        names = set(tables)
        for table in tables:
            names |= {r[1] for r in conn.execute(f"PRAGMA table_xinfo([{table}])")}
    finally:
        conn.close()
    return names | {"archive", "article_page", "q", "article_id"}


_SQL = re.compile(r"^(?:\w+: )?select\b", re.I)


def english_in(texts: list[str], schema: set[str]) -> list[str]:
    """The listed English words found in `texts`, once schema names and URLs are taken out."""
    found = []
    for text in texts:
        if _SQL.match(text):  # a query shown as the page's title or a link's tooltip: content
            continue
        bare = re.sub(r"\bhttps?://\S+|/[\w./?=&%-]+", " ", text)
        bare = "".join(" " if w.strip(" ,.:;()") in schema else w for w in re.split(r"(\s+)", bare))
        for word in ENGLISH:
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", bare):
                found.append(f"{word!r} in {text!r}")
    return found


def test_the_check_finds_english_and_ignores_schema_names():
    schema = {"title", "views", "articles"}
    found = english_in(["13 rows sorted by id descending"], schema)
    assert {f.split(" in ")[0] for f in found} == {"'rows'", "'sorted by'", "'descending'"}
    assert english_in(["Sắp xếp theo title", "articles", "13 dòng", "/search?q=rows", "archive: select a from b"],
                      schema) == []


def _vietnamese_pages(site) -> list[tuple[str, int]]:
    """(address, expected status) of every kind of page, in the states that show other words."""
    conn = sqlite3.connect(site["db"])
    try:
        edited = conn.execute("SELECT id FROM articles WHERE title LIKE ?", (EDITED_TITLE + "%",)).fetchone()[0]
    finally:
        conn.close()
    province = quote(next(iter(PROVINCES.values())))
    return [("/", 200), ("/search", 200), ("/search?q=huyen&per_page=2&page=2", 200), ("/search?q=%22unclosed", 400),
            ("/search?q=xyzzy+khong+co", 200), ("/health", 200), ("/coverage", 200), (f"/coverage/{province}", 200),
            (f"/article/{edited}", 200), ("/article/1", 200),
            ("/archive", 200), ("/archive/articles", 200), ("/archive/articles?_sort=title&title__contains=a", 200),
            ("/archive/articles/1", 200), ("/archive/images", 200), ("/archive/view_counts?_facet=article_id", 200),
            ("/archive?sql=select+id%2C+title+from+articles+limit+3", 200), ("/archive?sql=selec+x", 400),
            ("/archive/search_articles?q=dan+van", 200), ("/archive/view_history?article_id=1", 200),
            ("/archive?_show_hidden=1", 200), ("/-/metadata", 200),
            ("/article/99999", 404), ("/archive/nosuch", 404), ("/archive/articles/99999", 404),
            (f"/coverage/{quote('Nơi không có')}", 404), ("/nosuch/page", 404)]


def test_every_page_in_vietnamese_has_no_english_word(site, browser):  # noqa: F811
    schema = _schema_names(site["db"])
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    problems = []
    try:
        for path, status in _vietnamese_pages(site):
            response = page.goto(site["url"] + path)
            assert response.status == status, (path, response.status)
            assert page.evaluate("document.documentElement.lang") == "vi", path
            expect(page.locator("header.pa-header .pa-nav")).to_be_visible()  # every page in the same layout
            texts = page.evaluate(_COLLECT, ", ".join(CONTENT))
            problems += [f"{path}: {p}" for p in english_in(texts, schema)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_pages_now_in_vietnamese(site, browser, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        for name, path in (("archive", "/archive"), ("table", "/archive/articles?_sort=title&title__contains=a"),
                           ("row", "/archive/articles/1"), ("query", "/archive?sql=select+id%2C+title+from+articles"),
                           ("canned-query", "/archive/search_articles?q=dan+van"), ("error", "/article/99999"),
                           ("article", "/article/1")):
            page.goto(site["url"] + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            page.screenshot(path=str(ARTIFACTS / f"vi-{name}-{width}.png"), full_page=True)
        expect(page.locator("textarea.pa-citation")).to_have_value(re.compile(r"\(Bản lưu ngày \d\d/\d\d/\d{4}: http"))
    finally:
        context.close()


def test_datasette_pages_switch_to_english_and_back_without_filtering_the_table(site, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(site["url"] + "/archive/articles")
        expect(page.locator("h3").first).to_contain_text("13 dòng")
        page.get_by_role("link", name="English").click()
        page.wait_for_load_state()
        # ?lang= would be a column filter to Datasette: the choice goes to the cookie, the address stays clean
        assert page.url == site["url"] + "/archive/articles"
        assert page.evaluate("document.documentElement.lang") == "en"
        expect(page.locator("h3").first).to_contain_text("13 rows")
        expect(page.locator("input[type=submit]").first).to_have_value("Apply")
        page.goto(site["url"] + "/article/99999")
        expect(page.locator("h1")).to_have_text("Error 404")
        page.goto(site["url"] + "/archive")
        page.get_by_role("link", name="Tiếng Việt").click()
        page.wait_for_load_state()
        assert page.url == site["url"] + "/archive" and page.evaluate("document.documentElement.lang") == "vi"
        expect(page.locator("form.sql h3")).to_have_text("Truy vấn SQL tự viết")
    finally:
        context.close()


def _fetch(url: str, method: str = "GET") -> tuple[int, str, dict]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8-sig"), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8"), dict(err.headers)


def test_feeds_exports_and_refusals_in_the_readers_language(site):  # noqa: F811
    base = site["url"]
    ns = {"a": "http://www.w3.org/2005/Atom"}
    status, body, _ = _fetch(base + "/search.atom?q=dan+van+kheo")
    feed = ET.fromstring(body.encode("utf-8"))
    assert status == 200 and feed.find("a:title", ns).text.startswith("Bài mới: dan van kheo")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    status, body, _ = _fetch(base + "/search.atom?q=dan+van+kheo&lang=en")
    english = ET.fromstring(body.encode("utf-8"))
    assert english.find("a:title", ns).text.startswith("New articles: dan van kheo")
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    status, body, _ = _fetch(base + "/search.atom")
    assert status == 400 and body.startswith("nguồn tin cần q=")
    status, body, _ = _fetch(base + "/search.csv?q=dan&since=2022-13-01")
    assert status == 400 and "phải là một ngày" in body
    status, body, _ = _fetch(base + "/archive", method="POST")
    assert status == 405 and body.strip() == "Kho lưu trữ này chỉ cho phép đọc."
