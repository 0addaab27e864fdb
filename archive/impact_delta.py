"""The impact index's delta: articles indexed in FTS5 since the last fold, and their fold in bulk.

Keeping each word's impact list (archive.impacts) on every save doubled the CPU of
`Archive.save_article` (20,000 articles: 6.6 s -> 15.3 s, same run): per article ~300 words
tokenised again, weighed and written into two more B-trees. So a save only notes its article's
search key in `search_pending` (one small row); an article replaced or deleted after it was
folded leaves its folded values in `search_stale`, for the fold to take out of the lists.
`fold_delta` brings the index up to date in bulk: at the end of a crawl, an import or a merge,
and by `portal-archive reindex`. Each batch is one transaction that writes the lists and deletes
the batch's pending and stale rows together, so a fold killed midway leaves the index consistent
(every article either folded or still pending) and the next fold goes on from there.

Searches stay complete meanwhile: archive.search_relevance scores the pending articles that
match a query (`pending_matches`, FTS5 with a rowid list) beside the lists' candidates, with
document frequencies counted over both. While more than DELTA_MAX are pending (a migrated
archive before its first fold, a crawl still running) a search ranks the older way (title
matches first, then newest) rather than spend a FTS5 seek per pending article.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from archive.impacts import add_impacts, remove_impacts
from archive.schema import writing

__all__ = ["DELTA_MAX", "FOLD_BATCH", "note_inserted", "note_deleted", "pending_count", "pending_matches",
           "pending_df", "fold_delta", "mark_all_pending", "folded_articles"]

# Pending articles a search still scores itself: each costs one FTS5 seek per query word.
DELTA_MAX = 2_000
# Articles folded per transaction (one chunk of archive.impacts: its lists pruned once).
FOLD_BATCH = 5_000


def note_inserted(conn: sqlite3.Connection, keys: list[int]) -> None:
    conn.executemany("INSERT OR IGNORE INTO search_pending(key) VALUES (?)", [(k,) for k in keys])


def note_deleted(conn: sqlite3.Connection, row: tuple) -> None:
    """An index row deleted: forgotten if still pending, else kept for the fold to unweigh
    (its first folded values kept when it changes again before the fold)."""
    if not conn.execute("DELETE FROM search_pending WHERE key = ?", (row[0],)).rowcount:
        conn.execute("INSERT OR IGNORE INTO search_stale(key, title, body, captions, site) VALUES (?, ?, ?, ?, ?)",
                     row)


def mark_all_pending(conn: sqlite3.Connection) -> int:
    """Every indexed article to be folded (a migration, a rebuild): cheap, the fold does the work."""
    return conn.execute("INSERT OR IGNORE INTO search_pending(key) SELECT search_key FROM articles").rowcount


def pending_count(conn: sqlite3.Connection, at_most: int = DELTA_MAX) -> int:
    """Pending articles, counted up to at_most + 1."""
    return conn.execute("SELECT count(*) FROM (SELECT 1 FROM search_pending LIMIT ?)", (at_most + 1,)).fetchone()[0]


def pending_matches(conn: sqlite3.Connection, match: str, low: int, high: int) -> list[int]:
    """Search keys of pending articles in [low, high] that match the FTS5 expression."""
    return [r[0] for r in conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN "
        "(SELECT key FROM search_pending WHERE key BETWEEN ? AND ?)", (match, low, high))]


def pending_df(conn: sqlite3.Connection, match: str) -> int:
    """Pending articles that match (a word: its document frequency not yet in search_terms)."""
    return conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN "
                        "(SELECT key FROM search_pending)", (match,)).fetchone()[0]


def fold_delta(conn: sqlite3.Connection, progress: Callable[[int], None] | None = None,
               batch: int | None = None) -> int:
    """Fold every stale and pending article into the impact index, one transaction per `batch`
    (FOLD_BATCH). Returns the rows folded (a changed article counts twice: out, then in);
    `progress(done)` after each batch."""
    batch = batch or FOLD_BATCH
    done = 0
    while True:
        with writing(conn):
            stale = conn.execute("SELECT key, title, body, captions, site FROM search_stale ORDER BY key LIMIT ?",
                                 (batch,)).fetchall()
            if stale:
                remove_impacts(conn, stale)
                conn.execute("DELETE FROM search_stale WHERE key <= ?", (stale[-1][0],))
            keys = [r[0] for r in conn.execute("SELECT key FROM search_pending ORDER BY key LIMIT ?",
                                               (batch - len(stale) or 1,))] if len(stale) < batch else []
            if keys:
                for rows in folded_articles(conn, keys, batch):
                    add_impacts(conn, rows)
                conn.execute("DELETE FROM search_pending WHERE key BETWEEN ? AND ?", (keys[0], keys[-1]))
        if not stale and not keys:
            return done
        done += len(keys) + len(stale)
        if progress:
            progress(done)


def folded_articles(conn: sqlite3.Connection, keys: list[int] | None = None, size: int = 2000):
    """Articles as the indexes take them, `size` at a time: all of them, or those of `keys` (a key
    whose article has gone or moved since: none)."""
    from archive.indexing import ID_MASK  # both import this module (archive.indexing notes into it)
    from archive.records import folded_fields

    sql = ("SELECT a.search_key, a.title, a.body, a.site, a.category, "
           "(SELECT group_concat(caption, char(10)) FROM "
           " (SELECT caption FROM images i WHERE i.article_id = a.id AND caption IS NOT NULL "
           "  AND caption != '' ORDER BY position)) FROM articles a")
    if keys is None:
        rows, wanted = conn.execute(sql), None
    else:
        rows = conn.execute(sql + f" WHERE a.id IN ({','.join('?' * len(keys))})", [k & ID_MASK for k in keys])
        wanted = set(keys)
    batch: list[tuple] = []
    for key, title, body, site, category, captions in rows:
        if wanted is None or key in wanted:
            batch.append((key, *folded_fields(title, body, captions, site, category)))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
