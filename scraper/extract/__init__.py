"""Pure extraction: HTML bytes and a URL in, records out. No network, no database, no Scrapy."""
from __future__ import annotations

from scraper.extract.model import Article, ArticleImage, Attachment, Listing
from scraper.extract.text import ExtractionError

__all__ = ["Article", "ArticleImage", "Attachment", "ExtractionError", "Listing", "extract_article", "extract_listing"]


def extract_article(html: bytes | str, url: str, family: str | None = None,
                    content_type: str | None = None, with_html: bool = True) -> Article:
    """Extract one article. `family=None` recognises the platform; `"generic"` forces the generic rules.

    `content_type` is the HTTP header, whose charset (if any) decides the decoding of bytes.
    `with_html=False` leaves out `body_html`, the cleaned HTML of the body (a caller that keeps
    the whole page has it there). Raises `ExtractionError` (a ValueError) for input that is not
    an HTML page.
    """
    from scraper.extract.article import extract_article as _extract

    return _extract(html, url, family=family, content_type=content_type, with_html=with_html)


def extract_listing(html: bytes | str, url: str, family: str | None = None) -> Listing:
    """Find article links, next pages, feeds and AJAX endpoints on a listing page."""
    from scraper.extract.listing import extract_listing as _extract

    return _extract(html, url, family=family)
