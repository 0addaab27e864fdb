"""Serve a sample-portal folder (manifest.json + pages/) on 127.0.0.1.

The folder format is the one of `../shared/portals/FORMAT.md`: each route key is a path with
its query string exactly as the pages write it; any other path is a 404.

    python -m scraper.sample.server FOLDER [--port N]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

__all__ = ["PortalServer", "serve_portal"]


class _Handler(BaseHTTPRequestHandler):
    server: "PortalServer"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm and delayed
    # ACKs stall every keep-alive response by ~40 ms.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # noqa: A002 - quiet by design
        pass

    def do_HEAD(self):  # noqa: N802
        self._answer(send_body=False)

    def do_GET(self):  # noqa: N802
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        self.server.requests.append(self.path)
        self.server.request_times.append((time.monotonic(), self.path))
        self.server.user_agents.add(self.headers.get("User-Agent", ""))
        if self.server.delay and self.path != "/robots.txt":
            time.sleep(self.server.delay)  # a slow portal: lets tests interrupt a crawl mid-way
        route = self.server.routes.get(self.path)
        if route is None:
            return self._send(404, b"<html><body>404 Not Found</body></html>", "text/html; charset=utf-8", send_body)
        status = route.get("status", 200)
        if "location" in route:
            self.send_response(status)
            self.send_header("Location", route["location"])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if "file" not in route:
            return self._send(status, f"<html><body>{status}</body></html>".encode(), "text/html; charset=utf-8", send_body)
        with open(os.path.join(self.server.pages_dir, route["file"]), "rb") as f:
            body = f.read()
        self._send(status, body, route.get("content_type", "text/html; charset=utf-8"), send_body)

    def _send(self, status: int, body: bytes, content_type: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class PortalServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default listen backlog of 5 refuses connections a crawl opens in a burst, and a
    # refused client waits a second to retry; web servers in front of real portals allow hundreds.
    request_queue_size = 128

    def __init__(self, folder: str, port: int = 0, delay: float = 0.0) -> None:
        with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.routes: dict = self.manifest["routes"]
        self.pages_dir = os.path.join(folder, "pages")
        self.requests: list[str] = []
        self.request_times: list[tuple[float, str]] = []
        self.user_agents: set[str] = set()
        self.delay = delay
        super().__init__(("127.0.0.1", port), _Handler)

    def handle_error(self, request, client_address) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)  # a client hanging up (a killed crawl) is no error

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start_urls(self) -> list[str]:
        return [self.base_url + p for p in self.manifest.get("start_urls", ["/"])]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each answer")
    args = parser.parse_args()
    server = PortalServer(args.folder, args.port, args.delay)
    print(f"serving {args.folder} on {server.base_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
