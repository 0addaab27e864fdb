"""A safe HTML form of the body: no scripts, styles, event attributes, forms or frames; absolute links.

A whitelist pass over a copy of the body (one walk, no re-parse): fast enough for the hot path,
and stricter than a blacklist. Lazy-load attributes are folded into `src` first.
"""
from __future__ import annotations

import lxml.etree

from scraper.extract.body import remove_keeping_tail
from scraper.extract.canonical import join_url  # cached: the body's images were resolved already

__all__ = ["sanitize_body_html", "ALLOWED_TAGS", "ALLOWED_ATTRS"]

ALLOWED_TAGS = frozenset(
    "p br div span a img strong b em i u s sub sup small h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody "
    "tfoot tr td th caption blockquote pre code figure figcaption hr section article center font".split())
ALLOWED_ATTRS = frozenset(["href", "src", "alt", "title", "colspan", "rowspan", "width", "height", "align"])
_DROP_WITH_CONTENT = frozenset(["script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed",
                                "applet", "form", "input", "button", "select", "textarea", "template", "svg", "math",
                                "link", "meta", "base", "head", "title", "canvas", "audio", "video", "source"])
_LAZY = ("data-src", "data-lazy-src", "data-original")
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#", "?")


def _safe_url(value: str, base_url: str) -> str | None:
    value = (value or "").strip()
    if not value or value.lower().startswith(("javascript:", "vbscript:", "data:")):
        return None
    full = join_url(base_url, value)
    return full if full and full.lower().startswith(_SAFE_SCHEMES) else None


def _unwrap(el) -> None:
    """Replace an element by its content (text, children, tail)."""
    parent = el.getparent()
    index = parent.index(el)
    prev = el.getprevious()
    if el.text:
        if prev is not None:
            prev.tail = (prev.tail or "") + el.text
        else:
            parent.text = (parent.text or "") + el.text
    children = list(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last = children[-1] if children else parent[index - 1] if index > 0 else None
    if el.tail:
        if last is not None:
            last.tail = (last.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _clean(root, base_url: str) -> None:
    for el in list(root.iter()):
        if el is not root and el.getparent() is None:
            continue
        if not isinstance(el.tag, str) or el.tag in _DROP_WITH_CONTENT:
            if el is not root:
                remove_keeping_tail(el)
            continue
        if el.tag == "img":
            for attr in _LAZY:
                if el.get(attr):
                    el.set("src", el.get(attr))
                    break
        attrib = el.attrib
        for attr in el.keys():  # a list: the attributes may be deleted meanwhile
            if attr not in ALLOWED_ATTRS:
                del attrib[attr]
        for attr in ("href", "src"):
            value = el.get(attr)
            if value is not None:
                url = _safe_url(value, base_url)
                if url is None:
                    del attrib[attr]
                else:
                    el.set(attr, url)
        if el.tag not in ALLOWED_TAGS and el is not root:
            _unwrap(el)
    if root.tag not in ALLOWED_TAGS:
        root.tag = "div"


def sanitize_body_html(roots, base_url: str) -> str | None:
    """Serialise cleaned copies of the content element(s) as one HTML fragment (the copies are changed)."""
    parts = []
    for root in roots or ():
        root.tail = None
        _clean(root, base_url)
        parts.append(lxml.etree.tostring(root, encoding="unicode", method="html"))
    html = "\n".join(p for p in parts if p.strip())
    return html or None
