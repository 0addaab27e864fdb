"""Options and helpers shared by the commands."""
from __future__ import annotations

import sqlite3
from datetime import date

import click

from archive.store import default_db_path

__all__ = ["db_option", "open_archive", "DateType", "site_option", "since_option"]

db_option = click.option(
    "--db", "db_path", default=default_db_path, show_default="./archive.db or $PORTAL_ARCHIVE_DB",
    type=click.Path(dir_okay=False), help="The archive file.",
)


class DateType(click.ParamType):
    """A day, YYYY-MM-DD (or YYYY-MM, YYYY: the first day of it)."""

    name = "date"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        parts = text.split("-")
        try:
            nums = [int(p) for p in parts]
            if len(nums) == 1:
                return date(nums[0], 1, 1)
            if len(nums) == 2:
                return date(nums[0], nums[1], 1)
            if len(nums) == 3:
                return date(*nums)
        except ValueError:
            pass
        self.fail(f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2024-03-05", param, ctx)


site_option = click.option("--site", default=None, help="Only this site (host name, e.g. yenlap.phutho.gov.vn).")
since_option = click.option("--since", type=DateType(), default=None, help="Published on or after this day (YYYY-MM-DD).")


def open_archive(db_path: str) -> sqlite3.Connection:
    """Open an existing archive read-only, or fail with a one-line message."""
    from archive.reader import ArchiveNotFound, open_readonly

    try:
        return open_readonly(db_path)
    except ArchiveNotFound as exc:
        raise click.ClickException(str(exc)) from None
