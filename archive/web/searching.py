"""Search for the web pages: paging and presentation over `archive.search.search`.

Searching, the filters (site, dates, category, province) and the facets are the library's, the
same function `portal-archive search` calls; here the page number becomes an offset, the facet
counts become links, and matched words become marks the templates show escaped.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from archive.fields import HIT_FIELDS
from archive.query import QuerySyntaxError
from archive.search import FACET_POOL, Facets, search, search_facets
from archive.shown import day_first
from archive.web.i18n import Message
from archive.web.overview import filter_choices, overview
from archive.web.search_params import SearchParams

__all__ = ["SearchParams", "WebSearchResult", "run_search", "count_facets", "add_facets", "filter_choices", "overview",
           "page_links", "export_row", "split_marks", "page_numbers", "page_count", "EXPORT_COLUMNS", "MARKS",
           "FACET_POOL"]

# Facets are counted over the FACET_POOL newest matches (the library's bound, kept here for the page).
# Marks put around matched words by archive.search; split out again and shown as <mark>, escaped.
MARKS = ("\x02", "\x03")
EXPORT_COLUMNS = (*HIT_FIELDS, "snippet", "article_page")


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


def run_search(conn: sqlite3.Connection, params: SearchParams, *, facets: bool = True) -> WebSearchResult:
    """One page of hits, with facets unless `facets` is False (exports need none; the page counts
    them beside the search: `count_facets`, `add_facets`)."""
    result = WebSearchResult()
    if params.errors:
        result.error = "; ".join(params.errors)
        return result
    if not params.active:
        return result
    try:
        found = search(conn, params.q or None, **_filter_args(params), sort=params.sort,
                       limit=params.per_page, offset=params.offset, facets=facets,
                       facet_pool=FACET_POOL, marks=MARKS)
    except QuerySyntaxError as exc:
        result.error = Message("search.bad_query", detail=str(exc))
        return result
    except sqlite3.OperationalError as exc:
        result.error = Message("search.failed", detail=str(exc))
        return result
    result.total, result.pool_limited, result.has_more = found.total, found.pool_limited, found.has_more
    result.hits = [_for_page(h) for h in found.hits]
    result.first = params.offset + 1 if found.hits else 0
    result.last = params.offset + len(found.hits)
    return add_facets(result, found.facets, params)


# The page's facets cost about what its search does at 1,000,000 articles (~30 of ~70 ms with a
# category, in-process): counted on a second connection at the same time, the page waits for the
# slower of the two, not for both (SQLite runs without the GIL).
def count_facets(conn: sqlite3.Connection, params: SearchParams) -> Facets | None:
    """The facets of the search `params` ask for, alone (None when there is no search to count, or
    it fails: `run_search` says why)."""
    if params.errors or not params.active:
        return None
    try:
        return search_facets(conn, params.q or None, **_filter_args(params), facet_pool=FACET_POOL)
    except (QuerySyntaxError, sqlite3.OperationalError):
        return None


def add_facets(result: WebSearchResult, facets: Facets | None, params: SearchParams) -> WebSearchResult:
    """`result` with the facets as links, and its total from them when the search did not count."""
    if facets is None or result.error:
        return result
    if result.total is None:
        result.total = facets.total
    result.facets = _facets(facets.counts, params, facets.at_least)
    if not facets.complete:
        result.facets_note = (f"More than {facets.pool:,} matches: portal and category counts are over the "
                              f"{facets.pool:,} newest. Narrow the dates to count them all.")
    return result


def _filter_args(params: SearchParams) -> dict:
    return {"site": params.site, "since": params.since_date(), "until": params.until_date(),
            "category": params.category, "sites": params.province_hosts if params.province else None}


def _facets(counts: dict[str, Counter], params: SearchParams, at_least: set[tuple[str, str]]) -> list[dict]:
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
            values.append({"label": value, "count": count, "selected": selected, "more": (name, value) in at_least,
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
