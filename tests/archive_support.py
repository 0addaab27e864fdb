"""Helpers of the archive tests: what searches find, read through a read-only connection."""
from __future__ import annotations

from archive.reader import open_readonly
from archive.search import search

MIGRATION_QUERIES = ("dang uy", "nông thôn mới", "tin")


def search_hits(path: str, queries=MIGRATION_QUERIES) -> list[list[str]]:
    """The URLs each query finds (limit 100), in order: compared before and after a migration."""
    conn = open_readonly(path)
    try:
        return [[h["url"] for h in search(conn, q, limit=100).hits] for q in queries]
    finally:
        conn.close()


def one_article_archive(path: str, *, raw_body: bytes | None = None) -> str:
    """An archive file holding one article of yenlap.phutho.gov.vn (with its raw page, if given)."""
    from archive.store import Archive

    with Archive(path) as archive:
        archive.save_article({"url": "http://yenlap.phutho.gov.vn/tin-tuc/1", "site": "yenlap.phutho.gov.vn",
                              "title": "Hội nghị Đảng ủy huyện", "body": "Xây dựng nông thôn mới, dân vận khéo.",
                              "published": "2024-03-05", "images": [], "attachments": []},
                             raw_body=raw_body, content_type="text/html" if raw_body else None)
    return path
