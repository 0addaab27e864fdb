"""What the archive holds: articles per site and year, and how often each field was found."""
from __future__ import annotations

import sqlite3

from archive.fields import COVERED_FIELDS, FIELD

__all__ = ["archive_stats", "COVERAGE_FIELDS"]


def _coverage() -> dict[str, str]:
    """field -> SQL condition meaning "this article has it": the covered fields of archive.fields
    (a date: that it has a time too), then what lives beside the row (images, attachments)."""
    conditions = {}
    for name in COVERED_FIELDS:
        text = FIELD[name].type is str and name != "published"  # a date is NULL when none was found
        conditions[name] = f"coalesce(a.{name}, '') != ''" if text else f"a.{name} IS NOT NULL"
        if name == "published":
            conditions["published with time"] = "length(a.published) > 10"
    return conditions | {
        "images": "EXISTS (SELECT 1 FROM images i WHERE i.article_id = a.id)",
        "image captions": "EXISTS (SELECT 1 FROM images i WHERE i.article_id = a.id AND coalesce(i.caption, '') != '')",
        "attachments": "EXISTS (SELECT 1 FROM attachments t WHERE t.article_id = a.id)",
    }


COVERAGE_FIELDS = _coverage()


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
    totals = {"articles": total, "removed": sum(s["removed"] for s in per_site), **_record_counts(conn, site)}
    return {"totals": totals, "sites": per_site, "per_year": per_year, "coverage": coverage}


# What else the archive keeps, counted for one site when a site is given (through its articles;
# fetches and runs by the site's URLs, http or https).
_OF_SITE = "IN (SELECT id FROM articles WHERE site = :site)"
_RECORDS = {
    "older_versions": ("article_versions", f"article_id {_OF_SITE}"),
    "view_counts": ("view_counts", f"article_id {_OF_SITE}"),
    "raw_pages": ("raw_pages", f"article_id {_OF_SITE}"),
    "fetches": ("fetches", "(url LIKE 'http://' || :site || '/%' OR url LIKE 'https://' || :site || '/%')"),
    "crawl_runs": ("crawl_runs", "id IN (SELECT first_run_id FROM articles WHERE site = :site UNION "
                                 "SELECT last_run_id FROM articles WHERE site = :site)"),
}


def _record_counts(conn: sqlite3.Connection, site: str | None) -> dict[str, int]:
    counts = {}
    for name, (table, condition) in _RECORDS.items():
        where = f" WHERE {condition}" if site else ""
        counts[name] = conn.execute(f"SELECT count(*) FROM {table}{where}", {"site": site}).fetchone()[0]
    return counts
