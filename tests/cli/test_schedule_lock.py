"""Two overlapping scheduled runs on one archive: the second one does not run.

The first run crawls a portal whose server holds every request until the test lets go, so the
first run is certainly still inside its crawl (holding the archive's lock) while the second,
the very command line `schedule` prints, is started and finishes.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from archive.lock import LockHeld, archive_lock
from tests.conftest import ROOT, run_cli

HOLD_SECONDS = 120  # a bound so a broken test cannot hang forever, not a timing assertion


class _HeldServer(ThreadingHTTPServer):
    """Answers 404 to everything, but only once `release` is set."""

    daemon_threads = True

    def __init__(self) -> None:
        self.first_request = threading.Event()
        self.release = threading.Event()
        super().__init__(("127.0.0.1", 0), _HeldHandler)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _HeldHandler(BaseHTTPRequestHandler):
    server: _HeldServer

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self):  # noqa: N802
        self.server.first_request.set()
        self.server.release.wait(HOLD_SECONDS)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def held_server():
    server = _HeldServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def _scheduled_command(tmp_path, registry: str, db: str) -> str:
    line = run_cli("schedule", "--every", "1d", "--db", db, "--registry", registry,
                   "--log-dir", str(tmp_path / "logs")).stdout.strip()
    return line.split(None, 5)[5]  # the five time fields of the cron line, then the command


def test_overlapping_scheduled_runs_do_not_both_run(tmp_path, held_server):
    db = str(tmp_path / "archive.db")
    registry = tmp_path / "sites.toml"
    registry.write_text(f'[[site]]\nname = "slow"\nprovince = "Phú Thọ"\n'
                        f'start_urls = ["{held_server.base_url}/tin-tuc"]\n', encoding="utf-8")
    command = _scheduled_command(tmp_path, str(registry), db)
    first = subprocess.Popen(["/bin/sh", "-c", command], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=ROOT)
    try:
        assert held_server.first_request.wait(HOLD_SECONDS), "the first run never reached the portal"
        second = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, cwd=ROOT,
                                timeout=HOLD_SECONDS)
    finally:
        held_server.release.set()
    out, err = first.communicate(timeout=HOLD_SECONDS * 2)

    assert "not starting: another crawl is running on this archive" in second.stderr
    assert "crawling 1 portals" not in second.stderr
    assert second.stdout == ""  # neither a crawl summary nor a health report from the second run
    assert second.returncode == 0  # a skipped run is not an error for cron to mail about
    assert "crawling 1 portals" in err
    assert "slow" in out  # the first run's summary and health table
    conn = sqlite3.connect(db)
    runs = conn.execute("SELECT count(*) FROM crawl_runs").fetchone()[0]
    portal_runs = conn.execute("SELECT count(*) FROM portal_runs").fetchone()[0]
    conn.close()
    assert (runs, portal_runs) == (1, 1)
    # Once the first run is over, the next scheduled run goes ahead.
    third = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "crawling 1 portals" in third.stderr


def test_lock_is_released_when_the_holder_is_killed(tmp_path):
    db = str(tmp_path / "archive.db")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from archive.lock import archive_lock\n"
         f"with archive_lock({db!r}):\n    print('held', flush=True); time.sleep(300)"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LockHeld, match=f"pid {holder.pid}"):
            with archive_lock(db):
                pass
        result = run_cli("crawl", "--all", "--db", db, check=False)
        assert result.returncode == 75
        assert result.stderr.startswith("Error: not starting: another crawl is running on this archive")
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    with archive_lock(db):  # the kernel dropped the dead holder's lock: no stale lock file to clean
        pass
