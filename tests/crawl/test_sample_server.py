"""The sample-portal server speaks enough HTTP/1.1 for crawlers: keep-alive, HEAD, 404, redirects."""
from __future__ import annotations

import http.client
import json
import socket

from scraper.sample.server import PortalServer, serve_portal


def _portal(folder) -> None:
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "a.html").write_text("<html><body><h1>Tin bài</h1></body></html>", encoding="utf-8")
    routes = {"/a.html?id=1&x=2": {"file": "a.html"}, "/old": {"status": 301, "location": "/a.html?id=1&x=2"},
              "/gone": {"status": 410}}
    (folder / "manifest.json").write_text(json.dumps({"routes": routes, "start_urls": ["/old"]}), encoding="utf-8")


def test_answers_several_requests_on_one_connection(tmp_path):
    _portal(tmp_path)
    with serve_portal(str(tmp_path)) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
        conn.request("GET", "/a.html?id=1&x=2", headers={"User-Agent": "tester/1"})
        page = conn.getresponse()
        assert page.status == 200 and "Tin bài" in page.read().decode("utf-8")
        assert page.getheader("Content-Type") == "text/html; charset=utf-8"
        conn.request("HEAD", "/a.html?id=1&x=2")
        head = conn.getresponse()
        assert head.status == 200 and head.read() == b"" and int(head.getheader("Content-Length")) > 0
        conn.request("GET", "/old")
        moved = conn.getresponse()
        assert moved.status == 301 and moved.getheader("Location") == "/a.html?id=1&x=2" and moved.read() == b""
        conn.request("GET", "/gone")
        gone = conn.getresponse()
        assert gone.status == 410 and b"410" in gone.read()
        conn.request("GET", "/nowhere")
        missing = conn.getresponse()
        assert missing.status == 404 and missing.read()
        conn.close()
        assert server.requests == ["/a.html?id=1&x=2"] * 2 + ["/old", "/gone", "/nowhere"]
        assert "tester/1" in server.user_agents


def test_closes_when_asked_and_refuses_garbage(tmp_path):
    _portal(tmp_path)
    with serve_portal(str(tmp_path)) as server:
        with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5) as sock:
            sock.sendall(b"GET /gone HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            answer = _read_all(sock)
        assert answer.startswith(b"HTTP/1.1 410 ")
        with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5) as sock:
            sock.sendall(b"NONSENSE\r\n\r\n")
            assert _read_all(sock).startswith(b"HTTP/1.1 400 ")


def test_a_taken_port_fails_at_once(tmp_path):
    _portal(tmp_path)
    with serve_portal(str(tmp_path)) as server:
        try:
            PortalServer(str(tmp_path), port=server.server_address[1])
        except OSError:
            return
        raise AssertionError("a second server bound the same port")


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):  # the server closes the connection: recv returns b""
        chunks.append(chunk)
    return b"".join(chunks)
