"""The one place where the crawl meets the archive.

On open: read which articles are already archived (the spider skips them: incremental runs and
resume after a kill; scraper.incremental) and start a crawl run; the spider is handed what it
needs through the `archive_opened` signal. During the crawl: hand article pages and fetch
records to the archive writer process. On close: store the run's summary (finish_run) and
leave it in the crawl stats as `portal_archive/summary` for the command line to print.

The unfinished walk: on open, the walk interrupted runs left on the portal's hosts is read and
given to the spider (in `archive_opened`); the spider's `walk_progress` steps go to the writer (a page's
request is done once its page is handed over, after it in the same stream); a run that goes idle
has finished its walk, and its hosts' walk is cleared when it closes. A run killed, stopped by
SIGTERM or by a dead writer never goes idle: its walk stays for the next run.
"""
from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.utils.defer import maybe_deferred_to_future

from archive.preservation import link_run
from archive.store import Archive
from scraper.extract.canonical import canonical_url, netloc_of
from scraper.frontier import UrlSet
from scraper.incremental import known_urls_for, portal_hosts, read_known_file
from scraper.items import ArticleItem
from scraper.signals import archive_opened, captures_written, fetch_recorded, media_stored, walk_progress
from scraper.writer import ArchiveWriter, WriterGone

__all__ = ["ArchivePipeline"]

logger = logging.getLogger(__name__)


def _items_are_read(settings) -> bool:
    """Does a spider middleware read article items? The media middleware does, when it is on."""
    middlewares = settings.getwithbase("SPIDER_MIDDLEWARES")
    return settings.getbool("MEDIA_ENABLED", True) and middlewares.get("scraper.media.MediaMiddleware") is not None


_linker = None


def _linking_pool():
    """The crawl process's one thread for linking closed runs' captures into the archive."""
    global _linker
    if _linker is None:
        from twisted.internet import reactor
        from twisted.python.threadpool import ThreadPool

        _linker = ThreadPool(1, 1, name="warc-linking")
        _linker.start()
        reactor.addSystemEventTrigger("during", "shutdown", _linker.stop)
    return _linker


