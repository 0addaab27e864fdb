"""Vietnamese full-text search with bounded work per query.

How a query that matches most of the archive stays bounded:

* The index rowid is `search_key` = publication minute << 32 | article id (see `archive.schema`).
  FTS5 walks a term's doclist in rowid order and seeks to rowid bounds, so newest-first order and
  date filters (a rowid range) cost work proportional to the rows *returned*, not matched.
* Relevance (bm25) and views orders need every matching row. So first one cheap newest-first
  probe counts matches up to POOL (`ORDER BY rowid DESC LIMIT POOL`). Below POOL, the whole
  match set is ranked exactly. At POOL, ranking is restricted to the POOL newest matches (a rowid range again), so the work is O(POOL) however many rows match;
  the result says so (`pool_limited`) and the CLI tells the user to narrow with --since/--until.
* The site filter is a token in its own FTS column, intersected inside the index.
* Accented queries: the index is accent-free, so the top candidates (a few times --limit) are
  re-ranked in Python, exact-accent matches first (tone placement ignored: hoá == hóa).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from archive.fold import fold
from archive.query import ParsedQuery, parse_query
from archive.records import site_token
from archive.schema import key_range
from archive.snippet import accent_score, make_snippet, mark_text

__all__ = ["SearchResult", "search", "POOL", "SORTS"]

POOL = 20_000
SORTS = ("relevance", "date", "views")
_SEARCH_COLUMNS = "{title body captions}"
_HIT_FIELDS = ("id", "search_key", "url", "site", "title", "published", "views", "author", "category",
               "body", "removed_at")


@dataclass(slots=True)
class SearchResult:
    hits: list[dict] = field(default_factory=list)
    total: int | None = None          # matches (None when not counted: --sort date)
    pool_limited: bool = False        # more than POOL matches: ranked among the POOL newest


def build_match(parsed: ParsedQuery, site: str | None) -> str:
    match = f"{_SEARCH_COLUMNS} : ({parsed.fts})"
    if site:
        match = f'site : "{site_token(site)}" AND ({match})'
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
    result = SearchResult()
    if sort == "date":
        keys = [r[0] for r in conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ? "
            "ORDER BY rowid DESC LIMIT ?", (match, low, high, limit))]
    else:
        # One newest-first pass bounded by the pool: how many match (up to POOL) and where the
        # pool's oldest row lies. Ranking then stays inside [that row, high].
        count, oldest = conn.execute(
            "SELECT count(*), min(rowid) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?)", (match, low, high, pool)).fetchone()
        result.total = count
        if count >= pool:
            result.pool_limited = True
            low = oldest
        keys = _ranked_keys(conn, match, low, high, sort, limit, parsed)
    articles = _load(conn, keys)
    if sort == "relevance" and parsed.accented:
        folded = {k: fold(k) for k in parsed.accented}
        scores = {a["search_key"]: accent_score([a["title"], a["body"], a["captions"]], parsed.accented, folded)
                  for a in articles}
        articles.sort(key=lambda a: -scores[a["search_key"]])  # stable: bm25 order within a score
    for a in articles[:limit]:
        result.hits.append(_hit(a, parsed, marks))
    return result


def _ranked_keys(conn: sqlite3.Connection, match: str, low: int, high: int, sort: str, limit: int,
                 parsed: ParsedQuery) -> list[int]:
    if sort == "views":
        return [r[0] for r in conn.execute(
            "SELECT search_key FROM articles WHERE search_key IN (SELECT rowid FROM articles_fts "
            "WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?) "
            "ORDER BY views IS NULL, views DESC, search_key DESC LIMIT ?", (match, low, high, limit))]
    # Accented queries fetch a few times more candidates to re-rank exact-accent matches first.
    candidates = max(limit * 5, 100) if parsed.accented else limit
    return [r[0] for r in conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ? "
        "ORDER BY rank LIMIT ?", (match, low, high, candidates))]


def _load(conn: sqlite3.Connection, keys: list[int]) -> list[dict]:
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT {', '.join('a.' + f for f in _HIT_FIELDS)}, "
        "(SELECT group_concat(caption, char(10)) FROM images i WHERE i.article_id = a.id) "
        f"FROM articles a WHERE a.search_key IN ({marks})", keys).fetchall()
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
