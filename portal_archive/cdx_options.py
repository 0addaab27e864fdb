"""Options shared by the commands that read web archives' capture indexes (recover, discover)."""
from __future__ import annotations

import click

__all__ = ["cdx_options", "cdx_client_options", "report_client"]

_OPTIONS = [
    click.option("--cdx-rate", type=click.FloatRange(0, 600), default=24.0, show_default=True,
                 help="CDX queries a minute (the Wayback Machine allows about 30; 0: unpaced, for a local index)."),
    click.option("--paging", type=click.Choice(["resume", "pages", "none"]), default=None,
                 show_default="resume; pages for Common Crawl",
                 help="How to page a long CDX answer: resumeKey, showNumPages + page=, or one request."),
    click.option("--page-size", type=click.IntRange(1, 150_000), default=5000, show_default=True,
                 help="CDX rows per request (with --paging resume)."),
    click.option("--max-429", "max_429", type=click.IntRange(1, 20), default=3, show_default=True,
                 help="Stop after this many 429 (too many requests) answers in a row."),
]


def cdx_options(fn):
    for option in reversed(_OPTIONS):
        fn = option(fn)
    return fn


def cdx_client_options(values: dict) -> dict:
    """The `scraper.cdx.CdxClient` keyword arguments the options above gave."""
    return {"cdx_per_minute": values["cdx_rate"], "paging": values["paging"], "page_size": values["page_size"],
            "max_429": values["max_429"]}


def report_client(client) -> None:
    for warning in client.warnings:
        click.echo(f"warning: {warning}", err=True)
