"""Rebuilding the search index from the archived text (after a change to folding)."""
from __future__ import annotations

import sqlite3

from archive.indexing import clear_indexes, insert_rows
from archive.records import folded_fields
from archive.schema import writing

__all__ = ["rebuild_search_index", "refill_search_index"]


def rebuild_search_index(conn: sqlite3.Connection) -> int:
    """Re-fold every article into the search indexes; returns the number indexed."""
    with writing(conn):
        return refill_search_index(conn)


def refill_search_index(conn: sqlite3.Connection) -> int:
    """`rebuild_search_index` inside the caller's transaction (a migration's)."""
    count = 0
    clear_indexes(conn)
    rows = conn.execute(
        "SELECT a.search_key, a.title, a.body, a.site, a.category, "
        "(SELECT group_concat(caption, char(10)) FROM "
        " (SELECT caption FROM images i WHERE i.article_id = a.id AND caption IS NOT NULL "
        "  AND caption != '' ORDER BY position)) FROM articles a")
    batch: list[tuple] = []
    for key, title, body, site, category, captions in rows:
        batch.append((key, *folded_fields(title, body, captions, site, category)))
        if len(batch) >= 2000:
            count += len(batch)
            insert_rows(conn, batch)
            batch = []
    count += len(batch)
    insert_rows(conn, batch)
    return count
