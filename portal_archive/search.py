"""`portal-archive search QUERY`: find articles, typed with or without accents."""
from __future__ import annotations

import csv
import json
import sys

import click

from portal_archive.common import DateType, db_option, open_archive, since_option, site_option

__all__ = ["command"]

_BOLD = ("\x1b[1m", "\x1b[0m")
_PLAIN = ("«", "»")


@click.command("search")
@click.argument("query")
@db_option
@site_option
@since_option
@click.option("--until", type=DateType(), default=None, help="Published on or before this day (YYYY-MM-DD).")
@click.option("--sort", type=click.Choice(["relevance", "date", "views"]), default="relevance", show_default=True)
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def command(query: str, db_path: str, site, since, until, sort: str, limit: int, fmt: str) -> None:
    """Search titles, bodies and image captions, with or without Vietnamese accents.

    "dang uy" finds "Đảng ủy", "hoa" finds "hoá" and "hóa"; typed with accents, exact-accent
    matches rank first. Syntax: words (all must match), "a phrase", prefix*, AND, OR, NOT,
    parentheses. json/csv mark matched words in the snippet with «».

    Example: portal-archive search "dan van kheo" --db archive.db --since 2023-01-01 --limit 10
    """
    from archive.query import QuerySyntaxError
    from archive.search import search

    conn = open_archive(db_path, site=site)
    marks = _BOLD if fmt == "table" and sys.stdout.isatty() else _PLAIN
    try:
        result = search(conn, query, site=site, since=since, until=until, sort=sort, limit=limit, marks=marks)
    except QuerySyntaxError as exc:
        raise click.ClickException(f"bad query: {exc}") from None
    finally:
        conn.close()
    if fmt == "json":
        click.echo(json.dumps(result.hits, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(["url", "title", "published", "views", "site", "snippet"])
        for h in result.hits:
            writer.writerow([h["url"], h["title"], h["published"] or "",
                             "" if h["views"] is None else h["views"], h["site"], h["snippet"]])
    else:
        _print_table(result, marks)


def _print_table(result, marks) -> None:
    for h in result.hits:
        views = "" if h["views"] is None else f"{h['views']} views"
        removed = f"  [removed {h['removed_at']}]" if h["removed_at"] else ""
        click.echo(f"{(h['published'] or '')[:16]:<16}  {views:>12}  {h['title_marked']}{removed}")
        click.echo(f"    {h['url']}")
        click.echo(f"    {h['snippet']}\n")
    if result.total is not None:
        if result.pool_limited and result.ranking == "bm25":  # ranked over every match (the impact index)
            click.echo(f"more than {result.total:,} matches, {len(result.hits)} shown", err=True)
        elif result.pool_limited:
            click.echo(f"more than {result.total:,} matches: ranked among the {result.total:,} newest "
                       "(narrow with --since/--until, or --sort date)", err=True)
        else:
            click.echo(f"{result.total:,} matches, {len(result.hits)} shown", err=True)
