"""One crawl process, many portals in flight: each portal its own Scrapy crawler in one CrawlerProcess.

    python -m scraper.crawl_group < spec.json      (started by scraper.crawl_many; JSON lines on stdout)

Why one crawler per portal, not one spider over every portal: a crawler is Scrapy's unit of
everything the issue asks to keep per portal. Its downloader has its own slots (robots.txt,
Crawl-delay and the 4-request cap per host, as in a crawl by hand), its spider its own family,
incremental state and stop rule, its stats its own summary, and `Crawler.stop_async()` ends one
portal cleanly at its time limit while the others go on. One spider over many portals would
re-key all of that by host inside the spider, the pipeline and the run records. What a crawler
costs, measured here (50 crawlers created and started in one process, 2026-12-03): 34 ms of CPU
and 0.65 MB each, so 350 portals a process cost ~12 s of start-up and ~230 MB; the engine's
timers per crawler are a call every few seconds. That is all one spider could save; at 700
portals it is well inside the issue's 2 GB, so per-portal isolation wins.

The portals of one host run one after another (never two crawls on one host); `max_in_flight`
host groups run at once. The archive writer process is shared by every portal of the process
(scraper/writer.py). Events, one JSON object a line: `started`, `finished` (the portal's
summary, error and run), `status` (every `status_every` seconds: running, waiting, pages,
errors and the time the politeness limit still needs).
"""
from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time
from collections import deque
from contextlib import ExitStack
from datetime import datetime, timezone

from scraper.crawl import crawl_process_tuning, crawl_settings, crawl_verdict, host_lock, quiet_scrapy_loggers
from scraper.crawl_many import duration_text, log_file_for, open_run_log, slug
from scraper.targets import CrawlTarget

__all__ = ["run_group"]

HELD_BUDGET_BYTES = 64_000_000  # responses a crawl process holds while its writer catches up, all portals
# A portal still holds a page or two (Scrapy's default is 5 MB, for one crawl). At 300 KB, 350
# portals a process held 105 MB past the budget (700 portals at Crawl-delay 2: each crawl process
# ~700 MB RSS while its writer was behind).
HELD_MIN_BYTES = 100_000
# Exchanges waiting for the portals' WARC threads, all portals of a process together (at 16 a portal
# minimum, 350 portals could hold 5,600 pages, ~280 MB).
WARC_BUDGET_EXCHANGES = 2048


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class _Portal:
    """One portal's run inside the crawl process."""

    def __init__(self, entry: dict, log_dir: str) -> None:
        self.name: str = entry["name"]
        self.entry = entry
        self.log_path = log_file_for(log_dir, self.name)
        self.logger = open_run_log(slug(self.name), self.log_path)
        self.started_at = _now()
        self.crawler = None
        self.locks = ExitStack()
        self.timer = None
        self.timed_out = False

    def close_log(self) -> None:
        for handler in list(self.logger.handlers):
            self.logger.removeHandler(handler)
            handler.close()


class _PortalLogs(logging.Handler):
    """Scrapy's records name their crawler (`extra={"crawler": ...}` or the spider's logger adapter):
    each goes to its portal's log, prefixed with the portal's name; the rest, warnings and up, to stderr."""

    def __init__(self) -> None:
        super().__init__()
        self.portals: dict[int, _Portal] = {}
        self.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        crawler = getattr(record, "crawler", None) or getattr(getattr(record, "spider", None), "crawler", None)
        portal = self.portals.get(id(crawler)) if crawler is not None else None
        try:
            if portal is not None:
                portal.logger.info("%s", self.format(record).replace("] ", f"] {portal.name}: ", 1))
            elif record.levelno >= logging.WARNING:
                sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


def _raise_fd_limit() -> None:
    # each portal in flight holds sockets and a log file: a few thousand descriptors for 700 portals
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))
        except (ValueError, OSError):
            pass


def _left_seconds(crawler) -> float:
    """What the politeness limit still needs for this portal: its queued requests at its hosts' delay."""
    engine = crawler.engine
    scheduler = getattr(engine, "scheduler", None) if engine else None
    if scheduler is None:
        return 0.0
    queued = len(scheduler) + len(engine.downloader.active)
    slots = engine.downloader.slots.values()
    delay = max((s.delay for s in slots), default=0.0)
    per_host = max((s.concurrency for s in slots), default=1)
    return queued * delay if delay else queued * 0.05 / max(per_host, 1)


