"""Items the spider yields: an extracted article with the raw page it came from."""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ArticleItem"]


@dataclass(slots=True)
class ArticleItem:
    record: dict
    raw_body: bytes = b""
    status: int = 200
    fetched_at: str | None = None
    headers: dict = field(default_factory=dict)
