"""Items the spider yields: one raw article response.

The spider hands the raw page over (`record` holding only the URL and any annotations such as a
WARC pointer) and the archive writer process extracts it, off the crawl's thread (Scrapy's
reactor is bound to one core).
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ArticleItem", "VIEWS_ANSWER"]

# The record's annotation holding the answer of the script a page leaves its view count to (the
# spider asks it; the writer has extraction read it where the page itself shows no count)
VIEWS_ANSWER = "views_script_answer"


@dataclass(slots=True)
class ArticleItem:
    record: dict
    raw_body: bytes = b""
    status: int = 200
    fetched_at: str | None = None
    headers: dict = field(default_factory=dict)
    content_type: str = ""
    family: str | None = None
    revisit: bool = False
    walk_url: str | None = None  # the request's URL in the crawl's walk (before redirects)
