"""Sitemaps, pure: the page URLs and child sitemaps a sitemap lists.

Handles the three forms of the sitemap protocol (sitemaps.org): an XML `<urlset>`, an XML
`<sitemapindex>` naming more sitemaps, and a plain-text list of URLs, each possibly gzipped
(`sitemap.xml.gz` is usually served as `application/x-gzip`, not with Content-Encoding, so the
HTTP layer hands over the compressed bytes). Which of the URLs are articles is the listing
rules' call (`scraper.extract.listing`); this module only reads the file.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import lxml.etree

from scraper.extract.canonical import canonical_url, netloc_of

__all__ = ["SitemapEntries", "gunzip_capped", "is_gzip", "looks_like_sitemap", "parse_sitemap"]

# The protocol's own ceiling for one uncompressed sitemap: more is a broken or hostile file.
_MAX_UNCOMPRESSED = 50 * 1024 * 1024
# the root element, after any XML declaration, stylesheet instruction or comment
_XML_ROOT = re.compile(r"(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<(?:[\w-]+:)?(urlset|sitemapindex)\b", re.S)
_TEXT_LINE = re.compile(r"https?://\S+$")
_XML_ENCODING = re.compile(rb"""(?<=<\?xml)([^>]*?)\sencoding=["'][\w.-]+["']""")


@dataclass(slots=True)
class SitemapEntries:
    """What one sitemap lists, as canonical same-host URLs in file order (newest first when dated)."""

    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    lastmod: dict[str, str] = field(default_factory=dict)


def is_gzip(body: bytes | str) -> bool:
    return isinstance(body, bytes) and body[:2] == b"\x1f\x8b"


def gunzip_capped(body: bytes, limit: int = _MAX_UNCOMPRESSED) -> bytes:
    """The decompressed bytes, cut at `limit` (a gzip bomb stops there); a truncated file keeps its head."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # 16+: the gzip header and trailer
    try:
        return inflater.decompress(body, limit)
    except zlib.error:
        return b""


def looks_like_sitemap(text: str) -> bool:
    """An XML urlset/sitemapindex, or a plain-text sitemap (nothing but absolute URLs, one a line)."""
    head = text.lstrip("\ufeff \t\r\n")[:1000]
    if head.startswith("<"):
        return bool(_XML_ROOT.match(head))
    lines = [line.strip() for line in head.splitlines()[:20] if line.strip()]
    return bool(lines) and all(_TEXT_LINE.match(line) for line in lines)


def parse_sitemap(body: bytes | str, url: str) -> SitemapEntries:
    """Page URLs and child sitemaps of one sitemap at `url`, on `url`'s host only.

    Entries with a `<lastmod>` come newest first (a crawl that stops early keeps the recent
    ones); undated entries keep their place after them.
    """
    if is_gzip(body):
        body = gunzip_capped(body)
    raw = body.encode("utf-8") if isinstance(body, str) else body
    raw = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    entries = SitemapEntries()
    if raw.startswith(b"<"):
        if isinstance(body, str):
            raw = _XML_ENCODING.sub(rb"\1", raw, count=1)  # the text is decoded already: utf-8 now
        _read_xml(raw, url, entries)
    else:
        for line in raw.decode("utf-8", "replace").splitlines():
            _add(entries.pages, line.strip(), url)
    entries.pages = list(dict.fromkeys(entries.pages))
    entries.sitemaps = list(dict.fromkeys(entries.sitemaps))
    if entries.lastmod:
        # ISO 8601 stamps sort as text; a reverse sort is stable, so equal stamps keep file order
        dated = sorted((u for u in entries.pages if u in entries.lastmod), key=entries.lastmod.__getitem__, reverse=True)
        entries.pages = dated + [u for u in entries.pages if u not in entries.lastmod]
    return entries


def _read_xml(raw: bytes, url: str, entries: SitemapEntries) -> None:
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(raw, parser)  # bytes: lxml honours the declared encoding
    except lxml.etree.XMLSyntaxError:
        return
    if root is None:
        return
    for loc in root.iter("{*}loc"):
        parent = loc.getparent()
        kind = lxml.etree.QName(parent).localname if parent is not None else ""
        target = entries.sitemaps if kind == "sitemap" else entries.pages
        value = _add(target, (loc.text or "").strip(), url)
        if value and kind != "sitemap":
            stamp = parent.findtext("{*}lastmod")
            if stamp and stamp.strip():
                entries.lastmod.setdefault(value, stamp.strip())


def _add(target: list[str], href: str, url: str) -> str | None:
    value = canonical_url(href, url) if href else None
    if value and netloc_of(value) == netloc_of(url):
        target.append(value)
        return value
    return None
