"""`portal-archive`: one command line for archivists and researchers.

Each command lives in its own module here and is a thin wrapper over a library function.
This package is the composition root: the only part of `archive` allowed to reach into
`scraper` (extraction, crawling).
"""
from __future__ import annotations

import sys

import click

from portal_archive import crawl, export, extract, search
from portal_archive import reextract, show, stats
from portal_archive import serve
from portal_archive import health, schedule
from portal_archive import import_warc, recover
from portal_archive import merge, worker
from portal_archive import coverage, discover, sites
from portal_archive import reindex, wacz

__all__ = ["cli", "main"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="portal-archive")
def cli() -> None:
    """Scrape, archive and search the news of Vietnamese district government portals."""


for module in (extract, crawl, search, export, health, schedule):
    cli.add_command(module.command)
cli.add_command(serve.command)
for module in (show, stats, reextract, reindex):
    cli.add_command(module.command)
cli.add_command(import_warc.command)
cli.add_command(recover.command)
cli.add_command(merge.command)
cli.add_command(worker.command)
cli.add_command(sites.command)
cli.add_command(discover.command)
cli.add_command(coverage.command)
cli.add_command(wacz.command)


def main() -> None:
    """Run the command line; every error ends as one line on stderr and a non-zero exit."""
    from archive.schema import ArchiveError

    try:
        code = cli.main(standalone_mode=False, prog_name="portal-archive")
    except click.UsageError as exc:  # one line with the hint, instead of click's usage block
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        click.echo(f"Error: {exc.format_message()}{hint}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"Error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except ArchiveError as exc:  # a --db that is not an archive, a writer that waited in vain
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except (click.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
        click.echo("interrupted", err=True)
        sys.exit(130)
    if isinstance(code, int) and not isinstance(code, bool) and code:  # ctx.exit(N)
        sys.exit(code)
