"""Options and helpers shared by the commands."""
from __future__ import annotations

import sqlite3
from datetime import date

import click

from archive.store import default_db_path

__all__ = ["db_option", "open_archive", "DateType", "FamilyType", "HttpUrl", "site_option", "since_option",
           "registry_sites", "registry_portals"]

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


class HttpUrl(click.ParamType):
    """An http(s) URL with a host (a bad one is a one-line error, not a traceback from deep inside)."""

    name = "url"

    def convert(self, value, param, ctx) -> str:
        from urllib.parse import urlsplit

        text = str(value).strip()
        try:
            parts = urlsplit(text)
            ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
            parts.port  # noqa: B018 - a port that is not a number raises here
        except ValueError:
            ok = False
        if not ok:
            self.fail(f"{text!r} is not an http(s) URL, e.g. http://yenlap.phutho.gov.vn/", param, ctx)
        return text


class FamilyType(click.ParamType):
    """A platform family (a file in scraper/extract/families) or 'generic'."""

    name = "family"

    def convert(self, value, param, ctx) -> str:
        from scraper.extract.families import family_names

        known = family_names()
        if value != "generic" and value not in known:
            self.fail(f"unknown family {value!r}; known: generic, {', '.join(known)}", param, ctx)
        return value


def registry_sites(path: str | None, *, every_unit: bool = False) -> list:
    """The sites of a registry file (None: the shipped one), or a one-line error; `every_unit`:
    the units with no start URL too (sites, coverage, discover)."""
    from scraper.registry import load_sites, load_units

    try:
        return (load_units if every_unit else load_sites)(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise click.ClickException(f"cannot read the site registry {path or ''}: {exc}".replace("  ", " ")) from None


def registry_portals(path: str | None) -> dict[str, dict]:
    """{host: {"name", "title", "province"}} from the site registry (portal titles for pages and citations)."""
    from urllib.parse import urlsplit

    portals: dict[str, dict] = {}
    for site in registry_sites(path):
        entry = {"name": site.name, "title": site.title, "province": site.province}
        for host in [urlsplit(u).netloc for u in site.start_urls] + list(site.hosts):
            if host:
                portals.setdefault(host, entry)
    return portals


site_option = click.option("--site", default=None, help="Only this site (host name, e.g. yenlap.phutho.gov.vn).")
since_option = click.option("--since", type=DateType(), default=None, help="Published on or after this day (YYYY-MM-DD).")


def open_archive(db_path: str, *, site: str | None = None, url: str | None = None) -> sqlite3.Connection:
    """Open an existing archive read-only, or fail with a one-line message.

    A `site` or `url` filter that matches no archived article fails too, naming what exists."""
    from archive.reader import ArchiveNotFound, open_readonly, unmatched_filter

    try:
        conn = open_readonly(db_path)
    except ArchiveNotFound as exc:
        raise click.ClickException(str(exc)) from None
    problem = unmatched_filter(conn, site=site, url=url)
    if problem:
        conn.close()
        raise click.ClickException(problem)
    return conn


def fold_search_index(db_path: str, *, full: bool = False) -> int:
    """Bring the search's impact index up to date (archive.impact_delta), with progress on stderr:
    after a crawl, an import or a merge, and `portal-archive reindex`."""
    from archive.progress import Progress
    from archive.reindex import fold_impacts

    shown: list[Progress] = []

    def progress(done: int, total: int) -> None:
        if not shown:
            shown.append(Progress("relevance index", total))
        shown[0].update(done)

    try:
        return fold_impacts(db_path, full=full, progress=progress)
    finally:
        if shown:
            shown[0].close()
