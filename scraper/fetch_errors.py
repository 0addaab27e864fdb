"""Why a request failed, in one word a query can count (the `error_kind` of a `fetches` row).

The kinds: the network gave no answer, the server answered an HTTP error, the answer was over a
size limit, the Location of a redirect is no URL, the body does not decompress, extraction failed on the page, the page is no
article, robots.txt forbids the URL. The `error` column keeps the detail.

The archive writer process reads the names only; it never imports Scrapy.
"""
from __future__ import annotations

__all__ = ["BAD_ENCODING", "BAD_REDIRECT", "EXTRACTION_FAILED", "HTTP", "KINDS", "NETWORK", "NOT_ARTICLE", "ROBOTS", "TOO_LARGE",
           "describe", "kind_of_exception", "kind_of_refusal", "kind_of_status"]

NETWORK = "network"
HTTP = "http"
TOO_LARGE = "too_large"
BAD_REDIRECT = "bad_redirect"
EXTRACTION_FAILED = "extraction_failed"
NOT_ARTICLE = "not_article"
ROBOTS = "robots"
BAD_ENCODING = "bad_content_encoding"
KINDS = (NETWORK, HTTP, TOO_LARGE, BAD_REDIRECT, BAD_ENCODING, EXTRACTION_FAILED, NOT_ARTICLE, ROBOTS)


def kind_of_status(status: int | None) -> str | None:
    return HTTP if status is not None and status >= 400 else None


def kind_of_exception(exc: BaseException) -> str:
    from scrapy.exceptions import DownloadCancelledError, IgnoreRequest  # the crawl side only: the writer uses the names

    # Scrapy cancels a download over DOWNLOAD_MAXSIZE (announced or received) with this message
    if isinstance(exc, DownloadCancelledError) and "max size" in str(exc):
        return TOO_LARGE
    if isinstance(exc, IgnoreRequest) and "robots.txt" in str(exc):
        return ROBOTS
    return NETWORK


def kind_of_refusal(reason: str) -> str:
    """The kind of a body SizeLimitMiddleware refused ("too large", "bad content encoding")."""
    return TOO_LARGE if reason == "too large" else BAD_ENCODING


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]
