"""Everything the article page shows, read from the archive over a read-only connection."""
from __future__ import annotations

import os
import re
import sqlite3

from archive import show
from archive.preservation import media_path
from archive.web.changes import version_changes

__all__ = ["load_article", "media_file", "INLINE_TYPES"]

# Types shown inline from the archive; anything else is offered as a download (never rendered:
# an archived HTML or SVG file could carry script).
INLINE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "image/bmp")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def load_article(conn: sqlite3.Connection, article_id: int) -> dict | None:
    """The article as `portal-archive show` reads it (archive.show), arranged for its page: each image
    and attachment with the content address of its archived copy, and the earlier versions newest
    first, each with `changes`: what the next newer version changed in it."""
    try:
        article = show.load_article(conn, str(article_id))
    except show.ArticleNotFound:
        return None
    archived = {(m["role"], m["position"]): m["sha256"] for m in article["media"]}
    for role, items in (("image", article["images"]), ("attachment", article["attachments"])):
        for position, item in enumerate(items):  # media rows are numbered in page order from 0
            item["position"] = position
            item["archived"] = archived.get((role, position))
    versions = article["versions"]  # oldest first, the current one last
    for older, newer in zip(versions, versions[1:]):
        older["changes"] = version_changes(older, newer)
    article["versions"] = [v for v in reversed(versions) if not v["current"]]
    return article


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
