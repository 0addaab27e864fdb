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
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from scraper.extract import extract_article, extract_listing, is_article, is_page

from scraper.extract.canonical import canonical_url
from scraper.workers import ordered_map

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


@lru_cache(maxsize=1 << 16)
def canonical(url: str) -> str:
    """The crawl's own canonical form, so a WARC import and a crawl agree on URLs.

    Cached: an import asks for the same URLs again and again (a link, its capture, its check
    as a candidate, its images), at about 0.1 ms a call (a 2,000-article WARC: 24,559 calls)."""
    return canonical_url(url) or url


def has_article(record: dict, strict: bool) -> bool:
    """An extracted record is an article (scraper.extract's one rule; `strict`: a date or a view count too)."""
    return is_article(record, strict)


def _links(args: tuple) -> list[str] | None:
    body, url, family, *content_type = args
    try:
        listing = extract_listing(body, url, family=family, content_type=(content_type or [None])[0])
    except Exception:  # one unparsable page must not stop an import
        return None
    return [canonical(u) for u in listing.article_urls]


def links_and_record(args: tuple) -> tuple[list[str] | None, dict | None, bool]:
    """(body, url, family, content type, want links, want record) -> (article links or None, article
    record or None, whether the record was asked for): one page's extraction, for a worker process.

    The record is asked for only when the page is linked as an article already, or when its own
    links name it: a listing's article extraction (a second parse of a page that is no article,
    ~4 ms each) is left to the end of the import, where it is done only if the page turns out linked."""
    body, url, family, content_type, want_links, want_record = args
    links = _links((body, url, family, content_type)) if want_links else None
    if not want_record and links and canonical(url) in links:
        want_record = True
    return links, (extract_record((body, url, family, content_type)) if want_record else None), want_record


def extract_record(args: tuple) -> dict | None:
    """(body, url, family, content type) -> the article record, or None when extraction fails.

    Without the cleaned body HTML: a capture's page is archived whole with its article (every
    caller saves it as the raw page), and the archive keeps no body HTML beside a raw page."""
    body, url, family, content_type = args
    try:
        return extract_article(body, url, family=family, content_type=content_type, with_html=False).to_dict()
    except Exception:
        return None


class ArticlePicker:
    """Two passes: `observe` every page capture (collects article links), then `pick` the articles.

    `workers` > 1 runs extraction in that many processes (a big WARC on a multi-core machine).
    `links_from_articles=False` skips the link pass on pages already known as articles: in a
    crawler's WARC the listings come before the articles they link, and reading every article
    page for links costs more than extracting it (an article linked only from another article's
    "related news" is then missed).
    """

    def __init__(self, family: str | None = None, workers: int = 1, links_from_articles: bool = True) -> None:
        self.family = family
        self.workers = workers
        self.links_from_articles = links_from_articles
        self.linked: set[str] = set()
        self.listings_seen = 0

    def add_links(self, links: list[str] | None) -> None:
        """Links a page's listing extraction found (None: it found none, or failed)."""
        if links:
            self.listings_seen += 1
            self.linked.update(links)

    def known_article(self, url: str) -> None:
        """An address the archive already holds as an article (a revisit of its archived page):
        a candidate whatever the listings read link to."""
        self.linked.add(canonical(url))

    def observe(self, capture: Capture) -> None:
        if capture.status == 200 and is_page(capture.content_type, capture.body):
            self.add_links(_links((capture.body, capture.url, self.family, capture.content_type)))

    def observe_all(self, captures: Iterable[Capture]) -> None:
        pages = ((None, (c.body, c.url, self.family, c.content_type)) for c in captures
                 if c.status == 200 and is_page(c.content_type, c.body)
                 and (self.links_from_articles or canonical(c.url) not in self.linked))
        # serial: with article pages skipped, listings are few, and workers would mostly wait
        workers = self.workers if self.links_from_articles else 1
        for _, links in ordered_map(_links, pages, workers):
            self.add_links(links)

    def candidate(self, url: str) -> bool:
        """Could this URL be an article? (Without listings, every page is a candidate.)"""
        return not self.listings_seen or canonical(url) in self.linked

    def pick(self, captures: Iterable[Capture]) -> Iterator[tuple[Capture, dict]]:
        """Article records of the captures that are articles, in the order given."""
        strict = not self.listings_seen
        pages = ((c, (c.body, c.url, self.family, c.content_type)) for c in captures
                 if c.status == 200 and self.candidate(c.url) and is_page(c.content_type, c.body))
        for capture, record in ordered_map(extract_record, pages, self.workers):
            if record is not None and has_article(record, strict):
                yield capture, record


def in_capture_order(refs: Iterable[CaptureRef], load: Callable[[CaptureRef], Capture | None]) -> Iterator[Capture]:
    """Load the referenced captures oldest first (stable for equal times)."""
    for ref in sorted(refs, key=lambda r: r.captured_at):
        capture = load(ref)
        if capture is not None:
            yield capture


__all__ += ["in_capture_order", "ordered_map", "has_article", "extract_record", "links_and_record"]
