"""Alerts: the webhook against a real HTTP listener on 127.0.0.1, the email command for real."""
from __future__ import annotations

import json
import sqlite3
import sys
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from archive.health import record_portal_run
from archive.notify import NotifyError, post_webhook, send_email
from archive.store import Archive
from tests.conftest import run_cli


class _Listener(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, status: int = 200) -> None:
        self.received: list[dict] = []
        self.status = status
        super().__init__(("127.0.0.1", 0), _Hook)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class _Hook(BaseHTTPRequestHandler):
    server: _Listener

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append({"path": self.path, "content_type": self.headers["Content-Type"],
                                     "json": json.loads(body.decode("utf-8"))})
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def listener():
    servers = []

    def start(status: int = 200) -> _Listener:
        server = _Listener(status)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _archive_with_broken_portal(db: str) -> None:
    """Portal 'thanhson' ran fine yesterday; today every fetch failed."""
    archive = Archive(db)
    yesterday = (datetime.now(timezone.utc) - timedelta(days=1)).replace(microsecond=0).isoformat()
    today = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    first = archive.start_run({}, ["thanhson"])
    for n in range(3):
        url = f"http://thanhson.example/tin-tuc/bai-{n}"
        archive.record_fetch(first, url, 200)
        archive.save_article({"url": url, "site": "thanhson.example", "title": f"Tin {n}", "body": "Nội dung",
                              "published": "2024-01-02", "views": 5, "images": []}, run_id=first)
    archive.finish_run(first, {"new": 3})
    second = archive.start_run({}, ["thanhson"])
    archive.record_fetch(second, "http://thanhson.example/tin-tuc", None, error="DNSLookupError")
    archive.finish_run(second, {})
    archive.close()
    conn = sqlite3.connect(db)
    record_portal_run(conn, "thanhson", first, started_at=yesterday, finished_at=yesterday)
    record_portal_run(conn, "thanhson", second, started_at=today, finished_at=today)
    conn.close()


def test_post_webhook_sends_json(listener):
    server = listener()
    assert post_webhook(server.url, {"portal": "Thanh Sơn", "ok": False}) == 200
    assert server.received == [{"path": "/hook", "content_type": "application/json; charset=utf-8",
                                "json": {"portal": "Thanh Sơn", "ok": False}}]


def test_post_webhook_failures_are_errors(listener):
    server = listener(status=500)
    with pytest.raises(NotifyError, match="answered 500"):
        post_webhook(server.url, {})
    port = server.server_address[1]
    server.shutdown()
    server.server_close()
    with pytest.raises(NotifyError, match="unreachable"):
        post_webhook(f"http://127.0.0.1:{port}/hook", {})


def test_health_notify_posts_the_broken_portals(tmp_path, listener):
    db = str(tmp_path / "a.db")
    _archive_with_broken_portal(db)
    server = listener()
    result = run_cli("health", "--db", db, "--notify", server.url, check=False)
    assert result.returncode == 3
    assert len(server.received) == 1
    payload = server.received[0]["json"]
    assert payload["broken"] == ["thanhson"]
    assert payload["subject"] == "portal-archive: 1 portal(s) broke"
    [portal] = payload["results"]
    assert portal["problems"] == ["mostly failing fetches: 1 of 1 failed"]


def test_health_notify_stays_quiet_when_all_is_well(tmp_path, listener):
    db = str(tmp_path / "a.db")
    _archive_with_broken_portal(db)
    archive = Archive(db)
    run = archive.start_run({}, ["yenlap"])
    url = "http://yenlap.example/tin-tuc/bai-1"
    archive.record_fetch(run, url, 200)
    archive.save_article({"url": url, "site": "yenlap.example", "title": "Tin", "body": "Nội dung",
                          "published": datetime.now(timezone.utc).date().isoformat(), "views": 5, "images": []},
                         run_id=run)
    archive.finish_run(run, {"new": 1})
    archive.close()
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    conn = sqlite3.connect(db)
    record_portal_run(conn, "yenlap", run, started_at=now, finished_at=now)
    conn.close()
    server = listener()
    # A report with no broken portal sends nothing (without --always-notify).
    result = run_cli("health", "--db", db, "--portal", "yenlap", "--notify", server.url, check=False)
    assert result.returncode == 0
    assert server.received == []


def test_unreachable_webhook_is_reported_but_exit_says_broken(tmp_path, listener):
    db = str(tmp_path / "a.db")
    _archive_with_broken_portal(db)
    server = listener()
    url = server.url
    server.shutdown()
    server.server_close()
    result = run_cli("health", "--db", db, "--notify", url, check=False)
    assert result.returncode == 3
    assert "Error: alert not sent: webhook" in result.stderr and "Traceback" not in result.stderr


def test_email_command_gets_the_alert_on_stdin(tmp_path):
    db = str(tmp_path / "a.db")
    _archive_with_broken_portal(db)
    outbox = tmp_path / "outbox.txt"
    # A stand-in for `mail -s SUBJECT ADDRESS`: writes its subject argument and stdin to a file.
    mailer = tmp_path / "mailer.py"
    mailer.write_text("import sys\nopen(sys.argv[2], 'w').write(sys.argv[1] + '\\n' + sys.stdin.read())\n")
    command = f'{sys.executable} {mailer} "{{subject}}" {outbox}'
    result = run_cli("health", "--db", db, "--email-command", command, check=False)
    assert result.returncode == 3
    subject, *body = outbox.read_text().splitlines()
    assert subject == "portal-archive: 1 portal(s) broke"
    assert body == ["1 of 1 portals broke:", "- thanhson: mostly failing fetches: 1 of 1 failed"]


def test_failing_email_command_is_one_line(tmp_path):
    with pytest.raises(NotifyError, match="exited 3"):
        send_email(f"{sys.executable} -c 'import sys; sys.exit(3)'", "s", "t")
