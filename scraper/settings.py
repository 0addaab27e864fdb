"""Scrapy settings: polite by default."""
import os

BOT_NAME = "portal-archive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = "portal-archive/0.1 (+https://github.com/portal-archive/portal-archive; archiving Vietnamese district portals)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 4
CONCURRENT_ITEMS = 8  # scrapy's default of 100 costs 40-60% of throughput under asyncio
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_ENABLED = True
RETRY_TIMES = 3
DOWNLOAD_TIMEOUT = 30
TELNETCONSOLE_ENABLED = False
DOWNLOADER_CLIENT_TLS_CIPHERS = "DEFAULT@SECLEVEL=1"  # many gov.vn hosts have weak TLS
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("PORTAL_ARCHIVE_LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

ITEM_PIPELINES = {"scraper.pipelines.ArchivePipeline": 300}
PORTAL_ARCHIVE_DB = os.environ.get("PORTAL_ARCHIVE_DB", "archive.db")
