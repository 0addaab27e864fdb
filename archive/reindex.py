"""Rebuilding the search index from the archived text (after a change to folding), and folding the
impact index up to date (`portal-archive reindex`)."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from archive.impact_delta import fold_delta, folded_articles, mark_all_pending
from archive.impacts import clear_impacts
from archive.indexing import clear_indexes, insert_rows
from archive.progress import Progress
from archive.schema import writing

__all__ = ["rebuild_search_index", "refill_search_index", "fold_impacts"]

# Rows folded and handed to the index at once. FTS5 writes a segment at each batch (rowids start
# again from low), so small batches leave many segments to merge and to read: a 100,000-article
# refill (m031) left 16 segments an index at 2,000 (the archive as crawled had 13), 6 at 5,000, the
# archive's own batch (archive.store), and took 25.6 s instead of 30.7 s. Memory: ~35 MB of text.
REFILL_BATCH = 5000


def rebuild_search_index(conn: sqlite3.Connection) -> int:
    """Re-fold every article into the search indexes; returns the number indexed."""
    with writing(conn):
        return refill_search_index(conn)


def refill_search_index(conn: sqlite3.Connection, progress: str | None = None, impacts: bool | None = None) -> int:
    """`rebuild_search_index` inside the caller's transaction (a migration's); with `progress`, the
    count so far on stderr under that name while it runs (archive.progress: nothing when it is quick).
    The impact index (schema m030), when the archive has it (`impacts` None) or when told, is cleared
    and every article noted pending: archive.impact_delta.fold_delta does the rest."""
    if impacts is None:  # a migration before m030 runs without its tables
        impacts = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_pending'").fetchone() is not None
    count = 0
    shown = Progress(progress, conn.execute("SELECT count(*) FROM articles").fetchone()[0]) if progress else None
    clear_indexes(conn, impacts)
    for batch in folded_articles(conn, size=REFILL_BATCH):
        count += len(batch)
        insert_rows(conn, batch, impacts)
        if shown:
            shown.update(count)
    if shown:
        shown.close()
    return count


def fold_impacts(path: str, *, full: bool = False, progress: Callable[[int, int], None] | None = None) -> int:
    """Fold the articles saved since the last fold into the impact index (archive.impact_delta), in
    transactions of FOLD_BATCH: safe to kill, the next call goes on. `full`: every article again
    (the lists cleared first, in one transaction with the marking). `progress(done, total)`."""
    from archive.store import Archive

    archive = Archive(path)  # migrated to the impact index's schema if older
    try:
        archive.flush()
        conn = archive.conn
        if full:
            with writing(conn):
                clear_impacts(conn)
                mark_all_pending(conn)
        total = conn.execute("SELECT (SELECT count(*) FROM search_pending) + (SELECT count(*) FROM search_stale)"
                             ).fetchone()[0]
        return fold_delta(conn, (lambda done: progress(done, total)) if progress else None)
    finally:
        archive.close()
