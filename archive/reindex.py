"""Rebuilding the search index from the archived text (after a change to folding)."""
from __future__ import annotations

import sqlite3

from archive.indexing import clear_indexes, insert_rows
from archive.records import folded_fields
from archive.schema import writing

__all__ = ["rebuild_search_index"]


def rebuild_search_index(conn: sqlite3.Connection) -> int:
    """Re-fold every article into the search indexes; returns the number indexed."""
    count = 0
    with writing(conn):
        clear_indexes(conn)
        rows = conn.execute(
            "SELECT a.search_key, a.title, a.body, a.site, "
            "(SELECT group_concat(caption, char(10)) FROM "
            " (SELECT caption FROM images i WHERE i.article_id = a.id AND caption IS NOT NULL "
            "  AND caption != '' ORDER BY position)) FROM articles a")
        batch: list[tuple] = []
        for key, title, body, site, captions in rows:
            batch.append((key, *folded_fields(title, body, captions, site)))
            if len(batch) >= 2000:
                count += len(batch)
                insert_rows(conn, batch)
                batch = []
        count += len(batch)
        insert_rows(conn, batch)
    return count
