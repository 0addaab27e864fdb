"""`portal-archive import-warc FILE...`: articles from WARC/ARC files made by any web crawler."""
from __future__ import annotations

import os

import click

from portal_archive.common import FamilyType, db_option, fold_search_index

__all__ = ["command"]


@click.command("import-warc")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--family", default=None, type=FamilyType(), help="Platform family of the pages (default: recognise each page).")
@click.option("--media-dir", type=click.Path(file_okay=False), default=None,
              help="Where captured images/attachments go, content-addressed [default: <db>.media].")
@click.option("--links-from-articles", is_flag=True,
              help="Also read article pages for links to other articles (slower; for archives whose "
                   "listing pages were not captured, where articles are reached through each other).")
def command(files: tuple[str, ...], db_path: str, family: str | None, media_dir: str | None,
            links_from_articles: bool) -> None:
    """Extract the articles captured in WARC or ARC files (.warc, .warc.gz, .arc, .arc.gz).

    Works with files from wget --warc-file, Heritrix, Browsertrix, Common Crawl or a
    portal-archive crawl. Each article is stored with provenance "warc:<file name>" and the
    capture date; several captures of one article become its versions and view history.
    A record that cannot be used (a target that is no URI, a page inflating past 20 MB, a
    record over 200 MB) is skipped and reported with its offset, and the import reads on. A
    truncated or corrupt file is reported with the offset of the broken record, the records
    before it are imported. A revisit record (an unchanged payload written once) is read as its
    original's payload: found by its WARC-Refers-To-Target-URI and date, or by payload digest, in
    any of the FILES, else among the pages and media files the archive holds for that address (a
    later crawl's WARC imported after an earlier one's); a revisit whose original is in neither
    (one part of a split crawl) is reported and the import goes on without it. Either way the
    command exits non-zero.

    Example: portal-archive import-warc crawl-2024.warc.gz --db archive.db
    """
    from archive.preservation import bodies_at
    from archive.schema import connect
    from scraper.media_store import media_dir_for

    media_dir = media_dir or media_dir_for(db_path)
    archived: list = []  # a reading connection, opened when a revisit first refers to no record in the files

    def earlier(url: str):
        if not archived:
            archived.append(connect(db_path, readonly=True))
        return bodies_at(archived[0], media_dir, url)

    try:
        _import(list(files), db_path, family, media_dir, links_from_articles, earlier)
    finally:
        for conn in archived:
            conn.close()


def _import(files: list[str], db_path: str, family: str | None, media_dir: str, links_from_articles: bool,
            earlier) -> None:
    from portal_archive.capture_saving import save_captures
    from scraper.warc_import import WarcImport

    reader = WarcImport(files, family=family, links_from_articles=links_from_articles, archived=earlier)
    if not reader.readable():  # nothing readable at all: leave the archive untouched
        raise click.ClickException("; ".join(b.line() for b in reader.breakages))
    counts = save_captures(db_path, reader.articles(), media=reader.media_body, media_dir=media_dir,
                           settings={"command": "import-warc", "files": [os.path.basename(f) for f in files]},
                           summary=lambda: {"skipped_records": [s.as_dict() for s in reader.skipped],
                                            "unresolved_revisits": [s.as_dict() for s in reader.unresolved],
                                            "held_back_for_media": reader.held_back,
                                            "broken": [b.line() for b in reader.breakages]})
    fold_search_index(db_path)  # what was imported, into the relevance index
    total = sum(counts.values())
    click.echo(f"imported {total} article captures from {reader.records} records in {len(files)} file(s): "
               f"{counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged")
    problems = [b.line() for b in reader.breakages]
    if reader.skipped:
        problems.append(f"skipped {len(reader.skipped)} bad record(s), read on past them: {_first(reader.skipped)}")
    if reader.unresolved:
        problems.append(f"{len(reader.unresolved)} revisit record(s) whose original is in none of these files "
                        f"nor in the archive (import the files of a crawl together): {_first(reader.unresolved)}")
    if problems:
        raise click.ClickException("; ".join(problems))


def _first(items: list) -> str:
    """The first three on one line, and how many more."""
    more = f" and {len(items) - 3} more" if len(items) > 3 else ""
    return "; ".join(item.line() for item in items[:3]) + more
