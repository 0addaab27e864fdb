"""The crawl's HTTP client: aiohttp (its HTTP parser is C) under Scrapy's asyncio reactor.

Scrapy's default client, Twisted's, parses every response in Python: on the crawl benchmark it
was the largest single cost of the crawl process, which is bound to one core. Scrapy ships an
aiohttp download handler; it is used as is, except that its session is opened on the first
request. Scrapy builds download handlers before the reactor starts, when no event loop runs, and
aiohttp will not open a session then (Scrapy's handler then fails every request with "no running
event loop").

URLs go out exactly as the page wrote them (aiohttp would re-quote them). aiohttp parses responses
in its lax mode (folded headers, bare LF line ends and repeated singleton headers, as old IIS
servers send them, are accepted). Scrapy marks its handler experimental; this project runs every
crawl of its test suite through it (redirects, 404/500, timeouts, robots.txt, killed crawls), so
the warning is not repeated in every crawl's log.
"""
from __future__ import annotations

from typing import ClassVar

# Scrapy's private parts, reached through one adapter that names what this class relies on.
from scraper.scrapy_aiohttp import AiohttpDownloadHandler, BaseStreamingDownloadHandler

__all__ = ["PortalHttpHandler"]


class PortalHttpHandler(AiohttpDownloadHandler):
    """Scrapy's aiohttp download handler, with its session opened inside the running event loop."""

    experimental: ClassVar[bool] = False

    def __init__(self, crawler) -> None:
        BaseStreamingDownloadHandler.__init__(self, crawler)  # everything but the session
        self._session = None

    def _make_request(self, request, timeout: float):
        if self._session is None:
            # Scrapy's own set-up, session included, now that a loop runs (it only sets attributes)
            AiohttpDownloadHandler.__init__(self, self.crawler)
        # aiohttp re-quotes a URL given as text (yarl turns "%2C" into ","): send it as Scrapy has it,
        # byte for byte, as Twisted's client did. Scrapy's handler does that for this meta key.
        request.meta["verbatim_url"] = True
        return super()._make_request(request, timeout)

    async def close(self) -> None:
        if self._session is not None:
            await super().close()
