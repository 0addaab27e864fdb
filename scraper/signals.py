"""Signals of the crawl, beside Scrapy's own."""
from __future__ import annotations

import logging

from pydispatch.dispatcher import getAllReceivers, liveReceivers

__all__ = ["fetch_recorded", "send_direct", "walk_progress"]

logger = logging.getLogger(__name__)

# Sent for every HTTP exchange (and every failed one) with url, status, error, redirect_to,
# kind, fetched_at, elapsed: the archive pipeline turns each into a row of the fetches table.
fetch_recorded = object()
# Sent by the spider as its walk moves on, with done (the URL of a listing or article request that
# has ended, or None) and found ((url, kind, meta) of the requests it led to): the archive pipeline
# keeps the unfinished walk in the archive, so a run killed or stopped half-way is finished next time.
walk_progress = object()


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
