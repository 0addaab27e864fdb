"""A real HTTP server on 127.0.0.1 in front of pywb, behaving as the Wayback Machine's CDX server does
where pywb does not: it pages long answers (`limit` + `showResumeKey`/`resumeKey`, or `showNumPages`
+ `page`), and it can answer 429 (with Retry-After) to the first requests, or to all of them.

Everything else (replays) is passed through to pywb unchanged.
"""
from __future__ import annotations

import contextlib
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

_PAGING = {"limit", "showResumeKey", "resumeKey", "page", "showNumPages", "pageSize", "collapse"}


class Front:
    def __init__(self, upstream: str, *, page_rows: int = 0, too_many: int = 0, always_429: bool = False,
                 retry_after: str = "1") -> None:
        self.upstream = upstream.rstrip("/")  # http://127.0.0.1:PORT
        self.page_rows = page_rows  # rows per page= page
        self.too_many = too_many
        self.always_429 = always_429
        self.retry_after = retry_after
        self.requests: list[tuple[str, int]] = []  # (path, status answered)
        self.user_agents: list[str] = []  # the User-Agent of each request, in order
        self.lock = threading.Lock()

    def cdx_requests(self) -> list[tuple[str, int]]:
        return [(p, s) for p, s in self.requests if "/cdx?" in p]

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self.lock:
            throttle = self.always_429 or self.too_many > 0
            if self.too_many > 0:
                self.too_many -= 1
        if throttle:
            return self._send(handler, 429, b"", {"Retry-After": self.retry_after})
        parts = urllib.parse.urlsplit(handler.path)
        if not parts.path.endswith("/cdx"):
            return self._pass(handler)
        params = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        asked = dict(params)
        upstream_query = urllib.parse.urlencode([(k, v) for k, v in params if k not in _PAGING])
        lines = self._fetch(f"{self.upstream}{parts.path}?{upstream_query}").splitlines()
        if asked.get("showNumPages") == "true":
            pages = -(-len(lines) // self.page_rows) if self.page_rows else 1
            return self._send(handler, 200, json.dumps({"pages": pages, "pageSize": self.page_rows}).encode())
        if "page" in asked and self.page_rows:
            start = int(asked["page"]) * self.page_rows
            return self._send(handler, 200, "\n".join(lines[start:start + self.page_rows]).encode() + b"\n")
        if "limit" in asked:
            start = int(asked.get("resumeKey") or 0)
            end = start + int(asked["limit"])
            body = "\n".join(lines[start:end]) + "\n"
            if asked.get("showResumeKey") == "true" and end < len(lines):
                body += f"\n{end}\n"
            return self._send(handler, 200, body.encode())
        return self._send(handler, 200, "\n".join(lines).encode() + b"\n")

    def _fetch(self, url: str) -> str:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return ""
            raise

    def _pass(self, handler: BaseHTTPRequestHandler) -> None:
        try:
            with urllib.request.urlopen(self.upstream + handler.path, timeout=30) as response:
                headers = {k: v for k, v in response.headers.items()
                           if k.lower() in ("content-type", "content-encoding")}
                return self._send(handler, response.status, response.read(), headers)
        except urllib.error.HTTPError as exc:
            return self._send(handler, exc.code, exc.read())

    def _send(self, handler, status: int, body: bytes, headers: dict | None = None) -> None:
        with self.lock:
            self.requests.append((handler.path, status))
            self.user_agents.append(handler.headers.get("User-Agent", ""))
        handler.send_response(status)
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


@contextlib.contextmanager
def cdx_front(pywb_base: str, **options) -> Iterator[tuple[str, Front]]:
    """Serve a front of the pywb collection at `pywb_base`; yields (the front's collection base, Front)."""
    parts = urllib.parse.urlsplit(pywb_base)
    front = Front(f"{parts.scheme}://{parts.netloc}", **options)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            front.answer(self)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{parts.path}", front
    finally:
        server.shutdown()
        server.server_close()
