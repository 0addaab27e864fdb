"""Rebuilding the search index from the archived text (after a change to folding)."""
from __future__ import annotations

import sqlite3

from archive.records import folded_fields

__all__ = ["rebuild_search_index"]


def rebuild_search_index(conn: sqlite3.Connection) -> int:
    """Re-fold every article into `articles_fts`; returns the number indexed."""
    count = 0
    with conn:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
        rows = conn.execute(
            "SELECT a.search_key, a.title, a.body, a.site, "
            "(SELECT group_concat(caption, char(10)) FROM "
            " (SELECT caption FROM images i WHERE i.article_id = a.id AND caption IS NOT NULL "
            "  AND caption != '' ORDER BY position)) FROM articles a")
        for key, title, body, site, captions in rows:
            conn.execute("INSERT INTO articles_fts(rowid, title, body, captions, site) VALUES (?, ?, ?, ?, ?)",
                         (key, *folded_fields(title, body, captions, site)))
            count += 1
    return count
