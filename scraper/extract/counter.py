"""A view count a page leaves to a script: where the views label stands, the template puts a
`<script src>` whose answer writes the figure in its place (EmpireCMS's `Lượt xem: <script
src=/e/public/ViewClick/?classid=12&id=1206&addclick=1>` answering `document.write('348');`,
DedeCMS's `点击：<script src="/plus/count.php?view=yes&aid=128">`). The page holds no figure at all;
the crawl asks the script (on the portal's host, as robots.txt allows) and extraction reads its answer.

Found by the label just before the script, on every platform alike; a script elsewhere (a counter
that fills an element by id from the page's foot) is not asked.
"""
from __future__ import annotations

import re

from scraper.extract.canonical import canonical_url, netloc_of
from scraper.extract.decode import bytes_hold
from scraper.extract.numbers import parse_count

__all__ = ["may_leave_views_to_script", "views_script_link", "views_in_script_answer"]

# the views label (Vietnamese, English, and the Chinese CMSs' 点击 "clicks", 浏览 "views", 阅读 "reads")
# ending the text written just before the script
_LABEL_BEFORE = re.compile(r"(?:lượt\s+xem|lượt\s+đọc|số\s+lần\s+xem|lần\s+xem|views?|hits|点击|浏览|阅读)"
                           r"(?:\s*(?:数|次数))?\s*[:：]?\s*$", re.I)
# What such a page holds somewhere (its UTF-8 bytes): a label, then a script element within a few
# tags of it. Most pages are ruled out with one search, without parsing them.
_BYTES = re.compile(rb"(?:l\xc6\xb0\xe1\xbb\xa3t (?:xem|\xc4\x91\xe1\xbb\x8dc)|views?|hits|\xe7\x82\xb9\xe5\x87\xbb|"
                    rb"\xe6\xb5\x8f\xe8\xa7\x88|\xe9\x98\x85\xe8\xaf\xbb)[^<]{0,12}(?:<[^>]{0,120}>\s*){0,3}<script\b[^>]*\bsrc",
                    re.I)
# the figure the answer writes: `document.write('348');`, `$('#hits').html('1,482');`, `el.innerHTML = "968"`
_WRITTEN = re.compile(r"""(?:document\.write(?:ln)?|\.html|\.text|innerHTML\s*=|innerText\s*=)\s*\(?\s*(['"])\s*"""
                      r"""(\d[\d.,\u00a0 ]*)\s*\1""")


def may_leave_views_to_script(html: bytes | str) -> bool:
    """Whether the page can leave its view count to a script at all (a cheap look at its bytes)."""
    return bytes_hold(html, _BYTES)


def views_script_link(tree, url: str) -> str | None:
    """The same-host address of the script standing where the views label asks for its figure."""
    page = canonical_url(url)
    if page is None:
        return None
    for script in tree.iter("script"):
        src = (script.get("src") or "").strip()
        if not src or not _LABEL_BEFORE.search(_text_before(script)):
            continue
        found = canonical_url(src, page)
        if found and netloc_of(found) == netloc_of(page):
            return found
    return None


def _text_before(el) -> str:
    """The text written just before an element: its previous sibling's tail or its parent's text,
    through a wrapper holding nothing else (`Lượt xem: <span><script src=...></script></span>`)."""
    for _ in range(2):
        prev = el.getprevious()
        if prev is not None:
            # (a label of its own before the script's wrapper: `<span class="label">Lượt xem:</span>
            # <span class="count"><script src=...></script></span>`)
            return prev.tail if (prev.tail or "").strip() else "".join(prev.itertext())
        parent = el.getparent()
        if parent is None:
            return ""
        if (parent.text or "").strip() or len(parent) > 1:
            return parent.text or ""
        el = parent
    return ""


def views_in_script_answer(answer: bytes | str | None) -> int | None:
    """The view count a counter script's answer writes, or None."""
    if not answer:
        return None
    text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer
    found = _WRITTEN.search(text[:2000])
    return parse_count(found.group(2)) if found else None
