"""Signals of the crawl, beside Scrapy's own."""

__all__ = ["fetch_recorded"]

# Sent for every HTTP exchange (and every failed one) with url, status, error, redirect_to,
# kind, fetched_at, elapsed: the archive pipeline turns each into a row of the fetches table.
fetch_recorded = object()
