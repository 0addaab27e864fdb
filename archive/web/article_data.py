"""Everything the article page shows, read from the archive over a read-only connection."""
from __future__ import annotations

import json
import os
import re
import sqlite3

from archive.preservation import media_of, media_path
from archive.web.changes import version_changes

__all__ = ["load_article", "media_file", "ARTICLE_FIELDS", "INLINE_TYPES"]

ARTICLE_FIELDS = ("id", "url", "site", "title", "published", "published_text", "views", "author", "category",
                  "body", "family", "version", "first_seen", "last_seen", "last_changed", "removed_at",
                  "removed_reason", "provenance")

# Types shown inline from the archive; anything else is offered as a download (never rendered:
# an archived HTML or SVG file could carry script).
INLINE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "image/bmp")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _rows(conn: sqlite3.Connection, sql: str, params: tuple) -> list[dict]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def load_article(conn: sqlite3.Connection, article_id: int) -> dict | None:
    """The article with its images, attachments, view history and earlier versions (newest first).

    Each earlier version carries `changes`: what the next newer version changed in it.
    """
    found = _rows(conn, f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles WHERE id = ?", (article_id,))
    if not found:
        return None
    article = found[0]
    article["images"] = _rows(conn, "SELECT position, url, caption, alt FROM images WHERE article_id = ? "
                                    "ORDER BY position", (article_id,))
    archived = _archived_media(conn, article["url"])
    for image in article["images"]:
        image["archived"] = archived.get(("image", image["position"]))
    article["attachments"] = _rows(conn, "SELECT position, url, name FROM attachments WHERE article_id = ? "
                                         "ORDER BY position", (article_id,))
    for attachment in article["attachments"]:
        attachment["archived"] = archived.get(("attachment", attachment["position"]))
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


def _archived_media(conn: sqlite3.Connection, article_url: str) -> dict[tuple[str, int], str]:
    """{(role, position): sha256} of the images/attachments the crawl kept (archive.preservation)."""
    # The web never writes: an archive an older version wrote, not opened for writing since, may
    # lack the preservation tables (migration m019).
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'article_media'").fetchone() is None:
        return {}
    return {(m["role"], m["position"]): m["sha256"] for m in media_of(conn, article_url)}


def media_file(conn: sqlite3.Connection, media_dir: str, sha256: str) -> tuple[str, str] | None:
    """(file path, content type) of one archived media body, or None if the archive lacks it."""
    if not _SHA256.fullmatch(sha256):
        return None  # only content addresses: never a path a visitor could steer
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'media'").fetchone() is None:
        return None  # an archive not opened for writing since m019 (see _archived_media)
    row = conn.execute("SELECT content_type FROM media WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        return None
    path = os.path.join(media_dir, media_path(sha256))
    if not os.path.isfile(path):
        return None
    return path, (row[0] or "application/octet-stream").split(";")[0].strip().lower()
