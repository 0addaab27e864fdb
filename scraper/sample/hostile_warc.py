"""Hostile WARC input for tests and benchmarks: single response records, decompression bombs."""
from __future__ import annotations

import io
import zlib

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

__all__ = ["response_record", "bomb_payload"]


def response_record(url: str, body: bytes, *, encoding: str | None = None,
                    date: str = "2024-01-02T03:04:05Z") -> bytes:
    """One gzip WARC response record (a whole gzip member: it can go between any two records).
    `url` is written as given, however bad; `encoding` is the HTTP Content-Encoding of `body`."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body),
        http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"), warc_headers_dict={"WARC-Date": date}))
    return out.getvalue()


def bomb_payload(inflated: int) -> bytes:
    """A gzip body inflating to about `inflated` bytes of an HTML page, made in pieces (the maker stays small)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b"<html><body>")]
    zeros = b"\0" * (1 << 20)
    for _ in range(inflated // len(zeros)):
        parts.append(packer.compress(zeros))
    parts.append(packer.flush())
    return b"".join(parts)
