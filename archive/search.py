"""Vietnamese full-text search with bounded work per query.

How a query that matches most of the archive stays bounded (measured in bench/archive.py):

* The index rowid is `search_key` = publication minute << 32 | article id (`archive.schema`).
  FTS5 walks doclists in rowid order and seeks to rowid bounds, so newest-first order and date
  filters (a rowid range) cost work proportional to the rows *returned*, not to the rows matched.
* FTS5's bm25() is not bounded: to weigh each phrase it first counts that phrase's rows over the
  whole index (xQueryPhrase), so a query containing a word found in most articles ("huyện",
  "xã") costs a walk over most of the archive, however few rows are ranked. So:
  - one newest-first probe counts the matches up to POOL and finds the oldest of those POOL;
  - each phrase is probed the same way (up to POOL/4 rows). bm25 runs only when every phrase is
    rarer than that, so its own counting is bounded too; it ranks all matches, or the POOL
    newest when there are more (a rowid range);
  - otherwise relevance is decided by cheap index-only facts within the POOL newest matches:
    articles whose *title* matches the whole query come first, then the rest, newest first.
  Every query therefore reads O(POOL × phrases) index entries, whatever the archive size. The
  result says when the POOL limit applied (`pool_limited`); the CLI suggests --since/--until.
* The site filter is a token in its own FTS column, intersected inside the index.
* Accented queries: the index is accent-free, so a few times --limit candidates are re-ranked in
  Python, exact-accent matches first (tone placement ignored: hoá == hóa).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from archive.fold import fold
from archive.indexing import EVERY_ROW, ID_MASK
from archive.query import ParsedQuery, Term, parse_query
from archive.records import site_token
from archive.schema import key_range
from archive.snippet import accent_score, make_snippet, mark_text

__all__ = ["SearchResult", "search", "build_match", "published_range", "newest_published", "has_every_row", "site_match",
           "POOL", "SORTS"]

POOL = 5_000
SORTS = ("relevance", "date", "views")
_SEARCH_COLUMNS = "{title body captions}"
_HIT_FIELDS = ("id", "search_key", "url", "site", "title", "published", "views", "author", "category",
               "body", "removed_at")
_IN_RANGE = "articles_fts MATCH ? AND rowid BETWEEN ? AND ?"


@dataclass(slots=True)
class SearchResult:
    hits: list[dict] = field(default_factory=list)
    total: int | None = None          # matches, counted up to POOL (None when not counted: --sort date)
    pool_limited: bool = False        # more than POOL matches: ordered among the POOL newest
    ranking: str = ""                 # "bm25", "title-then-newest", "date" or "views"


def build_match(parsed: ParsedQuery, site: str | None, columns: str = _SEARCH_COLUMNS) -> str:
    match = f"{columns} : ({parsed.fts})"
    if site:
        match = f'{site_match(site)} AND ({match})'
    return match


def search(conn: sqlite3.Connection, query: str, *, site: str | None = None, since: date | None = None,
           until: date | None = None, sort: str = "relevance", limit: int = 20,
           marks: tuple[str, str] = ("«", "»"), pool: int = POOL) -> SearchResult:
    """Search the archive; raises `QuerySyntaxError` for a malformed query."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    parsed = parse_query(query)
    match = build_match(parsed, site)
    low, high = key_range(since, until)
    result = SearchResult(ranking=sort)
    if sort == "date":
        keys = _keys(conn, f"SELECT rowid FROM articles_fts WHERE {_IN_RANGE} ORDER BY rowid DESC LIMIT ?",
                     match, low, high, limit)
    else:
        count, oldest = _probe(conn, match, low, high, pool)
        result.total = count
        if count >= pool:
            result.pool_limited = True
            low = oldest
        want = max(limit * 3, 50) if parsed.accented and sort == "relevance" else limit
        if sort == "views":
            keys = _keys(conn, "SELECT search_key FROM articles WHERE id IN "
                         f"(SELECT rowid & {ID_MASK} FROM articles_fts WHERE {_IN_RANGE}) "
                         "ORDER BY views IS NULL, views DESC, search_key DESC LIMIT ?", match, low, high, limit)
        elif _all_phrases_rare(conn, parsed.all_terms, site, max(pool // 4, 1)):
            result.ranking = "bm25"
            keys = _keys(conn, f"SELECT rowid FROM articles_fts WHERE {_IN_RANGE} ORDER BY rank LIMIT ?",
                         match, low, high, want)
        else:
            result.ranking = "title-then-newest"
            keys = _title_then_newest(conn, parsed, site, low, high, want)
    articles = _load(conn, keys)
    if sort == "relevance" and parsed.accented:
        folded = {k: fold(k) for k in parsed.accented}
        scores = {a["search_key"]: accent_score([a["title"], a["body"], a["captions"]], parsed.accented, folded)
                  for a in articles}
        articles.sort(key=lambda a: -scores[a["search_key"]])  # stable: keeps the order within a score
    result.hits = [_hit(a, parsed, marks) for a in articles[:limit]]
    return result


def _keys(conn: sqlite3.Connection, sql: str, *params) -> list[int]:
    return [r[0] for r in conn.execute(sql, params)]


def _probe(conn: sqlite3.Connection, match: str, low: int, high: int, pool: int) -> tuple[int, int | None]:
    """(matches counted up to `pool`, rowid of the oldest of them): one bounded newest-first walk."""
    return conn.execute(f"SELECT count(*), min(rowid) FROM (SELECT rowid FROM articles_fts WHERE {_IN_RANGE} "
                        "ORDER BY rowid DESC LIMIT ?)", (match, low, high, pool)).fetchone()


def _all_phrases_rare(conn: sqlite3.Connection, terms: list[Term], site: str | None, pool: int) -> bool:
    phrases = [f"{_SEARCH_COLUMNS} : {t.to_fts()}" for t in terms]
    if site:
        phrases.append(site_match(site))
    for phrase in phrases:
        count, _ = _probe(conn, phrase, 0, 1 << 62, pool)
        if count >= pool:
            return False
    return True


def _title_then_newest(conn: sqlite3.Connection, parsed: ParsedQuery, site: str | None, low: int, high: int,
                       want: int) -> list[int]:
    title_match = f"title : ({parsed.fts})"
    if site:
        title_match = f'{site_match(site)} AND ({title_match})'
    in_title = _keys(conn, "SELECT rowid FROM titles_fts WHERE titles_fts MATCH ? AND rowid BETWEEN ? AND ? "
                     "ORDER BY rowid DESC LIMIT ?", title_match, low, high, want)
    if in_title and parsed.negated:
        # "a NOT b" may match a title and still have b in the body: keep full matches only.
        marks = ",".join("?" * len(in_title))
        full = set(_keys(conn, f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
                         build_match(parsed, site), *in_title))
        in_title = [k for k in in_title if k in full]
    if len(in_title) >= want:
        return in_title
    seen = set(in_title)
    newest = _keys(conn, f"SELECT rowid FROM articles_fts WHERE {_IN_RANGE} ORDER BY rowid DESC LIMIT ?",
                   build_match(parsed, site), low, high, want + len(in_title))
    return in_title + [k for k in newest if k not in seen][:want - len(in_title)]


def _load(conn: sqlite3.Connection, keys: list[int]) -> list[dict]:
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT {', '.join('a.' + f for f in _HIT_FIELDS)}, "
        "(SELECT group_concat(caption, char(10)) FROM images i WHERE i.article_id = a.id) "
        f"FROM articles a WHERE a.id IN ({marks})", [k & ID_MASK for k in keys]).fetchall()
    by_key = {r[1]: dict(zip(_HIT_FIELDS + ("captions",), r)) for r in rows}
    return [by_key[k] for k in keys if k in by_key]


def _hit(a: dict, parsed: ParsedQuery, marks: tuple[str, str]) -> dict:
    return {
        "id": a["id"], "url": a["url"], "site": a["site"], "title": a["title"], "published": a["published"],
        "views": a["views"], "author": a["author"], "category": a["category"],
        "removed_at": a["removed_at"],
        "title_marked": mark_text(a["title"], parsed.terms, marks),
        "snippet": make_snippet([a["body"], a["captions"], a["title"]], parsed.terms, marks),
    }


_DATED = 1 << 32  # search keys below this have no publication time (schema.search_key)


def site_match(site: str | None) -> str:
    """FTS5 expression for one site's rows; with None, every row of titles_fts (its EVERY_ROW token)."""
    return f'site : "{site_token(site) if site else EVERY_ROW}"'


def has_every_row(conn: sqlite3.Connection) -> bool:
    """False for an empty archive, or one not yet migrated to m008 opened read-only (which still has
    its index on search_key, so the callers' older queries stay fast)."""
    return conn.execute("SELECT rowid FROM titles_fts WHERE titles_fts MATCH ? LIMIT 1",
                        (site_match(None),)).fetchone() is not None


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
