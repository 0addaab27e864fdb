"""The media a page refers to: its images and documents, found by the rules an Article's own use.

The crawl fetches them while it crawls (extraction, and so the Article, happens later in the
archive writer, with the site's learned profile): every image of the page by
`images.best_image_url` (lazy-load attributes, then a real `src`, then the widest `srcset`
entry: the one URL an Article's image would name) and every document link by `body.is_attachment_link`
(an Article's attachment rule). The page's furniture (a logo, a banner) is one request per
crawl; the archive links to each article only the media its Article lists.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from scraper.extract.article import parse_html
from scraper.extract.body import is_attachment_link
from scraper.extract.canonical import join_url
from scraper.extract.images import best_image_url

__all__ = ["page_media"]


def page_media(html: bytes | str, url: str, content_type: str | None = None) -> list[str]:
    """Same-host image and document URLs of a page, in page order, without duplicates."""
    try:
        root = parse_html(html, content_type)
    except ValueError:  # not an HTML page: nothing to fetch
        return []
    if root is None:
        return []
    host = urlsplit(url).netloc
    found: dict[str, None] = {}
    for el in root.iter("img", "a"):
        if el.tag == "img":
            target = best_image_url(el, url)
        else:
            href = (el.get("href") or "").strip()
            target = join_url(url, href) if is_attachment_link(el, href) else None
        if not target:
            continue
        target = target.split("#", 1)[0]
        if target.startswith(("http://", "https://")) and urlsplit(target).netloc == host:
            found[target] = None
    return list(found)
