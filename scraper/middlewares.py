"""Downloader middlewares of the crawl: canonical URLs, size limits, fetch accounting, <meta refresh> of stubs."""
from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware as ScrapyMetaRefreshMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.gz import gunzip

from scraper import fetch_errors
from scraper.extract.canonical import canonical_url, join_url, netloc_of
from scraper.extract.refresh import stub_refresh_target
from scraper.signals import fetch_recorded, send_direct

__all__ = ["CanonicalUrlMiddleware", "FetchAccountingMiddleware", "MetaRefreshMiddleware", "SizeLimitMiddleware",
           "utc_second"]

logger = logging.getLogger(__name__)


_stamp: tuple[int, str] = (0, "")


def utc_second() -> str:
    """The current UTC second in ISO form (made once a second: every response asks for it)."""
    global _stamp
    second = int(time.time())
    if _stamp[0] != second:
        _stamp = (second, datetime.fromtimestamp(second, timezone.utc).isoformat())
    return _stamp[1]


# Scrapy scans the first 4,096 characters for <meta http-equiv="refresh">: at most 4 bytes each in
# UTF-8, one in the single-byte encodings; UTF-16/32 (NUL bytes near the start) are always looked at.
_REFRESH_SCAN_BYTES = 4 * 4096


class MetaRefreshMiddleware(ScrapyMetaRefreshMiddleware):
    """<meta refresh> followed only from an empty stub page, and only on the portal's own host.

    Portals put `<meta http-equiv="refresh" content="60;url=/">` on whole articles: Scrapy's
    middleware replaced every such article by the home page (none archived, "1 failed"), and it
    followed a refresh to another host or port (with that host's robots.txt). A page with
    content is read as it is (scraper.extract.refresh decides what a stub is). The raw bytes
    rule most pages out first: Scrapy decoded every whole HTML body to look at its start (~4%
    of the crawl process's CPU); a body without the word "refresh" there cannot redirect.
    """

    def process_response(self, request, response, spider=None):
        body = response.body
        # a lower-cased copy and a plain find: a case-insensitive regex scans ~7x slower
        if body.find(b"\x00", 0, 512) < 0 and body[:_REFRESH_SCAN_BYTES].lower().find(b"refresh") < 0:
            return response
        if request.meta.get("dont_redirect") or request.method == "HEAD" or not isinstance(response, HtmlResponse):
            return response
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1") or None
        target = stub_refresh_target(body, response.url, content_type)
        if target is None:
            return response
        if urlsplit(target).scheme not in ("http", "https") or netloc_of(target) != netloc_of(request.url):
            logger.info("meta refresh of %s to %s not followed: not on the portal's host", request.url, target)
            return response
        return self._redirect(self._redirect_request_using_get(request, response, target), request, "meta refresh")


class CanonicalUrlMiddleware:
    """Every request (links, redirects) goes out under its canonical URL: tracking params and
    fragments off, so the duplicate filter sees one article once."""

    def process_request(self, request, spider=None):
        url = canonical_url(request.url)
        if url and url != request.url:
            return request.replace(url=url)
        return None


# request.meta key: why a response's body was refused (its error kind and message), for FetchAccountingMiddleware
BODY_REFUSED = "_body_refused"


class SizeLimitMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression (and of gzipped sitemaps), with a size limit per kind of request, that
    records what it refuses.

    Each request gets the download limit of its kind (`download_maxsize`: pages
    PORTAL_ARCHIVE_PAGE_MAXSIZE, sitemaps PORTAL_ARCHIVE_SITEMAP_MAXSIZE, media DOWNLOAD_MAXSIZE);
    the download handler stops reading past it, and the same limit bounds what a compressed body
    may inflate to (Scrapy's limit was 1 GB: a 145 KB gzip answer inflating to 200 MB took the
    crawl to 7.3 GB). It sits between the WARC writer (which keeps the bytes as sent) and
    FetchAccountingMiddleware: a body over its limit, or one that does not decompress, reaches
    the accounting empty and marked, which records it and fails the request.
    """

    def __init__(self, stats=None, *, crawler=None):
        super().__init__(stats=stats, crawler=crawler)
        settings = crawler.settings
        self._limits = {"sitemap": settings.getint("PORTAL_ARCHIVE_SITEMAP_MAXSIZE"),
                        "media": settings.getint("DOWNLOAD_MAXSIZE")}
        self._page_limit = settings.getint("PORTAL_ARCHIVE_PAGE_MAXSIZE")

    def process_request(self, request, spider=None):
        if "download_maxsize" not in request.meta:
            request.meta["download_maxsize"] = self._limits.get(request.meta.get("kind"), self._page_limit)
        return super().process_request(request)

    def process_response(self, request, response, spider=None):
        if not response.headers.get(b"Content-Encoding"):
            if request.meta.get("kind") == "sitemap" and response.body[:2] == b"\x1f\x8b":
                return self._gunzip_sitemap(request, response)
            return response
        try:
            return super().process_response(request, response)
        except IgnoreRequest as refused:  # Scrapy's way of saying "inflates past the limit"
            request.meta[BODY_REFUSED] = ("too large", str(refused))
        except Exception as broken:  # noqa: BLE001 - a corrupt body is the portal's fault, not the crawl's
            request.meta[BODY_REFUSED] = ("bad content encoding", f"{type(broken).__name__}: {broken}")
        return response.replace(body=b"")

    def _gunzip_sitemap(self, request, response):
        """A `sitemap.xml.gz` file (gzip served as a file, not as a Content-Encoding), inflated here
        under the sitemap limit, so that one inflating past it is on record like any other."""
        limit = request.meta["download_maxsize"]
        try:
            body = gunzip(response.body, max_size=limit)
        except ValueError as exc:  # Scrapy's "decompressed past max_size"
            request.meta[BODY_REFUSED] = ("too large", f"{len(response.body)} B gzip file: {exc}")
            return response.replace(body=b"")
        except (OSError, EOFError) as exc:
            request.meta[BODY_REFUSED] = ("bad content encoding", f"{type(exc).__name__}: {exc}")
            return response.replace(body=b"")
        return response.replace(body=body)


class FetchAccountingMiddleware:
    """Reports every response (before redirects and retries act on it) and every download
    error as a `fetch_recorded` signal; the archive pipeline stores them per run."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        request.meta["_fetch_started"] = time.monotonic()
        return None

    def process_response(self, request, response, spider=None):
        refused = request.meta.get(BODY_REFUSED)
        if refused is not None:
            kind, message = refused
            self._emit(request, response.status, error=f"{kind}: {message}"[:500],
                       error_kind=fetch_errors.kind_of_refusal(kind))
            raise IgnoreRequest(f"{kind}: {request.url}")
        redirect_to = error = None
        error_kind = fetch_errors.kind_of_status(response.status)
        if error_kind:
            error = f"HTTP {response.status}"
        if 300 <= response.status < 400 and b"Location" in response.headers:
            location = response.headers[b"Location"].decode("latin-1")
            if join_url(request.url, location) is not None:
                redirect_to = canonical_url(location, request.url) or location
            else:  # "http://[bad": no URL at all
                error_kind, error = fetch_errors.BAD_REDIRECT, f"bad redirect Location {location[:200]!r}: not an address"
                # Left to Scrapy, the redirect middleware would raise on it (a traceback, no errback):
                # without its Location the answer is an HTTP error like any other, and reaches the errback.
                del response.headers[b"Location"]
        self._emit(request, response.status, redirect_to=redirect_to, error=error, error_kind=error_kind)
        return response

    def process_exception(self, request, exception, spider=None):
        kind = fetch_errors.kind_of_exception(exception)
        error = fetch_errors.describe(exception)
        if kind == fetch_errors.TOO_LARGE:
            error = f"too large: {error}"  # the download handler stopped at download_maxsize
        self._emit(request, None, error=error[:500], error_kind=kind)
        return None

    def _emit(self, request, status, *, error=None, redirect_to=None, error_kind=None) -> None:
        started = request.meta.get("_fetch_started")
        send_direct(
            self.crawler.signals, fetch_recorded, url=request.url, status=status, error=error, redirect_to=redirect_to,
            kind=request.meta.get("kind") or ("robots" if request.url.endswith("/robots.txt") else "other"),
            fetched_at=utc_second(), elapsed=None if started is None else round(time.monotonic() - started, 4),
            error_kind=error_kind,
        )
