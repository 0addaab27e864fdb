"""Vietnamese full-text search with bounded work per query.

How a query that matches most of the archive stays bounded (measured in bench/archive.py):

* The index rowid is `search_key` = publication minute << 32 | article id (`archive.schema`).
  FTS5 walks doclists in rowid order and seeks to rowid bounds, so newest-first order and date
  filters (a rowid range) cost work proportional to the rows *returned*, not to the rows matched.
* FTS5's bm25() is not bounded: to weigh each phrase it first counts that phrase's rows over the
  whole index (xQueryPhrase), so a query containing a word found in most articles ("huyện",
  "xã") costs a walk over most of the archive, however few rows are ranked. So:
  - one newest-first probe counts the matches up to POOL (the total shown);
  - words and phrases joined by AND (the common case) are ranked by bm25 from the impact index
    (archive.search_relevance, archive.impacts: each word's articles by bm25 weight, the best kept),
    the best candidates scored exactly as FTS5 would, over the whole archive;
  - other queries (OR, NOT, prefixes): each phrase is probed newest first (up to POOL/4 rows);
    FTS5's bm25 runs only when every phrase is rarer than that, so its own counting is bounded
    too; it ranks all matches, or the POOL newest when there are more (a rowid range);
    otherwise relevance is decided by cheap index-only facts within the POOL newest matches:
    articles whose *title* matches the whole query come first, then the rest, newest first.
  Every query therefore reads O(POOL × phrases) index entries, whatever the archive size. The
  result says when the POOL limit applied (`pool_limited`); the CLI suggests --since/--until.
* Every filter is the index's own (archive.search_filters): dates are a rowid range, the site and
  the category are tokens in their own FTS column (schema m022), a province its portals' site
  tokens ORed, so filters cost no more than words; browsing by filters alone walks the index
  newest first.
* Facets (matches per site, year, category) are counted over a bounded pool (archive.search_facets).
* One function, `search`, serves the CLI, the library and the web: the web adds paging links
  and presentation only.
* Accented queries: the index is accent-free, so a few times --limit candidates are re-ranked in
  Python, exact-accent matches first (tone placement ignored: hoá == hóa).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from archive.fields import HIT_FIELDS
from archive.fold import fold
from archive.indexing import ID_MASK
from archive.query import ParsedQuery, Term, parse_query
from archive.search_relevance import ranked_keys
from archive.search_facets import FACET_POOL, Facets, facet_counts
from archive.search_filters import (IN_RANGE, SEARCH_COLUMNS, Filters, build_match, filter_match, filtered_keys,
                                    has_every_row, narrowing_sites, newest_published, probe, published_range,
                                    site_match, site_tokens_migrated)
from archive.snippet import accent_score, make_snippet, mark_text

__all__ = ["SearchResult", "Facets", "search", "search_facets", "with_facets", "build_match", "published_range",
           "newest_published", "has_every_row", "site_match", "sql_functions", "CANNED_SEARCH_SQL", "POOL", "SORTS",
           "FACET_POOL"]

POOL = 5_000
SORTS = ("relevance", "date", "views")
_LOADED = tuple(dict.fromkeys(("id", "search_key", *HIT_FIELDS, "body")))


@dataclass(slots=True)
class SearchResult:
    hits: list[dict] = field(default_factory=list)
    total: int | None = None          # matches, counted up to POOL (None when not counted: --sort date)
    pool_limited: bool = False        # more than POOL matches (unless "bm25", ranked among the POOL newest)
    ranking: str = ""                 # "bm25", "title-then-newest", "date" or "views"
    has_more: bool = False            # more hits after these (offset + limit)
    facets: Facets | None = None      # with facets=True


def search(conn: sqlite3.Connection, query: str | None, *, site: str | None = None, since: date | None = None,
           until: date | None = None, category: str | None = None, sites: Sequence[str] | None = None,
           sort: str = "relevance", limit: int = 20, offset: int = 0, facets: bool = False,
           marks: tuple[str, str] = ("«", "»"), pool: int = POOL, facet_pool: int = FACET_POOL) -> SearchResult:
    """Search the archive: words (`query`; None browses by the filters alone, newest first), filtered
    by site, publication dates, category and `sites` (e.g. a province's hosts). Hits `offset` to
    `offset + limit`; with `facets`, counts per site, year and category (among the `facet_pool`
    newest matches), and the total from them
    when the ranking did not count it. Raises `QuerySyntaxError` for a malformed query."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    filters = _filters(conn, site, since, until, category, sites)
    parsed = parse_query(query) if query is not None else None
    wanted = offset + limit + 1  # one more than the page: is there a next one?
    if parsed is not None:
        result = _ranked(conn, parsed, filters, sort, wanted, marks, pool)
    else:
        sort = "date" if sort == "relevance" else sort  # nothing to rank by without words
        keys = filtered_keys(conn, filters, sort, wanted)
        result = SearchResult(ranking=sort, hits=[_hit(a, [], marks) for a in _load(conn, keys)])
    result.has_more = len(result.hits) > offset + limit
    result.hits = result.hits[offset:offset + limit]
    if facets:
        # the probe's count (up to `pool`) says whether the facets' pool holds every match
        counted = result.total if result.total is not None and pool > facet_pool else None
        with_facets(result, facet_counts(conn, parsed, filters, facet_pool, counted))
    return result


def search_facets(conn: sqlite3.Connection, query: str | None, *, site: str | None = None,
                  since: date | None = None, until: date | None = None, category: str | None = None,
                  sites: Sequence[str] | None = None, facet_pool: int = FACET_POOL) -> Facets:
    """The facets `search(..., facets=True)` counts, alone: for a caller that counts them on a second
    connection while the search runs (the web page; `with_facets` joins the two). Raises
    `QuerySyntaxError` as `search` does."""
    parsed = parse_query(query) if query is not None else None
    return facet_counts(conn, parsed, _filters(conn, site, since, until, category, sites), facet_pool)


def with_facets(result: SearchResult, facets: Facets) -> SearchResult:
    """`result` with its `facets`, and its total from them when the search did not count its matches
    (sorted by date or views, or browsing by filters alone)."""
    result.facets = facets
    if result.total is None:
        result.total = facets.total
    return result


def _filters(conn: sqlite3.Connection, site: str | None, since: date | None, until: date | None,
             category: str | None, sites: Sequence[str] | None) -> Filters:
    sites = narrowing_sites(conn, tuple(sites) if sites is not None else None)
    return Filters(site, since, until, category, sites,
                   before_m031=bool(site or sites) and not site_tokens_migrated(conn))


def _ranked(conn: sqlite3.Connection, parsed: ParsedQuery, f: Filters, sort: str, limit: int,
            marks: tuple[str, str], pool: int) -> SearchResult:
    """Words, with the filters the index holds (site, dates): bounded ranking (see the module's notes)."""
    match = build_match(parsed, f)
    low, high = f.key_range()
    result = SearchResult(ranking=sort)
    if sort == "date":
        keys = _keys(conn, f"SELECT rowid FROM articles_fts WHERE {IN_RANGE} ORDER BY rowid DESC LIMIT ?",
                     match, low, high, limit)
    else:
        count, oldest = probe(conn, match, low, high, pool)
        result.total = count
        if count >= pool:
            result.pool_limited = True
            low = oldest
        want = max(limit * 3, 50) if parsed.accented and sort == "relevance" else limit
        if sort == "views":
            keys = _keys(conn, "SELECT search_key FROM articles WHERE id IN "
                         f"(SELECT rowid & {ID_MASK} FROM articles_fts WHERE {IN_RANGE}) "
                         "ORDER BY views IS NULL, views DESC, search_key DESC LIMIT ?", match, low, high, limit)
        elif sort == "relevance" and (best := ranked_keys(conn, parsed, f, want)) is not None:
            result.ranking = "bm25"
            keys = best
            if len(best) < want:  # a narrow filter or a deep page: the rest newest first, titles first
                seen = set(best)
                keys += [k for k in _title_then_newest(conn, parsed, f, low, high, want) if k not in seen]
                keys = keys[:want]
        elif _all_phrases_rare(conn, parsed.all_terms, f, max(pool // 4, 1)):
            result.ranking = "bm25"
            keys = _keys(conn, f"SELECT rowid FROM articles_fts WHERE {IN_RANGE} ORDER BY rank LIMIT ?",
                         match, low, high, want)
        else:
            result.ranking = "title-then-newest"
            keys = _title_then_newest(conn, parsed, f, low, high, want)
    articles = _load(conn, keys)
    if sort == "relevance" and parsed.accented:
        folded = {k: fold(k) for k in parsed.accented}
        scores = {a["search_key"]: accent_score([a["title"], a["body"], a["captions"]], parsed.accented, folded)
                  for a in articles}
        articles.sort(key=lambda a: -scores[a["search_key"]])  # stable: keeps the order within a score
    result.hits = [_hit(a, parsed.terms, marks) for a in articles[:limit]]
    return result


def _keys(conn: sqlite3.Connection, sql: str, *params) -> list[int]:
    return [r[0] for r in conn.execute(sql, params)]


def _all_phrases_rare(conn: sqlite3.Connection, terms: list[Term], f: Filters, pool: int) -> bool:
    phrases = [f"{SEARCH_COLUMNS} : {t.to_fts()}" for t in terms]
    tokens = filter_match(f)
    if tokens:
        phrases.append(tokens)
    for phrase in phrases:
        count, _ = probe(conn, phrase, 0, 1 << 62, pool)
        if count >= pool:
            return False
    return True


def _title_then_newest(conn: sqlite3.Connection, parsed: ParsedQuery, f: Filters, low: int, high: int,
                       want: int) -> list[int]:
    title_match = build_match(parsed, f, "title")
    in_title = _keys(conn, "SELECT rowid FROM titles_fts WHERE titles_fts MATCH ? AND rowid BETWEEN ? AND ? "
                     "ORDER BY rowid DESC LIMIT ?", title_match, low, high, want)
    if in_title and parsed.negated:
        # "a NOT b" may match a title and still have b in the body: keep full matches only.
        marks = ",".join("?" * len(in_title))
        full = set(_keys(conn, f"SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
                         build_match(parsed, f), *in_title))
        in_title = [k for k in in_title if k in full]
    if len(in_title) >= want:
        return in_title
    seen = set(in_title)
    newest = _keys(conn, f"SELECT rowid FROM articles_fts WHERE {IN_RANGE} ORDER BY rowid DESC LIMIT ?",
                   build_match(parsed, f), low, high, want + len(in_title))
    return in_title + [k for k in newest if k not in seen][:want - len(in_title)]


def _load(conn: sqlite3.Connection, keys: list[int]) -> list[dict]:
    """The articles of these search keys, in their order, with the text snippets are cut from."""
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT {', '.join('a.' + f for f in _LOADED)}, "
        "(SELECT group_concat(caption, char(10)) FROM images i WHERE i.article_id = a.id) "
        f"FROM articles a WHERE a.id IN ({marks})", [k & ID_MASK for k in keys]).fetchall()
    by_key = {r[1]: dict(zip(_LOADED + ("captions",), r)) for r in rows}
    return [by_key[k] for k in keys if k in by_key]


def _hit(a: dict, terms: list[Term], marks: tuple[str, str]) -> dict:
    hit = {name: a[name] for name in HIT_FIELDS}
    hit["title_marked"] = mark_text(a["title"], terms, marks) if terms else a["title"]
    hit["snippet"] = make_snippet([a["body"], a["captions"], a["title"]], terms, marks)
    return hit


def _search_match(query: str) -> str:
    """The FTS5 expression of a query, through the query parser (a bad query: its one-line message)."""
    return build_match(parse_query(query), None)


def sql_functions() -> dict[str, tuple[int, object]]:
    """SQL functions (name -> (arity, function)) that let SQL written outside this module search the
    index the way `search` does: search_match(q) parses and folds a query; article_id(rowid) is the
    article an index row belongs to."""
    return {"search_match": (1, _search_match), "article_id": (1, lambda key: key & ID_MASK)}


# A read-only SQL search for Datasette's canned query: parsed and folded like `search`, ranked by
# bm25 (no filters, no snippets: those are the /search page's).
CANNED_SEARCH_SQL = """SELECT a.id, a.title, a.site, a.published, a.views, a.category, a.url,
       '/article/' || a.id AS article_page
FROM (SELECT rowid AS k, rank FROM articles_fts WHERE articles_fts MATCH search_match(:q)
      ORDER BY rank LIMIT 200) f
JOIN articles a ON a.id = article_id(f.k)
ORDER BY f.rank"""
