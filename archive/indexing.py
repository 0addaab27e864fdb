"""Writing folded rows into the two search indexes.

`articles_fts` (title, body, captions, site) answers queries; `titles_fts` (title, site) holds
titles alone so "does the title match?" is a walk over short title doclists instead of
column-filtering the long position lists of bodies (measured: 0.36 s -> milliseconds for a
three-word query over the newest 10,000 matches of a 464,000-article archive).
Both are contentless and keyed by `articles.search_key`. Every row of `titles_fts` also carries
`EVERY_ROW` in its site column, so "all articles, newest first" (browsing without words, the
archive's first and last dates) is a walk of one doclist in rowid order; articles needs no index
on search_key, which took each new article at a random place (schema m009).
"""
from __future__ import annotations

import sqlite3

__all__ = ["insert_rows", "delete_row", "clear_indexes", "titles_site", "EVERY_ROW", "ID_MASK"]

# Site tokens all begin with "site" (archive.records.site_token): this one cannot be a site's.
EVERY_ROW = "everyarticle"
ID_MASK = 0xFFFFFFFF  # search_key & ID_MASK is the article id


def titles_site(site_token: str) -> str:
    """The site column of a titles_fts row."""
    return f"{site_token} {EVERY_ROW}"


def insert_rows(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """rows: (key, folded title, folded body, folded captions, site token), any order."""
    if not rows:
        return
    rows.sort()  # FTS5 flushes its pending buffer whenever a rowid is not above the previous one
    conn.executemany("INSERT INTO articles_fts(rowid, title, body, captions, site) VALUES (?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO titles_fts(rowid, title, site) VALUES (?, ?, ?)",
                     [(r[0], r[1], titles_site(r[4])) for r in rows])


def delete_row(conn: sqlite3.Connection, row: tuple) -> None:
    # A contentless index forgets a row only when given exactly the values it indexed.
    conn.execute("INSERT INTO articles_fts(articles_fts, rowid, title, body, captions, site) "
                 "VALUES ('delete', ?, ?, ?, ?, ?)", row)
    conn.execute("INSERT INTO titles_fts(titles_fts, rowid, title, site) VALUES ('delete', ?, ?, ?)",
                 (row[0], row[1], titles_site(row[4])))


def clear_indexes(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
    conn.execute("INSERT INTO titles_fts(titles_fts) VALUES ('delete-all')")
