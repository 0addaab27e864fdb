"""Facts about the running interface shared by the app factory and the pages."""
from __future__ import annotations

import os

__all__ = ["DATABASE_NAME", "STATIC_MOUNT", "default_media_dir", "media_dir_of", "set_media_dir", "portals_of",
           "set_portals", "set_units", "units_of", "archive_names", "set_archive_names", "archive_name"]

DATABASE_NAME = "archive"
STATIC_MOUNT = "pa-static"


def default_media_dir(path: str) -> str:
    """Where a crawl keeps an archive's images and attachments (the crawl's own default)."""
    return os.environ.get("PORTAL_ARCHIVE_MEDIA_DIR") or f"{path}.media"


def set_media_dir(datasette, media_dir: str) -> None:
    # Kept on the instance rather than in metadata, which Datasette publishes at /-/metadata.
    datasette._portal_archive_media_dir = media_dir


def media_dir_of(datasette) -> str:
    """The media folder given to `make_datasette`, else the crawl's default beside the archive."""
    given = getattr(datasette, "_portal_archive_media_dir", None)
    return given or default_media_dir(datasette.get_database(archive_name(datasette)).path)


def set_archive_names(datasette, names: list[str]) -> None:
    """The databases that are portal archives: `make_datasette`'s one, or those plain
    `datasette FILE...` opened that have an articles table (found at startup)."""
    datasette._portal_archive_names = list(names)


def archive_names(datasette) -> list[str] | None:
    return getattr(datasette, "_portal_archive_names", None)


def archive_name(datasette) -> str:
    """The database our pages show: the first archive."""
    return (archive_names(datasette) or [DATABASE_NAME])[0]


def set_portals(datasette, portals: dict[str, dict]) -> None:
    """{host: {"name", "title", "province"}} from the site registry (plain data from the CLI)."""
    datasette._portal_archive_portals = dict(portals)


def portals_of(datasette) -> dict[str, dict]:
    return getattr(datasette, "_portal_archive_portals", {})


def set_units(datasette, units: list[dict]) -> None:
    """Every district unit of the registry, as plain data from the CLI (for /coverage)."""
    datasette._portal_archive_units = list(units)


def units_of(datasette) -> list[dict]:
    return getattr(datasette, "_portal_archive_units", [])
