"""One measured crawl of `bench/crawl.py`, in its own process; prints a JSON line of figures.

    python -m bench.crawl_runner bare URLS_FILE      # fetch-only Scrapy spider over the given URLs
    python -m bench.crawl_runner bare-aiohttp URLS_FILE  # the same, with the project's HTTP client
    python -m bench.crawl_runner full START_URL DB   # the project's crawl: extraction + archive writes
    python -m bench.crawl_runner default START_URL DB   # the same with WARC and media on, as users run it

BENCH_CRAWL_SETTINGS='{"AUTOTHROTTLE_DEBUG": true}' adds Scrapy settings to both crawls (experiments).
"""
from __future__ import annotations

import json
import os
import sys

import scrapy


def _peak_mb() -> dict:
    from scraper.writer import peak_rss_mb

    return {"peak_mb_crawl": peak_rss_mb()}


class BareSpider(scrapy.Spider):
    """Fetches a list of URLs and does nothing with them: the baseline."""

    name = "bare"

    def __init__(self, urls_file: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.urls_file = urls_file

    async def start(self):
        with open(self.urls_file, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield scrapy.Request(line.strip(), callback=self.parse)

    def parse(self, response):
        return None


def _bare(urls_file: str, client: str = "scrapy") -> dict:
    from scrapy.crawler import CrawlerProcess

    from scraper import settings as project

    settings = {k: getattr(project, k) for k in (
        "USER_AGENT", "ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "AUTOTHROTTLE_ENABLED",
        "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY", "AUTOTHROTTLE_TARGET_CONCURRENCY", "RETRY_TIMES",
        "DOWNLOAD_TIMEOUT", "CONCURRENT_ITEMS", "TELNETCONSOLE_ENABLED", "REMOTE_CONTROL_ENABLED")}
    settings["LOG_LEVEL"] = "WARNING"
    if client == "aiohttp":
        settings["DOWNLOAD_HANDLERS"] = project.DOWNLOAD_HANDLERS
    settings.update(json.loads(os.environ.get("BENCH_CRAWL_SETTINGS", "{}")))
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, urls_file=urls_file)
    process.start()
    stats = crawler.stats.get_stats()
    seconds = (stats["finish_time"] - stats["start_time"]).total_seconds()
    pages = stats.get("response_received_count", 0)
    return {"pages": pages, "seconds": round(seconds, 2), "pages_per_second": round(pages / seconds, 1), **_peak_mb()}


def _full(start_url: str, db: str, preservation: bool = False) -> dict:
    from scraper.crawl import run_crawl

    # The full crawl: extraction and archive writes. WARC files and media downloads are
    # preservation extras measured apart (they add requests and gzip work of their own); `default`
    # keeps them on, as a user's crawl does.
    extra = json.loads(os.environ.get("BENCH_CRAWL_SETTINGS", "{}"))
    off = {} if preservation else {"MEDIA_ENABLED": False, "WARC_ENABLED": False}
    summary = run_crawl([start_url], db, settings={**off, **extra})
    return {**{k: summary.get(k) for k in ("pages", "seconds", "pages_per_second", "new", "failed")}, **_peak_mb(),
            "peak_mb_writer": summary.get("writer_peak_mb")}


def _cpu_ms_per_page(result: dict) -> dict:
    """CPU time a page of this process and of its (joined) children: the archive writer."""
    times = os.times()
    pages = max(result.get("pages") or 0, 1)
    return {"cpu_ms_crawl": round((times.user + times.system) * 1000 / pages, 2),
            "cpu_ms_crawl_system": round(times.system * 1000 / pages, 2),
            "cpu_ms_writer": round((times.children_user + times.children_system) * 1000 / pages, 2)}


def _imported() -> float:
    """CPU seconds of this process once the crawl's modules are imported (about a second, whatever
    the portal's size: A/B runs on small portals compare the rest)."""
    import scrapy.crawler  # noqa: F401
    import spiders.portal  # noqa: F401
    from scraper import crawl, pipelines  # noqa: F401
    from scraper.extract import extract_listing  # noqa: F401

    times = os.times()
    return times.user + times.system


def main(argv: list[str]) -> int:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
    imported = _imported()
    if argv[0] in ("bare", "bare-aiohttp"):
        result = _bare(argv[1], client="aiohttp" if argv[0] == "bare-aiohttp" else "scrapy")
    else:
        result = _full(argv[1], argv[2], preservation=argv[0] == "default")
    result.update(_cpu_ms_per_page(result))
    times = os.times()
    result["cpu_ms_crawl_after_imports"] = round((times.user + times.system - imported) * 1000 / max(result["pages"], 1), 2)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
