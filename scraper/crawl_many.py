"""Crawl many portals of the registry in one go: every host in flight, processes by the machine.

The portals are partitioned by host between `jobs` crawl processes (`python -m
scraper.crawl_group`, by default one per core): each keeps all of its portals in flight at once,
one Scrapy crawler a portal, with that portal's own robots.txt, Crawl-delay, concurrency cap,
family, incremental state and stop rule (see scraper/crawl_group.py for why crawlers and not one
spider). A host is never in two processes, and its portals run one after another. Each process
has one archive writer for all its portals. Before: one crawl process and one writer process a
portal, four at a time: 40 portals of 44 pages at Crawl-delay 1 took 1,063 s against a politeness
limit of 44 s (issue 17).

This process reads the crawl processes' events: it snapshots each finished portal's run into
the archive's health table through the crawl's port (`scraper.writer.snapshot_portal_run`),
reports a status line (portals done / running / waiting, pages, errors, the time the politeness
limit still needs) and returns one outcome a portal. A crawl process that dies takes only its own portals down: they
are reported failed, and their next run resumes them.
"""
from __future__ import annotations

import json
import logging
import logging.handlers
import os
import queue
import re
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from scraper.writer import snapshot_portal_run

__all__ = ["PortalRun", "crawl_many", "default_jobs", "duration_text", "failure_of", "host_key", "log_file_for",
           "open_run_log", "parse_duration", "partition", "select_sites", "slug"]

# Each run of a portal starts a new log file; the last LOG_RUNS_KEPT runs stay beside it.
LOG_RUNS_KEPT = 10
LOG_MAX_BYTES = 20 * 1024 * 1024


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


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "portal"


def log_file_for(log_dir: str, portal: str) -> str:
    return os.path.join(log_dir, f"{slug(portal)}.log")


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


def default_jobs() -> int:
    """Crawl processes by default: one per core (Scrapy is CPU-bound at one core a process)."""
    return max(1, os.cpu_count() or 1)


def partition(groups: list[list], jobs: int) -> list[list[list]]:
    """Host groups spread over at most `jobs` processes, largest first onto the least loaded:
    a host's portals always stay in one process (so one host never sees two of our crawls)."""
    bins: list[list[list]] = [[] for _ in range(max(1, min(jobs, len(groups))))]
    loads = [0] * len(bins)
    for group in sorted(groups, key=len, reverse=True):
        i = loads.index(min(loads))
        bins[i].append(group)
        loads[i] += len(group)
    return [b for b in bins if b]


def _entry(site) -> dict:
    """One portal as its crawl process gets it (JSON): the registry entry's CrawlTarget."""
    from scraper.targets import site_target

    target = site_target(site)
    return {"name": site.name, "start_urls": list(target.start_urls), "family": target.family,
            "hosts": [h.lower() for h in target.hosts], "netlocs": sorted(target.netlocs)}


def failure_of(outcome: "PortalRun") -> str | None:
    """Why a portal's run counts as failed, or None: an error, or nothing fetched at all (issue 20:
    a portal whose 9 fetches all failed was reported ok)."""
    if outcome.error:
        return outcome.error
    health = outcome.health or {}
    if "snapshot_error" in health:  # no snapshot (the archive stayed busy): nothing to judge by
        return None
    fetches, errors = health.get("fetches") or 0, health.get("fetch_errors") or 0
    if fetches and errors >= fetches:
        return f"all {fetches} fetches failed"
    if not fetches and not (outcome.summary or {}).get("pages"):
        return "nothing fetched"
    return None


def _pump(stream, events: queue.Queue, index: int, kind: str) -> None:
    for line in stream:
        events.put((index, kind, line.rstrip("\n")))
    events.put((index, f"{kind}-eof", None))


def _record(db_path: str, outcome: PortalRun, patience: float = 600.0) -> dict:
    """The portal's health snapshot; an archive busy with the crawl's writers is waited out (a
    snapshot that timed out once took the whole `crawl --all` down with it)."""
    deadline = time.monotonic() + patience
    while True:
        try:
            return snapshot_portal_run(db_path, outcome.portal, outcome.run_id, started_at=outcome.started_at,
                                       finished_at=outcome.finished_at, exit_code=outcome.exit_code or 0,
                                       error=outcome.error, log_path=outcome.log_path)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                return {"snapshot_error": f"health snapshot not recorded: {exc}"}
            time.sleep(1.0)


