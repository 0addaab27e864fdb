"""Run a crawl in-process: the command line's way into Scrapy.

    summary = run_crawl(["yenlap"], "archive.db")
    summary = run_crawl(["http://127.0.0.1:8000/tin-tuc"], "x.db", family="generic", full=True)
"""
from __future__ import annotations

import fcntl
import gc
import hashlib
import logging
import os
import tempfile
from contextlib import contextmanager
from typing import Iterator

from scraper.extract.canonical import netloc_of
from scraper.targets import CrawlError, CrawlTarget, resolve_targets

__all__ = ["CrawlError", "CrawlTarget", "resolve_targets", "run_crawl"]


@contextmanager
def host_lock(db_path: str, netlocs: list[str]) -> Iterator[None]:
    """One crawl per host and archive at a time (a scheduled run overlapping a manual one)."""
    handles = []
    try:
        for netloc in sorted(set(netlocs)):
            key = hashlib.sha1(f"{os.path.abspath(db_path)}|{netloc}".encode()).hexdigest()[:16]
            path = os.path.join(tempfile.gettempdir(), f"portal-archive-{key}.lock")
            handle = open(path, "w")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                raise CrawlError(f"another crawl of {netloc} into {db_path} is running") from None
            handles.append(handle)
        yield
    finally:
        for handle in handles:
            handle.close()  # closing releases the lock; so does the process dying


def run_crawl(targets: list[str] | CrawlTarget, db_path: str, *, family: str | None = None, full: bool = False,
              stop_after: int = 20, revisit: bool = False, progress: bool = False, verbose: bool = False,
              settings: dict | None = None) -> dict:
    """Crawl portals (registry names or start URLs, or their CrawlTarget) into the archive; returns
    the run summary."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    target = targets if isinstance(targets, CrawlTarget) else resolve_targets(list(targets))
    urls, hosts = list(target.start_urls), list(target.hosts)
    if not urls:
        raise CrawlError("nothing to crawl: no start URL")
    from scraper.writer import check_archive

    check_archive(db_path)  # NotAnArchive before Scrapy starts, for a --db that is not an archive
    family = family or target.family
    project = get_project_settings()
    project.set("PORTAL_ARCHIVE_DB", db_path)
    project.set("PORTAL_ARCHIVE_PROGRESS", progress)
    if not verbose:
        project.set("LOG_LEVEL", os.environ.get("PORTAL_ARCHIVE_LOG_LEVEL", "WARNING"))
    for key, value in (settings or {}).items():
        project.set(key, value)
    scrapy_logger = logging.getLogger("scrapy")
    level_before = scrapy_logger.level
    # Every response allocates Deferreds, requests and coroutines by the dozen: with the default
    # threshold (700) the collector ran ~100 times a second and its older generations walked every
    # module and setting loaded at start (2-3% of the crawl process). Those are frozen out of its
    # reach for the crawl, and young objects are collected in larger steps.
    thresholds_before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
    try:
        with host_lock(db_path, [netloc_of(u) for u in urls] + hosts):
            process = CrawlerProcess(project)
            # Scrapy leaves the root logger at NOTSET and filters in its handler, so every
            # response's "Crawled" and "Scraped" debug lines were built as records (caller lookup
            # included) to be dropped: Scrapy's own loggers stop at the run's level instead. (After
            # CrawlerProcess(), whose logging set-up puts the "scrapy" logger back at DEBUG.)
            # Without -v, Scrapy's own lines (a traceback for an unreachable robots.txt, "Gave up
            # retrying") stay out of the terminal: every failure is a fetches row and in the summary.
            quiet = not verbose and "PORTAL_ARCHIVE_LOG_LEVEL" not in os.environ
            scrapy_logger.setLevel("CRITICAL" if quiet else project.get("LOG_LEVEL") or "DEBUG")
            crawler = process.create_crawler("portal")
            process.crawl(crawler, target=target, family=family or "auto", full=full, stop_after=stop_after,
                          revisit=revisit)
            process.start()
    finally:
        scrapy_logger.setLevel(level_before)
        gc.set_threshold(*thresholds_before)
        gc.unfreeze()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    summary = stats.get("portal_archive/summary")
    if summary is None:
        raise CrawlError(f"the crawl ended before it started ({stats.get('finish_reason', 'no reason given')})")
    return summary
