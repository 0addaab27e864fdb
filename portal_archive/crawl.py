"""`portal-archive crawl NAME|START_URL...`: crawl portals into the archive."""
from __future__ import annotations

import os
import sys

import click

from portal_archive.common import FamilyType, db_option, fold_search_index
from portal_archive.crawl_config import config_option, crawl_settings, set_option
from portal_archive.crawl_many import many_options, run_many, wants_many

__all__ = ["command"]

_SUMMARY_KEYS = ("new", "updated", "unchanged", "failed")
_FAILURES_SHOWN = 20  # in the text summary; --format json lists up to 1,000, the fetches table all


@click.command("crawl")
@click.argument("targets", nargs=-1, metavar="NAME|START_URL...")
@db_option
@click.option("--family", default=None, metavar="NAME|generic", type=FamilyType(),
              help="Platform family of the portal (a file in scraper/extract/families); "
                   "'generic' uses the generic listing and article rules only. Default: recognised.")
@click.option("--full", is_flag=True, help="Walk every listing page, not only up to the archived articles.")
@click.option("--stop-after", default=20, show_default=True, metavar="K",
              help="Incremental runs stop paging after K archived articles in a row.")
@click.option("--revisit", is_flag=True,
              help="Fetch archived articles found on the listings again (view counts, edits, removals).")
@click.option("--warc-dir", default=None, metavar="DIR", type=click.Path(file_okay=False),
              help="Where the WARC files of the crawl go [default: $PORTAL_ARCHIVE_WARC_DIR or DB.warcs].")
@click.option("--media-dir", default=None, metavar="DIR", type=click.Path(file_okay=False),
              help="Where article images and attachments go [default: $PORTAL_ARCHIVE_MEDIA_DIR or DB.media].")
@click.option("--no-warc", is_flag=True, help="Write no WARC files (the archive still keeps each raw page).")
@click.option("--no-media", is_flag=True, help="Do not download article images and attachments.")
@click.option("-v", "--verbose", is_flag=True,
              help="Scrapy's log on stderr (with --all/--province/--site: its debug lines in each portal's log).")
@click.option("--health/--no-health", "record_health", default=True, hidden=True,
              help="Snapshot the run for `portal-archive health` (crawl --all snapshots its own workers).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the summary.")
@config_option
@set_option
@many_options
def command(targets: tuple[str, ...], db_path: str, family: str | None, full: bool, stop_after: int,
            revisit: bool, warc_dir: str | None, media_dir: str | None, no_warc: bool, no_media: bool,
            verbose: bool, record_health: bool, fmt: str, config_path: str | None, overrides: tuple[str, ...],
            every: bool, provinces: tuple[str, ...], site_names: tuple[str, ...], registry: str | None,
            jobs: int | None, status_every: float, log_dir: str, time_limit: str, queue_url: str | None,
            job_time_limit: str) -> None:
    """Crawl portals from their news listings into the archive.

    A target is a site name from the registry (scraper/registry/sites.toml) or a start URL.
    The first run fetches every article; later runs fetch only what is new (add --revisit to
    refresh view counts of archived articles). A killed run is simply started again.
    Robots.txt (with Crawl-delay) is obeyed and the crawl stays on the portal's host.

    Example: portal-archive crawl http://yenlap.phutho.gov.vn/thong-tin-tuyen-truyen/bai-viet/cat/tin-moi-nhat-2548 --db archive.db

    Example: portal-archive crawl yenlap --full

    Example: portal-archive crawl --all --db archive.db   (every registered portal, a lock held)

    Example: portal-archive crawl --all --jobs 2 --status-every 300 --no-media --db archive.db

    Example: portal-archive crawl --all --queue redis://127.0.0.1:6379/0 --db archive.db   (crawled by workers)

    Example: portal-archive crawl yenlap --config /srv/archive/portal-archive.toml -s DOWNLOAD_DELAY=2

    Exit codes: 0 all archived; 1 the crawl failed (nothing could be fetched, every article failed,
    the archive writer died), with a one-line reason; 4 some articles failed (listed, with why).
    """
    operator_settings, _config_file = crawl_settings(db_path, config_path, overrides)
    if wants_many(every, provinces, site_names):
        if targets:
            raise click.UsageError("give NAME|START_URL... or --all/--province/--site, not both")
        _check_options(stop_after)
        return run_many(db_path, every=every, provinces=provinces, site_names=site_names, registry=registry,
                        jobs=jobs, log_dir=log_dir, full=full, revisit=revisit, fmt=fmt, time_limit=time_limit,
                        stop_after=stop_after, family=family, verbose=verbose, status_every=status_every,
                        settings=operator_settings, preservation=_preservation(warc_dir, media_dir, no_warc, no_media),
                        queue_url=queue_url, job_time_limit=job_time_limit)
    if queue_url:
        raise click.UsageError("--queue goes with --all/--province/--site")
    if not targets:
        raise click.UsageError("give NAME|START_URL..., or --all / --province NAME / --site NAME")
    import json

    from scraper.crawl import CrawlError, crawl_verdict, resolve_targets, run_crawl

    _check_options(stop_after)
    settings = {**operator_settings, **_preservation(warc_dir, media_dir, no_warc, no_media)}
    from archive.store import utc_now

    started_at = utc_now()
    try:
        target = resolve_targets(list(targets), registry)  # the one resolution: the spider is handed it
        summary = run_crawl(target, db_path, family=family, full=full, stop_after=stop_after,
                            revisit=revisit, progress=sys.stderr.isatty() and not verbose, verbose=verbose,
                            settings=settings)
    except CrawlError as exc:
        raise click.ClickException(str(exc)) from None
    fold_search_index(db_path)  # what the crawl saved, into the relevance index
    code, reason = crawl_verdict(summary, list(targets))
    if record_health:
        _snapshot(db_path, target.portals, summary, started_at, code, reason)
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    elif code != 1:  # a crawl that failed as a whole says so in one line
        click.echo(format_summary(summary, db_path))
    if code:
        click.echo(f"Error: {reason}", err=True)
        sys.exit(code)


