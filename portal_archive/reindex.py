"""`portal-archive reindex`: fold the articles saved since the last fold into the relevance index."""
from __future__ import annotations

import click

from portal_archive.common import db_option, fold_search_index

__all__ = ["command"]


@click.command("reindex")
@db_option
@click.option("--full", is_flag=True, help="Rebuild the relevance index from every article, not only the new ones.")
def command(db_path: str, full: bool) -> None:
    """Bring the relevance index (bm25 ranking over every match) up to date.

    Saving an article only notes it; crawls, imports and merges fold what they saved when they end,
    and searches score up to 2,000 unfolded articles themselves. Run this after upgrading an
    archive (the upgrade notes every article), or after a crawl that was killed. Safe to interrupt:
    the next run goes on where it stopped.

    Example: portal-archive reindex --db archive.db
    """
    import os

    if not os.path.exists(db_path):
        raise click.ClickException(f"{db_path}: no such archive")
    folded = fold_search_index(db_path, full=full)
    click.echo(f"relevance index: {folded:,} articles folded", err=True)
