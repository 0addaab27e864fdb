"""`<meta http-equiv="refresh">`: a link on any page, and where an empty stub page sends its reader.

Portals put a refresh on full pages too (`content="60;url=/"`: back to the home page after a
minute). Such a page is read for what it holds and its refresh target is one more link on it
(the listing rules decide whether it leads anywhere worth going); only a page with nothing to
read (a stub: "you are being redirected") is replaced by its refresh target. Whether the target
may be fetched at all (the portal's own host) is the crawl's business.
"""
from __future__ import annotations

import re

import lxml.etree

from scraper.extract.canonical import join_url
from scraper.extract.decode import decode_page
from scraper.extract.text import clean_text

__all__ = ["STUB_TEXT_CHARS", "refresh_url", "stub_refresh_target"]

# Visible text a stub has at most: "Đang chuyển hướng... Bấm vào đây nếu trình duyệt không tự
# chuyển" is ~70 characters; a listing's or an article's text is thousands.
STUB_TEXT_CHARS = 200
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True, encoding="utf-8")
_INVISIBLE = ("script", "style", "noscript", "template", "head", "title")
# "5; url='/x'", "0;URL=/x", "0, url=/x", "3;/x" (browsers read all of them)
_CONTENT = re.compile(r"""^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?["']?\s*([^"'\s][^"']*?)["']?\s*$""", re.I)


def refresh_url(tree, base: str) -> str | None:
    """The absolute URL the page's <meta http-equiv="refresh"> names (not one inside <noscript>)."""
    head = tree.find("head") if tree.tag == "html" else None
    for meta in (head if head is not None else tree).iter("meta"):
        if (meta.get("http-equiv") or "").strip().lower() != "refresh" or meta.getparent().tag == "noscript":
            continue
        m = _CONTENT.match(meta.get("content") or "")
        if m and not m.group(1)[:1].isdigit():
            return join_url(base, m.group(1).strip())
    return None


def stub_refresh_target(html: bytes | str, url: str, content_type: str | None = None) -> str | None:
    """The absolute URL a page's <meta refresh> names, when the page is an empty stub; else None."""
    text = decode_page(html, content_type).text
    try:
        tree = lxml.etree.fromstring(text.encode("utf-8"), _PARSER)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None
    if tree is None:
        return None
    target = refresh_url(tree, url)
    if target is None:
        return None
    lxml.etree.strip_elements(tree, *_INVISIBLE, with_tail=False)
    return target if len(clean_text("".join(tree.itertext()))) <= STUB_TEXT_CHARS else None
