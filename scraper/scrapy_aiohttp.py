"""Adapter over Scrapy's aiohttp download handler: the one module that imports Scrapy's private parts.

scraper.http_client builds on the handler Scrapy ships in private modules (`_aiohttp`,
`_base_streaming`) and marks experimental: a Scrapy upgrade may move or reshape them without notice.
Everything the client relies on is named here once and checked by `problems()`, which the test suite
runs (tests/crawl/test_crawl_http_client.py), so an upgrade that changes one of them fails naming it
instead of showing up as crawls that fetch nothing.
"""
from __future__ import annotations

import importlib
import inspect

import scrapy

__all__ = ["AiohttpDownloadHandler", "BaseStreamingDownloadHandler", "ScrapyInternalsChanged", "problems"]

HANDLER = ("scrapy.core.downloader.handlers._aiohttp", "AiohttpDownloadHandler")
BASE = ("scrapy.core.downloader.handlers._base_streaming", "BaseStreamingDownloadHandler")


class ScrapyInternalsChanged(ImportError):
    """This Scrapy no longer has what scraper.http_client relies on (see `problems`)."""


def _load(module: str, name: str) -> type:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise ScrapyInternalsChanged(
            f"scraper.http_client relies on {module}.{name}, which Scrapy {scrapy.__version__} does not have "
            f"({exc}): adapt scraper/scrapy_aiohttp.py and scraper/http_client.py to it") from None


AiohttpDownloadHandler = _load(*HANDLER)
BaseStreamingDownloadHandler = _load(*BASE)


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def _source(function) -> str:
    try:
        return inspect.getsource(inspect.unwrap(function))
    except (OSError, TypeError):
        return ""


def problems(handler: type = AiohttpDownloadHandler, base: type = BaseStreamingDownloadHandler) -> list[str]:
    """What the client relies on that `handler` (Scrapy's, by default) no longer does; empty when all holds."""
    where = f"{handler.__module__}.{handler.__qualname__} (Scrapy {scrapy.__version__})"
    found = []
    if not issubclass(handler, base):
        found.append(f"{where} no longer derives from {base.__qualname__}, whose __init__ the client calls "
                     "alone to build the handler without its session")
    for cls in (handler, base):
        if _parameters(cls.__init__) != ["self", "crawler"]:
            found.append(f"{cls.__qualname__}.__init__ no longer takes (self, crawler): "
                         f"it takes {_parameters(cls.__init__)}")
    if "self._session" not in _source(handler.__init__):
        found.append(f"{where}.__init__ no longer opens its session (self._session), which the client "
                     "defers to the first request, when an event loop runs")
    make_request = getattr(handler, "_make_request", None)
    if make_request is None:
        found.append(f"{where} has no _make_request, which the client wraps to open the session on first use")
    else:
        if _parameters(make_request) != ["self", "request", "timeout"]:
            found.append(f"{where}._make_request no longer takes (self, request, timeout): "
                         f"it takes {_parameters(make_request)}")
        if "verbatim_url" not in _source(make_request):
            found.append(f"{where}._make_request no longer honours request.meta['verbatim_url'], which sends "
                         "URLs byte for byte instead of re-quoted")
    if not inspect.iscoroutinefunction(getattr(handler, "close", None)):
        found.append(f"{where}.close is no longer a coroutine function")
    if not hasattr(handler, "experimental"):
        found.append(f"{where} has no `experimental` flag, which the client turns off")
    return found
