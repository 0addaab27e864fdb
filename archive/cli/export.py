"""`portal-archive export`: every archived article, one JSON object a line (or CSV)."""
from __future__ import annotations

import sys

import click

from archive.cli.common import db_option, open_archive, since_option, site_option

__all__ = ["command"]


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@site_option
@since_option
def command(db_path: str, fmt: str, site: str | None, since) -> None:
    """Print every archived article (removed ones too, with removed_at set).

    jsonl keys: url, site, title, published, published_text, views, author, category, body,
    images [{url, caption, alt}], attachments [{url, name}], first_seen, last_seen, version,
    removed_at, removed_reason, provenance, id.

    Example: portal-archive export --db archive.db --site yenlap.phutho.gov.vn --since 2024-01-01 > articles.jsonl
    """
    from archive.export import iter_articles, to_jsonl_line, write_csv

    conn = open_archive(db_path, site=site)
    try:
        articles = iter_articles(conn, site=site, since=since)
        if fmt == "csv":
            write_csv(articles, sys.stdout)
        else:
            out = sys.stdout
            for article in articles:
                out.write(to_jsonl_line(article) + "\n")
    finally:
        conn.close()
