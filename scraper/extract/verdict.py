"""Is it an article? The one rule, for the crawl, its writer and the import of archived captures.

Two questions, asked at two moments: before extraction, whether a response can hold an article
page at all (`is_article_page`: its Content-Type, else its first bytes); after, whether what
extraction found is an article (`is_article`: a title and a body).
"""
from __future__ import annotations

__all__ = ["is_article", "is_article_page", "is_page"]


def is_article_page(content_type: str | None, body: bytes | None = None) -> bool:
    """An HTML page by its Content-Type; with none given, by a body that starts like markup
    (`body=None`: nothing to look at, so it may be one)."""
    ct = (content_type or "").lower()
    if ct:
        return "html" in ct
    return body is None or body[:512].lstrip()[:1] == b"<"


def is_page(content_type: str | None, body: bytes) -> bool:
    """A page extraction reads at all: an article page, or a listing's JSON "load more" answer."""
    ct = (content_type or "").lower()
    if "json" in ct:
        return True
    if ct:
        return "html" in ct
    return body[:512].lstrip()[:1] in (b"<", b"{", b"[")


def is_article(found, strict: bool = False) -> bool:
    """What extraction found (an `Article` or its record dict) is an article: a title and a body.

    `strict` (pages no listing vouches for, as in a WARC of single pages): a date or a view
    count too."""
    get = found.get if isinstance(found, dict) else lambda name: getattr(found, name, None)
    if not (get("title") and get("body")):
        return False
    return not strict or bool(get("published") or get("views") is not None)
