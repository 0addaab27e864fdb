"""`portal-archive crawl --all | --province NAME | --site NAME`: many portals in one run.

The options are added to the `crawl` command by `many_options`; `run_many` is what they do.
The whole run holds the archive's lock (archive.lock), so scheduled runs never overlap.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from datetime import datetime, timezone

import click

from portal_archive.common import registry_sites
from archive.lock import LockHeld, archive_lock
from archive.schedule import EXIT_ITEMS_FAILED, EXIT_LOCKED

__all__ = ["many_options", "wants_many", "run_many"]


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
        click.option("--jobs", type=click.IntRange(min=1), default=4, show_default=True,
                     help="With --all/--province/--site: hosts crawled at once (one crawl per host at a time)."),
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
    """Progress on stderr and in `crawl-all.log`, a new file each run (older runs rotated)."""
    from scraper.crawl_many import open_run_log

    logger = open_run_log("crawl-all", os.path.join(log_dir, "crawl-all.log"))

    def report(message: str) -> None:
        stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        click.echo(message, err=True)
        logger.info("%s %s", stamp, message)

    return report


def _summary_table(outcomes) -> str:
    header = ["portal", "run", "new", "upd", "same", "err/fetch", "result"]
    rows = []
    for o in outcomes:
        h = o.health or {}
        rows.append([o.portal, str(o.run_id or "-"), str(h.get("new") or 0), str(h.get("updated") or 0),
                     str(h.get("unchanged") or 0), f"{h.get('fetch_errors') or 0}/{h.get('fetches') or 0}",
                     o.error or "ok"])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    return "\n".join("  ".join([*(c.ljust(w) for c, w in zip(r, widths)), r[-1]]) for r in [header, *rows])


def run_many(db_path: str, *, every: bool, provinces: tuple[str, ...], site_names: tuple[str, ...],
             registry: str | None, jobs: int, log_dir: str, full: bool, revisit: bool = False,
             fmt: str = "text", time_limit: str = "24h", portal_args: tuple[str, ...] = (),
             queue_url: str | None = None, job_time_limit: str = "6h", settings: dict | None = None) -> None:
    """Select the portals, take the lock, crawl them, print one line per portal.

    `portal_args` (crawl options such as --no-warc) go to every portal's crawl; with a queue,
    `settings` (the operator's, resolved from --config and -s) go in every job. Exits 1 when a
    portal's crawl failed (health has its line); one stopped at its time limit resumes next run."""
    from archive.store import Archive
    from scraper.crawl_many import crawl_many, select_sites
    from scraper.crawl_many import parse_duration

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
    try:
        with archive_lock(db_path, what=f"crawl of {len(chosen)} portals"):
            Archive(db_path).close()  # create or migrate the schema once, before the workers start
            progress = _progress(log_dir)
            if queue_url:
                outcomes = _run_queued(queue_url, db_path, chosen, full=full, revisit=revisit,
                                       portal_time_limit=limit_seconds, job_time_limit=job_time_limit, progress=progress,
                                       settings=settings)
            else:
                progress(f"crawling {len(chosen)} portals into {db_path}, {jobs} hosts at once")
                outcomes = crawl_many(chosen, db_path, jobs=jobs, full=full, revisit=revisit, log_dir=log_dir,
                                      registry=registry, progress=progress, time_limit=limit_seconds,
                                      portal_args=portal_args)
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
    failed = [o.portal for o in outcomes if o.exit_code and o.exit_code != EXIT_ITEMS_FAILED and not o.timed_out]
    if failed:
        click.echo(f"Error: {len(failed)} of {len(outcomes)} portal crawls failed: {', '.join(failed)}", err=True)
        sys.exit(1)
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
