"""Crawl stats without Scrapy 2.19's per-access wrapper.

Scrapy's StatsCollector routes every attribute access through a `__getattribute__` that tries a
cached name first (raising and catching AttributeError for every other attribute, `_stats`
included) to warn about a deprecated `spider` argument: about a dozen stats calls a response
made it ~1% of the crawl process. The methods and their signatures are Scrapy's own.
"""
from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector

__all__ = ["CrawlStats"]


class CrawlStats(MemoryStatsCollector):
    __getattribute__ = object.__getattribute__
