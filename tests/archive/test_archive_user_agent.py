"""Web archives are asked politely: `recover` and `discover` send the crawl's User-Agent, with the
operator's contact from the same portal-archive.toml (or $PORTAL_ARCHIVE_CONTACT, or their whole
user_agent), to the CDX server, the replays and the hosts --verify asks.

A real pywb on 127.0.0.1 holds the captures; a real HTTP server in front of it (tests/cdx_front.py)
records the User-Agent of every request it gets.
"""
from __future__ import annotations

import io
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.cdx_front import cdx_front
from tests.conftest import run_cli
from tests.pywb_server import serve_pywb

DOMAIN = "phutho.test"
HOST = "yenlap.phutho.test"
CONTACT = "luutru@example.org"
FAST = ["--cdx-rate", "0"]


def _page(title: str, links: str = "") -> bytes:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><h1>{title}</h1>{links}<p>Nội dung bài viết về {title}, đủ dài để là một bài.</p></body></html>"
            ).encode()


@pytest.fixture(scope="module")
def pywb(tmp_path_factory):
    path = tmp_path_factory.mktemp("ua") / "captures.warc.gz"
    when = datetime(2019, 3, 1, tzinfo=timezone.utc)
    pages = [("/", _page("Cổng thông tin điện tử huyện Yên Lập", "<a href='/tin-tuc/a-1'>Bài 1</a>")),
             ("/tin-tuc/a-1", _page("Bài 1"))]
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i, (route, body) in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"http://{HOST}{route}", "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": (when + timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%SZ")}))
    with serve_pywb([str(path)], tmp_path_factory.mktemp("pywb-ua")) as base:
        yield base


def _config(folder, text: str):
    path = folder / "portal-archive.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_recover_sends_the_operators_contact_to_the_cdx_server_and_the_replays(pywb, tmp_path):
    config = _config(tmp_path, f'[crawl]\ncontact = "{CONTACT}"\n')
    with cdx_front(pywb) as (base, front):
        run_cli("recover", HOST, "--cdx-url", f"{base}/cdx", "--delay", "0", *FAST, "--config", str(config),
                "--db", str(tmp_path / "r.db"), check=False)
    cdx = [ua for (path, _), ua in zip(front.requests, front.user_agents) if "/cdx?" in path]
    replays = [ua for (path, _), ua in zip(front.requests, front.user_agents) if "id_/" in path]
    assert cdx and replays, front.requests
    assert all(ua.startswith("portal-archive/") and f"operator {CONTACT}" in ua for ua in cdx + replays), \
        set(front.user_agents)


def test_recover_finds_the_file_beside_the_archive_as_the_crawl_does(pywb, tmp_path):
    _config(tmp_path, f'[crawl]\ncontact = "{CONTACT}"\n')
    with cdx_front(pywb) as (base, front):
        run_cli("recover", HOST, "--cdx-url", f"{base}/cdx", "--delay", "0", *FAST, "--db", str(tmp_path / "r.db"),
                check=False)
    assert front.user_agents and all(CONTACT in ua for ua in front.user_agents)


def test_a_whole_user_agent_in_the_file_is_sent_as_is(pywb, tmp_path):
    config = _config(tmp_path, '[crawl]\nuser_agent = "vien-luu-tru-bot/2 (+mailto:bot@example.org)"\n'
                               f'contact = "{CONTACT}"\n')
    with cdx_front(pywb) as (base, front):
        run_cli("recover", HOST, "--cdx-url", f"{base}/cdx", "--delay", "0", *FAST, "--config", str(config),
                "--db", str(tmp_path / "r.db"), check=False)
    assert set(front.user_agents) == {"vien-luu-tru-bot/2 (+mailto:bot@example.org)"}


class _LiveHost(BaseHTTPRequestHandler):
    """The district host as it answers today, reached as an HTTP proxy (there is no DNS here)."""

    agents: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        type(self).agents.append(self.headers.get("User-Agent", ""))
        body = _page("Cổng thông tin điện tử huyện Yên Lập")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_discover_and_verify_send_the_contact_from_the_environment_or_the_file(pywb, tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _LiveHost)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    proxy = f"http://127.0.0.1:{server.server_address[1]}"
    _LiveHost.agents = []
    try:
        with cdx_front(pywb) as (base, front):
            # no file: $PORTAL_ARCHIVE_CONTACT, as for the crawl
            run_cli("discover", DOMAIN, "--cdx-url", f"{base}/cdx", *FAST, "--capture-rate", "0",
                    "--province", "Phú Thọ", "--verify", "--out", str(tmp_path / "a.toml"),
                    env={"PORTAL_ARCHIVE_CONTACT": "env@example.org", "PORTAL_ARCHIVE_DB": str(tmp_path / "x.db"),
                         "http_proxy": proxy, "no_proxy": "127.0.0.1,localhost"})
            from_env = list(front.user_agents)
            # the file beside the archive ($PORTAL_ARCHIVE_DB) wins over the environment
            _config(tmp_path, f'[crawl]\ncontact = "{CONTACT}"\n')
            run_cli("discover", DOMAIN, "--cdx-url", f"{base}/cdx", *FAST, "--capture-rate", "0",
                    "--province", "Phú Thọ", "--out", str(tmp_path / "b.toml"),
                    env={"PORTAL_ARCHIVE_CONTACT": "env@example.org", "PORTAL_ARCHIVE_DB": str(tmp_path / "x.db")})
            from_file = front.user_agents[len(from_env):]
    finally:
        server.shutdown()
        server.server_close()
    assert from_env and all("operator env@example.org" in ua for ua in from_env), set(from_env)
    assert _LiveHost.agents and all("operator env@example.org" in ua for ua in _LiveHost.agents), _LiveHost.agents
    assert from_file and all(f"operator {CONTACT}" in ua for ua in from_file), set(from_file)


def test_without_a_contact_the_user_agent_still_identifies_and_says_how_to_set_one(pywb, tmp_path):
    with cdx_front(pywb) as (base, front):
        run_cli("recover", HOST, "--cdx-url", f"{base}/cdx", "--delay", "0", *FAST, "--db", str(tmp_path / "r.db"),
                env={"PORTAL_ARCHIVE_CONTACT": ""}, check=False)
    assert front.user_agents
    assert all(ua.startswith("portal-archive/") and "contact unset" in ua for ua in front.user_agents)


@pytest.mark.parametrize("command", ["recover", "discover"])
def test_a_missing_or_bad_config_file_is_a_one_line_error_before_any_request(pywb, tmp_path, command):
    target = HOST if command == "recover" else DOMAIN
    bad = _config(tmp_path, "[crawl]\ncontact = 5\n")
    for config in (str(tmp_path / "none.toml"), str(bad)):
        with cdx_front(pywb) as (base, front):
            result = run_cli(command, target, "--cdx-url", f"{base}/cdx", *FAST, "--config", config,
                             *(["--province", "Phú Thọ", "--out", str(tmp_path / "o.toml")] if command == "discover"
                               else ["--db", str(tmp_path / "r.db")]), check=False)
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
        assert len([l for l in result.stderr.splitlines() if l.strip()]) == 1, result.stderr
        assert front.requests == [], "nothing asked of the archive with the operator's settings unreadable"
