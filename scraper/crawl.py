"""Run a crawl in-process: the CLI's way into Scrapy."""
from __future__ import annotations

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

__all__ = ["run_crawl"]


def run_crawl(start_urls: list[str], db_path: str, **spider_args) -> dict:
    import os

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
    settings = get_project_settings()
    settings.set("PORTAL_ARCHIVE_DB", db_path)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("portal")
    process.crawl(crawler, start_urls=",".join(start_urls), **spider_args)
    process.start()
    return dict(crawler.stats.get_stats()) if crawler.stats else {}
