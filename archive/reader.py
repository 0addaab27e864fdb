"""Read-only access to an archive file, for the commands researchers use."""
from __future__ import annotations

import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator

from archive import schema

__all__ = ["ArchiveNotFound", "open_readonly", "attach_media", "unmatched_filter"]


class ArchiveNotFound(FileNotFoundError):
    """The archive file does not exist (read commands never create one)."""


def open_readonly(path: str) -> sqlite3.Connection:
    """Open an existing archive for reading; it may be written by a crawl at the same time."""
    if not os.path.exists(path):
        raise ArchiveNotFound(f"no archive at {path} (crawl into it first, or pass --db PATH)")
    try:
        conn = schema.connect(path, readonly=True)
    except sqlite3.DatabaseError as exc:
        raise ArchiveNotFound(f"{path} is not a portal-archive file ({exc})") from None
    try:
        conn.execute("SELECT 1 FROM articles LIMIT 1").fetchall()
        conn.execute("SELECT 1 FROM articles_fts LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        conn.close()
        hint = ("written by an older version: open it once for writing (e.g. `portal-archive reextract "
                f"--db {path}`) to upgrade it" if "articles_fts" in str(exc) else "not a portal-archive file")
        raise ArchiveNotFound(f"{path}: {hint} ({exc})") from None
    return conn


def unmatched_filter(conn: sqlite3.Connection, *, site: str | None = None, url: str | None = None) -> str | None:
    """None when the filters match archived articles; else a line saying which does not, naming what exists."""
    if site and conn.execute("SELECT 1 FROM articles WHERE site = ? LIMIT 1", (site,)).fetchone() is None:
        hosts = [r[0] for r in conn.execute("SELECT host FROM sites ORDER BY host LIMIT 21")]
        listed = ", ".join(hosts[:20]) + (", ..." if len(hosts) > 20 else "")
        return f"no article from site {site!r} in the archive; " + (
            f"sites archived: {listed}" if hosts else "the archive holds no article yet")
    if url and conn.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is None \
            and not _is_alias(conn, url):
        from urllib.parse import urlsplit

        host = urlsplit(url).netloc if "://" in url else ""
        near = conn.execute("SELECT url FROM articles WHERE site = ? ORDER BY id DESC LIMIT 3", (host,)).fetchall()
        return f"no archived article at {url}; " + (
            "newest of its site: " + ", ".join(r[0] for r in near) if near else
            "no article of its site either (give the URL as `show` or `export` prints it)")
    return None


def _is_alias(conn: sqlite3.Connection, url: str) -> bool:
    """Another address an archived article was fetched by (m025; an older archive has none)."""
    try:
        return conn.execute("SELECT 1 FROM article_aliases WHERE url = ?", (url,)).fetchone() is not None
    except sqlite3.OperationalError:
        return False


def attach_media(conn: sqlite3.Connection, articles: list[dict]) -> list[dict]:
    """Fill `images` and `attachments` (page order) on a batch of article dicts with an `id`."""
    ids = [a["id"] for a in articles]
    images: dict[int, list] = defaultdict(list)
    attachments: dict[int, list] = defaultdict(list)
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        for aid, url, caption, alt in conn.execute(
                f"SELECT article_id, url, caption, alt FROM images WHERE article_id IN ({marks}) "
                "ORDER BY article_id, position", chunk):
            images[aid].append({"url": url, "caption": caption, "alt": alt})
        for aid, url, name in conn.execute(
                f"SELECT article_id, url, name FROM attachments WHERE article_id IN ({marks}) "
                "ORDER BY article_id, position", chunk):
            attachments[aid].append({"url": url, "name": name})
    for a in articles:
        a["images"] = images.get(a["id"], [])
        a["attachments"] = attachments.get(a["id"], [])
    return articles


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def rows_as_dicts(cursor: Iterable, columns: tuple[str, ...]) -> Iterator[dict]:
    for row in cursor:
        yield dict(zip(columns, row))


__all__ += ["rows_as_dicts"]
