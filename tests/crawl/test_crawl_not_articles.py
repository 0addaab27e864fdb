"""Pages fetched as articles that are none are not fetched again by incremental runs (a full run looks again)."""
from __future__ import annotations

import json

from scraper.sample.server import serve_portal
from tests.crawl_support import article_html, crawl, export, page_html, path_of

_ARTICLES = [f"/tin-tuc/hoi-nghi-chuyen-doi-so-lan-{n}.html" for n in (1, 2, 3)]
# shaped like the articles (a sitemap reader cannot tell them apart), but a form and a bare heading
_NOT_ARTICLES = ["/tin-tuc/gui-y-kien-cong-dan-lan-4.html", "/tin-tuc/so-do-cong-thong-tin-lan-5.html"]


def _portal(folder) -> None:
    pages = folder / "pages"
    pages.mkdir(parents=True)
    # the home page is no listing: the crawl reads the sitemap, which names every page
    routes = {"/": {"file": "home.html"}, "/sitemap.xml": {"file": "sitemap.xml", "content_type": "application/xml"}}
    (pages / "home.html").write_text(page_html('<ul class="menu"><li><a href="/lien-he.html">Liên hệ</a></li></ul>'),
                                     encoding="utf-8")
    for n, path in enumerate(_ARTICLES, 1):
        (pages / f"a{n}.html").write_text(article_html(f"Hội nghị chuyển đổi số lần thứ {n} năm 2024", n,
                                                       f"{n:02d}/05/2024"), encoding="utf-8")
        routes[path] = {"file": f"a{n}.html"}
    for n, path in enumerate(_NOT_ARTICLES, 1):
        (pages / f"p{n}.html").write_text(page_html('<h1>Liên hệ</h1><form><input name="ten"><button>Gửi</button></form>',
                                                    "Liên hệ"), encoding="utf-8")
        routes[path] = {"file": f"p{n}.html"}
    (folder / "manifest.json").write_text(json.dumps({"start_urls": ["/"], "routes": routes}), encoding="utf-8")


def test_incremental_runs_skip_pages_that_were_not_articles(tmp_path):
    _portal(tmp_path / "portal")
    db = str(tmp_path / "x.db")
    with serve_portal(str(tmp_path / "portal")) as server:
        urls = "".join(f"<url><loc>{server.base_url}{p}</loc></url>" for p in _ARTICLES + _NOT_ARTICLES)
        (tmp_path / "portal" / "pages" / "sitemap.xml").write_text(
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>', encoding="utf-8")
        args = (server.base_url + "/", "--db", db, "--family", "generic", "--no-warc", "--no-media")

        first = crawl(*args)
        assert first["new"] == 3 and first["not_article"] == 2
        assert set(_NOT_ARTICLES) <= set(server.requests)

        del server.requests[:]
        second = crawl(*args)
        assert second["new"] == 0 and second["not_article"] == 0
        assert not set(_ARTICLES + _NOT_ARTICLES) & set(server.requests), server.requests

        del server.requests[:]
        full = crawl(*args, "--full")
        assert full["not_article"] == 2 and set(_NOT_ARTICLES) <= set(server.requests)
        assert not set(_ARTICLES) & set(server.requests)  # archived articles: asked for with --revisit only
    assert sorted(path_of(r["url"]) for r in export(db)) == sorted(_ARTICLES)
