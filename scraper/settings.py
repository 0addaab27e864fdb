"""Scrapy settings: polite by default (see README, "For archivists: crawl")."""
import os

from scrapy.settings import default_settings as _scrapy_defaults

BOT_NAME = "portal-archive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Politeness: say who we are, obey robots.txt (incl. Crawl-delay, applied by
# scraper.politeness), a few requests per host at most, AutoThrottle, retries on 5xx/timeouts.
# The operator's contact goes in every request: a portal's webmaster can reach whoever crawls
# it. `contact` in portal-archive.toml or $PORTAL_ARCHIVE_CONTACT; until set, the User-Agent says how.
def user_agent(contact: str | None) -> str:
    who = f"operator {contact}" if contact else "operator contact unset: contact in portal-archive.toml"
    return f"portal-archive/0.1 (+https://github.com/portal-archive/portal-archive; {who})"


USER_AGENT = user_agent(os.environ.get("PORTAL_ARCHIVE_CONTACT"))
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
# AutoThrottle aims at this many requests in flight per host, on average: it spaces requests by
# latency / target. The hard cap stays CONCURRENT_REQUESTS_PER_DOMAIN (4), and a server that slows
# down still raises the delay in proportion (and Crawl-delay still wins). At 2 the delay was half
# of a latency that, on a busy crawl process, is mostly our own reactor's lag (a response waits
# while a listing page is parsed): the crawl ran at about 1.5 requests in flight and idled the
# writer. At the cap, a fast server gets its 4 requests, a slow one still gets spaced out.
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Scrapy's list but for the proxy-tunnel error of its Twisted client, which the crawl's client (below)
# never raises: loading that name imported the Twisted client and its TLS stack, whose deprecation
# shims walk the call stack reading every frame's source (~80 CPU-ms a crawl process, at start).
RETRY_EXCEPTIONS = [e for e in _scrapy_defaults.RETRY_EXCEPTIONS
                    if e != "scrapy.core.downloader.handlers.http11.TunnelError"]
DOWNLOAD_TIMEOUT = 30
# For the test suite only: caps robots.txt Crawl-delay (the politeness test checks the default).
PORTAL_ARCHIVE_MAX_CRAWL_DELAY = os.environ.get("PORTAL_ARCHIVE_MAX_CRAWL_DELAY") or None

# Scrapy 2.19's default of 100 starts 100 tasks per response under asyncio: 40-60% slower.
CONCURRENT_ITEMS = 8
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19 starts a remote-control server by default
DOWNLOADER_CLIENT_TLS_CIPHERS = "DEFAULT@SECLEVEL=1"  # many gov.vn hosts have weak TLS
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = os.environ.get("PORTAL_ARCHIVE_LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
# Scrapy's StatsCollector costs ~7 us a call (a deprecation wrapper on every attribute): same
# collector without it (scraper/stats.py).
STATS_CLASS = "scraper.stats.CrawlStats"
# Per portal, memory that does not grow with its size (scraper/frontier.py): a capped in-memory
# request queue spilling to a temporary disk queue, fingerprints kept as 64-bit hashes.
SCHEDULER = "scraper.frontier.SpillingScheduler"
DUPEFILTER_CLASS = "scraper.frontier.CompactDupeFilter"
# Listings are walked depth-first with articles first: the queue stays short on big portals.
DEPTH_PRIORITY = 0

# Responses are parsed by aiohttp's C parser instead of Twisted's Python one (scraper/http_client.py).
DOWNLOAD_HANDLERS = {
    "http": "scraper.http_client.PortalHttpHandler",
    "https": "scraper.http_client.PortalHttpHandler",
}
# Size limits: one page never costs more than a few hundred MB, downloaded or inflated (a 145 KB
# gzip answer inflating to 200 MB took the crawl to 7.3 GB under Scrapy's 1 GB default). Portal
# pages are 30-60 KB; a page over its limit is recorded in fetches as "too large".
_MB = 1024 * 1024
PORTAL_ARCHIVE_PAGE_MAXSIZE = 16 * _MB  # listings, articles, feeds, robots.txt
PORTAL_ARCHIVE_SITEMAP_MAXSIZE = 50 * _MB  # the sitemap protocol's own limit (uncompressed)
DOWNLOAD_MAXSIZE = 100 * _MB  # media requests: images and attachments (scanned PDFs)
DOWNLOAD_WARNSIZE = 16 * _MB
DOWNLOADER_MIDDLEWARES = {
    "scraper.middlewares.CanonicalUrlMiddleware": 40,
    # decompression moved next to the WARC writer (which keeps the bytes as sent), before the
    # accounting, so that a body refused for its size is on record
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "scraper.middlewares.SizeLimitMiddleware": 955,
    "scraper.middlewares.FetchAccountingMiddleware": 950,  # sees responses before redirect/retry act
    # Every fetch is accounted for by FetchAccountingMiddleware; Scrapy's byte counters rebuilt each
    # request's HTTP form to count its bytes (nothing reads downloader/* stats here).
    "scrapy.downloadermiddlewares.stats.DownloaderStats": None,
    # <meta refresh> redirects still followed, ruled out in the bytes before Scrapy decodes a page
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "scraper.middlewares.MetaRefreshMiddleware": 580,
}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "scraper.politeness.CrawlDelayThrottle": 0,
    "scraper.progress.Progress": 10,
}
ITEM_PIPELINES = {"scraper.pipelines.ArchivePipeline": 300}
PORTAL_ARCHIVE_DB = os.environ.get("PORTAL_ARCHIVE_DB", "archive.db")
# A file of article URLs the crawl treats as archived besides the archive's own (one a line, gzip):
# how a queue worker's crawl into an empty shard learns what the main archive holds (scraper.incremental).
PORTAL_ARCHIVE_KNOWN_FILE = None  # a setting: `-s PORTAL_ARCHIVE_KNOWN_FILE=FILE`, or given by the queue worker
PORTAL_ARCHIVE_PROGRESS = False  # the command line turns it on when stderr is a terminal


# Preservation (issue 7): every request/response to gzip WARC files (<db>.warcs/ unless WARC_DIR) and
# the images/attachments of article pages content-addressed (<db>.media/ unless MEDIA_DIR).
DOWNLOADER_MIDDLEWARES["scraper.warc_writer.WarcWriterMiddleware"] = 960  # next to the downloader: raw responses
SPIDER_MIDDLEWARES = {
    "scraper.media.MediaMiddleware": 550,
    # a development aid (warns once about meta copied from a response): one more layer wrapped
    # around every callback's output; the spider builds each request's meta afresh
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}
WARC_DIR = os.environ.get("PORTAL_ARCHIVE_WARC_DIR") or None
MEDIA_DIR = os.environ.get("PORTAL_ARCHIVE_MEDIA_DIR") or None
