"""Discovery against a real pywb holding captures of several hosts under one fake province domain.

Some hosts are district units' (by name, with a www. prefix, by their home page's title only),
others are not (a commune's site one or two labels down, a mail host, the province's own site).
A real HTTP server on 127.0.0.1 in front of pywb pages the CDX answers as the Wayback Machine
does (resumeKey, page=) and answers 429 when asked to; pacing is turned off (--cdx-rate 0)
so the tests stay fast.
"""
from __future__ import annotations

import io
import json
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.registry import load_units
from tests.cdx_front import cdx_front
from tests.conftest import run_cli
from tests.pywb_server import serve_pywb

DOMAIN = "phutho.test"
FAST = ["--cdx-rate", "0", "--capture-rate", "0", "--province", "Phú Thọ"]


def _page(title: str, text: str = "") -> bytes:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><h1>{title}</h1><p>{text}</p></body></html>").encode()


# host -> [(path, title)]; the home page ("/") carries the title discovery reads
SITES = {
    "yenlap.phutho.test": [("/", "Cổng thông tin điện tử huyện Yên Lập"), ("/tin-tuc/a-1", "Bài 1"),
                           ("/tin-tuc/a-2", "Bài 2"), ("/tin-tuc/a-3", "Bài 3")],
    "www.hahoa.phutho.test": [("/", "Huyện Hạ Hòa - Trang chủ"), ("/tin/b-1", "Tin 1")],
    "vtri.phutho.test": [("/", "Cổng TTĐT thành phố Việt Trì"), ("/tin/c-1", "Tin 1")],  # the title alone says
    "thixaphutho.phutho.test": [("/", "Trang chủ"), ("/tin/d-1", "Tin 1")],  # the name alone says
    "camkhe.phutho.test": [("/tin/e-1", "Một bài"), ("/tin/e-2", "Bài khác")],  # no home page captured
    "xuanan.phutho.test": [("/", "Cổng thông tin xã Xuân An huyện Yên Lập"), ("/tin/f-1", "Tin xã")],  # a commune
    "danhthang.yenlap.phutho.test": [("/", "UBND xã Danh Thắng")],  # a commune, two labels down
    "mail.phutho.test": [("/", "Zimbra Web Client Sign In")],
    "phutho.test": [("/", "Cổng thông tin điện tử tỉnh Phú Thọ")],
    "www.phutho.test": [("/gioi-thieu", "Giới thiệu")],
}
UNITS = {"yenlap": "yenlap.phutho.test", "hahoa": "www.hahoa.phutho.test", "viettri": "vtri.phutho.test",
         "thixaphutho": "thixaphutho.phutho.test", "camkhe": "camkhe.phutho.test"}


@pytest.fixture(scope="module")
def province_warc(tmp_path_factory):
    path = tmp_path_factory.mktemp("province") / "province.warc.gz"
    when = datetime(2016, 3, 1, tzinfo=timezone.utc)
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for host, pages in SITES.items():
            for path_, title in pages:
                for year in (0, 3):  # every page captured twice, three years apart
                    body = _page(title, f"{host}{path_} {year}")
                    when += timedelta(hours=7)
                    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                          ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
                    writer.write_record(writer.create_warc_record(
                        f"http://{host}{path_}", "response", payload=io.BytesIO(body), length=len(body),
                        http_headers=headers,
                        warc_headers_dict={"WARC-Date": (when + timedelta(days=365 * year)).strftime("%Y-%m-%dT%H:%M:%SZ")}))
    return str(path)


@pytest.fixture(scope="module")
def pywb(province_warc, tmp_path_factory):
    with serve_pywb([province_warc], tmp_path_factory.mktemp("pywb")) as base:
        yield base


def _found(out) -> dict[str, list]:
    return {u.name: u for u in load_units(out) if any(e["kind"] == "cdx" for c in u.candidates for e in c.evidence)}


def test_discover_finds_the_units_hosts_with_evidence_and_leaves_the_others_out(pywb, tmp_path):
    out = tmp_path / "sites.toml"
    result = run_cli("discover", DOMAIN, "--cdx-url", f"{pywb}/cdx", *FAST, "--out", str(out), "--format", "json")
    found = _found(out)
    assert {name: [c.host for c in u.candidates if c.host.endswith(DOMAIN)] for name, u in found.items()} == \
        {name: [host] for name, host in UNITS.items()}
    yenlap = next(c for c in found["yenlap"].candidates if c.host == UNITS["yenlap"])
    cdx = next(e for e in yenlap.evidence if e["kind"] == "cdx")
    assert (cdx["first"], cdx["last"], cdx["captures"]) == ("2016-03-01", "2019-03-03", 8)
    title = next(e for e in yenlap.evidence if e["kind"] == "title")
    assert title["title"] == "Cổng thông tin điện tử huyện Yên Lập" and "id_/http://yenlap.phutho.test/" in title["source"]
    viettri = next(c for c in found["viettri"].candidates if c.host == UNITS["viettri"])
    assert {"cdx", "title"} <= viettri.kinds(), "a host whose label follows no pattern, found by its title"
    camkhe = next(c for c in found["camkhe"].candidates if c.host == UNITS["camkhe"])
    assert camkhe.kinds() == {"cdx"}
    # a unit that had no start URL gets its discovered host's; the rest of the registry is intact
    units = load_units(out)
    assert len(units) == 696 and not any(c.host.endswith(DOMAIN) for u in units for c in u.candidates
                                         if u.name not in UNITS)
    assert all("xuanan" not in c.host and "mail" not in c.host for u in units for c in u.candidates)
    rows = json.loads(result.stdout)
    assert {r["host"] for r in rows} == set(UNITS.values()) and all(r["verified"] is False for r in rows)
    listed = json.loads(run_cli("sites", "--registry", str(out), "--province", "phu tho", "--format", "json").stdout)
    assert "cdx" in next(r for r in listed if r["name"] == "yenlap")["evidence"]


