"""Shared test fixtures: sample portals served on 127.0.0.1, CLI runner, temp archives."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scraper.sample.server import serve_portal

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PORTALS = FIXTURES / "portals"
PORTAL_NAMES = sorted(p.name for p in PORTALS.iterdir() if (p / "manifest.json").exists())


def run_cli(*args: str, check: bool = True, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run `portal-archive ARGS` as a real process, the way a user does."""
    cmd = [sys.executable, "-m", "portal_archive", *args]
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run(cmd, capture_output=True, text=True, env=full_env, timeout=timeout, cwd=ROOT)
    if check and result.returncode != 0:
        raise AssertionError(f"{cmd} exited {result.returncode}:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result


def stop_process(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Terminate a server a test started; kill it if it does not go in time."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def load_expected(portal: str) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((PORTALS / portal / "expected").glob("*.json"))]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the project's own golden files (tests/fixtures/unseen) from what extraction gives now")


@pytest.fixture
def update_golden(request) -> bool:
    """True under `pytest --update-golden`: golden tests then rewrite their expected files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def portal_server():
    """Factory: `with portal_server("liferay") as server: server.base_url`."""
    return lambda name: serve_portal(str(PORTALS / name))