def _counts(crawler) -> tuple[int, int]:
    stats = crawler.stats
    if stats is None:
        return 0, 0
    # failed articles (portal/failed) and listings: what a portal's crawl is for
    # (a sitemap most portals lack is no error: 700 of them were counted as such once)
    errors = (stats.get_value("portal/failed", 0) + stats.get_value("portal/listing_failed", 0)
              + stats.get_value("spider_exceptions/count", 0))
    return stats.get_value("response_received_count", 0), errors


def run_group(spec: dict, emit) -> None:
    """Crawl the host groups of `spec` in this process; `emit(dict)` reports events."""
    from scrapy.crawler import CrawlerProcess

    _raise_fd_limit()
    db_path, log_dir = spec["db"], spec["log_dir"]
    options = spec.get("crawl", {})
    level = "DEBUG" if options.get("verbose") else "INFO"
    project = crawl_settings(db_path, verbose=True, settings={**options.get("settings", {}), "LOG_LEVEL": level,
                                                              "LOG_INSTALL_ROOT_HANDLER": False})
    # Pages waiting for the shared archive writer stay in each crawler's scraper slot, up to Scrapy's
    # 5 MB a crawler before it stops downloading: 700 MB for 140 portals in flight. The process
    # shares one budget instead (measured: 350 portals at Crawl-delay 2 grew each crawl process to
    # ~870 MB while its writer was behind).
    # The same for the exchanges each portal's WARC thread has yet to write (256 a crawl by default).
    in_flight = max(1, min(len(spec["groups"]), spec.get("max_in_flight", 1000)))
    project.set("SCRAPER_SLOT_MAX_ACTIVE_SIZE", max(HELD_MIN_BYTES, HELD_BUDGET_BYTES // in_flight))
    project.set("WARC_QUEUE_EXCHANGES", max(4, min(256, WARC_BUDGET_EXCHANGES // in_flight)))
    time_limit = spec.get("time_limit")
    waiting: deque[list[dict]] = deque(spec["groups"])
    left_waiting = [sum(len(g) for g in waiting)]
    running: dict[int, _Portal] = {}
    totals = {"pages": 0, "errors": 0, "done": 0}
    logs = _PortalLogs()

    def start_next() -> None:
        while waiting and len(running) < spec.get("max_in_flight", 1000):
            group = waiting.popleft()
            start(group, 0)
        if not running and not waiting and reactor.running:
            reactor.callLater(0, reactor.stop)

    def start(group: list[dict], index: int) -> None:
        entry = group[index]
        left_waiting[0] -= 1
        portal = _Portal(entry, log_dir)
        portal.logger.info("=== %s: crawl of %s started %s", portal.name, " ".join(entry["start_urls"]),
                           portal.started_at)
        emit({"event": "started", "portal": portal.name, "started_at": portal.started_at})
        try:
            portal.locks.enter_context(host_lock(db_path, entry["netlocs"]))
            crawler = process.create_crawler("portal")
        except Exception as exc:  # a busy host (CrawlError) or a bad entry ends this portal only
            portal.crawler = None
            running[id(portal)] = portal
            done(portal, group, index, exc)
            return
        portal.crawler = crawler
        # one set of WARC files per portal: several crawlers of one process writing under one name would interleave
        crawler.settings.set("WARC_PREFIX", f"portal-archive-{slug(portal.name)}")
        running[id(portal)] = portal
        logs.portals[id(crawler)] = portal
        target = CrawlTarget(tuple(entry["start_urls"]), entry.get("family"), tuple(entry.get("hosts", ())),
                             (portal.name,), (portal.name,))
        deferred = process.crawl(crawler, target=target, family=options.get("family") or target.family or "auto",
                                 full=bool(options.get("full")), stop_after=int(options.get("stop_after", 20)),
                                 revisit=bool(options.get("revisit")))
        if time_limit:
            portal.timer = reactor.callLater(time_limit, stop_at_limit, portal)
        deferred.addBoth(lambda result: done(portal, group, index, result))

    def stop_at_limit(portal: _Portal) -> None:
        portal.timer = None
        portal.timed_out = True
        portal.logger.info("=== %s: time limit (%s) reached, closing the crawl", portal.name, duration_text(time_limit))
        if portal.crawler is not None and portal.crawler.crawling:
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(portal.crawler.stop_async())

    def done(portal: _Portal, group: list[dict], index: int, result) -> None:
        if portal.timer is not None and portal.timer.active():
            portal.timer.cancel()
        portal.locks.close()
        running.pop(id(portal), None)
        crawler = portal.crawler
        stats = crawler.stats.get_stats() if crawler is not None and crawler.stats else {}
        summary = stats.get("portal_archive/summary")
        error, exit_code = None, 0
        if hasattr(result, "getErrorMessage"):  # a Failure
            error, exit_code = f"crawl failed: {result.getErrorMessage()}".splitlines()[0][:300], 1
        elif isinstance(result, BaseException):
            error, exit_code = str(result).splitlines()[0][:300], 1
        if portal.timed_out:
            error = f"stopped at the time limit ({duration_text(time_limit)}); the next run resumes"
            exit_code = -15
        elif error is None and summary is None:
            error, exit_code = f"the crawl ended before it started ({stats.get('finish_reason', 'no reason given')})", 1
        elif error is None:  # judged as `crawl NAME` judges its run: 1 failed, 4 some articles failed
            exit_code, error = crawl_verdict(summary, portal.entry["start_urls"])
            error = error[:300] if error else None
        pages, errors = _counts(crawler) if crawler is not None else (0, 0)
        totals["pages"] += pages
        totals["errors"] += errors
        totals["done"] += 1
        finished_at = _now()
        run_id = (summary or {}).get("run_id") or stats.get("portal_archive/run_id")
        if summary:
            portal.logger.info("%s", json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        portal.logger.info("=== %s: finished %s, exit code %s, run %s%s", portal.name, finished_at, exit_code, run_id,
                           f": {error}" if error else "")
        portal.close_log()
        if crawler is not None:
            logs.portals.pop(id(crawler), None)
        emit({"event": "finished", "portal": portal.name, "started_at": portal.started_at, "finished_at": finished_at,
              "exit_code": exit_code, "run_id": run_id, "summary": summary or {}, "error": error, "timed_out": portal.timed_out,
              "log_path": portal.log_path, "pages": pages, "errors": errors})
        if index + 1 < len(group):
            start(group, index + 1)  # the next portal of the same host, now that this one let go of it
        else:
            start_next()

    def status() -> None:
        pages, errors, left = totals["pages"], totals["errors"], 0.0
        for portal in running.values():
            if portal.crawler is not None:
                p, e = _counts(portal.crawler)
                pages, errors = pages + p, errors + e
                left = max(left, _left_seconds(portal.crawler))
        emit({"event": "status", "done": totals["done"], "running": len(running), "waiting": left_waiting[0],
              "pages": pages, "errors": errors, "left": round(left, 1)})

    root = logging.getLogger()
    root.addHandler(logs)
    root.setLevel(level)
    with crawl_process_tuning():
        from scrapy.utils.reactor import install_reactor

        # Scrapy installs its reactor with the first crawler's start; portals start from the reactor
        install_reactor(project["TWISTED_REACTOR"], project["ASYNCIO_EVENT_LOOP"])
        from twisted.internet import reactor, task

        process = CrawlerProcess(project)

        quiet_scrapy_loggers(level, True)  # every portal logs into its own file
        loop = task.LoopingCall(status)
        loop.start(float(spec.get("status_every", 5.0)), now=False)
        reactor.callWhenRunning(start_next)
        process.start(stop_after_crawl=False)
        if loop.running:
            loop.stop()
    status()


def _end_with_parent() -> None:
    """SIGTERM (a clean stop: each portal's run is closed and resumes next time) when `crawl --all` dies:
    the archive's lock goes with it, and orphaned crawls would overlap the next scheduled run."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass


def main() -> int:
    _end_with_parent()
    spec = json.load(sys.stdin)
    out = sys.stdout

    def emit(event: dict) -> None:
        event["at"] = time.time()
        out.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
        out.flush()

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scraper.settings")
    run_group(spec, emit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
