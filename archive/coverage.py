"""Coverage of the rescue: for each district unit, what the archive holds of its portal.

Units come in as plain data from the registry (the command line reads it): {"name", "province",
"unit", "type", "host", "hosts", "known", "verified"}. Per unit: is a host known, verified,
crawled (a live fetch of any of its hosts is on record), recovered (articles from web archives:
Wayback captures or WARC files), and how many articles the archive holds.
"""
from __future__ import annotations

import sqlite3

__all__ = ["coverage_rows", "province_totals", "COLUMNS"]

_ARCHIVED = "(provenance = 'wayback' OR provenance LIKE 'warc:%')"
COLUMNS = ["province", "name", "unit", "host", "known", "verified", "crawled", "recovered", "articles"]


def _per_site(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """{site: (articles, articles recovered from web archives)}."""
    # an article recovered once and crawled later carries the crawl's provenance: its versions say
    rows = conn.execute(f"SELECT site, count(*), sum({_ARCHIVED} OR id IN (SELECT article_id FROM article_versions "
                        f"WHERE {_ARCHIVED})) FROM articles GROUP BY site")
    return {site: (n, recovered or 0) for site, n, recovered in rows}


def _fetched(conn: sqlite3.Connection, host: str) -> bool:
    # fetches is indexed by url: a range per scheme finds any fetch of the host without a scan
    for scheme in ("http", "https"):
        low = f"{scheme}://{host}/"
        if conn.execute("SELECT 1 FROM fetches WHERE url >= ? AND url < ? LIMIT 1",
                        (low, low[:-1] + "0")).fetchone():
            return True
    return False


def coverage_rows(conn: sqlite3.Connection, units: list[dict]) -> list[dict]:
    per_site = _per_site(conn)
    out = []
    for unit in units:
        hosts = unit.get("hosts") or []
        articles = sum(per_site.get(h, (0, 0))[0] for h in hosts)
        recovered = sum(per_site.get(h, (0, 0))[1] for h in hosts)
        out.append({**{k: unit.get(k) for k in ("province", "name", "unit", "type", "host", "known", "verified")},
                    "crawled": any(_fetched(conn, h) for h in hosts), "recovered": recovered > 0,
                    "recovered_articles": recovered, "articles": articles})
    return out


def province_totals(rows: list[dict]) -> list[dict]:
    """One line per province: units, and how many have a host known/verified/crawled/recovered."""
    totals: dict[str, dict] = {}
    for row in rows:
        t = totals.setdefault(row["province"], {"province": row["province"], "units": 0, "known": 0, "verified": 0,
                                                "crawled": 0, "recovered": 0, "articles": 0})
        t["units"] += 1
        for key in ("known", "verified", "crawled", "recovered"):
            t[key] += bool(row[key])
        t["articles"] += row["articles"]
    return list(totals.values())
