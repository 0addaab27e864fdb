"""Search (thin first version: substring over title and body)."""
from __future__ import annotations

from archive.fold import fold
from archive.store import Archive

__all__ = ["search"]


def search(archive: Archive, query: str, limit: int = 20) -> list[dict]:
    words = fold(query).split()
    hits = []
    for row in archive.articles():
        text = fold(f"{row['title'] or ''} {row['body'] or ''}")
        if all(w in text for w in words):
            hits.append({"url": row["url"], "title": row["title"], "published": row["published"],
                         "views": row["views"], "snippet": (row["body"] or "")[:160]})
    return hits[:limit]
