"""`portal-archive coverage`: per district unit, what the archive holds of its portal."""
from __future__ import annotations

import click

from portal_archive.common import db_option, open_archive
from portal_archive.registry_io import in_provinces, read_units, registry_option, unit_records
from portal_archive.rows_out import emit_rows, format_option

__all__ = ["command"]


@click.command("coverage")
@click.option("--province", "provinces", multiple=True, metavar="NAME",
              help="Only this province's units (accents optional; repeatable).")
@format_option
@registry_option
@db_option
def command(provinces: tuple[str, ...], fmt: str, registry: str | None, db_path: str) -> None:
    """How far the rescue has come: per district unit, host known / verified / crawled / recovered.

    One row per unit of the registry: whether a host is known (a candidate with evidence, or a
    start URL), verified (a live answer), crawled (a fetch of one of its hosts is on record),
    recovered (articles from web archives: recover, import-warc) and how many articles the
    archive holds. The table ends with a line per province. `serve` shows the same at /coverage.

    Example: portal-archive coverage --province "Phú Thọ" --db archive.db
    """
    from archive.coverage import COLUMNS, coverage_rows, province_totals

    units = unit_records(in_provinces(read_units(registry), provinces))
    conn = open_archive(db_path)
    try:
        rows = coverage_rows(conn, units)
    finally:
        conn.close()
    emit_rows(rows, COLUMNS, fmt)
    if fmt == "table":
        click.echo("")
        emit_rows(province_totals(rows), ["province", "units", "known", "verified", "crawled", "recovered",
                                          "articles"], "table")