class ArchivePipeline:
    def __init__(self, crawler, db_path: str) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.writer: ArchiveWriter | None = None
        self.run_id: int | None = None
        self.started = time.monotonic()
        self.hosts: set[str] = set()  # the portal's hosts: its unfinished walk is kept under them
        self.walk_finished = False
        crawler.signals.connect(self._fetch, signal=fetch_recorded)
        crawler.signals.connect(self._walk, signal=walk_progress)
        crawler.signals.connect(self._idle, signal=signals.spider_idle)
        self.media: dict[str, dict] = {}  # url -> {sha256, content_type, size, warc} of the media stored
        crawler.signals.connect(self._media_stored, signal=media_stored)
        crawler.signals.connect(self._captures_written, signal=captures_written)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.get("PORTAL_ARCHIVE_DB"))

    def open_spider(self, spider=None) -> None:
        spider = spider or self.crawler.spider
        netlocs = getattr(spider, "netlocs", set())
        settings = {k: self.crawler.settings.get(k) for k in (
            "USER_AGENT", "ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS_PER_DOMAIN", "AUTOTHROTTLE_ENABLED")}
        settings.update({k: getattr(spider, k, None) for k in ("start_url_list", "family", "full", "stop_after", "revisit")})
        walk_origin = None
        pending, before = [], set()
        with Archive(self.db_path) as archive:
            self.hosts = hosts = portal_hosts(archive, netlocs)  # its walk is kept under these
            # kept compact (8 bytes a URL, not a string each): hundreds of portals share a crawl process
            known = UrlSet(known_urls_for(archive, netlocs, full=getattr(spider, "full", False)))
            # a queue worker's shard starts empty: what the main archive knows comes in a file
            known |= read_known_file(self.crawler.settings.get("PORTAL_ARCHIVE_KNOWN_FILE"))
            pending = archive.pending_walk(hosts) if hosts else []
            if pending:
                walk_origin = min(origin for *_, origin in pending)
                before = {u for u in archive.known_urls_on(hosts, before_run=walk_origin) if netloc_of(u) in hosts}
            self.run_id = archive.start_run(settings, list(getattr(spider, "site_names", [])) + sorted(netlocs))
        self.crawler.stats.set_value("portal_archive/run_id", self.run_id)
        # in the portal's log from the start: a crawl killed before its summary still names its run
        logger.info("archive run %s opened", self.run_id)
        self.writer = ArchiveWriter(self.db_path, self.run_id, walk_origin)
        self.started = time.monotonic()
        self.crawler.signals.send_catch_log(
            archive_opened, known_urls=known, pending=[(url, kind, meta) for url, kind, meta, _ in pending],
            known_before_walk=before,
            # no spider middleware reads the items (media downloads do): pages may skip Scrapy's item path
            page_sink=None if _items_are_read(self.crawler.settings) else self.take_page)

    def take_page(self, item: ArticleItem):
        """An article page straight from the spider's callback: None once it is on its way, else an
        awaitable that completes (with no output) when the writer has caught up."""
        waiting = self._hand_over(item)
        return None if waiting is None else self._wait(waiting)

    def process_item(self, item, spider=None):
        if isinstance(item, ArticleItem):
            waiting = self._hand_over(item)
            if waiting is not None:
                return self._held(waiting, item)  # the writer is behind: this item waits, the reactor does not
        return item

    def _hand_over(self, item: ArticleItem):
        """Give the page to the writer: None, or a Deferred that fires once the writer has caught up."""
        if self.writer is None:
            return None
        try:
            waiting = self.writer.page(item.record, item.raw_body, item.content_type, item.fetched_at,
                                       item.family)
            if item.walk_url:
                self.writer.walk(item.walk_url)  # written after the page
            return waiting
        except WriterGone as gone:
            self._stop(gone)
            return None

    async def _wait(self, waiting) -> None:
        try:
            await maybe_deferred_to_future(waiting)
        except WriterGone as gone:
            self._stop(gone)

    async def _held(self, waiting, item):
        await self._wait(waiting)
        return item

    def _fetch(self, **record) -> None:
        if self.writer is not None:
            record.pop("signal", None)
            record.pop("sender", None)
            try:
                self.writer.fetch(**record)
            except WriterGone as gone:
                self._stop(gone)

    def _walk(self, done: str | None, found: list[tuple[str, str, dict]], **_) -> None:
        if self.writer is not None:
            try:
                self.writer.walk(done, [(url, netloc_of(url), kind, meta) for url, kind, meta in found])
            except WriterGone as gone:
                self._stop(gone)

    def _media_stored(self, url: str, info: dict, **_) -> None:
        self.media[url] = info

    async def _captures_written(self, pages: dict, media: dict, earlier, **_) -> None:
        """The WARC files are complete (sent when the crawl closes, after close_spider: the writer has
        finished): each archived article of the run gets its captures, and its media are linked.
        The WARC writer awaits it."""
        if not self.db_path:
            return
        from twisted.internet import reactor
        from twisted.internet.threads import deferToThreadPool

        for url, info in self.media.items():
            if url in media:
                info["warc"] = media[url]
        db_path, run_id, fetched, hosts = self.db_path, self.run_id, self.media, sorted(self.hosts)

        # in a thread: a crawl process keeps other portals in flight, and this SQLite write may wait
        # for the archive writer's transaction (up to a second) while their responses would wait too;
        # one thread a process, so closing portals queue for the archive's lock here, not against it
        def link() -> int:
            return link_run(db_path, pages, fetched, run_id=run_id, normalise=lambda u: canonical_url(u) or u,
                            earlier=earlier, hosts=hosts)

        linked = await maybe_deferred_to_future(deferToThreadPool(reactor, _linking_pool(), link))
        self.crawler.stats.set_value("warc/linked", linked)

    def _idle(self, spider=None) -> None:
        # nothing left to download or schedule: the walk is finished (a shutdown never gets here)
        self.walk_finished = True

    def _stop(self, gone: WriterGone) -> None:
        """Nothing more can be archived this run: stop crawling rather than fetch pages into the void."""
        if not self.crawler.stats.get_value("portal_archive/writer_gone"):
            self.crawler.stats.set_value("portal_archive/writer_gone", str(gone))
            self.crawler.engine.close_spider(self.crawler.spider, "archive_writer_gone")

    async def close_spider(self, spider=None) -> None:
        # awaited, not blocking: the crawl process's other portals go on while this run's pages drain
        if self.writer is None:
            return
        stats = self.crawler.stats
        elapsed = time.monotonic() - self.started
        pages = stats.get_value("response_received_count", 0)
        crawl_counts = {
            "run_id": self.run_id,
            "pages": pages,
            "listing_pages": stats.get_value("portal/listing_pages", 0),
            "article_requests": stats.get_value("portal/article_requests", 0),
            "skipped_known": stats.get_value("portal/skipped_known", 0),
            "listing_failed": stats.get_value("portal/listing_failed", 0),
            # pages a callback raised on (a program error): Scrapy logs each, the verdict counts them
            "spider_errors": stats.get_value("spider_exceptions/count", 0),
            "robots_forbidden": stats.get_value("robotstxt/forbidden", 0),
            "stopped_early": bool(stats.get_value("portal/stopped_early", 0)),
            "resumed": stats.get_value("portal/resumed", 0),
            "walk_finished": self.walk_finished,
            "seconds": round(elapsed, 2),
            "pages_per_second": round(pages / elapsed, 1) if elapsed else None,
        }
        walked = self.hosts | set(getattr(spider or self.crawler.spider, "netlocs", ())) if self.walk_finished else None
        summary = await maybe_deferred_to_future(self.writer.finish(crawl_counts, walked=walked))
        self.writer = None
        stats.set_value("portal_archive/summary", summary)
