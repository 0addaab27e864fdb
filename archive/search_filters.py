"""The search filters (site, dates, category, province) as index reads, for `archive.search`.

Every filter is the index's own, so a filtered search walks the index newest first and reads only
the rows it returns, like an unfiltered one: a date range is a range of rowids (`search_key` =
publication minute << 32 | article id, archive.schema); the site and the category are tokens in
the rows' `site` column (archive.records.filter_tokens, schema m022;
archive.indexing.site_token, m031); a province is its portals'
site tokens ORed. Browsing by filters alone (no words) walks `titles_fts`, whose every row also
carries EVERY_ROW. An archive not yet migrated to m008, opened read-only, is browsed from
`articles` in SQL (`restriction`).
"""
from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from datetime import date

from archive.indexing import EVERY_ROW, ID_MASK, site_token
from archive.query import ParsedQuery
from archive.records import category_token, filter_tokens
from archive.schema import key_range

__all__ = ["Filters", "SEARCH_COLUMNS", "IN_RANGE", "build_match", "filter_match", "site_match", "has_every_row",
           "narrowing_sites", "match_keys_sql", "newest_sql", "filtered_keys", "published_range", "newest_published",
           "probe", "site_tokens_migrated"]

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
    before_m031: bool = False  # the archive's index holds the site tokens of before m031 (`site_tokens_migrated`)

    def key_range(self) -> tuple[int, int]:
        return key_range(self.since, self.until)

    def admits(self, site: str, category: str | None) -> bool:
        """Whether an article of this site and category passes the site, category and province
        filters: the tokens `filter_match` looks up in its index row."""
        tokens = _row_tokens(site, category)
        if self.site and site_token(self.site) not in tokens:
            return False
        if self.category and category_token(self.category) not in tokens:
            return False
        return self.sites is None or not tokens.isdisjoint(_site_tokens(self.sites))


# A filtered search asks `admits` of every candidate (11,186 in 8 searches of 2 words + category at
# 1,000,000 articles): computing the filter's token and splitting the candidate's each time was
# 0.14 s of those searches' 0.62 s. A few portals and categories: each row's set is made once (the
# filter's own tokens are cached where they are made, archive.indexing and archive.records).
@functools.lru_cache(maxsize=4096)
def _row_tokens(site: str, category: str | None) -> frozenset[str]:
    return frozenset(filter_tokens(site, category).split())


@functools.lru_cache(maxsize=64)
def _site_tokens(sites: tuple[str, ...]) -> frozenset[str]:
    # a province filter's tokens, once: per candidate they cost a 2-word province search at
    # 1,000,000 articles ~60% of its time (13 hosts x 1,280 candidates tokenised each query)
    return frozenset(site_token(s) for s in sites)


