"""A crawl at its default level builds no debug log records for its responses (one a response was measurable CPU)."""
from __future__ import annotations

import json
import subprocess
import sys

from scraper.sample.server import serve_portal
from tests.conftest import PORTALS, ROOT

_SCRIPT = """
import json, logging, sys
from scraper.crawl import run_crawl

built = {}
make_record = logging.Logger.makeRecord

def counting(self, name, level, *args, **kwargs):  # called only for records that pass the logger's level
    if name.startswith("scrapy.core"):  # the engine's and scraper's lines, one or more a response
        built[logging.getLevelName(level)] = built.get(logging.getLevelName(level), 0) + 1
    return make_record(self, name, level, *args, **kwargs)

if __name__ == "__main__":  # (the archive writer is a spawned process that imports this script)
    logging.Logger.makeRecord = counting
    summary = run_crawl([sys.argv[1]], sys.argv[2], settings={"MEDIA_ENABLED": False, "WARC_ENABLED": False})
    print(json.dumps({"new": summary.get("new"), "levels": built}))
"""


def test_a_default_crawl_builds_no_debug_records(tmp_path):
    with serve_portal(str(PORTALS / "phutho-aspnet")) as server:
        out = subprocess.run([sys.executable, "-c", _SCRIPT, server.start_urls()[0], str(tmp_path / "x.db")],
                             capture_output=True, text=True, cwd=ROOT, timeout=300, check=True,
                             env={"PATH": "/usr/bin:/bin", "PORTAL_ARCHIVE_MAX_CRAWL_DELAY": "0"})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["new"] > 0
    assert "DEBUG" not in result["levels"] and "INFO" not in result["levels"], result["levels"]
