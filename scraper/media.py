"""Images and attachments of each article page, downloaded once and kept content-addressed.

`MediaMiddleware` is a spider middleware. Extraction runs in the archive writer process, so
the crawl does not know which images extraction will keep; it fetches every same-host image
and document of an article page that it has not fetched before in this run, found by the
rules an Article's images and attachments use (`scraper.extract.page_media`: srcset and
lazy-load resolved; a portal's logo and banners are one request each for the whole crawl), through the crawler's
own scheduler and downloader: robots.txt, the host limits and the WARC writer all apply.
Each body is stored as `<media dir>/<sha256[:2]>/<sha256>`, never under a name taken from its
URL. Each stored file is announced (`media_stored`) to the archive pipeline, which, when the crawl
closes, links each article to the media whose URL extraction listed among its images and attachments.

Settings: `MEDIA_ENABLED` (default True), `MEDIA_DIR` (default `<PORTAL_ARCHIVE_DB>.media`).
"""
from __future__ import annotations

import logging

import scrapy
from scrapy.exceptions import NotConfigured

from scraper.extract import page_media
from scraper.media_store import media_dir_for, store_media
from scraper.signals import media_stored, send_direct

__all__ = ["MediaMiddleware"]

logger = logging.getLogger(__name__)

_MEDIA_PRIORITY = -20  # after the articles: a crawl's text is what matters first


def _article_page(item) -> tuple[bytes, str, str | None] | None:
    """(body, url, content type) of an article item the spider yielded, else None (requests, other items)."""
    record = getattr(item, "record", None)
    body = getattr(item, "raw_body", None)
    if isinstance(record, dict) and isinstance(body, bytes) and body and record.get("url"):
        return body, record["url"], getattr(item, "content_type", None) or None
    return None


class MediaMiddleware:
    """Spider middleware: request the media of each article page once; store bodies by sha256."""

    def __init__(self, directory: str, signals=None) -> None:
        self.directory = directory
        self.signals = signals  # the crawler's: each stored file goes to the archive pipeline (media_stored)
        self.requested: set[str] = set()
        self.fetched: dict[str, dict] = {}  # url -> {sha256, content_type, size, warc}

    @classmethod
    def from_crawler(cls, crawler) -> "MediaMiddleware":
        settings = crawler.settings
        if not settings.getbool("MEDIA_ENABLED", True):
            raise NotConfigured("media downloads disabled")
        return cls(settings.get("MEDIA_DIR") or media_dir_for(settings.get("PORTAL_ARCHIVE_DB", "archive.db")),
                   crawler.signals)

    def _requests_for(self, item) -> list:
        page = _article_page(item)
        if page is None:
            return []
        out = []
        for url in page_media(*page):
            if url not in self.requested:
                self.requested.add(url)
                out.append(scrapy.Request(url, callback=self.on_media, errback=self.on_error,
                                          priority=_MEDIA_PRIORITY, meta={"kind": "media", "media": True}))
        return out

    def process_spider_output(self, response, result):
        for item in result:
            yield item
            yield from self._requests_for(item)

    async def process_spider_output_async(self, response, result):
        async for item in result:
            yield item
            for request in self._requests_for(item):
                yield request

    def on_media(self, response):
        if response.status == 200 and response.body:
            info = self.fetched[response.url] = {
                "sha256": store_media(self.directory, response.body),
                "content_type": response.headers.get("Content-Type", b"").decode("latin-1") or None,
                "size": len(response.body),
                "warc": None,  # its WARC record, filled in when the crawl closes
            }
            original = response.request.meta.get("redirect_urls", [response.url])[0]
            self.fetched.setdefault(original, info)
            if self.signals is not None:
                for url in dict.fromkeys((response.url, original)):
                    send_direct(self.signals, media_stored, url=url, info=self.fetched[url])
        return []

    def on_error(self, failure):
        logger.debug("media not fetched: %s", failure.value)
        return []
