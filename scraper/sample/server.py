"""Serve a sample-portal folder (manifest.json + pages/) on 127.0.0.1.

The folder format is the one of `../shared/portals/FORMAT.md`: each route key is a path with
its query string exactly as the pages write it; any other path is a 404.

    python -m scraper.sample.server FOLDER [--port N]

One asyncio event loop answers every connection (HTTP/1.1, keep-alive). The crawl benchmark
runs this server on the same two cores as the crawls it measures: a thread a connection (as
http.server does) cost it about a third of a millisecond of CPU a page, mostly in handing the GIL
and waking threads, which the measured crawl then lacked.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import threading
import time
from collections import deque
from email.utils import formatdate
from http import HTTPStatus
from typing import Iterator

__all__ = ["PortalServer", "serve_portal"]

_REASONS = {status.value: status.phrase for status in HTTPStatus}
_MAX_HEAD = 65536  # a request head larger than this is refused (431) and the connection closed
_HTML = "text/html; charset=utf-8"


class PortalServer:
    """A sample portal on 127.0.0.1; `requests`, `request_times` and `user_agents` record what was asked."""

    def __init__(self, folder: str, port: int = 0, delay: float = 0.0) -> None:
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.routes: dict = self.manifest["routes"]
        self.pages_dir = os.path.join(folder, "pages")
        self.requests: list[str] = []
        self.request_times: list[tuple[float, str]] = []
        self.user_agents: set[str] = set()
        self.delay = delay
        # answers held longer than `delay`, by a piece of their path: a script that hangs while the
        # rest of the portal answers (tests kill a crawl waiting on it)
        self.held: dict[str, float] = {}
        # bound here, so a taken port fails in the constructor (the demo then picks another)
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._socket.bind(("127.0.0.1", port))
            # web servers in front of real portals accept hundreds of connections in a burst
            self._socket.listen(128)
        except OSError:
            self._socket.close()
            raise
        self.server_address = self._socket.getsockname()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Future | None = None
        self._started = threading.Event()
        self._stopped = threading.Event()
        self._date = (0, "")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start_urls(self) -> list[str]:
        return [self.base_url + p for p in self.manifest.get("start_urls", ["/"])]

    # -- running --------------------------------------------------------------------------------
    def serve_forever(self) -> None:
        """Answer requests until `shutdown()` (from another thread) or KeyboardInterrupt."""
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self._serve(loop))
        finally:
            loop.close()
            self._stopped.set()

    async def _serve(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop, self._stop = loop, loop.create_future()
        server = await loop.create_server(lambda: _Connection(self), sock=self._socket)
        self._started.set()
        try:
            await self._stop
        finally:
            server.close()
            await server.wait_closed()

    def shutdown(self) -> None:
        """Stop `serve_forever` running in another thread, and wait for it."""
        if not self._started.wait(timeout=10) or self._loop is None:
            return
        self._loop.call_soon_threadsafe(lambda: self._stop.done() or self._stop.set_result(None))
        self._stopped.wait(timeout=10)

    def server_close(self) -> None:
        self._socket.close()

    # -- answering ------------------------------------------------------------------------------
    def delay_for(self, path: str) -> float:
        """Seconds to wait before answering `path` (robots.txt is never held)."""
        if path == "/robots.txt":
            return 0.0
        return next((seconds for piece, seconds in self.held.items() if piece in path), self.delay)

    def answer(self, method: str, path: str, user_agent: str) -> bytes:
        """The whole response (head and body) to one request."""
        self.requests.append(path)
        self.request_times.append((time.monotonic(), path))
        self.user_agents.add(user_agent)
        route = self.routes.get(path)
        if route is None:
            return self._response(404, b"<html><body>404 Not Found</body></html>", _HTML, method)
        status = route.get("status", 200)
        if "location" in route:
            return self._response(status, b"", None, method, location=route["location"])
        if "file" not in route:
            return self._response(status, f"<html><body>{status}</body></html>".encode(), _HTML, method)
        # read on every request: tests change pages between two crawls of one server
        with open(os.path.join(self.pages_dir, route["file"]), "rb") as f:
            body = f.read()
        return self._response(status, body, route.get("content_type", _HTML), method, headers=route.get("headers"))

    def _response(self, status: int, body: bytes, content_type: str | None, method: str,
                  location: str | None = None, headers: dict | None = None) -> bytes:
        head = [f"HTTP/1.1 {status} {_REASONS.get(status, '')}", "Server: portal-archive-sample",
                f"Date: {self._http_date()}"]
        if location is not None:
            head.append(f"Location: {location}")
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if content_type is not None:
            head.append(f"Content-Type: {content_type}")
        head.append(f"Content-Length: {len(body)}")
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        return data if method == "HEAD" else data + body

    def _http_date(self) -> str:
        now = int(time.time())
        if self._date[0] != now:
            self._date = (now, formatdate(now, usegmt=True))
        return self._date[1]


class _Connection(asyncio.Protocol):
    """One client connection: requests answered in order, each after the server's `delay`."""

    def __init__(self, server: PortalServer) -> None:
        self.server = server
        self.buffer = b""
        self.waiting: deque[tuple[str, str, str, bool]] = deque()
        self.busy = False  # a delayed answer is due
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport  # (asyncio sets TCP_NODELAY: no Nagle stall on keep-alive answers)

    def connection_lost(self, exc) -> None:  # a client hanging up (a killed crawl) is no error
        self.transport = None
        self.waiting.clear()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > _MAX_HEAD:
                    self._refuse(431)
                return
            head, self.buffer = self.buffer[:end].decode("latin-1"), self.buffer[end + 4:]
            request = _parse_head(head)
            if request is None:
                self._refuse(400)
                return
            method, path, headers, keep_alive = request
            length = headers.get("content-length", "0")
            if not length.isdigit() or len(self.buffer) < int(length):
                self._refuse(400)  # a sample portal takes no uploads
                return
            self.buffer = self.buffer[int(length):]
            if method not in ("GET", "HEAD"):
                self.waiting.append(("", "", "", False))  # 501, then close
            else:
                self.waiting.append((method, path, headers.get("user-agent", ""), keep_alive))
            self._next()

    def _next(self) -> None:
        while self.waiting and not self.busy and self.transport is not None:
            method, path, user_agent, keep_alive = self.waiting[0]
            delay = self.server.delay_for(path) if method else 0.0
            if delay:
                # a slow portal: lets tests interrupt a crawl mid-way
                self.busy = True
                asyncio.get_running_loop().call_later(delay, self._delayed)
                return
            self._answer_first()

    def _delayed(self) -> None:
        self.busy = False
        if self.transport is not None and self.waiting:
            self._answer_first()
            self._next()

    def _answer_first(self) -> None:
        method, path, user_agent, keep_alive = self.waiting.popleft()
        if not method:
            self._refuse(501)
            return
        self.transport.write(self.server.answer(method, path, user_agent))
        if not keep_alive:
            self.transport.close()
            self.transport = None

    def _refuse(self, status: int) -> None:
        if self.transport is None:
            return
        self.transport.write(self.server._response(status, b"", _HTML, "GET"))
        self.transport.close()
        self.transport = None


