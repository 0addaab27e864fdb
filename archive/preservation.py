"""Preservation records beside the articles: which WARC capture each article came from, and its media.

Tables (created by the archive's migrations, archive.schema m019_preservation):

- `captures`: one row per capture an article was archived from (live crawl, WARC file or
  Wayback), with the WARC file, record offset and length, record id and payload digest, so a
  researcher can cite a verifiable capture (`warc_file` is a name inside the crawl's WARC
  directory, `<db>.warcs/` by default; for a Wayback capture `source_url` is its memento URL).
- `media`: images and attachments, content-addressed: one row per distinct body (sha256), with
  the URL it was first seen at, its content type and size; the file is `<media dir>/<sha256[:2]>/<sha256>`.
- `article_media`: which article shows which media, by role (image/attachment) and position.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import Iterator

from archive.schema import connect, url_ranges, writing

__all__ = ["record_preservation", "link_run", "captures_of", "media_of", "media_path", "bodies_at"]


def media_path(sha256: str) -> str:
    """A media file's path inside the media directory: never a name taken from its URL."""
    return f"{sha256[:2]}/{sha256}"


def record_preservation(conn: sqlite3.Connection, record: dict, *, provenance: str, captured_at: str,
                        run_id: int | None = None) -> None:
    """Store the capture pointer (`record["warc"]`) and media (`record["media"]`) of one saved article."""
    url = record["url"]
    warc = record.get("warc")
    if warc:
        conn.execute(
            "INSERT INTO captures(url, captured_at, provenance, warc_file, warc_offset, warc_length, "
            "warc_record_id, warc_record_type, payload_digest, sha256, source_url, run_id) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (url, warc.get("warc_date") or captured_at, provenance, warc.get("warc_file"),
             warc.get("warc_offset"), warc.get("warc_length"), warc.get("warc_record_id"),
             warc.get("warc_record_type"), warc.get("payload_digest"), warc.get("sha256"),
             warc.get("source_url"), run_id))
    elif provenance != "live":
        conn.execute("INSERT INTO captures(url, captured_at, provenance, run_id) VALUES (?,?,?,?)",
                     (url, captured_at, provenance, run_id))
    media = record.get("media")
    if media is None:
        return
    conn.execute("DELETE FROM article_media WHERE article_url = ?", (url,))
    for item in media:
        if not item.get("sha256"):
            continue
        pointer = item.get("warc") or {}
        conn.execute(
            "INSERT OR IGNORE INTO media(sha256, url, content_type, size, first_seen, warc_file, warc_offset) "
            "VALUES (?,?,?,?,?,?,?)",
            (item["sha256"], item["url"], item.get("content_type"), item.get("size"), captured_at,
             pointer.get("warc_file"), pointer.get("warc_offset")))
        conn.execute(
            "INSERT OR REPLACE INTO article_media(article_url, role, position, url, sha256) VALUES (?,?,?,?,?)",
            (url, item.get("role", "image"), item.get("position", 0), item["url"], item["sha256"]))


