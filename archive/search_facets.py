"""Facets of a search: matches per site, year and category, counted with bounded work.

Counted over at most FACET_POOL matches (the newest): the newest-first walk of the index costs
work proportional to the rows it returns and the grouping happens in SQL, so a query matching
most of the archive stays bounded (see archive.search). Years are counted over every match even
then, each up to YEAR_CAP: a year is a rowid range of the index, so its count is a walk of that
range's matches, cheap for a rare word and not for a common one (at 1,000,000 articles the
uncapped counts were most of the page's cost: its p50 178-455 ms without a filter, 55-152 ms with a
cap of 2,000, bench web of 2026-12-04). With a filter and a common word every year reaches the cap:
15 years x 2,000 rows walked were 27-79 ms of a 2-word search with a category (on top of its
36-73 ms), 500 each 4x fewer rows: the facets' cost over search() went from p50 66 to 36 ms.
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

__all__ = ["Facets", "facet_counts", "FACET_POOL", "YEAR_CAP"]

FACET_POOL = 2_000
# Matches counted per year at most; a year with more shows "YEAR_CAP+" (`Facets.at_least`).
YEAR_CAP = 500


@dataclass(slots=True)
class Facets:
    counts: dict[str, Counter] = field(default_factory=dict)  # "site", "year", "category" -> value -> matches
    counted: int = 0          # matches counted (all of them when `complete`)
    complete: bool = True     # False: site and category counts are over the `pool` newest only
    pool: int = FACET_POOL
    at_least: set[tuple[str, str]] = field(default_factory=set)  # (facet, value): its count is a lower bound

    @property
    def total(self) -> int | None:
        """The matches, when the counts hold them all (a search that did not count its own takes this)."""
        return self.counted if self.complete else None


def facet_counts(conn: sqlite3.Connection, parsed: ParsedQuery | None, f: Filters, pool: int = FACET_POOL,
                 counted: int | None = None) -> Facets:
    """Counts per site, year and category of the matches (of the filters alone when `parsed` is None)
    among the `pool` newest; years over every match, each up to YEAR_CAP. `counted`: the search's
    own count of the same matches, made up to a bound above `pool` (archive.search's probe), which
    says whether the pool holds them all without walking the index past it again."""
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
    complete = counted <= pool if counted is not None else \
        conn.execute(f"{newest} LIMIT 1 OFFSET ?", [*match_args, pool]).fetchone() is None
    result = Facets(counts={"site": Counter(), "year": Counter(), "category": Counter()}, complete=complete, pool=pool)
    for site, year, category, n in rows:
        result.counted += n
        for name, value in (("site", site), ("year", year), ("category", category)):
            if value:
                result.counts[name][value] += n
    if parsed is not None and not complete:
        result.counts["year"], capped = _years(conn, parsed, f, YEAR_CAP)
        result.at_least = {("year", y) for y in capped}
    return result


def _years(conn: sqlite3.Connection, parsed: ParsedQuery, f: Filters, cap: int) -> tuple[Counter, set[str]]:
    """Matches per year over the whole archive, each counted up to `cap`: (counts, the years capped)."""
    first, last = published_range(conn)
    years, capped = Counter(), set()
    if not first or not last:
        return years, capped
    _, (match, low, high) = match_keys_sql(parsed, f)
    for year in range(int(first[:4]), int(last[:4]) + 1):
        y_low, y_high = key_range(date(year, 1, 1), date(year, 12, 31))
        n = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE {IN_RANGE} LIMIT ?)",
                         (match, max(low, y_low), min(high, y_high), cap + 1)).fetchone()[0]
        if n > cap:
            n = cap
            capped.add(str(year))
        if n:
            years[str(year)] = n
    return years, capped
