"""Search for the web pages, on top of `archive.search` (ranking, folding and snippets live there).

What is added here is what a page needs and the CLI does not: paging, the category and province
filters, facets (site, year, category) and browsing by filters alone (no words). Facets are
counted over at most FACET_POOL matches (the newest), so a query matching most of the archive
still costs bounded work; the page says when counts are partial.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from archive.indexing import ID_MASK
from archive.query import QuerySyntaxError, parse_query
from archive.schema import key_range
from archive.search import build_match, has_every_row, published_range, search, site_match
from archive.snippet import make_snippet, mark_text
from archive.shown import day_first
from archive.web.i18n import Message
from archive.web.overview import filter_choices, overview
from archive.web.search_params import SearchParams

__all__ = ["SearchParams", "WebSearchResult", "run_search", "filter_choices", "overview", "page_links",
           "export_row", "split_marks", "page_numbers", "page_count", "EXPORT_COLUMNS", "MARKS", "FACET_POOL"]

# Marks put around matched words by archive.search; split out again and shown as <mark>, escaped.
MARKS = ("\x02", "\x03")
FACET_POOL = 2_000
EXPORT_COLUMNS = ("id", "url", "site", "title", "published", "views", "category", "author", "removed_at",
                  "snippet", "article_page")


@dataclass(slots=True)
class WebSearchResult:
    hits: list[dict] = field(default_factory=list)
    total: int | None = None
    error: str | None = None
    has_more: bool = False
    pool_limited: bool = False
    facets: list[dict] = field(default_factory=list)
    facets_note: str | None = None
    first: int = 0
    last: int = 0


def _restriction(params: SearchParams) -> tuple[str, list]:
    """SQL over `articles` (alias a) for the filters archive.search does not know."""
    where, args = [], []
    if params.category:
        where.append("a.category = ?")
        args.append(params.category)
    if params.province:
        hosts = params.province_hosts
        where.append(f"a.site IN ({', '.join('?' for _ in hosts)})" if hosts else "0")
        args.extend(hosts)
    return " AND ".join(where), args


def _match_keys_sql(params: SearchParams, select: str = "rowid") -> tuple[str, list]:
    """SELECT of the FTS rowids (= articles.search_key; `select` may take the id out of them) the words
    and site/date filters match."""
    parsed = parse_query(params.q)
    low, high = key_range(params.since_date(), params.until_date())
    return (f"SELECT {select} FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
            [build_match(parsed, params.site), low, high])


def _browse_where(params: SearchParams, legacy: bool = False) -> tuple[str, list]:
    """WHERE over `articles` (alias a) for browsing by filters alone (`legacy`: an archive before m008)."""
    where, args = [], []
    if params.site:
        where.append("a.site = ?")
        args.append(params.site)
    if (params.since or params.until) and legacy:
        where.append("a.search_key BETWEEN ? AND ?")
        args += list(key_range(params.since_date(), params.until_date()))
    elif params.since or params.until:
        # A date range is a range of titles_fts rowids (articles has no index on search_key).
        low, high = key_range(params.since_date(), params.until_date())
        where.append(f"a.id IN (SELECT rowid & {ID_MASK} FROM titles_fts WHERE titles_fts MATCH ? "
                     "AND rowid BETWEEN ? AND ?)")
        args += [site_match(params.site), low, high]
    extra, extra_args = _restriction(params)
    if extra:
        where.append(extra)
        args += extra_args
    return (" AND ".join(where) or "1"), args


def _newest_sql(params: SearchParams, legacy: bool = False) -> tuple[str, list]:
    """SELECT of search keys (newest first) for browsing by filters alone: a walk of titles_fts."""
    if legacy:
        where, args = _browse_where(params, legacy)
        return f"SELECT a.search_key FROM articles a WHERE {where} ORDER BY a.search_key DESC", args
    low, high = key_range(params.since_date(), params.until_date())
    extra, extra_args = _restriction(params)
    where, args = ["titles_fts MATCH ?", "titles_fts.rowid BETWEEN ? AND ?"], [site_match(params.site), low, high]
    if params.site:  # the token stands for the host; the host itself decides
        where.append("a.site = ?")
        args.append(params.site)
    if extra:
        where.append(extra)
        args += extra_args
    join = f" JOIN articles a ON a.id = titles_fts.rowid & {ID_MASK}" if len(where) > 2 else ""
    return (f"SELECT titles_fts.rowid AS search_key FROM titles_fts{join} WHERE {' AND '.join(where)} "
            "ORDER BY titles_fts.rowid DESC"), args


def run_search(conn: sqlite3.Connection, params: SearchParams, *, facets: bool = True) -> WebSearchResult:
    """One page of hits, with facets unless `facets` is False (exports need none)."""
    result = WebSearchResult()
    if params.errors:
        result.error = "; ".join(params.errors)
        return result
    if not params.active:
        return result
    wanted = params.offset + params.per_page + 1
    try:
        if params.q and not _restriction(params)[0]:
            found = search(conn, params.q, site=params.site, since=params.since_date(), until=params.until_date(),
                           sort=params.sort, limit=wanted, marks=MARKS)
            hits, result.total, result.pool_limited = found.hits, found.total, found.pool_limited
        else:
            hits = _filtered_hits(conn, params, wanted)
        counts, counted, complete = _facet_counts(conn, params) if facets else ({}, 0, False)
    except QuerySyntaxError as exc:
        result.error = Message("search.bad_query", detail=str(exc))
        return result
    except sqlite3.OperationalError as exc:
        result.error = Message("search.failed", detail=str(exc))
        return result
    result.has_more = len(hits) > params.offset + params.per_page
    page = hits[params.offset:params.offset + params.per_page]
    result.hits = [_for_page(h) for h in page]
    result.first = params.offset + 1 if page else 0
    result.last = params.offset + len(page)
    if not facets:
        return result
    if result.total is None or not params.q or _restriction(params)[0]:
        result.total = counted if complete else None
    result.facets = _facets(counts, params)
    if not complete:
        result.facets_note = (f"More than {FACET_POOL:,} matches: portal and category counts are over the "
                              f"{FACET_POOL:,} newest. Narrow the dates to count them all.")
    return result


def _filtered_hits(conn: sqlite3.Connection, params: SearchParams, limit: int) -> list[dict]:
    """Hits when a filter archive.search lacks is on, or when browsing without words."""
    extra, extra_args = _restriction(params)
    order = {"date": "a.search_key DESC", "views": "a.views IS NULL, a.views DESC, a.search_key DESC"}
    if not params.q:
        legacy = not has_every_row(conn)
        if params.sort == "views":
            where, args = _browse_where(params, legacy)
            sql = f"SELECT a.search_key FROM articles a WHERE {where} ORDER BY {order['views']} LIMIT ?"
        else:
            sql, args = _newest_sql(params, legacy)
            sql += " LIMIT ?"
        keys = [r[0] for r in conn.execute(sql, [*args, limit])]
        return _load_hits(conn, keys, terms=[])
    keys_sql, args = _match_keys_sql(params)
    ids_sql, _ = _match_keys_sql(params, f"rowid & {ID_MASK}")
    restricted = f"SELECT a.search_key FROM articles a WHERE a.id IN ({ids_sql}) AND {extra}"
    if params.sort == "relevance":
        sql = f"{keys_sql} AND rowid IN ({restricted}) ORDER BY rank LIMIT ?"
        keys = [r[0] for r in conn.execute(sql, [*args, *args, *extra_args, limit])]
    else:
        keys = [r[0] for r in conn.execute(f"{restricted} ORDER BY {order[params.sort]} LIMIT ?",
                                           [*args, *extra_args, limit])]
    return _load_hits(conn, keys, terms=parse_query(params.q).terms)


def _load_hits(conn: sqlite3.Connection, keys: list[int], terms: list) -> list[dict]:
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    cur = conn.execute(
        "SELECT a.id, a.search_key, a.url, a.site, a.title, a.published, a.views, a.author, a.category, a.body, "
        "a.removed_at, (SELECT group_concat(caption, char(10)) FROM images i WHERE i.article_id = a.id) AS captions "
        f"FROM articles a WHERE a.id IN ({marks})", [k & ID_MASK for k in keys])
    names = [d[0] for d in cur.description]
    by_key = {r[1]: dict(zip(names, r)) for r in cur.fetchall()}
    hits = []
    for key in keys:
        a = by_key.get(key)
        if a is None:
            continue
        hit = {k: a[k] for k in ("id", "url", "site", "title", "published", "views", "author", "category",
                                 "removed_at")}
        hit["title_marked"] = mark_text(a["title"], terms, MARKS) if terms else a["title"]
        hit["snippet"] = make_snippet([a["body"], a["captions"], a["title"]], terms, MARKS)
        hits.append(hit)
    return hits


def _facet_counts(conn: sqlite3.Connection, params: SearchParams) -> tuple[dict[str, Counter], int, bool]:
    """Counts per site, year and category of the matches among the FACET_POOL newest.

    Returns (counts, matches counted, complete). The newest-first walk of the index costs work
    proportional to the rows it returns, and the grouping happens in SQL, so a query matching
    most of the archive stays bounded (see archive.search).
    """
    extra, extra_args = _restriction(params)
    keep = f"({extra})" if extra else "1"
    if params.q:
        keys_sql, match_args = _match_keys_sql(params)
        newest = f"{keys_sql} ORDER BY rowid DESC"
        source = f"({newest} LIMIT ?) f JOIN articles a ON a.id = f.rowid & {ID_MASK}"
        args = [*extra_args, *match_args, FACET_POOL]
    else:
        newest, match_args = _newest_sql(params, not has_every_row(conn))
        source = f"({newest} LIMIT ?) f JOIN articles a ON a.id = f.search_key & {ID_MASK}"
        args = [*extra_args, *match_args, FACET_POOL]
    rows = conn.execute(f"SELECT a.site, substr(a.published, 1, 4), a.category, sum({keep}) "
                        f"FROM {source} GROUP BY 1, 2, 3", args).fetchall()
    # One more match past the pool? (The same cheap newest-first probe archive.search makes.)
    complete = conn.execute(f"{newest} LIMIT 1 OFFSET ?", [*match_args, FACET_POOL]).fetchone() is None
    counts = {"site": Counter(), "year": Counter(), "category": Counter()}
    kept = 0
    for site, year, category, n_kept in rows:
        if not n_kept:
            continue
        kept += n_kept
        for name, value in (("site", site), ("year", year), ("category", category)):
            if value:
                counts[name][value] += n_kept
    if params.q and not extra and not complete:
        counts["year"] = _exact_years(conn, params)
    return counts, kept, complete


def _exact_years(conn: sqlite3.Connection, params: SearchParams) -> Counter:
    """Matches per year over the whole archive: a year is a rowid range of the index (cheap counts)."""
    first, last = published_range(conn)
    years = Counter()
    if not first or not last:
        return years
    first, last = first[:4], last[:4]
    keys_sql, (match, low, high) = _match_keys_sql(params)
    for year in range(int(first), int(last) + 1):
        y_low, y_high = key_range(date(year, 1, 1), date(year, 12, 31))
        n = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
                         (match, max(low, y_low), min(high, y_high))).fetchone()[0]
        if n:
            years[str(year)] = n
    return years


def _facets(counts: dict[str, Counter], params: SearchParams) -> list[dict]:
    facets = []
    for name, label, attr in (("site", "Portal", "site"), ("year", "Year", None), ("category", "Category", "category")):
        values = []
        for value, count in sorted(counts[name].items(), key=lambda kv: (-kv[1], kv[0]))[:30]:
            if name == "year":
                selected = params.since == f"{value}-01-01" and params.until == f"{value}-12-31"
                change = ({"since": None, "until": None} if selected
                          else {"since": f"{value}-01-01", "until": f"{value}-12-31"})
            else:
                selected = getattr(params, attr) == value
                change = {attr: None if selected else value}
            values.append({"label": value, "count": count, "selected": selected,
                           "href": params.url(page=1, **change)})
        if name == "year":
            values.sort(key=lambda v: v["label"], reverse=True)
        if values:
            facets.append({"name": name, "label": label, "values": values})
    return facets


def split_marks(text: str | None) -> list[tuple[bool, str]]:
    """'a \x02b\x03 c' -> [(False, 'a '), (True, 'b'), (False, ' c')] for escaped rendering."""
    parts: list[tuple[bool, str]] = []
    for i, chunk in enumerate((text or "").split(MARKS[0])):
        if i == 0:
            parts.append((False, chunk))
            continue
        inside, _, after = chunk.partition(MARKS[1])
        parts.append((True, inside))
        parts.append((False, after))
    return [p for p in parts if p[1]]


def _for_page(hit: dict) -> dict:
    return {**hit, "published_display": day_first((hit.get("published") or "")[:10]) or None,
            "snippet_parts": split_marks(hit.get("snippet")), "title_parts": split_marks(hit.get("title_marked"))}


def export_row(hit: dict) -> dict:
    """A hit for JSON/CSV: matched words marked «like this», as `portal-archive search` does."""
    snippet = (hit.get("snippet") or "").replace(MARKS[0], "«").replace(MARKS[1], "»")
    row = {k: hit.get(k) for k in EXPORT_COLUMNS if k not in ("snippet", "article_page")}
    row.update(snippet=snippet, article_page=f"/article/{hit['id']}")
    return row


def page_links(params: SearchParams, result: WebSearchResult) -> dict:
    qs = params.query_string(page=1)
    return {
        "json": f"/search.json?{qs}" if qs else "/search.json",
        "csv": f"/search.csv?{qs}" if qs else "/search.csv",
        "atom": f"/search.atom?{params.query_string(page=1, sort='date')}",
        "previous": params.url(page=params.page - 1) if params.page > 1 else None,
        "next": params.url(page=params.page + 1) if result.has_more else None,
        "pages": page_numbers(params, result),
        "page_count": page_count(params, result),
    }


def page_count(params: SearchParams, result: WebSearchResult) -> int | None:
    """How many pages the results fill, when their number is known."""
    if result.total is None:
        return None
    return max(1, -(-result.total // params.per_page))


def page_numbers(params: SearchParams, result: WebSearchResult, around: int = 2) -> list[dict]:
    """Links to the first, last and nearby pages ({"number", "href", "current"}; a gap is number None)."""
    count = page_count(params, result)
    last = count if count is not None else params.page + (1 if result.has_more else 0)
    wanted = sorted({1, last, *range(max(1, params.page - around), min(last, params.page + around) + 1)})
    numbers: list[dict] = []
    for n in wanted:
        if numbers and n - numbers[-1]["number"] > 1:
            numbers.append({"number": None, "href": None, "current": False})
        numbers.append({"number": n, "href": params.url(page=n), "current": n == params.page})
    return numbers if len(numbers) > 1 else []
