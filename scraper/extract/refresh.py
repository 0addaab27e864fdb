"""`<meta http-equiv="refresh">`: where an empty stub page sends its reader.

Portals put a refresh on full pages too (`content="60;url=/"`: back to the home page after a
minute). Such a page is read for what it holds; only a page with nothing to read (a stub: "you
are being redirected") is replaced by its refresh target. Whether the target may be fetched at
all (the portal's own host) is the crawl's business.
"""
from __future__ import annotations

import lxml.etree
from w3lib.html import get_meta_refresh

from scraper.extract.decode import decode_page
from scraper.extract.text import clean_text

__all__ = ["STUB_TEXT_CHARS", "stub_refresh_target"]

# Visible text a stub has at most: "Đang chuyển hướng... Bấm vào đây nếu trình duyệt không tự
# chuyển" is ~70 characters; a listing's or an article's text is thousands.
STUB_TEXT_CHARS = 200
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True, encoding="utf-8")
_INVISIBLE = ("script", "style", "noscript", "template", "head", "title")


def stub_refresh_target(html: bytes | str, url: str, content_type: str | None = None) -> str | None:
    """The absolute URL a page's <meta refresh> names, when the page is an empty stub; else None."""
    text = decode_page(html, content_type).text
    _, target = get_meta_refresh(text[:4096], url, ignore_tags=("script", "noscript"))
    if not target:
        return None
    try:
        tree = lxml.etree.fromstring(text.encode("utf-8"), _PARSER)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        tree = None
    if tree is None:
        return target  # nothing readable besides the refresh
    lxml.etree.strip_elements(tree, *_INVISIBLE, with_tail=False)
    return target if len(clean_text("".join(tree.itertext()))) <= STUB_TEXT_CHARS else None
