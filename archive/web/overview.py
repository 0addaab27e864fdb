"""The archive at a glance (home page) and the choices of the search filters, cached while the file
is unchanged."""
from __future__ import annotations

import os
import sqlite3
import time

from archive.search import newest_published, published_range
from archive.shown import day_first

__all__ = ["overview", "filter_choices"]

_CACHE_SECONDS = 60.0
_cache: dict[tuple, tuple[float, object, tuple]] = {}


def _cached(conn: sqlite3.Connection, name: str, compute):
    # The home page and the filter lists group the whole table: 2-3 s at 1,000,000 articles, which
    # a page paid once a minute when these were kept 60 s (bench web: the search page's p99 2.9 s).
    # Kept while the archive's file and its WAL are unchanged (a server beside no crawl computes
    # them once); while a crawl writes, at most once a minute as before.
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    key, version = (path, name), _version(path)
    hit = _cache.get(key)
    if hit and (hit[2] == version or time.monotonic() - hit[0] < _CACHE_SECONDS):
        return hit[1]
    value = compute(conn)
    _cache[key] = (time.monotonic(), value, version)
    return value


def _version(path: str) -> tuple:
    """What changes when the archive is written: its file's and its WAL's size and time."""
    found = []
    for name in (path, path + "-wal"):
        try:
            st = os.stat(name)
        except OSError:  # no WAL (checkpointed and closed), or an in-memory database
            found.append(None)
            continue
        found.append((st.st_size, st.st_mtime_ns))
    return tuple(found)


def _sites(conn: sqlite3.Connection) -> list[dict]:
    # The archive knows a portal by its host only: names and provinces come from the site registry,
    # joined in by the page (archive.web.portals.named_sites).
    rows = conn.execute("SELECT host, last_seen FROM sites ORDER BY host").fetchall()
    return [{"host": h, "last_seen": s} for h, s in rows]


def filter_choices(conn: sqlite3.Connection) -> dict:
    def compute(conn):
        categories = [r[0] for r in conn.execute(
            "SELECT category FROM articles WHERE coalesce(category, '') <> '' GROUP BY category "
            "ORDER BY count(*) DESC LIMIT 300")]
        return {"sites": _sites(conn), "categories": sorted(categories)}
    return _cached(conn, "filters", compute)


def overview(conn: sqlite3.Connection) -> dict:
    def compute(conn):
        sites = _sites(conn)
        # Counted on the site index; dates found by search key (publication time first), so no
        # index on publication dates is needed (one costs the crawl a random write per article).
        counts = dict(conn.execute("SELECT site, count(*) FROM articles GROUP BY site"))
        for s in sites:
            s["articles"] = counts.get(s["host"], 0)
            newest = newest_published(conn, s["host"]) if s["articles"] else None
            s["newest"] = day_first(newest[:10]) if newest else None
        first, last = published_range(conn)
        return {"articles": sum(counts.values()), "sites": sites,
                "first": day_first((first or "")[:10]), "last": day_first((last or "")[:10])}
    return _cached(conn, "overview", compute)
