"""Every request on record with why it failed; the exit code and the summary say what failed;
nothing archived is replaced by a worse answer (an error page, an empty 200, an oversized one)."""
from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys

from scraper.sample.generate import generate_portal
from scraper.sample.server import serve_portal
from tests.conftest import ROOT, run_cli
from tests.crawl_support import FAST, crawl, export, path_of

EXIT_ITEMS_FAILED = 4


def _portal(tmp_path, n: int = 40) -> tuple[str, dict, list[str]]:
    """A generated portal of `n` articles (20 a listing page) without its deliberately broken links."""
    folder = str(tmp_path / "portal")
    manifest = generate_portal(folder, n, per_page=20, seed=5, broken_links=False)
    articles = sorted(p for p, r in manifest["routes"].items() if r.get("file", "").startswith("article-"))
    return folder, manifest, articles


def _rows(db: str, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_portal_fails_in_one_line_with_its_fetches_on_record(tmp_path):
    db = str(tmp_path / "a.db")
    url = f"http://127.0.0.1:{_free_port()}/"
    result = run_cli("crawl", url, "--db", db, check=False, env=FAST)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: nothing could be fetched from " + url), result.stderr
    kinds = _rows(db, "SELECT DISTINCT kind, status, error_kind FROM fetches")
    assert ("listing", None, "network") in kinds and all(k[2] == "network" for k in kinds), kinds


def test_failed_articles_are_recorded_by_kind_listed_and_make_the_exit_code_say_so(tmp_path):
    folder, manifest, articles = _portal(tmp_path)
    bad_redirect, server_error, gone, empty = articles[:4]
    db = str(tmp_path / "a.db")
    with serve_portal(folder) as server:
        server.routes[bad_redirect] = {"status": 301, "location": "http://[bad"}
        server.routes[server_error] = {"status": 500}
        server.routes[gone] = {"status": 404}
        (tmp_path / "portal" / "pages" / "empty.html").write_bytes(b"")
        server.routes[empty] = {"file": "empty.html"}
        # two start URLs (both listing pages), as a crawl of several targets by hand
        listings = [p for p, r in manifest["routes"].items() if r.get("file", "").startswith("listing-")]
        starts = [server.base_url + p for p in listings]
        assert len(starts) == 2
        text = run_cli("crawl", *starts, "--db", db, check=False, env=FAST)
        as_json = run_cli("crawl", *starts, "--db", str(tmp_path / "b.db"), "--format", "json", check=False, env=FAST)

    assert text.returncode == as_json.returncode == EXIT_ITEMS_FAILED, text.stderr
    assert "Traceback" not in text.stderr + as_json.stderr
    by_kind = {path_of(url): (status, error_kind) for url, status, error_kind in
               _rows(db, "SELECT url, status, error_kind FROM fetches WHERE kind = 'article' ORDER BY id")}
    assert by_kind[bad_redirect] == (301, "bad_redirect")
    assert by_kind[server_error] == (500, "http")
    assert by_kind[gone] == (404, "http")
    assert by_kind[empty] == (200, "not_article")
    # no article fetched with 200 is missing from the archive without a reason on its row
    archived = {path_of(r["url"]) for r in export(db)}
    silent = [p for p, (status, kind) in by_kind.items() if status == 200 and kind is None and p not in archived]
    assert silent == []
    assert len(archived) == len(articles) - 4

    summary = json.loads(as_json.stdout)
    failed = {path_of(f["url"]): f["kind"] for f in summary["failures"]}
    assert failed == {bad_redirect: "bad_redirect", server_error: "http", gone: "http"}
    assert summary["failed"] == 3 and summary["errors"]["not_article"] == 1
    # the summary counts what the fetches table holds
    counted = dict(_rows(str(tmp_path / "b.db"), "SELECT error_kind, count(*) FROM fetches WHERE error_kind IS NOT NULL "
                                               "GROUP BY error_kind"))
    assert summary["errors"] == counted and counted["bad_redirect"] == 1
    for path in failed:  # the text summary names each failed URL with its reason
        line = next(line for line in text.stdout.splitlines() if line.strip().startswith("http") and path in line)
        assert "http" in line or "bad_redirect" in line
    assert text.stderr.strip().splitlines()[-1].startswith("Error: 3 of ")


def test_every_article_failing_is_a_failed_crawl(tmp_path):
    folder, manifest, articles = _portal(tmp_path, n=10)
    db = str(tmp_path / "a.db")
    with serve_portal(folder) as server:
        for path in articles:
            server.routes[path] = {"status": 503}
        result = run_cli("crawl", server.base_url + manifest["start_urls"][0], "--db", db, check=False, env=FAST)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: every article failed: {len(articles)} (http "), lines
    assert "Traceback" not in result.stderr


_OVERSIZED_CRAWL = """
import json, sys
from scraper.crawl import run_crawl
if __name__ == "__main__":  # (the archive writer is a spawned process that imports this script)
    summary = run_crawl([sys.argv[1]], sys.argv[2], revisit=True,
                        settings={"MEDIA_ENABLED": False, "WARC_ENABLED": False, "PORTAL_ARCHIVE_PAGE_MAXSIZE": 100_000})
    print(json.dumps(summary))
"""


def test_a_revisit_answered_by_worse_pages_keeps_the_archived_articles(tmp_path):
    folder, manifest, articles = _portal(tmp_path, n=20)
    db = str(tmp_path / "a.db")
    empty, broken, oversized = articles[:3]
    pages = tmp_path / "portal" / "pages"
    with serve_portal(folder) as server:
        start = server.base_url + manifest["start_urls"][0]
        crawl(start, "--db", db, "--no-warc", "--no-media")
        before = {path_of(r["url"]): r for r in export(db)}
        (pages / "empty.html").write_bytes(b"")
        (pages / "huge.html").write_bytes(b"<html><body>" + b"<p>x</p>" * 40_000 + b"</body></html>")
        server.routes[empty] = {"file": "empty.html"}
        server.routes[broken] = {"status": 500}
        server.routes[oversized] = {"file": "huge.html"}
        out = subprocess.run([sys.executable, "-c", _OVERSIZED_CRAWL, start, db], capture_output=True, text=True,
                             cwd=ROOT, timeout=300, env={**FAST, "PATH": "/usr/bin:/bin"})
        assert out.returncode == 0, out.stderr[-2000:]
        summary = json.loads(out.stdout.strip().splitlines()[-1])

    after = {path_of(r["url"]): r for r in export(db)}
    for path in (empty, broken, oversized):  # every field as it was: version, body, last seen, not removed
        assert after[path] == before[path]
    assert {p: {**r, "last_seen": None} for p, r in after.items()} == {p: {**r, "last_seen": None} for p, r in before.items()}
    assert _rows(db, "SELECT url FROM not_articles") == []
    kinds = {path_of(u): k for u, k in _rows(db, "SELECT url, error_kind FROM fetches WHERE run_id = ? "
                                                 "AND kind = 'article'", summary["run_id"])}
    assert kinds[empty] == "not_article" and kinds[broken] == "http" and kinds[oversized] == "too_large"
    assert summary["kept"] == 1 and summary["unchanged"] == len(articles) - 3
    assert {path_of(f["url"]) for f in summary["failures"]} == {broken, oversized}


# A fault put into the spider's listing extraction for one page: what a program error met on a
# real page does (5 of 741 web-eval pages once raised ValueError out of extract_listing).
_FAULTY_LISTING_CRAWL = """
import json, sys
import spiders.portal
from scraper.crawl import crawl_verdict, run_crawl
real = spiders.portal.extract_listing
def faulty(body, url, **kwargs):
    if url.endswith(sys.argv[3]):
        raise ValueError("a program error met on this page")
    return real(body, url, **kwargs)
spiders.portal.extract_listing = faulty
if __name__ == "__main__":  # (the archive writer is a spawned process that imports this script)
    summary = run_crawl(sys.argv[1].split(), sys.argv[2], settings={"MEDIA_ENABLED": False, "WARC_ENABLED": False})
    print(json.dumps({"summary": summary, "verdict": crawl_verdict(summary, sys.argv[1].split())}))
"""


def test_a_program_error_on_a_page_is_counted_and_makes_the_exit_code_say_so(tmp_path):
    folder, manifest, articles = _portal(tmp_path)
    listings = sorted(p for p, r in manifest["routes"].items() if r.get("file", "").startswith("listing-"))
    db = str(tmp_path / "a.db")
    with serve_portal(folder) as server:
        starts = " ".join(server.base_url + p for p in listings)
        out = subprocess.run([sys.executable, "-c", _FAULTY_LISTING_CRAWL, starts, db, listings[1]],
                             capture_output=True, text=True, cwd=ROOT, timeout=300, env={**FAST, "PATH": "/usr/bin:/bin"})
        assert out.returncode == 0, out.stderr[-2000:]
        result = json.loads(out.stdout.strip().splitlines()[-1])
        assert result["summary"]["spider_errors"] == 1
        code, reason = result["verdict"]
        assert code == EXIT_ITEMS_FAILED and "1 page could not be handled" in reason, reason
        assert len(export(db)) == 20  # the other listing's articles are archived all the same
        again = crawl(*starts.split(), "--db", db, "--no-warc", "--no-media")  # the program error gone
    assert again["spider_errors"] == 0 and len(export(db)) == len(articles)
