"""The print view an article page links: where the page itself shows no article (its text loaded
by a script, a module that renders nothing without a session), the print view of the same article
is plain HTML with the text in it.

Found by what any reader sees in a print link, on every platform alike, not by a platform's own
address: the link's words ("In bài", "Bản in", "Print"), its class, id or rel (`print`, `in-bai`,
`ban-in`), or an address of the usual forms (`?print=1`, `/print/`, `print.aspx`,
`tmpl=component&print=1`); `javascript:` links that open a window on an address give that address.
A link calling `window.print()` prints the page itself: there is nothing else to fetch.
"""
from __future__ import annotations

import re

from scraper.extract.canonical import canonical_url, netloc_of
from scraper.extract.decode import bytes_hold
from scraper.extract.text import clean_text

__all__ = ["may_link_print_view", "print_view_link"]

_WORDS = re.compile(r"^(in|in bài|in bài viết|in tin|in tin bài|in trang|in văn bản|bản in|xem bản in|"
                    r"print|print this( page| article)?|printer[- ]friendly( version)?|printable version|print view)$",
                    re.I)
_NAMES = re.compile(r"(^|[\s_-])(print|printer|printable|in-?bai|ban-?in)([\s_-]|$)", re.I)
_ADDRESS = re.compile(r"[?&](print|printable|in)=(1|true|yes)\b|/print(er)?(/|$)|[/_-]print(er)?\.(aspx?|php|html?)\b|"
                      r"/(in-?bai|ban-?in)(/|\.|$)", re.I)
_OPENS = re.compile(r"""(?:window\.open|location(?:\.href)?\s*=)\s*\(?\s*['"]([^'"]+)['"]""")
# What a page linking a print view must hold somewhere (its UTF-8 or escaped bytes): the bytes of most
# pages are ruled out with one search, without parsing them.
_BYTES = re.compile(rb"print|in b\xc3\xa0i|b\xe1\xba\xa3n in|in-?bai|ban-?in|in b&agrave;i", re.I)


def may_link_print_view(html: bytes | str) -> bool:
    """Whether the page can link a print view at all (a cheap look at its bytes)."""
    return bytes_hold(html, _BYTES)


def print_view_link(tree, url: str) -> str | None:
    """The same-host address of the print view the page links, in canonical form, or None."""
    page = canonical_url(url)
    if page is None:
        return None
    host = netloc_of(page)
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        target = href
        if not href or href.startswith("#") or href.lower().startswith("javascript:"):
            opened = _OPENS.search(a.get("onclick") or "") or _OPENS.search(href)
            if opened is None:
                continue
            target = opened.group(1)
        if not _is_print_link(a, target):
            continue
        found = canonical_url(target, page)
        if found and found != page and netloc_of(found) == host:
            return found
    return None


def _is_print_link(a, target: str) -> bool:
    names = " ".join(filter(None, (a.get("class"), a.get("id"), a.get("rel"))))
    if names and _NAMES.search(names):
        return True
    for text in (clean_text("".join(a.itertext())), clean_text(a.get("title") or "")):
        if text and _WORDS.match(text.rstrip(" :.")):
            return True
    return bool(_ADDRESS.search(target))
