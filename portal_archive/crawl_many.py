"""`portal-archive crawl --all | --province NAME | --site NAME`: many portals in one run.

The options are added to the `crawl` command by `many_options`; `run_many` is what they do.
The whole run holds the archive's lock (archive.lock), so scheduled runs never overlap.
It exits EXIT_PORTAL_FAILED when a portal's run failed (an error, nothing fetched, every fetch
failed), naming each with why, so a schedule's log and mail say so; else EXIT_ITEMS_FAILED when
some articles of some portals failed (each portal's summary lists them); a portal stopped at its
time limit is listed but resumes next run, no failure of the command.
"""
from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict
from datetime import datetime, timezone

import click

from portal_archive.common import registry_sites
from archive.lock import LockHeld, archive_lock
from archive.schedule import EXIT_ITEMS_FAILED, EXIT_LOCKED

__all__ = ["EXIT_PORTAL_FAILED", "many_options", "wants_many", "run_many"]

EXIT_PORTAL_FAILED = 1


def many_options(func):
    """The multi-portal options of `crawl` (applied bottom-up, so listed in reverse)."""
    options = [
        click.option("--all", "every", is_flag=True, help="Crawl every portal of the registry."),
        click.option("--province", "provinces", multiple=True, metavar="NAME",
                     help="Crawl every registered portal of this province (accents optional; repeatable)."),
        click.option("--site", "site_names", multiple=True, metavar="NAME",
                     help="Crawl this registered portal (repeatable)."),
        click.option("--registry", type=click.Path(dir_okay=False, exists=True),
                     help="Site registry file [default: the shipped one, or $PORTAL_ARCHIVE_REGISTRY]."),
        click.option("--jobs", type=click.IntRange(min=1), default=None,
                     help="With --all/--province/--site: crawl processes, each keeping all its portals in flight "
                          "(a host is never in two) [default: one per CPU core]."),
        click.option("--status-every", type=click.FloatRange(min=0.5), default=60.0, show_default=True,
                     metavar="SECONDS",
                     help="With --all/--province/--site: a status line on stderr this often when it is no "
                          "terminal (a terminal's line is redrawn every 2 s)."),
        click.option("--log-dir", type=click.Path(file_okay=False), default="logs", show_default=True,
                     help="With --all/--province/--site: one log per portal, a new file each run, old runs rotated."),
        click.option("--portal-time-limit", "time_limit", default="24h", show_default=True, metavar="DURATION",
                     help="With --all/--province/--site: stop one portal's crawl after this long (90s, 30m, 6h, 2d); "
                          "it resumes on the next run."),
        click.option("--queue", "queue_url", default=None, metavar="redis://HOST:6379/0",
                     help="With --all/--province/--site: hand the portals to `portal-archive worker`s through this "
                          "Redis (a job per host), wait, and merge their shards into the archive as they finish."),
        click.option("--job-time-limit", default="6h", show_default=True, metavar="DURATION",
                     help="With --queue: a worker gives up a job (a host's portals) after this long."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def wants_many(every: bool, provinces, site_names) -> bool:
    return bool(every or provinces or site_names)


def _progress(log_dir: str):
    """Per-portal events in `crawl-all.log`, a new file each run (older runs rotated); failures also on stderr."""
    from scraper.crawl_many import open_run_log

    logger = open_run_log("crawl-all", os.path.join(log_dir, "crawl-all.log"))

    def report(message: str, *, echo: bool = False) -> None:
        stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        if echo:
            click.echo(message, err=True)
        logger.info("%s %s", stamp, message)

    return report


def _minutes(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 120:
        return f"{seconds}s"
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"


def status_line(snapshot: dict) -> str:
    """portals done / running / waiting, pages, errors, and what the politeness limit still needs."""
    left = snapshot.get("left") or 0.0
    waiting = snapshot.get("waiting") or 0
    needs = f"politeness limit: {_minutes(left)}{'+' if waiting else ''} left" if left or waiting else "finishing"
    return (f"portals {snapshot['done']}/{snapshot['portals']} done, {snapshot['running']} running, "
            f"{waiting} waiting; {snapshot['pages']:,} pages, {snapshot['errors']:,} errors; "
            f"{_minutes(snapshot.get('elapsed', 0))} elapsed, {needs}")


def _status_printer(every: float, log):
    """Plain lines every `every` seconds when stderr is no terminal (a log, cron's mail); redrawn otherwise."""
    tty = sys.stderr.isatty()
    started = time.monotonic()
    last = [0.0]

    def show(snapshot: dict) -> None:
        snapshot = {**snapshot, "elapsed": time.monotonic() - started}
        line = status_line(snapshot)
        final = snapshot["done"] >= snapshot["portals"]
        if tty:
            sys.stderr.write("\r\033[K" + line + ("\n" if final else ""))
            sys.stderr.flush()
        if final or time.monotonic() - last[0] >= every:
            last[0] = time.monotonic()
            if not tty:
                click.echo(line, err=True)
            log(line)

    return show, (2.0 if tty else every)


def _summary_table(outcomes) -> str:
    header = ["portal", "run", "new", "upd", "same", "pages", "err/fetch", "time", "result"]
    rows = []
    for o in outcomes:
        h = o.health or {}
        s = getattr(o, "summary", None) or {}  # (a queued crawl's line has none)
        rows.append([o.portal, str(o.run_id or "-"), str(h.get("new") or 0), str(h.get("updated") or 0),
                     str(h.get("unchanged") or 0), str(s.get("pages") or 0),
                     f"{h.get('fetch_errors') or 0}/{h.get('fetches') or 0}", _elapsed(o), o.error or "ok"])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    return "\n".join("  ".join([*(c.ljust(w) for c, w in zip(r, widths)), r[-1]]) for r in [header, *rows])


def _elapsed(outcome) -> str:
    try:
        seconds = (datetime.fromisoformat(outcome.finished_at) - datetime.fromisoformat(outcome.started_at)).total_seconds()
    except (AttributeError, TypeError, ValueError):
        return "-"
    return _minutes(seconds)


def run_many(db_path: str, *, every: bool, provinces: tuple[str, ...], site_names: tuple[str, ...],
             registry: str | None, jobs: int | None, log_dir: str, full: bool, revisit: bool = False,
             fmt: str = "text", time_limit: str = "24h", stop_after: int = 20, family: str | None = None,
             settings: dict | None = None, preservation: dict | None = None, verbose: bool = False,
             status_every: float = 60.0, queue_url: str | None = None, job_time_limit: str = "6h") -> None:
    """Select the portals, take the lock, crawl them, print one line per portal; exit 1 if one failed.

    Every crawl option (`stop_after`, `family`, the operator's Scrapy `settings` resolved from
    --config and -s, and here the `preservation` ones such as WARC_ENABLED) reaches every portal;
    with a queue, `settings` go in every job (the workers choose their own shard's folders). A
    portal stopped at its time limit resumes next run and fails nothing."""
    from archive.store import Archive
    from portal_archive.common import fold_search_index
    from scraper.crawl_many import crawl_many, default_jobs, parse_duration, select_sites

    try:
        limit_seconds = parse_duration(time_limit)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--portal-time-limit") from None
    sites = registry_sites(registry)
    chosen = select_sites(sites, every=every, provinces=provinces, names=site_names)
    missing = [n for n in site_names if n.lower() not in {s.name.lower() for s in chosen}]
    if missing:
        raise click.ClickException(f"no such site in the registry: {', '.join(missing)} (see the registry file)")
    if not chosen:
        raise click.ClickException("no registered portal matches: check --province / --site, or use --all")
    from archive.schema import connect

    os.makedirs(os.path.dirname(os.path.abspath(db_path)), exist_ok=True)  # a new archive's folder, as a crawl makes it
    connect(db_path).close()  # a --db that is not an archive is refused before anything is written beside it
    if queue_url:
        from portal_archive.worker import check_queue

        check_queue(queue_url)  # before the archive is touched
    jobs = jobs or default_jobs()
    try:
        with archive_lock(db_path, what=f"crawl of {len(chosen)} portals"):
            Archive(db_path).close()  # create or migrate the schema once, before the workers start
            progress = _progress(log_dir)
            if queue_url:
                outcomes = _run_queued(queue_url, db_path, chosen, full=full, revisit=revisit,
                                       portal_time_limit=limit_seconds, job_time_limit=job_time_limit,
                                       progress=lambda message: progress(message, echo=True), settings=settings)
            else:
                progress(f"crawling {len(chosen)} portals into {db_path}, {jobs} crawl processes", echo=True)
                status, every_seconds = _status_printer(status_every, progress)
                outcomes = crawl_many(chosen, db_path, jobs=jobs, full=full, revisit=revisit, stop_after=stop_after,
                                      family=family, settings={**(settings or {}), **(preservation or {})},
                                      verbose=verbose, log_dir=log_dir, progress=progress, status=status,
                                      status_every=every_seconds, time_limit=limit_seconds)
            fold_search_index(db_path)  # what the crawls saved, into the relevance index (under the lock)
    except LockHeld as exc:
        click.echo(f"Error: not starting: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    if fmt == "json":
        click.echo(json.dumps([asdict(o) for o in outcomes], ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(_summary_table(outcomes))
        logs = "in each shard's logs/ folder" if queue_url else os.path.abspath(log_dir)
        click.echo(f"logs: {logs}; health: portal-archive health --db {db_path}")
    if queue_url:
        if any(o.error for o in outcomes):
            sys.exit(1)  # a job that failed or a shard not merged: the night is not complete
        return
    failed = [o for o in outcomes if o.error and o.exit_code != EXIT_ITEMS_FAILED and not o.timed_out]
    if failed:
        named = "; ".join(f"{o.portal} ({o.error})" for o in failed[:20]) + ("; ..." if len(failed) > 20 else "")
        click.echo(f"Error: {len(failed)} of {len(outcomes)} portal crawls failed: {named}", err=True)
        sys.exit(EXIT_PORTAL_FAILED)
    partial = [o.portal for o in outcomes if o.exit_code == EXIT_ITEMS_FAILED]
    if partial:  # each portal's failed articles are in its summary (--format json) and its log
        click.echo(f"Error: some articles failed in {len(partial)} of {len(outcomes)} portals: {', '.join(partial)}",
                   err=True)
        sys.exit(EXIT_ITEMS_FAILED)


def _run_queued(queue_url: str, db_path: str, chosen: list, *, full: bool, revisit: bool, portal_time_limit: float,
                job_time_limit: str, progress, settings: dict | None = None) -> list:
    """`crawl --all --queue`: the portals crawled by queue workers, their shards merged here (portal_archive.queue)."""
    from portal_archive.merge import preservation_dirs
    from portal_archive.queue import run_queued
    from portal_archive.worker import parse_seconds

    media_dir, warc_dir = preservation_dirs(db_path, None, None)
    return run_queued(queue_url, db_path, chosen, full=full, revisit=revisit, portal_time_limit=portal_time_limit,
                      job_time_limit=parse_seconds(job_time_limit, "--job-time-limit"), media_dir=media_dir,
                      warc_dir=warc_dir, progress=progress, settings=settings)
