"""Discovery: CDX lines parsed per second, and the requests a province of 10,000 captures costs.

A fake archive on 127.0.0.1 answers as the Wayback Machine does (`/cdx/search/cdx` with
output=json, `limit` + `showResumeKey`/`resumeKey` paging; raw `id_` replays under `/web/`) for a
province domain holding 10,000 captures (`BENCH_DISCOVER_CAPTURES`) over the province's 13 unit
hosts, the province's own host, commune sites and service hosts. Measured in the same run:

1. parsing: `scraper.cdx.parse_cdx` + `scraper.discover.gather_hosts` over the whole answer, in
   lines a second, against `json.loads` of the same text alone (the floor of any JSON client);
2. `portal-archive discover` run as a user runs it, with its default pacing (24 CDX queries and
   60 capture fetches a minute): requests made of each kind and the wall time, against the
   least time the pacing allows for those requests.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["run"]

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "phutho.gov.vn"
HEADER = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]


def _rows(n: int) -> list[list[str]]:
    from scraper.registry import load_units

    units = [u for u in load_units() if u.province == "Phú Thọ"]
    hosts = [u.guess for u in units] + [DOMAIN, "www." + DOMAIN, "mail." + DOMAIN, "dichvucong." + DOMAIN,
                                        "xuanan." + DOMAIN, "danhthang.yenlap." + DOMAIN]
    rng = random.Random(19)
    rows = []
    for i in range(n):
        host = hosts[i % len(hosts)]
        path = "/" if i < len(hosts) else f"/tin-tuc/bai-{i}.html"
        ts = f"{2012 + rng.randrange(13)}{rng.randrange(1, 13):02d}{rng.randrange(1, 28):02d}{rng.randrange(10**6):06d}"
        urlkey = ",".join(reversed(host.split("."))) + ")" + path
        rows.append([urlkey, ts, f"http://{host}{path}", "text/html", "200", f"D{i:031d}", "12345"])
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows, {u.guess: u for u in units}


class _Archive(BaseHTTPRequestHandler):
    rows: list = []
    titles: dict = {}
    counts: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        parts = urllib.parse.urlsplit(self.path)
        if parts.path.endswith("/cdx/search/cdx"):
            self.counts["cdx"] = self.counts.get("cdx", 0) + 1
            q = dict(urllib.parse.parse_qsl(parts.query))
            start = int(q.get("resumeKey") or 0)
            end = start + int(q.get("limit") or len(self.rows))
            page = [HEADER] + self.rows[start:end]
            if q.get("showResumeKey") == "true" and end < len(self.rows):
                page += [[], [str(end)]]
            return self._send(json.dumps(page).encode(), "application/json")
        self.counts["capture"] = self.counts.get("capture", 0) + 1
        host = urllib.parse.urlsplit(parts.path.split("id_/", 1)[-1]).netloc
        unit = self.titles.get(host)
        title = f"Cổng thông tin điện tử {unit.unit_type.lower()} {unit.unit_name}" if unit else "Trang chủ"
        return self._send(f"<html><head><title>{title}</title></head><body></body></html>".encode(), "text/html")

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def _serve(rows, titles):
    handler = type("Archive", (_Archive,), {"rows": rows, "titles": titles, "counts": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.counts
    finally:
        server.shutdown()
        server.server_close()


def _rate(fn, minimum: float = 1.0) -> float:
    """Runs of `fn` a second, over at least `minimum` seconds."""
    runs, began = 0, time.perf_counter()
    while True:
        fn()
        runs += 1
        elapsed = time.perf_counter() - began
        if elapsed >= minimum:
            return runs / elapsed


def run() -> str:
    from scraper.cdx import parse_cdx
    from scraper.discover import gather_hosts

    n = int(os.environ.get("BENCH_DISCOVER_CAPTURES", "10000"))
    rows, titles = _rows(n)
    body = json.dumps([HEADER] + rows).encode()
    floor = _rate(lambda: json.loads(body)) * n
    parsed = _rate(lambda: gather_hosts(parse_cdx(body), DOMAIN)) * n
    hosts = gather_hosts(parse_cdx(body), DOMAIN)

    with _serve(rows, titles) as (base, counts), tempfile.TemporaryDirectory() as work:
        command = [sys.executable, "-m", "portal_archive", "discover", DOMAIN, "--cdx-url", f"{base}/cdx/search/cdx",
                   "--out", str(Path(work) / "sites.toml"), "--format", "json"]
        began = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - began
    if result.returncode != 0:
        return f"## Discovery\n\n`discover` failed: {result.stderr.strip()[:500]}\n"
    found = json.loads(result.stdout)
    cdx, captures = counts.get("cdx", 0), counts.get("capture", 0)
    least = max(cdx - 1, 0) * 60 / 24 + max(captures - 1, 0) * 60 / 60
    lines = [
        "## Discovery: CDX parsing and requests for a province",
        "",
        f"Command: `make bench BENCH=discover` (`python -m bench discover`). A fake archive on 127.0.0.1 "
        f"answering as the Wayback Machine's CDX server (output=json, resumeKey paging, 5,000 rows a page: "
        f"the default `--page-size`) for {DOMAIN} with {n:,} captures over {len(hosts)} hosts (13 unit hosts, the "
        f"province's own, commune sites, mail and services).",
        "",
        "| what (same answer, same run) | rate |",
        "| --- | ---: |",
        f"| `parse_cdx` + `gather_hosts` (rows to hosts with first/last capture and counts) | "
        f"**{parsed:,.0f} lines/s** |",
        f"| baseline: `json.loads` of the same answer alone | {floor:,.0f} lines/s |",
        "",
        f"Parsing runs at {parsed / floor:.0%} of the JSON floor; a province's answer of {n:,} lines is parsed in "
        f"{n / parsed * 1000:.0f} ms, nothing beside the pacing.",
        "",
        "| `portal-archive discover` at the default pacing | CDX requests | capture fetches (titles) | wall time | "
        "least time the pacing allows |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| {n:,} captures, {len(found)} unit hosts found | {cdx} | {captures} | {wall:.1f} s | {least:.1f} s |",
        "",
        f"CDX queries at 24 a minute (the Wayback Machine allows about 30), capture fetches at 60 a minute, paced "
        f"apart: {cdx} CDX requests for {n:,} captures (one per 5,000 rows) and one home-page title per host one "
        f"label under the domain. The run took {wall / least if least else 0:.2f}x the least time the pacing allows "
        f"(the rest is start-up, the registry and the fetches themselves).",
    ]
    return "\n".join(lines) + "\n"