def _parse_head(head: str) -> tuple[str, str, dict[str, str], bool] | None:
    """(method, path, headers by lower-case name, keep the connection open) of a request head."""
    lines = head.split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        return None
    method, path, version = parts
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if not sep:
            return None
        headers[name.strip().lower()] = value.strip()
    connection = headers.get("connection", "").lower()
    keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
    return method, path, headers, keep_alive


@contextlib.contextmanager
def serve_portal(folder: str, port: int = 0, delay: float = 0.0) -> Iterator[PortalServer]:
    """Serve FOLDER in a background thread for the duration of the block (`delay`: seconds per request)."""
    server = PortalServer(folder, port, delay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def serve_all(servers: list[PortalServer]) -> None:
    """Answer every server's requests from one event loop: hundreds of sample portals, each on its
    own port, in one process (a thread and a loop each would cost a thread switch a request)."""
    loop = asyncio.new_event_loop()

    async def serve() -> None:
        await asyncio.gather(*(server._serve(loop) for server in servers))

    try:
        loop.run_until_complete(serve())
    finally:
        loop.close()
        for server in servers:
            server._stopped.set()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="+", help="one portal folder, or several (each on its own port)")
    parser.add_argument("--port", type=int, default=8000, help="the port of the first folder; the others "
                                                               "take the next free ones (0: any free port)")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each answer")
    args = parser.parse_args()
    servers = []
    for i, folder in enumerate(args.folder):
        server = PortalServer(folder, args.port + i if args.port else 0, args.delay)
        servers.append(server)
        print(f"serving {folder} on {server.base_url}", flush=True)
    try:
        serve_all(servers)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
