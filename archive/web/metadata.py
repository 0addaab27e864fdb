"""Datasette metadata: titles, descriptions, hidden internals, and read-only canned queries."""
from __future__ import annotations

from archive.search import CANNED_SEARCH_SQL

__all__ = ["build_metadata"]

# Canned queries are SELECTs only (Datasette refuses writes on a read-only file anyway). The
# search goes through the query parser: archive.search's SQL functions are registered on every
# connection (plugin.prepare_connection), so it folds and parses a query exactly as /search does.
_SEARCH_SQL = CANNED_SEARCH_SQL

_VIEWS_SQL = """SELECT v.seen_at, v.views FROM view_counts v WHERE v.article_id = :article_id
ORDER BY v.seen_at"""


def build_metadata(databases: list[str] = ("archive",)) -> dict:
    """The metadata of the interface, for each archive database by its name in Datasette."""
    return {
        "title": "portal-archive",
        "license": "MIT (the software); the articles remain their portals' publications",
        "license_url": "https://opensource.org/license/mit",
        "source": "Vietnamese district (huyện) government portals, as crawled by portal-archive",
        "source_url": "https://github.com/portal-archive/portal-archive",
        "description": "News archived from Vietnamese district government portals (read-only). "
                       "Search at /search; every table below has JSON and CSV.",
        "databases": {name: _archive_metadata() for name in databases},
    }


def _archive_metadata() -> dict:
    return {
        "tables": {
            "articles": {"sort_desc": "id", "label_column": "title",
                         "description": "One row per article URL: its current version."},
            "article_versions": {"description": "Earlier versions of articles that changed."},
            "view_counts": {"description": "The view counter each crawl saw: attention over time."},
            "images": {"description": "Every image of an article, in page order, with its caption."},
            "raw_pages": {"hidden": True},
            "archive_meta": {"hidden": True},
            # sqlite-utils' record of applied migrations: bookkeeping, not data
            "_sqlite_migrations": {"hidden": True},
        },
        "queries": {
            "search_articles": {
                "title": "Search articles (accent-insensitive)",
                "description": "Words, \"phrases\", prefix*, AND/OR/NOT; ranked by relevance (bm25). "
                               "The /search page adds filters, facets and highlighted snippets.",
                "sql": _SEARCH_SQL,
            },
            "view_history": {
                "title": "View-count history of one article",
                "sql": _VIEWS_SQL,
            },
        },
    }
