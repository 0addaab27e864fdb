"""pywb (the Webrecorder Wayback server) on 127.0.0.1 for the WARC tests.

pywb lives in its own venv, `.venv-pywb` (`make pywb`; `make test` builds it first), because its
pinned dependencies would replace Scrapy's in `.venv`.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Iterator
from tests.conftest import stop_process

ROOT = Path(__file__).resolve().parent.parent
PYWB_BIN = Path(os.environ.get("PYWB_BIN", ROOT / ".venv-pywb" / "bin"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))  # the OS picks the port
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_pywb(warc_files: list[str], workdir: Path, collection: str = "portal") -> Iterator[str]:
    """Index `warc_files` into a pywb collection and serve it; yields the collection's base URL."""
    wb_manager, wayback = PYWB_BIN / "wb-manager", PYWB_BIN / "wayback"
    assert wayback.exists(), f"pywb is not installed at {PYWB_BIN}: run `make pywb`"
    workdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(wb_manager), "init", collection], cwd=workdir, check=True, capture_output=True)
    subprocess.run([str(wb_manager), "add", collection, *warc_files], cwd=workdir, check=True, capture_output=True)
    port = _free_port()
    log = open(workdir / "pywb.log", "wb")
    process = subprocess.Popen([str(wayback), "-p", str(port), "-b", "127.0.0.1"], cwd=workdir,
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/{collection}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/cdx?url=example.invalid/", timeout=5).read()
                break
            except Exception:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"pywb did not start: {(workdir / 'pywb.log').read_text()[-2000:]}")
                time.sleep(0.3)
        yield base
    finally:
        stop_process(process, timeout=10)
        log.close()
