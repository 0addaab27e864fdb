"""`portal-archive crawl START_URL...`: crawl a portal into the archive."""
from __future__ import annotations

import click

from archive.cli.common import db_option

__all__ = ["command"]


@click.command("crawl")
@click.argument("start_urls", nargs=-1, required=True)
@db_option
def command(start_urls: tuple[str, ...], db_path: str) -> None:
    """Crawl a portal from its news listing into the archive.

    Example: portal-archive crawl http://yenlap.phutho.gov.vn/thong-tin-tuyen-truyen --db archive.db
    """
    from scraper.crawl import run_crawl

    summary = run_crawl(list(start_urls), db_path=db_path)
    click.echo(f"crawl finished: {summary}")
