"""Signals of the crawl, beside Scrapy's own."""
from __future__ import annotations

import logging

from pydispatch.dispatcher import getAllReceivers, liveReceivers

__all__ = ["archive_opened", "captures_written", "fetch_recorded", "media_stored", "send_direct", "walk_progress"]

logger = logging.getLogger(__name__)

# Sent for every HTTP exchange (and every failed one) with url, status, error, redirect_to,
# kind, fetched_at, elapsed: the archive pipeline turns each into a row of the fetches table.
fetch_recorded = object()
# Sent by the spider as its walk moves on, with done (the URL of a listing or article request that
# has ended, or None) and found ((url, kind, meta) of the requests it led to): the archive pipeline
# keeps the unfinished walk in the archive, so a run killed or stopped half-way is finished next time.
walk_progress = object()
# Sent by the archive pipeline once the run is open, before the first request, with known_urls
# (articles already archived, and pages found not to be articles), pending ((url, kind, meta) of
# the walk interrupted runs left), known_before_walk (the articles archived before that walk began)
# and page_sink (None, or a callable taking an ArticleItem straight from a callback: offered when
# no spider middleware reads article items). The spider takes them; nothing writes into it.
archive_opened = object()
# Sent by the media middleware for each image or attachment stored, with url and info (sha256,
# content_type, size): the archive pipeline links them to their articles when the crawl closes.
media_stored = object()
# Sent by the WARC writer when the crawl closes and its files are complete, with pages and media
# (url -> pointer of the latest 200 response this run) and earlier (pointers of records the files
# already held): the archive pipeline links each capture to its article.
captures_written = object()


def send_direct(signals, signal: object, **named) -> None:
    """Call the receivers connected to `signal` through `signals` (a crawler's SignalManager) with `named`.

    For signals sent on every response: Scrapy's `send_catch_log` matches each receiver's
    signature anew on every call (pydispatch's robustApply), here receivers take **kwargs.
    Like it, an error in one receiver is logged and does not reach the sender."""
    for receiver in liveReceivers(getAllReceivers(signals.sender, signal)):
        try:
            receiver(**named)
        except Exception:
            logger.error("Error caught on signal handler: %r", receiver, exc_info=True)