def narrowing_sites(conn: sqlite3.Connection, sites: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """`sites` as a filter, or None when it names every portal the archive holds (every article's
    site is a row of `sites`, a foreign key): an archive of one province's portals filtered by that
    province. Its OR of every site token matches every row, and walking it beside the words cost a
    2-word search's facets at 1,000,000 articles about half their time (each year's count)."""
    if not sites:
        return sites
    held = {r[0] for r in conn.execute("SELECT host FROM sites")}
    return None if held <= set(sites) else sites


def build_match(parsed: ParsedQuery, f: Filters | None, columns: str = SEARCH_COLUMNS) -> str:
    """The FTS5 expression of the words in `columns`, and of the filters' tokens."""
    match = f"{columns} : ({parsed.fts})"
    tokens = filter_match(f) if f else None
    return f"{tokens} AND ({match})" if tokens else match


def filter_match(f: Filters) -> str | None:
    """FTS5 expression of the site, category and province filters (None: no such filter)."""
    parts = []
    if f.site:
        parts.append(site_match(f.site, before_m031=f.before_m031))
    if f.category:
        parts.append(f'site : "{category_token(f.category)}"')
    if f.sites is not None:
        # No portal in the province: a token no row has (every row's site tokens begin with "site").
        tokens = " OR ".join(f'"{site_token(s, before_m031=f.before_m031)}"' for s in f.sites) or '"nosuchsite"'
        parts.append(f"site : ({tokens})")
    return " AND ".join(parts) or None


def site_match(site: str | None, *, before_m031: bool = False) -> str:
    """FTS5 expression for one site's rows; with None, every row of titles_fts (its EVERY_ROW token)."""
    return f'site : "{site_token(site, before_m031=before_m031) if site else EVERY_ROW}"'


def site_tokens_migrated(conn: sqlite3.Connection) -> bool:
    """False for an archive whose index still holds the site tokens of before m031 (one opened
    read-only since the upgrade: only a writer migrates it)."""
    try:
        return conn.execute("SELECT 1 FROM _sqlite_migrations WHERE name = 'm031_injective_site_tokens'"
                            ).fetchone() is not None
    except sqlite3.OperationalError:  # older than sqlite-utils' record of migrations
        return False


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
    """SQL over `articles` (alias a) for the category and province filters: only for browsing an
    archive from before m008 (whose index rows may lack the category tokens too)."""
    where, args = [], []
    if f.category:
        where.append("a.category = ?")
        args.append(f.category)
    if f.sites is not None:
        where.append(f"a.site IN ({', '.join('?' for _ in f.sites)})" if f.sites else "0")
        args.extend(f.sites)
    return " AND ".join(where), args


def match_keys_sql(parsed: ParsedQuery, f: Filters) -> tuple[str, list]:
    """SELECT of the index rowids the words and the filters match."""
    low, high = f.key_range()
    return f"SELECT rowid FROM articles_fts WHERE {IN_RANGE}", [build_match(parsed, f), low, high]


def newest_sql(f: Filters, legacy: bool = False) -> tuple[str, list]:
    """SELECT of search keys (newest first) for browsing by filters alone: a walk of titles_fts
    (`legacy`: an archive before m008, browsed from `articles`)."""
    if legacy:
        where, args = _legacy_where(f)
        return f"SELECT a.search_key FROM articles a WHERE {where} ORDER BY a.search_key DESC", args
    low, high = f.key_range()
    return ("SELECT rowid AS search_key FROM titles_fts WHERE titles_fts MATCH ? AND rowid BETWEEN ? AND ? "
            "ORDER BY rowid DESC", [filter_match(f) or site_match(None), low, high])


def _legacy_where(f: Filters) -> tuple[str, list]:
    where, args = ["a.search_key BETWEEN ? AND ?"], list(f.key_range())
    if f.site:
        where.append("a.site = ?")
        args.append(f.site)
    extra, extra_args = restriction(f)
    if extra:
        where.append(extra)
        args += extra_args
    return " AND ".join(where), args


_ORDER = {"date": "a.search_key DESC", "views": "a.views IS NULL, a.views DESC, a.search_key DESC"}


def filtered_keys(conn: sqlite3.Connection, f: Filters, sort: str, limit: int) -> list[int]:
    """Search keys, in order, for browsing by filters alone (no words): newest first, or by views."""
    legacy = not has_every_row(conn)
    if sort != "views":
        sql, args = newest_sql(f, legacy)
        return [r[0] for r in conn.execute(sql + " LIMIT ?", [*args, limit])]
    if legacy:
        where, args = _legacy_where(f)
    else:  # every match, ordered by views: the rows come from the index walk
        low, high = f.key_range()
        where = f"a.id IN (SELECT rowid & {ID_MASK} FROM titles_fts WHERE titles_fts MATCH ? AND rowid BETWEEN ? AND ?)"
        args = [filter_match(f) or site_match(None), low, high]
    sql = f"SELECT a.search_key FROM articles a WHERE {where} ORDER BY {_ORDER['views']} LIMIT ?"
    return [r[0] for r in conn.execute(sql, [*args, limit])]


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
                       (site_match(site, before_m031=not site_tokens_migrated(conn)), _DATED)).fetchone()
    return row[0] if row else None
