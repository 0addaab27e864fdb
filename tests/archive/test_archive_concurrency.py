"""Searching while a crawl writes to the same file: a writer process and reader processes."""
from __future__ import annotations

import json
import subprocess
import sys
import time

from tests.conftest import ROOT, run_cli

WRITER = """
import random, sys
from archive.store import Archive
from scraper.sample.textgen import make_article
path, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
with Archive(path, batch_size=20, batch_seconds=0.2) as archive:
    for i in range(n):
        archive.save_article(make_article(i, rng), raw_body=b"<html>page</html>")
        if i == 40:
            archive.flush()
            open(path + ".ready", "w").close()
open(path + ".done", "w").close()
"""

READER = """
import os, sys
from archive.reader import open_readonly
from archive.search import search
path = sys.argv[1]
ok = errors = 0
seen = []
while True:
    done = os.path.exists(path + ".done")
    try:
        conn = open_readonly(path)
        for q in ("huyen", "nông thôn mới", '"dan van kheo"', "xa OR huyen"):
            search(conn, q, limit=5)
        seen.append(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        conn.close()
        ok += 1
    except Exception as exc:
        errors += 1
        print(repr(exc), file=sys.stderr)
    if done:
        break
print(ok, errors, min(seen), max(seen))
"""


def test_search_while_a_crawl_writes(tmp_path):
    path = str(tmp_path / "archive.db")
    n = 1500
    writer = subprocess.Popen([sys.executable, "-c", WRITER, path, str(n)], cwd=ROOT)
    while not (tmp_path / "archive.db.ready").exists():
        assert writer.poll() is None, "writer died before its first commit"
        time.sleep(0.05)
    readers = [subprocess.Popen([sys.executable, "-c", READER, path], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    cli_runs = 0
    while writer.poll() is None:
        hits = json.loads(run_cli("search", "huyen", "--db", path, "--format", "json", "--limit", "3").stdout)
        assert hits
        cli_runs += 1
    assert writer.wait() == 0
    for reader in readers:
        out, err = reader.communicate(timeout=300)
        assert reader.returncode == 0, err
        ok, errors, low, high = map(int, out.split())
        assert errors == 0, err
        assert ok > 0
        assert "locked" not in err
    assert cli_runs > 0
    assert json.loads(run_cli("stats", "--db", path, "--format", "json").stdout)["totals"]["articles"] == n
