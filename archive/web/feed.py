"""Atom feeds of a search (or one portal: a search by site alone): its newest articles first.

A researcher follows a query or a portal in any feed reader. Built with ElementTree, so every
title and snippet from a portal is escaped."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone

__all__ = ["atom_feed", "FEED_SIZE"]

FEED_SIZE = 50
_ATOM = "http://www.w3.org/2005/Atom"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _stamp(iso: str | None) -> str:
    """RFC 3339 with an offset, as Atom requires (a bare day is midnight in Vietnam)."""
    if not iso:
        return datetime(1970, 1, 1, tzinfo=timezone.utc).isoformat()
    if len(iso) == 10:
        return f"{iso}T00:00:00+07:00"
    return iso.replace("Z", "+00:00")


def atom_feed(base: str, self_url: str, title: str, lang: str, untitled: str, hits: list[dict]) -> bytes:
    """The feed document: one entry per hit (id, title, published, snippet, original and archived
    links), its own words (`title`, `untitled`) in the reader's language `lang`."""
    ET.register_namespace("", _ATOM)
    feed = ET.Element(f"{{{_ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _sub(feed, "id", self_url)
    _sub(feed, "title", title)
    _sub(feed, "link", rel="self", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=self_url.replace("/search.atom", "/search", 1))
    newest = max((h.get("published") or "" for h in hits), default="")
    _sub(feed, "updated", _stamp(newest or None))
    _sub(_sub(feed, "author"), "name", "portal-archive")
    for hit in hits:
        entry = _sub(feed, "entry")
        page = f"{base}/article/{hit['id']}"
        _sub(entry, "id", page)
        _sub(entry, "title", hit.get("title") or untitled)
        _sub(entry, "link", rel="alternate", type="text/html", href=page)
        _sub(entry, "link", rel="via", href=hit.get("url"))
        _sub(entry, "published", _stamp(hit.get("published")))
        _sub(entry, "updated", _stamp(hit.get("published")))
        _sub(_sub(entry, "author"), "name", hit.get("author") or hit.get("site_name") or hit.get("site") or "")
        if hit.get("snippet"):
            _sub(entry, "summary", hit["snippet"])
        if hit.get("category"):
            _sub(entry, "category", term=hit["category"])
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
