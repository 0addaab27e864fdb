"""Options and helpers shared by the commands."""
from __future__ import annotations

import click

from archive.store import default_db_path

__all__ = ["db_option"]

db_option = click.option(
    "--db", "db_path", default=default_db_path, show_default="./archive.db or $PORTAL_ARCHIVE_DB",
    type=click.Path(dir_okay=False), help="The archive file.",
)