def crawl_many(sites: list, db_path: str, *, jobs: int | None = None, full: bool = False, revisit: bool = False,
               stop_after: int = 20, family: str | None = None, settings: dict | None = None,
               verbose: bool = False, log_dir: str = "logs", progress=None,
               status=None, status_every: float = 5.0, time_limit: float | None = None,
               max_in_flight: int = 1000) -> list[PortalRun]:
    """Crawl `sites` (`scraper.registry.Site`s) into `db_path`; return the outcomes in `sites` order.

    Every crawl option (`full`, `revisit`, `stop_after`, `family`, Scrapy `settings` such as
    WARC_ENABLED, MEDIA_ENABLED, WARC_DIR, MEDIA_DIR) applies to every portal. `time_limit`
    (seconds) stops one portal's crawl that runs longer (cleanly: it resumes next time), so a hung
    portal cannot hold the archive's lock forever. `progress(message)` gets one line per event
    worth logging, `status(dict)` the totals every `status_every` seconds.
    """
    progress = progress or (lambda message: None)
    status = status or (lambda snapshot: None)
    db_path = os.path.abspath(db_path)
    log_dir = os.path.abspath(log_dir)
    by_host: dict[str, list[dict]] = {}
    for site in sites:
        by_host.setdefault(host_key(list(site.start_urls)), []).append(_entry(site))
    options = {"full": full, "revisit": revisit, "stop_after": stop_after, "family": family,
               "settings": settings or {}, "verbose": verbose}
    parts = partition(list(by_host.values()), jobs or default_jobs())
    events: queue.Queue = queue.Queue()
    procs: list[subprocess.Popen] = []
    for index, groups in enumerate(parts):
        spec = {"db": db_path, "log_dir": log_dir, "groups": groups, "crawl": options, "time_limit": time_limit,
                "status_every": min(status_every, 5.0), "max_in_flight": max_in_flight}
        proc = subprocess.Popen([sys.executable, "-m", "scraper.crawl_group"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                encoding="utf-8", errors="replace")
        proc.stdin.write(json.dumps(spec, ensure_ascii=False))
        proc.stdin.close()
        procs.append(proc)
        for stream, kind in ((proc.stdout, "out"), (proc.stderr, "err")):
            threading.Thread(target=_pump, args=(stream, events, index, kind), daemon=True).start()
    progress(f"{len(sites)} portals on {len(by_host)} hosts in {len(procs)} crawl processes")
    outcomes: dict[str, PortalRun] = {}
    latest: list[dict] = [{} for _ in procs]
    open_streams = 2 * len(procs)
    next_status = time.monotonic() + status_every

    def totals() -> dict:
        snapshot = {"portals": len(sites), "done": len(outcomes), "running": 0, "waiting": 0, "pages": 0,
                    "errors": 0, "left": 0.0}
        for part in latest:
            for key in ("running", "waiting", "pages", "errors"):
                snapshot[key] += part.get(key, 0)
            snapshot["left"] = max(snapshot["left"], part.get("left", 0.0))
        snapshot["waiting"] = max(0, len(sites) - snapshot["done"] - snapshot["running"])
        return snapshot

    while open_streams:
        try:
            index, kind, line = events.get(timeout=max(0.1, next_status - time.monotonic()))
        except queue.Empty:
            index, kind, line = -1, "tick", None
        if kind.endswith("-eof"):
            open_streams -= 1
        elif kind == "err" and line.strip():
            progress(f"crawl process {index + 1}: {line}")
        elif kind == "out":
            try:
                event = json.loads(line)
            except ValueError:
                progress(f"crawl process {index + 1}: {line}")
                continue
            if event.get("event") == "status":
                latest[index] = event
            elif event.get("event") == "started":
                progress(f"{event['portal']}: started")
            elif event.get("event") == "finished":
                outcome = PortalRun(portal=event["portal"], host="", started_at=event["started_at"],
                                    finished_at=event["finished_at"], exit_code=event["exit_code"],
                                    run_id=event["run_id"], summary=event["summary"], error=event["error"],
                                    log_path=event["log_path"], timed_out=bool(event.get("timed_out")))
                outcome.health = _record(db_path, outcome)
                outcome.error = failure_of(outcome)
                outcomes[outcome.portal] = outcome
                progress(f"{outcome.portal}: " + (outcome.error or "done"))
        if time.monotonic() >= next_status:
            status(totals())
            next_status = time.monotonic() + status_every
    for index, proc in enumerate(procs):
        code = proc.wait()
        for group in parts[index]:
            for entry in group:
                if entry["name"] not in outcomes:  # the crawl process died before this portal finished
                    outcome = PortalRun(portal=entry["name"], host="", started_at=_now(), finished_at=_now(),
                                        exit_code=code or -1, log_path=log_file_for(log_dir, entry["name"]),
                                        error=f"crawl process exited (code {code}) before this portal finished; "
                                              f"the next run resumes it")
                    outcome.health = _record(db_path, outcome)
                    outcomes[outcome.portal] = outcome
                    progress(f"{outcome.portal}: {outcome.error}")
    final = totals()
    final.update(done=len(outcomes), running=0, waiting=0, left=0.0)
    status(final)
    by_name = {s.name: host_key(list(s.start_urls)) for s in sites}
    for outcome in outcomes.values():
        outcome.host = by_name.get(outcome.portal, "")
    order = {site.name: i for i, site in enumerate(sites)}
    return sorted(outcomes.values(), key=lambda o: order.get(o.portal, 0))


def duration_text(seconds: float | None) -> str:
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
