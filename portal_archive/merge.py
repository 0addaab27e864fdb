"""`portal-archive merge SHARD...`: take shards crawled elsewhere into the archive (archive.merge)."""
from __future__ import annotations

import json
import os
import sys

import click

from portal_archive.common import db_option, fold_search_index

__all__ = ["command", "shard_file", "merge_line", "preservation_dirs"]

SHARD_FILE = "shard.db"  # the archive file inside a worker's shard folder (portal_archive.queue)


def shard_file(path: str) -> str:
    """A shard given as its folder (as a worker leaves it) or as its archive file."""
    return os.path.join(path, SHARD_FILE) if os.path.isdir(path) else path


def preservation_dirs(db_path: str, media_dir: str | None, warc_dir: str | None) -> tuple[str, str]:
    """The archive's media and WARC folders, found the way a crawl into it finds them."""
    from scraper.media_store import media_dir_for
    from scraper.warc_writer import warc_dir_for

    media = media_dir or os.environ.get("PORTAL_ARCHIVE_MEDIA_DIR") or media_dir_for(db_path)
    warcs = warc_dir or os.environ.get("PORTAL_ARCHIVE_WARC_DIR") or warc_dir_for(db_path)
    return media, warcs


def merge_line(result) -> str:
    if result.skipped:
        return f"{result.shard}: shard {result.shard_id} already merged, nothing changed"
    rate = f", {result.articles / result.seconds:.0f} articles/s" if result.seconds and result.articles else ""
    resumed = " (resumed)" if result.resumed else ""
    return (f"{result.shard}: shard {result.shard_id} merged{resumed}: {result.new} new, {result.updated} updated, "
            f"{result.unchanged} unchanged, {len(result.runs)} runs, {result.files} files in {result.seconds:.1f}s{rate}")


@click.command("merge")
@click.argument("shards", nargs=-1, required=True, metavar="SHARD...")
@db_option
@click.option("--media-dir", default=None, type=click.Path(file_okay=False),
              help="The archive's media folder [default: $PORTAL_ARCHIVE_MEDIA_DIR or DB.media].")
@click.option("--warc-dir", default=None, type=click.Path(file_okay=False),
              help="The archive's WARC folder [default: $PORTAL_ARCHIVE_WARC_DIR or DB.warcs].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print what each merge did.")
def command(shards: tuple[str, ...], db_path: str, media_dir: str | None, warc_dir: str | None, fmt: str) -> None:
    """Merge shards (archives crawled by queue workers) into the archive.

    A SHARD is a folder a `portal-archive worker` left in its --shard-dir (or its shard.db):
    the archive file with its WARC files and media beside it, copied here by any means (rsync,
    a shared disk). Articles, versions, view counts, fetches, raw pages, captures, media, runs
    and health snapshots are merged. Merging a shard again changes nothing; a merge that was
    killed is simply run again. `crawl --all --queue` merges its shards itself.

    Example: portal-archive merge shards/*/ --db archive.db

    Example: rsync -a worker2:/srv/shards/ shards/ && portal-archive merge shards/* --db archive.db
    """
    from archive.lock import LockHeld, archive_lock
    from archive.merge import MergeError, merge_shard
    from archive.schedule import EXIT_LOCKED

    media, warcs = preservation_dirs(db_path, media_dir, warc_dir)
    results, failed = [], []
    try:
        with archive_lock(db_path, what=f"merge of {len(shards)} shards"):
            for shard in shards:
                try:
                    result = merge_shard(db_path, shard_file(shard), media_dir=media, warc_dir=warcs)
                except MergeError as exc:
                    failed.append(str(exc))
                    click.echo(f"Error: {exc}", err=True)
                    continue
                results.append(result)
                if fmt == "text":
                    click.echo(merge_line(result))
            if results:
                fold_search_index(db_path)  # what the shards brought, into the relevance index
    except LockHeld as exc:
        click.echo(f"Error: not merging: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)
