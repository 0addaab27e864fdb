"""`portal-archive reextract`: run extraction again over the stored raw pages."""
from __future__ import annotations

import click

from archive.cli.common import db_option, site_option

__all__ = ["command"]


@click.command("reextract")
@db_option
@site_option
@click.option("--url", default=None, help="Only this article URL.")
@click.option("--family", default=None, help="Force a platform family (default: recognise each page).")
def command(db_path: str, site: str | None, url: str | None, family: str | None) -> None:
    """Re-run extraction over the archived raw pages (after an extractor fix).

    Changed articles get a new version (the old one is kept); views and last-seen dates are left
    alone, since no page was fetched.

    Example: portal-archive reextract --db archive.db --site yenlap.phutho.gov.vn
    """
    import os

    from archive.reextract import reextract_all
    from archive.store import Archive
    from scraper.extract import extract_article

    if not os.path.exists(db_path):
        raise click.ClickException(f"no archive at {db_path} (crawl into it first, or pass --db PATH)")

    def extract(html: bytes, page_url: str, content_type: str | None) -> dict:
        return extract_article(html, page_url, family=family, content_type=content_type).to_dict()

    with Archive(db_path) as archive:
        summary = reextract_all(archive, extract, site=site, url=url)
    click.echo(f"reextract: {summary['pages']} pages, {summary['updated']} updated (new versions), "
               f"{summary['unchanged']} unchanged, {summary['failed']} failed")
    for failure in summary["failures"][:5]:
        click.echo(f"  failed: {failure}", err=True)
