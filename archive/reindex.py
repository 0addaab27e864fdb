"""Rebuilding the search index from the archived text (after a change to folding)."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from archive.impacts import add_impacts
from archive.indexing import clear_indexes, insert_rows
from archive.progress import Progress
from archive.records import folded_fields
from archive.schema import writing

__all__ = ["rebuild_search_index", "refill_search_index", "fill_impacts"]

# Rows folded and handed to the index at once. FTS5 writes a segment at each batch (rowids start
# again from low), so small batches leave many segments to merge and to read: a 100,000-article
# refill (m031) left 16 segments an index at 2,000 (the archive as crawled had 13), 6 at 5,000, the
# archive's own batch (archive.store), and took 25.6 s instead of 30.7 s. Memory: ~35 MB of text.
REFILL_BATCH = 5000


def rebuild_search_index(conn: sqlite3.Connection) -> int:
    """Re-fold every article into the search indexes; returns the number indexed."""
    with writing(conn):
        return refill_search_index(conn)


def refill_search_index(conn: sqlite3.Connection, progress: str | None = None, impacts: bool = True) -> int:
    """`rebuild_search_index` inside the caller's transaction (a migration's); with `progress`, the
    count so far on stderr under that name while it runs (archive.progress: nothing when it is quick).
    `impacts` False: one older than the impact index."""
    count = 0
    shown = Progress(progress, conn.execute("SELECT count(*) FROM articles").fetchone()[0]) if progress else None
    clear_indexes(conn, impacts)
    for batch in _folded_batches(conn, REFILL_BATCH):
        count += len(batch)
        insert_rows(conn, batch, impacts)
        if shown:
            shown.update(count)
    if shown:
        shown.close()
    return count


def fill_impacts(conn: sqlite3.Connection) -> int:
    """Index every article into the (empty) impact index alone (archive.impacts)."""
    count = 0
    for batch in _folded_batches(conn):
        count += len(batch)
        add_impacts(conn, batch)
    return count


def _folded_batches(conn: sqlite3.Connection, size: int = 2000) -> Iterator[list[tuple]]:
    """Every article as the indexes take it, `size` at a time."""
    rows = conn.execute(
        "SELECT a.search_key, a.title, a.body, a.site, a.category, "
        "(SELECT group_concat(caption, char(10)) FROM "
        " (SELECT caption FROM images i WHERE i.article_id = a.id AND caption IS NOT NULL "
        "  AND caption != '' ORDER BY position)) FROM articles a")
    batch: list[tuple] = []
    for key, title, body, site, category, captions in rows:
        batch.append((key, *folded_fields(title, body, captions, site, category)))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
