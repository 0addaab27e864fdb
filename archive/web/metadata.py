"""Datasette metadata: titles, descriptions, hidden internals, and read-only canned queries.

The words come from the catalogue's [metadata] section: Datasette's metadata (and /-/metadata)
carries them in Vietnamese, the readers' language; the pages show them in the reader's own
(`worded`, for the description/licence/source line of Datasette's pages).
"""
from __future__ import annotations

from archive.search import CANNED_SEARCH_SQL
from archive.web.i18n import DEFAULT, Translator

__all__ = ["build_metadata", "worded", "LICENSE_URL", "SOURCE_URL"]

# Canned queries are SELECTs only (Datasette refuses writes on a read-only file anyway). The
# search goes through the query parser: archive.search's SQL functions are registered on every
# connection (plugin.prepare_connection), so it folds and parses a query exactly as /search does.
_SEARCH_SQL = CANNED_SEARCH_SQL

_VIEWS_SQL = """SELECT v.seen_at, v.views FROM view_counts v WHERE v.article_id = :article_id
ORDER BY v.seen_at"""

LICENSE_URL = "https://opensource.org/license/mit"
SOURCE_URL = "https://github.com/portal-archive/portal-archive"
_DESCRIBED_TABLES = ("articles", "article_versions", "view_counts", "images")
_QUERIES = {"search_articles": ("search_title", "search_description", _SEARCH_SQL),
            "view_history": ("views_title", None, _VIEWS_SQL)}


def build_metadata(databases: list[str] = ("archive",), lang: str = DEFAULT) -> dict:
    """The metadata of the interface, for each archive database by its name in Datasette."""
    words = Translator(lang).entry
    return {
        "title": "portal-archive",
        "license": words("metadata.license"),
        "license_url": LICENSE_URL,
        "source": words("metadata.source"),
        "source_url": SOURCE_URL,
        "description": words("metadata.description"),
        "databases": {name: _archive_metadata(words) for name in databases},
    }


def _archive_metadata(words) -> dict:
    tables: dict[str, dict] = {name: {"description": words(f"metadata.{name}")} for name in _DESCRIBED_TABLES}
    tables["articles"].update({"sort_desc": "id", "label_column": "title"})
    tables.update({"raw_pages": {"hidden": True}, "archive_meta": {"hidden": True},
                   # sqlite-utils' record of applied migrations: bookkeeping, not data
                   "_sqlite_migrations": {"hidden": True},
                   # the impact index (schema m030): the search's internals, like FTS5's shadow tables
                   "search_impacts": {"hidden": True}, "search_terms": {"hidden": True},
                   "search_pending": {"hidden": True}, "search_stale": {"hidden": True}})
    queries = {}
    for name, (title, description, sql) in _QUERIES.items():
        queries[name] = {"title": words(f"metadata.{title}"), "sql": sql}
        if description:
            queries[name]["description"] = words(f"metadata.{description}")
    return {"tables": tables, "queries": queries}


def worded(lang: str, database: str | None, table: str | None, query: str | None) -> dict:
    """The description, licence and source a Datasette page shows (the archive's on its own page,
    a table's or a canned query's on theirs), in `lang`."""
    words = Translator(lang).entry
    line = {"license": words("metadata.license"), "license_url": LICENSE_URL,
            "source": words("metadata.source"), "source_url": SOURCE_URL, "description": None}
    if query in _QUERIES and _QUERIES[query][1]:
        line["description"] = words(f"metadata.{_QUERIES[query][1]}")
    elif table in _DESCRIBED_TABLES:
        line["description"] = words(f"metadata.{table}")
    elif database and not table and not query:
        line["description"] = words("metadata.description")
    return line
