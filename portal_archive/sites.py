"""`portal-archive sites`: the registry's district units, their candidate hosts and evidence."""
from __future__ import annotations

import click

from portal_archive.registry_io import in_provinces, read_units, registry_option
from portal_archive.rows_out import emit_rows, format_option

__all__ = ["command", "unit_row"]

COLUMNS = ["name", "code", "province", "type", "unit", "host", "verified", "evidence", "merged_into"]


def unit_row(unit) -> dict:
    """One flat row: the unit and its best-known host."""
    best = unit.start_urls[0].split("/")[2] if unit.start_urls else ""
    kinds = sorted({k for c in unit.candidates for k in c.kinds()})
    return {"name": unit.name, "code": unit.code, "province": unit.province, "type": unit.unit_type,
            "unit": unit.unit_name, "host": best, "verified": unit.host_verified, "evidence": kinds,
            "merged_into": unit.merged_into}


def _full(unit) -> dict:
    return {**unit_row(unit), "title": unit.title, "guess": unit.guess, "start_urls": list(unit.start_urls),
            "family": unit.family,
            "candidates": [{"host": c.host, "verified": c.verified, "moved_to": c.moved_to, "evidence": c.evidence}
                           for c in unit.candidates]}


@click.command("sites")
@click.option("--province", "provinces", multiple=True, metavar="NAME",
              help="Only this province's units (accents optional; repeatable).")
@click.option("--unverified", is_flag=True, help="Only units whose host no live answer has confirmed.")
@format_option
@registry_option
def command(provinces: tuple[str, ...], unverified: bool, fmt: str, registry: str | None) -> None:
    """List the district-level units of the registry with their candidate portal hosts.

    All 696 units of 1 March 2025 are listed, each with the host the crawl would use (empty
    when none is known yet), whether a live answer verified it, the kinds of evidence behind
    its candidates (source, cdx, title, live) and the province it went into in July 2025.
    JSON gives every candidate host with its evidence.

    Example: portal-archive sites --province "Phú Thọ" --unverified --format csv
    """
    units = in_provinces(read_units(registry), provinces)
    if unverified:
        units = [u for u in units if not u.host_verified]
    emit_rows([unit_row(u) for u in units], COLUMNS, fmt, full=[_full(u) for u in units])
    if fmt == "table":
        click.echo(f"{len(units)} units across {len({u.province for u in units})} provinces, "
                   f"{sum(1 for u in units if u.start_urls)} with a host, "
                   f"{sum(1 for u in units if u.host_verified)} verified")
