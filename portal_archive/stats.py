"""`portal-archive stats`: articles per site and year, and coverage of each field."""
from __future__ import annotations

import json

import click

from portal_archive.common import db_option, open_archive, site_option

__all__ = ["command"]


@click.command("stats")
@db_option
@site_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def command(db_path: str, site: str | None, fmt: str) -> None:
    """What the archive holds: totals, articles per site and year, and how often each field was found.

    Example: portal-archive stats --db archive.db --site yenlap.phutho.gov.vn
    """
    from archive.stats import archive_stats

    conn = open_archive(db_path, site=site)
    try:
        stats = archive_stats(conn, site=site)
    finally:
        conn.close()
    if fmt == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    echo = click.echo
    echo("Totals: " + ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in stats["totals"].items()))
    echo("\nArticles per site:")
    for s in stats["sites"]:
        echo(f"  {s['site']:<34} {s['articles']:>8,}  removed {s['removed']:>5,}  "
             f"published {(s['first_published'] or '?')[:10]} .. {(s['last_published'] or '?')[:10]}")
    echo("\nArticles per site and year:")
    for host, years in stats["per_year"].items():
        echo(f"  {host}: " + "  ".join(f"{y} {n:,}" for y, n in years.items()))
    echo("\nField coverage:")
    for name, c in stats["coverage"].items():
        echo(f"  {name:<20} {c['share']:>7.1%}  ({c['articles']:,})")
