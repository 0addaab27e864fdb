"""Crawl many portals of the registry in one go: several hosts at once, one at a time per host.

Each portal is crawled by its own worker process (`portal-archive crawl NAME`), for
three reasons: Twisted's reactor runs once per process, one portal's crash must not take the
night's other portals down, and each portal's log goes to its own file. Portals on the same
host run one after another in the same slot, so no host ever sees two of our crawls at once;
within a crawl, the spider's own politeness (robots.txt, Crawl-delay, AutoThrottle) applies.

After each worker ends, its run (the run id its JSON summary gives) is snapshotted into the
archive's health table through the crawl's port (`scraper.writer.snapshot_portal_run`),
including runs that failed to start.
"""
from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from scraper.pipelines import RUN_OPENED
from scraper.writer import snapshot_portal_run

__all__ = ["PortalRun", "crawl_many", "host_key", "log_file_for", "open_run_log", "parse_duration", "select_sites"]

# Each run of a portal starts a new log file; the last LOG_RUNS_KEPT runs stay beside it.
LOG_RUNS_KEPT = 10
LOG_MAX_BYTES = 20 * 1024 * 1024
# After SIGTERM at the time limit, how long Scrapy may take to close the run cleanly.
STOP_GRACE_SECONDS = 120.0

_log_lock = threading.Lock()
_RUN_OPENED = re.compile(re.escape(RUN_OPENED).replace(r"\{run_id\}", r"(\d+)"))


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class PortalRun:
    """The outcome of one portal's crawl, as the orchestrator saw it."""

    portal: str
    host: str
    started_at: str
    finished_at: str = ""
    exit_code: int | None = None
    run_id: int | None = None
    summary: dict = field(default_factory=dict)
    health: dict = field(default_factory=dict)
    error: str | None = None
    log_path: str | None = None
    timed_out: bool = False  # stopped at the time limit: resumes next run, not a failure of the command


def host_key(start_urls: list[str]) -> str:
    """The politeness unit: the host (with its port) of the portal's first start URL."""
    return urlsplit(start_urls[0]).netloc.lower() if start_urls else ""


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "portal"


def log_file_for(log_dir: str, portal: str) -> str:
    return os.path.join(log_dir, f"{_slug(portal)}.log")


