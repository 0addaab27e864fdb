"""`portal-archive export`: every archived article, one JSON object a line."""
from __future__ import annotations

import json

import click

from archive.cli.common import db_option

__all__ = ["command"]


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl")
def command(db_path: str, fmt: str) -> None:
    """Print every archived article.

    Example: portal-archive export --db archive.db > articles.jsonl
    """
    from archive.store import Archive

    for row in Archive(db_path).articles():
        click.echo(json.dumps(row, ensure_ascii=False))
