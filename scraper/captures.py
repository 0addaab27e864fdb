"""Archived captures (from WARC files or a Wayback service) to articles, through the same extraction.

A web archive holds every page a crawler saw: home pages, listings, articles, images, feeds.
Which ones are articles is decided the way the crawl decides it: a page is an article when a
listing (or another article) among the captures links to it as an article, and extraction
finds a title and a body in it. Captures with no listing at all among them (a WARC of single
pages) fall back to extraction alone: a title, a body and a date or view count.

Nothing here touches the network or the archive: callers feed captures in and get
`(capture, record)` pairs out, oldest capture first, so several captures of one article become
its versions in capture order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from scraper.extract import extract_article, extract_listing

try:  # the crawl's own canonical form, so a WARC import and a crawl agree on URLs
    from scraper.extract.canonical import canonical_url as _canonical
except ImportError:  # pragma: no cover - older extraction package
    _canonical = None

__all__ = ["Capture", "CaptureRef", "ArticlePicker", "canonical", "is_page"]


@dataclass(slots=True)
class Capture:
    """One archived HTTP response."""

    url: str
    captured_at: str  # ISO 8601, UTC
    status: int
    content_type: str
    body: bytes
    provenance: str  # "live" | "warc:<file name>" | "wayback"
    pointer: dict | None = None  # where the record lives (WARC file, offset, digest)


@dataclass(slots=True)
class CaptureRef:
    """A capture remembered without its body (bodies are re-read in the second pass)."""

    url: str
    captured_at: str
    key: object  # whatever lets the source load the body again
    extra: dict = field(default_factory=dict)


def canonical(url: str) -> str:
    if _canonical is not None:
        return _canonical(url) or url
    return url.split("#", 1)[0]


def is_page(content_type: str | None, body: bytes) -> bool:
    """HTML (or a JSON listing) worth looking at; images, scripts and styles are not."""
    ct = (content_type or "").lower()
    if "html" in ct or "json" in ct:
        return True
    if ct:
        return False
    return body[:512].lstrip()[:1] in (b"<", b"{", b"[")


def _has_article(record: dict, strict: bool) -> bool:
    if not (record.get("title") and record.get("body")):
        return False
    return not strict or bool(record.get("published") or record.get("views") is not None)


class ArticlePicker:
    """Two passes: `observe` every page capture (collects article links), then `pick` the articles."""

    def __init__(self, family: str | None = None) -> None:
        self.family = family
        self.linked: set[str] = set()
        self.listings_seen = 0

    def observe(self, capture: Capture) -> None:
        if capture.status != 200 or not is_page(capture.content_type, capture.body):
            return
        try:
            listing = extract_listing(capture.body, capture.url, family=self.family)
        except Exception:  # one unparsable page must not stop an import
            return
        if listing.article_urls:
            self.listings_seen += 1
            self.linked.update(canonical(u) for u in listing.article_urls)

    def candidate(self, url: str) -> bool:
        """Could this URL be an article? (Without listings, every page is a candidate.)"""
        return not self.listings_seen or canonical(url) in self.linked

    def pick(self, captures: Iterable[Capture]) -> Iterator[tuple[Capture, dict]]:
        """Article records of the captures that are articles, in the order given."""
        strict = not self.listings_seen
        for capture in captures:
            if capture.status != 200 or not self.candidate(capture.url):
                continue
            if not is_page(capture.content_type, capture.body):
                continue
            try:
                record = extract_article(capture.body, capture.url, family=self.family).to_dict()
            except Exception:
                continue
            if _has_article(record, strict):
                yield capture, record


def in_capture_order(refs: Iterable[CaptureRef], load: Callable[[CaptureRef], Capture | None]) -> Iterator[Capture]:
    """Load the referenced captures oldest first (stable for equal times)."""
    for ref in sorted(refs, key=lambda r: r.captured_at):
        capture = load(ref)
        if capture is not None:
            yield capture


__all__ += ["in_capture_order"]
