"""Article pages reach the archive the same way whichever path they take out of the spider.

With media downloads on, article items go through Scrapy's spider middlewares (the media
middleware reads them) and the item pipeline; with them off, the spider hands each page to the
archive pipeline from its callback. Both must archive the same articles and account the same fetches.
"""
from __future__ import annotations

from scraper.sample.server import serve_portal
from tests.conftest import PORTALS
from tests.crawl_support import FIELDS, crawl, export, fetches


def test_no_media_crawl_archives_what_the_media_crawl_archives(tmp_path):
    through_items, handed_over = str(tmp_path / "items.db"), str(tmp_path / "direct.db")
    with serve_portal(str(PORTALS / "phutho-aspnet")) as server:
        with_media = crawl(*server.start_urls(), "--db", through_items, "--no-warc")
        without_media = crawl(*server.start_urls(), "--db", handed_over, "--no-warc", "--no-media")
        again = crawl(*server.start_urls(), "--db", handed_over, "--no-warc", "--no-media")
    assert without_media["new"] == with_media["new"] > 0
    assert without_media["failed"] == with_media["failed"]
    def articles(db: str) -> list[tuple]:
        return sorted((a["url"], *(str(a.get(f)) for f in FIELDS)) for a in export(db))

    assert articles(handed_over) == articles(through_items)
    article_fetches = sorted((url, status) for url, status, kind, *_ in fetches(handed_over) if kind == "article")
    assert article_fetches == sorted((url, status) for url, status, kind, *_ in fetches(through_items) if kind == "article")
    assert again["new"] == 0  # the direct path records what is archived: the next run knows it
