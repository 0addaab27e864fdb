"""The crawl's HTTP client (aiohttp, scraper/http_client.py) sends each URL as the page wrote it.

aiohttp re-quotes the URLs it is given; a portal's exact paths (percent-encoded Vietnamese,
ASP.NET query strings) must still reach the server byte for byte, or the page is a 404.
"""
from __future__ import annotations

import json

from scraper import scrapy_aiohttp
from scraper.sample.server import serve_portal
from scraper.settings import DOWNLOAD_HANDLERS
from tests.crawl_support import article_html, crawl, export, page_html, path_of

_ARTICLES = [
    "/tin-t%E1%BB%A9c/h%E1%BB%99i-ngh%E1%BB%8B-chuy%E1%BB%83n-%C4%91%E1%BB%95i-s%E1%BB%91.html",
    "/Pages/ChiTiet.aspx?ItemID=27&CateID=5&Mode=view",
    "/bai-viet/ke-hoach-2024%2C-dot-2.html",
]


def _portal(folder) -> None:
    pages = folder / "pages"
    pages.mkdir(parents=True)
    routes = {"/": {"file": "home.html"}}
    links = []
    for n, path in enumerate(_ARTICLES, 1):
        title = f"Hội nghị chuyển đổi số lần thứ {n} của huyện năm 2024"
        (pages / f"a{n}.html").write_text(article_html(title, n, f"{n:02d}/03/2024"), encoding="utf-8")
        routes[path] = {"file": f"a{n}.html"}
        links.append(f'<li><a href="{path.replace("&", "&amp;")}">{title}</a></li>')
    (pages / "home.html").write_text(page_html(f'<ul class="ds-tin">{"".join(links)}</ul>'), encoding="utf-8")
    routes["/sitemap.xml"] = {"file": "sitemap.xml", "content_type": "application/xml"}
    (folder / "manifest.json").write_text(json.dumps({"start_urls": ["/"], "routes": routes}), encoding="utf-8")


def test_crawls_use_the_aiohttp_client():
    assert DOWNLOAD_HANDLERS == {"http": "scraper.http_client.PortalHttpHandler",
                                 "https": "scraper.http_client.PortalHttpHandler"}


def test_percent_encoded_and_query_string_urls_reach_the_server_as_written(tmp_path):
    _portal(tmp_path / "portal")
    db = str(tmp_path / "x.db")
    with serve_portal(str(tmp_path / "portal")) as server:
        # the paths differ too much for one listing pattern: the sitemap names every article
        urls = "".join(f"<url><loc>{server.base_url}{p.replace('&', '&amp;')}</loc></url>" for p in _ARTICLES)
        (tmp_path / "portal" / "pages" / "sitemap.xml").write_text(
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>', encoding="utf-8")
        summary = crawl(server.base_url + "/", "--db", db, "--family", "generic", "--no-warc", "--no-media")
        requests = list(server.requests)
    assert set(_ARTICLES) <= set(requests)
    assert summary["new"] == len(_ARTICLES) and summary["failed"] == 0
    assert sorted(path_of(r["url"]) for r in export(db)) == sorted(_ARTICLES)


def test_a_timed_out_fetch_is_recorded_and_the_crawl_ends(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.crawl_support import fetches

    _portal(tmp_path / "portal")
    db = str(tmp_path / "x.db")
    with serve_portal(str(tmp_path / "portal"), delay=3.0) as server:  # every page but robots.txt is slow
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "portal", "-a", f"start_urls={server.base_url}/",
             "-s", f"PORTAL_ARCHIVE_DB={db}", "-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=1"],
            cwd=ROOT, capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin",
                                                                      "PORTAL_ARCHIVE_MAX_CRAWL_DELAY": "0"})
    assert result.returncode == 0, result.stderr[-2000:]
    start = [f for f in fetches(db) if f[0] == server.base_url + "/"]
    assert len(start) == 2  # the first try and one retry
    assert all(status is None and "Timeout" in (error or "") for _, status, _, _, _, error in start), start


def test_scrapy_still_has_what_the_http_client_relies_on():
    # Scrapy keeps its aiohttp handler in private modules: an upgrade that changes what the client
    # builds on fails here, naming it, rather than as crawls that fetch nothing.
    found = scrapy_aiohttp.problems()
    assert not found, "Scrapy changed what scraper/http_client.py relies on:\n" + "\n".join(found)


def test_a_handler_that_changed_is_named_by_the_check():
    class Reshaped(scrapy_aiohttp.BaseStreamingDownloadHandler):  # what an upgrade could leave
        def __init__(self, crawler, settings):
            self.crawler = crawler

        async def _make_request(self, request):
            return request.url

        def close(self):
            pass

    found = "\n".join(scrapy_aiohttp.problems(Reshaped))
    for what in ("__init__ no longer takes (self, crawler)", "self._session", "_make_request no longer takes",
                 "verbatim_url", "close is no longer a coroutine"):
        assert what in found, found