def _check_options(stop_after: int) -> None:
    if stop_after < 0:
        raise click.BadParameter("must be 0 or more", param_hint="--stop-after")


def _preservation(warc_dir: str | None, media_dir: str | None, no_warc: bool, no_media: bool) -> dict:
    """The WARC and media settings of a crawl (one portal's, or every portal's of crawl --all)."""
    settings = {"WARC_ENABLED": not no_warc, "MEDIA_ENABLED": not no_media}
    if warc_dir:
        settings["WARC_DIR"] = os.path.abspath(warc_dir)
    if media_dir:
        settings["MEDIA_DIR"] = os.path.abspath(media_dir)
    return settings


def _snapshot(db_path: str, portals: tuple[str, ...], summary: dict, started_at: str, code: int,
              reason: str | None) -> None:
    """A portal crawled by hand shows in `health` like a scheduled one (by name, else by host).

    Only when the run was one portal's: a run's figures cannot be split between portals."""
    from archive.health import snapshot_run
    from archive.store import utc_now

    portals = set(portals)
    if len(portals) != 1:
        return
    snapshot_run(db_path, portals.pop(), summary.get("run_id"), started_at=started_at, finished_at=utc_now(),
                 exit_code=code, error=reason)


def format_summary(summary: dict, db_path: str) -> str:
    """The end-of-run summary, one line of counts and one of details."""
    counts = ", ".join(f"{summary.get(k, 0)} {k}" for k in _SUMMARY_KEYS)
    lines = [f"crawl finished: {counts} (run {summary.get('run_id')}, archive {db_path})"]
    details = [f"{summary.get('pages', 0)} pages fetched", f"{summary.get('listing_pages', 0)} listing pages"]
    if summary.get("skipped_known"):
        details.append(f"{summary['skipped_known']} archived articles not fetched again")
    if summary.get("stopped_early"):
        details.append("stopped paging at already-archived articles (use --full to walk everything)")
    if summary.get("not_article"):
        details.append(f"{summary['not_article']} pages were not articles")
    if summary.get("removed"):
        details.append(f"{summary['removed']} articles gone from the portal (marked removed)")
    if summary.get("robots_forbidden"):
        details.append(f"{summary['robots_forbidden']} URLs disallowed by robots.txt")
    if summary.get("resumed"):
        details.append(f"{summary['resumed']} requests of an interrupted crawl finished first")
    if summary.get("kept"):
        details.append(f"{summary['kept']} archived articles answered by an empty or error page kept as they were")
    if summary.get("errors"):
        details.append("fetch errors: " + ", ".join(f"{k} {n}" for k, n in summary["errors"].items()))
    if summary.get("pages_per_second"):
        details.append(f"{summary['pages_per_second']} pages/s")
    lines.append("  " + "; ".join(details))
    failures = summary.get("failures") or []
    if failures:
        lines.append(f"failed articles ({summary.get('failed', len(failures))}):")
        lines += [f"  {f['url']}  {f['kind']}: {f['error']}" for f in failures[:_FAILURES_SHOWN]]
        more = (summary.get("failed") or len(failures)) - _FAILURES_SHOWN
        if more > 0:
            lines.append(f"  ... and {more} more (--format json lists them; the archive's fetches table has all)")
    return "\n".join(lines)
