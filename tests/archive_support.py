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
