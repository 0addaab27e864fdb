"""Signals of the crawl, beside Scrapy's own."""
from __future__ import annotations

import logging

from pydispatch.dispatcher import getAllReceivers, liveReceivers

__all__ = ["fetch_recorded", "send_direct"]

logger = logging.getLogger(__name__)

# Sent for every HTTP exchange (and every failed one) with url, status, error, redirect_to,
# kind, fetched_at, elapsed: the archive pipeline turns each into a row of the fetches table.
fetch_recorded = object()


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
