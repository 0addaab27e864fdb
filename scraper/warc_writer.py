"""WARC out: every request and response of a crawl, written to gzip WARC files as it happens.

`WarcWriterMiddleware` is a downloader middleware placed next to the downloader (priority 950),
so it sees each response as it came off the wire: before redirects are followed, retries made
or the body decompressed (the WARC keeps `Content-Encoding` and the encoded bytes, as wget and
Heritrix do). Robots.txt, listings, articles, images and attachments all pass through it.

Records are written by a thread of their own. Extraction happens in the archive writer
process, so where each response landed (`WarcPointer`) is handed to the archive pipeline when the
crawl closes (the `captures_written` signal, after the writer has finished): each archived article
of the run gets a `captures` row naming its WARC file, record offset and payload digest, and the
media the crawl fetched are linked to the articles whose images/attachments they are.

Settings: `WARC_ENABLED` (default True), `WARC_DIR` (default `<PORTAL_ARCHIVE_DB>.warcs`),
`WARC_MAX_SIZE` (bytes per file before rolling, default 1 GB), `WARC_PREFIX`, `WARC_QUEUE_EXCHANGES`
(exchanges waiting for the writer thread, default 256; a crawl process with hundreds of portals
gives each fewer).
"""
from __future__ import annotations

import logging
import queue
import threading
from datetime import datetime, timezone

from scrapy import signals
from scrapy.exceptions import NotConfigured

from scraper.signals import captures_written
from scraper.warc_files import Exchange, WarcFiles

__all__ = ["WarcWriterMiddleware", "warc_dir_for"]

logger = logging.getLogger(__name__)
# exchanges waiting for the writer thread; a full queue holds the crawl back (memory stays flat)
_QUEUE_EXCHANGES = 256


def warc_dir_for(db_path: str) -> str:
    """The default WARC directory of an archive file: next to it, `<db>.warcs`."""
    return f"{db_path}.warcs"


def _decode(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _header_list(headers) -> list[tuple[str, str]]:
    return [(_decode(k), _decode(v)) for k, values in headers.items() for v in values]


class WarcWriterMiddleware:
    """Downloader middleware: write each exchange to the WARC files of the crawl."""

    def __init__(self, crawler, files: WarcFiles) -> None:
        self.crawler = crawler
        self.files = files
        self.pointers: dict[str, dict] = {}  # url -> pointer of its latest 200 page response this run
        self.media_pointers: dict[str, dict] = {}
        # Compression and digests run in a thread (zlib and hashlib release the GIL): Scrapy's
        # reactor thread, the crawl's bottleneck, only hands the exchange over.
        self._queue: queue.Queue = queue.Queue(
            maxsize=crawler.settings.getint("WARC_QUEUE_EXCHANGES", _QUEUE_EXCHANGES))
        self._thread = threading.Thread(target=self._write_loop, name="warc-writer", daemon=True)
        self._thread.start()

    def _write_loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            exchange, is_media = job
            try:
                pointer = self.files.write_exchange(exchange)
            except Exception:  # a full disk must not kill the crawl silently: say it, keep crawling
                logger.exception("WARC record for %s not written", exchange.url)
                continue
            if exchange.status == 200 and is_media:  # a media file is cited where its bytes are
                self.media_pointers[exchange.url] = pointer.payload_pointer()
            elif exchange.status == 200:
                self.pointers[exchange.url] = pointer.to_dict()

    @classmethod
    def from_crawler(cls, crawler) -> "WarcWriterMiddleware":
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED", True):
            raise NotConfigured("WARC writing disabled")
        directory = settings.get("WARC_DIR") or warc_dir_for(settings.get("PORTAL_ARCHIVE_DB", "archive.db"))
        files = WarcFiles(
            directory,
            prefix=settings.get("WARC_PREFIX", "portal-archive"),
            max_size=settings.getint("WARC_MAX_SIZE", 1_000_000_000),
            info={"isPartOf": settings.get("BOT_NAME"), "http-header-user-agent": settings.get("USER_AGENT"),
                  "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore"},
        )
        middleware = cls(crawler, files)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    async def spider_closed(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self.files.close()
        if self.crawler.stats:
            self.crawler.stats.set_value("warc/files", len(self.files.files))
            self.crawler.stats.set_value("warc/records", self.files.records)
            self.crawler.stats.set_value("warc/revisits", self.files.revisits)
        # the files are complete: the archive pipeline links each capture to its article (and the
        # crawl waits for it to finish)
        await self.crawler.signals.send_catch_log_async(captures_written, pages=self.pointers,
                                                        media=self.media_pointers, earlier=self.files.indexed_pointers)

    def process_response(self, request, response):
        if "cached" in response.flags:  # a replay from Scrapy's HTTP cache is no new capture
            return response
        exchange = Exchange(
            url=response.url,
            status=response.status,
            response_headers=_header_list(response.headers),
            body=response.body,
            method=request.method,
            request_headers=_header_list(request.headers),
            request_body=request.body or b"",
            date=datetime.now(timezone.utc),
            ip_address=str(response.ip_address) if getattr(response, "ip_address", None) else None,
            metadata={"via": _decode(request.headers.get("Referer")) if request.headers.get("Referer") else None,
                      "fetchTimeMs": int(request.meta.get("download_latency", 0) * 1000),
                      "depth": request.meta.get("depth")},
        )
        self._queue.put((exchange, bool(request.meta.get("media"))))
        return response
