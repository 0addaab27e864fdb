"""One article with everything the archive knows about it: images, versions, view history, fetches."""
from __future__ import annotations

import json
import sqlite3

from archive import schema
from archive.preservation import captures_of, media_of
from archive.fields import READ_COLUMNS, VERSIONED_FIELDS
from archive.reader import attach_media

__all__ = ["load_article", "ArticleNotFound"]


class ArticleNotFound(LookupError):
    """No article with that URL or id."""


def load_article(conn: sqlite3.Connection, ref: str) -> dict:
    """The article with URL or numeric id `ref`, with `versions`, `view_history`, `fetches`, `raw_pages`,
    and the `captures` (WARC records, Wayback mementos) and archived `media` files it is known by."""
    cols = ", ".join(READ_COLUMNS)
    missing = set(schema.missing_tables(conn))  # read-only: an archive an older version wrote is shown as it is
    row = conn.execute(f"SELECT {cols} FROM articles WHERE url = ?", (ref,)).fetchone()
    if row is None and "article_aliases" not in missing:  # another address it was fetched by (m025)
        row = conn.execute(f"SELECT {cols} FROM articles WHERE id = (SELECT article_id FROM article_aliases "
                           "WHERE url = ?)", (ref,)).fetchone()
    if row is None and ref.strip().isdigit():
        row = conn.execute(f"SELECT {cols} FROM articles WHERE id = ?", (int(ref),)).fetchone()
    if row is None:
        raise ArticleNotFound(f"no article with URL or id {ref!r} in the archive")
    article = attach_media(conn, [dict(zip(READ_COLUMNS, row))])[0]
    aid = article["id"]
    # Each version as a reader saw it (archive.fields.VERSIONED_FIELDS), oldest first, the current one last.
    columns = ("version", *VERSIONED_FIELDS, "images", "attachments", "content_hash", "first_seen", "last_seen",
               "provenance")
    versions = []
    for r in conn.execute(f"SELECT {', '.join(columns)} FROM article_versions WHERE article_id = ? "
                          "ORDER BY version", (aid,)):
        v = dict(zip(columns, r))
        v["images"] = json.loads(v["images"] or "[]")
        v["attachments"] = json.loads(v["attachments"] or "[]")
        v["current"] = False
        versions.append(v)
    current = {name: article[name] for name in columns if name not in ("first_seen",)}
    versions.append({**current, "first_seen": article["last_changed"], "current": True})
    article["versions"] = versions
    article["view_history"] = [
        {"seen_at": s, "views": v, "run_id": run}
        for s, v, run in conn.execute("SELECT seen_at, views, run_id FROM view_counts WHERE article_id = ? "
                                      "ORDER BY seen_at, id", (aid,))]
    article["aliases"] = [r[0] for r in conn.execute(
        "SELECT url FROM article_aliases WHERE article_id = ? ORDER BY rowid", (aid,))] \
        if "article_aliases" not in missing else []
    addresses = [article["url"], *article["aliases"]]
    article["fetches"] = [
        dict(zip(("fetched_at", "status", "error", "redirect_to", "run_id"), r))
        for r in conn.execute("SELECT fetched_at, status, error, redirect_to, run_id FROM fetches WHERE url IN "
                              f"({', '.join('?' * len(addresses))}) ORDER BY id", addresses)]
    pages = ("(article_id = ? OR (article_id IS NULL AND url = ?))", (aid, article["url"])) \
        if "raw_pages.article_id" not in missing else ("url = ?", (article["url"],))  # m006
    article["raw_pages"] = [
        dict(zip(("id", "fetched_at", "content_type", "size", "sha256"), r))
        for r in conn.execute(f"SELECT id, fetched_at, content_type, size, sha256 FROM raw_pages WHERE {pages[0]} "
                              "ORDER BY id", pages[1])]
    article["captures"] = [{k: v for k, v in c.items() if k not in ("id", "url")}
                           for c in captures_of(conn, article["url"])] if "captures" not in missing else []
    article["media"] = media_of(conn, article["url"]) if "article_media" not in missing else []
    article.pop("content_hash", None)
    return article
