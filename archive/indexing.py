"""Writing folded rows into the two search indexes.

`articles_fts` (title, body, captions, site) answers queries; `titles_fts` (title, site) holds
titles alone so "does the title match?" is a walk over short title doclists instead of
column-filtering the long position lists of bodies (measured: 0.36 s -> milliseconds for a
three-word query over the newest 10,000 matches of a 464,000-article archive).
Both are contentless and keyed by `articles.search_key`. Every row of `titles_fts` also carries
`EVERY_ROW` in its site column, so "all articles, newest first" (browsing without words, the
archive's first and last dates) is a walk of one doclist in rowid order; articles needs no index
on search_key, which took each new article at a random place (schema m009). Every row written or
deleted here is also noted for the impact index (archive.impacts, schema m030: each word's articles
by bm25 weight), which archive.impact_delta folds in bulk, so every writer (store, reindex, merge)
keeps the three in step.
"""
from __future__ import annotations

import functools
import sqlite3

from archive.fold import fold
from archive.impact_delta import note_deleted, note_inserted
from archive.impacts import clear_impacts

__all__ = ["insert_rows", "delete_row", "clear_indexes", "titles_site", "site_token", "EVERY_ROW", "ID_MASK"]

# Site tokens all begin with "site" (`site_token`): this one cannot be a site's.
EVERY_ROW = "everyarticle"
ID_MASK = 0xFFFFFFFF  # search_key & ID_MASK is the article id

# A host's token spells its name in the letters the tokenizer keeps whole (unicode61 splits at
# anything but letters and digits and lower-cases): a-y and 0-9 stand for themselves, "z" opens an
# escape of fixed length. No code is the start of another, so two hosts share a token only if
# they are one host (case aside): huyen-a.x.vn, huyena.x.vn, huyen.a.x.vn, x.vn:8080 and an IDN
# spelt in Unicode or in punycode each keep their own. (The token that dropped every other
# character, until m031, gave huyen-a and huyena one token: each site filter returned both.)
_SITE_ESCAPES = {".": "z0", "-": "z1", ":": "z2", "z": "z3"}
_SITE_LITERAL = frozenset("abcdefghijklmnopqrstuvwxy0123456789")


@functools.lru_cache(maxsize=4096)  # a few portals; a filtered search asks for its own per candidate
def site_token(site: str, *, before_m031: bool = False) -> str:
    """One FTS token standing for a host (the site filter is an index lookup, not a scan).

    `before_m031`: the token of an archive not yet migrated, which a reader cannot migrate: it
    finds the host's articles and those of hosts that differ from it only in punctuation."""
    if before_m031:
        return "site" + "".join(c for c in fold(site) if c.isalnum())
    return "site" + "".join(c if c in _SITE_LITERAL else _SITE_ESCAPES.get(c) or f"z4{ord(c):06x}"
                            for c in site.lower())


def titles_site(site_token: str) -> str:
    """The site column of a titles_fts row."""
    return f"{site_token} {EVERY_ROW}"


def insert_rows(conn: sqlite3.Connection, rows: list[tuple], impacts: bool = True) -> None:
    """rows: (key, folded title, folded body, folded captions, site token), any order. `impacts`
    False: the two FTS5 indexes only (a migration older than the impact index's tables); else the
    rows are noted as pending for the impact index's next fold."""
    if not rows:
        return
    rows.sort()  # FTS5 flushes its pending buffer whenever a rowid is not above the previous one
    conn.executemany("INSERT INTO articles_fts(rowid, title, body, captions, site) VALUES (?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO titles_fts(rowid, title, site) VALUES (?, ?, ?)",
                     [(r[0], r[1], titles_site(r[4])) for r in rows])
    if impacts:
        note_inserted(conn, [r[0] for r in rows])


def delete_row(conn: sqlite3.Connection, row: tuple) -> None:
    # A contentless index forgets a row only when given exactly the values it indexed.
    conn.execute("INSERT INTO articles_fts(articles_fts, rowid, title, body, captions, site) "
                 "VALUES ('delete', ?, ?, ?, ?, ?)", row)
    conn.execute("INSERT INTO titles_fts(titles_fts, rowid, title, site) VALUES ('delete', ?, ?, ?)",
                 (row[0], row[1], titles_site(row[4])))
    note_deleted(conn, row)


def clear_indexes(conn: sqlite3.Connection, impacts: bool = True) -> None:
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
    conn.execute("INSERT INTO titles_fts(titles_fts) VALUES ('delete-all')")
    if impacts:
        clear_impacts(conn)
