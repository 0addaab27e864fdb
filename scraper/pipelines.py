"""The one place where the crawl meets the archive."""
from __future__ import annotations

from archive.store import Archive
from scraper.items import ArticleItem

__all__ = ["ArchivePipeline"]


class ArchivePipeline:
    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.archive: Archive | None = None
        self.counts = {"new": 0, "updated": 0, "unchanged": 0}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("PORTAL_ARCHIVE_DB"))

    def open_spider(self, spider=None) -> None:
        self.archive = Archive(self.db_path)

    def process_item(self, item, spider=None):
        if isinstance(item, ArticleItem):
            outcome = self.archive.save_article(item.record)
            self.counts[outcome] = self.counts.get(outcome, 0) + 1
        return item
