"""Facets of a search: matches per site, year and category, counted with bounded work.

Counted over at most FACET_POOL matches (the newest): the newest-first walk of the index costs
work proportional to the rows it returns and the grouping happens in SQL, so a query matching
most of the archive stays bounded (see archive.search). Years are exact even then: a year is a
rowid range of the index, and counting a range is cheap.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from archive.indexing import ID_MASK
from archive.query import ParsedQuery
from archive.schema import key_range
from archive.search_filters import IN_RANGE, Filters, has_every_row, match_keys_sql, newest_sql, published_range

__all__ = ["Facets", "facet_counts", "FACET_POOL"]

FACET_POOL = 2_000


@dataclass(slots=True)
class Facets:
    counts: dict[str, Counter] = field(default_factory=dict)  # "site", "year", "category" -> value -> matches
    counted: int = 0          # matches counted (all of them when `complete`)
    complete: bool = True     # False: site and category counts are over the `pool` newest only
    pool: int = FACET_POOL


def facet_counts(conn: sqlite3.Connection, parsed: ParsedQuery | None, f: Filters, pool: int = FACET_POOL) -> Facets:
    """Counts per site, year and category of the matches (of the filters alone when `parsed` is None)
    among the `pool` newest."""
    if parsed is not None:
        keys_sql, match_args = match_keys_sql(parsed, f)
        newest = f"{keys_sql} ORDER BY rowid DESC"
        source = f"({newest} LIMIT ?) f JOIN articles a ON a.id = f.rowid & {ID_MASK}"
    else:
        newest, match_args = newest_sql(f, not has_every_row(conn))
        source = f"({newest} LIMIT ?) f JOIN articles a ON a.id = f.search_key & {ID_MASK}"
    rows = conn.execute(f"SELECT a.site, substr(a.published, 1, 4), a.category, count(*) "
                        f"FROM {source} GROUP BY 1, 2, 3", [*match_args, pool]).fetchall()
    # One more match past the pool? (The same cheap newest-first probe archive.search makes.)
    complete = conn.execute(f"{newest} LIMIT 1 OFFSET ?", [*match_args, pool]).fetchone() is None
    result = Facets(counts={"site": Counter(), "year": Counter(), "category": Counter()}, complete=complete, pool=pool)
    for site, year, category, n in rows:
        result.counted += n
        for name, value in (("site", site), ("year", year), ("category", category)):
            if value:
                result.counts[name][value] += n
    if parsed is not None and not complete:
        result.counts["year"] = _exact_years(conn, parsed, f)
    return result


def _exact_years(conn: sqlite3.Connection, parsed: ParsedQuery, f: Filters) -> Counter:
    """Matches per year over the whole archive: a year is a rowid range of the index (cheap counts)."""
    first, last = published_range(conn)
    years = Counter()
    if not first or not last:
        return years
    _, (match, low, high) = match_keys_sql(parsed, f)
    for year in range(int(first[:4]), int(last[:4]) + 1):
        y_low, y_high = key_range(date(year, 1, 1), date(year, 12, 31))
        n = conn.execute(f"SELECT count(*) FROM articles_fts WHERE {IN_RANGE}",
                         (match, max(low, y_low), min(high, y_high))).fetchone()[0]
        if n:
            years[str(year)] = n
    return years
