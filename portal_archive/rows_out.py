"""Printing a list of flat rows as a table, JSON or CSV (`--format table|json|csv`)."""
from __future__ import annotations

import csv
import json
import sys

import click

__all__ = ["emit_rows", "format_option"]

format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                             show_default=True, help="Output format.")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return " ".join(_cell(v) for v in value)
    return str(value)


def emit_rows(rows: list[dict], columns: list[str], fmt: str, *, full: list[dict] | None = None) -> None:
    """`full` (richer rows, e.g. with nested evidence) replaces `rows` for JSON."""
    if fmt == "json":
        click.echo(json.dumps(full if full is not None else rows, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(r.get(c)) for c in columns] for r in rows)
        return
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