def open_run_log(name: str, path: str) -> logging.Logger:
    """A logger writing to `path`, rolled over now so this run starts a fresh file."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    logger = logging.getLogger(f"portal_archive.runs.{name}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_RUNS_KEPT, encoding="utf-8")
    if os.path.getsize(path) > 0:
        handler.doRollover()
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    return logger


def _worker_command(site, db_path: str, full: bool, revisit: bool, portal_args: tuple[str, ...] = (),
                    registry: str | None = None) -> list[str]:
    # The crawl engineer's own `crawl NAME`: the same code path as a crawl by hand; -v puts
    # Scrapy's log on stderr (into the portal's log file), the JSON summary comes on stdout.
    args = [sys.executable, "-m", "portal_archive", "crawl", site.name, "--db", db_path, "--format", "json", "-v",
            "--no-health"]
    args += ["--registry", registry] if registry else []
    return args + (["--full"] if full else []) + (["--revisit"] if revisit else []) + list(portal_args)


def _stop(proc: subprocess.Popen, grace: float, stopped: threading.Event) -> None:
    """The time limit: SIGTERM (Scrapy closes the run cleanly, so it resumes next time), then SIGKILL."""
    stopped.set()
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()


def _run_one(site, db_path: str, *, full: bool, revisit: bool, log_dir: str, progress, registry: str | None = None,
             time_limit: float | None = None, portal_args: tuple[str, ...] = ()) -> PortalRun:
    name = site.name
    outcome = PortalRun(portal=name, host=host_key(site.start_urls), started_at=_now(),
                        log_path=log_file_for(log_dir, name))
    with _log_lock:
        logger = open_run_log(_slug(name), outcome.log_path)
    logger.info("=== %s: crawl of %s started %s", name, " ".join(site.start_urls), outcome.started_at)
    progress(f"{name}: started")
    try:
        stdout = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        proc = subprocess.Popen(_worker_command(site, db_path, full, revisit, portal_args, registry), stdout=stdout,
                                stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
    except OSError as exc:
        outcome.exit_code, outcome.error = -1, f"cannot start the crawl: {exc}"
    else:
        stopped = threading.Event()
        timer = None
        if time_limit:
            timer = threading.Timer(time_limit, _stop, [proc, min(STOP_GRACE_SECONDS, time_limit), stopped])
            timer.daemon = True
            timer.start()
        last_lines: list[str] = []
        opened = None  # the run id the worker logs as its run opens (-v)
        for line in proc.stderr:
            line = line.rstrip("\n")
            logger.info("%s", line)
            if opened is None and (found := _RUN_OPENED.search(line)):
                opened = int(found.group(1))
            if line.strip():
                last_lines = [*last_lines[-4:], line.strip()]
        outcome.exit_code = proc.wait()
        if timer is not None:
            timer.cancel()
        stdout.seek(0)
        printed = stdout.read()
        stdout.close()
        logger.info("%s", printed.rstrip())
        try:
            outcome.summary = json.loads(printed) if printed.strip() else {}
        except ValueError:
            outcome.summary = {}
        # the worker's own word: its JSON summary, else (killed before it) the line it logged at open
        outcome.run_id = outcome.summary.get("run_id") or opened
        if stopped.is_set():
            outcome.exit_code, outcome.timed_out = outcome.exit_code or -15, True
            outcome.error = f"stopped at the time limit ({_duration_text(time_limit)}); the next run resumes"
        elif outcome.exit_code:
            errors = [line for line in last_lines if line.startswith("Error:")]
            outcome.error = (errors or last_lines or [f"crawl exited with code {outcome.exit_code}"])[-1][:300]
    outcome.finished_at = _now()
    logger.info("=== %s: finished %s, exit code %s, run %s", name, outcome.finished_at,
                outcome.exit_code, outcome.run_id)
    for handler in logger.handlers:
        handler.close()
    return outcome


def _record(db_path: str, outcome: PortalRun) -> dict:
    return snapshot_portal_run(db_path, outcome.portal, outcome.run_id, started_at=outcome.started_at,
                               finished_at=outcome.finished_at, exit_code=outcome.exit_code or 0,
                               error=outcome.error, log_path=outcome.log_path)


def crawl_many(sites: list, db_path: str, *, jobs: int = 4, full: bool = False, revisit: bool = False,
               log_dir: str = "logs", registry: str | None = None, progress=None,
               time_limit: float | None = None, portal_args: tuple[str, ...] = ()) -> list[PortalRun]:
    """Crawl `sites` (`scraper.registry.Site`s) into `db_path`; return the outcomes.

    `time_limit` (seconds) stops one portal's crawl that runs longer, so a hung portal cannot
    hold the archive's lock, and with it every later scheduled run, forever.

    `jobs` hosts are crawled at once; sites sharing a host wait for each other. `portal_args` are
    options of `crawl` (--no-warc, --stop-after 5...) given to every portal's crawl.
    """
    progress = progress or (lambda message: None)
    db_path = os.path.abspath(db_path)
    by_host: dict[str, list[dict]] = {}
    for site in sites:
        by_host.setdefault(host_key(list(site.start_urls)), []).append(site)
    registry = os.path.abspath(registry) if registry else None
    outcomes: list[PortalRun] = []
    record_lock = threading.Lock()

    def crawl_host(host_sites: list[dict]) -> None:
        for site in host_sites:
            outcome = _run_one(site, db_path, full=full, revisit=revisit, log_dir=log_dir, progress=progress,
                               registry=registry, time_limit=time_limit, portal_args=portal_args)
            with record_lock:
                outcome.health = _record(db_path, outcome)
                outcomes.append(outcome)
            progress(f"{outcome.portal}: " + (outcome.error or "done"))

    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="portal") as pool:
        for future in [pool.submit(crawl_host, group) for group in by_host.values()]:
            future.result()
    order = {site.name: i for i, site in enumerate(sites)}
    return sorted(outcomes, key=lambda o: order.get(o.portal, 0))


def _duration_text(seconds: float | None) -> str:
    if not seconds:
        return "none"
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def parse_duration(text: str) -> float:
    """'90s', '30m', '6h', '2d' -> seconds; ValueError otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", text.lower())
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"duration {text!r}: give a number and a unit, e.g. 90s, 30m, 6h, 2d")
    return float(match.group(1)) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def _fold(text: str) -> str:
    from archive.fold import fold

    return fold(text or "").strip()


def select_sites(sites: list, *, every: bool = False, provinces: tuple[str, ...] = (),
                 names: tuple[str, ...] = ()) -> list:
    """The registry entries chosen by --all, --province (accents optional) and --site."""
    if every:
        return list(sites)
    wanted_provinces = {_fold(p) for p in provinces}
    wanted_names = {n.strip().lower() for n in names}
    return [s for s in sites if _fold(s.province) in wanted_provinces or s.name.lower() in wanted_names]
