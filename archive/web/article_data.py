"""Everything the article page shows, read from the archive over a read-only connection."""
from __future__ import annotations

import gzip
import json
import sqlite3
import zlib

from archive.web.changes import version_changes

__all__ = ["load_article", "archived_image", "ARTICLE_FIELDS"]

ARTICLE_FIELDS = ("id", "url", "site", "title", "published", "published_text", "views", "author", "category",
                  "body", "family", "version", "first_seen", "last_seen", "last_changed", "removed_at",
                  "removed_reason", "provenance")

# Image types a browser may be handed from the archive; anything else stays unserved.
_IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "image/bmp")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def _rows(conn: sqlite3.Connection, sql: str, params: tuple) -> list[dict]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def load_article(conn: sqlite3.Connection, article_id: int) -> dict | None:
    """The article with its images, attachments, view history and earlier versions (newest first).

    Each earlier version carries `changes`: what the next newer version changed in it.
    """
    present = _columns(conn, "articles")
    fields = [f for f in ARTICLE_FIELDS if f in present]
    found = _rows(conn, f"SELECT {', '.join(fields)} FROM articles WHERE id = ?", (article_id,))
    if not found:
        return None
    article = found[0]
    article["images"] = _rows(conn, "SELECT position, url, caption, alt FROM images WHERE article_id = ? "
                                    "ORDER BY position", (article_id,))
    archived = _archived_image_urls(conn, [i["url"] for i in article["images"]])
    for image in article["images"]:
        image["archived"] = image["url"] in archived
    article["attachments"] = _rows(conn, "SELECT position, url, name FROM attachments WHERE article_id = ? "
                                         "ORDER BY position", (article_id,))
    article["view_history"] = _rows(conn, "SELECT seen_at, views FROM view_counts WHERE article_id = ? "
                                          "ORDER BY seen_at", (article_id,))
    versions = _rows(conn, "SELECT version, title, published, author, category, body, images, attachments, "
                           "first_seen, last_seen FROM article_versions WHERE article_id = ? "
                           "ORDER BY version DESC", (article_id,))
    newer = {"title": article["title"], "published": article["published"], "author": article["author"],
             "category": article["category"], "body": article["body"],
             "images": [{k: i[k] for k in ("url", "caption", "alt")} for i in article["images"]]}
    for version in versions:
        version["images"] = json.loads(version["images"] or "[]")
        version["attachments"] = json.loads(version["attachments"] or "[]")
        version["changes"] = version_changes(version, newer)
        newer = version
    article["versions"] = versions
    return article


def _archived_image_urls(conn: sqlite3.Connection, urls: list[str]) -> set[str]:
    # A crawl may keep image responses in raw_pages; those are served from the archive.
    if not urls or "raw_pages" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}:
        return set()
    marks = ", ".join("?" for _ in urls)
    types = ", ".join("?" for _ in _IMAGE_TYPES)
    rows = conn.execute(f"SELECT DISTINCT url FROM raw_pages WHERE url IN ({marks}) "
                        f"AND lower(substr(content_type, 1, instr(content_type || ';', ';') - 1)) IN ({types})",
                        (*urls, *_IMAGE_TYPES))
    return {r[0] for r in rows}


def archived_image(conn: sqlite3.Connection, article_id: int, position: int) -> tuple[bytes, str] | None:
    """(bytes, content type) of the newest archived copy of one image, if the archive has one."""
    rows = conn.execute(
        "SELECT r.body, r.compression, r.content_type FROM images i JOIN raw_pages r ON r.url = i.url "
        "WHERE i.article_id = ? AND i.position = ? ORDER BY r.id DESC LIMIT 1", (article_id, position)).fetchall()
    if not rows:
        return None
    body, compression, content_type = rows[0]
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type not in _IMAGE_TYPES:
        return None
    if compression == "zlib":
        body = zlib.decompress(body)
    elif compression == "gzip":
        body = gzip.decompress(body)
    return body, media_type
