"""`portal-archive reextract`: run extraction again over the stored raw pages."""
from __future__ import annotations

import click

from archive.cli.common import FamilyType, db_option, open_archive, site_option

__all__ = ["command"]


@click.command("reextract")
@db_option
@site_option
@click.option("--url", default=None, help="Only this article URL.")
@click.option("--family", default=None, type=FamilyType(), help="Force a platform family (default: recognise each page).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the summary (json lists every failure as {url, error}).")
def command(db_path: str, site: str | None, url: str | None, family: str | None, fmt: str) -> None:
    """Re-run extraction over the archived raw pages (after an extractor fix).

    Changed articles get a new version (the old one is kept); views and last-seen dates are left
    alone, since no page was fetched. Pages whose extraction failed are listed (URL and reason)
    and the command exits 1.

    Example: portal-archive reextract --db archive.db --site yenlap.phutho.gov.vn
    """
    import json

    from archive.reextract import reextract_all
    from archive.store import Archive
    from scraper.extract import extract_article

    open_archive(db_path, site=site, url=url).close()  # an archive, and filters that match something

    def extract(html: bytes, page_url: str, content_type: str | None) -> dict:
        return extract_article(html, page_url, family=family, content_type=content_type).to_dict()

    with Archive(db_path) as archive:
        summary = reextract_all(archive, extract, site=site, url=url)
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        click.echo(f"reextract: {summary['pages']} pages, {summary['updated']} updated (new versions), "
                   f"{summary['unchanged']} unchanged, {summary['failed']} failed")
        for failure in summary["failures"]:
            click.echo(f"  failed: {failure['url']}: {failure['error']}", err=True)
    if summary["failed"]:
        raise click.ClickException(f"extraction failed for {summary['failed']} of {summary['pages']} pages"
                                   + (" (listed above)" if fmt == "text" else ""))
