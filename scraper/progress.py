"""Progress of an interactive crawl on stderr: pages, articles, errors, rate."""
from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

__all__ = ["Progress"]

_INTERVAL_SECONDS = 2.0


class Progress:
    def __init__(self, crawler) -> None:
        if not crawler.settings.getbool("PORTAL_ARCHIVE_PROGRESS"):
            raise NotConfigured
        self.crawler = crawler
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None
        crawler.signals.connect(self._opened, signal=signals.spider_opened)
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _opened(self, spider=None) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self._print)
        self.loop.start(_INTERVAL_SECONDS, now=False)

    def _closed(self, spider=None, reason=None) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()

    def _print(self) -> None:
        stats = self.crawler.stats
        pages = stats.get_value("response_received_count", 0)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        line = (f"pages {pages}  listings {stats.get_value('portal/listing_pages', 0)}  "
                f"articles {stats.get_value('portal/article_pages', 0)}  "
                f"known/skipped {stats.get_value('portal/skipped_known', 0)}  "
                f"errors {stats.get_value('portal/failed', 0)}  {pages / elapsed:.1f} pages/s")
        sys.stderr.write("\r\033[K" + line)
        sys.stderr.flush()
