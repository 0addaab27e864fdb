"""The search filters (site, dates, category, province) as index reads, for `archive.search`.

Site and dates are the index's own: the site is a token in its own FTS column, a date range a
range of rowids (`search_key` = publication minute << 32 | article id, archive.schema). Category
and province are columns of `articles`: a search filtered by them reads the matching keys and
keeps those whose article passes (`restriction`). Browsing by filters alone (no words) walks
`titles_fts`, whose every row carries EVERY_ROW, newest first.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from archive.indexing import EVERY_ROW, ID_MASK
from archive.query import ParsedQuery
from archive.records import site_token
from archive.schema import key_range

__all__ = ["Filters", "SEARCH_COLUMNS", "IN_RANGE", "build_match", "site_match", "has_every_row", "match_keys_sql",
           "newest_sql", "filtered_keys", "restriction", "published_range", "newest_published", "probe"]

SEARCH_COLUMNS = "{title body captions}"
IN_RANGE = "articles_fts MATCH ? AND rowid BETWEEN ? AND ?"
_DATED = 1 << 32  # search keys below this have no publication time (schema.search_key)


@dataclass(frozen=True, slots=True)
class Filters:
    """What a search is narrowed to. `sites` (a province's hosts) None means no such filter; () none match."""

    site: str | None = None
    since: date | None = None
    until: date | None = None
    category: str | None = None
    sites: tuple[str, ...] | None = None

    @property
    def on_rows(self) -> bool:
        """A filter the index cannot answer alone (category, province): read from `articles`."""
        return bool(self.category) or self.sites is not None

    def key_range(self) -> tuple[int, int]:
        return key_range(self.since, self.until)


def build_match(parsed: ParsedQuery, site: str | None, columns: str = SEARCH_COLUMNS) -> str:
    match = f"{columns} : ({parsed.fts})"
    if site:
        match = f'{site_match(site)} AND ({match})'
    return match


def site_match(site: str | None) -> str:
    """FTS5 expression for one site's rows; with None, every row of titles_fts (its EVERY_ROW token)."""
    return f'site : "{site_token(site) if site else EVERY_ROW}"'


def has_every_row(conn: sqlite3.Connection) -> bool:
    """False for an empty archive, or one not yet migrated to m008 opened read-only (which still has
    its index on search_key, so the callers' older queries stay fast)."""
    return conn.execute("SELECT rowid FROM titles_fts WHERE titles_fts MATCH ? LIMIT 1",
                        (site_match(None),)).fetchone() is not None


def probe(conn: sqlite3.Connection, match: str, low: int, high: int, pool: int) -> tuple[int, int | None]:
    """(matches counted up to `pool`, rowid of the oldest of them): one bounded newest-first walk."""
    return conn.execute(f"SELECT count(*), min(rowid) FROM (SELECT rowid FROM articles_fts WHERE {IN_RANGE} "
                        "ORDER BY rowid DESC LIMIT ?)", (match, low, high, pool)).fetchone()


def restriction(f: Filters) -> tuple[str, list]:
    """SQL over `articles` (alias a) for the filters the index does not hold (category, province)."""
    where, args = [], []
    if f.category:
        where.append("a.category = ?")
        args.append(f.category)
    if f.sites is not None:
        where.append(f"a.site IN ({', '.join('?' for _ in f.sites)})" if f.sites else "0")
        args.extend(f.sites)
    return " AND ".join(where), args


def match_keys_sql(parsed: ParsedQuery, f: Filters, select: str = "rowid") -> tuple[str, list]:
    """SELECT of the index rowids the words and the site/date filters match (`select`: "rowid" or "id")."""
    low, high = f.key_range()
    column = f"rowid & {ID_MASK}" if select == "id" else "rowid"
    return (f"SELECT {column} FROM articles_fts WHERE {IN_RANGE}", [build_match(parsed, f.site), low, high])


def _browse_where(f: Filters, legacy: bool = False) -> tuple[str, list]:
    """WHERE over `articles` (alias a) for browsing by filters alone (`legacy`: an archive before m008)."""
    where, args = [], []
    if f.site:
        where.append("a.site = ?")
        args.append(f.site)
    if (f.since or f.until) and legacy:
        where.append("a.search_key BETWEEN ? AND ?")
        args += list(f.key_range())
    elif f.since or f.until:
        # A date range is a range of titles_fts rowids (articles has no index on search_key).
        low, high = f.key_range()
        where.append(f"a.id IN (SELECT rowid & {ID_MASK} FROM titles_fts WHERE titles_fts MATCH ? "
                     "AND rowid BETWEEN ? AND ?)")
        args += [site_match(f.site), low, high]
    extra, extra_args = restriction(f)
    if extra:
        where.append(extra)
        args += extra_args
    return (" AND ".join(where) or "1"), args


def newest_sql(f: Filters, legacy: bool = False) -> tuple[str, list]:
    """SELECT of search keys (newest first) for browsing by filters alone: a walk of titles_fts."""
    if legacy:
        where, args = _browse_where(f, legacy)
        return f"SELECT a.search_key FROM articles a WHERE {where} ORDER BY a.search_key DESC", args
    low, high = f.key_range()
    extra, extra_args = restriction(f)
    where, args = ["titles_fts MATCH ?", "titles_fts.rowid BETWEEN ? AND ?"], [site_match(f.site), low, high]
    if f.site:  # the token stands for the host; the host itself decides
        where.append("a.site = ?")
        args.append(f.site)
    if extra:
        where.append(extra)
        args += extra_args
    join = f" JOIN articles a ON a.id = titles_fts.rowid & {ID_MASK}" if len(where) > 2 else ""
    return (f"SELECT titles_fts.rowid AS search_key FROM titles_fts{join} WHERE {' AND '.join(where)} "
            "ORDER BY titles_fts.rowid DESC"), args


_ORDER = {"date": "a.search_key DESC", "views": "a.views IS NULL, a.views DESC, a.search_key DESC"}


def filtered_keys(conn: sqlite3.Connection, parsed: ParsedQuery | None, f: Filters, sort: str,
                  limit: int) -> list[int]:
    """Search keys, in order, when browsing without words or when a category/province filter is on."""
    if parsed is None:
        legacy = not has_every_row(conn)
        if sort == "views":
            where, args = _browse_where(f, legacy)
            sql = f"SELECT a.search_key FROM articles a WHERE {where} ORDER BY {_ORDER['views']} LIMIT ?"
        else:
            sql, args = newest_sql(f, legacy)
            sql += " LIMIT ?"
        return [r[0] for r in conn.execute(sql, [*args, limit])]
    extra, extra_args = restriction(f)
    keys_sql, args = match_keys_sql(parsed, f)
    ids_sql, _ = match_keys_sql(parsed, f, "id")
    restricted = f"SELECT a.search_key FROM articles a WHERE a.id IN ({ids_sql}) AND {extra or '1'}"
    if sort == "relevance":
        sql = f"{keys_sql} AND rowid IN ({restricted}) ORDER BY rank LIMIT ?"
        return [r[0] for r in conn.execute(sql, [*args, *args, *extra_args, limit])]
    return [r[0] for r in conn.execute(f"{restricted} ORDER BY {_ORDER[sort]} LIMIT ?", [*args, *extra_args, limit])]


def published_range(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """`published` of the oldest and of the newest dated article: both ends of one titles_fts doclist."""
    if not has_every_row(conn):
        ends = [conn.execute(f"SELECT published FROM articles WHERE search_key >= ? ORDER BY search_key {order} "
                             "LIMIT 1", (_DATED,)).fetchone() for order in ("ASC", "DESC")]
    else:
        ends = [conn.execute(f"SELECT published FROM articles WHERE id = (SELECT rowid & {ID_MASK} FROM titles_fts "
                             f"WHERE titles_fts MATCH ? AND rowid >= ? ORDER BY rowid {order} LIMIT 1)",
                             (site_match(None), _DATED)).fetchone() for order in ("ASC", "DESC")]
    return tuple(row[0] if row else None for row in ends)


def newest_published(conn: sqlite3.Connection, site: str) -> str | None:
    """`published` of a site's newest dated article: the last rowid of its site token in titles_fts."""
    row = conn.execute(f"SELECT published FROM articles WHERE id = (SELECT rowid & {ID_MASK} FROM titles_fts "
                       "WHERE titles_fts MATCH ? AND rowid >= ? ORDER BY rowid DESC LIMIT 1)",
                       (site_match(site), _DATED)).fetchone()
    return row[0] if row else None
