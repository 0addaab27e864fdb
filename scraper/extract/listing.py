"""Listing extraction entry point (thin first version)."""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html

from scraper.extract.model import Listing

__all__ = ["extract_listing"]

_NEXT_WORDS = ("trang sau", "tiếp", "»", "next")


def extract_listing(html: bytes | str, url: str, family: str | None = None) -> Listing:
    listing = Listing(url=url)
    tree = lxml.html.fromstring(html)
    host = urlsplit(url).netloc
    for a in tree.xpath("//a[@href]"):
        href = urljoin(url, a.get("href")).split("#")[0]
        if urlsplit(href).netloc != host:
            continue
        label = " ".join(a.text_content().split()).lower()
        if a.get("rel") == "next" or label in _NEXT_WORDS or label.isdigit():
            listing.next_pages.append(href)
        elif len(label.split()) >= 5:
            listing.article_urls.append(href)
    listing.article_urls = list(dict.fromkeys(listing.article_urls))
    listing.next_pages = list(dict.fromkeys(listing.next_pages))
    return listing
