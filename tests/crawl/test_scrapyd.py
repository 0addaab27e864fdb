"""Deploy to a real scrapyd on 127.0.0.1, schedule a crawl through its HTTP API, find the articles.

The test starts scrapyd itself (its own port, config and folders under tmp_path), deploys a
copy of the project with `scrapyd-deploy` (the copy keeps the egg build's `build/` out of the
working tree), and schedules the `portal` spider on a served sample portal with the archive
path as a setting, exactly as an archivist would with curl.

A scrapyd server has the project's dependencies but not the project: only the egg. Here the
project is also installed (editable) in the same environment, so scrapyd is given a runner that
first removes the editable install's import hook; the runner notes where `scraper` was imported
from, and the test checks it was the deployed egg.
"""
from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_expected, stop_process

PROJECT = "portal_archive"
WAIT_SECONDS = 180  # a bound on waiting, not a speed assertion


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, endpoint: str, data: dict | None = None) -> dict:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=30) as response:
        return json.loads(response.read())


_EGG_ONLY_RUNNER = """\
import atexit, os, sys

sys.meta_path[:] = [finder for finder in sys.meta_path if "editable" not in repr(finder)]


def _note():
    module = sys.modules.get("scraper")
    if module is not None:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "imported-from.txt"), "a") as f:
            f.write(module.__file__ + "\\n")


if __name__ == "__main__":  # multiprocessing's spawn re-imports the main module: only run it once
    atexit.register(_note)
    from scrapyd.runner import main

    main()
"""


def _copy_project(target: Path, scrapyd_url: str) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for package in ("scraper", "spiders", "archive"):
        shutil.copytree(ROOT / package, target / package, ignore=ignore)
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, target / name)
    cfg = (ROOT / "scrapy.cfg").read_text()
    assert "[deploy]" in cfg
    (target / "scrapy.cfg").write_text(cfg.replace("http://127.0.0.1:6800/", scrapyd_url + "/"))


@pytest.fixture
def scrapyd(tmp_path):
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = _free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\npoll_interval = 0.5\nmax_proc = 2\nrunner = egg_only_runner\n"
    )
    (home / "egg_only_runner.py").write_text(_EGG_ONLY_RUNNER)
    executable = Path(sys.executable).with_name("scrapyd")
    log = open(home / "scrapyd.out", "w")
    proc = subprocess.Popen([str(executable)], cwd=home, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if _api(base, "daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"scrapyd did not start:\n{(home / 'scrapyd.out').read_text()[-3000:]}")
            time.sleep(0.2)
        yield base, home
    finally:
        stop_process(proc, timeout=20)
        log.close()


def test_deploy_schedule_and_archive(tmp_path, scrapyd, portal_server):
    base, home = scrapyd
    project = tmp_path / "project"
    _copy_project(project, base)
    deploy = subprocess.run([str(Path(sys.executable).with_name("scrapyd-deploy")), "--version", "1"],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert '"status": "ok"' in deploy.stdout + deploy.stderr
    assert "portal" in _api(base, f"listspiders.json?project={PROJECT}")["spiders"]

    db = tmp_path / "archive.db"
    with portal_server("phutho-aspnet") as server:
        job = _api(base, "schedule.json", {
            "project": PROJECT, "spider": "portal", "start_urls": ",".join(server.start_urls()),
            "setting": [f"PORTAL_ARCHIVE_DB={db}"],
        })
        assert job["status"] == "ok", job
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            jobs = _api(base, f"listjobs.json?project={PROJECT}")
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                break
            assert time.monotonic() < deadline, f"job still not finished: {jobs}"
            time.sleep(0.5)
    job_log = next((home / "logs").rglob(f"{job['jobid']}.log"))
    log_text = job_log.read_text(errors="replace")
    conn = sqlite3.connect(db)
    archived = {row[0] for row in conn.execute("SELECT title FROM articles")}
    runs = conn.execute("SELECT count(*) FROM crawl_runs WHERE finished_at IS NOT NULL").fetchone()[0]
    conn.close()
    expected = {e["title"] for e in load_expected("phutho-aspnet")}
    assert archived == expected, log_text[-4000:]
    assert runs == 1
    imported_from = (home / "imported-from.txt").read_text().splitlines()
    assert imported_from and all(".egg" in line and str(ROOT) not in line for line in imported_from), imported_from
