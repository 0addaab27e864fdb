"""A portal's crawl state in bounded memory: compact URL sets, a request queue spilling to disk."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scraper.frontier import UrlSet
from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal
from tests.conftest import ROOT


@pytest.mark.parametrize("count", [0, 1, 4095, 4096, 10_000])
def test_url_set_holds_what_was_added_and_nothing_else(count):
    urls = [f"http://127.0.0.1:8000/tin-tuc/bai-{i}.html" for i in range(count)]
    known = UrlSet(urls[: count // 2])
    for url in urls[count // 2:]:
        known.add(url)
    known.add(urls[0]) if urls else None  # adding twice counts once
    assert len(known) == count and bool(known) == (count > 0)
    assert all(url in known for url in urls)
    assert not any(f"http://127.0.0.1:8000/tin-tuc/khac-{i}.html" in known for i in range(1000))
    assert b"\x00fingerprint" not in known and 42 not in known
    assert known.memory_bytes() <= 8 * count + 64 * 4096


_SCRIPT = """
import json, sys
from scraper import frontier
from scraper.crawl import run_crawl

spilled = []
push = frontier.SpillingScheduler._dqpush

def counting(self, request):
    stored = push(self, request)
    spilled.append(stored)
    return stored

if __name__ == "__main__":  # (the archive writer is a spawned process that imports this script)
    frontier.SpillingScheduler._dqpush = counting
    summary = run_crawl([sys.argv[1]], sys.argv[2], settings={"MEDIA_ENABLED": False, "WARC_ENABLED": False,
                                                              "PORTAL_ARCHIVE_QUEUE_IN_MEMORY": 3})
    print(json.dumps({"new": summary["new"], "spilled": sum(spilled)}))
"""


def test_requests_beyond_the_memory_cap_wait_on_disk_and_all_are_crawled(tmp_path):
    generate_portal(str(tmp_path / "portal"), 45, per_page=15, broken_links=False)
    temp = tmp_path / "tmp"
    temp.mkdir()
    with serve_portal(str(tmp_path / "portal")) as server:
        out = subprocess.run([sys.executable, "-c", _SCRIPT, server.start_urls()[0], str(tmp_path / "x.db")],
                             capture_output=True, text=True, cwd=ROOT, timeout=300, check=True,
                             env={"PATH": "/usr/bin:/bin", "PORTAL_ARCHIVE_MAX_CRAWL_DELAY": "0", "TMPDIR": str(temp)})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["spilled"] > 0  # 15 article links a listing page against 3 in memory
    assert result["new"] == 45
    assert not list(temp.glob("portal-archive-queue-*"))  # the spilled queue is removed with the crawl
