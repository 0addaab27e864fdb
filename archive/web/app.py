"""Building the Datasette app over one archive file, opened read-only."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from datasette.app import Datasette
from datasette.database import Database
from datasette.plugins import pm

from archive.web import plugin
from archive.web.instance import DATABASE_NAME, default_media_dir, set_archive_names, set_media_dir, set_portals, set_units

__all__ = ["make_datasette", "ArchiveNotUsable", "DATABASE_NAME"]

class ArchiveNotUsable(Exception):
    """The file is not an archive this interface can show."""


def _check_archive(path: str) -> None:
    # Read-only probe: a file that is not SQLite, or has no articles table, gets one clear line.
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ArchiveNotUsable(f"{path} is not a readable SQLite archive ({exc})") from None
    if "articles" not in tables:
        raise ArchiveNotUsable(f"{path} has no articles table: is it a portal-archive file?")


def make_datasette(path: str, *, immutable: bool = False, media_dir: str | None = None,
                   portals: dict[str, dict] | None = None, units: list[dict] | None = None) -> Datasette:
    """Datasette serving `path` as database `archive`, never writing to it.

    Mutable (default) opens with SQLite's `mode=ro`, so pages follow a crawl writing to the same
    file; `immutable` opens with `immutable=1` for a frozen copy (no locking at all). Archived
    images are read from `media_dir` (default: the crawl's, `<path>.media`). `portals` maps a
    host to its registry entry ({"name", "title", "province"}): titles shown, province filter.
    `units` lists every district unit with its hosts (`/coverage`).
    """
    _check_archive(path)
    # Datasette renders a rich traceback with every local variable for each 4xx (a bad SQL
    # query, a missing row): seconds of work per request and pages of log. Client errors need
    # no traceback; server errors still print one (traceback.print_exc in the same handler).
    # (Imported here, after datasette.plugins: importing it first registers it half-loaded.)
    from datasette import handle_exception as datasette_errors

    datasette_errors.rich = None
    if not pm.is_registered(plugin):
        pm.register(plugin, name="portal_archive_web")
    # pages, templates, metadata and canned queries come from the plugin, as under plain `datasette`
    datasette = Datasette(
        settings={"sql_time_limit_ms": 3000, "max_returned_rows": 1000, "allow_download": False,
                  "default_page_size": 50},
    )
    database = Database(datasette, path=str(Path(path).resolve()), is_mutable=not immutable)
    datasette.add_database(database, name=DATABASE_NAME)
    set_archive_names(datasette, [DATABASE_NAME])
    set_media_dir(datasette, media_dir or default_media_dir(path))
    set_portals(datasette, portals or {})
    set_units(datasette, units or [])
    return datasette
