"""`portal-archive search QUERY`: find articles."""
from __future__ import annotations

import json

import click

from archive.cli.common import db_option

__all__ = ["command"]


@click.command("search")
@click.argument("query")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--limit", default=20, show_default=True)
def command(query: str, db_path: str, fmt: str, limit: int) -> None:
    """Search titles and bodies.

    Example: portal-archive search "dan van kheo" --db archive.db
    """
    from archive.search import search
    from archive.store import Archive

    hits = search(Archive(db_path), query, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
        return
    for hit in hits:
        click.echo(f"{hit['published'] or '':<25} {hit['views'] if hit['views'] is not None else '':>7}  {hit['title']}")
