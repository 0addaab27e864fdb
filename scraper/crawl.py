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

__all__ = ["CrawlError", "CrawlTarget", "crawl_process_tuning", "crawl_settings", "crawl_verdict", "host_lock",
           "quiet_scrapy_loggers", "resolve_targets", "run_crawl"]


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


def crawl_settings(db_path: str, *, progress: bool = False, verbose: bool = False, settings: dict | None = None):
    """The project's Scrapy settings for a crawl into `db_path` (one portal or many in one process)."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
    from scrapy.utils.project import get_project_settings

    project = get_project_settings()
    project.set("PORTAL_ARCHIVE_DB", db_path)
    project.set("PORTAL_ARCHIVE_PROGRESS", progress)
    if not verbose:
        project.set("LOG_LEVEL", os.environ.get("PORTAL_ARCHIVE_LOG_LEVEL", "WARNING"))
    for key, value in (settings or {}).items():
        project.set(key, value)
    return project


@contextmanager
def crawl_process_tuning() -> Iterator[None]:
    """The process-wide set-up of a crawl: Scrapy's loggers at the run's level, the collector tuned."""
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
        yield
    finally:
        scrapy_logger.setLevel(level_before)
        gc.set_threshold(*thresholds_before)
        gc.unfreeze()
        from scraper.writer import stop_writers

        stop_writers()  # the process's archive writer commits and exits with the crawl


def quiet_scrapy_loggers(log_level: str | None, verbose: bool) -> None:
    # Scrapy leaves the root logger at NOTSET and filters in its handler, so every response's
    # "Crawled" and "Scraped" debug lines were built as records (caller lookup included) to be
    # dropped: Scrapy's own loggers stop at the run's level instead. (Called after CrawlerProcess(),
    # whose logging set-up puts the "scrapy" logger back at DEBUG.)
    # Without -v, Scrapy's own lines (a traceback for an unreachable robots.txt, "Gave up
    # retrying") stay out of the terminal: every failure is a fetches row and in the summary.
    quiet = not verbose and "PORTAL_ARCHIVE_LOG_LEVEL" not in os.environ
    logging.getLogger("scrapy").setLevel("CRITICAL" if quiet else log_level or "DEBUG")


def run_crawl(targets: list[str] | CrawlTarget, db_path: str, *, family: str | None = None, full: bool = False,
              stop_after: int = 20, revisit: bool = False, progress: bool = False, verbose: bool = False,
              settings: dict | None = None) -> dict:
    """Crawl portals (registry names or start URLs, or their CrawlTarget) into the archive; returns
    the run summary."""
    from scrapy.crawler import CrawlerProcess

    target = targets if isinstance(targets, CrawlTarget) else resolve_targets(list(targets))
    urls, hosts = list(target.start_urls), list(target.hosts)
    if not urls:
        raise CrawlError("nothing to crawl: no start URL")
    from scraper.writer import check_archive

    check_archive(db_path)  # NotAnArchive before Scrapy starts, for a --db that is not an archive
    family = family or target.family
    project = crawl_settings(db_path, progress=progress, verbose=verbose, settings=settings)
    with crawl_process_tuning():
        with host_lock(db_path, [netloc_of(u) for u in urls] + hosts):
            process = CrawlerProcess(project)
            quiet_scrapy_loggers(project.get("LOG_LEVEL"), verbose)
            crawler = process.create_crawler("portal")
            process.crawl(crawler, target=target, family=family or "auto", full=full, stop_after=stop_after,
                          revisit=revisit)
            process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    summary = stats.get("portal_archive/summary")
    if summary is None:
        raise CrawlError(f"the crawl ended before it started ({stats.get('finish_reason', 'no reason given')})")
    return summary


def crawl_verdict(summary: dict, targets: list[str]) -> tuple[int, str | None]:
    """(exit code, one-line reason) of a crawl from its summary: `crawl NAME` exits with it, and
    `crawl --all` judges each of its portals by it."""
    from scraper.writer import exit_items_failed

    errors = summary.get("errors") or {}
    detail = ", ".join(f"{kind} {n}" for kind, n in errors.items())
    if summary.get("error"):
        return 1, f"the crawl stopped: {summary['error']}"
    if not summary.get("fetched_ok"):
        return 1, f"nothing could be fetched from {' '.join(targets)}" + (f" ({detail})" if detail else "")
    failed = summary.get("failed") or 0
    archived = sum(summary.get(k) or 0 for k in ("new", "updated", "unchanged", "kept"))
    if failed and not archived and not summary.get("skipped_known"):  # (an incremental run meeting broken links is not)
        return 1, f"every article failed: {failed} ({detail})"
    if failed:
        return exit_items_failed(), f"{failed} of {failed + archived} articles failed ({detail})"
    spider_errors = summary.get("spider_errors") or 0
    if spider_errors:  # what those pages linked to was not followed: the next run tries them again
        pages = "1 page" if spider_errors == 1 else f"{spider_errors} pages"
        return exit_items_failed(), f"{pages} could not be handled: a program error, logged with the portal's crawl"
    return 0, None