@pytest.mark.parametrize("paging", [["--paging", "resume", "--page-size", "4"], ["--paging", "pages"]])
def test_paging_over_a_cdx_answer_split_into_pages_gets_every_host(pywb, tmp_path, paging):
    out = tmp_path / "paged.toml"
    with cdx_front(pywb, page_rows=5) as (base, front):
        run_cli("discover", DOMAIN, "--cdx-url", f"{base}/cdx", *FAST, "--max-titles", "0", *paging, "--out", str(out))
    assert set(_found(out)) == set(UNITS) - {"viettri"}, "every pattern host (titles off: Việt Trì's is unknown)"
    assert len(front.cdx_requests()) >= 5, "the answer came in several pages"


def test_a_cdx_server_answering_429_is_waited_on_and_the_run_completes(pywb, tmp_path):
    out = tmp_path / "throttled.toml"
    with cdx_front(pywb, too_many=2, retry_after="1") as (base, front):
        result = run_cli("discover", DOMAIN, "--cdx-url", f"{base}/cdx", *FAST, "--out", str(out))
    assert [s for _, s in front.requests[:3]] == [429, 429, 200]
    assert set(_found(out)) == set(UNITS) and "5 matched to units" in result.stderr


def test_repeated_429s_stop_the_run_with_a_clear_message(pywb, tmp_path):
    with cdx_front(pywb, always_429=True, retry_after="0") as (base, front):
        result = run_cli("discover", DOMAIN, "--cdx-url", f"{base}/cdx", *FAST, "--max-429", "3",
                         "--out", str(tmp_path / "x.toml"), check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "429 (too many requests) 3 times in a row" in result.stderr
    assert len(front.requests) == 3, "no request after the third 429"


class _LiveHosts(BaseHTTPRequestHandler):
    """The district hosts as they answer today, reached as an HTTP proxy (there is no DNS here)."""

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        host = self.path.split("/")[2]
        if host == "www.hahoa.phutho.test":  # moved to a commune's new site
            self.send_response(301)
            self.send_header("Location", "http://xahahoa.phutho.test/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if host in ("yenlap.phutho.test", "xahahoa.phutho.test", "vtri.phutho.test"):
            body = _page("Cổng thông tin điện tử huyện Yên Lập" if host.startswith("yenlap") else "Xã Hạ Hòa")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(502)
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_verify_asks_each_candidate_live_and_records_moves(pywb, tmp_path):
    out = tmp_path / "verified.toml"
    server = ThreadingHTTPServer(("127.0.0.1", 0), _LiveHosts)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        run_cli("discover", DOMAIN, "--cdx-url", f"{pywb}/cdx", *FAST, "--verify", "--out", str(out),
                env={"http_proxy": proxy, "no_proxy": "127.0.0.1,localhost"})
    finally:
        server.shutdown()
        server.server_close()
    found = _found(out)
    yenlap = next(c for c in found["yenlap"].candidates if c.host == UNITS["yenlap"])
    live = next(e for e in yenlap.evidence if e["kind"] == "live")
    assert yenlap.verified and live["status"] == 200 and live["title"] == "Cổng thông tin điện tử huyện Yên Lập"
    hahoa = next(c for c in found["hahoa"].candidates if c.host == UNITS["hahoa"])
    assert not hahoa.verified and hahoa.moved_to == "xahahoa.phutho.test"
    assert found["hahoa"].start_urls == ("http://hahoa.phutho.gov.vn/",), "a moved host is not made the start URL"
    camkhe = next(c for c in found["camkhe"].candidates if c.host == UNITS["camkhe"])
    assert not camkhe.verified and next(e for e in camkhe.evidence if e["kind"] == "live")["status"] == 502
    assert found["yenlap"].host_verified
    assert "yenlap" not in {r["name"] for r in json.loads(
        run_cli("sites", "--registry", str(out), "--unverified", "--format", "json").stdout)}


def test_bad_invocations_are_one_line_errors(tmp_path):
    for args in (["not a domain"], ["example.org"], [DOMAIN, "--province", "Atlantis"],
                 [DOMAIN, "--province", "Phú Thọ", "--cdx-url", "notaurl"]):
        result = run_cli("discover", *args, "--out", str(tmp_path / "x.toml"), check=False)
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
        assert [l for l in result.stderr.splitlines() if l.startswith("Error")], result.stderr
