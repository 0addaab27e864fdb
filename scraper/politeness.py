"""Politeness Scrapy lacks: robots.txt `Crawl-delay` applied per host.

Scrapy parses Crawl-delay but never applies it (scrapy issue #892), and AutoThrottle would
lower a slot's delay below it anyway. This extension replaces AutoThrottle: it throttles the
same way, then raises each host's delay back to at least its Crawl-delay, without jitter (a
random 0.5x would break the promise). `PORTAL_ARCHIVE_MAX_CRAWL_DELAY` caps the delay; it
exists for the test suite only, whose politeness test checks the uncapped default.
"""
from __future__ import annotations

from scrapy import signals
from scrapy.extensions.throttle import AutoThrottle

__all__ = ["CrawlDelayThrottle"]


class CrawlDelayThrottle(AutoThrottle):
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.crawl_delays: dict[str, float] = {}
        cap = crawler.settings.get("PORTAL_ARCHIVE_MAX_CRAWL_DELAY")
        self.cap = None if cap in (None, "") else float(cap)
        self.user_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        self.throttling = crawler.settings.getbool("AUTOTHROTTLE_ENABLED")
        if self.throttling:
            super().__init__(crawler)
        else:
            crawler.signals.connect(self._reassert, signal=signals.response_downloaded)
        crawler.signals.connect(self._robots_parsed, signal=signals.robots_parsed)

    def _robots_parsed(self, robotparser, request, **_) -> None:
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        delay = robotparser.crawl_delay(self.user_agent)
        if not delay:
            return
        if self.cap is not None:
            delay = min(delay, self.cap)
        self.crawl_delays[key] = delay
        self.crawler.stats.set_value(f"politeness/crawl_delay/{key}", delay)
        self._apply(key)

    def _apply(self, key: str) -> None:
        delay = self.crawl_delays.get(key)
        slot = self.crawler.engine.downloader.slots.get(key)
        if delay is None or slot is None:
            return
        slot.jitter = 0
        slot.delay = max(slot.delay, delay)

    def _adjust_delay(self, slot, latency: float, response) -> None:
        super()._adjust_delay(slot, latency, response)
        for key, candidate in self.crawler.engine.downloader.slots.items():
            if candidate is slot:
                self._apply(key)
                break

    def _reassert(self, response, request, spider=None) -> None:
        self._apply(self.crawler.engine.downloader.get_slot_key(request))
