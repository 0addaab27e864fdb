"""`portal-archive wacz`: a portal's WARC records as a WACZ that `wacz validate` accepts, its pages inside."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zipfile

from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal
from tests.conftest import run_cli
from tests.crawl_support import crawl, export


def test_wacz_of_one_portal_out_of_a_crawl_of_two_validates_and_holds_its_pages(tmp_path):
    first = generate_portal(str(tmp_path / "one"), 3, per_page=10, seed=11, broken_links=False)
    second = generate_portal(str(tmp_path / "two"), 2, per_page=10, seed=12, broken_links=False)
    db = str(tmp_path / "archive.db")
    with serve_portal(str(tmp_path / "one")) as one, serve_portal(str(tmp_path / "two")) as two:
        # one crawl of both portals (two host names): their records share the WARC files
        two_url = two.base_url.replace("127.0.0.1", "localhost")
        crawl(one.base_url + first["start_urls"][0], two_url + second["start_urls"][0], "--db", db, "--no-media")
        host, other = "127.0.0.1", "localhost"
    assert {r["site"] for r in export(db)} == {host, other}
    articles = {r["url"] for r in export(db) if r["site"] == host}
    assert len(articles) == 3
    out = tmp_path / "one.wacz"
    said = run_cli("wacz", "--site", host, "--db", db, "--output", str(out)).stdout
    assert "3 pages" in said

    check = subprocess.run([sys.executable, "-m", "wacz", "validate", "-f", str(out)], capture_output=True, text=True)
    assert check.returncode == 0 and "valid" in check.stdout, check.stdout + check.stderr

    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        assert any(n.startswith("archive/") and n.endswith(".warc.gz") for n in names)
        index = gzip.decompress(package.read("indexes/index.cdx.gz")).decode("utf-8")
        pages = [json.loads(line) for line in package.read("pages/pages.jsonl").decode("utf-8").splitlines()[1:]]
    indexed = {json.loads(line.split(" ", 2)[2])["url"] for line in index.splitlines() if line.strip()}
    assert articles <= indexed                       # every article page can be replayed
    assert not any(other in url for url in indexed)  # the other portal's records stayed out
    assert any(url.endswith("/robots.txt") for url in indexed)
    assert {p["url"] for p in pages} == articles and all(p["title"] for p in pages)


def test_wacz_errors_are_one_line(tmp_path):
    first = generate_portal(str(tmp_path / "one"), 1, per_page=10, seed=13, broken_links=False)
    db = str(tmp_path / "archive.db")
    with serve_portal(str(tmp_path / "one")) as one:
        crawl(one.base_url + first["start_urls"][0], "--db", db, "--no-warc", "--no-media")
        host = "127.0.0.1"
    for args, message in ((["--site", host], "no WARC files in"), (["--site", "nosuch.example"], "no article from site")):
        result = run_cli("wacz", "--db", db, *args, check=False)
        assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
