"""The crawl process's cheaper stand-ins for Scrapy parts behave like the parts they replace."""
from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.signalmanager import SignalManager
from scrapy.utils.test import get_crawler

from scraper.middlewares import MetaRefreshMiddleware
from scraper.signals import send_direct
from scraper.stats import CrawlStats

URL = "http://127.0.0.1:8000/tin-tuc/a.html"


def _middleware() -> MetaRefreshMiddleware:
    return MetaRefreshMiddleware.from_crawler(get_crawler())


def _response(body: bytes, encoding: str = "utf-8") -> HtmlResponse:
    return HtmlResponse(URL, body=body, encoding=encoding, request=Request(URL))


@pytest.mark.parametrize("head", [
    b'<meta http-equiv="refresh" content="0; url=/tin-tuc/b.html">',
    b"<META HTTP-EQUIV='Refresh' CONTENT='0;URL=/tin-tuc/b.html'>",
])
def test_meta_refresh_of_a_stub_is_followed(head: bytes) -> None:
    middleware = _middleware()
    body = b"<html><head>" + head + "</head><body>" .encode() + "Đang chuyển trang...".encode() + b"</body></html>"
    result = middleware.process_response(Request(URL), _response(body))
    assert isinstance(result, Request)
    assert result.url == "http://127.0.0.1:8000/tin-tuc/b.html"


def test_meta_refresh_of_a_page_with_content_is_not_followed() -> None:
    body = (b'<html><head><meta http-equiv="refresh" content="0; url=/"></head><body><h1>Tin</h1>'
            + "<p>Ủy ban nhân dân huyện tổ chức hội nghị tổng kết.</p>".encode() * 10 + b"</body></html>")
    response = _response(body)
    assert _middleware().process_response(Request(URL), response) is response


@pytest.mark.parametrize("target", ["http://127.0.0.1:8001/b.html", "http://example.org/b.html", "ftp://127.0.0.1/b"])
def test_meta_refresh_off_the_portals_host_is_not_followed(target: str) -> None:
    response = _response(f'<html><head><meta http-equiv="refresh" content="0; url={target}"></head></html>'.encode())
    assert _middleware().process_response(Request(URL), response) is response


def test_meta_refresh_in_utf16_is_read() -> None:
    middleware = _middleware()
    text = '<html><head><meta http-equiv="refresh" content="0; url=/b.html"></head><body>x</body></html>'
    result = middleware.process_response(Request(URL), _response(text.encode("utf-16"), encoding="utf-16"))
    assert isinstance(result, Request)
    # (Scrapy's own middleware sends "/b.html?%FF%FE": it encodes the URL with the BOM-writing codec)
    assert result.url == "http://127.0.0.1:8000/b.html"


def test_page_without_refresh_passes_through() -> None:
    middleware = _middleware()
    response = _response(b"<html><head><title>Tin</title></head><body>" + "Làm mới".encode() * 3000 + b"</body></html>")
    assert middleware.process_response(Request(URL), response) is response


def test_refresh_beyond_where_scrapy_looks_is_not_followed() -> None:
    middleware = _middleware()
    late = b'<meta http-equiv="refresh" content="0; url=/b.html">'
    response = _response(b"<html><head>" + b"<!-- padding -->" * 2000 + late + b"</head><body>x</body></html>")
    assert middleware.process_response(Request(URL), response) is response


def test_crawl_stats_count_like_scrapys() -> None:
    stats = CrawlStats(get_crawler())
    stats.inc_value("pages")
    stats.inc_value("pages", 2)
    stats.max_value("depth", 3)
    stats.max_value("depth", 1)
    stats.set_value("reason", "finished")
    assert stats.get_stats() == {"pages": 3, "depth": 3, "reason": "finished"}
    assert stats.get_value("missing", 7) == 7


def test_send_direct_reaches_connected_receivers_and_survives_a_failing_one() -> None:
    signals = SignalManager(sender=object())
    signal = object()
    received = []

    def failing(**_):
        raise ValueError("receiver bug")

    def receiving(**named):
        received.append(named)

    signals.connect(failing, signal=signal)  # pydispatch holds receivers weakly: both stay referenced here
    signals.connect(receiving, signal=signal)
    send_direct(signals, signal, url=URL, status=200)
    assert received == [{"url": URL, "status": 200}]
    send_direct(SignalManager(sender=object()), signal, url=URL)  # another sender's receivers are not called
    assert len(received) == 1
