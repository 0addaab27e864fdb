"""Pure extraction: HTML bytes and a URL in, records out. No network, no database, no Scrapy."""
from __future__ import annotations

from scraper.extract.model import Article, ArticleImage, Attachment, Listing

__all__ = ["Article", "ArticleImage", "Attachment", "Listing", "extract_article", "extract_listing"]


def extract_article(html: bytes | str, url: str, family: str | None = None) -> Article:
    """Extract one article. `family=None` recognises the platform; `"generic"` forces the generic rules."""
    from scraper.extract.article import extract_article as _extract

    return _extract(html, url, family=family)


def extract_listing(html: bytes | str, url: str, family: str | None = None) -> Listing:
    """Find article links, next pages, feeds and AJAX endpoints on a listing page."""
    from scraper.extract.listing import extract_listing as _extract

    return _extract(html, url, family=family)
