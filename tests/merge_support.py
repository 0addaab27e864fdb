"""What an archive holds, apart from ids, run ids and times: to compare a merged archive with a one-machine crawl's."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter

from tests.crawl_support import export

# Per-row fields that differ between two crawls of the same pages: ids, times, where the run's files went.
_VOLATILE = {"id", "article_id", "run_id", "first_run_id", "last_run_id", "first_seen", "last_seen", "last_changed",
             "fetched_at", "seen_at", "started_at", "finished_at", "captured_at", "elapsed", "search_key",
             "warc_file", "warc_offset", "warc_length", "warc_record_id", "log_path", "removed_at"}


def _rows(conn: sqlite3.Connection, sql: str) -> list[dict]:
    cur = conn.execute(sql)
    names = [d[0] for d in cur.description]
    return [{k: v for k, v in zip(names, row) if k not in _VOLATILE} for row in cur.fetchall()]


def _multiset(rows: list[dict]) -> Counter:
    return Counter(json.dumps(r, sort_keys=True, ensure_ascii=False, default=str) for r in rows)


def holdings(db: str) -> dict:
    """Everything the archive at `db` holds, as comparable values (export, and each table's rows by URL)."""
    articles = sorted(({k: v for k, v in a.items() if k not in _VOLATILE} for a in export(db)), key=lambda a: a["url"])
    conn = sqlite3.connect(db)
    try:
        by_url = "(SELECT url FROM articles a WHERE a.id = t.article_id) AS url"
        out = {
            "articles": articles,
            "versions": _multiset(_rows(conn, f"SELECT {by_url}, t.* FROM article_versions t")),
            "view_counts": _multiset(_rows(conn, f"SELECT {by_url}, t.views FROM view_counts t")),
            "raw_pages": _multiset(_rows(conn, f"SELECT {by_url}, t.url AS page, t.sha256, t.size, t.content_type "
                                               "FROM raw_pages t")),
            "fetches": _multiset(_rows(conn, "SELECT url, status, kind, redirect_to, error FROM fetches")),
            "not_articles": sorted(r[0] for r in conn.execute("SELECT url FROM not_articles")),
            "sites": sorted(r[0] for r in conn.execute("SELECT host FROM sites")),
            "runs": conn.execute("SELECT count(*) FROM crawl_runs").fetchone()[0],
            "run_summaries": _multiset([{k: v for k, v in json.loads(s).items()
                                         if k in ("new", "updated", "unchanged", "failed", "pages", "removed")}
                                        for (s,) in conn.execute("SELECT summary FROM crawl_runs")]),
            "captures": _multiset(_rows(conn, "SELECT * FROM captures")),
            "media": _multiset(_rows(conn, "SELECT * FROM media")),
            "article_media": _multiset(_rows(conn, "SELECT * FROM article_media")),
            # with_profile left out: learned profiles are kept by host name without the port
            # (scraper.writer), so on 127.0.0.1 every sample portal shares one, and a one-machine crawl
            # extracts a portal with the profile learned from another portal crawled before it (fit 0),
            # which a shard crawling that portal alone never sees. Real portals have host names of their own.
            "portal_runs": _multiset([{k: v for k, v in r.items() if k != "with_profile"}
                                      for r in _rows(conn, "SELECT * FROM portal_runs")]),
            "fts": conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0],
        }
    finally:
        conn.close()
    return out


def differences(a: dict, b: dict) -> list[str]:
    """The names of the holdings that differ (with both sides, short), for assertion messages."""
    out = []
    for k in a:
        if a[k] == b[k]:
            continue
        if isinstance(a[k], Counter):  # only the rows one side has more of
            out.append(f"{k}: only left {dict(a[k] - b[k])} only right {dict(b[k] - a[k])}"[:3000])
        else:
            out.append(f"{k}: {str(a[k])[:600]} != {str(b[k])[:600]}")
    return out
