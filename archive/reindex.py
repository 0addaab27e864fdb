"""Rebuilding the search index from the archived text (after a change to folding)."""
from __future__ import annotations

import sqlite3

from archive.indexing import clear_indexes, insert_rows
from archive.progress import Progress
from archive.records import folded_fields
from archive.schema import writing

__all__ = ["rebuild_search_index", "refill_search_index"]

# Rows folded and handed to the index at once. FTS5 writes a segment at each batch (rowids start
# again from low), so small batches leave many segments to merge and to read: a 100,000-article
# refill (m031) left 16 segments an index at 2,000 (the archive as crawled had 13), 6 at 5,000, the
# archive's own batch (archive.store), and took 25.6 s instead of 30.7 s. Memory: ~35 MB of text.
REFILL_BATCH = 5000


def rebuild_search_index(conn: sqlite3.Connection) -> int:
    """Re-fold every article into the search indexes; returns the number indexed."""
    with writing(conn):
        return refill_search_index(conn)


def refill_search_index(conn: sqlite3.Connection, progress: str | None = None) -> int:
    """`rebuild_search_index` inside the caller's transaction (a migration's); with `progress`, the
    count so far on stderr under that name while it runs (archive.progress: nothing when it is quick)."""
    count = 0
    shown = Progress(progress, conn.execute("SELECT count(*) FROM articles").fetchone()[0]) if progress else None
    clear_indexes(conn)
    rows = conn.execute(
        "SELECT a.search_key, a.title, a.body, a.site, a.category, "
        "(SELECT group_concat(caption, char(10)) FROM "
        " (SELECT caption FROM images i WHERE i.article_id = a.id AND caption IS NOT NULL "
        "  AND caption != '' ORDER BY position)) FROM articles a")
    batch: list[tuple] = []
    for key, title, body, site, category, captions in rows:
        batch.append((key, *folded_fields(title, body, captions, site, category)))
        if len(batch) >= REFILL_BATCH:
            count += len(batch)
            insert_rows(conn, batch)
            batch = []
            if shown:
                shown.update(count)
    count += len(batch)
    insert_rows(conn, batch)
    if shown:
        shown.update(count)
        shown.close()
    return count
