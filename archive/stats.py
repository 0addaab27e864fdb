"""What the archive holds: articles per site and year, and how often each field was found."""
from __future__ import annotations

import sqlite3

__all__ = ["archive_stats", "COVERAGE_FIELDS"]

# field -> SQL condition meaning "this article has it"
COVERAGE_FIELDS = {
    "title": "coalesce(a.title, '') != ''",
    "published": "a.published IS NOT NULL",
    "published with time": "length(a.published) > 10",
    "views": "a.views IS NOT NULL",
    "author": "coalesce(a.author, '') != ''",
    "category": "coalesce(a.category, '') != ''",
    "body": "coalesce(a.body, '') != ''",
    "images": "EXISTS (SELECT 1 FROM images i WHERE i.article_id = a.id)",
    "image captions": "EXISTS (SELECT 1 FROM images i WHERE i.article_id = a.id AND coalesce(i.caption, '') != '')",
    "attachments": "EXISTS (SELECT 1 FROM attachments t WHERE t.article_id = a.id)",
}


def archive_stats(conn: sqlite3.Connection, site: str | None = None) -> dict:
    where, params = ("WHERE a.site = ?", [site]) if site else ("", [])
    total = conn.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]
    sums = ", ".join(f"sum(CASE WHEN {cond} THEN 1 ELSE 0 END)" for cond in COVERAGE_FIELDS.values())
    counts = conn.execute(f"SELECT {sums} FROM articles a {where}", params).fetchone() if total else None
    coverage = {name: {"articles": (counts[n] or 0) if counts else 0,
                       "share": round((counts[n] or 0) / total, 4) if total else 0.0}
                for n, name in enumerate(COVERAGE_FIELDS)}
    per_site = []
    for host, n, removed, first, last in conn.execute(
            f"SELECT a.site, count(*), sum(a.removed_at IS NOT NULL), min(a.published), max(a.published) "
            f"FROM articles a {where} GROUP BY a.site ORDER BY count(*) DESC", params):
        per_site.append({"site": host, "articles": n, "removed": removed, "first_published": first,
                         "last_published": last})
    per_year: dict[str, dict[str, int]] = {}
    for host, year, n in conn.execute(
            f"SELECT a.site, coalesce(substr(a.published, 1, 4), 'undated'), count(*) FROM articles a {where} "
            "GROUP BY 1, 2 ORDER BY 1, 2", params):
        per_year.setdefault(host, {})[year] = n
    totals = {
        "articles": total,
        "removed": sum(s["removed"] for s in per_site),
        "older_versions": _count(conn, "article_versions"),
        "view_counts": _count(conn, "view_counts"),
        "raw_pages": _count(conn, "raw_pages"),
        "fetches": _count(conn, "fetches"),
        "crawl_runs": _count(conn, "crawl_runs"),
    }
    return {"totals": totals, "sites": per_site, "per_year": per_year, "coverage": coverage}


def _count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