def link_run(db_path: str, pointers: dict[str, dict], media: dict[str, dict], *, run_id: int | None = None,
             normalise=lambda url: url, earlier: Callable[[list[str]], dict[str, dict]] | None = None,
             hosts: list[str] | None = None) -> int:
    """After a crawl: a `captures` row for each archived article the crawl wrote to WARC, and the
    article's media (its images/attachments as extraction listed them, matched by URL to what the
    crawl fetched). `earlier` (url -> pointer, from the WARC directory's digest index, for the URLs
    asked) serves articles on `hosts` (the crawl's portal's; every host where None) that have no
    capture at all yet: those saved by a crawl that was killed before it could link them. Returns
    the number of articles linked."""

    conn = connect(db_path)
    try:
        linked = 0
        with writing(conn):
            for fetched, pointer in pointers.items():
                # the page's article, by its URL or an alias (m025): captures are kept under the article's URL
                row = conn.execute("SELECT id, provenance, url FROM articles WHERE url = ? UNION ALL "
                                   "SELECT a.id, a.provenance, a.url FROM article_aliases l JOIN articles a "
                                   "ON a.id = l.article_id WHERE l.url = ? LIMIT 1", (fetched, fetched)).fetchone()
                if row is None:
                    continue
                url = row[2]
                known = conn.execute("SELECT 1 FROM captures WHERE url = ? AND warc_record_id = ?",
                                     (url, pointer.get("warc_record_id"))).fetchone()
                if known is None:
                    record_preservation(conn, {"url": url, "warc": pointer}, provenance="live",
                                        captured_at=pointer.get("warc_date") or "", run_id=run_id)
                    linked += 1
                if media:
                    record_preservation(conn, {"url": url, "media": _article_media(conn, row[0], media, normalise)},
                                        provenance="live", captured_at=pointer.get("warc_date") or "", run_id=run_id)
            if earlier is not None:
                # (the portal's own, by URL range: a crawl process closes hundreds of portals)
                ranges = list(url_ranges(hosts)) if hosts is not None else [("", "\uffff")]
                orphans = [url for low, high in ranges for (url,) in conn.execute(
                    "SELECT url FROM articles a WHERE url >= ? AND url < ? AND provenance = 'live' AND NOT EXISTS "
                    "(SELECT 1 FROM captures c WHERE c.url = a.url)", (low, high))]
                found = earlier(orphans) if orphans else {}
                for url in orphans:
                    pointer = found.get(url)
                    if pointer is not None:
                        record_preservation(conn, {"url": url, "warc": pointer}, provenance="live",
                                            captured_at=pointer.get("warc_date") or "", run_id=None)
                        linked += 1
        return linked
    finally:
        conn.close()


def _article_media(conn: sqlite3.Connection, article_id: int, media: dict[str, dict], normalise) -> list[dict]:
    out = []
    for role, table in (("image", "images"), ("attachment", "attachments")):
        for position, url in conn.execute(f"SELECT position, url FROM {table} WHERE article_id = ? ORDER BY position",
                                          (article_id,)):
            info = media.get(url) or media.get(normalise(url))
            if info:
                out.append({**info, "url": url, "role": role, "position": position})
    return out


def captures_of(conn: sqlite3.Connection, url: str) -> list[dict]:
    """Every capture an article was archived from, oldest first."""
    cur = conn.execute("SELECT * FROM captures WHERE url = ? ORDER BY captured_at, id", (url,))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def media_of(conn: sqlite3.Connection, url: str) -> list[dict]:
    """The media of one article, images first, in page order, with their content type and size."""
    cur = conn.execute(
        "SELECT am.role, am.position, am.url, am.sha256, m.content_type, m.size FROM article_media am "
        "JOIN media m ON m.sha256 = am.sha256 WHERE am.article_url = ? ORDER BY am.role DESC, am.position",
        (url,))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def bodies_at(conn: sqlite3.Connection, media_dir: str, url: str) -> Iterator[tuple[bytes, str | None]]:
    """What the archive holds captured at `url`, as (body, content type): its raw pages, newest first,
    then the media files shown under that address. A later WARC's revisit record may refer to
    any of them (its payload is not in that WARC). Each query uses an index."""
    from archive.store import decompress  # the store imports this module

    for blob, compression, content_type in conn.execute(
            "SELECT body, compression, content_type FROM raw_pages WHERE article_id = "
            "(SELECT id FROM articles WHERE url = ?) ORDER BY id DESC", (url,)):
        yield decompress(blob, compression), content_type
    for sha256, content_type in conn.execute(
            "SELECT sha256, content_type FROM media WHERE url = ? OR sha256 IN "
            "(SELECT sha256 FROM article_media WHERE url = ?)", (url, url)):
        try:
            with open(os.path.join(media_dir, media_path(sha256)), "rb") as f:
                yield f.read(), content_type
        except OSError:  # the media folder is elsewhere, or the file was removed: not this one
            continue
