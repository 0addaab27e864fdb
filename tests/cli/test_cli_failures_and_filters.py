"""Failures that show and filters that match nothing (issue #20).

`reextract` exits 1 and names each page that failed (URL and reason), in text and JSON; a
--site, --url or --portal that matches nothing says so on stderr, naming what the archive holds;
`stats --site` counts that site's records only.
"""
from __future__ import annotations

import json

import pytest

from archive.health import record_portal_run
from archive.schema import connect
from archive.store import Archive
from tests.conftest import run_cli

YENLAP, TAMNONG = "yenlap.phutho.gov.vn", "tamnong.phutho.gov.vn"
PAGE = "<html><head><title>{t}</title></head><body><h1>{t}</h1><div class='content'><p>{b}</p></div></body></html>"


def _article(host: str, n: int, views: int) -> dict:
    return {"url": f"http://{host}/tin-tuc/{n}", "site": host, "title": f"Hội nghị lần {n}",
            "body": "Nội dung hội nghị của huyện.", "published": f"2024-03-0{n}", "views": views,
            "images": [], "attachments": []}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("filters") / "archive.db")
    with Archive(path) as archive:
        run = archive.start_run({}, [YENLAP])
        for n in (1, 2, 3):
            record = _article(YENLAP, n, 10 * n)
            archive.save_article(record, run_id=run, content_type="text/html",
                                 raw_body=PAGE.format(t=record["title"], b=record["body"]).encode())
        archive.record_fetch(run, f"http://{YENLAP}/tin-tuc/1", 200)
        # a page stored as fetched that is no HTML at all: its re-extraction fails
        archive.save_article(_article(TAMNONG, 4, 5), run_id=run, raw_body=b"%PDF-1.4\x00\x01\x02\x03" * 50,
                             content_type="application/pdf")
        archive.finish_run(run, {})
    conn = connect(path)
    record_portal_run(conn, "yenlap", run, started_at="2024-03-05T00:00:00+00:00",
                      finished_at="2024-03-05T01:00:00+00:00")
    conn.close()
    return path


def test_reextract_names_each_failed_page_and_exits_1(db):
    result = run_cli("reextract", "--db", db, check=False)
    assert result.returncode == 1
    assert f"failed: http://{TAMNONG}/tin-tuc/4: ExtractionError: the file is binary" in result.stderr
    assert result.stderr.strip().splitlines()[-1] == "Error: extraction failed for 1 of 4 pages (listed above)"
    assert "Traceback" not in result.stderr
    as_json = run_cli("reextract", "--db", db, "--format", "json", check=False)
    assert as_json.returncode == 1
    summary = json.loads(as_json.stdout)
    assert summary["failed"] == 1 and summary["pages"] == 4
    assert summary["failures"] == [{"url": f"http://{TAMNONG}/tin-tuc/4",
                                    "error": "ExtractionError: the file is binary, not an HTML page"}]
    clean = run_cli("reextract", "--db", db, "--site", YENLAP, "--format", "json")
    assert json.loads(clean.stdout)["failed"] == 0


@pytest.mark.parametrize("args, names", [
    (["search", "hoi", "--site", "nosuch.example"], [YENLAP, TAMNONG]),
    (["export", "--site", "nosuch.example"], [YENLAP, TAMNONG]),
    (["stats", "--site", "nosuch.example"], [YENLAP, TAMNONG]),
    (["reextract", "--site", "nosuch.example"], [YENLAP, TAMNONG]),
    (["reextract", "--url", f"http://{YENLAP}/tin-tuc/99"], [f"http://{YENLAP}/tin-tuc/3"]),
    (["health", "--portal", "nosuch"], ["recorded portals: yenlap"]),
])
def test_a_filter_that_matches_nothing_says_so_and_names_what_exists(db, args, names):
    result = run_cli(*args, "--db", db, check=False)
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: no ")
    for name in names:
        assert name in line


def test_stats_totals_follow_the_site_filter(db):
    def totals(*args):
        return json.loads(run_cli("stats", "--db", db, "--format", "json", *args).stdout)["totals"]

    everything, yenlap, tamnong = totals(), totals("--site", YENLAP), totals("--site", TAMNONG)
    assert (yenlap["articles"], tamnong["articles"], everything["articles"]) == (3, 1, 4)
    assert (yenlap["view_counts"], tamnong["view_counts"]) == (3, 1)
    assert (yenlap["raw_pages"], tamnong["raw_pages"], everything["raw_pages"]) == (3, 1, 4)
    assert (yenlap["fetches"], tamnong["fetches"], everything["fetches"]) == (1, 0, 1)
